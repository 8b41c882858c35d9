// .vmx files: one `key = "value"` per line, `#` comment lines. VMware writes every value in double
// quotes and encodes special characters as `|XX` (hex), so a value ends at the next `"`; there are no
// backslash escapes. Hand-edited files sometimes carry bare values, which are read as written.
import type { FragmentProblem } from '../types.js';
import type { VmSetting, VmSettings } from './model.js';

/** Characters a .vmx key is made of (`scsi0:1.fileName`, `.encoding`, `guestinfo.my-key`). */
const KEY_CHARS = /^[A-Za-z0-9_.:\-\[\]\/]+$/;

export interface VmxLine {
  /** Offsets of the line's content (without the line break). */
  start: number;
  end: number;
  /** Offset of `=` when the line has one. */
  equals?: number;
}

/** Splits text into lines (without `\r\n` / `\n`), with offsets. */
export function vmxLines(text: string): VmxLine[] {
  const lines: VmxLine[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    const next = end === -1 ? text.length + 1 : end + 1;
    if (end === -1) end = text.length;
    const contentEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    const equals = text.slice(start, contentEnd).indexOf('=');
    lines.push({ start, end: contentEnd, ...(equals !== -1 ? { equals: start + equals } : {}) });
    start = next;
  }
  return lines;
}

function skipBlanks(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && (text[i] === ' ' || text[i] === '\t' || text[i] === '\uFEFF')) i++;
  return i;
}

function trimEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

export function parseVmx(text: string): { settings: VmSettings; problems: FragmentProblem[] } {
  const entries: VmSetting[] = [];
  const problems: FragmentProblem[] = [];
  const firstByKey = new Map<string, VmSetting>();

  for (const line of vmxLines(text)) {
    const start = skipBlanks(text, line.start, line.end);
    if (start >= line.end || text[start] === '#') continue;
    const lineEnd = trimEnd(text, start, line.end);
    if (line.equals === undefined) {
      problems.push({ message: 'This line is not a setting: .vmx lines are `key = "value"` (or `#` comments). VMware cannot read the file, so the VM fails to open or power on.', start, end: lineEnd });
      continue;
    }
    const keyEnd = trimEnd(text, start, line.equals);
    if (keyEnd === start) {
      problems.push({ message: 'A setting without a key: write `key = "value"`.', start, end: Math.max(line.equals + 1, start) });
      continue;
    }
    const key = text.slice(start, keyEnd);
    if (!KEY_CHARS.test(key)) {
      problems.push({ message: `"${key}" is not a .vmx key: keys are letters, digits and . : _ - without spaces or quotes.`, start, end: keyEnd });
      continue;
    }

    const valueStart = skipBlanks(text, line.equals + 1, line.end);
    let value: string;
    let valueEnd: number;
    if (text[valueStart] === '"') {
      const close = text.indexOf('"', valueStart + 1);
      if (close === -1 || close >= line.end) {
        problems.push({ message: `The value of ${key} has no closing quote: VMware cannot read the file, so the VM fails to open or power on.`, start: valueStart, end: lineEnd });
        continue;
      }
      value = text.slice(valueStart + 1, close);
      valueEnd = close + 1;
      const restStart = skipBlanks(text, valueEnd, line.end);
      if (restStart < line.end && text[restStart] !== '#') {
        problems.push({ message: `Text after the closing quote of ${key}: a .vmx line holds one quoted value.`, start: restStart, end: lineEnd });
        continue;
      }
    } else {
      // A bare value runs to a `#` comment (after a blank) or the end of the line.
      let end = valueStart;
      while (end < line.end && !(text[end] === '#' && (end === valueStart || text[end - 1] === ' ' || text[end - 1] === '\t'))) end++;
      valueEnd = trimEnd(text, valueStart, end);
      if (valueEnd === valueStart) {
        problems.push({ message: `${key} has no value: write ${key} = "value".`, start, end: lineEnd });
        continue;
      }
      value = text.slice(valueStart, valueEnd);
      if (value.includes('"')) {
        problems.push({ message: `The value of ${key} has a stray quote: write ${key} = "value".`, start: valueStart, end: valueEnd });
        continue;
      }
    }

    const entry: VmSetting = {
      key,
      value,
      keySpan: [start, keyEnd],
      valueSpan: [valueStart, valueEnd],
      source: 'vmx',
      valueIsString: true,
      valueStyle: 'vmx',
    };
    const lower = key.toLowerCase();
    const first = firstByKey.get(lower);
    if (first) {
      const line = text.slice(0, first.keySpan[0]).split('\n').length;
      problems.push({ message: `${key} is set twice (first on line ${line}); keep one line so it is clear which value the VM gets.`, start, end: keyEnd });
    } else {
      firstByKey.set(lower, entry);
    }
    entries.push(entry);
  }

  const complete = firstByKey.has('virtualhw.version');
  const first = entries[0];
  return {
    settings: { source: 'vmx', entries, complete, anchor: first ? first.keySpan : [0, 0] },
    problems,
  };
}
