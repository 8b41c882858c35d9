// Turns split command lines into the host commands we analyse. A line is recognised only by its
// command word (esxcli/localcli, esxcfg-advcfg, vmkping, PowerCLI *-AdvancedSetting on a host,
// Get-EsxCli -V2 calls, and the same lines run through ssh/plink/sh -c/Invoke-SSHCommand); every
// other line of a script is ignored.
import type { FragmentProblem } from '../../types.js';
import {
  piece,
  sourcePiece,
  type AdvancedSettingCommand,
  type EsxiCommand,
  type ModuleParametersCommand,
  type OptionUse,
  type Piece,
  type ProfileCommand,
  type VmkpingCommand,
} from '../model.js';
import { isKnownHostSettingName } from '../knowledge.js';
import { option, optionsNamed, parseGnuOptions, parsePsParameters, type OptionSpec, type ParsedOptions } from './options.js';
import type { PsStatement } from '../../scripts/powershell.js';
import { scanShell } from '../../scripts/shell.js';
import type { Word } from '../../scripts/word.js';

export interface Recognised {
  commands: EsxiCommand[];
  problems: FragmentProblem[];
}

const MAX_NESTING = 3;

const ESXCLI_GLOBALS: OptionSpec[] = [
  ...['config:c', 'server:s', 'username:u', 'password:p', 'vihost:h', 'thumbprint:d'].map((pair) => {
    const [long, short] = pair.split(':') as [string, string];
    return { long, short, takesValue: true };
  }),
  ...['portnumber', 'protocol', 'url', 'sessionfile', 'savesessionfile', 'credstore', 'cacertsfile', 'formatter', 'format-param', 'passthroughauthpackage', 'encoding'].map((long) => ({ long, takesValue: true })),
  ...['debug', 'version', 'passthroughauth', 'help'].map((long) => ({ long, takesValue: false })),
];

const ADVANCED_SET: OptionSpec[] = [
  { long: 'option', short: 'o', takesValue: true },
  { long: 'int-value', short: 'i', takesValue: true },
  { long: 'string-value', short: 's', takesValue: true },
  { long: 'default', short: 'd', takesValue: false },
];
const ADVANCED_LIST: OptionSpec[] = [
  { long: 'option', short: 'o', takesValue: true },
  { long: 'delta', short: 'd', takesValue: false },
  { long: 'tree', short: 't', takesValue: true },
];
const MODULE_SET: OptionSpec[] = [
  { long: 'module', short: 'm', takesValue: true },
  { long: 'parameter-string', short: 'p', takesValue: true },
  { long: 'append', short: 'a', takesValue: false },
  { long: 'force', short: 'f', takesValue: false },
];
const PROFILE: OptionSpec[] = [
  { long: 'depot', short: 'd', takesValue: true },
  { long: 'profile', short: 'p', takesValue: true },
  { long: 'proxy', takesValue: true },
  { long: 'force', short: 'f', takesValue: false },
  ...['allow-downgrades', 'dry-run', 'maintenance-mode', 'no-hardware-warning', 'no-sig-check', 'no-live-install', 'ok-to-remove'].map((long) => ({ long, takesValue: false })),
];
const ADVCFG: OptionSpec[] = [
  { long: 'get', short: 'g', takesValue: false },
  { long: 'set', short: 's', takesValue: true },
  { long: 'default', short: 'd', takesValue: false },
  { long: 'quiet', short: 'q', takesValue: false },
  { long: 'set-kernel', short: 'k', takesValue: true },
  { long: 'get-kernel', short: 'j', takesValue: false },
  { long: 'user-var', short: 'U', takesValue: false },
  { long: 'list', short: 'l', takesValue: false },
  { long: 'add-option', short: 'A', takesValue: true },
  { long: 'add-type', short: 'T', takesValue: true },
  { long: 'add-desc', short: 'E', takesValue: true },
  { long: 'add-default', short: 'F', takesValue: true },
  { long: 'add-min', short: 'N', takesValue: true },
  { long: 'add-max', short: 'M', takesValue: true },
  { long: 'add-hidden', short: 'H', takesValue: true },
  { long: 'del-option', short: 'L', takesValue: true },
  { long: 'set-message', short: 'm', takesValue: true },
  { long: 'help', short: 'h', takesValue: false },
];
const ADVCFG_OTHER_MODES = new Set(['set-kernel', 'get-kernel', 'user-var', 'list', 'add-option', 'del-option', 'set-message', 'help']);
const VMKPING: OptionSpec[] = [
  ...['c:count', 'i:interval', 'I:interface', 'N:nexthop', 's:size', 't:ttl', 'W:timeout', 'w:deadline', 'S:netstack'].map((pair) => {
    const [short, long] = pair.split(':') as [string, string];
    return { long, short, takesValue: true };
  }),
  ...['4:ipv4', '6:ipv6', 'd:dont-fragment', 'D:debug', 'v:verbose', 'X:xml', 'h:help'].map((pair) => {
    const [short, long] = pair.split(':') as [string, string];
    return { long, short, takesValue: false };
  }),
];
const SSH_OPTIONS_WITH_VALUE = new Set('BbcDEeFIiJLlmOopQRSWw'.split(''));

