// Completion inside host commands: setting names after esxcli -o / esxcfg-advcfg / PowerCLI -Name,
// known values of those settings, systemMediaSize values, vmkping payload sizes, i40en LLDP lists.
import type { Fragment, FragmentCompletion } from '../types.js';
import { HOST_SETTINGS, PING_HEADERS, SYSTEM_MEDIA_SIZES, hostSetting, pathName, settingMarkdown } from './knowledge.js';
import { commandDocs } from './docs.js';
import type { EsxiCommand, EsxiScan, OptionUse, Piece } from './model.js';

type Slot = [number, number];

/** The span to replace when `offset` is in `piece`, or right after `after` with only blanks between. */
function slot(text: string, offset: number, piece: Piece | undefined, after: Piece | undefined): Slot | undefined {
  if (piece && piece.exact && piece.start <= offset && offset <= piece.end) return [piece.start, piece.end];
  if (!piece && after && offset > after.end && /^[ \t]+$/.test(text.slice(after.end, offset))) return [offset, offset];
  return undefined;
}

function optionSlot(text: string, offset: number, use: OptionUse | undefined): Slot | undefined {
  return use ? slot(text, offset, use.value, use.flag) : undefined;
}

function settingNames(command: Extract<EsxiCommand, { kind: 'advanced-setting' }>, replace: Slot): FragmentCompletion[] {
  return HOST_SETTINGS.map((s) => {
    const label = command.form === 'path' ? pathName(s.name) : s.name;
    return { label, kind: 'key' as const, detail: `ESXi host setting (${s.type})`, documentation: settingMarkdown(s), replace };
  });
}

function lastPiece(command: EsxiCommand): Piece {
  const pieces = [...command.head, ...command.options.flatMap((o) => (o.value ? [o.flag, o.value] : [o.flag]))];
  return pieces.reduce((a, b) => (b.end > a.end ? b : a));
}

function completeCommand(text: string, command: EsxiCommand, offset: number): FragmentCompletion[] {
  switch (command.kind) {
    case 'advanced-setting': {
      const nameUse = command.options.find((o) => o.name === 'option' || o.name === 'Name');
      let names: Slot | undefined = optionSlot(text, offset, nameUse);
      if (!names && command.via === 'esxcfg-advcfg') names = slot(text, offset, command.option, command.option ? undefined : lastPiece(command));
      if (names) return settingNames(command, names);
      const setting = command.option ? hostSetting(command.option.text) : undefined;
      if (!setting?.values) return [];
      const valueUse = command.options.find((o) => o.value === command.value || (!o.value && ['int-value', 'string-value', 'set', 'Value'].includes(o.name)));
      const values = valueUse ? optionSlot(text, offset, valueUse) : undefined;
      if (!values) return [];
      return setting.values.map((v) => ({ label: v.value, kind: 'value' as const, detail: setting.name, documentation: v.meaning, replace: values }));
    }
    case 'boot-option': {
      if (!command.value || offset < command.value.start || offset > command.value.end) return [];
      const replace: Slot = [command.value.start, command.value.end];
      return SYSTEM_MEDIA_SIZES.map((s) => ({ label: s.value, kind: 'value' as const, detail: s.meaning, documentation: commandDocs.systemMediaSize, replace }));
    }
    case 'vmkping': {
      const size = optionSlot(text, offset, command.options.find((o) => o.name === 'size'));
      if (!size) return [];
      return [1500, 1600, 9000].map((mtu) => ({
        label: String(mtu - PING_HEADERS),
        kind: 'value' as const,
        detail: `fills a ${mtu}-byte MTU`,
        documentation: commandDocs.pingSize,
        replace: size,
      }));
    }
    case 'module-parameters': {
      if (command.module?.text.trim().toLowerCase() !== 'i40en') return [];
      const params = optionSlot(text, offset, command.options.find((o) => o.name === 'parameter-string'));
      if (!params) return [];
      return ['LLDP=0,0', 'LLDP=0,0,0,0'].map((label) => ({ label, kind: 'value' as const, detail: `LLDP agent off on ${label.split(',').length} ports`, documentation: commandDocs.lldp, replace: params }));
    }
    default:
      return [];
  }
}

export function esxiComplete(fragment: Fragment<EsxiScan>, offset: number): FragmentCompletion[] {
  const text = fragment.text;
  for (const command of fragment.parsed.commands) {
    if (offset < command.span[0]) continue;
    if (offset > command.span[1] && !/^[ \t]*$/.test(text.slice(command.span[1], offset))) continue;
    const items = completeCommand(text, command, offset);
    if (items.length) return items;
  }
  return [];
}
