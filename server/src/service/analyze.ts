// Runs the rules over one parsed file: object rules per recognised object, then severity
// settings, then suppression comments. Pure: everything it needs is passed in.
import type { ResolvedConfig } from './config.js';
import type { K8sObject, ParsedFile, ParsedFragment } from './parse.js';
import type { Fragment, FragmentRule, FragmentRuleContext } from './fragments/types.js';
import type { ReportDescriptor, Rule, RuleContext, RuleMeta } from './rules/rule.js';
import { applySuppressions, parseDirectives } from './suppression.js';
import type { Finding, Fix, Severity, SeveritySetting, TextEdit } from './types.js';
import { nodeSpan } from './yaml/ast.js';
import { DEFINITION_KEYS, type WorkspaceIndex } from './workspaceIndex.js';
import type { RuleRegistry } from './rules/index.js';

export interface LintOptions {
  config: ResolvedConfig;
  index: WorkspaceIndex;
  /** Per-run overrides (the CLI's --rule), applied over the config's `rules`. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Called once per rule failure (the finding is produced either way). */
  onRuleError?: (ruleId: string, error: unknown, uri: string) => void;
}

/** What the rules need besides the workspace index (phase 1 of a two-phase lint: lintLocal). */
export type LocalLintOptions = Omit<LintOptions, 'index'>;

function effectiveSeverity(meta: RuleMeta, requested: Severity, options: LocalLintOptions): Severity | undefined {
  const setting = options.ruleOverrides?.[meta.id] ?? options.config.rules[meta.id];
  if (setting === 'off') return undefined;
  // A configured severity replaces the default; a rule's own per-finding downgrade (e.g. a
  // note instead of a warning) is kept when the user did not configure the rule.
  return setting ?? requested;
}

type Push = (meta: RuleMeta, severity: Severity, start: number, end: number, descriptor: Omit<ReportDescriptor, 'node' | 'span'>) => void;

function collector(file: ParsedFile, options: LocalLintOptions): { findings: Finding[]; push: Push } {
  const findings: Finding[] = [];
  const push: Push = (meta, severity, start, end, descriptor) => {
    const resolved = effectiveSeverity(meta, severity, options);
    if (!resolved) return;
    findings.push({
      ruleId: meta.id,
      severity: resolved,
      message: descriptor.message,
      uri: file.uri,
      start,
      end,
      range: file.lines().range(start, end),
      ...(descriptor.fix ? { fix: descriptor.fix } : {}),
      ...(descriptor.suggestions?.length ? { suggestions: descriptor.suggestions } : {}),
      ...(descriptor.related?.length ? { related: descriptor.related } : {}),
      ...(descriptor.tags?.length ? { tags: descriptor.tags } : {}),
    });
  };
  return { findings, push };
}

/** Lints a whole parsed file: file-level problems, every object, then suppression comments. */
export function lintParsedFile(file: ParsedFile, registry: RuleRegistry, options: LintOptions): Finding[] {
  const fileLevel = lintFileLevel(file, registry, options);
  if (file.template) return fileLevel;
  return finishFindings(file, [...fileLevel, ...lintObjects(file, file.objects, registry, options), ...lintFragments(file, file.fragments, registry, options)], registry, options);
}

/** Maps fragment offsets onto the file; unmappable spans fall back to the fragment's anchor. */
function mapSpan(fragment: Fragment, span: [number, number]): [number, number] {
  const start = fragment.toFileOffset(span[0]);
  const end = fragment.toFileOffset(span[1]);
  return start === undefined || end === undefined || end < start ? fragment.anchor : [start, end];
}

/** Fix edits survive only where they map exactly (and, when embedded, stay on one line). */
function mapFix(fragment: Fragment, fix: Fix | undefined): Fix | undefined {
  if (!fix || !fragment.editable) return undefined;
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const start = fragment.toFileOffset(edit.start);
    const end = fragment.toFileOffset(edit.end);
    if (start === undefined || end === undefined || end < start) return undefined;
    if (fragment.owner && (edit.newText.includes('\n') || fragment.text.slice(edit.start, edit.end).includes('\n'))) return undefined;
    edits.push({ start, end, newText: edit.newText });
  }
  return { title: fix.title, edits };
}

