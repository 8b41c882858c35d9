// Hovers on the host commands: settings, options and values explained with the notes' sources.
import type { FragmentHover, Fragment } from '../types.js';
import { hostSetting, settingMarkdown } from './knowledge.js';
import { commandDocs, profileNameDoc } from './docs.js';
import type { EsxiCommand, EsxiScan, Piece } from './model.js';

const on = (piece: Piece | undefined, offset: number): piece is Piece => !!piece && piece.start <= offset && offset <= piece.end && piece.end > piece.start;
const hover = (contents: string, piece: Piece): FragmentHover => ({ contents, span: [piece.start, piece.end] });

function commandHover(command: EsxiCommand, offset: number): FragmentHover | undefined {
  switch (command.kind) {
    case 'advanced-setting': {
      const setting = command.option && !command.option.dynamic ? hostSetting(command.option.text) : undefined;
      if (setting && on(command.option, offset)) return hover(settingMarkdown(setting), command.option);
      if (setting && on(command.value, offset)) {
        const meaning = setting.values?.find((v) => v.value === command.value!.text.trim());
        return hover(`${meaning ? `\`${meaning.value}\`: ${meaning.meaning}\n\n---\n\n` : ''}${settingMarkdown(setting)}`, command.value);
      }
      const head = command.head.find((p) => on(p, offset));
      if (head) {
        const doc = command.via === 'esxcfg-advcfg' ? commandDocs.advcfg : command.via === 'powercli' ? commandDocs.powercli : command.head.some((p) => p.text.endsWith('list')) ? commandDocs.advancedList : commandDocs.advancedSet;
        return { contents: doc, span: [command.head[0]!.start, command.head[command.head.length - 1]!.end] };
      }
      return undefined;
    }
    case 'module-parameters': {
      if (on(command.module, offset) && command.module.text.trim().toLowerCase() === 'i40en') return hover(commandDocs.i40en, command.module);
      if (on(command.parameters, offset) && command.parameters.text.includes('LLDP=')) return hover(commandDocs.lldp, command.parameters);
      const head = command.head.find((p) => on(p, offset));
      return head ? { contents: commandDocs.moduleParameters, span: [command.head[0]!.start, command.head[command.head.length - 1]!.end] } : undefined;
    }
    case 'profile': {
      if (on(command.profile, offset)) {
        const doc = profileNameDoc(command.profile.text);
        return hover(doc ?? commandDocs.profile, command.profile);
      }
      const depot = command.depots.find((d) => on(d, offset));
      if (depot) return hover(commandDocs.depot, depot);
      if (on(command.allowDowngrades, offset)) return hover(commandDocs.allowDowngrades, command.allowDowngrades);
      const head = command.head.find((p) => on(p, offset)) ?? (on(command.action, offset) ? command.action : undefined);
      return head ? { contents: commandDocs.profile, span: [command.head[0]!.start, Math.max(command.head[command.head.length - 1]!.end, command.action.end)] } : undefined;
    }
    case 'vmkping': {
      if (on(command.size, offset)) return hover(commandDocs.pingSize, command.size);
      if (on(command.sizeFlag, offset)) return hover(commandDocs.pingSize, command.sizeFlag);
      if (on(command.dontFragment, offset)) return hover(commandDocs.dontFragment, command.dontFragment);
      if (on(command.interface, offset)) return hover(commandDocs.pingInterface, command.interface);
      const flag = command.options.find((o) => o.name === 'interface' && on(o.flag, offset));
      if (flag) return hover(commandDocs.pingInterface, flag.flag);
      return on(command.head[0], offset) ? hover(commandDocs.vmkping, command.head[0]) : undefined;
    }
    case 'boot-option':
      if (on(command.name, offset)) return hover(commandDocs.systemMediaSize, command.name);
      if (on(command.value, offset)) return hover(commandDocs.systemMediaSize, command.value);
      return undefined;
  }
}

export function esxiHover(fragment: Fragment<EsxiScan>, offset: number): FragmentHover | undefined {
  for (const command of fragment.parsed.commands) {
    if (offset < command.span[0] || offset > command.span[1]) continue;
    const found = commandHover(command, offset);
    if (found) return found;
  }
  return undefined;
}
