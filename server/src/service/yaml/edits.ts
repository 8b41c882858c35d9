// Text edits for fixes. Each edit touches only the bytes of the key or value it changes; the
// replacement text is produced by `yaml`'s own stringifier (YAML 1.1 rules, so a value like
// `yes` gets quoted) in the quoting style the original used, so comments, quoting and
// indentation elsewhere stay byte-identical.
import { isMap, isScalar, stringify, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { nodeSpan } from './ast.js';
import type { TextEdit } from '../types.js';

type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

function styleOf(node: Node | null | undefined): ScalarStyle {
  if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) return node.type;
  return 'PLAIN';
}

/** The YAML text for a string value, in the given style when that style can hold it. */
export function formatString(value: string, style: ScalarStyle = 'PLAIN'): string {
  // The text replaces one key or value in place, on one line: no block scalars, and no single quotes
  // around line breaks (they would fold onto indented continuation lines).
  if (style === 'QUOTE_SINGLE' && /[\r\n]/.test(value)) style = 'QUOTE_DOUBLE';
  const text = stringify(value, { version: '1.1', lineWidth: 0, blockQuote: false, defaultStringType: style, defaultKeyType: style }).replace(/\n$/, '');
  // A plain scalar with a flow indicator breaks inside `{...}`/`[...]`; the edit cannot tell where it lands, so quote.
  if (!/^["']/.test(text) && /[,[\]{}]/.test(text)) return formatString(value, 'QUOTE_DOUBLE');
  return text;
}

/** The YAML text for a mapping key. */
export function formatKey(key: string, style: ScalarStyle = 'PLAIN'): string {
  const text = formatString(key, style);
  // A plain key may not contain ": " or start with indicators; stringify already quoted those.
  return text;
}

export function replaceSpan(span: [number, number], newText: string): TextEdit {
  return { start: span[0], end: span[1], newText };
}

/**
 * Replaces a scalar value, keeping its quote style. A block scalar (`|`, `>`) becomes a flow scalar;
 * its range ends after its line breaks, which are kept (pass `text` to keep them byte for byte).
 */
export function replaceScalarValue(node: Node, value: string, text?: string): TextEdit | undefined {
  const span = nodeSpan(node);
  if (!span) return undefined;
  const formatted = formatString(value, styleOf(node));
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
    const breaks = text === undefined ? '\n' : (/(?:\r?\n)*$/.exec(text.slice(span[0], span[1]))?.[0] ?? '');
    return replaceSpan(span, formatted + breaks);
  }
  return replaceSpan(span, formatted);
}

export function renameKey(pair: Pair, newKey: string): TextEdit | undefined {
  const span = nodeSpan(pair.key as Node);
  return span && replaceSpan(span, formatKey(newKey, styleOf(pair.key as Node)));
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}

function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Whether the map is written in block style (one pair per line), which the edits below need. */
function isBlockMap(map: YAMLMap): boolean {
  return !(map as YAMLMap & { flow?: boolean }).flow;
}

/**
 * Removes one pair. Block maps lose the pair's whole lines (including a trailing comment on
 * them); flow maps lose the pair and one adjoining comma.
 */
export function removePair(text: string, map: YAMLMap, pair: Pair): TextEdit | undefined {
  const keySpan = nodeSpan(pair.key as Node);
  if (!keySpan) return undefined;
  const valueEnd = nodeSpan(pair.value as Node)?.[1] ?? keySpan[1];
  if (isBlockMap(map)) {
    const start = lineStartOf(text, keySpan[0]);
    if (text.slice(start, keySpan[0]).trim() !== '') return undefined; // "- key: v": leave it to the user
    const lineEnd = lineEndOf(text, Math.max(valueEnd - 1, keySpan[0]));
    const rest = text.slice(valueEnd, lineEnd);
    if (rest.trim() !== '' && !rest.trim().startsWith('#')) return undefined;
    const end = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    // Removing the only pair of a map written under its key (`parameters:`) would leave a null map; that is fine.
    return { start, end, newText: '' };
  }
  const items = map.items as Pair[];
  const index = items.indexOf(pair);
  const next = items[index + 1];
  if (next) {
    const nextStart = nodeSpan(next.key as Node)?.[0];
    return nextStart === undefined ? undefined : { start: keySpan[0], end: nextStart, newText: '' };
  }
  const previous = items[index - 1];
  if (previous) {
    const previousEnd = nodeSpan(previous.value as Node)?.[1] ?? nodeSpan(previous.key as Node)?.[1];
    return previousEnd === undefined ? undefined : { start: previousEnd, end: valueEnd, newText: '' };
  }
  return { start: keySpan[0], end: valueEnd, newText: '' };
}

/** Adds `key: value` as the last pair of a map, matching its indentation or flow style. */
export function appendPair(text: string, map: YAMLMap, key: string, value: string): TextEdit | undefined {
  const items = map.items as Pair[];
  const entry = `${formatKey(key)}: ${formatString(value)}`;
  if (!isBlockMap(map)) {
    const span = nodeSpan(map);
    if (!span) return undefined;
    const close = text.lastIndexOf('}', span[1] - 1);
    if (close < span[0]) return undefined;
    return { start: close, end: close, newText: items.length ? `, ${entry}` : entry };
  }
  const first = items[0];
  const last = items[items.length - 1];
  const firstKey = first && nodeSpan(first.key as Node);
  if (!first || !last || !firstKey) return undefined;
  const indent = firstKey[0] - lineStartOf(text, firstKey[0]);
  const lastEnd = nodeSpan(last.value as Node)?.[1] ?? nodeSpan(last.key as Node)?.[1];
  if (lastEnd === undefined) return undefined;
  let insertAt = lineEndOf(text, Math.max(lastEnd - 1, 0));
  if (text[insertAt - 1] === '\r') insertAt -= 1;
  return { start: insertAt, end: insertAt, newText: `${newlineOf(text)}${' '.repeat(indent)}${entry}` };
}

/** Inserts a full comment line above the line holding `offset`, with that line's indentation. */
export function insertCommentAbove(text: string, offset: number, comment: string): TextEdit {
  const start = lineStartOf(text, offset);
  const indent = /^[ \t]*/.exec(text.slice(start, lineEndOf(text, start)))?.[0] ?? '';
  return { start, end: start, newText: `${indent}# ${comment}${newlineOf(text)}` };
}

export function isScalarNode(node: unknown): node is Scalar {
  return isScalar(node);
}

export { isMap };

/** Applies non-overlapping edits (later ones first). Overlapping edits are skipped and returned. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const skipped: TextEdit[] = [];
  let result = text;
  let floor = Infinity;
  for (const edit of sorted) {
    if (edit.end > floor || edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      skipped.push(edit);
      continue;
    }
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    floor = edit.start;
  }
  return { text: result, skipped };
}
