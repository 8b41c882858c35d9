// Shared by the examples/ tests: each broken example names, in its header comment, the rules it
// must show ("# Expect: rule-id, ...").
import { service } from './lint.js';

/** Rule ids named in the leading comment block from the "Expect:" line on. */
export function expectedRules(text: string): string[] {
  const header: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    header.push(line);
  }
  const from = header.findIndex((line) => line.includes('Expect:'));
  if (from === -1) throw new Error('broken example without an "# Expect:" line in its header');
  const words = header.slice(from).join(' ').match(/[a-z0-9]+(?:-[a-z0-9]+)+/g) ?? [];
  return [...new Set(words.filter((word) => service.registry.isKnownRule(word)))].sort();
}
