// `govc vm.change ... -e key=value` lines in shell scripts (also `-e=key=value`, `--e`, quoted
// pairs). govc splits each -e value at its first `=`. Only govc vm.change commands are read;
// nothing else in a script is ever looked at.
import type { FragmentProblem } from '../types.js';
import type { VmSetting } from './model.js';
import { isDynamic, linesWith, readShellLine, spanOf, type ScriptCommand, type Word } from './scriptWords.js';

const GOVC_LINE = /\bgovc\b/;

function isGovc(word: Word): boolean {
  return !isDynamic(word) && (word.value === 'govc' || word.value.endsWith('/govc'));
}

/** A word that is a flag `-name`/`--name`, optionally `=value`: returns the name and where the value starts. */
function flag(word: Word): { name: string; valueAt?: number } | undefined {
  const match = /^--?([A-Za-z][\w.-]*)(=)?/.exec(word.value);
  if (!match) return undefined;
  return { name: match[1]!, ...(match[2] ? { valueAt: match[0].length } : {}) };
}

function entryFrom(text: string, word: Word, from: number, vmName: string | undefined, problems: FragmentProblem[]): VmSetting | undefined {
  const pair = word.value.slice(from);
  const equals = pair.indexOf('=');
  if (equals <= 0) {
    const [start, end] = spanOf(word, from, word.value.length);
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
  const valueTo = word.value.length;
  const dynamic = isDynamic(word, valueFrom, valueTo);
  const value = word.value.slice(valueFrom);
  const valueSpan = spanOf(word, valueFrom, valueTo);
  return {
    key: word.value.slice(from, keyEnd),
    value: dynamic ? undefined : value,
    keySpan: spanOf(word, from, keyEnd),
    valueSpan: valueSpan[1] > valueSpan[0] ? valueSpan : spanOf(word, from, keyEnd),
    source: 'govc',
    valueIsString: true,
    valueStyle: !dynamic && value !== '' && text.slice(valueSpan[0], valueSpan[1]) === value ? 'word' : 'none',
    ...(vmName !== undefined ? { vmName } : {}),
  };
}

function fromCommand(command: ScriptCommand, text: string, problems: FragmentProblem[]): VmSetting[] {
  const { words } = command;
  const at = words.findIndex(isGovc);
  if (at === -1 || words[at + 1]?.value !== 'vm.change') return [];
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
      else vmName = isDynamic(target.word, target.from) ? text.slice(target.from > 0 ? target.word.offsets[target.from - 1]! + 1 : target.word.start, target.word.end) : target.word.value.slice(target.from);
    }
  }
  const entries: VmSetting[] = [];
  for (const { word, from } of pairs) {
    const entry = entryFrom(text, word, from, vmName, problems);
    if (entry) entries.push(entry);
  }
  return entries;
}

export function parseGovc(text: string): { entries: VmSetting[]; problems: FragmentProblem[] } {
  const entries: VmSetting[] = [];
  const problems: FragmentProblem[] = [];
  if (!text.includes('govc')) return { entries, problems };
  let done = 0;
  for (const start of linesWith(text, GOVC_LINE, (previous) => /(^|[^\\])(\\\\)*\\$/.test(previous))) {
    if (start < done) continue;
    const line = readShellLine(text, start);
    done = line.end;
    let found = false;
    for (const command of line.commands) {
      const words = command.words;
      const at = words.findIndex(isGovc);
      if (at !== -1 && words[at + 1]?.value === 'vm.change') found = true;
      entries.push(...fromCommand(command, text, problems));
    }
    if (line.unterminated !== undefined && found) {
      problems.push({
        message: 'This quote is never closed: the shell reads the rest of the script into the govc command, or stops with a syntax error.',
        start: line.unterminated,
        end: restOfLine(text, line.unterminated),
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
