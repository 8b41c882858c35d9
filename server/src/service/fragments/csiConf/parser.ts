// A reader for csi-vsphere.conf that follows gcfg (gopkg.in/gcfg.v1), the INI dialect the vSphere
// CSI driver reads its config with (`gcfg.FatalOnly(gcfg.ReadInto(cfg, file))`):
//
// - `[Section]` and `[Section "subsection"]`; names are letters, digits and `-`, matched without
//   regard to case; subsection names are case-sensitive strings in double quotes.
// - `name = value` or a bare `name` (a boolean meaning true). Values run to the end of the line or
//   to an unquoted `#` / `;`; trailing blanks are dropped; double quotes may wrap any part.
// - Inside quotes the escapes are `\\`, `\"`, `\n` and `\t`; outside quotes a backslash may only
//   precede a newline (the value continues on the next line) or a `"`.
// - `#` and `;` start comments wherever a token may start.
//
// The reader never throws and always reaches the end of the text. Where gcfg would stop with an
// error, it records a problem and carries on with the next line. Two mistakes gcfg also rejects are
// read leniently instead, so that rules can explain them with a fix: names containing `_` (recorded
// as `invalidName`) and backslashes gcfg does not accept (recorded as `escapeIssues` on the value).
// A subsection written without quotes (`[VirtualCenter 10.0.0.1]`) is kept with `subQuoted: false`.
//
// Every span is a pair of offsets into the text, end exclusive.

export type ConfProblemCode =
  | 'expected-section-name'
  | 'missing-bracket'
  | 'empty-subsection'
  | 'subsection-escape'
  | 'trailing-text'
  | 'key-outside-section'
  | 'expected-assign'
  | 'unterminated-string'
  | 'illegal-character';

export interface ConfProblem {
  code: ConfProblemCode;
  message: string;
  start: number;
  end: number;
}

export interface ConfEscapeIssue {
  /** `unknown-escape`: `\x` inside quotes; `unquoted-backslash`: a `\` outside quotes not before a newline or `"`. */
  kind: 'unknown-escape' | 'unquoted-backslash';
  start: number;
  end: number;
}

export interface ConfValue {
  /** The value as written (quotes and escapes included, trailing blanks and comment excluded). */
  raw: string;
  start: number;
  end: number;
  /** The value the driver sees (quotes removed, escapes resolved; invalid escapes kept literally). */
  text: string;
  /** Whether a double quote appears in the value. */
  quoted: boolean;
  /** Whether the value continues over a backslash-newline. */
  continued: boolean;
  /** Backslashes gcfg rejects (the value is then read as if they were literal). */
  escapeIssues: ConfEscapeIssue[];
  /** A quote was left open: the rest of the line was taken as the value. */
  unterminated: boolean;
}

export interface ConfEntry {
  name: string;
  /** The name lower-cased: gcfg matches names without regard to case. */
  lower: string;
  nameStart: number;
  nameEnd: number;
  /** The name contains `_`, which gcfg rejects. */
  invalidName: boolean;
  /** The assignment is missing (`name value`, `name: value`): a syntax problem was recorded. */
  broken: boolean;
  /** Undefined for a bare key (`rootsquash` alone means true). */
  value?: ConfValue;
  /** From the name to the end of the value. */
  start: number;
  end: number;
  /** Index of the section in ConfDocument.sections. */
  section: number;
}

export interface ConfSection {
  name: string;
  lower: string;
  nameStart: number;
  nameEnd: number;
  invalidName: boolean;
  /** The subsection name (unquoted), when there is one. */
  subsection?: string;
  /** Span of the subsection as written (with its quotes). */
  subStart?: number;
  subEnd?: number;
  /** False when the subsection was written without double quotes. */
  subQuoted: boolean;
  /** The header from `[` to `]` (or to the end of what was written on the line). */
  start: number;
  end: number;
  entries: ConfEntry[];
}

export interface ConfDocument {
  sections: ConfSection[];
  problems: ConfProblem[];
}

/** gcfg names: a letter, then letters, digits and `-` (an `_` is read here and flagged). */
const NAME = /[\p{L}_][\p{L}\p{Nd}_-]*/uy;

const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\r';
const isLineEnd = (ch: string | undefined) => ch === undefined || ch === '\n';
const isCommentStart = (ch: string | undefined) => ch === '#' || ch === ';';

