// `.vsphere-csi.yaml` as a user writes it: valid files resolve, mistakes are reported on the line
// of the offending key or value, and `rules:` changes what the linter reports.
import { describe, expect, it } from 'vitest';
import { LineIndex, defaultConfig, parseConfigText } from '../../../server/src/service/index.js';
import { lint, ofRule } from '../../helpers/lint.js';

const FULL = `# inventory of the lab cluster
driver:
  version: "3.7.3"
  flavor: vanilla
vsphere:
  version: "8.0.2"
storagePolicies:
  - vSAN Default Storage Policy
  - Gold
datastores:
  - url: "ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/"
    name: vsanDatastore
    type: vsan
    fileServices: true
  - url: "ds:///vmfs/volumes/5c9bb20e-009c1e46-4b85-0200483b2a97/"
    type: vmfs
storageClasses: [cluster-default]
topology:
  categories: [k8s-region, k8s-zone]
nodes:
  count: 3
  maxVolumesPerNode: 59
rules:
  sc-unknown-parameter: warning
  k8s-schema: off
ignore:
  - "charts/**/templates/**"
`;

/** Problems as `line: message`, 1-based like editors show them, plus the text each one points at. */
function problems(text: string) {
  const { problems } = parseConfigText(text, 'file:///ws/.vsphere-csi.yaml');
  const lines = new LineIndex(text);
  return problems.map((p) => ({ line: lines.positionAt(p.start).line + 1, text: text.slice(p.start, p.end), message: p.message }));
}

