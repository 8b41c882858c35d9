// Shared pieces of the ESXi command rules.
import type { Fix } from '../../../types.js';
import type { FragmentRule, FragmentRuleContext } from '../../types.js';
import type { AdvancedSettingCommand, EsxiCommand, EsxiScan, Piece } from '../model.js';
import { hostSetting, type HostSetting } from '../knowledge.js';

export type EsxiRule = FragmentRule<EsxiScan>;
export type EsxiContext = FragmentRuleContext<EsxiScan>;

export function commandsOf<K extends EsxiCommand['kind']>(context: EsxiContext, kind: K): Array<Extract<EsxiCommand, { kind: K }>> {
  return context.fragment.parsed.commands.filter((c): c is Extract<EsxiCommand, { kind: K }> => c.kind === kind);
}

export interface SettingWrite {
  command: AdvancedSettingCommand;
  setting: HostSetting;
  option: Piece;
  /** The value, when written literally (not a variable or expression). */
  value: Piece | undefined;
}

/** Writes of a known host setting (esxcli, esxcfg-advcfg, PowerCLI, Get-EsxCli). */
export function settingWrites(context: EsxiContext, name?: string): SettingWrite[] {
  const writes: SettingWrite[] = [];
  for (const command of commandsOf(context, 'advanced-setting')) {
    if (command.action !== 'set' || !command.option || command.option.dynamic) continue;
    const setting = hostSetting(command.option.text);
    if (!setting || (name !== undefined && setting.name !== name)) continue;
    writes.push({ command, setting, option: command.option, value: command.value && !command.value.dynamic ? command.value : undefined });
  }
  return writes;
}

export function span(piece: Piece): [number, number] {
  return [piece.start, piece.end];
}

/** A fix replacing a piece's text, when its span holds exactly that text. */
export function replaceFix(title: string, piece: Piece, newText: string): Fix | undefined {
  return piece.exact ? { title, edits: [{ start: piece.start, end: piece.end, newText }] } : undefined;
}

/** `value` with PowerShell `$true`/`$false` and surrounding blanks taken off, for comparisons. */
export function valueText(piece: Piece): string {
  return piece.text.trim();
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