function isOff(id: string, options: LocalLintOptions): boolean {
  return (options.ruleOverrides?.[id] ?? options.config.rules[id]) === 'off';
}

function failureMessage(ruleId: string, error: unknown): string {
  return `Rule ${ruleId} failed on this file (${error instanceof Error ? error.message : String(error)}); the other rules still ran.`;
}

/**
 * Thrown by the stand-in for the workspace index that rules see in phase 1 of a two-phase lint
 * (lintLocal), before the index of the whole run exists. Not an Error: it is thrown for most
 * claims of a run, and capturing a stack trace each time would cost more than the rules.
 */
const INDEX_NOT_BUILT: unknown = Object.freeze({ message: 'the workspace index is not built yet' });

/**
 * A WorkspaceIndex that refuses access and remembers that a rule tried. With `partial`, the
 * DEFINITION_KEYS parts are answered from it (the caller guarantees they are complete).
 */
interface IndexGuard {
  readonly index: WorkspaceIndex;
  touched: boolean;
}

const DEFINITION_KEY_SET: ReadonlySet<string | symbol> = new Set(DEFINITION_KEYS);

function createIndexGuard(partial?: WorkspaceIndex): IndexGuard {
  const refuse = (): never => {
    guard.touched = true;
    throw INDEX_NOT_BUILT;
  };
  const get: ProxyHandler<WorkspaceIndex>['get'] = partial ? (_target, key) => (DEFINITION_KEY_SET.has(key) ? partial[key as keyof WorkspaceIndex] : refuse()) : refuse;
  const guard: IndexGuard = {
    // `in` checks are always refused: memoized (rules/rule.ts) relies on it to replay a refusal.
    index: new Proxy({} as WorkspaceIndex, { get, has: refuse, ownKeys: refuse, getOwnPropertyDescriptor: refuse }),
    touched: false,
  };
  return guard;
}

/** How one rule run on one object or fragment ended. `deferred`: it needed the index (phase 1 only). */
type RunOutcome = 'ok' | 'failed' | 'deferred';

/** Runs one object rule on one object. A rule that throws yields one internal-error finding. */
function runObjectRule(
  file: ParsedFile,
  object: K8sObject,
  rule: Rule,
  registry: RuleRegistry,
  options: LocalLintOptions,
  index: WorkspaceIndex,
  memo: Map<symbol, unknown>,
  push: Push,
  guard?: IndexGuard,
): RunOutcome {
  const context: RuleContext = {
    file,
    object,
    doc: object.doc,
    config: options.config,
    index,
    memo,
    report: (descriptor) => {
      const span = descriptor.span ?? nodeSpan(descriptor.node ?? undefined) ?? nodeSpan(object.node) ?? [0, 0];
      push(rule.meta, descriptor.severity ?? rule.meta.defaultSeverity, span[0], span[1], descriptor);
    },
  };
  if (guard) guard.touched = false;
  try {
    runRule(rule, context);
  } catch (error) {
    if (guard?.touched) return 'deferred';
    options.onRuleError?.(rule.meta.id, error, file.uri);
    const meta = registry.fileRules.internalError;
    const span = nodeSpan(object.node) ?? [0, 0];
    push(meta, meta.defaultSeverity, span[0], Math.min(span[1], span[0] + 1), { message: failureMessage(rule.meta.id, error) });
    return 'failed';
  }
  return guard?.touched ? 'deferred' : 'ok';
}

/** Reports a fragment's syntax problems under its language's syntax rule. */
function pushFragmentProblems(parsed: ParsedFragment, support: { syntaxRule: RuleMeta }, push: Push): void {
  for (const problem of parsed.problems) {
    const [start, end] = mapSpan(parsed.fragment, [problem.start, problem.end]);
    push(support.syntaxRule, support.syntaxRule.defaultSeverity, start, end, { message: problem.message });
  }
}

