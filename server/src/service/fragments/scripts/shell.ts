// The POSIX shell lexer of the fragment languages that read shell scripts: quotes, backslash escapes
// and `\` line continuations, `#` comments, command separators, redirections, here-documents (their
// bodies are data, never commands), and `$VAR`, `$(...)` and backtick expansions marked as dynamic.
import { lineBreakAt, skipSpace, WordBuilder, type Word } from './word.js';

export interface Statement {
  words: Word[];
}

const BLANK = new Set([' ', '\t', '\r', '\f', '\v']);
const META = new Set([';', '&', '|', '(', ')', '<', '>', '\n']);
/** What a `$` followed by neither `(` nor `{` expands: a name, or one special parameter. */
const VARIABLE_NAME = /[A-Za-z0-9_]/;
const SPECIAL_PARAMETER = /[@*#?$!-]/;

/** Index after the group opened at `open` (`(`, `{` or a backtick), skipping quoted text inside; -1 when it never closes. */
function groupEnd(text: string, open: number, to: number): number {
  const opener = text[open]!;
  const closer = opener === '(' ? ')' : opener === '{' ? '}' : '`';
  let depth = 1;
  let i = open + 1;
  while (i < to) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (opener !== '`' && (c === "'" || c === '"')) {
      const close = text.indexOf(c, i + 1);
      i = close === -1 || close >= to ? to : close + 1;
      continue;
    }
    if (c === closer) {
      depth--;
      i++;
      if (depth === 0 || opener === '`') return i;
      continue;
    }
    if (c === opener && opener !== '`') depth++;
    i++;
  }
  return -1;
}

/** Adds the `$` expansion at `at` (`$(...)`, `${...}`, `$HOME`, `$1`, `$?`) to the word; returns the index after it. */
function pushDollar(b: WordBuilder, text: string, at: number, to: number): number {
  const next = text[at + 1];
  if (next === '(' || next === '{') return b.pushExpansion(text, at, groupEnd(text, at + 1, to), to);
  if (next !== undefined && at + 1 < to && SPECIAL_PARAMETER.test(next)) return b.pushExpansion(text, at, at + 2, to);
  return b.pushVariable(text, at, to, VARIABLE_NAME);
}

function readWord(text: string, start: number, to: number): { word: Word; next: number } {
  const b = new WordBuilder();
  let i = start;
  while (i < to) {
    const c = text[i]!;
    if (BLANK.has(c) || META.has(c)) break;
    if (c === '\\') {
      if (lineBreakAt(text, i + 1)) {
        i += 1 + lineBreakAt(text, i + 1);
      } else if (i + 1 < to) {
        b.push(text[i + 1]!, i + 1);
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (c === "'") {
      b.quoted = true;
      const close = text.indexOf("'", i + 1);
      if (close === -1 || close >= to) {
        b.unterminated = i;
        b.pushRange(text, i + 1, to);
        i = to;
        break;
      }
      b.pushRange(text, i + 1, close);
      i = close + 1;
      continue;
    }
    if (c === '"') {
      b.quoted = true;
      let j = i + 1;
      let closed = false;
      while (j < to) {
        const d = text[j]!;
        if (d === '"') {
          closed = true;
          j++;
          break;
        }
        if (d === '\\' && j + 1 < to && '$`"\\\n'.includes(text[j + 1]!)) {
          if (text[j + 1] !== '\n') b.push(text[j + 1]!, j + 1);
          j += 2;
          continue;
        }
        if (d === '`') {
          j = b.pushExpansion(text, j, groupEnd(text, j, to), to);
          continue;
        }
        if (d === '$') {
          j = pushDollar(b, text, j, to);
          continue;
        }
        b.push(d, j);
        j++;
      }
      if (!closed) b.unterminated = i;
      i = j;
      continue;
    }
    if (c === '$') {
      i = pushDollar(b, text, i, to);
      continue;
    }
    if (c === '`') {
      i = b.pushExpansion(text, i, groupEnd(text, i, to), to);
      continue;
    }
    b.push(c, i);
    i++;
  }
  return { word: b.build(start, i), next: i };
}

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

/** Index of the start of the line after the here-document bodies that begin at `lineStart`. */
function skipHeredocs(text: string, lineStart: number, to: number, pending: Heredoc[]): number {
  let i = lineStart;
  for (const doc of pending) {
    while (i < to) {
      const newline = text.indexOf('\n', i);
      const lineEnd = newline === -1 || newline >= to ? to : newline;
      let line = text.slice(i, lineEnd).replace(/\r$/, '');
      if (doc.stripTabs) line = line.replace(/^\t+/, '');
      i = lineEnd === to ? to : lineEnd + 1;
      if (line === doc.delimiter) break;
    }
  }
  return i;
}

/**
 * Splits `text[from, to)` into simple commands (words between separators). Comments, redirection
 * targets and here-document bodies are left out; nothing here ever throws.
 */
export function scanShell(text: string, from = 0, to = text.length): Statement[] {
  const statements: Statement[] = [];
  let words: Word[] = [];
  let pending: Heredoc[] = [];
  let dropNextWord = false;
  const end = () => {
    if (words.length) statements.push({ words });
    words = [];
    dropNextWord = false;
  };
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === '\n') {
      end();
      i++;
      if (pending.length) {
        i = skipHeredocs(text, i, to, pending);
        pending = [];
      }
      continue;
    }
    const after = skipSpace(text, i, to, BLANK, '\\');
    if (after > i) {
      i = after;
      continue;
    }
    if (c === '#') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 || newline >= to ? to : newline;
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      i += 2;
      let stripTabs = false;
      if (text[i] === '-') {
        stripTabs = true;
        i++;
      }
      while (i < to && BLANK.has(text[i]!)) i++;
      if (i < to && !META.has(text[i]!)) {
        const { word, next } = readWord(text, i, to);
        pending.push({ delimiter: word.text, stripTabs });
        i = next;
      }
      continue;
    }
    if (c === '<' || c === '>') {
      // A file descriptor number written against the operator (2>/dev/null) is not an argument.
      const last = words[words.length - 1];
      if (last && last.end === i && /^\d+$/.test(last.text)) words.pop();
      while (i < to && (text[i] === '<' || text[i] === '>' || text[i] === '&' || text[i] === '|')) i++;
      dropNextWord = true;
      continue;
    }
    if (META.has(c)) {
      end();
      i++;
      continue;
    }
    const { word, next } = readWord(text, i, to);
    if (dropNextWord) dropNextWord = false;
    else words.push(word);
    i = next > i ? next : i + 1;
  }
  end();
  return statements;
}
