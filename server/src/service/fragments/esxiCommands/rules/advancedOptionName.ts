import type { Fix } from '../../../types.js';
import { editDistance } from '../../../util/similarity.js';
import { DOTTED_FORM, HOST_SETTINGS, PATH_FORM, cite, dottedName, hostSetting, pathName, posts } from '../knowledge.js';
import type { AdvancedSettingCommand } from '../model.js';
import { code, commandsOf, replaceFix, span, type EsxiRule } from './helpers.js';

const RELATIVE_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)+$/;

function tool(command: AdvancedSettingCommand): string {
  switch (command.via) {
    case 'esxcli':
      return 'esxcli `-o`/`--option`';
    case 'get-esxcli':
      return 'Get-EsxCli `option`';
    case 'esxcfg-advcfg':
      return 'esxcfg-advcfg';
    default:
      return 'PowerCLI `-Name`';
  }
}

/** Known settings a written name is probably a typo of. */
function nearMisses(written: string): string[] {
  const name = dottedName(written).toLowerCase();
  const last = name.slice(name.lastIndexOf('.') + 1);
  return HOST_SETTINGS.filter((s) => {
    const known = s.name.toLowerCase();
    const knownLast = known.slice(known.lastIndexOf('.') + 1);
    // One or two letters off, the right name in the wrong group, or the name cut short.
    return editDistance(name, known) <= 2 || knownLast === last || (last.length >= 6 && knownLast.startsWith(last) && known.startsWith(name.slice(0, name.lastIndexOf('.') + 1)));
  }).map((s) => s.name);
}

export const advancedOptionName: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-advanced-option-name',
    defaultSeverity: 'error',
    category: 'ESXi hosts',
    description: 'A host advanced setting written in the wrong form for its tool (a dotted name after esxcli `-o`, a path after PowerCLI `-Name`), or a name one typo away from a known setting.',
    why: 'esxcli and esxcfg-advcfg address settings by path (`/Mem/ShareForceSalting`), PowerCLI by dotted name (`Mem.ShareForceSalting`); a name in the other form, or misspelt, is not found and the setting is never changed.',
    docs: [
      '```sh',
      '# wrong',
      'esxcli system settings advanced set -o Mem.ShareForceSalting -i 2',
      '# right',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2',
      'esxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy',
      '```',
      '',
      '```powershell',
      'Get-VMHost esx01* | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value 2 -Confirm:$false',
      '```',
      '',
      'The wrong form is an error with a fix. A name that is not one of the settings the notes discuss is reported only when it is one or two letters away from one of them (a warning with did-you-mean suggestions), because ESXi has hundreds of other settings this linter does not know.',
    ].join('\n'),
    citations: [
      cite(posts.psp, 'Reads the setting with esxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy: the option path form /Group/Name.'),
      cite(posts.tps, 'Names the host option Mem.ShareForceSalting, the dotted form PowerCLI uses.'),
    ],
    fixable: true,
    hasSuggestions: true,
  },
  check(context) {
    for (const command of commandsOf(context, 'advanced-setting')) {
      const option = command.option;
      if (!option || option.dynamic) continue;
      const written = option.text.trim();
      if (written === '') {
        context.report({ span: span(option), message: `The setting name after ${tool(command)} is empty.` });
        continue;
      }
      const wantsPath = command.form === 'path';
      const goodForm = wantsPath ? PATH_FORM.test(written) : DOTTED_FORM.test(written);
      if (!goodForm) {
        let corrected: string | undefined;
        if (wantsPath && DOTTED_FORM.test(written)) corrected = pathName(written);
        else if (wantsPath && RELATIVE_PATH.test(written)) corrected = `/${written}`;
        else if (!wantsPath && PATH_FORM.test(written)) corrected = dottedName(written);
        const expected = wantsPath ? 'a path such as /Mem/ShareForceSalting' : 'a dotted name such as Mem.ShareForceSalting';
        const fix = corrected && written === option.text ? replaceFix(`Write ${corrected}`, option, corrected) : undefined;
        context.report({
          span: span(option),
          message: `${tool(command)} takes ${expected}; ${code(written)} is not found, so the setting is not changed.${corrected ? ` Write ${code(corrected)}.` : ''}`,
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      if (hostSetting(written)) continue;
      const candidates = nearMisses(written);
      if (!candidates.length) continue;
      const suggestions = candidates
        .map((name) => replaceFix(`Change to ${wantsPath ? pathName(name) : name}`, option, wantsPath ? pathName(name) : name))
        .filter((f): f is Fix => f !== undefined);
      context.report({
        span: span(option),
        severity: 'warning',
        message: `${code(written)} is not a host setting the notes know; did you mean ${candidates.map((c) => code(wantsPath ? pathName(c) : c)).join(' or ')}? A misspelt name is rejected and nothing changes.`,
        suggestions,
      });
    }
  },
};
