// The words the shell and PowerShell lexers produce: the text a command receives (quotes removed,
// escapes resolved), with the source offset of every character and, per character, whether it
// comes from an expansion the script only does at run time ($VAR, $(...), `...`, expressions).

export interface Word {
  /** The word as the command receives it. */
  text: string;
  /** Source span of the whole word, quotes included. */
  start: number;
  end: number;
  /** Source offset of each character of `text`. */
  offsets: readonly number[];
  /** Per character of `text`: whether it comes from a run-time expansion. */
  expanded: readonly boolean[];
  /** Whether any character comes from a run-time expansion. */
  dynamic: boolean;
  /** Whether any part of the word was quoted. */
  quoted: boolean;
  /** Offset of an opening quote that is never closed. */
  unterminated?: number;
  /** Offset of an expansion or group (`$(`, `(`, a backtick) that is never closed. */
  unclosed?: number;
}

/** The length of the line break at `at` (`\n` or `\r\n`), 0 when there is none: after an escape character it continues the line. */
export function lineBreakAt(text: string, at: number): number {
  if (text[at] === '\n') return 1;
  return text[at] === '\r' && text[at + 1] === '\n' ? 2 : 0;
}

/** Index after the blanks and line continuations (`escape` before a line break) from `at`. */
export function skipSpace(text: string, at: number, to: number, blank: ReadonlySet<string>, escape: string): number {
  let i = at;
  for (;;) {
    if (i < to && blank.has(text[i]!)) i++;
    else if (i < to && text[i] === escape && lineBreakAt(text, i + 1)) i += 1 + lineBreakAt(text, i + 1);
    else return i;
  }
}

export class WordBuilder {
  text = '';
  offsets: number[] = [];
  expanded: boolean[] = [];
  quoted = false;
  unterminated: number | undefined;
  unclosed: number | undefined;

  push(char: string, at: number, expanded = false): void {
    this.text += char;
    this.offsets.push(at);
    this.expanded.push(expanded);
  }

  pushRange(source: string, from: number, to: number, expanded = false): void {
    for (let k = from; k < to; k++) this.push(source[k]!, k, expanded);
  }

  /** Adds the expansion `source[from, close)` as run-time text; `close` -1: it never closes and runs to `to`. Returns the index after it. */
  pushExpansion(source: string, from: number, close: number, to: number): number {
    if (close === -1) this.unclosed ??= from;
    const end = close === -1 ? to : close;
    this.pushRange(source, from, end, true);
    return end;
  }

  /** Adds `$` at `at` and the name characters (those `name` matches) after it as run-time text. Returns the index after them. */
  pushVariable(source: string, at: number, to: number, name: RegExp): number {
    let end = at + 1;
    while (end < to && name.test(source[end]!)) end++;
    this.pushRange(source, at, end, true);
    return end;
  }

  build(start: number, end: number): Word {
    const word: Word = { text: this.text, start, end, offsets: this.offsets, expanded: this.expanded, dynamic: this.expanded.includes(true), quoted: this.quoted };
    if (this.unterminated !== undefined) word.unterminated = this.unterminated;
    if (this.unclosed !== undefined) word.unclosed = this.unclosed;
    return word;
  }
}

/** Whether the word holds a quote, expansion or group that is never closed. */
export function isOpen(word: Word): boolean {
  return word.unterminated !== undefined || word.unclosed !== undefined;
}

/** Whether the word's characters [from, to) include a run-time expansion. */
export function isDynamic(word: Word, from = 0, to = word.text.length): boolean {
  for (let i = from; i < to; i++) if (word.expanded[i]) return true;
  return false;
}

/** The source span of the word's characters [from, to); an empty range sits after `from - 1`. */
export function spanOf(word: Word, from: number, to: number): [number, number] {
  if (to > from) return [word.offsets[from]!, word.offsets[to - 1]! + 1];
  const before = from > 0 ? word.offsets[from - 1]! + 1 : word.start;
  return [before, before];
}
