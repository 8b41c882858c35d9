import { cite, isInteger, posts } from '../knowledge.js';
import { code, commandsOf, replaceFix, span, valueText, type EsxiRule } from './helpers.js';
import { hostSetting } from '../knowledge.js';

const SWAP: Record<string, string> = { '-s': '-i', '-i': '-s', '--string-value': '--int-value', '--int-value': '--string-value' };

export const advancedValueType: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-advanced-value-type',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: 'An advanced setting written with the wrong value type: esxcli `-s` (string) for an integer setting or `-i` for a string setting, a non-number after `-i`, or no value at all.',
    why: 'esxcli checks the value against the setting’s type and rejects a mismatch, so the host keeps its old value.',
    docs: [
      '```sh',
      '# wrong: Mem.ShareForceSalting is an integer setting',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -s 2',
      '# right',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2',
      'esxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation -s /vmfs/volumes/datastore1/.locker-esx01',
      '```',
      '',
      'The `-i`/`-s` split is how esxcli works (general ESXi knowledge; the notes show `-i` for Mem.ShareForceSalting and a path for the scratch location). Types are known only for the settings the notes discuss.',
    ].join('\n'),
    citations: [cite(posts.tps, 'Mem.ShareForceSalting takes the integers 0, 1 and 2.'), cite(posts.bootMedia, 'ScratchConfig.ConfiguredScratchLocation takes a location (a directory path).')],
    fixable: true,
  },
  check(context) {
    for (const command of commandsOf(context, 'advanced-setting')) {
      if (command.action !== 'set') continue;
      const setting = command.option && !command.option.dynamic ? hostSetting(command.option.text) : undefined;
      const value = command.value && !command.value.dynamic ? command.value : undefined;
      if (command.via === 'esxcli' || command.via === 'get-esxcli') {
        if (!command.valueFlag) {
          if (command.via === 'esxcli') {
            const verb = command.head[command.head.length - 1]!;
            context.report({ span: span(verb), message: 'esxcli system settings advanced set needs a value: -i/--int-value for numbers, -s/--string-value for text (or -d to reset the default).' });
          }
          continue;
        }
        const { flag, type } = command.valueFlag;
        if (type === 'int' && value && !isInteger(valueText(value))) {
          context.report({ span: span(value), message: `-i/--int-value takes a whole number; ${code(valueText(value))} is rejected.${setting?.type === 'string' ? ` ${setting.name} is a string setting: use -s.` : ''}` });
          continue;
        }
        if (!setting || setting.type === type) continue;
        const swapped = SWAP[flag.text];
        const fix = command.via === 'esxcli' && swapped && (setting.type === 'string' || (value && isInteger(valueText(value)))) ? replaceFix(`Use ${swapped}`, flag, swapped) : undefined;
        context.report({
          span: span(flag),
          message:
            setting.type === 'int'
              ? `${setting.name} is an integer setting: esxcli rejects a string value (${code(flag.text)}); use -i/--int-value.`
              : `${setting.name} is a string setting: esxcli rejects an integer value (${code(flag.text)}); use -s/--string-value.`,
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      if (setting?.type === 'int' && value) {
        const text = valueText(value);
        if (!isInteger(text) && !/^\$(true|false)$/i.test(text)) {
          context.report({ span: span(value), message: `${setting.name} is an integer setting; ${code(text)} is not a whole number and is rejected.` });
        }
      }
    }
  },
};
