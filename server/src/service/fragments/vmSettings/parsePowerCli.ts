// PowerCLI advanced settings on VMs in PowerShell scripts:
//   New-AdvancedSetting -Entity $vm -Name key -Value value
//   Get-AdvancedSetting -Entity $vm -Name key | Set-AdvancedSetting -Value value
// Parameters may be abbreviated, written `-Name:value`, or given by position. Settings of hosts,
// clusters or vCenter (an entity from Get-VMHost, Get-Cluster, ..., or a variable named like a
// host) are left alone: they are ESXi or vCenter settings, not node VM settings.
import type { FragmentProblem } from '../types.js';
import type { VmSetting } from './model.js';
import { restOfLine } from './parseGovc.js';
import { scanPowerShell } from '../scripts/powershell.js';
import { isDynamic, isOpen, spanOf, type Word } from '../scripts/word.js';

const ADVANCED_SETTING = /AdvancedSetting/i;
const NOT_A_VM = /\b(Get-VMHost|Get-Cluster|Get-Datacenter|Get-Folder|Get-VIServer|Get-ResourcePool|Get-Datastore)\b|DefaultVIServer|^\$\w*(host|esx|cluster|server|vc)/i;

interface CmdletShape {
  parameters: readonly string[];
  switches: readonly string[];
  positional: readonly string[];
}

const CMDLETS: Record<string, CmdletShape> = {
  'new-advancedsetting': { parameters: ['Name', 'Value', 'Entity', 'Type', 'Server', 'Force', 'WhatIf', 'Confirm'], switches: ['Force', 'WhatIf', 'Confirm'], positional: ['Name', 'Value', 'Entity'] },
  'set-advancedsetting': { parameters: ['AdvancedSetting', 'Value', 'Name', 'Server', 'WhatIf', 'Confirm'], switches: ['WhatIf', 'Confirm'], positional: ['AdvancedSetting', 'Value'] },
  'get-advancedsetting': { parameters: ['Entity', 'Name', 'Server'], switches: [], positional: ['Entity', 'Name'] },
};

interface Bound {
  word: Word;
  /** Where the argument's value starts in the word (after `-Name:`). */
  from: number;
}

/** Binds a cmdlet's arguments to its parameters (names matched case-insensitively, unique prefixes allowed). */
function bind(words: readonly Word[], shape: CmdletShape, piped: boolean): Map<string, Bound> {
  const bound = new Map<string, Bound>();
  const positional: Bound[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const match = /^-([A-Za-z]+)(:)?/.exec(word.text);
    if (!match || isDynamic(word, 0, match[0].length)) {
      positional.push({ word, from: 0 });
      continue;
    }
    const typed = match[1]!.toLowerCase();
    const candidates = shape.parameters.filter((p) => p.toLowerCase().startsWith(typed));
    const name = candidates.find((p) => p.toLowerCase() === typed) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!name) continue; // unknown or ambiguous: PowerShell stops; we read nothing from it
    if (match[2]) {
      bound.set(name, { word, from: match[0].length });
    } else if (!shape.switches.includes(name) && words[i + 1]) {
      bound.set(name, { word: words[++i]!, from: 0 });
    }
  }
  const order = piped && shape.positional[0] === 'AdvancedSetting' ? shape.positional.slice(1) : shape.positional;
  for (const name of order) {
    if (bound.has(name)) continue;
    const next = positional.shift();
    if (!next) break;
    bound.set(name, next);
  }
  return bound;
}

function rawText(text: string, bound: Bound | undefined): string | undefined {
  if (!bound) return undefined;
  const start = bound.from > 0 ? spanOf(bound.word, bound.from, bound.word.text.length)[0] : bound.word.start;
  return text.slice(start, bound.word.end);
}

