// workload-volumes-per-node, sts-volumes-per-node
import { describe, expect, it } from 'vitest';
import { lint, linesOf, ofRule, textOf } from '../../helpers/lint.js';

const claimVolumes = (count: number, prefix = 'data') =>
  Array.from({ length: count }, (_, i) => `    - name: v${i}\n      persistentVolumeClaim:\n        claimName: ${prefix}-${i}\n`).join('');

const pod = (volumes: string) => `apiVersion: v1
kind: Pod
metadata:
  name: hoarder
spec:
  containers:
    - name: app
      image: busybox
  volumes:
${volumes}`;

const featureStates = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: internal-feature-states.csi.vsphere.vmware.com
  namespace: vmware-system-csi
data:
  high-pv-node-density: "${value}"
`;

const claims = (count: number, cls: string, prefix = 'data') =>
  Array.from(
    { length: count },
    (_, i) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${prefix}-${i}\nspec:\n  storageClassName: ${cls}\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n`,
  ).join('---\n');

const sts = (replicas: string, templates: number, podVolumes = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
${replicas}  template:
    spec:
      containers:
        - name: db
          image: postgres
${podVolumes ? `      volumes:\n${podVolumes.replace(/^(?=.)/gm, '    ')}` : ''}  volumeClaimTemplates:
${Array.from({ length: templates }, (_, i) => `    - metadata:\n        name: t${i}\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources: {requests: {storage: 1Gi}}\n`).join('')}`;

describe('workload-volumes-per-node', () => {
  const ID = 'workload-volumes-per-node';

  it('flags a pod with more unresolved claims than the default 59, at the volumes key', () => {
    const text = pod(claimVolumes(60));
    const findings = ofRule(lint(text), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(9);
    expect(textOf(text, finding)).toBe('volumes');
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('uses 60 vSphere volumes');
    expect(finding.message).toContain('at most 59');
    expect(finding.message).toContain("the driver's default");
  });

  it('stays quiet at the limit, counts a claim used twice once, and leaves out claims of other provisioners', () => {
    expect(linesOf(lint(pod(claimVolumes(59))), ID)).toEqual([]);
    const twice = claimVolumes(59) + '    - name: again\n      persistentVolumeClaim:\n        claimName: data-0\n';
    expect(linesOf(lint(pod(twice)), ID)).toEqual([]);
    const ebsClass = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ebs\nprovisioner: ebs.csi.aws.com\n';
    const mixed = pod(claimVolumes(50) + claimVolumes(20, 'other'));
    expect(linesOf(lint(mixed, { others: { 'claims.yaml': `${ebsClass}---\n${claims(20, 'ebs', 'other')}` } }), ID)).toEqual([]);
    expect(linesOf(lint(mixed, { others: { 'claims.yaml': claims(20, 'cluster-vsan', 'other') }, config: 'storageClasses: [cluster-vsan]\n' }), ID)).toEqual([9]);
  });

  it('uses nodes.maxVolumesPerNode from the config and says so', () => {
    const findings = ofRule(lint(pod(claimVolumes(11)), { config: 'nodes: {maxVolumesPerNode: 10}\n' }), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('nodes.maxVolumesPerNode');
  });

  it('allows 255 with high-pv-node-density on vSphere 8, and only 59 on vSphere 7', () => {
    const others = { 'fss.yaml': featureStates('true') };
    expect(linesOf(lint(pod(claimVolumes(60)), { others, config: 'vsphere: {version: "8.0.2"}\n' }), ID)).toEqual([]);
    const over = ofRule(lint(pod(claimVolumes(256)), { others, config: 'vsphere: {version: "8.0.2"}\n' }), ID);
    expect(over).toHaveLength(1);
    expect(over[0]!.message).toContain('at most 255');
    const v7 = ofRule(lint(pod(claimVolumes(60)), { others, config: 'vsphere: {version: "7.0U3"}\n' }), ID);
    expect(v7).toHaveLength(1);
    expect(v7[0]!.message).toContain('needs vSphere 8');
  });

  it('counts StatefulSet claim templates, which every pod mounts, and points at the list holding the 60th volume', () => {
    const text = sts('  replicas: 1\n', 2, claimVolumes(58));
    const findings = ofRule(lint(text), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line + 1).toBe(187);
    expect(textOf(text, findings[0]!)).toBe('volumeClaimTemplates');
    expect(findings[0]!.message).toContain('The pod template of StatefulSet "db" uses 60');
    expect(linesOf(lint(sts('  replicas: 1\n', 1, claimVolumes(58))), ID)).toEqual([]);
  });

  it('counts ephemeral volumes and in-tree vsphereVolume volumes of a Deployment', () => {
    const ephemeral = Array.from(
      { length: 30 },
      (_, i) => `    - name: e${i}\n      ephemeral:\n        volumeClaimTemplate:\n          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n`,
    ).join('');
    const inTree = Array.from({ length: 30 }, (_, i) => `    - name: t${i}\n      vsphereVolume:\n        volumePath: "[ds] kubevols/v${i}.vmdk"\n`).join('');
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers: [{name: app, image: busybox}]
      volumes:
${(ephemeral + inTree).replace(/^(?=.)/gm, '    ')}`;
    expect(linesOf(lint(text), ID)).toEqual([9]);
  });
});

describe('sts-volumes-per-node', () => {
  const ID = 'sts-volumes-per-node';

  it('warns when replicas x templates spread over nodes.count exceed the limit, at replicas', () => {
    const text = sts('  replicas: 100\n', 2);
    const findings = ofRule(lint(text, { config: 'nodes: {count: 3}\n' }), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line + 1).toBe(6);
    expect(textOf(text, findings[0]!)).toBe('100');
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toContain('100 replicas x 2 volume(s) each = 200 vSphere volumes on 3 node(s)');
    expect(findings[0]!.message).toContain('at least 67 per node');
  });

  it('stays quiet without nodes.count, under the limit, and when one pod alone is over it', () => {
    expect(linesOf(lint(sts('  replicas: 100\n', 2)), ID)).toEqual([]);
    expect(linesOf(lint(sts('  replicas: 88\n', 2), { config: 'nodes: {count: 3}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(sts('  replicas: 1\n', 60), { config: 'nodes: {count: 1}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(sts('  replicas: 100\n', 2), { config: 'nodes: {count: 3, maxVolumesPerNode: 100}\n' }), ID)).toEqual([]);
  });

  it('reads a missing replicas as 1 and ignores replicas that are not a number', () => {
    expect(linesOf(lint(sts('', 2), { config: 'nodes: {count: 1, maxVolumesPerNode: 2}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(sts('  replicas: many\n', 2), { config: 'nodes: {count: 1, maxVolumesPerNode: 2}\n' }), ID)).toEqual([]);
  });
});
