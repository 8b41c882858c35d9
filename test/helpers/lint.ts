// Test helpers: lint in-memory files with the real language service and look at findings the
// way a user would (rule id, line, message).
import { createLanguageService, defaultConfig, parseConfigText, applyEdits, type Finding, type ResolvedConfig } from '../../server/src/service/index.js';

export const service = createLanguageService();

export interface LintInput {
  /** File name (relative) → text. */
  files: Record<string, string>;
  /** `.vsphere-csi.yaml` text applied to every file. */
  config?: string;
}

export function configFrom(text: string | undefined): ResolvedConfig {
  if (text === undefined) return defaultConfig();
  const parsed = parseConfigText(text, 'file:///ws/.vsphere-csi.yaml');
  if (parsed.problems.length) throw new Error(`test config invalid: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return parsed.config;
}

export function lintFiles(input: LintInput): Map<string, Finding[]> {
  const config = configFrom(input.config);
  const files = Object.entries(input.files).map(([name, text]) => ({ uri: `file:///ws/${name}`, text }));
  const results = service.lintFiles(files, { configFor: () => config });
  return new Map([...results].map(([uri, findings]) => [uri.replace('file:///ws/', ''), findings]));
}

/** Lints one document text (plus optional other files) and returns the findings of that text. */
export function lint(text: string, options: { config?: string; others?: Record<string, string> } = {}): Finding[] {
  const results = lintFiles({ files: { 'input.yaml': text, ...(options.others ?? {}) }, ...(options.config !== undefined ? { config: options.config } : {}) });
  return results.get('input.yaml') ?? [];
}

export function ofRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** 1-based line of each finding of a rule, the way editors and the CLI show them. */
export function linesOf(findings: Finding[], ruleId: string): number[] {
  return ofRule(findings, ruleId).map((f) => f.range.start.line + 1);
}

/** The text a finding's range covers. */
export function textOf(text: string, finding: Finding): string {
  return text.slice(finding.start, finding.end);
}

/** Applies a finding's fix (or its n-th suggestion) and returns the new text. */
export function applyFix(text: string, finding: Finding, suggestion?: number): string {
  const fix = suggestion === undefined ? finding.fix : finding.suggestions?.[suggestion];
  if (!fix) throw new Error(`finding ${finding.ruleId} has no ${suggestion === undefined ? 'fix' : `suggestion ${suggestion}`}`);
  return applyEdits(text, fix.edits).text;
}

/** Whether a text parses without YAML syntax problems. */
export function parsesCleanly(text: string): boolean {
  return service.parse({ uri: 'file:///ws/check.yaml', text }).syntaxProblems.length === 0;
}
