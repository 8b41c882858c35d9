// mergeInventory: the inventory part of .vsphere-csi.yaml from what vCenter says, keeping the rest.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../server/src/service/config.js';
import {
  datastoreType,
  hasChanges,
  InventoryMergeError,
  isTopologyCategory,
  lowestVersion,
  mergeInventory,
  summarizeChanges,
} from '../../server/src/service/inventory/merge.js';
import { pulledInventory } from './fakes.js';

const URI = 'file:///ws/.vsphere-csi.yaml';

function validConfig(text: string) {
  const parsed = parseConfigText(text, URI, () => true);
  expect(parsed.problems, text).toEqual([]);
  return parsed.config;
}

const EXISTING = `# Team storage settings. Keep this comment.
driver:
  version: "3.7.3"   # pinned by the platform team
  flavor: vanilla
vsphere:
  version: "7.0U2"
storagePolicies:
  # the fast one
  - gold
  - bronze   # retired last year
datastores:
  - name: old-vsan
    url: ds:///vmfs/volumes/vsan:52cd8f5a4d8e3b1c-9c3d0b3a7e6f1a2b   # no trailing slash
    type: vsan
  - url: ds:///vmfs/volumes/deadbeef-0000/
    name: gone
rules:
  sc-unknown-parameter: off
ignore:
  - generated/**
`;

describe('mergeInventory on a new file', () => {
  it('writes every section, valid for the config parser, with a header comment', () => {
    const { text, changes } = mergeInventory(undefined, pulledInventory(), { source: 'vc.example.com' });
    expect(text).toMatch(/^# .*vc\.example\.com/);
    const config = validConfig(text);
    expect(config.storagePolicies).toEqual(['gold', 'silver', 'vSAN Default Storage Policy']);
    expect(config.datastores).toEqual([
      { name: 'local-ssd', url: 'ds:///vmfs/volumes/5f0e1d2c-aaaa-bbbb-cccc-001122334455/', type: 'vmfs' },
      { name: 'nfs-01', url: 'ds:///vmfs/volumes/1a2b3c4d-5e6f7a8b/', type: 'nfs41' },
      { name: 'vsanDatastore', url: 'ds:///vmfs/volumes/vsan:52cd8f5a4d8e3b1c-9c3d0b3a7e6f1a2b/', type: 'vsan', fileServices: true },
    ]);
    expect(config.topology).toEqual({ categories: ['k8s-region', 'k8s-zone'] });
    expect(config.vsphere.version).toBe('7.0.3');
    expect(changes.storagePolicies.added).toHaveLength(3);
    expect(changes.vsphereVersion).toEqual({ after: '7.0.3', changed: true });
  });

  it('treats an empty or comment-only file as new, keeping its comments', () => {
    const { text } = mergeInventory('# my notes\n', pulledInventory());
    expect(text.startsWith('# my notes\n')).toBe(true);
    expect(validConfig(text).storagePolicies).toHaveLength(3);
    expect(validConfig(mergeInventory('', pulledInventory()).text).storagePolicies).toHaveLength(3);
  });

  it('quotes names YAML would read as something else', () => {
    const pulled = pulledInventory({ storagePolicies: [{ name: 'off', id: '1' }, { name: '123', id: '2' }, { name: 'a: b', id: '3' }, { name: '*star', id: '4' }] });
    const { text } = mergeInventory(undefined, pulled);
    expect(validConfig(text).storagePolicies).toEqual(['*star', '123', 'a: b', 'off']);
  });
});

describe('mergeInventory on an existing file', () => {
  it('keeps comments, key order and other keys, and reports what changed', () => {
    const { text, changes } = mergeInventory(EXISTING, pulledInventory());
    for (const kept of ['# Team storage settings. Keep this comment.', '# pinned by the platform team', '# the fast one', 'sc-unknown-parameter: off', '- generated/**']) {
      expect(text).toContain(kept);
    }
    expect(text).not.toContain('bronze');
    expect(text).not.toContain('deadbeef');
    const keys = [...text.matchAll(/^([a-zA-Z]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(['driver', 'vsphere', 'storagePolicies', 'datastores', 'rules', 'ignore', 'topology']);
    const config = validConfig(text);
    expect(config.driver.version).toBe('3.7.3');
    expect(config.rules).toEqual({ 'sc-unknown-parameter': 'off' });
    expect(config.storagePolicies).toEqual(['gold', 'silver', 'vSAN Default Storage Policy']);
    expect(config.datastores![0]).toEqual({ name: 'vsanDatastore', url: 'ds:///vmfs/volumes/vsan:52cd8f5a4d8e3b1c-9c3d0b3a7e6f1a2b/', type: 'vsan', fileServices: true });
    expect(config.vsphere.version).toBe('7.0.3');

    expect(changes.storagePolicies).toEqual({ added: ['silver', 'vSAN Default Storage Policy'], removed: ['bronze'], updated: [], unchanged: ['gold'] });
    expect(changes.datastores.removed).toEqual(['ds:///vmfs/volumes/deadbeef-0000/']);
    expect(changes.datastores.updated).toEqual(['ds:///vmfs/volumes/vsan:52cd8f5a4d8e3b1c-9c3d0b3a7e6f1a2b/']);
    expect(changes.datastores.added).toHaveLength(2);
    expect(changes.vsphereVersion).toEqual({ before: '7.0U2', after: '7.0.3', changed: true });

    const summary = summarizeChanges(changes).join('\n');
    expect(summary).toContain('storagePolicies: 2 added (silver, vSAN Default Storage Policy), 1 removed (bronze), 1 unchanged');
    expect(summary).toContain('vsphere.version: 7.0U2 -> 7.0.3');
  });

  it('is idempotent: a second run changes nothing, reports no changes and returns the text as is', () => {
    const first = mergeInventory(EXISTING, pulledInventory()).text;
    const second = mergeInventory(first, pulledInventory());
    expect(second.text).toBe(first);
    expect(hasChanges(second.changes)).toBe(false);
    expect(second.changes.storagePolicies.added).toEqual([]);
    expect(second.changes.storagePolicies.removed).toEqual([]);
    expect(second.changes.storagePolicies.unchanged).toHaveLength(3);
    expect(summarizeChanges(second.changes).join('\n')).toContain('(unchanged)');
  });

  it('reports removed policies and leaves an equal version as the user wrote it', () => {
    const text = 'vsphere:\n  version: "7.0U3"\nstoragePolicies: [gold, silver, platinum]\n';
    const { text: out, changes } = mergeInventory(text, pulledInventory({ storagePolicies: [{ name: 'gold', id: '1' }] }));
    expect(changes.storagePolicies.removed).toEqual(['silver', 'platinum']);
    expect(changes.vsphereVersion).toEqual({ before: '7.0U3', after: '7.0U3', changed: false });
    expect(out).toContain('version: "7.0U3"');
    expect(validConfig(out).storagePolicies).toEqual(['gold']);
  });

  it('keeps a fileServices the user wrote when vCenter does not say', () => {
    const text = 'datastores:\n  - url: ds:///vmfs/volumes/1a2b3c4d-5e6f7a8b/\n    name: nfs-01\n    type: nfs41\n    fileServices: false\n';
    const { text: out } = mergeInventory(text, pulledInventory());
    expect(validConfig(out).datastores!.find((d) => d.name === 'nfs-01')).toEqual({ url: 'ds:///vmfs/volumes/1a2b3c4d-5e6f7a8b/', name: 'nfs-01', type: 'nfs41', fileServices: false });
  });

  it('keeps the list indentation style of the file', () => {
    const text = 'storagePolicies:\n- gold\n';
    const { text: out } = mergeInventory(text, pulledInventory());
    expect(out).toContain('storagePolicies:\n- gold\n- silver\n');
  });

  it('keeps a topology list the user chose; prunes categories that are gone, adds none and names the available ones', () => {
    const text = 'topology:\n  categories:\n    - k8s-zone   # from csi-vsphere.conf\n    - old-zone\n';
    const { text: out, changes } = mergeInventory(text, pulledInventory());
    expect(validConfig(out).topology).toEqual({ categories: ['k8s-zone'] });
    expect(out).toContain('# from csi-vsphere.conf');
    expect(changes.topologyCategories).toMatchObject({ removed: ['old-zone'], added: [], unchanged: ['k8s-zone'], available: ['k8s-region'] });
    expect(summarizeChanges(changes).join('\n')).toContain('usable tag categories not listed: k8s-region');
  });

  it('writes no topology list when more than five categories could serve (the driver takes five)', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `cat-${i}`, id: String(i), associableTypes: [] as string[] }));
    const { text, changes } = mergeInventory(undefined, pulledInventory({ tagCategories: many }));
    expect(validConfig(text).topology).toBeUndefined();
    expect(changes.topologyCategories.available).toHaveLength(6);
  });

  it('refuses malformed YAML and sections of another shape, with a clear error', () => {
    expect(() => mergeInventory('storagePolicies: [gold\nrules: {', pulledInventory())).toThrow(InventoryMergeError);
    expect(() => mergeInventory('storagePolicies: [gold\nrules: {', pulledInventory())).toThrow(/not valid YAML \(line \d+\).*not changed/);
    expect(() => mergeInventory('- a\n- b\n', pulledInventory())).toThrow(/not a mapping/);
    expect(() => mergeInventory('storagePolicies: gold\n', pulledInventory())).toThrow(/storagePolicies .* not a list/);
    expect(() => mergeInventory('topology: [a]\n', pulledInventory())).toThrow(/topology .* not a mapping/);
  });
});