const SHELL_PREFIXES = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time', 'exec', 'nohup', 'command', 'builtin', 'env', 'eval']);

function baseName(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

function spanOf(words: readonly Word[]): [number, number] {
  return [words[0]!.start, words[words.length - 1]!.end];
}

function missingValues(options: readonly OptionUse[], problems: FragmentProblem[]): void {
  for (const use of options) {
    if (use.takesValue && !use.value) problems.push({ message: `${use.flag.text} needs a value here; the command fails without one.`, start: use.flag.start, end: use.flag.end });
  }
}

function unterminated(words: readonly Word[], problems: FragmentProblem[]): void {
  for (const word of words) {
    if (word.unterminated !== undefined) {
      problems.push({ message: 'This quote is never closed, so the rest of the file becomes part of this command.', start: word.unterminated, end: word.unterminated + 1 });
    }
  }
}

/** Strips `VAR=value`, `sudo`, `then`, ... from the front of a simple command. */
function commandStart(words: readonly Word[]): number {
  let k = 0;
  while (k < words.length) {
    const text = words[k]!.text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(text) || SHELL_PREFIXES.has(text)) {
      k++;
      continue;
    }
    if (text === 'sudo') {
      k++;
      while (k < words.length && words[k]!.text.startsWith('-')) k += /^-[ugCh]$/.test(words[k]!.text) ? 2 : 1;
      continue;
    }
    break;
  }
  return k;
}

