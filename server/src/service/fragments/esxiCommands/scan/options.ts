// Option parsing for the command lines we recognise: GNU style (`-o value`, `--option=value`,
// short clusters such as `-ds 8972`) and PowerShell style (`-Name value`, `-Name:value`,
// case-insensitive unambiguous prefixes).
import type { Word } from '../../scripts/word.js';
import { piece, type OptionUse, type Piece } from '../model.js';

export interface OptionSpec {
  long: string;
  short?: string;
  takesValue: boolean;
}

export interface ParsedOptions {
  options: OptionUse[];
  positionals: Piece[];
}

const NUMBER = /^-\d+(\.\d+)?$/;

export function parseGnuOptions(words: readonly Word[], specs: readonly OptionSpec[]): ParsedOptions {
  const options: OptionUse[] = [];
  const positionals: Piece[] = [];
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    const text = word.text;
    if (text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const name = text.slice(2, eq === -1 ? undefined : eq);
      const spec = specs.find((s) => s.long === name);
      const takesValue = spec ? spec.takesValue : eq !== -1;
      const use: OptionUse = { flag: piece(word, 0, eq === -1 ? text.length : eq), name, takesValue };
      if (eq !== -1) use.value = piece(word, eq + 1);
      else if (takesValue && k + 1 < words.length) use.value = piece(words[++k]!);
      options.push(use);
      continue;
    }
    if (text.startsWith('++')) {
      options.push({ flag: piece(word), name: text.slice(2).split('=')[0]!, takesValue: false });
      continue;
    }
    if (text.startsWith('-') && text.length > 1 && !NUMBER.test(text)) {
      for (let c = 1; c < text.length; c++) {
        const letter = text[c]!;
        const spec = specs.find((s) => s.short === letter);
        const name = spec?.long ?? letter;
        const flag = c === 1 ? piece(word, 0, 2) : piece(word, c, c + 1);
        if (spec?.takesValue) {
          const use: OptionUse = { flag, name, takesValue: true };
          if (c + 1 < text.length) use.value = piece(word, c + 1);
          else if (k + 1 < words.length) use.value = piece(words[++k]!);
          options.push(use);
          break;
        }
        options.push({ flag, name, takesValue: false });
      }
      continue;
    }
    positionals.push(piece(word));
  }
  return { options, positionals };
}

export interface PsParameter {
  name: string;
  switch?: boolean;
}

/** PowerShell parameters: `-Name value`, `-Name:value`, switches; names match case-insensitively by unambiguous prefix. */
export function parsePsParameters(words: readonly Word[], params: readonly PsParameter[]): ParsedOptions {
  const options: OptionUse[] = [];
  const positionals: Piece[] = [];
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    const text = word.text;
    if (!/^-[A-Za-z]/.test(text) || word.text !== wordSource(word)) {
      positionals.push(piece(word));
      continue;
    }
    const colon = text.indexOf(':');
    const written = text.slice(1, colon === -1 ? undefined : colon).toLowerCase();
    const exact = params.find((p) => p.name.toLowerCase() === written);
    const byPrefix = params.filter((p) => p.name.toLowerCase().startsWith(written));
    const spec = exact ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
    const name = spec?.name ?? text.slice(1, colon === -1 ? undefined : colon);
    const takesValue = spec ? !spec.switch : colon !== -1;
    const use: OptionUse = { flag: piece(word, 0, colon === -1 ? text.length : colon), name, takesValue };
    if (colon !== -1) use.value = piece(word, colon + 1);
    else if (takesValue && k + 1 < words.length && !/^-[A-Za-z]/.test(words[k + 1]!.text)) use.value = piece(words[++k]!);
    options.push(use);
  }
  return { options, positionals };
}

/** The word's characters as they appear in the source when it has no quotes or escapes (else ''). */
function wordSource(word: Word): string {
  const whole = piece(word);
  return whole.exact && whole.start === word.start && whole.end === word.end ? word.text : '';
}

export function option(parsed: ParsedOptions, name: string): OptionUse | undefined {
  return parsed.options.find((o) => o.name === name);
}

export function optionsNamed(parsed: ParsedOptions, name: string): OptionUse[] {
  return parsed.options.filter((o) => o.name === name);
}
