// pvc-fstype-access-mode, pvc-file-services-missing, pvc-file-volume-expansion
import { describe, expect, it } from 'vitest';
import { lint, linesOf, ofRule, textOf } from '../../helpers/lint.js';

const sc = (params: string, extra = '') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: vsan
provisioner: csi.vsphere.vmware.com
${extra}parameters:
${params || '  storagepolicyname: gold'}
`;

const pvc = (modes: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: shared
spec:
  storageClassName: vsan
  accessModes: ${modes}
${extra}  resources:
    requests:
      storage: 5Gi
`;

describe('pvc-fstype-access-mode', () => {
  const ID = 'pvc-fstype-access-mode';

  it('flags ReadWriteMany on a class with a block fstype, pointing at the mode and relating the class', () => {
    const text = pvc('[ReadWriteMany]');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc('  csi.storage.k8s.io/fstype: xfs') } }), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(7);
    expect(textOf(text, finding)).toBe('ReadWriteMany');
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('"xfs"');
    expect(finding.related).toHaveLength(1);
    expect(finding.related![0]!.uri).toBe('file:///ws/sc.yaml');
    expect(finding.related![0]!.range.start.line + 1).toBe(4);
  });

  it('flags ReadOnlyMany with ntfs or ext3, and reads the deprecated fstype key', () => {
    expect(linesOf(lint(pvc('[ReadOnlyMany]'), { others: { 'sc.yaml': sc('  csi.storage.k8s.io/fstype: ntfs') } }), ID)).toEqual([7]);
    expect(linesOf(lint(pvc('[ReadOnlyMany]'), { others: { 'sc.yaml': sc('  fstype: ext3') } }), ID)).toEqual([7]);
  });

  it('flags ReadWriteOnce on a class with an nfs fstype', () => {
    const text = pvc('\n    - ReadWriteOnce\n');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc('  csi.storage.k8s.io/fstype: nfs4') } }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[8, 'ReadWriteOnce', 'error']]);
    expect(findings[0]!.message).toContain('block volume');
  });

  it('works when the class is in the same file', () => {
    const text = `${sc('  csi.storage.k8s.io/fstype: xfs')}---\n${pvc('[ReadWriteMany]')}`;
    expect(linesOf(lint(text), ID)).toEqual([15]);
  });

  it('stays quiet for fitting combinations, raw block, case-only variants and old drivers', () => {
    const quiet = (claim: string, params: string, config?: string) =>
      linesOf(lint(claim, { others: { 'sc.yaml': sc(params) }, ...(config ? { config } : {}) }), ID);
    expect(quiet(pvc('[ReadWriteMany]'), '  csi.storage.k8s.io/fstype: nfs4')).toEqual([]);
    expect(quiet(pvc('[ReadWriteMany]'), '  csi.storage.k8s.io/fstype: ext4')).toEqual([]);
    expect(quiet(pvc('[ReadWriteMany]'), '')).toEqual([]);
    expect(quiet(pvc('[ReadWriteMany]'), '  csi.storage.k8s.io/fstype: NFS4')).toEqual([]);
    expect(quiet(pvc('[ReadWriteOnce]'), '  csi.storage.k8s.io/fstype: xfs')).toEqual([]);
    expect(quiet(pvc('[ReadWriteOnce]', '  volumeMode: Block\n'), '  csi.storage.k8s.io/fstype: nfs4')).toEqual([]);
    expect(quiet(pvc('[ReadWriteMany]'), '  csi.storage.k8s.io/fstype: xfs', 'driver: {version: "2.7.0"}\n')).toEqual([]);
    expect(quiet(pvc('[ReadWriteMany]'), '  csi.storage.k8s.io/fstype: xfs', 'driver: {flavor: guest}\n')).toEqual([]);
  });
});

describe('pvc-file-services-missing', () => {
  const ID = 'pvc-file-services-missing';
  const inventory = (fileServices: string) => `datastores:\n  - url: "ds:///vmfs/volumes/vsan:52cd/"\n    type: vsan\n${fileServices}`;

  it('notes a shared claim when no datastore of the inventory has File Services', () => {
    const text = pvc('[ReadWriteMany]');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc('') }, config: inventory('    fileServices: false\n') }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, 'ReadWriteMany', 'info']]);
  });

  it('stays quiet without an inventory, with a File Services datastore, and for ReadWriteOnce', () => {
    expect(linesOf(lint(pvc('[ReadWriteMany]'), { others: { 'sc.yaml': sc('') } }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany]'), { others: { 'sc.yaml': sc('') }, config: inventory('    fileServices: true\n') }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteOnce]'), { others: { 'sc.yaml': sc('') }, config: inventory('') }), ID)).toEqual([]);
  });
});

describe('pvc-file-volume-expansion', () => {
  const ID = 'pvc-file-volume-expansion';
  const expandable = sc('', 'allowVolumeExpansion: true\n');

  it('notes a shared claim on an expandable vSphere class, relating the class', () => {
    const text = pvc('[ReadWriteMany]');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': expandable } }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, 'ReadWriteMany', 'info']]);
    expect(findings[0]!.related?.[0]?.uri).toBe('file:///ws/sc.yaml');
  });

  it('stays quiet for block claims, classes without expansion and driver 3.8', () => {
    expect(linesOf(lint(pvc('[ReadWriteOnce]'), { others: { 'sc.yaml': expandable } }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany]'), { others: { 'sc.yaml': sc('') } }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany]'), { others: { 'sc.yaml': expandable }, config: 'driver: {version: "3.8.0"}\n' }), ID)).toEqual([]);
  });
});