describe('helpers', () => {
  it('topology categories: datacenters, clusters, hosts or every type', () => {
    expect(isTopologyCategory({ associableTypes: [] })).toBe(true);
    expect(isTopologyCategory({ associableTypes: ['HostSystem'] })).toBe(true);
    expect(isTopologyCategory({ associableTypes: ['VirtualMachine', 'Datacenter'] })).toBe(true);
    expect(isTopologyCategory({ associableTypes: ['VirtualMachine'] })).toBe(false);
    expect(isTopologyCategory({ associableTypes: ['Datastore', 'Folder'] })).toBe(false);
  });

  it('datastore types and the lowest version', () => {
    expect(['VMFS', 'NFS', 'NFS41', 'vsan', 'VVOL', 'vsanD', 'PMEM', 'cifs'].map(datastoreType)).toEqual(['vmfs', 'nfs', 'nfs41', 'vsan', 'vvol', 'vsanD', 'pmem', 'other']);
    expect(lowestVersion({ vcenter: { version: '8.0.2' }, esxiVersions: ['8.0.1', '7.0.3'] })).toBe('7.0.3');
    expect(lowestVersion({ vcenter: { version: '8.0.2' }, esxiVersions: [] })).toBe('8.0.2');
    expect(lowestVersion({ vcenter: { version: '' }, esxiVersions: [] })).toBeUndefined();
  });
});