/** Runs one fragment rule on one fragment; spans and fixes are mapped onto the file. */
function runFragmentRule(
  file: ParsedFile,
  parsed: ParsedFragment,
  rule: FragmentRule<unknown>,
  registry: RuleRegistry,
  options: LocalLintOptions,
  index: WorkspaceIndex,
  push: Push,
  guard?: IndexGuard,
): RunOutcome {
  const { fragment } = parsed;
  const context: FragmentRuleContext<unknown> = {
    file,
    fragment,
    config: options.config,
    index,
    report: (descriptor) => {
      const [start, end] = mapSpan(fragment, descriptor.span);
      const fix = mapFix(fragment, descriptor.fix);
      const suggestions = (descriptor.suggestions ?? []).map((s) => mapFix(fragment, s)).filter((s): s is Fix => s !== undefined);
      const { fix: _fix, suggestions: _suggestions, ...rest } = descriptor;
      push(rule.meta, descriptor.severity ?? rule.meta.defaultSeverity, start, end, {
        ...rest,
        ...(fix ? { fix } : {}),
        ...(suggestions.length ? { suggestions } : {}),
      });
    },
  };
  if (guard) guard.touched = false;
  try {
    rule.check(context);
  } catch (error) {
    if (guard?.touched) return 'deferred';
    options.onRuleError?.(rule.meta.id, error, file.uri);
    const meta = registry.fileRules.internalError;
    push(meta, meta.defaultSeverity, fragment.anchor[0], fragment.anchor[0], { message: failureMessage(rule.meta.id, error) });
    return 'failed';
  }
  return guard?.touched ? 'deferred' : 'ok';
}

/** Runs the fragment languages' syntax checks and rules over a file's fragments. */
export function lintFragments(file: ParsedFile, fragments: readonly ParsedFragment[], registry: RuleRegistry, options: LintOptions): Finding[] {
  const { findings, push } = collector(file, options);
  for (const parsed of fragments) {
    const support = registry.fragmentSupports.get(parsed.support);
    if (!support) continue;
    pushFragmentProblems(parsed, support, push);
    for (const rule of support.rules) {
      if (isOff(rule.meta.id, options)) continue;
      runFragmentRule(file, parsed, rule, registry, options, options.index, push);
    }
  }
  return findings;
}

/** Findings about the file as a whole: a skipped template, syntax errors. */
export function lintFileLevel(file: ParsedFile, registry: RuleRegistry, options: LocalLintOptions): Finding[] {
  const { findings, push } = collector(file, options);
  if (file.template) {
    const meta = registry.fileRules.templateSkipped;
    push(meta, meta.defaultSeverity, file.template.start, file.template.end, {
      message: 'Go/Helm template syntax found: the file is not YAML until rendered and was skipped. Lint the rendered output instead.',
    });
    return findings;
  }
  for (const problem of file.syntaxProblems) {
    const meta = registry.fileRules.yamlSyntax;
    push(meta, meta.defaultSeverity, problem.start, problem.end, { message: problem.message });
  }
  return findings;
}

/**
 * Runs the object rules over some objects of a file (the language server passes only the objects
 * of documents that changed). A rule that throws yields one internal-error finding and is not run
 * on the file's later objects; the other rules run.
 */
