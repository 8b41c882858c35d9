// Helpers for the ESXi host command tests: lint a script, kickstart or PowerShell file by name and
// look at findings as (line, covered text, severity).
import { applyEdits, type Finding } from '../../../server/src/service/index.js';
import { lintFiles, service } from '../../helpers/lint.js';

export { service };

export function lintFile(name: string, text: string, config?: string): Finding[] {
  return lintFiles({ files: { [name]: text }, ...(config !== undefined ? { config } : {}) }).get(name) ?? [];
}

export const sh = (text: string, config?: string) => lintFile('host.sh', text, config);
export const ps1 = (text: string, config?: string) => lintFile('host.ps1', text, config);
export const ks = (text: string, config?: string) => lintFile('ks.cfg', text, config);
export const bootCfg = (text: string, config?: string) => lintFile('boot.cfg', text, config);

/** [1-based line, covered text, severity] of each finding of a rule (all ESXi rules when omitted). */
export function shown(text: string, findings: Finding[], rule?: string): Array<[number, string, string]> {
  return findings.filter((f) => (rule ? f.ruleId === rule : f.ruleId.startsWith('esxi-'))).map((f) => [f.range.start.line + 1, text.slice(f.start, f.end), f.severity]);
}

export function only(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.ruleId === rule);
}

export function fixed(text: string, finding: Finding): string {
  if (!finding.fix) throw new Error(`${finding.ruleId} has no fix`);
  return applyEdits(text, finding.fix.edits).text;
}

export function suggested(text: string, finding: Finding, n = 0): string {
  const fix = finding.suggestions?.[n];
  if (!fix) throw new Error(`${finding.ruleId} has no suggestion ${n}`);
  return applyEdits(text, fix.edits).text;
}

/** The ESXi rule ids found in a text. */
export function ids(findings: Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.ruleId.startsWith('esxi-')).map((f) => f.ruleId))].sort();
}
