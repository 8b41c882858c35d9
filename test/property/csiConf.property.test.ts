// Whatever text reaches the csi-vsphere.conf reader (half-typed in an editor, pasted from a blog,
// binary junk), it must not throw, every span must lie inside the text, and every finding and fix
// of the whole service must stay inside the file, also when the conf is embedded in a Secret.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsiConf, type ConfDocument } from '../../server/src/service/fragments/csiConf/parser.js';
import { csiConfSupport } from '../../server/src/service/fragments/csiConf/index.js';
import { createLanguageService, defaultConfig, type Finding } from '../../server/src/service/index.js';

const service = createLanguageService();
const RUNS = 300;

/** Pieces csi-vsphere.conf is made of, plus characters that tend to break readers. */
const PIECES = [
  '[', ']', '[Global]\n', '[VirtualCenter "vc.example.com"]\n', '[VirtualCenter]\n', '[VirtualCenter 10.0.0.1]\n', '[NetPermissions "#"]\n', '[Labels]\n',
  '[TopologyCategory "k8s-zone"]\n', '[Snapshot]\n', '[GC]\n', '[Global "x"]\n', '[Virtual_Center "x"]\n', '[Workspace]\n', '[ ', ' ]', '""', '"', '\\', '\\\\', '\\"',
  '\\n', '\\t', '\\x', '\\\n', '\\\r\n', '=', ' = ', ':', '#', ';', '# comment\n', '; note\n', '\n', '\r\n', '\r', ' ', '\t', '\uFEFF', '\u0000', '\uD800', '😀', 'é', 'ß',
  'user', 'password', 'port', 'insecure-flag', 'insecure_flag', 'ca-file', 'thumbprint', 'datacenters', 'cluster-id', 'topology-categories', 'zone', 'region',
  'label', 'permissions', 'rootsquash', 'Ips', 'server', 'vcenterip', 'vc-client-timeout', 'query-limit', 'cluster-distribution',
  'true', 'off', 'enabled', '443', '0x1F', 'abc', '"administrator@vsphere.local"', 'CORP\\svc', '"CORP\\\\svc"', '"READ_ONLY"', 'read_only',
  '"topology.kubernetes.io/zone"', '"example.com/x"', '"a,b,c,d,e,f"', 'x'.repeat(70),
];

const confish = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) }), { maxLength: 60 })
  .map((parts) => parts.join(''));

function spans(doc: ConfDocument): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of doc.problems) out.push([p.start, p.end]);
  for (const s of doc.sections) {
    out.push([s.start, s.end], [s.nameStart, s.nameEnd]);
    if (s.subStart !== undefined) out.push([s.subStart, s.subEnd!]);
    for (const e of s.entries) {
      out.push([e.start, e.end], [e.nameStart, e.nameEnd]);
      if (e.value) {
        out.push([e.value.start, e.value.end]);
        for (const issue of e.value.escapeIssues) out.push([issue.start, issue.end]);
      }
    }
  }
  return out;
}

function insideFile(text: string, findings: Finding[]): void {
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
      for (const edit of fix?.edits ?? []) {
        expect(edit.start).toBeGreaterThanOrEqual(0);
        expect(edit.end).toBeLessThanOrEqual(text.length);
      }
    }
  }
}

describe('csi-vsphere.conf parser and rules on arbitrary text', () => {
  it('the parser never throws and keeps every span inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(confish, fc.string({ maxLength: 200, unit: 'binary' })), (text) => {
        const doc = parseCsiConf(text);
        for (const [start, end] of spans(doc)) {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeGreaterThanOrEqual(start);
          expect(end).toBeLessThanOrEqual(text.length);
        }
        // Section and entry names are exactly the text at their spans.
        for (const s of doc.sections) {
          expect(text.slice(s.nameStart, s.nameEnd)).toBe(s.name);
          for (const e of s.entries) {
            expect(text.slice(e.nameStart, e.nameEnd)).toBe(e.name);
            if (e.value) expect(text.slice(e.value.start, e.value.end)).toBe(e.value.raw);
          }
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('lint, hover and completion never throw; findings and fixes stay inside the file', () => {
    fc.assert(
      fc.property(confish, fc.nat(), (text, at) => {
        const findings = service.lintFiles([{ uri: 'file:///ws/csi-vsphere.conf', text }]).get('file:///ws/csi-vsphere.conf')!;
        insideFile(text, findings);
        expect(findings.some((f) => f.ruleId === 'internal-error')).toBe(false);
        const fragment = csiConfSupport.fromFile!(text, 'csi-conf')[0]!.fragment;
        const offset = text.length === 0 ? 0 : at % (text.length + 1);
        const hover = csiConfSupport.hover!(fragment, offset, defaultConfig());
        if (hover) expect(hover.span[1]).toBeLessThanOrEqual(text.length);
        for (const item of csiConfSupport.complete!(fragment, offset, defaultConfig())) {
          if (item.replace) expect(item.replace[1]).toBeLessThanOrEqual(text.length);
        }
        // Fixes apply, and the fixed text still lints without internal errors.
        const fixed = service.applyFixes('file:///ws/csi-vsphere.conf', text, findings);
        if (fixed.applied.length) {
          const again = service.lintFiles([{ uri: 'file:///ws/csi-vsphere.conf', text: fixed.text }]).get('file:///ws/csi-vsphere.conf')!;
          expect(again.some((f) => f.ruleId === 'internal-error')).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('embedded in a Secret block scalar, findings stay inside the YAML file', () => {
    fc.assert(
      fc.property(confish, (conf) => {
        const body = conf.replace(/\r/g, '').split('\n').map((line) => `    ${line}`).join('\n');
        const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: vsphere-config-secret\nstringData:\n  csi-vsphere.conf: |\n${body}\n`;
        const findings = service.lintFiles([{ uri: 'file:///ws/secret.yaml', text }]).get('file:///ws/secret.yaml')!;
        insideFile(text, findings);
        expect(findings.some((f) => f.ruleId === 'internal-error')).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
