// Inline suppression comments, keyed by rule id (never by message text):
//   # vsphere-csi-lint-disable-next-line <rule-id>[, <rule-id>] -- reason
//   # vsphere-csi-lint-disable <rule-id>[, ...]      (until a matching enable or the end of file)
//   # vsphere-csi-lint-enable <rule-id>[, ...]
// Without ids a directive applies to every rule.
import type { LineIndex } from './util/lineIndex.js';

export const DIRECTIVE_PREFIX = 'vsphere-csi-lint-';
const DIRECTIVE = /^\s*#\s*vsphere-csi-lint-(disable-next-line|disable|enable)(?=\s|$)(.*)$/;

export interface SuppressionDirective {
  kind: 'disable-next-line' | 'disable' | 'enable';
  /** Empty means all rules. */
  ruleIds: string[];
  reason: string | undefined;
  line: number;
  /** Offsets of the comment text, for reporting. */
  start: number;
  end: number;
  /** Offsets of each id, for reporting an unknown one precisely. */
  idSpans: Array<{ id: string; start: number; end: number }>;
}

export function parseDirectives(text: string, lines: LineIndex): SuppressionDirective[] {
  if (!text.includes(DIRECTIVE_PREFIX)) return [];
  const directives: SuppressionDirective[] = [];
  // Only the lines that mention the prefix (found by a native search, not line by line).
  const candidates: number[] = [];
  for (let at = text.indexOf(DIRECTIVE_PREFIX); at !== -1; at = text.indexOf(DIRECTIVE_PREFIX, at + DIRECTIVE_PREFIX.length)) {
    const line = lines.positionAt(at).line;
    if (candidates[candidates.length - 1] !== line) candidates.push(line);
  }
  for (const line of candidates) {
    const lineText = lines.lineText(line);
    const match = DIRECTIVE.exec(lineText);
    if (!match) continue;
    const lineStart = lines.lineStart(line);
    const commentStart = lineStart + lineText.indexOf('#');
    const body = match[2] ?? '';
    const separator = body.indexOf('--');
    const idsText = separator === -1 ? body : body.slice(0, separator);
    const reason = separator === -1 ? undefined : body.slice(separator + 2).trim() || undefined;
    const bodyStart = lineStart + lineText.length - body.length;
    const idSpans: SuppressionDirective['idSpans'] = [];
    const idPattern = /[^\s,]+/g;
    for (let m = idPattern.exec(idsText); m; m = idPattern.exec(idsText)) {
      idSpans.push({ id: m[0], start: bodyStart + m.index, end: bodyStart + m.index + m[0].length });
    }
    directives.push({
      kind: match[1] as SuppressionDirective['kind'],
      ruleIds: idSpans.map((s) => s.id),
      reason,
      line,
      start: commentStart,
      end: lineStart + lineText.trimEnd().length,
      idSpans,
    });
  }
  return directives;
}

interface Suppressible {
  ruleId: string;
  range: { start: { line: number } };
}

export interface SuppressionResult<T> {
  kept: T[];
  /** Directives (and ids within them) that suppressed nothing. */
  unused: Array<{ directive: SuppressionDirective; id: string | undefined }>;
}

/** Drops suppressed findings; reports directives or ids that matched nothing. */
export function applySuppressions<T extends Suppressible>(findings: readonly T[], directives: readonly SuppressionDirective[], lineCount: number): SuppressionResult<T> {
  if (directives.length === 0) return { kept: [...findings], unused: [] };
  const directiveLines = new Set(directives.map((d) => d.line));
  // Each directive applies to a set of lines; "used" is tracked per (directive, id).
  const used = new Set<string>();
  const lineRules = new Map<number, Array<{ directive: number; ids: string[] }>>();
  const addLine = (line: number, directive: number, ids: string[]) => {
    const list = lineRules.get(line);
    if (list) list.push({ directive, ids });
    else lineRules.set(line, [{ directive, ids }]);
  };
  directives.forEach((directive, i) => {
    if (directive.kind === 'disable-next-line') {
      let target = directive.line + 1;
      while (directiveLines.has(target)) target++;
      addLine(target, i, directive.ruleIds);
    }
  });
  // Block ranges: disable .. enable for the same ids (or all).
  const blocks: Array<{ directive: number; ids: string[]; from: number; to: number }> = [];
  directives.forEach((directive, i) => {
    if (directive.kind !== 'disable') return;
    let to = lineCount;
    for (let j = i + 1; j < directives.length; j++) {
      const other = directives[j]!;
      if (other.kind !== 'enable') continue;
      const closesAll = other.ruleIds.length === 0;
      const closesSome = directive.ruleIds.length > 0 && directive.ruleIds.every((id) => other.ruleIds.includes(id));
      if (closesAll || closesSome) {
        to = other.line;
        break;
      }
    }
    blocks.push({ directive: i, ids: directive.ruleIds, from: directive.line + 1, to });
  });

  const matches = (ids: string[], ruleId: string) => ids.length === 0 || ids.includes(ruleId);
  const kept: T[] = [];
  for (const finding of findings) {
    const line = finding.range.start.line;
    let suppressed = false;
    for (const entry of lineRules.get(line) ?? []) {
      if (matches(entry.ids, finding.ruleId)) {
        used.add(`${entry.directive}:${entry.ids.length ? finding.ruleId : '*'}`);
        suppressed = true;
      }
    }
    for (const block of blocks) {
      if (line >= block.from && line < block.to && matches(block.ids, finding.ruleId)) {
        used.add(`${block.directive}:${block.ids.length ? finding.ruleId : '*'}`);
        suppressed = true;
      }
    }
    if (!suppressed) kept.push(finding);
  }

  const unused: SuppressionResult<T>['unused'] = [];
  directives.forEach((directive, i) => {
    if (directive.kind === 'enable') return;
    if (directive.ruleIds.length === 0) {
      if (!used.has(`${i}:*`)) unused.push({ directive, id: undefined });
      return;
    }
    for (const id of directive.ruleIds) if (!used.has(`${i}:${id}`)) unused.push({ directive, id });
  });
  return { kept, unused };
}
