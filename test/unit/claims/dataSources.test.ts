// pvc-clone-unsupported, pvc-restore-decimal-size, pvc-restore-size-mismatch
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const sc = (name = 'vsan', provisioner = 'csi.vsphere.vmware.com') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
provisioner: ${provisioner}
`;

const source = (size: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: vsan
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}
---
apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata:
  name: data-snap
spec:
  volumeSnapshotClassName: vsphere
  source:
    persistentVolumeClaimName: data
`;

const restore = (size: string, dataSource = '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: data-snap\n', cls = 'vsan') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: restored
spec:
  storageClassName: ${cls}
${dataSource}  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}
`;

describe('pvc-clone-unsupported', () => {
  const ID = 'pvc-clone-unsupported';
  const clone = '  dataSource:\n    kind: PersistentVolumeClaim\n    name: data\n';

  it('flags a PersistentVolumeClaim data source on a vSphere claim, at the kind', () => {
    const text = restore('5Gi', clone);
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc() } }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[8, 'PersistentVolumeClaim', 'error']]);
    expect(findings[0]!.message).toContain('"data"');
  });

  it('flags dataSourceRef alone, once per claim when both are written', () => {
    expect(linesOf(lint(restore('5Gi', clone.replace('dataSource:', 'dataSourceRef:')), { others: { 'sc.yaml': sc() } }), ID)).toEqual([8]);
    const both = clone + clone.replace('dataSource:', 'dataSourceRef:');
    expect(linesOf(lint(restore('5Gi', both), { others: { 'sc.yaml': sc() } }), ID)).toEqual([8]);
  });

  it('stays quiet for snapshot sources and other provisioners', () => {
    expect(linesOf(lint(restore('5Gi'), { others: { 'sc.yaml': sc() } }), ID)).toEqual([]);
    expect(linesOf(lint(restore('5Gi', clone, 'ebs'), { others: { 'sc.yaml': sc('ebs', 'ebs.csi.aws.com') } }), ID)).toEqual([]);
    expect(linesOf(lint(restore('5Gi', clone, 'unknown')), ID)).toEqual([]);
  });
});

describe('pvc-restore-decimal-size', () => {
  const ID = 'pvc-restore-decimal-size';

  it('flags a decimal restore size and fixes it to the rounded-up MiB size', () => {
    const text = restore('5G');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc() } }), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(14);
    expect(textOf(text, finding)).toBe('5G');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('5,000,000,000 bytes');
    const fixed = applyFix(text, finding);
    expect(fixed).toBe(text.replace('storage: 5G', 'storage: 4769Mi'));
    expect(parsesCleanly(fixed)).toBe(true);
    expect(linesOf(lint(fixed, { others: { 'sc.yaml': sc() } }), ID)).toEqual([]);
  });

  it('flags plain bytes that are not whole MiB, and keeps quotes', () => {
    const text = restore('"1000000"');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc() } }), ID);
    expect(findings).toHaveLength(1);
    expect(applyFix(text, findings[0]!)).toBe(text.replace('"1000000"', '"1Mi"'));
  });

  it('agrees with a source claim of the same decimal size in the workspace', () => {
    const text = restore('5G');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc(), 'source.yaml': source('5G') } }), ID);
    expect(findings).toHaveLength(1);
    expect(applyFix(text, findings[0]!)).toBe(text.replace('5G', '4769Mi'));
    expect(linesOf(lint(text, { others: { 'sc.yaml': sc(), 'source.yaml': source('5G') } }), 'pvc-restore-size-mismatch')).toEqual([]);
  });

  it('leaves a decimal size to pvc-restore-size-mismatch when the source has another size', () => {
    const findings = lint(restore('5G'), { others: { 'sc.yaml': sc(), 'source.yaml': source('5Gi') } });
    expect(linesOf(findings, ID)).toEqual([]);
    expect(linesOf(findings, 'pvc-restore-size-mismatch')).toEqual([14]);
  });

  it('stays quiet for binary sizes, whole-MiB bytes, claims without a snapshot source and other provisioners', () => {
    const others = { 'sc.yaml': sc() + '---\n' + sc('ebs', 'ebs.csi.aws.com') };
    expect(linesOf(lint(restore('5Gi'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(restore('1048576000'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(restore('5G', ''), { others }), ID)).toEqual([]);
    expect(linesOf(lint(restore('5G', undefined, 'ebs'), { others }), ID)).toEqual([]);
  });
});

describe('pvc-restore-size-mismatch', () => {
  const ID = 'pvc-restore-size-mismatch';

  it('flags a restore bigger than the snapshot source, with the source size as a suggestion', () => {
    const text = restore('20Gi');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc(), 'source.yaml': source('10Gi') } }), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(14);
    expect(textOf(text, finding)).toBe('20Gi');
    expect(finding.severity).toBe('warning');
    expect(finding.fix).toBeUndefined();
    expect(finding.related?.map((r) => [r.uri, r.range.start.line + 1])).toEqual([
      ['file:///ws/source.yaml', 15],
      ['file:///ws/source.yaml', 4],
    ]);
    const fixed = applyFix(text, finding, 0);
    expect(fixed).toBe(text.replace('20Gi', '10Gi'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('compares sizes as the driver allocates them (whole MiB)', () => {
    expect(linesOf(lint(restore('4769Mi'), { others: { 'sc.yaml': sc(), 'source.yaml': source('5G') } }), ID)).toEqual([]);
    expect(linesOf(lint(restore('10240Mi'), { others: { 'sc.yaml': sc(), 'source.yaml': source('10Gi') } }), ID)).toEqual([]);
  });

  it('stays quiet when the snapshot or its source is not in the workspace', () => {
    expect(linesOf(lint(restore('20Gi'), { others: { 'sc.yaml': sc() } }), ID)).toEqual([]);
    const snapshotOnly = source('10Gi').split('---\n')[1]!;
    expect(linesOf(lint(restore('20Gi'), { others: { 'sc.yaml': sc(), 'snap.yaml': snapshotOnly } }), ID)).toEqual([]);
  });
});
