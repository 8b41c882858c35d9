// Hover and completion in csi-vsphere.conf, and the topology categories it declares for
// StorageClass allowedTopologies checks.
import { describe, expect, it } from 'vitest';
import { csiConfSupport } from '../../../server/src/service/fragments/csiConf/index.js';
import { defaultConfig } from '../../../server/src/service/index.js';
import { lintFiles } from '../../helpers/lint.js';

const TEXT = `[Global]
insecure-flag = "1"
[VirtualCenter "vc.example.com"]
user = "CORP\\\\svc"
server = "x"
[NetPermissions "a"]
permissions = "READ_ONLY"
[Labels]
topology-categories = "k8s-region, k8s-zone"
`;

function fragment(text = TEXT) {
  return csiConfSupport.fromFile!(text, 'csi-conf')[0]!.fragment;
}
const hoverAt = (needle: string, text = TEXT, delta = 1) => csiConfSupport.hover!(fragment(text), text.indexOf(needle) + delta, defaultConfig());
const completeAt = (text: string, offset = text.length) => csiConfSupport.complete!(fragment(text), offset, defaultConfig());

describe('hover', () => {
  it('explains sections, subsections, keys and values with type, default and source', () => {
    const section = hoverAt('VirtualCenter')!;
    expect(TEXT.slice(...section.span)).toBe('VirtualCenter');
    expect(section.contents).toContain('Connection settings for one vCenter');
    expect(section.contents).toContain('pkg/common/config/types.go');
    expect(hoverAt('"vc.example.com"')!.contents).toContain('host name or IP address');
    const key = hoverAt('insecure-flag')!;
    expect(key.contents).toContain('boolean');
    expect(key.contents).toContain('default `false`');
    expect(key.contents).toContain('cannot turn it back off');
    expect(hoverAt('permissions')!.contents).toContain('`READ_WRITE` | `READ_ONLY` | `NO_ACCESS`');
    const value = hoverAt('"CORP')!;
    expect(TEXT.slice(...value.span)).toBe('"CORP\\\\svc"');
    expect(value.contents).toContain('The driver reads the value as `CORP\\\\svc`');
    expect(hoverAt('server')!.contents).toContain('cloud provider');
    expect(hoverAt('topology-categories')!.contents).toContain('topology.csi.vmware.com/<category>');
    expect(hoverAt('\n[Labels]', TEXT, 1)).toBeUndefined();
  });

  it('has a hover for every key the knowledge lists', () => {
    for (const [section, keys] of Object.entries({ Global: ['cluster-id', 'query-limit', 'vcenterip'], Snapshot: ['global-max-snapshots-per-block-volume'], TopologyCategory: ['label'] })) {
      for (const key of keys) {
        const text = `[${section}]\n${key} = 1\n`;
        expect(hoverAt(key, text)?.contents, `${section} ${key}`).toContain(`\`${key}\``);
      }
    }
  });
});

describe('completion', () => {
  it('offers section names after [', () => {
    const items = completeAt('[Glo');
    expect(items.map((i) => i.label)).toContain('VirtualCenter');
    expect(items.find((i) => i.label === 'Global')).toMatchObject({ insertText: 'Global]', replace: [1, 4], kind: 'section' });
    expect(items.find((i) => i.label === 'VirtualCenter')!.insertText).toBe('VirtualCenter "vcenter.example.com"]');
    expect(items.map((i) => i.label)).not.toContain('GC');
  });

  it('offers the keys of the current section not yet set', () => {
    const text = '[VirtualCenter "vc"]\nuser = "a@b"\nins';
    const items = completeAt(text);
    expect(items.map((i) => i.label)).toContain('insecure-flag');
    expect(items.map((i) => i.label)).not.toContain('user');
    expect(items.find((i) => i.label === 'insecure-flag')).toMatchObject({ insertText: 'insecure-flag = ', replace: [text.length - 3, text.length], kind: 'key' });
  });

  it('offers boolean and enumeration values', () => {
    expect(completeAt('[Global]\ninsecure-flag = ').map((i) => i.label)).toEqual(['true', 'false']);
    const text = '[NetPermissions "a"]\npermissions = "READ';
    const items = completeAt(text);
    expect(items.map((i) => [i.label, i.insertText])).toEqual([
      ['READ_WRITE', 'READ_WRITE'],
      ['READ_ONLY', 'READ_ONLY'],
      ['NO_ACCESS', 'NO_ACCESS'],
    ]);
    expect(items[0]!.replace).toEqual([text.length - 4, text.length]);
    expect(completeAt('[NetPermissions "a"]\npermissions = ').map((i) => i.insertText)).toContain('"READ_ONLY"');
    expect(completeAt('[Global]\nnope = ')).toEqual([]);
  });

  it('offers section headers before any section', () => {
    expect(completeAt('').map((i) => i.label)).toContain('[VirtualCenter "vcenter.example.com"]');
  });
});

describe('topology categories declared by csi-vsphere.conf', () => {
  const sc = (key: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: zonal
provisioner: csi.vsphere.vmware.com
volumeBindingMode: WaitForFirstConsumer
allowedTopologies:
  - matchLabelExpressions:
      - key: ${key}
        values: [zone-a]
`;

  it('are what StorageClass allowedTopologies keys are checked against', () => {
    const results = lintFiles({ files: { 'sc.yaml': sc('topology.csi.vmware.com/rack'), 'csi-vsphere.conf': TEXT } });
    const [finding] = results.get('sc.yaml')!.filter((f) => f.ruleId === 'sc-topology-key');
    expect(finding!.message).toContain('[Labels] topology-categories in csi-vsphere.conf (k8s-region, k8s-zone)');
    expect(finding!.related?.[0]).toMatchObject({ uri: 'file:///ws/csi-vsphere.conf', range: { start: { line: 8 } } });
    const ok = lintFiles({ files: { 'sc.yaml': sc('topology.csi.vmware.com/k8s-zone'), 'csi-vsphere.conf': TEXT } });
    expect(ok.get('sc.yaml')!.filter((f) => f.ruleId === 'sc-topology-key')).toEqual([]);
  });

  it('come from an embedded Secret too, and add to .vsphere-csi.yaml categories', () => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: vsphere-config-secret\nstringData:\n  csi-vsphere.conf: |\n    [Labels]\n    topology-categories = "rack"\n`;
    const results = lintFiles({ files: { 'sc.yaml': sc('topology.csi.vmware.com/rack'), 'secret.yaml': secret }, config: 'topology:\n  categories: [k8s-zone]\n' });
    expect(results.get('sc.yaml')!.filter((f) => f.ruleId === 'sc-topology-key')).toEqual([]);
    const wrong = lintFiles({ files: { 'sc.yaml': sc('topology.csi.vmware.com/row'), 'secret.yaml': secret }, config: 'topology:\n  categories: [k8s-zone]\n' });
    const [finding] = wrong.get('sc.yaml')!.filter((f) => f.ruleId === 'sc-topology-key');
    expect(finding!.message).toContain('topology.categories in .vsphere-csi.yaml and [Labels] topology-categories in csi-vsphere.conf (k8s-zone, rack)');
    expect(finding!.related?.[0]).toMatchObject({ uri: 'file:///ws/secret.yaml', range: { start: { line: 7, character: 26 } } });
  });
});
