// Just enough of shell and PowerShell word splitting to read one command line: quotes, escapes,
// line continuations, comments, command separators and pipelines. Each word keeps, for every
// character of its value, the offset it came from, so keys and values map back onto the text.
// Anything expanded at run time ($VAR, $(...), `...`) marks the characters as dynamic.

export interface Word {
  value: string;
  /** Offset in the text of each character of `value`. */
  offsets: number[];
  /** Per character: whether it comes from an expansion the script does at run time. */
  dynamic: boolean[];
  /** Raw span of the whole word (quotes included). */
  start: number;
  end: number;
  /** Whether any part of the word was quoted. */
  quoted: boolean;
}

export type Separator = ';' | '|' | 'end';

export interface ScriptCommand {
  words: Word[];
  /** What ends the command: `|` continues a pipeline; `;`, `&&`, newline and the like end it. */
  separator: Separator;
}

export interface ScriptLine {
  commands: ScriptCommand[];
  /** Offset after the logical line (its line break included). */
  end: number;
  /** Offset of a quote that is never closed. */
  unterminated?: number;
}

class WordBuilder {
  value = '';
  offsets: number[] = [];
  dynamic: boolean[] = [];
  start = -1;
  end = -1;
  quoted = false;

  add(ch: string, offset: number, dynamic = false, rawEnd = offset + 1) {
    if (this.start === -1) this.start = offset;
    this.value += ch;
    this.offsets.push(offset);
    this.dynamic.push(dynamic);
    this.end = Math.max(this.end, rawEnd);
  }

  mark(start: number, end: number) {
    if (this.start === -1) this.start = start;
    this.end = Math.max(this.end, end);
  }

  get empty() {
    return this.start === -1;
  }

  take(): Word | undefined {
    if (this.start === -1) return undefined;
    const word: Word = { value: this.value, offsets: this.offsets, dynamic: this.dynamic, start: this.start, end: this.end, quoted: this.quoted };
    this.value = '';
    this.offsets = [];
    this.dynamic = [];
    this.start = -1;
    this.end = -1;
    this.quoted = false;
    return word;
  }
}

/** Offset of the bracket closing the one at `open`, skipping quoted text; -1 when it never closes. */
function matchBracket(text: string, open: number, limit: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack = [pairs[text[open]!]!];
  for (let i = open + 1; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '\\' || ch === '`') {
      i++;
    } else if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      if (close === -1) return -1;
      i = close;
    } else if (pairs[ch]) {
      stack.push(pairs[ch]!);
    } else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function isNewline(text: string, i: number): number {
  if (text[i] === '\n') return 1;
  if (text[i] === '\r' && text[i + 1] === '\n') return 2;
  return 0;
}