/** The head words of esxcli commands we analyse, after esxcli's own global options. */
function recogniseEsxcli(words: readonly Word[], headWord: Word, result: Recognised): void {
  let k = 0;
  while (k < words.length && words[k]!.text.startsWith('-')) {
    const text = words[k]!.text;
    const long = text.startsWith('--') ? text.slice(2).split('=')[0] : undefined;
    const spec = ESXCLI_GLOBALS.find((s) => (long !== undefined ? s.long === long : s.short === text.slice(1)));
    k += !text.includes('=') && (spec ? spec.takesValue : false) ? 2 : 1;
  }
  const ns = words.slice(k).map((w) => w.text);
  const at = (...path: string[]) => path.every((part, n) => ns[n] === part);
  const rest = (n: number) => words.slice(k + n);
  const head = (n: number) => [piece(headWord), ...words.slice(k, k + n).map((w) => piece(w))];
  const all = [headWord, ...words];
  const span = spanOf(all);

  if (at('system', 'settings', 'advanced', 'set') || at('system', 'settings', 'advanced', 'list')) {
    const isSet = ns[3] === 'set';
    const parsed = parseGnuOptions(rest(4), isSet ? ADVANCED_SET : ADVANCED_LIST);
    const command: AdvancedSettingCommand = { kind: 'advanced-setting', via: 'esxcli', action: 'get', form: 'path', span, head: head(4), options: parsed.options };
    const opt = option(parsed, 'option');
    if (opt?.value) command.option = opt.value;
    if (isSet) {
      const int = option(parsed, 'int-value');
      const str = option(parsed, 'string-value');
      const chosen = int ?? str;
      if (option(parsed, 'default')) command.action = 'default';
      else command.action = 'set';
      if (chosen) {
        command.valueFlag = { flag: chosen.flag, type: chosen === int ? 'int' : 'string' };
        if (chosen.value) command.value = chosen.value;
      }
    }
    missingValues(parsed.options, result.problems);
    result.commands.push(command);
    return;
  }
  if (at('system', 'module', 'parameters', 'set')) {
    const parsed = parseGnuOptions(rest(4), MODULE_SET);
    const command: ModuleParametersCommand = { kind: 'module-parameters', via: 'esxcli', span, head: head(4), options: parsed.options };
    const module = option(parsed, 'module')?.value;
    const parameters = option(parsed, 'parameter-string')?.value;
    if (module) command.module = module;
    if (parameters) command.parameters = parameters;
    missingValues(parsed.options, result.problems);
    result.commands.push(command);
    return;
  }
  if (at('software', 'profile') && (ns[2] === 'update' || ns[2] === 'install')) {
    const parsed = parseGnuOptions(rest(3), PROFILE);
    const command: ProfileCommand = {
      kind: 'profile',
      via: 'esxcli',
      span,
      head: head(3),
      options: parsed.options,
      action: piece(words[k + 2]!),
      depots: optionsNamed(parsed, 'depot').flatMap((o) => (o.value ? [o.value] : [])),
    };
    const profile = option(parsed, 'profile')?.value;
    const downgrades = option(parsed, 'allow-downgrades');
    if (profile) command.profile = profile;
    if (downgrades) command.allowDowngrades = downgrades.flag;
    missingValues(parsed.options, result.problems);
    result.commands.push(command);
  }
}

function recogniseAdvcfg(words: readonly Word[], headWord: Word, result: Recognised): void {
  const parsed = parseGnuOptions(words, ADVCFG);
  if (parsed.options.some((o) => ADVCFG_OTHER_MODES.has(o.name))) return;
  const set = option(parsed, 'set');
  const get = option(parsed, 'get');
  const reset = option(parsed, 'default');
  if (!set && !get && !reset) return;
  const command: AdvancedSettingCommand = {
    kind: 'advanced-setting',
    via: 'esxcfg-advcfg',
    action: set ? 'set' : reset ? 'default' : 'get',
    form: 'path',
    span: spanOf([headWord, ...words]),
    head: [piece(headWord)],
    options: parsed.options,
  };
  if (parsed.positionals[0]) command.option = parsed.positionals[0];
  if (set?.value) command.value = set.value;
  missingValues(parsed.options, result.problems);
  if (!command.option && words.length) {
    const last = words[words.length - 1]!;
    result.problems.push({ message: 'esxcfg-advcfg needs the option path (e.g. /Mem/ShareForceSalting) after its flags.', start: last.start, end: last.end });
  }
  result.commands.push(command);
}

function recogniseVmkping(words: readonly Word[], headWord: Word, result: Recognised): void {
  const parsed = parseGnuOptions(words, VMKPING);
  const size = option(parsed, 'size');
  const df = option(parsed, 'dont-fragment');
  const iface = option(parsed, 'interface');
  const command: VmkpingCommand = {
    kind: 'vmkping',
    via: 'vmkping',
    span: spanOf([headWord, ...words]),
    head: [piece(headWord)],
    options: parsed.options,
    ipv6: !!option(parsed, 'ipv6') || parsed.positionals.some((p) => p.text.includes(':')),
  };
  if (size) {
    command.sizeFlag = size.flag;
    if (size.value) command.size = size.value;
  }
  if (df) command.dontFragment = df.flag;
  if (iface?.value) command.interface = iface.value;
  if (parsed.positionals[0]) command.target = parsed.positionals[0];
  missingValues(parsed.options, result.problems);
  result.commands.push(command);
}

