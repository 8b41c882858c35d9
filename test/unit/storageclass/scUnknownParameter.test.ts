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

describe('sc-unknown-parameter', () => {
  it('flags a key the driver rejects, with a did-you-mean that renames only the key', () => {
    const text = sc('  storagePolicy: "Gold" # tier\n  datastoreurl: "ds:///vmfs/volumes/abc/"');
    const findings = ofRule(lint(text), 'sc-unknown-parameter');
    expect(findings).toHaveLength(1);
    expect(textOf(text, findings[0]!)).toBe('storagePolicy');
    expect(findings[0]!.range.start.line + 1).toBe(7);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toContain('Did you mean "storagepolicyname"');
    expect(findings[0]!.message).toContain('PVCs stay Pending');
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(text.replace('storagePolicy:', 'storagepolicyname:'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('accepts the driver keys in any case and the reserved keys external-provisioner consumes', () => {
    const text = sc(
      [
        '  StoragePolicyName: "Gold"',
        '  DatastoreURL: "ds:///vmfs/volumes/abc/"',
        '  csi.storage.k8s.io/fstype: ext4',
        '  csi.storage.k8s.io/provisioner-secret-name: creds',
        '  csi.storage.k8s.io/provisioner-secret-namespace: kube-system',
        '  csi.storage.k8s.io/secret-name: creds',
      ].join('\n'),
    );
    expect(linesOf(lint(text), 'sc-unknown-parameter')).toEqual([]);
  });

  it('stays quiet for classes of other provisioners', () => {
    expect(linesOf(lint(sc('  storagePolicy: gold', 'ebs.csi.aws.com')), 'sc-unknown-parameter')).toEqual([]);
  });

  it('leaves keys with their own rule alone (other flavors, reserved prefix, fstype, migration keys)', () => {
    const text = sc('  storagePolicyID: abc\n  csi.storage.k8s.io/fs-type: ext4\n  FsType: ext4\n  csimigration: "true"\n  Diskformat-MigrationParam: thin');
    expect(linesOf(lint(text), 'sc-unknown-parameter')).toEqual([]);
  });

  it('names the in-tree origin of in-tree keys', () => {
    const text = `kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n---\n${sc('  diskformat: thin')}`;
    const findings = ofRule(lint(text), 'sc-unknown-parameter');
    expect(linesOf(lint(text), 'sc-unknown-parameter')).toEqual([11]);
    expect(findings[0]!.message).toContain('in-tree plugin');
  });

  it('sends a differently cased reserved prefix to the driver, which refuses it', () => {
    const text = sc('  "CSI.storage.k8s.io/fstype": ext4');
    const [finding] = ofRule(lint(text), 'sc-unknown-parameter');
    expect(textOf(text, finding!)).toBe('"CSI.storage.k8s.io/fstype"');
    expect(applyFix(text, finding!, 0)).toBe(text.replace('"CSI.storage.k8s.io/fstype"', '"csi.storage.k8s.io/fstype"'));
  });

  it('checks Supervisor classes against the Supervisor key set', () => {
    const text = sc('  StorageTopologyType: zonal\n  hostLocal: "true"\n  fstype: ext4\n  storagepool: pool-1\n  storagepolicyidd: x');
    const findings = ofRule(lint(text, { config: SUPERVISOR }), 'sc-unknown-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([[11, 'storagepolicyidd']]);
    expect(findings[0]!.message).toContain('not a valid WCP CSI parameter');
    expect(findings[0]!.message).toContain('Did you mean "storagePolicyID"');
    expect(applyFix(text, findings[0]!, 0)).toBe(text.replace('storagepolicyidd:', 'storagePolicyID:'));
  });

  it('checks guest-cluster classes against the guest key set, in flow style too', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gold}
provisioner: csi.vsphere.vmware.com
parameters: {svStorageClas: gold, storageTopologyType: zonal}
`;
    const findings = ofRule(lint(text, { config: GUEST }), 'sc-unknown-parameter');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[5, 'svStorageClas', 'error']]);
    expect(findings[0]!.message).toContain('not a valid GC CSI parameter');
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(text.replace('svStorageClas:', 'svStorageClass:'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('does not suggest renaming to a key the class already has', () => {
    const text = sc('  storagepolicyname: Gold\n  storagePolicy: Silver');
    const [finding] = ofRule(lint(text), 'sc-unknown-parameter');
    expect(textOf(text, finding!)).toBe('storagePolicy');
    expect(finding!.suggestions).toBeUndefined();
    expect(finding!.message).not.toContain('Did you mean');
  });
});
