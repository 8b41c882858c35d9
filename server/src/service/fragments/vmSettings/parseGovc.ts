// `govc vm.change ... -e key=value` lines in shell scripts (also `-e=key=value`, `--e`, quoted
// pairs). govc splits each -e value at its first `=`. Only govc vm.change commands are read;
// nothing else in a script is ever looked at.
import type { FragmentProblem } from '../types.js';
import type { VmSetting } from './model.js';
import { scanShell } from '../scripts/shell.js';
import { isDynamic, isOpen, spanOf, type Word } from '../scripts/word.js';

function isGovc(word: Word): boolean {
  return !isDynamic(word) && (word.text === 'govc' || word.text.endsWith('/govc'));
}

/** A word that is a flag `-name`/`--name`, optionally `=value`: returns the name and where the value starts. */
function flag(word: Word): { name: string; valueAt?: number } | undefined {
  const match = /^--?([A-Za-z][\w.-]*)(=)?/.exec(word.text);
  if (!match) return undefined;
  return { name: match[1]!, ...(match[2] ? { valueAt: match[0].length } : {}) };
}

function entryFrom(text: string, word: Word, from: number, vmName: string | undefined, problems: FragmentProblem[]): VmSetting | undefined {
  const pair = word.text.slice(from);
  const equals = pair.indexOf('=');
  if (equals <= 0) {
    const [start, end] = spanOf(word, from, word.text.length);
    problems.push({
      message: `govc vm.change -e takes key=value${pair ? `, not "${pair}"` : ''}: govc stops with an error and the VM keeps its settings.`,
      start: end > start ? start : word.start,
      end: end > start ? end : word.end,
    });
    return undefined;
  }
  const keyEnd = from + equals;
  if (isDynamic(word, from, keyEnd)) return undefined; // the key is only known when the script runs
  const valueFrom = keyEnd + 1;
  const valueTo = word.text.length;
  const dynamic = isDynamic(word, valueFrom, valueTo);
  const value = word.text.slice(valueFrom);
  const valueSpan = spanOf(word, valueFrom, valueTo);
  return {
    key: word.text.slice(from, keyEnd),
    value: dynamic ? undefined : value,
    keySpan: spanOf(word, from, keyEnd),
    valueSpan: valueSpan[1] > valueSpan[0] ? valueSpan : spanOf(word, from, keyEnd),
    source: 'govc',
    valueIsString: true,
    valueStyle: !dynamic && value !== '' && text.slice(valueSpan[0], valueSpan[1]) === value ? 'word' : 'none',
    ...(vmName !== undefined ? { vmName } : {}),
  };
}

/** The settings of one `govc vm.change` command, `govc` being word `at`. */
function fromCommand(words: readonly Word[], at: number, text: string, problems: FragmentProblem[]): VmSetting[] {
  let vmName: string | undefined;
  const pairs: Array<{ word: Word; from: number }> = [];
  for (let i = at + 2; i < words.length; i++) {
    const word = words[i]!;
    const parsed = flag(word);
    if (!parsed) continue;
    if (parsed.name === 'e' || parsed.name === 'vm') {
      const target = parsed.valueAt !== undefined ? { word, from: parsed.valueAt } : words[i + 1] ? { word: words[++i]!, from: 0 } : undefined;
      if (!target) {
        if (parsed.name === 'e') problems.push({ message: 'govc vm.change -e needs a key=value after it.', start: word.start, end: word.end });
        continue;
      }
      if (parsed.name === 'e') pairs.push(target);
      else vmName = isDynamic(target.word, target.from) ? text.slice(target.from > 0 ? target.word.offsets[target.from - 1]! + 1 : target.word.start, target.word.end) : target.word.text.slice(target.from);
    }
  }
  const entries: VmSetting[] = [];
  for (const { word, from } of pairs) {
    const entry = isOpen(word) ? undefined : entryFrom(text, word, from, vmName, problems); // a never-closed quote is reported below
    if (entry) entries.push(entry);
  }
  return entries;
}

export function parseGovc(text: string): { entries: VmSetting[]; problems: FragmentProblem[] } {
  const entries: VmSetting[] = [];
  const problems: FragmentProblem[] = [];
  if (!text.includes('govc')) return { entries, problems };
  for (const { words } of scanShell(text)) {
    const at = words.findIndex(isGovc);
    if (at === -1 || words[at + 1]?.text !== 'vm.change') continue;
    entries.push(...fromCommand(words, at, text, problems));
    const open = words.find(isOpen);
    const unterminated = open?.unterminated ?? open?.unclosed;
    if (unterminated !== undefined) {
      problems.push({
        message: 'This quote is never closed: the shell reads the rest of the script into the govc command, or stops with a syntax error.',
        start: unterminated,
        end: restOfLine(text, unterminated),
      });
    }
  }
  return { entries, problems };
}

/** The end of the line holding `offset` (before `\r\n`), at least one character after it. */
export function restOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  let end = newline === -1 ? text.length : newline;
  if (end > offset && text[end - 1] === '\r') end--;
  return Math.min(text.length, Math.max(end, offset + 1));
}