export function lintObjects(file: ParsedFile, objects: readonly K8sObject[], registry: RuleRegistry, options: LintOptions): Finding[] {
  const { findings, push } = collector(file, options);
  const failedRules = new Set<string>();
  for (const object of objects) {
    if (file.brokenDocs.has(object.docIndex)) continue;
    const memo = new Map<symbol, unknown>();
    for (const rule of registry.rulesForKind(object.kind)) {
      if (failedRules.has(rule.meta.id) || isOff(rule.meta.id, options)) continue;
      if (runObjectRule(file, object, rule, registry, options, options.index, memo, push) === 'failed') failedRules.add(rule.meta.id);
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Two-phase linting (the CLI). Phase 1 (lintLocal) runs right after a file is parsed, before the
// workspace index of the run exists: file-level checks, fragment syntax problems and every rule
// run that does not need the index. Rules see a stand-in index that refuses access (or answers
// only its DEFINITION_KEYS parts, when those are already complete: see workspaceIndex.ts); a run
// that is refused is discarded and deferred, and so are that rule's later runs in the file (so a
// rule that throws stops at the same object as in lintParsedFile). advanceLint retries deferred
// runs once more parts of the index are known; lintDeferred runs what is left against the whole
// index. Only the objects and fragments of deferred runs are kept, so the YAML trees of
// everything else can be dropped early. The result is exactly lintParsedFile's: findings are
// merged back in lintParsedFile's order before suppression comments are applied.

/** One rule run left for later, with its place in lintParsedFile's order. */
interface DeferredRun {
  slot: number;
  object?: K8sObject;
  fragment?: ParsedFragment;
  rule: Rule | FragmentRule<unknown>;
}

/** A file part-way through a two-phase lint. Holds no YAML tree beyond what `deferred` needs. */
export interface LocalLint {
  /**
   * The file as later steps see it: text, line index, syntax problems; its docs, objects and
   * fragments are not kept (reading them throws), only the objects and fragments of deferred runs.
   */
  readonly file: ParsedFile;
  /** Findings so far (before suppression comments) and, parallel to them, their slots. */
  readonly findings: readonly Finding[];
  readonly slots: readonly number[];
  /** Rule runs that need more of the workspace index, in slot order. Empty: the file is done (lintDeferred needs no index). */
  readonly deferred: readonly DeferredRun[];
}

const NOT_KEPT = (what: string) => (): never => {
  throw new Error(`file.${what} is not kept after phase 1 of a two-phase lint; a rule needing the workspace index may only use its own object or fragment`);
};

/** The parts of a parsed file later steps need; docs, objects and fragments are dropped. */
function keptFile(file: ParsedFile): ParsedFile {
  // Not file.lines itself: that closure may hold the parser's scope and with it every document.
  const lineIndex = file.lines();
  const kept = {
    uri: file.uri,
    text: file.text,
    language: file.language,
    syntaxProblems: file.syntaxProblems,
    brokenDocs: file.brokenDocs,
    lines: () => lineIndex,
    ...(file.template ? { template: file.template } : {}),
  };
  Object.defineProperties(kept, {
    docs: { get: NOT_KEPT('docs'), enumerable: false },
    objects: { get: NOT_KEPT('objects'), enumerable: false },
    fragments: { get: NOT_KEPT('fragments'), enumerable: false },
  });
  return kept as ParsedFile;
}

/** Collects findings by slot and the runs that are deferred (again). */
class RunRecorder {
  readonly slots: number[] = [];
  readonly deferred: DeferredRun[] = [];
  readonly failedRules = new Set<string>();
  readonly deferredRules = new Set<string>();
  constructor(readonly findings: Finding[]) {}

  /** Records how the run that began when `before` findings existed ended. */
  record(slot: number, before: number, outcome: RunOutcome, run?: Omit<DeferredRun, 'slot'>): void {
    if (outcome === 'deferred' && run) {
      this.findings.length = before;
      this.deferred.push({ slot, ...run });
      if (run.object) this.deferredRules.add(run.rule.meta.id);
    } else {
      if (outcome === 'failed' && run?.object) this.failedRules.add(run.rule.meta.id);
      for (let i = before; i < this.findings.length; i++) this.slots.push(slot);
    }
  }
}

/**
 * Phase 1 of a two-phase lint: everything that does not need the workspace index, or only its
 * DEFINITION_KEYS parts when `definitions` (complete in those parts) is given. Then advanceLint
 * and/or lintDeferred.
 */
export function lintLocal(file: ParsedFile, registry: RuleRegistry, options: LocalLintOptions, definitions?: WorkspaceIndex): LocalLint {
  const fileLevel = lintFileLevel(file, registry, options);
  if (file.template) return { file: keptFile(file), findings: fileLevel, slots: fileLevel.map(() => 0), deferred: [] };
  const { findings, push } = collector(file, options);
  const recorder = new RunRecorder(findings);
  findings.push(...fileLevel);
  recorder.record(0, 0, 'ok');
  const guard = createIndexGuard(definitions);

  let slot = 1;
  for (const object of file.objects) {
    const rules = registry.rulesForKind(object.kind);
    if (file.brokenDocs.has(object.docIndex)) {
      slot += rules.length;
      continue;
    }
    const memo = new Map<symbol, unknown>();
    for (const rule of rules) {
      const current = slot++;
      const id = rule.meta.id;
      if (recorder.failedRules.has(id) || isOff(id, options)) continue;
      if (recorder.deferredRules.has(id)) {
        recorder.record(current, findings.length, 'deferred', { object, rule });
        continue;
      }
      const before = findings.length;
      const outcome = runObjectRule(file, object, rule, registry, options, guard.index, memo, push, guard);
      recorder.record(current, before, outcome, { object, rule });
    }
  }

  for (const parsed of file.fragments) {
    const support = registry.fragmentSupports.get(parsed.support);
    if (!support) continue;
    const problemsSlot = slot++;
    const before = findings.length;
    pushFragmentProblems(parsed, support, push);
    recorder.record(problemsSlot, before, 'ok');
    for (const rule of support.rules) {
      const current = slot++;
      if (isOff(rule.meta.id, options)) continue;
      const start = findings.length;
      const outcome = runFragmentRule(file, parsed, rule, registry, options, guard.index, push, guard);
      recorder.record(current, start, outcome, { fragment: parsed, rule });
    }
  }
  return { file: keptFile(file), findings, slots: recorder.slots, deferred: recorder.deferred };
}

/**
 * Runs the deferred runs of `local` in slot order against `index` (or, without `complete`, a
 * stand-in answering only its DEFINITION_KEYS parts, which must be complete); returns the new
 * findings and the runs deferred again. Per rule the runs keep lintParsedFile's order: once one
 * is deferred again the rule's later runs in the file wait too, and after one fails they are
 * dropped.
 */
function runDeferred(local: LocalLint, registry: RuleRegistry, options: LocalLintOptions, index: WorkspaceIndex, complete: boolean): RunRecorder {
  const { file } = local;
  const { findings, push } = collector(file, options);
  const recorder = new RunRecorder(findings);
  const guard = complete ? undefined : createIndexGuard(index);
  const target = guard ? guard.index : index;
  let memoOwner: K8sObject | undefined;
  let memo = new Map<symbol, unknown>();
  for (const run of local.deferred) {
    const before = findings.length;
    if (run.object) {
      const rule = run.rule as Rule;
      if (recorder.failedRules.has(rule.meta.id)) continue;
      if (recorder.deferredRules.has(rule.meta.id)) {
        recorder.record(run.slot, before, 'deferred', run);
        continue;
      }
      if (run.object !== memoOwner) {
        memoOwner = run.object;
        memo = new Map();
      }
      recorder.record(run.slot, before, runObjectRule(file, run.object, rule, registry, options, target, memo, push, guard), run);
    } else if (run.fragment) {
      recorder.record(run.slot, before, runFragmentRule(file, run.fragment, run.rule as FragmentRule<unknown>, registry, options, target, push, guard), run);
    }
  }
  return recorder;
}

/**
 * Retries the deferred runs of `local` now that the DEFINITION_KEYS parts of the index are known
 * (`definitions` must be complete in those parts); the runs that still need more stay deferred.
 */
export function advanceLint(local: LocalLint, registry: RuleRegistry, options: LocalLintOptions, definitions: WorkspaceIndex): LocalLint {
  if (local.deferred.length === 0) return local;
  const recorder = runDeferred(local, registry, options, definitions, false);
  const merged = mergeBySlot(local.findings, local.slots, recorder.findings, recorder.slots);
  return { file: local.file, findings: merged.findings, slots: merged.slots, deferred: recorder.deferred };
}

/**
 * The last step of a two-phase lint: runs what is still deferred against the run's whole index,
 * then applies suppression comments. Gives exactly what lintParsedFile gives for the file.
 */
export function lintDeferred(local: LocalLint, registry: RuleRegistry, options: LocalLintOptions & { index?: WorkspaceIndex }): Finding[] {
  const { file } = local;
  if (file.template) return [...local.findings];
  let all: readonly Finding[] = local.findings;
  if (local.deferred.length > 0) {
    if (!options.index) throw new Error('lintDeferred: rule runs need the workspace index');
    const recorder = runDeferred(local, registry, options, options.index, true);
    all = mergeBySlot(local.findings, local.slots, recorder.findings, recorder.slots).findings;
  }
  return finishFindings(file, all, registry, options);
}

/** Merges two finding lists that are each in slot order into one, the first list's first within a slot. */
function mergeBySlot(a: readonly Finding[], aSlots: readonly number[], b: readonly Finding[], bSlots: readonly number[]): { findings: Finding[]; slots: number[] } {
  if (b.length === 0) return { findings: [...a], slots: [...aSlots] };
  const findings: Finding[] = [];
  const slots: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && aSlots[i]! <= bSlots[j]!)) {
      findings.push(a[i]!);
      slots.push(aSlots[i++]!);
    } else {
      findings.push(b[j]!);
      slots.push(bSlots[j++]!);
    }
  }
  return { findings, slots };
}

