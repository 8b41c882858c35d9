// The language service: a pure facade over parsing, indexing, rules, fixes and rule docs.
// No LSP connection, no file system, no process: callers hand in text, URIs and config.
import { advanceLint, lintDeferred, lintLocal, lintParsedFile, type LintOptions, type LocalLint } from './analyze.js';
import { defaultConfig, parseConfigText, type ResolvedConfig } from './config.js';
import { type ParsedFile, type ParseLimits, DEFAULT_PARSE_LIMITS } from './parse.js';
import { parseSourceFile, scanIndexDefinitions } from './parseFile.js';
import { fragmentLanguages } from './fragments/index.js';
import { createRuleRegistry, type RuleRegistry } from './rules/index.js';
import type { Finding, SeveritySetting, SourceFile } from './types.js';
import { buildWorkspaceIndex, extractIndexEntries, type FileIndexEntries, type WorkspaceIndex } from './workspaceIndex.js';
import { applyEdits } from './yaml/edits.js';

export * from './types.js';
export type { ResolvedConfig, ParsedFile, WorkspaceIndex, FileIndexEntries, RuleRegistry, LocalLint };
export type { RuleMeta } from './rules/rule.js';
export { defaultConfig, parseConfigText } from './config.js';
export { formatCitation } from './knowledge/citations.js';
export { applyEdits } from './yaml/edits.js';
export { LineIndex } from './util/lineIndex.js';
export { languageForPath, WALKED_FILE_GLOBS } from './languages.js';
export { definitionEntries, hasIndexDefinitions, mayDefineIndexDefinitions } from './workspaceIndex.js';
export { ruleDocsUrl, renderRuleMarkdown, renderRuleText, PROJECT_URL } from './rules/docs.js';

export interface LanguageServiceOptions {
  limits?: ParseLimits;
  onRuleError?: LintOptions['onRuleError'];
}

export interface LintRunOptions {
  /** Config per file (nearest `.vsphere-csi.yaml`); defaults when absent. */
  configFor?: (uri: string) => ResolvedConfig;
  ruleOverrides?: Record<string, SeveritySetting>;
}

export interface FixResult {
  text: string;
  /** Findings whose fixes were applied. */
  applied: Finding[];
  /** Whether the result parses as well as the input did. */
  safe: boolean;
}

export function createLanguageService(options: LanguageServiceOptions = {}) {
  const fragmentSupports = fragmentLanguages();
  const registry = createRuleRegistry(fragmentSupports);
  const limits = options.limits ?? DEFAULT_PARSE_LIMITS;

  const parse = (file: SourceFile): ParsedFile => parseSourceFile(file, fragmentSupports, limits);

  const lint = (file: ParsedFile, config: ResolvedConfig, index: WorkspaceIndex, ruleOverrides?: Record<string, SeveritySetting>): Finding[] =>
    lintParsedFile(file, registry, {
      config,
      index,
      ...(ruleOverrides ? { ruleOverrides } : {}),
      ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
    });

  /**
   * Two-phase linting for runs that parse many files (the CLI): lintLocal right after parsing a
   * file, before the run's index exists, keeps only what the rule runs that need the index use;
   * lintDeferred with the index then gives exactly what `lint` gives. A result whose `deferred` is
   * empty can be finished without an index. `definitions` (an index complete in its
   * DEFINITION_KEYS parts, see workspaceIndex.ts) lets runs that only look up classes go ahead;
   * advanceLint retries deferred runs once such an index exists.
   */
  const localOptions = (config: ResolvedConfig, ruleOverrides?: Record<string, SeveritySetting>) => ({
    config,
    ...(ruleOverrides ? { ruleOverrides } : {}),
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  });
  const lintLocalPhase = (file: ParsedFile, config: ResolvedConfig, ruleOverrides?: Record<string, SeveritySetting>, definitions?: WorkspaceIndex): LocalLint =>
    lintLocal(file, registry, localOptions(config, ruleOverrides), definitions);
  const advanceLintPhase = (local: LocalLint, config: ResolvedConfig, definitions: WorkspaceIndex, ruleOverrides?: Record<string, SeveritySetting>): LocalLint =>
    advanceLint(local, registry, localOptions(config, ruleOverrides), definitions);
  const lintDeferredPhase = (local: LocalLint, config: ResolvedConfig, index: WorkspaceIndex | undefined, ruleOverrides?: Record<string, SeveritySetting>): Finding[] =>
    lintDeferred(local, registry, { ...localOptions(config, ruleOverrides), ...(index ? { index } : {}) });

  /** Lints a set of in-memory files together (cross-file checks see all of them). */
  const lintFiles = (files: readonly SourceFile[], run: LintRunOptions = {}): Map<string, Finding[]> => {
    const parsed = files.map(parse);
    const index = buildWorkspaceIndex(parsed.map(extractIndexEntries));
    const results = new Map<string, Finding[]>();
    for (const file of parsed) {
      const config = run.configFor?.(file.uri) ?? defaultConfig();
      results.set(file.uri, lint(file, config, index, run.ruleOverrides));
    }
    return results;
  };

  /**
   * Applies the safe fixes of `findings` to `text`. Overlapping fixes are left for a later pass.
   * The result is re-parsed; if it has more syntax problems than the input, nothing is applied.
   */
  const applyFixes = (uri: string, text: string, findings: readonly Finding[]): FixResult => {
    const fixable = findings.filter((f) => f.fix);
    if (fixable.length === 0) return { text, applied: [], safe: true };
    const chosen: Finding[] = [];
    const edits = [] as { start: number; end: number; newText: string }[];
    const taken: Array<[number, number]> = [];
    for (const finding of fixable) {
      const fixEdits = finding.fix!.edits;
      const overlaps = fixEdits.some((e) => taken.some(([s, t]) => e.start < t && s < e.end || (e.start === e.end && e.start === s)));
      if (overlaps) continue;
      chosen.push(finding);
      for (const e of fixEdits) {
        edits.push(e);
        taken.push([e.start, e.end]);
      }
    }
    const { text: result } = applyEdits(text, edits);
    const before = parse({ uri, text }).syntaxProblems.length;
    const after = parse({ uri, text: result }).syntaxProblems.length;
    if (after > before) return { text, applied: [], safe: false };
    return { text: result, applied: chosen, safe: true };
  };

  return {
    rules: registry.all,
    registry,
    /** Parse limits (the language server analyses larger files whole, as the CLI does). */
    limits,
    parse,
    extractIndexEntries,
    /** A file's index definitions without a whole parse (what the CLI collects before linting). */
    scanIndexDefinitions: (file: SourceFile): FileIndexEntries => scanIndexDefinitions(file, limits),
    buildIndex: buildWorkspaceIndex,
    lint,
    lintLocal: lintLocalPhase,
    advanceLint: advanceLintPhase,
    lintDeferred: lintDeferredPhase,
    lintFiles,
    applyFixes,
    /** Parses `.vsphere-csi.yaml`, also reporting rule ids no rule has. */
    parseConfig: (text: string, uri: string) => parseConfigText(text, uri, registry.isKnownRule, registry.all.map((r) => r.id)),
    defaultConfig,
  };
}

export type LanguageService = ReturnType<typeof createLanguageService>;
