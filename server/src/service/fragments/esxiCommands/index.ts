// ESXi host commands in shell scripts, PowerShell scripts and kickstart/boot.cfg files: advanced
// settings (esxcli, esxcfg-advcfg, PowerCLI on a VMHost, Get-EsxCli), module parameters, image
// profile updates, vmkping MTU tests and the systemMediaSize boot option.
import type { FileLanguage } from '../../types.js';
import { wholeFileFragmentBase } from '../../parseFile.js';
import type { ExtractedFragment, FragmentLanguageSupport } from '../types.js';
import { esxiComplete } from './complete.js';
import { esxiHover } from './hover.js';
import type { EsxiScan } from './model.js';
import { esxiCommandSyntax, esxiRules } from './rules/index.js';
import { scanEsxiCommands } from './scan/index.js';

export type { EsxiScan } from './model.js';
export { scanEsxiCommands } from './scan/index.js';

export const esxiCommandsSupport: FragmentLanguageSupport<EsxiScan> = {
  language: 'esxi-commands',
  syntaxRule: esxiCommandSyntax,
  rules: esxiRules,
  fileLanguages: ['shell', 'powershell', 'kickstart'],
  objectKinds: [],
  fromFile(text: string, language: FileLanguage): ExtractedFragment<EsxiScan>[] {
    const { scan, problems } = scanEsxiCommands(text, language);
    return [{ fragment: { ...wholeFileFragmentBase(text), language: 'esxi-commands', parsed: scan }, problems }];
  },
  hover: (fragment, offset) => esxiHover(fragment, offset),
  complete: (fragment, offset) => esxiComplete(fragment, offset),
};
