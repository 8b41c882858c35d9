// The data the ESXi command scanner produces: words with a per-character map back to the source,
// and the few host commands we recognise. Everything else in a script never becomes a command.
import type { FileLanguage } from '../../types.js';
import type { Word } from '../scripts/word.js';

/** A part of a word with the source span that holds it. */
export interface Piece {
  text: string;
  start: number;
  end: number;
  /** The span holds exactly `text`, character for character: edits inside it are safe. */
  exact: boolean;
  dynamic: boolean;
}

/** The piece of `word` from character `from` to `to` of its text. */
export function piece(word: Word, from = 0, to = word.text.length): Piece {
  const text = word.text.slice(from, to);
  if (text.length === 0) {
    const at = from < word.offsets.length ? word.offsets[from]! : from > 0 ? word.offsets[from - 1]! + 1 : emptyWordPosition(word);
    return { text, start: at, end: at, exact: true, dynamic: word.dynamic };
  }
  let exact = true;
  for (let k = from + 1; k < to; k++) {
    if (word.offsets[k] !== word.offsets[k - 1]! + 1) {
      exact = false;
      break;
    }
  }
  return exact
    ? { text, start: word.offsets[from]!, end: word.offsets[to - 1]! + 1, exact, dynamic: word.dynamic }
    : { text, start: word.start, end: word.end, exact, dynamic: word.dynamic };
}

/** Where the (empty) text of a word like `""` sits: inside its quotes. */
function emptyWordPosition(word: Word): number {
  return word.end - word.start >= 2 ? word.start + 1 : word.start;
}

/** A piece built directly from source text (boot options, hashtable values). */
export function sourcePiece(text: string, start: number, end: number, dynamic = false): Piece {
  return { text: text.slice(start, end), start, end, exact: true, dynamic };
}

/** An option of a command line as written: `-o value`, `--option=value`, `-Name value`, a flag. */
export interface OptionUse {
  /** The option as written (`-o`, `--option`, `-Name`). */
  flag: Piece;
  /** The canonical option name (`option`, `int-value`, `Name`). */
  name: string;
  value?: Piece;
  /** Whether the option takes a value. */
  takesValue: boolean;
}

export type Via = 'esxcli' | 'esxcfg-advcfg' | 'powercli' | 'get-esxcli' | 'vmkping' | 'kernelopt';

interface CommandBase {
  /** Source span of the command (its first to its last word). */
  span: [number, number];
  /** The words that name the command (`esxcli system settings advanced set`, `vmkping`). */
  head: Piece[];
  options: OptionUse[];
  via: Via;
}

export interface AdvancedSettingCommand extends CommandBase {
  kind: 'advanced-setting';
  /** set: a value is written; get: read or listed; default: reset to the default. */
  action: 'set' | 'get' | 'default';
  /** The setting as written: a path (`/Mem/ShareForceSalting`) or a dotted name (`Mem.ShareForceSalting`). */
  option?: Piece;
  /** The form the tool expects. */
  form: 'path' | 'dotted';
  value?: Piece;
  /** For esxcli: `-i`/`--int-value` or `-s`/`--string-value`; the value's declared type. */
  valueFlag?: { flag: Piece; type: 'int' | 'string' };
}

export interface ModuleParametersCommand extends CommandBase {
  kind: 'module-parameters';
  module?: Piece;
  /** The parameter string (`LLDP=0,0,0,0 RSS=4`). */
  parameters?: Piece;
}

export interface ProfileCommand extends CommandBase {
  kind: 'profile';
  /** `update` or `install`. */
  action: Piece;
  depots: Piece[];
  profile?: Piece;
  allowDowngrades?: Piece;
}

export interface VmkpingCommand extends CommandBase {
  kind: 'vmkping';
  size?: Piece;
  sizeFlag?: Piece;
  dontFragment?: Piece;
  ipv6: boolean;
  interface?: Piece;
  target?: Piece;
}

export interface BootOptionCommand extends CommandBase {
  kind: 'boot-option';
  /** The option name (`systemMediaSize`). */
  name: Piece;
  value?: Piece;
}

export type EsxiCommand = AdvancedSettingCommand | ModuleParametersCommand | ProfileCommand | VmkpingCommand | BootOptionCommand;

/** What the scanner found in one file. */
export interface EsxiScan {
  language: FileLanguage;
  commands: EsxiCommand[];
}
