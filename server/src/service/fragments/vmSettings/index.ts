// Node VM settings as a fragment language: .vmx files, Cluster API customVMXKeys, and govc /
// PowerCLI lines in scripts, read into one model (model.ts) that the rules in rules/ check.
import type { FileLanguage } from '../../types.js';
import { wholeFileFragmentBase } from '../../parseFile.js';
import type { ExtractedFragment, FragmentLanguageSupport } from '../types.js';
import { completeVmSettings } from './complete.js';
import { hoverVmSettings } from './hover.js';
import type { VmSettings } from './model.js';
import { parseCapv } from './parseCapv.js';
import { parseGovc } from './parseGovc.js';
import { parsePowerCli } from './parsePowerCli.js';
import { parseVmx } from './parseVmx.js';
import { vmSettingsRules } from './rules/index.js';
import { vmSyntax } from './syntaxRule.js';

function fromFile(text: string, language: FileLanguage): ExtractedFragment<VmSettings>[] {
  if (language === 'vmx') {
    const { settings, problems } = parseVmx(text);
    return [{ fragment: { language: 'vm-settings', ...wholeFileFragmentBase(text), parsed: settings }, problems }];
  }
  const parsed = language === 'shell' ? parseGovc(text) : language === 'powershell' ? parsePowerCli(text) : undefined;
  if (!parsed || (parsed.entries.length === 0 && parsed.problems.length === 0)) return [];
  const first = parsed.entries[0];
  const settings: VmSettings = {
    source: language === 'shell' ? 'govc' : 'powercli',
    entries: parsed.entries,
    complete: false,
    anchor: first ? first.keySpan : [parsed.problems[0]!.start, parsed.problems[0]!.end],
  };
  return [{ fragment: { language: 'vm-settings', ...wholeFileFragmentBase(text), anchor: settings.anchor, parsed: settings }, problems: parsed.problems }];
}

export const vmSettingsSupport: FragmentLanguageSupport<VmSettings> = {
  language: 'vm-settings',
  syntaxRule: vmSyntax,
  rules: vmSettingsRules,
  fileLanguages: ['vmx', 'shell', 'powershell'],
  objectKinds: ['VSphereMachineTemplate', 'VSphereVM'],
  fromFile,
  fromObject(object, fileText) {
    const parsed = parseCapv(object, fileText);
    if (!parsed) return [];
    return [
      {
        fragment: { language: 'vm-settings', ...wholeFileFragmentBase(fileText), anchor: parsed.settings.anchor, owner: object, parsed: parsed.settings },
        problems: parsed.problems,
      },
    ];
  },
  hover: (fragment, offset) => hoverVmSettings(fragment, offset),
  complete: (fragment, offset) => completeVmSettings(fragment, offset),
};
