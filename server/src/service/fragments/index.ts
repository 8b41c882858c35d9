// The fragment languages the service knows. Each entry is a FragmentLanguageSupport; adding a
// language is one folder plus one line here.
import type { FragmentLanguage, FragmentLanguageSupport } from './types.js';

export function fragmentLanguages(): ReadonlyMap<FragmentLanguage, FragmentLanguageSupport> {
  const supports: FragmentLanguageSupport[] = [];
  return new Map(supports.map((support) => [support.language, support] as const));
}