/** Applies suppression comments to a file's findings, reports unused ones, and sorts. */
export function finishFindings(file: ParsedFile, findings: readonly Finding[], registry: RuleRegistry, options: LocalLintOptions): Finding[] {
  const directives = parseDirectives(file.text, file.lines());
  const { kept, unused } = applySuppressions(findings, directives, file.lines().lineCount);
  const unusedMeta = registry.fileRules.unusedSuppression;
  for (const { directive, id } of unused) {
    const known = id === undefined || registry.isKnownRule(id);
    const idSpan = directive.idSpans.find((s) => s.id === id);
    const span: [number, number] = idSpan ? [idSpan.start, idSpan.end] : [directive.start, directive.end];
    // When no id of the comment is used, every finding's fix removes the whole line (the same edit), so
    // one pass of --fix leaves no half-emptied comment behind.
    const wholeLine = id === undefined || unused.filter((u) => u.directive === directive).length === directive.ruleIds.length;
    const lineStart = file.lines().lineStart(directive.line);
    const nextLineStart = directive.line + 1 < file.lines().lineCount ? file.lines().lineStart(directive.line + 1) : file.text.length;
    const removal = wholeLine
      ? { start: lineStart, end: nextLineStart, newText: '' }
      : removeIdEdit(file.text, directive, id!);
    const severity = effectiveSeverity(unusedMeta, unusedMeta.defaultSeverity, options);
    if (!severity) continue;
    kept.push({
      ruleId: unusedMeta.id,
      severity,
      message: !known
        ? `Unknown rule "${id}" in suppression comment.`
        : id === undefined
          ? 'This suppression comment suppresses nothing.'
          : `This suppression of ${id} suppresses nothing.`,
      uri: file.uri,
      start: span[0],
      end: span[1],
      range: file.lines().range(span[0], span[1]),
      ...(removal ? { fix: { title: wholeLine ? 'Remove the unused suppression comment' : `Remove ${id} from the suppression comment`, edits: [removal] } } : {}),
      tags: ['unnecessary'],
    });
  }

  return kept.sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : 1));
}

function runRule(rule: Rule, context: RuleContext) {
  rule.check(context);
}

function removeIdEdit(text: string, directive: { idSpans: Array<{ id: string; start: number; end: number }> }, id: string) {
  const index = directive.idSpans.findIndex((s) => s.id === id);
  const span = directive.idSpans[index];
  if (!span) return undefined;
  const previous = directive.idSpans[index - 1];
  const next = directive.idSpans[index + 1];
  if (next) return { start: span.start, end: next.start, newText: '' };
  if (previous) return { start: previous.end, end: span.end, newText: '' };
  return { start: span.start, end: span.end, newText: '' };
  void text;
}
