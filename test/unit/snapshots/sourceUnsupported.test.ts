import { describe, expect, it } from 'vitest';
import { lint, linesOf, ofRule, textOf } from '../../helpers/lint.js';

const classes = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: vsan}
provisioner: csi.vsphere.vmware.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: legacy}
provisioner: kubernetes.io/vsphere-volume
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: ceph}
provisioner: rbd.csi.ceph.com
`;

const claim = (name: string, mode: string, cls: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}}
spec:
  accessModes: [${mode}]
  storageClassName: ${cls}
  resources: {requests: {storage: 1Gi}}
`;

const snapshot = (claimName: string) => `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata: {name: snap}
spec:
  volumeSnapshotClassName: vsphere
  source:
    persistentVolumeClaimName: ${claimName}
`;

describe('vs-source-unsupported', () => {
  it('flags a snapshot of a ReadWriteMany vSphere claim defined in another file, pointing back at the claim', () => {
    const text = snapshot('shared');
    const findings = ofRule(lint(text, { others: { 'classes.yaml': classes, 'claim.yaml': claim('shared', 'ReadWriteMany', 'vsan') } }), 'vs-source-unsupported');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line + 1).toBe(7);
    expect(textOf(text, findings[0]!)).toBe('shared');
    expect(findings[0]!.message).toContain('vSAN File Services');
    expect(findings[0]!.related?.[0]?.uri).toBe('file:///ws/claim.yaml');
  });

  it('flags a snapshot of a claim of an in-tree (migrated) class', () => {
    const findings = lint(snapshot('old'), { others: { 'classes.yaml': classes, 'claim.yaml': claim('old', 'ReadWriteOnce', 'legacy') } });
    expect(linesOf(findings, 'vs-source-unsupported')).toEqual([7]);
    expect(ofRule(findings, 'vs-source-unsupported')[0]!.message).toContain('migrated');
  });

  it('stays quiet for block claims, other drivers and claims it cannot see', () => {
    expect(linesOf(lint(snapshot('db'), { others: { 'classes.yaml': classes, 'claim.yaml': claim('db', 'ReadWriteOnce', 'vsan') } }), 'vs-source-unsupported')).toEqual([]);
    expect(linesOf(lint(snapshot('cephfs'), { others: { 'classes.yaml': classes, 'claim.yaml': claim('cephfs', 'ReadWriteMany', 'ceph') } }), 'vs-source-unsupported')).toEqual([]);
    expect(linesOf(lint(snapshot('elsewhere'), { others: { 'classes.yaml': classes } }), 'vs-source-unsupported')).toEqual([]);
  });
});