/** A whole command line handed to another shell as one string (`ssh host "esxcli ..."`). */
function rescan(text: string, word: Word | undefined, depth: number, result: Recognised): void {
  if (!word || depth >= MAX_NESTING) return;
  const whole = piece(word);
  if (!whole.exact || !looksLikeHostCommand(whole.text)) return;
  for (const statement of scanShell(text, whole.start, whole.end)) recogniseWords(text, statement.words, depth + 1, result);
}

const HOST_COMMAND = /^\s*(?:sudo\s+)?(?:\S*\/)?(?:esxcli|localcli|esxcfg-advcfg|vmkping)\b/;

function looksLikeHostCommand(text: string): boolean {
  return HOST_COMMAND.test(text) || /[;&|\n]\s*(?:\S*\/)?(?:esxcli|localcli|esxcfg-advcfg|vmkping)\b/.test(text);
}

/** Recognises one simple command (shell words, or the words of a PowerShell pipeline segment). */
export function recogniseWords(text: string, allWords: readonly Word[], depth: number, result: Recognised): void {
  const start = commandStart(allWords);
  const words = allWords.slice(start);
  const headWord = words[0];
  if (!headWord) return;
  const name = baseName(headWord.text);
  const args = words.slice(1);
  const before = result.commands.length;
  switch (name) {
    case 'esxcli':
    case 'esxcli.exe':
    case 'localcli':
      recogniseEsxcli(args, headWord, result);
      break;
    case 'esxcfg-advcfg':
      recogniseAdvcfg(args, headWord, result);
      break;
    case 'vmkping':
      recogniseVmkping(args, headWord, result);
      break;
    case 'ssh':
    case 'ssh.exe':
    case 'plink':
    case 'plink.exe': {
      let k = 0;
      while (k < args.length && args[k]!.text.startsWith('-')) {
        const flag = args[k]!.text;
        k += flag.length === 2 && SSH_OPTIONS_WITH_VALUE.has(flag[1]!) ? 2 : /^-(pw|P|l|i|m|hostkey|proxycmd|sercfg)$/.test(flag) ? 2 : 1;
      }
      const remote = args.slice(k + 1);
      if (remote.length === 1) rescan(text, remote[0], depth, result);
      else if (remote.length > 1 && depth < MAX_NESTING) recogniseWords(text, remote, depth + 1, result);
      break;
    }
    case 'sh':
    case 'bash':
    case 'ash': {
      const c = args.findIndex((w) => w.text === '-c');
      if (c !== -1) rescan(text, args[c + 1], depth, result);
      break;
    }
    default:
      if (/^invoke-sshcommand$/i.test(name)) {
        const parsed = parsePsParameters(args, [{ name: 'Command' }, { name: 'SessionId' }, { name: 'SSHSession' }, { name: 'Index' }, { name: 'TimeOut' }, { name: 'EnsureConnection', switch: true }]);
        const command = parsed.options.find((o) => o.name === 'Command');
        const word = command?.value ? args.find((w) => w.start <= command.value!.start && command.value!.end <= w.end) : undefined;
        rescan(text, word, depth, result);
      }
  }
  if (result.commands.length > before) unterminated(words, result.problems);
}

// ---------------------------------------------------------------------------------------------
// PowerCLI