function describe(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

/** The value gcfg's `unquote` produces, reading rejected backslashes literally. */
export function unquoteValue(raw: string): string {
  let out = '';
  let inQuote = false;
  for (let k = 0; k < raw.length; k++) {
    const ch = raw[k]!;
    if (ch === '\r') continue; // gcfg strips carriage returns from values
    if (ch === '"') {
      inQuote = !inQuote;
      continue;
    }
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    let next = k + 1;
    while (raw[next] === '\r') next++;
    const escaped = raw[next];
    if (escaped === '\n' && !inQuote) {
      k = next; // line continuation: backslash and newline vanish
    } else if (escaped === '"' || (inQuote && escaped === '\\')) {
      out += escaped;
      k = next;
    } else if (inQuote && escaped === 'n') {
      out += '\n';
      k = next;
    } else if (inQuote && escaped === 't') {
      out += '\t';
      k = next;
    } else {
      out += '\\'; // rejected by gcfg; read literally
    }
  }
  return out;
}

export function parseCsiConf(text: string): ConfDocument {
  const sections: ConfSection[] = [];
  const problems: ConfProblem[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let current: ConfSection | undefined;

  const lineEnd = (from: number) => {
    const at = text.indexOf('\n', from);
    return at === -1 ? n : at;
  };
  /** End of a line's content without trailing blanks (for spans that cover "the rest of the line"). */
  const trimmedLineEnd = (from: number) => {
    let end = lineEnd(from);
    while (end > from && isBlank(text[end - 1])) end--;
    return end;
  };
  const skipBlanks = () => {
    while (i < n && isBlank(text[i])) i++;
  };
  const problem = (code: ConfProblemCode, message: string, start: number, end: number) => {
    problems.push({ code, message, start, end: Math.max(start, Math.min(end, n)) });
  };
  const readName = (): string | undefined => {
    NAME.lastIndex = i;
    const match = NAME.exec(text);
    if (!match) return undefined;
    i += match[0].length;
    return match[0];
  };

  const parseHeader = () => {
    const start = i;
    i++; // [
    skipBlanks();
    const nameStart = i;
    const name = readName();
    if (name === undefined) {
      const end = trimmedLineEnd(start);
      problem('expected-section-name', 'Expected a section name after "[" (letters, digits and "-"), e.g. [Global].', start, Math.max(end, start + 1));
      i = lineEnd(start);
      return;
    }
    const section: ConfSection = {
      name,
      lower: name.toLowerCase(),
      nameStart,
      nameEnd: i,
      invalidName: name.includes('_'),
      subQuoted: true,
      start,
      end: i,
      entries: [],
    };
    sections.push(section);
    current = section;
    skipBlanks();
    if (text[i] === '"') {
      const subStart = i;
      i++;
      let value = '';
      let closed = false;
      while (i < n && text[i] !== '\n') {
        const ch = text[i]!;
        if (ch === '"') {
          i++;
          closed = true;
          break;
        }
        if (ch === '\\') {
          const escaped = text[i + 1];
          if (escaped === '\\' || escaped === '"') {
            value += escaped;
            i += 2;
            continue;
          }
          problem(
            'subsection-escape',
            'Only \\\\ and \\" may follow a backslash in a subsection name; gcfg rejects any other escape here.',
            i,
            isLineEnd(escaped) ? i + 1 : i + 2,
          );
          value += '\\';
          i++;
          continue;
        }
        value += ch;
        i++;
      }
      section.subsection = value;
      section.subStart = subStart;
      section.subEnd = i;
      if (!closed) {
        problem('unterminated-string', 'The subsection name has no closing double quote.', subStart, trimmedLineEnd(subStart));
        section.end = trimmedLineEnd(subStart);
        i = lineEnd(i);
        return;
      }
      if (value === '') problem('empty-subsection', 'The subsection name is empty; gcfg rejects `""` here.', subStart, i);
      skipBlanks();
    } else if (i > section.nameEnd && text[i] !== ']' && !isLineEnd(text[i]) && !isCommentStart(text[i])) {
      // `[VirtualCenter 10.0.0.1]`: keep what was meant; rules say that gcfg needs the quotes.
      const close = text.indexOf(']', i);
      const end = lineEnd(i);
      if (close !== -1 && close < end) {
        let subEnd = close;
        while (subEnd > i && isBlank(text[subEnd - 1])) subEnd--;
        section.subsection = text.slice(i, subEnd);
        section.subStart = i;
        section.subEnd = subEnd;
        section.subQuoted = false;
        i = close;
      }
    }
    if (text[i] !== ']') {
      const end = trimmedLineEnd(start);
      section.end = Math.max(end, section.nameEnd);
      const stray = text[i];
      const detail = stray !== undefined && !isLineEnd(stray) && !isCommentStart(stray) ? ` (found ${describe(stray)} where "]" or a quoted subsection name should be)` : '';
      problem('missing-bracket', `The section header has no closing "]"${detail}.`, start, section.end);
      i = lineEnd(start);
      return;
    }
    i++;
    section.end = i;
    skipBlanks();
    if (!isLineEnd(text[i]) && !isCommentStart(text[i])) {
      problem('trailing-text', 'Nothing but a comment may follow a section header on its line; put each key on a line of its own.', i, trimmedLineEnd(i));
      i = lineEnd(i);
    }
  };

  const parseValue = (): ConfValue => {
    const start = i;
    let end = i;
    let inQuote = false;
    let quoted = false;
    let continued = false;
    let unterminated = false;
    let quoteStart = i;
    const escapeIssues: ConfEscapeIssue[] = [];
    while (true) {
      const ch = text[i];
      if (ch === undefined || (inQuote && ch === '\n')) {
        if (inQuote) {
          unterminated = true;
          while (end > quoteStart + 1 && isBlank(text[end - 1])) end--;
          problem('unterminated-string', 'The value opens a double quote it never closes on this line.', quoteStart, end);
        }
        break;
      }
      if (!inQuote && (ch === '\n' || isCommentStart(ch))) break;
      i++;
      if (inQuote && ch === '\\') {
        const escaped = text[i];
        // A backslash at the end of a quoted line: the open quote is the problem reported below.
        if (!isLineEnd(escaped)) {
          i++;
          if (escaped !== '\\' && escaped !== '"' && escaped !== 'n' && escaped !== 't') escapeIssues.push({ kind: 'unknown-escape', start: i - 2, end: i });
        }
      } else if (!inQuote && ch === '\\') {
        let next = i;
        while (text[next] === '\r') next++;
        if (text[next] === '\n') {
          continued = true;
          i = next + 1;
        } else if (text[next] === '"') {
          i = next + 1;
        } else {
          escapeIssues.push({ kind: 'unquoted-backslash', start: i - 1, end: i });
        }
      } else if (ch === '"') {
        inQuote = !inQuote;
        quoted = true;
        if (inQuote) quoteStart = i - 1;
      }
      if (inQuote || !isBlank(ch)) end = i;
    }
    const raw = text.slice(start, end);
    return { raw, start, end, text: unquoteValue(raw), quoted, continued, escapeIssues, unterminated };
  };

  const parseEntry = (name: string, nameStart: number) => {
    const nameEnd = i;
    if (!current) {
      problem('key-outside-section', `"${name}" comes before any [section]; gcfg needs a section header first, e.g. [Global].`, nameStart, nameEnd);
      i = lineEnd(i);
      return;
    }
    const entry: ConfEntry = {
      name,
      lower: name.toLowerCase(),
      nameStart,
      nameEnd,
      invalidName: name.includes('_'),
      broken: false,
      start: nameStart,
      end: nameEnd,
      section: sections.length - 1,
    };
    current.entries.push(entry);
    skipBlanks();
    const ch = text[i];
    if (isLineEnd(ch) || isCommentStart(ch)) return;
    if (ch === '=') {
      i++;
      skipBlanks();
      entry.value = parseValue();
      entry.end = Math.max(entry.value.end, nameEnd);
      return;
    }
    entry.broken = true;
    const end = trimmedLineEnd(i);
    const hint = ch === ':' ? ' (gcfg writes `name = value`, not `name: value`)' : /[\p{L}\p{Nd}_-]/u.test(ch!) ? '' : ` (${describe(ch!)} cannot be part of a name)`;
    problem('expected-assign', `Expected "=" after "${name}"${hint}.`, i, Math.max(end, i + 1));
    entry.end = Math.max(end, nameEnd);
    i = lineEnd(i);
  };

  while (i < n) {
    skipBlanks();
    if (i >= n) break;
    const ch = text[i]!;
    if (ch === '\n') {
      i++;
      continue;
    }
    if (isCommentStart(ch)) {
      i = lineEnd(i);
      continue;
    }
    if (ch === '[') {
      parseHeader();
      continue;
    }
    const nameStart = i;
    const name = readName();
    if (name !== undefined) {
      parseEntry(name, nameStart);
      continue;
    }
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    problem('illegal-character', `${describe(String.fromCodePoint(code))} cannot start a line: expected a [section] header, a "name = value" line or a comment.`, i, i + width);
    i = lineEnd(i);
  }
  return { sections, problems };
}
