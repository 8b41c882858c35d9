import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const ID = 'pvc-storage-class-not-found';

const sc = (name: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
provisioner: csi.vsphere.vmware.com
`;

const pvc = (classLine: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
${classLine}
  resources:
    requests:
      storage: 5Gi
`;

describe(ID, () => {
  it('warns about a misspelt class defined in another file, with a did-you-mean that replaces only the value', () => {
    const text = pvc('  storageClassName: vsan-glod # tier');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc('vsan-gold') } }), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(7);
    expect(textOf(text, finding)).toBe('vsan-glod');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('Did you mean "vsan-gold"?');
    const fixed = applyFix(text, finding, 0);
    expect(fixed).toBe(text.replace('vsan-glod', 'vsan-gold'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('suggests classes listed in the config and keeps the quoting style', () => {
    const text = pvc('  storageClassName: "fsat"');
    const findings = ofRule(lint(text, { config: 'storageClasses: [fast]\n' }), ID);
    expect(findings).toHaveLength(1);
    expect(textOf(text, findings[0]!)).toBe('"fsat"');
    expect(applyFix(text, findings[0]!, 0)).toBe(text.replace('"fsat"', '"fast"'));
  });

  it('is only a note when no known class is close (the class may exist in the cluster)', () => {
    const text = pvc('  storageClassName: nginx-sc');
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc('example-vanilla-rwo-filesystem-sc') } }), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('info');
    expect(findings[0]!.suggestions).toBeUndefined();
    expect(findings[0]!.message).toContain('storageClasses in .vsphere-csi.yaml');
  });

  it('stays quiet for existing, configured, empty and absent class names', () => {
    expect(linesOf(lint(pvc('  storageClassName: vsan-gold'), { others: { 'sc.yaml': sc('vsan-gold') } }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('  storageClassName: fast'), { config: 'storageClasses: [fast]\n' }), ID)).toEqual([]);
    expect(linesOf(lint(pvc('  storageClassName: ""')), ID)).toEqual([]);
    expect(linesOf(lint(pvc('  volumeMode: Filesystem')), ID)).toEqual([]);
    expect(linesOf(lint(`${sc('gold')}---\n${pvc('  storageClassName: gold')}`), ID)).toEqual([]);
  });

  it('checks StatefulSet claim templates and generic ephemeral volumes', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  template:
    spec:
      volumes:
        - name: scratch
          ephemeral:
            volumeClaimTemplate:
              spec:
                storageClassName: vsan-gol
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 1Gi}}
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        storageClassName: vsan-glod
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
`;
    const findings = ofRule(lint(text, { others: { 'sc.yaml': sc('vsan-gold') } }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([
      [13, 'vsan-gol', 'warning'],
      [20, 'vsan-glod', 'warning'],
    ]);
  });
});