const ADVANCED_CMDLETS: Record<string, Array<{ name: string; switch?: boolean }>> = {
  'get-advancedsetting': [{ name: 'Name' }, { name: 'Entity' }, { name: 'Server' }],
  'new-advancedsetting': [{ name: 'Name' }, { name: 'Value' }, { name: 'Entity' }, { name: 'Type' }, { name: 'Server' }, { name: 'Force', switch: true }, { name: 'Confirm', switch: true }, { name: 'WhatIf', switch: true }],
  'set-advancedsetting': [{ name: 'AdvancedSetting' }, { name: 'Value' }, { name: 'Server' }, { name: 'Confirm', switch: true }, { name: 'WhatIf', switch: true }],
};

function sourceOf(text: string, words: readonly Word[]): string {
  return words.length ? text.slice(words[0]!.start, words[words.length - 1]!.end) : '';
}

/** 'host' or 'vm' from the last object-producing cmdlet named in `source`. */
function entityKind(source: string): 'host' | 'vm' | undefined {
  let kind: 'host' | 'vm' | undefined;
  for (const match of source.matchAll(/\b(Get-VMHost|Get-VM|New-VM|Get-Template)\b|-VMHost\b/gi)) {
    kind = /vmhost/i.test(match[0]) ? 'host' : 'vm';
  }
  return kind;
}

function recognisePowerCli(text: string, statement: PsStatement, result: Recognised): void {
  const { segments } = statement;
  for (let s = 0; s < segments.length; s++) {
    const words = segments[s]!;
    const cmdlet = words[0]!.text.toLowerCase();
    if (cmdlet !== 'get-advancedsetting' && cmdlet !== 'new-advancedsetting') continue;
    const parsed = parsePsParameters(words.slice(1), ADVANCED_CMDLETS[cmdlet]!);
    const name = option(parsed, 'Name')?.value;
    const entity = option(parsed, 'Entity')?.value;
    const entityText = entity ? text.slice(entity.start, entity.end) : '';
    let kind = entityKind(entityText);
    if (!kind && entity && /^\$\w*(host|esx)\w*$/i.test(entityText)) kind = 'host';
    if (!kind && !entity) kind = entityKind(`${statement.context}\n${segments.slice(0, s).map((seg) => sourceOf(text, seg)).join(' | ')}`);
    // `$hosts | Get-AdvancedSetting ...`: a pipeline fed from a variable named for hosts.
    const feeder = s > 0 ? segments[s - 1]! : undefined;
    if (!kind && !entity && feeder?.length === 1 && /^\$\w*(host|esx)\w*$/i.test(feeder[0]!.text)) kind = 'host';
    if (!(name && !name.dynamic && isKnownHostSettingName(name.text)) && kind !== 'host') continue;

    let value: Piece | undefined;
    let valueOptions: ParsedOptions | undefined;
    if (cmdlet === 'new-advancedsetting') {
      valueOptions = parsed;
      value = option(parsed, 'Value')?.value;
    } else {
      const setter = segments.slice(s + 1).find((seg) => seg[0]!.text.toLowerCase() === 'set-advancedsetting');
      if (setter) {
        valueOptions = parsePsParameters(setter.slice(1), ADVANCED_CMDLETS['set-advancedsetting']!);
        value = option(valueOptions, 'Value')?.value;
      }
    }
    const last = segments[segments.length - 1]!;
    const command: AdvancedSettingCommand = {
      kind: 'advanced-setting',
      via: 'powercli',
      action: valueOptions ? 'set' : 'get',
      form: 'dotted',
      span: [words[0]!.start, last[last.length - 1]!.end],
      head: [piece(words[0]!)],
      options: [...parsed.options, ...(valueOptions && valueOptions !== parsed ? valueOptions.options : [])],
    };
    if (name) command.option = name;
    if (value) command.value = value;
    missingValues(command.options, result.problems);
    unterminated(segments.slice(s).flat(), result.problems);
    result.commands.push(command);
    return;
  }
}

