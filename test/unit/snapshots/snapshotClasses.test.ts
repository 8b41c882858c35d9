// vsc-parameters-ignored, vsc-snapshots-unsupported, vsc-driver-typo
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const vsc = (driver = 'csi.vsphere.vmware.com', parameters = '') => `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata:
  name: vsphere
driver: ${driver}
deletionPolicy: Delete
${parameters}`;

const snapshot = (spec: string) => `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata:
  name: data-snap
spec:
${spec}`;

const content = (driver = 'csi.vsphere.vmware.com') => `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotContent
metadata:
  name: static-content
spec:
  deletionPolicy: Delete
  driver: ${driver}
  source:
    snapshotHandle: 4ef058e4-d941-447d-a427-438440b7d306+766f7158-b394-4cc1-891b-4667df0822fa
  volumeSnapshotRef:
    name: static-snap
    namespace: default
`;

describe('vsc-parameters-ignored', () => {
  const ID = 'vsc-parameters-ignored';

  it('flags each parameter the driver ignores, with a suggestion that removes it', () => {
    const text = vsc(undefined, 'parameters:\n  storagePolicyName: gold # tier\n  csi.storage.k8s.io/snapshotter-secret-name: creds\n');
    const findings = ofRule(lint(text), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(8);
    expect(textOf(text, finding)).toBe('storagePolicyName');
    expect(finding.severity).toBe('warning');
    expect(finding.tags).toEqual(['unnecessary']);
    const fixed = applyFix(text, finding, 0);
    expect(fixed).toBe(vsc(undefined, 'parameters:\n  csi.storage.k8s.io/snapshotter-secret-name: creds\n'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('stays quiet without parameters, for other drivers and on guest clusters', () => {
    expect(linesOf(lint(vsc()), ID)).toEqual([]);
    expect(linesOf(lint(vsc('ebs.csi.aws.com', 'parameters:\n  type: gp3\n')), ID)).toEqual([]);
    expect(linesOf(lint(vsc(undefined, 'parameters:\n  svvolumesnapshotclass: gold\n'), { config: 'driver: {flavor: guest}\n' }), ID)).toEqual([]);
  });
});

describe('vsc-snapshots-unsupported', () => {
  const ID = 'vsc-snapshots-unsupported';
  const old = 'vsphere: {version: "7.0U2"}\n';

  it('flags a vSphere snapshot class on vSphere older than 7.0U3, at the driver', () => {
    const text = vsc();
    const findings = ofRule(lint(text, { config: old }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[5, 'csi.vsphere.vmware.com', 'error']]);
    expect(findings[0]!.message).toContain('7.0U3');
    expect(findings[0]!.message).toContain('7.0U2');
  });

  it('flags VolumeSnapshots that use such a class (in another file) and VolumeSnapshotContents of the driver', () => {
    const text = snapshot('  volumeSnapshotClassName: vsphere\n  source:\n    persistentVolumeClaimName: data\n');
    const findings = ofRule(lint(text, { config: old, others: { 'vsc.yaml': vsc() } }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([[6, 'vsphere']]);
    expect(linesOf(lint(content(), { config: old }), ID)).toEqual([7]);
  });

  it('flags a VolumeSnapshot without a class when its claim is on a vSphere class', () => {
    const text = snapshot('  source:\n    persistentVolumeClaimName: data\n');
    const claim = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: vsan\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n';
    const sc = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: vsan\nprovisioner: csi.vsphere.vmware.com\n';
    const findings = ofRule(lint(text, { config: old, others: { 'claim.yaml': `${sc}---\n${claim}` } }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([[7, 'data']]);
    expect(linesOf(lint(text, { config: old }), ID)).toEqual([]);
  });

  it('stays quiet on 7.0U3 and later, without a version, and for other drivers', () => {
    expect(linesOf(lint(vsc(), { config: 'vsphere: {version: "7.0U3"}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(vsc(), { config: 'vsphere: {version: "8.0"}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(vsc()), ID)).toEqual([]);
    expect(linesOf(lint(vsc('ebs.csi.aws.com'), { config: old }), ID)).toEqual([]);
    const other = snapshot('  volumeSnapshotClassName: ebs\n  source:\n    persistentVolumeClaimName: data\n');
    expect(linesOf(lint(other, { config: old, others: { 'vsc.yaml': vsc('ebs.csi.aws.com').replace('name: vsphere', 'name: ebs') } }), ID)).toEqual([]);
  });
});

describe('vsc-driver-typo', () => {
  const ID = 'vsc-driver-typo';

  it('flags a near miss of the driver name with a did-you-mean', () => {
    const text = vsc('csi.vsphere.vmware.co');
    const findings = ofRule(lint(text), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line + 1).toBe(5);
    expect(textOf(text, findings[0]!)).toBe('csi.vsphere.vmware.co');
    expect(findings[0]!.severity).toBe('error');
    const fixed = applyFix(text, findings[0]!, 0);
    expect(fixed).toBe(vsc());
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('flags a wrong case and VolumeSnapshotContent drivers too', () => {
    expect(linesOf(lint(vsc('CSI.vsphere.vmware.com')), ID)).toEqual([5]);
    const text = content('"csi.vsphere.vmwre.com"');
    const findings = ofRule(lint(text), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([[7, '"csi.vsphere.vmwre.com"']]);
    expect(applyFix(text, findings[0]!, 0)).toBe(content('"csi.vsphere.vmware.com"'));
  });

  it('flags the driver name with its words swapped (the pre-1.0 name) and fixes it', () => {
    const text = vsc('vsphere.csi.vmware.com');
    const findings = ofRule(lint(text), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([[5, 'vsphere.csi.vmware.com']]);
    expect(applyFix(text, findings[0]!, 0)).toBe(vsc());
  });

  it('stays quiet for the right name and for unrelated drivers', () => {
    expect(linesOf(lint(vsc()), ID)).toEqual([]);
    for (const driver of ['ebs.csi.aws.com', 'disk.csi.azure.com', 'pd.csi.storage.gke.io', 'csi.trident.netapp.io', 'rbd.csi.ceph.com']) {
      expect(linesOf(lint(vsc(driver)), ID), driver).toEqual([]);
    }
  });
});
