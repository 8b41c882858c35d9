// sc-unknown-reserved-parameter, sc-wrong-flavor-parameter, sc-migration-parameter, sc-empty-parameter.
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const sc = (params: string, provisioner = 'csi.vsphere.vmware.com') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: ${provisioner}
parameters:
${params}
`;
const SUPERVISOR = 'driver:\n  flavor: supervisor\n';
const GUEST = 'driver:\n  flavor: guest\n';

describe('sc-unknown-reserved-parameter', () => {
  it('flags an unknown csi.storage.k8s.io/ key with a did-you-mean', () => {
    const text = sc('  csi.storage.k8s.io/fs-type: ext4 # filesystem');
    const findings = ofRule(lint(text), 'sc-unknown-reserved-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, 'csi.storage.k8s.io/fs-type', 'error']]);
    expect(findings[0]!.message).toContain('Did you mean "csi.storage.k8s.io/fstype"');
    expect(findings[0]!.message).toContain('PVCs stay Pending');
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(text.replace('csi.storage.k8s.io/fs-type:', 'csi.storage.k8s.io/fstype:'));
    expect(fixed).toContain('# filesystem');
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('explains the extra-metadata keys external-provisioner adds itself', () => {
    const text = sc('  csi.storage.k8s.io/pvc/name: data\n  "csi.storage.k8s.io/pv/name": x');
    const findings = ofRule(lint(text), 'sc-unknown-reserved-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([
      [7, 'csi.storage.k8s.io/pvc/name'],
      [8, '"csi.storage.k8s.io/pv/name"'],
    ]);
    expect(findings[0]!.message).toContain('--extra-create-metadata');
    // external-provisioner refuses them whatever the flavor.
    expect(linesOf(lint(text, { config: GUEST }), 'sc-unknown-reserved-parameter')).toEqual([7, 8]);
  });

  it('accepts every well-known reserved key', () => {
    const keys = ['fstype', 'secret-name', 'secret-namespace', 'node-stage-secret-name', 'node-expand-secret-namespace', 'controller-modify-secret-name', 'controller-publish-secret-namespace'];
    const text = sc(keys.map((k) => `  csi.storage.k8s.io/${k}: x`).join('\n'));
    expect(linesOf(lint(text), 'sc-unknown-reserved-parameter')).toEqual([]);
  });

  it('stays quiet for other provisioners and for the prefix in another case', () => {
    expect(linesOf(lint(sc('  csi.storage.k8s.io/foo: x', 'nfs.csi.k8s.io')), 'sc-unknown-reserved-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  CSI.storage.k8s.io/foo: x')), 'sc-unknown-reserved-parameter')).toEqual([]);
  });
});

describe('sc-wrong-flavor-parameter', () => {
  it('names the flavor a Supervisor or guest key belongs to on vanilla', () => {
    const text = sc('  storagePolicyID: "aa6d5a82"\n  svStorageClass: gold\n  storageTopologyType: zonal\n  hostLocal: "true"');
    const findings = ofRule(lint(text), 'sc-wrong-flavor-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([
      [7, 'storagePolicyID', 'error'],
      [8, 'svStorageClass', 'error'],
      [9, 'storageTopologyType', 'error'],
      [10, 'hostLocal', 'error'],
    ]);
    expect(findings[0]!.message).toContain('Supervisor');
    expect(findings[0]!.message).toContain('storagepolicyname');
    expect(findings[1]!.message).toContain('guest cluster');
    expect(findings[2]!.message).toMatch(/Supervisor .* and guest cluster/);
    // An ID is not a name: no rename offered for storagePolicyID.
    expect(findings[0]!.suggestions).toBeUndefined();
  });

  it('names the right key on Supervisor and guest classes', () => {
    const text = sc('  storagepolicyname: "Gold"\n  datastoreurl: "ds:///vmfs/volumes/abc/"');
    const supervisor = ofRule(lint(text, { config: SUPERVISOR }), 'sc-wrong-flavor-parameter');
    expect(supervisor.map((f) => textOf(text, f))).toEqual(['storagepolicyname', 'datastoreurl']);
    expect(supervisor[0]!.message).toContain('storagePolicyID');
    expect(supervisor[0]!.message).toContain('not a valid WCP CSI parameter');
    expect(supervisor[0]!.suggestions).toBeUndefined();

    const guest = ofRule(lint(text, { config: GUEST }), 'sc-wrong-flavor-parameter');
    expect(guest[0]!.message).toContain('svStorageClass');
    expect(guest[0]!.message).toContain('not a valid GC CSI parameter');
    const fixed = applyFix(text, guest[0]!, 0);
    expect(fixed).toBe(text.replace('storagepolicyname:', 'svStorageClass:'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('stays quiet for the flavor\'s own keys', () => {
    expect(linesOf(lint(sc('  storagepolicyname: Gold\n  datastoreurl: "ds:///vmfs/volumes/a/"')), 'sc-wrong-flavor-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  storagePolicyID: abc\n  storagepool: p\n  fstype: ext4'), { config: SUPERVISOR }), 'sc-wrong-flavor-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  svStorageClass: gold\n  storageTopologyType: zonal'), { config: GUEST }), 'sc-wrong-flavor-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  storagePolicyID: abc', 'kubernetes.io/vsphere-volume')), 'sc-wrong-flavor-parameter')).toEqual([]);
  });
});

describe('sc-migration-parameter', () => {
  it('flags the exact keys the webhook refuses and removes the pair', () => {
    const text = sc('  storagepolicyname: Gold\n  csimigration: "true" # copied from a PV\n  datastore-migrationparam: ds1');
    const findings = ofRule(lint(text), 'sc-migration-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([
      [8, 'csimigration', 'error'],
      [9, 'datastore-migrationparam', 'error'],
    ]);
    expect(findings[0]!.message).toContain('webhook refuses');
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(text.replace('  csimigration: "true" # copied from a PV\n', ''));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('explains that other spellings get past the webhook but not the controller', () => {
    const text = sc('  CSIMigration: "true"\n  DiskFormat-MigrationParam: thin');
    const findings = ofRule(lint(text), 'sc-migration-parameter');
    expect(findings.map((f) => textOf(text, f))).toEqual(['CSIMigration', 'DiskFormat-MigrationParam']);
    expect(findings[0]!.message).toContain('gets past the driver\'s webhook');
  });

  it('removes a pair from a flow map', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gold}
provisioner: csi.vsphere.vmware.com
parameters: {storagepolicyname: Gold, csimigration: "true"}
`;
    const [finding] = ofRule(lint(text), 'sc-migration-parameter');
    expect(finding!.range.start.line + 1).toBe(5);
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(text.replace(', csimigration: "true"', ''));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('stays quiet for in-tree classes and ordinary keys', () => {
    expect(linesOf(lint(sc('  csimigration: "true"', 'kubernetes.io/vsphere-volume')), 'sc-migration-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  storagepolicyname: migrationparam')), 'sc-migration-parameter')).toEqual([]);
  });
});

describe('sc-empty-parameter', () => {
  it('warns about an empty policy or datastore on vanilla, with a removal suggestion', () => {
    const text = sc('  storagepolicyname: ""\n  datastoreurl: \'\'\n  csi.storage.k8s.io/fstype: ext4');
    const findings = ofRule(lint(text), 'sc-empty-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([
      [7, '""', 'warning'],
      [8, "''", 'warning'],
    ]);
    expect(findings[0]!.message).toContain('treats as not set');
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(text.replace('  storagepolicyname: ""\n', ''));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('is an error for an empty svStorageClass on a guest cluster', () => {
    const text = sc('  svStorageClass: ""');
    const findings = ofRule(lint(text, { config: GUEST }), 'sc-empty-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, '""', 'error']]);
    expect(findings[0]!.message).toContain('PVCs stay Pending');
  });

  it('stays quiet for set values and other provisioners', () => {
    expect(linesOf(lint(sc('  storagepolicyname: Gold')), 'sc-empty-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  storagepolicyname: ""', 'kubernetes.io/no-provisioner')), 'sc-empty-parameter')).toEqual([]);
    expect(linesOf(lint(sc('  svStorageClass: gold'), { config: GUEST }), 'sc-empty-parameter')).toEqual([]);
  });
});
