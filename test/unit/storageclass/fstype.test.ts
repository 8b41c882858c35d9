// sc-fstype-conflict, sc-fstype-deprecated, sc-invalid-fstype.
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

describe('sc-fstype-conflict', () => {
  it('flags the plain key when both fstype keys are set, pointing at the other one', () => {
    const text = sc('  FsType: ext4\n  csi.storage.k8s.io/fstype: ext4');
    const findings = ofRule(lint(text), 'sc-fstype-conflict');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, 'FsType', 'error']]);
    expect(findings[0]!.message).toContain('PVCs stay Pending');
    expect(findings[0]!.related?.[0]?.range.start.line).toBe(7); // 0-based line of csi.storage.k8s.io/fstype
  });

  it('stays quiet with one key, and for other provisioners', () => {
    expect(linesOf(lint(sc('  csi.storage.k8s.io/fstype: ext4')), 'sc-fstype-conflict')).toEqual([]);
    expect(linesOf(lint(sc('  fstype: ext4')), 'sc-fstype-conflict')).toEqual([]);
    expect(linesOf(lint(sc('  fstype: ext4\n  csi.storage.k8s.io/fstype: ext4', 'ebs.csi.aws.com')), 'sc-fstype-conflict')).toEqual([]);
  });
});

describe('sc-fstype-deprecated', () => {
  it('warns about the plain key and renames it, keeping value and comment', () => {
    const text = sc('  storagepolicyname: Gold\n  fstype: xfs # data disks');
    const findings = ofRule(lint(text), 'sc-fstype-deprecated');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[8, 'fstype', 'warning']]);
    expect(findings[0]!.tags).toEqual(['deprecated']);
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(text.replace('  fstype: xfs # data disks', '  csi.storage.k8s.io/fstype: xfs # data disks'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('renames a quoted key in a flow map', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gold}
provisioner: csi.vsphere.vmware.com
parameters: {"fstype": "ext4", storagepolicyname: Gold}
`;
    const [finding] = ofRule(lint(text), 'sc-fstype-deprecated');
    expect(textOf(text, finding!)).toBe('"fstype"');
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(text.replace('{"fstype": "ext4"', '{"csi.storage.k8s.io/fstype": "ext4"'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('offers no fix when csi.storage.k8s.io/fstype is also set', () => {
    const [finding] = ofRule(lint(sc('  fstype: ext4\n  csi.storage.k8s.io/fstype: ext4')), 'sc-fstype-deprecated');
    expect(finding!.fix).toBeUndefined();
  });

  it('is an error on guest clusters, whose driver refuses the key', () => {
    const text = sc('  svStorageClass: gold\n  fstype: ext4');
    const [finding] = ofRule(lint(text, { config: 'driver:\n  flavor: guest\n' }), 'sc-fstype-deprecated');
    expect(finding!.severity).toBe('error');
    expect(finding!.message).toContain('not a valid GC CSI parameter');
  });

  it('stays quiet for the prefixed key and for in-tree classes', () => {
    expect(linesOf(lint(sc('  csi.storage.k8s.io/fstype: ext4')), 'sc-fstype-deprecated')).toEqual([]);
    expect(linesOf(lint(sc('  fstype: ext4', 'kubernetes.io/vsphere-volume')), 'sc-fstype-deprecated')).toEqual([]);
  });
});

describe('sc-invalid-fstype', () => {
  it('fixes a known filesystem written in the wrong case, only touching the value', () => {
    const text = sc('  csi.storage.k8s.io/fstype: "EXT4" # root disks');
    const findings = ofRule(lint(text), 'sc-invalid-fstype');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, '"EXT4"', 'error']]);
    expect(findings[0]!.message).toContain('case-sensitively');
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(text.replace('"EXT4"', '"ext4"'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('checks the deprecated key as well', () => {
    const text = sc('  fstype: Xfs');
    const [finding] = ofRule(lint(text), 'sc-invalid-fstype');
    expect(textOf(text, finding!)).toBe('Xfs');
    expect(applyFix(text, finding!)).toBe(text.replace('fstype: Xfs', 'fstype: xfs'));
  });

  it('rejects unsupported filesystems, with a did-you-mean only for near misses', () => {
    const text = sc("  csi.storage.k8s.io/fstype: 'ext10'");
    const [finding] = ofRule(lint(text), 'sc-invalid-fstype');
    expect([finding!.range.start.line + 1, textOf(text, finding!), finding!.severity]).toEqual([7, "'ext10'", 'error']);
    expect(finding!.message).toContain('PVCs stay Pending');
    expect(finding!.fix).toBeUndefined();
    expect(finding!.suggestions?.map((s) => s.title)).toEqual(['Change to "ext3"', 'Change to "ext4"']);
    expect(applyFix(text, finding!, 1)).toBe(text.replace("'ext10'", "'ext4'"));

    for (const fs of ['btrfs', 'zfs']) {
      const other = sc(`  csi.storage.k8s.io/fstype: ${fs}`);
      const [f] = ofRule(lint(other), 'sc-invalid-fstype');
      expect(textOf(other, f!)).toBe(fs);
      expect(f!.suggestions).toBeUndefined();
    }
  });

  it('accepts every supported value, ntfs in any case, and an empty value', () => {
    for (const fs of ['ext4', 'ext3', 'xfs', 'nfs4', 'nfs', 'ntfs', 'NTFS', '""']) {
      expect(linesOf(lint(sc(`  csi.storage.k8s.io/fstype: ${fs}`)), 'sc-invalid-fstype')).toEqual([]);
    }
  });

  it('checks in-tree classes (translated to the same driver) and ignores other provisioners', () => {
    expect(linesOf(lint(sc('  fstype: EXT4', 'kubernetes.io/vsphere-volume')), 'sc-invalid-fstype')).toEqual([7]);
    expect(linesOf(lint(sc('  csi.storage.k8s.io/fstype: btrfs', 'rook-ceph.rbd.csi.ceph.com')), 'sc-invalid-fstype')).toEqual([]);
  });
});
