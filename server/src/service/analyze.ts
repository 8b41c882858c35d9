// Runs the rules over one parsed file: object rules per recognised object, then severity
// settings, then suppression comments. Pure: everything it needs is passed in.
import type { ResolvedConfig } from './config.js';
import type { K8sObject, ParsedFile, ParsedFragment } from './parse.js';
import type { Fragment, FragmentRuleContext } from './fragments/types.js';
import type { ReportDescriptor, Rule, RuleContext, RuleMeta } from './rules/rule.js';
import { applySuppressions, parseDirectives } from './suppression.js';
import type { Finding, Fix, Severity, SeveritySetting, TextEdit } from './types.js';
import { nodeSpan } from './yaml/ast.js';
import type { WorkspaceIndex } from './workspaceIndex.js';
import type { RuleRegistry } from './rules/index.js';

export interface LintOptions {
  config: ResolvedConfig;
  index: WorkspaceIndex;
  /** Per-run overrides (the CLI's --rule), applied over the config's `rules`. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Called once per rule failure (the finding is produced either way). */
  onRuleError?: (ruleId: string, error: unknown, uri: string) => void;
}

function effectiveSeverity(meta: RuleMeta, requested: Severity, options: LintOptions): Severity | undefined {
  const setting = options.ruleOverrides?.[meta.id] ?? options.config.rules[meta.id];
  if (setting === 'off') return undefined;
  // A configured severity replaces the default; a rule's own per-finding downgrade (e.g. a
  // note instead of a warning) is kept when the user did not configure the rule.
  return setting ?? requested;
}

type Push = (meta: RuleMeta, severity: Severity, start: number, end: number, descriptor: Omit<ReportDescriptor, 'node' | 'span'>) => void;

function collector(file: ParsedFile, options: LintOptions): { findings: Finding[]; push: Push } {
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

/** Runs the fragment languages' syntax checks and rules over a file's fragments. */
export function lintFragments(file: ParsedFile, fragments: readonly ParsedFragment[], registry: RuleRegistry, options: LintOptions): Finding[] {
  const { findings, push } = collector(file, options);
  for (const parsed of fragments) {
    const support = registry.fragmentSupports.get(parsed.support);
    if (!support) continue;
    const { fragment } = parsed;
    for (const problem of parsed.problems) {
      const [start, end] = mapSpan(fragment, [problem.start, problem.end]);
      push(support.syntaxRule, support.syntaxRule.defaultSeverity, start, end, { message: problem.message });
    }
    for (const rule of support.rules) {
      if ((options.ruleOverrides?.[rule.meta.id] ?? options.config.rules[rule.meta.id]) === 'off') continue;
      const context: FragmentRuleContext<unknown> = {
        file,
        fragment,
        config: options.config,
        index: options.index,
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
      try {
        rule.check(context);
      } catch (error) {
        options.onRuleError?.(rule.meta.id, error, file.uri);
        const meta = registry.fileRules.internalError;
        push(meta, meta.defaultSeverity, fragment.anchor[0], fragment.anchor[0], {
          message: `Rule ${rule.meta.id} failed on this file (${error instanceof Error ? error.message : String(error)}); the other rules still ran.`,
        });
      }
    }
  }
  return findings;
}

/** Findings about the file as a whole: a skipped template, syntax errors. */
export function lintFileLevel(file: ParsedFile, registry: RuleRegistry, options: LintOptions): Finding[] {
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
 * of documents that changed). A rule that throws yields one internal-error finding; the others run.
 */
export function lintObjects(file: ParsedFile, objects: readonly K8sObject[], registry: RuleRegistry, options: LintOptions): Finding[] {
  const { findings, push } = collector(file, options);
  const failedRules = new Set<string>();
  for (const object of objects) {
    if (file.brokenDocs.has(object.docIndex)) continue;
    for (const rule of registry.rulesForKind(object.kind)) {
      if (failedRules.has(rule.meta.id)) continue;
      if ((options.ruleOverrides?.[rule.meta.id] ?? options.config.rules[rule.meta.id]) === 'off') continue;
      const context: RuleContext = {
        file,
        object,
        doc: object.doc,
        config: options.config,
        index: options.index,
        report: (descriptor) => {
          const span = descriptor.span ?? nodeSpan(descriptor.node ?? undefined) ?? nodeSpan(object.node) ?? [0, 0];
          push(rule.meta, descriptor.severity ?? rule.meta.defaultSeverity, span[0], span[1], descriptor);
        },
      };
      try {
        runRule(rule, context);
      } catch (error) {
        failedRules.add(rule.meta.id);
        options.onRuleError?.(rule.meta.id, error, file.uri);
        const meta = registry.fileRules.internalError;
        const span = nodeSpan(object.node) ?? [0, 0];
        push(meta, meta.defaultSeverity, span[0], Math.min(span[1], span[0] + 1), {
          message: `Rule ${rule.meta.id} failed on this file (${error instanceof Error ? error.message : String(error)}); the other rules still ran.`,
        });
      }
    }
  }

  return findings;
}

/** Applies suppression comments to a file's findings, reports unused ones, and sorts. */
export function finishFindings(file: ParsedFile, findings: readonly Finding[], registry: RuleRegistry, options: LintOptions): Finding[] {
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