const ESXCLI_V2 = /\.(system\.settings\.advanced\.(?:set|list)|system\.module\.parameters\.set|software\.profile\.(?:update|install))\.invoke\s*\(\s*@\{/gi;
const HASH_ENTRY = /([A-Za-z]+)\s*=\s*('(?:[^']|'')*'|"(?:[^"`]|`.)*"|[^;\s}]+)/g;

/** `$esxcli.system.settings.advanced.set.Invoke(@{option='/Mem/ShareForceSalting'; intvalue=2})` (Get-EsxCli -V2). */
function recogniseEsxcliV2(text: string, word: Word, result: Recognised): void {
  const source = text.slice(word.start, word.end);
  for (const match of source.matchAll(ESXCLI_V2)) {
    const open = word.start + match.index + match[0].length;
    const close = text.indexOf('}', open);
    if (close === -1 || close > word.end) continue;
    const entries = new Map<string, Piece>();
    const body = text.slice(open, close);
    for (const entry of body.matchAll(HASH_ENTRY)) {
      const raw = entry[2]!;
      const at = open + entry.index + entry[0].length - raw.length;
      const quoted = raw.startsWith("'") || raw.startsWith('"');
      const inner = quoted ? sourcePiece(text, at + 1, at + raw.length - 1) : sourcePiece(text, at, at + raw.length);
      inner.dynamic = raw.startsWith('$') || (raw.startsWith('"') && raw.includes('$'));
      if (/''|`/.test(inner.text)) inner.exact = false;
      entries.set(entry[1]!.toLowerCase(), inner);
    }
    const path = match[1]!.toLowerCase();
    const methodStart = word.start + match.index + 1;
    const head = [sourcePiece(text, methodStart, methodStart + match[1]!.length)];
    const span: [number, number] = [word.start, close + 1];
    if (path.startsWith('system.settings.advanced')) {
      const command: AdvancedSettingCommand = { kind: 'advanced-setting', via: 'get-esxcli', action: path.endsWith('set') ? 'set' : 'get', form: 'path', span, head, options: [] };
      const opt = entries.get('option');
      const int = entries.get('intvalue');
      const str = entries.get('stringvalue');
      if (opt) command.option = opt;
      if (entries.get('default')?.text.toLowerCase() === '$true') command.action = 'default';
      if (int ?? str) {
        command.value = (int ?? str)!;
        command.valueFlag = { flag: command.value, type: int ? 'int' : 'string' };
      }
      result.commands.push(command);
    } else if (path.startsWith('system.module')) {
      const command: ModuleParametersCommand = { kind: 'module-parameters', via: 'get-esxcli', span, head, options: [] };
      const module = entries.get('module');
      const parameters = entries.get('parameterstring');
      if (module) command.module = module;
      if (parameters) command.parameters = parameters;
      result.commands.push(command);
    } else {
      const action = path.endsWith('update') ? 'update' : 'install';
      const actionStart = methodStart + match[1]!.length - action.length;
      const command: ProfileCommand = { kind: 'profile', via: 'get-esxcli', span, head, options: [], action: sourcePiece(text, actionStart, actionStart + action.length), depots: [] };
      const depot = entries.get('depot');
      const profile = entries.get('profile');
      const downgrades = entries.get('allowdowngrades');
      if (depot) command.depots.push(depot);
      if (profile) command.profile = profile;
      if (downgrades && downgrades.text.toLowerCase() !== '$false') command.allowDowngrades = downgrades;
      result.commands.push(command);
    }
  }
}

export function recognisePowerShellStatement(text: string, statement: PsStatement, result: Recognised): void {
  const before = result.commands.length;
  recognisePowerCli(text, statement, result);
  if (result.commands.length > before) return;
  for (const segment of statement.segments) {
    recogniseWords(text, segment, 0, result);
    for (const word of segment) if (word.dynamic && /\.invoke\s*\(/i.test(word.text)) recogniseEsxcliV2(text, word, result);
  }
}
