// The PowerShell lexer of the fragment languages that read PowerShell scripts:
// single- and double-quoted strings (with '' and backtick escapes), backtick line continuations,
// `#` and `<# #>` comments, statements split at `;` and line ends (a trailing `|` continues), and
// pipelines split at `|`. Parenthesised expressions, `$(...)`, `@(...)` and `@{...}` stay one
// word. Script blocks `{ ... }` start nested statements that remember the pipeline around them.
import { lineBreakAt, skipSpace, WordBuilder, type Word } from './word.js';

export interface PsStatement {
  /** Pipeline segments, each a list of words. */
  segments: Word[][];
  /** Source text of the pipelines that enclose this statement's script block (outermost first). */
  context: string;
}

const BLANK = new Set([' ', '\t', '\r', '\f', '\v', '\u00a0']);
const VARIABLE_NAME = /[\w:?]/;

/** Index after a group opened at `open` (`(`, `{`), skipping strings and comments inside; -1 when it never closes. */
function skipGroup(text: string, open: number, to: number): number {
  const opener = text[open]!;
  const closer = opener === '(' ? ')' : '}';
  let depth = 1;
  let i = open + 1;
  while (i < to) {
    const c = text[i]!;
    if (c === '`') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      i = skipString(text, i, to).next;
      continue;
    }
    if (c === '<' && text[i + 1] === '#') {
      const close = text.indexOf('#>', i + 2);
      i = close === -1 || close >= to ? to : close + 2;
      continue;
    }
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

function skipString(text: string, open: number, to: number): { next: number; closed: boolean } {
  const quote = text[open]!;
  let i = open + 1;
  while (i < to) {
    const c = text[i]!;
    if (quote === '"' && c === '`') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return { next: i + 1, closed: true };
    }
    i++;
  }
  return { next: to, closed: false };
}

const BACKTICK_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };

function isWordEnd(c: string): boolean {
  return BLANK.has(c) || c === '\n' || c === ';' || c === '|' || c === '{' || c === '}' || c === ')';
}

function readWord(text: string, start: number, to: number): { word: Word; next: number } {
  const b = new WordBuilder();
  let i = start;
  while (i < to) {
    const c = text[i]!;
    if (isWordEnd(c)) {
      // `@{` and `${` open a group that belongs to the word.
      if (c === '{' && i > start && (text[i - 1] === '@' || text[i - 1] === '$')) {
        i = b.pushExpansion(text, i, skipGroup(text, i, to), to);
        continue;
      }
      break;
    }
    if (c === '`') {
      if (lineBreakAt(text, i + 1)) break;
      if (i + 1 < to) {
        b.push(text[i + 1]!, i + 1);
        i += 2;
      } else i++;
      continue;
    }
    if (c === "'" || c === '"') {
      // A doubled quote stands for one; only double-quoted strings expand `$` and backtick escapes.
      b.quoted = true;
      let j = i + 1;
      let closed = false;
      while (j < to) {
        const d = text[j]!;
        if (d === c) {
          if (text[j + 1] === c) {
            b.push(c, j + 1);
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        if (c === '"' && d === '`' && j + 1 < to) {
          const next = text[j + 1]!;
          b.push(BACKTICK_ESCAPES[next] ?? next, j + 1);
          j += 2;
          continue;
        }
        if (c === '"' && d === '$' && (text[j + 1] === '(' || text[j + 1] === '{')) {
          j = b.pushExpansion(text, j, skipGroup(text, j + 1, to), to);
          continue;
        }
        if (c === '"' && d === '$' && /[A-Za-z_:?]/.test(text[j + 1] ?? '')) {
          j = b.pushVariable(text, j, to, VARIABLE_NAME);
          continue;
        }
        b.push(d, j);
        j++;
      }
      if (!closed) b.unterminated = i;
      i = j;
      continue;
    }
    if (c === '(' || ((c === '$' || c === '@') && text[i + 1] === '(')) {
      i = b.pushExpansion(text, i, skipGroup(text, c === '(' ? i : i + 1, to), to);
      continue;
    }
    if (c === '$') {
      i = b.pushVariable(text, i, to, VARIABLE_NAME);
      continue;
    }
    b.push(c, i);
    i++;
  }
  return { word: b.build(start, i), next: i };
}

/** Splits PowerShell source into pipelines of words. Never throws. */
export function scanPowerShell(text: string): PsStatement[] {
  const statements: PsStatement[] = [];
  interface Open {
    segments: Word[][];
    start: number;
    context: string;
  }
  const stack: Open[] = [];
  let current: Open = { segments: [[]], start: -1, context: '' };
  let continued = false;
  const finish = () => {
    const segments = current.segments.filter((s) => s.length);
    if (segments.length) statements.push({ segments, context: current.context });
    current = { segments: [[]], start: -1, context: current.context };
    continued = false;
  };
  const lastSegment = () => current.segments[current.segments.length - 1]!;
  let i = 0;
  const to = text.length;
  while (i < to) {
    const c = text[i]!;
    if (c === '\n') {
      if (!continued) finish();
      i++;
      continue;
    }
    const after = skipSpace(text, i, to, BLANK, '`');
    if (after > i) {
      i = after;
      continue;
    }
    if (c === '<' && text[i + 1] === '#') {
      const close = text.indexOf('#>', i + 2);
      i = close === -1 ? to : close + 2;
      continue;
    }
    if (c === '#') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? to : newline;
      continue;
    }
    if (c === ';' || (c === '&' && text[i + 1] === '&') || (c === '|' && text[i + 1] === '|')) {
      finish();
      i += c === ';' ? 1 : 2;
      continue;
    }
    if (c === '|') {
      current.segments.push([]);
      continued = true;
      i++;
      continue;
    }
    if (c === '{') {
      const before = current.start >= 0 ? text.slice(current.start, i) : '';
      stack.push(current);
      current = { segments: [[]], start: -1, context: `${current.context}\n${before}` };
      continued = false;
      i++;
      continue;
    }
    if (c === '}') {
      finish();
      const outer = stack.pop();
      if (outer) current = outer;
      i++;
      continue;
    }
    if (c === ')') {
      i++;
      continue;
    }
    const { word, next } = readWord(text, i, to);
    if (current.start < 0) current.start = i;
    lastSegment().push(word);
    continued = false;
    i = next > i ? next : i + 1;
  }
  finish();
  while (stack.length) {
    current = stack.pop()!;
    finish();
  }
  return statements;
}