/** Reads one logical shell line (POSIX sh / bash) starting at `start`. */
export function readShellLine(text: string, start: number): ScriptLine {
  const commands: ScriptCommand[] = [];
  let words: Word[] = [];
  const word = new WordBuilder();
  const finishWord = () => {
    const taken = word.take();
    if (taken) words.push(taken);
  };
  const finishCommand = (separator: Separator) => {
    finishWord();
    if (words.length) commands.push({ words, separator });
    words = [];
  };
  const n = text.length;
  let i = start;
  while (i < n) {
    const ch = text[i]!;
    const newline = isNewline(text, i);
    if (newline) {
      finishCommand('end');
      return { commands, end: i + newline };
    }
    if (ch === '\\') {
      const continued = isNewline(text, i + 1);
      if (continued) {
        i += 1 + continued;
        continue;
      }
      if (i + 1 < n) word.add(text[i + 1]!, i + 1, false, i + 2);
      i += 2;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      finishWord();
      i++;
      continue;
    }
    if (ch === '#' && word.empty) {
      while (i < n && !isNewline(text, i)) i++;
      continue;
    }
    if (ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      const double = text[i + 1] === ch && (ch === '&' || ch === '|' || ch === ';');
      finishCommand(ch === '|' && !double ? '|' : ';');
      i += double ? 2 : 1;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) {
        finishCommand('end');
        return { commands, end: n, unterminated: i };
      }
      word.quoted = true;
      word.mark(i, close + 1);
      for (let j = i + 1; j < close; j++) word.add(text[j]!, j, false, close + 1);
      i = close + 1;
      continue;
    }
    if (ch === '"') {
      const open = i;
      word.quoted = true;
      word.mark(i, i + 1);
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          word.mark(open, i + 1);
          i++;
          closed = true;
          break;
        }
        if (c === '\\') {
          const continued = isNewline(text, i + 1);
          if (continued) {
            i += 1 + continued;
            continue;
          }
          const next = text[i + 1];
          if (next !== undefined && '$`"\\'.includes(next)) {
            word.add(next, i + 1);
            i += 2;
            continue;
          }
          word.add(c, i);
          i++;
          continue;
        }
        if (c === '$' || c === '`') {
          const skipTo = c === '$' && text[i + 1] === '(' ? matchBracket(text, i + 1, n) : c === '`' ? text.indexOf('`', i + 1) : i;
          if (skipTo === -1) {
            finishCommand('end');
            return { commands, end: n, unterminated: i };
          }
          const last = skipTo;
          for (let j = i; j <= last; j++) word.add(text[j]!, j, true);
          i = last + 1;
          continue;
        }
        word.add(c, i);
        i++;
      }
      if (!closed) {
        finishCommand('end');
        return { commands, end: n, unterminated: open };
      }
      continue;
    }
    if (ch === '$' || ch === '`') {
      const skipTo = ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{') ? matchBracket(text, i + 1, n) : ch === '`' ? text.indexOf('`', i + 1) : i;
      if (skipTo === -1) {
        finishCommand('end');
        return { commands, end: n, unterminated: i };
      }
      const last = skipTo;
      for (let j = i; j <= last; j++) word.add(text[j]!, j, true);
      i = last + 1;
      continue;
    }
    word.add(ch, i);
    i++;
  }
  finishCommand('end');
  return { commands, end: n };
}

