// csi-vsphere.conf inside the Secret vsphere-config-secret: findings on the right YAML line and
// column for block scalars, anchored on the value for base64 data and quoted strings.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../server/src/service/index.js';
import { applyFix, lint, parsesCleanly } from '../../helpers/lint.js';

const CONF_LINES = ['[Global]', 'cluster-id = "prod"', '', '[VirtualCenter "vc.example.com"]', 'user = "administrator"', 'password = "secret"', 'insecure_flag = false'];

const secret = (body: string) => `apiVersion: v1
kind: Secret
metadata:
  name: vsphere-config-secret
  namespace: vmware-system-csi
${body}`;

const block = (indicator = '|', indent = '    ') => secret(`stringData:\n  csi-vsphere.conf: ${indicator}\n${CONF_LINES.map((l) => (l ? indent + l : '')).join('\n')}\n`);

const csi = (findings: Finding[]) => findings.filter((f) => f.ruleId.startsWith('csi-conf-'));
const at = (text: string, f: Finding) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}:${text.slice(f.start, f.end)}`;

describe('embedded csi-vsphere.conf', () => {
  it.each(['|', '|-', '|+'])('a %s block scalar under stringData maps findings to YAML lines and columns', (indicator) => {
    const text = block(indicator);
    const findings = csi(lint(text));
    expect(findings.map((f) => at(text, f))).toEqual(['csi-conf-username-format@12:12:"administrator"', 'csi-conf-invalid-name@14:5:insecure_flag']);
    // Single-line fixes apply to the YAML file and keep it valid YAML.
    const fixed = applyFix(text, findings[1]!);
    expect(fixed).toBe(text.replace('insecure_flag', 'insecure-flag'));
    expect(parsesCleanly(fixed)).toBe(true);
    expect(csi(lint(fixed)).map((f) => f.ruleId)).toEqual(['csi-conf-username-format']);
  });

  it('handles CRLF files and deeper indentation', () => {
    const text = block('|', '      ').replace(/\n/g, '\r\n');
    expect(csi(lint(text)).map((f) => at(text, f))).toEqual(['csi-conf-username-format@12:14:"administrator"', 'csi-conf-invalid-name@14:7:insecure_flag']);
  });

  it('anchors findings of base64 data on the value and names the conf line, without fixes', () => {
    const encoded = Buffer.from(`${CONF_LINES.join('\n')}\n`).toString('base64');
    const text = secret(`data:\n  csi-vsphere.conf: ${encoded}\n`);
    const findings = csi(lint(text));
    expect(findings.map((f) => [f.ruleId, f.range.start.line + 1, f.range.start.character + 1])).toEqual([
      ['csi-conf-invalid-name', 7, 21],
      ['csi-conf-username-format', 7, 21],
    ]);
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe(encoded);
    expect(findings.find((f) => f.ruleId === 'csi-conf-username-format')!.message).toContain('(line 5 of the embedded csi-vsphere.conf)');
    expect(findings.some((f) => f.fix || f.suggestions)).toBe(false);
  });

  it('reports base64 that does not decode', () => {
    const text = secret('data:\n  csi-vsphere.conf: "not base64!"\n');
    expect(csi(lint(text)).map((f) => [f.ruleId, f.range.start.line + 1])).toEqual([['csi-conf-syntax', 7]]);
  });

  it('anchors findings of a double-quoted string on its first line', () => {
    const text = secret('stringData:\n  csi-vsphere.conf: "[Global]\\nuser = \\"root\\"\\npassword = \\"p\\"\\n[VirtualCenter \\"vc\\"]\\n"\n');
    const findings = csi(lint(text));
    expect(findings.map((f) => [f.ruleId, f.range.start.line + 1, f.range.start.character + 1, f.fix === undefined])).toEqual([['csi-conf-username-format', 7, 21, true]]);
    expect(findings[0]!.message).toContain('(line 2 of the embedded csi-vsphere.conf)');
  });

  it('prefers stringData over data, and ignores Secrets without the key', () => {
    const good = Buffer.from('[VirtualCenter "vc"]\nuser = "a@b"\npassword = "p"\n').toString('base64');
    const text = secret(`data:\n  csi-vsphere.conf: ${good}\nstringData:\n  csi-vsphere.conf: |\n    [VirtualCenter "vc"]\n    user = "root"\n    password = "p"\n`);
    expect(csi(lint(text)).map((f) => [f.ruleId, f.range.start.line + 1])).toEqual([['csi-conf-username-format', 11]]);
    expect(csi(lint(secret('stringData:\n  other.conf: |\n    [Global]\n    x_y = 1\n')))).toEqual([]);
  });

  it('a clean embedded conf lints clean', () => {
    const text = secret('stringData:\n  csi-vsphere.conf: |-\n    [Global]\n    cluster-id = "prod"\n    [VirtualCenter "vc.example.com"]\n    user = "administrator@vsphere.local"\n    password = "s3cr#t;x"\n');
    expect(csi(lint(text))).toEqual([]);
  });
});
