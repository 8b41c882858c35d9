import { describe, expect, it } from 'vitest';
import { lint, linesOf, ofRule, textOf } from '../../helpers/lint.js';

const ID = 'pvc-volume-attributes-class';

const sc = (name: string, provisioner: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
provisioner: ${provisioner}
`;
const others = { 'sc.yaml': `${sc('vsan', 'csi.vsphere.vmware.com')}---\n${sc('ebs', 'ebs.csi.aws.com')}` };

const pvc = (cls: string, vac = 'gold-iops') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: ${cls}
  volumeAttributesClassName: ${vac}
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 5Gi
`;

describe(ID, () => {
  it('flags volumeAttributesClassName on a vSphere claim on vanilla, at the value', () => {
    const text = pvc('vsan');
    const findings = ofRule(lint(text, { others }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[7, 'gold-iops', 'error']]);
    expect(findings[0]!.message).toContain('cannot');
  });

  it('also applies to classes known from the config', () => {
    expect(linesOf(lint(pvc('cluster-class'), { config: 'storageClasses: [cluster-class]\n' }), ID)).toEqual([7]);
  });

  it('stays quiet on Supervisor and guest clusters, for other provisioners and for an empty name', () => {
    expect(linesOf(lint(pvc('vsan'), { others, config: 'driver: {flavor: supervisor}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('vsan'), { others, config: 'driver: {flavor: guest}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('ebs'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('vsan', '""'), { others }), ID)).toEqual([]);
  });
});
