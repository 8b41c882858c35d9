// sc-in-tree-provisioner, sc-in-tree-vsan-parameter, sc-in-tree-diskformat, sc-in-tree-dropped-parameter.
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const sc = (params: string, provisioner = 'kubernetes.io/vsphere-volume') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: legacy
provisioner: ${provisioner} # old plugin
parameters:
${params}
`;
const INVENTORY = 'datastores:\n  - url: "ds:///vmfs/volumes/5c9bb20e-009c1e46-4b85-0200483b2a97/"\n    name: datastore1\n';

describe('sc-in-tree-provisioner', () => {
  it('converts a class that loses nothing, as a safe fix', () => {
    const text = sc('  storagepolicyname: "Gold" # tier\n  diskformat: thin\n  fstype: ext4');
    const findings = ofRule(lint(text), 'sc-in-tree-provisioner');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[5, 'kubernetes.io/vsphere-volume', 'warning']]);
    expect(findings[0]!.tags).toEqual(['deprecated']);
    expect(findings[0]!.suggestions).toBeUndefined();
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: legacy
provisioner: csi.vsphere.vmware.com # old plugin
parameters:
  storagepolicyname: "Gold" # tier
  csi.storage.k8s.io/fstype: ext4
`);
    expect(parsesCleanly(fixed)).toBe(true);
    // The converted class is clean for the CSI rules.
    expect(lint(fixed).filter((f) => f.ruleId.startsWith('sc-'))).toEqual([]);
  });

  it('turns a datastore known to the inventory into datastoreurl', () => {
    const text = sc('  datastore: datastore1\n  Fstype: xfs');
    const [finding] = ofRule(lint(text, { config: INVENTORY }), 'sc-in-tree-provisioner');
    expect(finding!.message).toContain('becomes datastoreurl');
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(
      text
        .replace('kubernetes.io/vsphere-volume', 'csi.vsphere.vmware.com')
        .replace('datastore: datastore1', 'datastoreurl: ds:///vmfs/volumes/5c9bb20e-009c1e46-4b85-0200483b2a97/')
        .replace('Fstype: xfs', 'csi.storage.k8s.io/fstype: xfs'),
    );
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('only suggests the conversion when something would be lost or needs a decision', () => {
    const text = sc('  datastore: datastore1\n  hostFailuresToTolerate: "1"\n  diskformat: zeroedthick\n  storagePolicy: Gold');
    const [finding] = ofRule(lint(text), 'sc-in-tree-provisioner');
    expect(finding!.fix).toBeUndefined();
    expect(finding!.message).toContain('datastore "datastore1" would be removed');
    expect(finding!.message).toContain('"hostFailuresToTolerate" must become an SPBM storage policy');
    expect(finding!.message).toContain('zeroedthick');
    const suggested = applyFix(text, finding!, 0);
    expect(suggested).toBe(text.replace('kubernetes.io/vsphere-volume', 'csi.vsphere.vmware.com').replace('  datastore: datastore1\n', ''));
    expect(parsesCleanly(suggested)).toBe(true);
  });

  it('converts a flow-style parameter map', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: legacy}
provisioner: "kubernetes.io/vsphere-volume"
parameters: {diskformat: thin, "fstype": ext4, storagepolicyname: Gold}
`;
    const [finding] = ofRule(lint(text), 'sc-in-tree-provisioner');
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(text.replace('"kubernetes.io/vsphere-volume"', '"csi.vsphere.vmware.com"').replace('{diskformat: thin, "fstype"', '{"csi.storage.k8s.io/fstype"'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('stays quiet for CSI classes', () => {
    expect(linesOf(lint(sc('  storagepolicyname: Gold', 'csi.vsphere.vmware.com')), 'sc-in-tree-provisioner')).toEqual([]);
  });
});

describe('sc-in-tree-vsan-parameter', () => {
  it('flags raw vSAN capabilities in any case', () => {
    const text = sc('  hostFailuresToTolerate: "2"\n  objectspacereservation: "50"\n  storagepolicyname: Gold');
    const findings = ofRule(lint(text), 'sc-in-tree-vsan-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([
      [7, 'hostFailuresToTolerate', 'error'],
      [8, 'objectspacereservation', 'error'],
    ]);
    expect(findings[0]!.message).toContain('PVCs stay Pending');
    expect(findings[0]!.message).toContain('storage policy');
  });

  it('stays quiet for translated keys and for CSI classes (another rule)', () => {
    expect(linesOf(lint(sc('  storagepolicyname: Gold\n  diskformat: thin')), 'sc-in-tree-vsan-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  hostFailuresToTolerate: "2"', 'csi.vsphere.vmware.com')), 'sc-in-tree-vsan-parameter')).toEqual([]);
  });
});

describe('sc-in-tree-diskformat', () => {
  it('flags thick formats', () => {
    const text = sc('  diskformat: eagerzeroedthick');
    const findings = ofRule(lint(text), 'sc-in-tree-diskformat');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, 'eagerzeroedthick', 'error']]);
    expect(findings[0]!.fix).toBeUndefined();
    expect(findings[0]!.message).toContain('PVCs stay Pending');
  });

  it('fixes thin in another letter case', () => {
    const text = sc('  DiskFormat: "Thin"');
    const [finding] = ofRule(lint(text), 'sc-in-tree-diskformat');
    expect(textOf(text, finding!)).toBe('"Thin"');
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(text.replace('"Thin"', '"thin"'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('stays quiet for thin and for CSI classes', () => {
    expect(linesOf(lint(sc('  diskformat: thin')), 'sc-in-tree-diskformat')).toEqual([]);
    expect(linesOf(lint(sc('  diskformat: zeroedthick', 'csi.vsphere.vmware.com')), 'sc-in-tree-diskformat')).toEqual([]);
  });
});

describe('sc-in-tree-dropped-parameter', () => {
  it('warns about keys the translation drops, with rename and removal suggestions', () => {
    const text = sc('  storagePolicy: Gold # tier\n  datastoreurl: "ds:///vmfs/volumes/abc/"');
    const findings = ofRule(lint(text), 'sc-in-tree-dropped-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([
      [7, 'storagePolicy', 'warning'],
      [8, 'datastoreurl', 'warning'],
    ]);
    expect(findings[0]!.tags).toEqual(['unnecessary']);
    expect(findings[0]!.message).toContain('Did you mean "storagepolicyname"');
    expect(applyFix(text, findings[0]!, 0)).toBe(text.replace('storagePolicy:', 'storagepolicyname:'));
    const removed = applyFix(text, findings[0]!, 1);
    expect(removed).toBe(text.replace('  storagePolicy: Gold # tier\n', ''));
    expect(parsesCleanly(removed)).toBe(true);
    // datastoreurl takes a URL, datastore a name: no rename.
    expect(findings[1]!.suggestions?.map((s) => s.title)).toEqual(['Remove datastoreurl']);
  });

  it('stays quiet for the keys the translation keeps', () => {
    const text = sc('  storagepolicyname: Gold\n  datastore: ds1\n  diskformat: thin\n  fstype: ext4\n  IopsLimit: "100"');
    expect(linesOf(lint(text), 'sc-in-tree-dropped-parameter')).toEqual([]);
  });
});
