// The fragment languages the service knows. Each entry is a FragmentLanguageSupport; adding a
// language is one folder plus one line here.
import type { FragmentLanguage, FragmentLanguageSupport } from './types.js';
import { csiConfSupport } from './csiConf/index.js';
import { esxiCommandsSupport } from './esxiCommands/index.js';
import { vmSettingsSupport } from './vmSettings/index.js';

export function fragmentLanguages(): ReadonlyMap<FragmentLanguage, FragmentLanguageSupport> {
  const supports: FragmentLanguageSupport[] = [csiConfSupport as FragmentLanguageSupport, esxiCommandsSupport as FragmentLanguageSupport, vmSettingsSupport as FragmentLanguageSupport];
  return new Map(supports.map((support) => [support.language, support] as const));
}