describe('parseConfigText', () => {
  it('resolves a complete valid file', () => {
    const { config, problems } = parseConfigText(FULL, 'file:///ws/.vsphere-csi.yaml');
    expect(problems).toEqual([]);
    expect(config.driver).toEqual({ version: '3.7.3', flavor: 'vanilla' });
    expect(config.vsphere.version).toBe('8.0.2');
    expect(config.storagePolicies).toEqual(['vSAN Default Storage Policy', 'Gold']);
    expect(config.datastores).toHaveLength(2);
    expect(config.datastores![0]).toMatchObject({ type: 'vsan', fileServices: true, name: 'vsanDatastore' });
    expect(config.storageClasses).toEqual(['cluster-default']);
    expect(config.topology).toEqual({ categories: ['k8s-region', 'k8s-zone'] });
    expect(config.nodes).toEqual({ count: 3, maxVolumesPerNode: 59 });
    expect(config.rules).toEqual({ 'sc-unknown-parameter': 'warning', 'k8s-schema': 'off' });
    expect(config.ignore).toEqual(['charts/**/templates/**']);
    expect(config.source).toBe('file:///ws/.vsphere-csi.yaml');
  });

  it('accepts a leading v on the driver version and vSphere update notation', () => {
    const { config, problems } = parseConfigText('driver:\n  version: v3.6.0\nvsphere:\n  version: 7.0U3\n', 'file:///c');
    expect(problems).toEqual([]);
    expect(config.driver.version).toBe('3.6.0');
    expect(config.vsphere.version).toBe('7.0U3');
  });

  it('gives defaults for an empty, comment-only or missing file', () => {
    for (const text of ['', '# nothing yet\n', '---\n']) {
      const { config, problems } = parseConfigText(text, 'file:///c');
      expect(problems).toEqual([]);
      expect({ ...config, source: undefined }).toEqual({ ...defaultConfig(), source: undefined });
    }
    const defaults = defaultConfig();
    expect(defaults.driver).toEqual({ version: '3.7.3', flavor: 'vanilla' });
    expect(defaults.storagePolicies).toBeUndefined();
    expect(defaults.datastores).toBeUndefined();
    expect(defaults.rules).toEqual({});
  });

  it('reports unknown keys on the line of the key, with a did-you-mean', () => {
    expect(problems('driver:\n  version: "3.7.3"\n  flavour: vanilla\nstoragePolicy: [Gold]\n')).toEqual([
      { line: 3, text: 'flavour', message: expect.stringContaining('Unknown field "flavour"') },
      { line: 4, text: 'storagePolicy', message: expect.stringMatching(/Unknown field "storagePolicy".*Did you mean "storagePolicies"/) },
    ]);
  });

  it('reports wrong types and values on the line of the value', () => {
    const text = 'driver:\n  version: 3.7\nnodes:\n  count: three\nrules:\n  sc-unknown-parameter: warn\ndatastores:\n  - name: nourl\n';
    const found = problems(text);
    expect(found.map((p) => [p.line, p.text])).toEqual([
      [2, '3.7'],
      [4, 'three'],
      [6, 'warn'],
      [8, 'name'],
    ]);
    expect(found[0]!.message).toBe('driver.version must be a string (found 3.7). Quote the value.');
    expect(found[1]!.message).toContain('must be an integer');
    expect(found[2]!.message).toContain('allowed values are "off", "info", "warning", "error"');
    expect(found[3]!.message).toContain('missing required field "url"');
  });

  it('keeps the valid parts of a file with problems', () => {
    const { config, problems } = parseConfigText('storagePolicies: [Gold]\nnodes:\n  count: many\nrules:\n  sc-unknown-parameter: info\n  x: loud\n', 'file:///c');
    expect(problems).toHaveLength(2);
    expect(config.storagePolicies).toEqual(['Gold']);
    expect(config.nodes.count).toBeUndefined();
    expect(config.rules).toEqual({ 'sc-unknown-parameter': 'info' });
  });

  it('reports YAML syntax errors at their position and falls back to defaults', () => {
    const found = problems('driver:\n  version: "3.7.3"\n  flavor: [vanilla\n');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBeGreaterThanOrEqual(3);
    expect(parseConfigText('driver: {version: "1.0"\n', 'file:///c').config.driver.version).toBe('3.7.3');
  });

  it('a top level that is not a mapping is one problem', () => {
    expect(problems('- driver\n').map((p) => p.line)).toEqual([1]);
  });

  it('`off` unquoted (a YAML 1.1 boolean) still means off', () => {
    const { config, problems } = parseConfigText('rules:\n  sc-unknown-parameter: off\n  k8s-schema: "off"\n', 'file:///c');
    expect(problems).toEqual([]);
    expect(config.rules).toEqual({ 'sc-unknown-parameter': 'off', 'k8s-schema': 'off' });
  });
});

describe('rules: severities are applied', () => {
  const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: csi.vsphere.vmware.com
parameters:
  storagePolicy: "Gold"
`;
  const severities = (config?: string) => ofRule(lint(text, config === undefined ? {} : { config }), 'sc-unknown-parameter').map((f) => f.severity);

  it('uses the default severity when the rule is not configured', () => {
    expect(severities()).toEqual(['error']);
    expect(severities('driver:\n  version: "3.7.3"\n')).toEqual(['error']);
  });

  it('off removes the findings', () => {
    expect(severities('rules:\n  sc-unknown-parameter: off\n')).toEqual([]);
  });

  it('warning, info and error replace the severity', () => {
    expect(severities('rules:\n  sc-unknown-parameter: warning\n')).toEqual(['warning']);
    expect(severities('rules:\n  sc-unknown-parameter: info\n')).toEqual(['info']);
    expect(severities('rules:\n  sc-unknown-parameter: error\n')).toEqual(['error']);
  });

  it('settings of other rules leave this one alone', () => {
    expect(severities('rules:\n  k8s-schema: off\n')).toEqual(['error']);
  });

  it('file rules can be configured too', () => {
    const broken = 'a: [1\n';
    expect(ofRule(lint(broken, { config: 'rules:\n  yaml-syntax: warning\n' }), 'yaml-syntax').map((f) => f.severity)).toEqual(['warning']);
  });
});
