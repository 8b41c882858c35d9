// Hovers on node VM settings: what the key does, what it means for the CSI driver, and where the
// facts come from (the notes' posts, the driver, Cluster API).
import { formatCitation } from '../../knowledge/citations.js';
import type { Fragment, FragmentHover } from '../types.js';
import { keyDoc, type KeyDoc } from './knowledge.js';
import type { VmSettings } from './model.js';

export function renderKeyDoc(doc: KeyDoc, key: string): string {
  const lines = [`**\`${key}\`**${doc.title !== key ? ` (${doc.title})` : ''}`, '', ...doc.text.flatMap((p) => [p, ''])];
  if (doc.citations.length) {
    lines.push('Sources:');
    for (const citation of doc.citations) lines.push(`- ${citation.kind === 'note' ? 'Notes' : citation.kind === 'driver' ? 'Driver' : 'Kubernetes'}: ${formatCitation(citation)}`);
  }
  return lines.join('\n').trimEnd();
}

export function hoverVmSettings(fragment: Fragment<VmSettings>, offset: number): FragmentHover | undefined {
  for (const entry of fragment.parsed.entries) {
    const onKey = offset >= entry.keySpan[0] && offset <= entry.keySpan[1];
    const onValue = offset >= entry.valueSpan[0] && offset <= entry.valueSpan[1];
    if (!onKey && !onValue) continue;
    const doc = keyDoc(entry.key);
    if (!doc) return undefined;
    return { contents: renderKeyDoc(doc, entry.key), span: onKey ? entry.keySpan : entry.valueSpan };
  }
  return undefined;
}
