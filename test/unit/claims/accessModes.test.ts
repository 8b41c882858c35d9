// pvc-block-multi-node, pvc-access-mode-conflict
import { describe, expect, it } from 'vitest';
import { lint, linesOf, ofRule, textOf } from '../../helpers/lint.js';

const vsphereSc = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: vsan
provisioner: csi.vsphere.vmware.com
`;
const otherSc = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ebs
provisioner: ebs.csi.aws.com
`;
const others = { 'sc.yaml': vsphereSc, 'other-sc.yaml': otherSc };

const pvc = (modes: string, extra = '', cls = 'vsan') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: ${cls}
  accessModes: ${modes}
${extra}  resources:
    requests:
      storage: 5Gi
`;

describe('pvc-block-multi-node', () => {
  const ID = 'pvc-block-multi-node';

  it('flags volumeMode: Block with ReadWriteMany on a vSphere claim, at the value, with the mode as related info', () => {
    const text = pvc('[ReadWriteMany]', '  volumeMode: Block\n');
    const findings = ofRule(lint(text, { others }), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line + 1).toBe(8);
    expect(textOf(text, findings[0]!)).toBe('Block');
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toContain('ReadWriteMany');
    expect(findings[0]!.related?.[0]?.range.start.line).toBe(6);
  });

  it('flags ReadOnlyMany too, and classes known only from the config', () => {
    const text = pvc('[ReadOnlyMany]', '  volumeMode: Block\n', 'cluster-class');
    expect(linesOf(lint(text, { config: 'storageClasses: [cluster-class]\n' }), ID)).toEqual([8]);
  });

  it('stays quiet for RWO block, RWX filesystem, other provisioners and non-vanilla flavors', () => {
    expect(linesOf(lint(pvc('[ReadWriteOnce]', '  volumeMode: Block\n'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany]', '  volumeMode: Filesystem\n'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany]', '  volumeMode: Block\n', 'ebs'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany]', '  volumeMode: Block\n', 'unknown')), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany]', '  volumeMode: Block\n'), { others, config: 'driver: {flavor: supervisor}\n' }), ID)).toEqual([]);
  });
});

describe('pvc-access-mode-conflict', () => {
  const ID = 'pvc-access-mode-conflict';

  it('flags ReadWriteOnce next to ReadWriteMany on a vSphere claim, at the ReadWriteOnce item', () => {
    const text = pvc('\n    - ReadWriteMany\n    - ReadWriteOnce\n');
    const findings = ofRule(lint(text, { others }), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line + 1).toBe(9);
    expect(textOf(text, findings[0]!)).toBe('ReadWriteOnce');
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.related?.map((r) => r.range.start.line + 1)).toEqual([8]);
  });

  it('flags ReadWriteOncePod with any other mode for every claim, vSphere or not', () => {
    const text = pvc('[ReadWriteOnce, ReadWriteOncePod]', '', 'ebs');
    const findings = ofRule(lint(text, { others }), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line + 1).toBe(7);
    expect(textOf(text, findings[0]!)).toBe('ReadWriteOncePod');
    expect(findings[0]!.message).toContain('ReadWriteOncePod must be the only access mode');
  });

  it('stays quiet for single modes, shared-only modes and other provisioners', () => {
    expect(linesOf(lint(pvc('[ReadWriteOncePod]'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteMany, ReadOnlyMany]'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteOnce, ReadWriteMany]', '', 'ebs'), { others }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('[ReadWriteOnce, ReadWriteMany]', '', 'unknown')), ID)).toEqual([]);
  });

  it('checks generic ephemeral volumes of a CronJob', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          volumes:
            - name: scratch
              ephemeral:
                volumeClaimTemplate:
                  spec:
                    storageClassName: vsan
                    accessModes: [ReadWriteOnce, ReadOnlyMany]
                    resources: {requests: {storage: 1Gi}}
`;
    const findings = ofRule(lint(text, { others }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([[17, 'ReadWriteOnce']]);
  });
});