/** A literal name (no variables or wildcards), or undefined. */
function literalName(bound: Bound | undefined): string | undefined {
  if (!bound || isDynamic(bound.word, bound.from)) return undefined;
  const name = bound.word.text.slice(bound.from);
  return name && !/[*?\[]/.test(name) ? name : undefined;
}

function entry(key: { word: Word; from: number }, value: Bound, vmName: string | undefined): VmSetting | undefined {
  const keyWord = key.word;
  const keySpan = spanOf(keyWord, key.from, keyWord.text.length);
  const word = value.word;
  const written = word.text.slice(value.from);
  const lower = written.toLowerCase();
  const dynamic = isDynamic(word, value.from);
  const span = spanOf(word, value.from, word.text.length);
  let literal: { value: string; isString: boolean; span: [number, number] } | undefined;
  if (!word.quoted && (lower === '$true' || lower === '$false')) {
    literal = { value: lower === '$true' ? 'True' : 'False', isString: false, span };
  } else if (!dynamic) {
    literal = { value: written, isString: word.quoted || !/^[+-]?\d+(\.\d+)?$/.test(written), span };
  }
  return {
    key: keyWord.text.slice(key.from),
    value: literal?.value,
    keySpan,
    valueSpan: span[1] > span[0] ? span : keySpan,
    source: 'powercli',
    valueIsString: literal?.isString ?? true,
    valueStyle: literal && span[1] > span[0] && (literal.isString ? isExact(word, value.from) : true) ? 'word' : 'none',
    ...(vmName !== undefined ? { vmName } : {}),
  };
}

/** Whether the value's characters sit side by side in the text (no escapes or doubled quotes inside). */
function isExact(word: Word, from: number): boolean {
  for (let i = from + 1; i < word.offsets.length; i++) if (word.offsets[i] !== word.offsets[i - 1]! + 1) return false;
  return true;
}

/** The cmdlet a pipeline segment runs, in lower case. */
function cmdletOf(segment: readonly Word[]): string | undefined {
  const first = segment[0];
  return first && !first.quoted ? first.text.toLowerCase() : undefined;
}

function fromPipeline(pipeline: readonly Word[][], text: string): VmSetting[] {
  const entries: VmSetting[] = [];
  pipeline.forEach((command, index) => {
    const cmdlet = cmdletOf(command);
    if (cmdlet !== 'new-advancedsetting' && cmdlet !== 'set-advancedsetting') return;
    const before = pipeline.slice(0, index);
    const args = bind(command, CMDLETS[cmdlet]!, index > 0);
    const value = args.get('Value');
    if (!value) return;
    let key: Bound | undefined;
    let entity: string | undefined;
    if (cmdlet === 'new-advancedsetting') {
      key = args.get('Name');
      entity = rawText(text, args.get('Entity'));
    } else {
      const getter = [...before].reverse().find((c) => cmdletOf(c) === 'get-advancedsetting');
      if (getter) {
        const getArgs = bind(getter, CMDLETS['get-advancedsetting']!, before.indexOf(getter) > 0);
        key = getArgs.get('Name');
        entity = rawText(text, getArgs.get('Entity'));
      }
    }
    if (!key || literalName(key) === undefined) return;
    const context = [entity ?? '', ...before.map((c) => sourceOf(text, c))];
    if (context.some((part) => NOT_A_VM.test(part.trim()))) return;
    const first = before[0];
    const vmName = entity ?? (first && cmdletOf(first) === 'get-vm' ? sourceOf(text, first) : undefined);
    const made = isOpen(key.word) || isOpen(value.word) ? undefined : entry(key, value, vmName); // a never-closed quote is reported by the caller
    if (made) entries.push(made);
  });
  return entries;
}

export function parsePowerCli(text: string): { entries: VmSetting[]; problems: FragmentProblem[] } {
  const entries: VmSetting[] = [];
  const problems: FragmentProblem[] = [];
  if (!ADVANCED_SETTING.test(text)) return { entries, problems };
  for (const { segments } of scanPowerShell(text)) {
    if (!segments.some((c) => cmdletOf(c) === 'new-advancedsetting' || cmdletOf(c) === 'set-advancedsetting')) continue;
    entries.push(...fromPipeline(segments, text));
    const open = segments.flat().find(isOpen);
    const unterminated = open?.unterminated ?? open?.unclosed;
    if (unterminated !== undefined) {
      problems.push({
        message: 'This quote or bracket is never closed: PowerShell stops with a parse error before it changes any setting.',
        start: unterminated,
        end: restOfLine(text, unterminated),
      });
    }
  }
  return { entries, problems };
}

/** The source text of a pipeline segment, from its first to its last word. */
function sourceOf(text: string, segment: readonly Word[]): string {
  return text.slice(segment[0]!.start, segment[segment.length - 1]!.end);
}
