import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const ID = 'pvc-storage-request';

const pvc = (storage: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`;

const one = (text: string) => {
  const findings = ofRule(lint(text), ID);
  expect(findings).toHaveLength(1);
  return findings[0]!;
};

describe(ID, () => {
  it.each([
    ['5gi', '5Gi'],
    ['5GI', '5Gi'],
    ['20 Gi', '20Gi'],
    ['100GiB', '100Gi'],
    ['1.5 mib', '1.5Mi'],
    ['"2ki"', '"2Ki"'],
  ])('fixes the unambiguous %s to %s', (input, output) => {
    const text = pvc(input);
    const finding = one(text);
    expect(finding.range.start.line + 1).toBe(9);
    expect(textOf(text, finding)).toBe(input);
    expect(finding.severity).toBe('error');
    const fixed = applyFix(text, finding);
    expect(fixed).toBe(pvc(output));
    expect(parsesCleanly(fixed)).toBe(true);
    expect(linesOf(lint(fixed), ID)).toEqual([]);
  });

  it.each([
    ['10GB', ['10Gi', '10G']],
    ['5g', ['5Gi', '5G']],
    ['5K', ['5Ki', '5k']],
    ['500mb', ['500Mi', '500M']],
    ['500m', ['500Mi', '500M']],
  ])('offers both readings of the ambiguous %s as suggestions, without a fix', (input, candidates) => {
    const text = pvc(input);
    const finding = one(text);
    expect(textOf(text, finding)).toBe(input);
    expect(finding.fix).toBeUndefined();
    expect(finding.suggestions?.map((s) => s.title)).toEqual(candidates.map((c) => `Change to ${c}`));
    expect(applyFix(text, finding, 0)).toBe(pvc(candidates[0]!));
    expect(applyFix(text, finding, 1)).toBe(pvc(candidates[1]!));
  });

  it.each(['lots', '0', '-1Gi', '0Gi', '""'])('flags %s without any correction', (input) => {
    const text = pvc(input);
    const finding = one(text);
    expect(textOf(text, finding)).toBe(input);
    expect(finding.fix).toBeUndefined();
    expect(finding.suggestions).toBeUndefined();
  });

  it('explains why zero is refused', () => {
    expect(one(pvc('0')).message).toContain('greater than zero');
  });

  it('reports a missing storage request at the closest key that exists', () => {
    const noStorage = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      cpu: 1
`;
    const a = one(noStorage);
    expect([a.range.start.line + 1, textOf(noStorage, a)]).toEqual([8, 'requests']);
    const noResources = noStorage.split('  resources:')[0]!;
    const b = one(noResources);
    expect([b.range.start.line + 1, textOf(noResources, b)]).toEqual([5, 'spec']);
    expect(b.message).toContain('no resources.requests.storage');
  });

  it('checks StatefulSet claim templates and ephemeral volumes', () => {
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
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 1gi}}
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: [ReadWriteOnce]
`;
    const findings = ofRule(lint(text), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([
      [14, '1gi'],
      [18, 'spec'],
    ]);
    expect(findings[1]!.message).toContain('claim template "www" of StatefulSet "web"');
  });

  it('leaves null and non-scalar values to k8s-schema', () => {
    for (const value of ['', '~', '{size: 5Gi}']) {
      const findings = lint(pvc(value).replace('storage: \n', 'storage:\n'));
      expect(linesOf(findings, ID), value).toEqual([]);
      expect(linesOf(findings, 'k8s-schema').length, value).toBeGreaterThan(0);
    }
  });

  it('stays quiet for valid quantities, numbers and surrounding spaces', () => {
    for (const value of ['5Gi', '500M', '1e9', '1073741824', '"10Gi"', '" 10Gi "', '0.5Gi']) {
      expect(linesOf(lint(pvc(value)), ID), value).toEqual([]);
    }
  });
});
