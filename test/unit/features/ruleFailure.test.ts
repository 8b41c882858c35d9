// A rule that throws: the session reports it once (as one internal-error finding, like a whole-file
// analysis), calls onRuleError, and the other rules still report.
import { afterEach, expect, test } from 'vitest';
import { createLanguageService } from '../../../server/src/service/index.js';
import { AnalysisSession } from '../../../server/src/service/features/incremental.js';

const service = createLanguageService();
const rule = service.registry.rulesForKind('StorageClass').find((r) => r.meta.id === 'sc-invalid-fstype')!;
const original = rule.check;

afterEach(() => {
  rule.check = original;
});

const CLASS = (name: string, fstype: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
provisioner: csi.vsphere.vmware.com
parameters:
  csi.storage.k8s.io/fstype: ${fstype}
  storagePolicy: x
`;

test('one failing rule: one internal-error finding in a multi-document file, logged, the others still run', () => {
  rule.check = () => {
    throw new Error('boom');
  };
  const errors: string[] = [];
  const session = new AnalysisSession(service, { onRuleError: (id) => errors.push(id) });
  const uri = 'file:///ws/classes.yaml';
  const text = [CLASS('a', 'EXT4'), CLASS('b', 'XFS'), CLASS('c', 'ext4')].join('---\n');
  session.open(uri, text, { config: service.defaultConfig() });
  const findings = session.findings(uri)!;
  const internal = findings.filter((f) => f.ruleId === 'internal-error');
  expect(internal).toHaveLength(1);
  expect(internal[0]!.message).toMatch(/sc-invalid-fstype failed/);
  expect(findings.filter((f) => f.ruleId === 'sc-unknown-parameter')).toHaveLength(3);
  expect(errors.length).toBeGreaterThan(0);
  // The same as one analysis of the whole file.
  const fresh = service.lintFiles([{ uri, text }]).get(uri)!;
  expect(findings.map((f) => [f.ruleId, f.start, f.message])).toEqual(fresh.map((f) => [f.ruleId, f.start, f.message]));
  // An edit in the third document keeps it at one.
  const edited = text.replace('name: c', 'name: cc');
  session.update(uri, edited);
  expect(session.findings(uri)!.filter((f) => f.ruleId === 'internal-error')).toHaveLength(1);
});