/** Reads one logical PowerShell line starting at `start` (backtick continuations, trailing `|`). */
export function readPowerShellLine(text: string, start: number): ScriptLine {
  const commands: ScriptCommand[] = [];
  let words: Word[] = [];
  const word = new WordBuilder();
  let pipelineOpen = false;
  const finishWord = () => {
    const taken = word.take();
    if (taken) {
      words.push(taken);
      pipelineOpen = false;
    }
  };
  const finishCommand = (separator: Separator) => {
    finishWord();
    if (words.length) commands.push({ words, separator });
    words = [];
  };
  const n = text.length;
  let i = start;
  while (i < n) {
    const ch = text[i]!;
    const newline = isNewline(text, i);
    if (newline) {
      finishWord();
      if (pipelineOpen && words.length === 0) {
        i += newline; // `Get-X |` followed by the next element on the next line
        continue;
      }
      finishCommand('end');
      return { commands, end: i + newline };
    }
    if (ch === '`') {
      const continued = isNewline(text, i + 1);
      if (continued) {
        finishWord();
        i += 1 + continued;
        continue;
      }
      if (i + 1 < n) word.add(text[i + 1]!, i + 1, false, i + 2);
      i += 2;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      finishWord();
      i++;
      continue;
    }
    if (ch === '<' && text[i + 1] === '#' && word.empty) {
      const close = text.indexOf('#>', i + 2);
      i = close === -1 ? n : close + 2;
      continue;
    }
    if (ch === '#' && word.empty) {
      while (i < n && !isNewline(text, i)) i++;
      continue;
    }
    if (ch === ';' || (ch === '&' && text[i + 1] === '&') || (ch === '|' && text[i + 1] === '|')) {
      finishCommand(';');
      i += ch === ';' ? 1 : 2;
      continue;
    }
    if (ch === '|') {
      finishCommand('|');
      pipelineOpen = true;
      i++;
      continue;
    }
    if (ch === "'") {
      const open = i;
      word.quoted = true;
      word.mark(i, i + 1);
      i++;
      let closed = false;
      while (i < n) {
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            word.add("'", i + 1, false, i + 2);
            i += 2;
            continue;
          }
          word.mark(open, i + 1);
          i++;
          closed = true;
          break;
        }
        word.add(text[i]!, i);
        i++;
      }
      if (!closed) {
        finishCommand('end');
        return { commands, end: n, unterminated: open };
      }
      continue;
    }
    if (ch === '"') {
      const open = i;
      word.quoted = true;
      word.mark(i, i + 1);
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            word.add('"', i + 1, false, i + 2);
            i += 2;
            continue;
          }
          word.mark(open, i + 1);
          i++;
          closed = true;
          break;
        }
        if (c === '`') {
          if (i + 1 < n) word.add(text[i + 1]!, i + 1, true, i + 2);
          i += 2;
          continue;
        }
        if (c === '$') {
          const skipTo = text[i + 1] === '(' ? matchBracket(text, i + 1, n) : i;
          if (skipTo === -1) {
            finishCommand('end');
            return { commands, end: n, unterminated: i };
          }
          const last = skipTo;
          for (let j = i; j <= last; j++) word.add(text[j]!, j, true);
          i = last + 1;
          continue;
        }
        word.add(c, i);
        i++;
      }
      if (!closed) {
        finishCommand('end');
        return { commands, end: n, unterminated: open };
      }
      continue;
    }
    if ((ch === '{' || ch === '}') && word.empty) {
      // A script block: the commands inside it are commands of their own (`ForEach-Object { ... }`).
      finishCommand(';');
      i++;
      continue;
    }
    if (ch === '(' || (ch === '$' && text[i + 1] === '(') || (ch === '@' && (text[i + 1] === '(' || text[i + 1] === '{'))) {
      const open = ch === '(' ? i : i + 1;
      const close = matchBracket(text, open, n);
      if (close === -1) {
        finishCommand('end');
        return { commands, end: n, unterminated: open };
      }
      for (let j = i; j <= close; j++) word.add(text[j]!, j, true);
      i = close + 1;
      continue;
    }
    word.add(ch, i, ch === '$');
    i++;
  }
  finishCommand('end');
  return { commands, end: n };
}

/** Whether the word's characters [from, to) include a run-time expansion. */
export function isDynamic(word: Word, from = 0, to = word.value.length): boolean {
  for (let i = from; i < to; i++) if (word.dynamic[i]) return true;
  return false;
}

/** The raw span of the word's characters [from, to); an empty range sits after `from - 1`. */
export function spanOf(word: Word, from: number, to: number): [number, number] {
  if (to > from) return [word.offsets[from]!, word.offsets[to - 1]! + 1];
  const before = from > 0 ? word.offsets[from - 1]! + 1 : word.start;
  return [before, before];
}

/**
 * Offsets of the lines of `text` that contain `needle` (as the start of the logical line holding
 * them: lines continued by `continuation` from the line above are followed back).
 */
export function linesWith(text: string, needle: RegExp, continues: (previousLine: string) => boolean): number[] {
  const starts: number[] = [];
  let lineStart = 0;
  const lineStarts: number[] = [];
  while (lineStart <= text.length) {
    lineStarts.push(lineStart);
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  for (let index = 0; index < lineStarts.length; index++) {
    const from = lineStarts[index]!;
    const to = index + 1 < lineStarts.length ? lineStarts[index + 1]! : text.length;
    if (!needle.test(text.slice(from, to))) continue;
    let first = index;
    while (first > 0) {
      const previous = text.slice(lineStarts[first - 1]!, lineStarts[first]!).replace(/\r?\n$/, '');
      if (!continues(previous)) break;
      first--;
    }
    starts.push(lineStarts[first]!);
  }
  return starts;
}
