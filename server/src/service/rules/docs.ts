// Renders rule metadata for people: `--explain`, the generated docs pages, SARIF help and hovers
// all come from here, so they never drift apart.
import { formatCitation } from '../knowledge/citations.js';
import type { RuleMeta } from './rule.js';

export const PROJECT_URL = 'https://github.com/vsphere-csi-lint/vsphere-csi-lint';

/** Where a rule's documentation page lives (docs/rules/<id>.md in the repository). */
export function ruleDocsUrl(id: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${id}.md`;
}

export function renderCitations(meta: RuleMeta): string[] {
  return meta.citations.map((c) => `- ${c.kind === 'note' ? 'Notes' : c.kind === 'driver' ? 'Driver' : 'Kubernetes'}: ${formatCitation(c)}`);
}

/** The full Markdown page for a rule. */
export function renderRuleMarkdown(meta: RuleMeta): string {
  const lines = [
    `# ${meta.id}`,
    '',
    `${meta.description}`,
    '',
    `- Default severity: **${meta.defaultSeverity}**`,
    `- Category: ${meta.category}`,
    `- Fixable: ${meta.fixable ? 'yes (`--fix`, quick fix)' : meta.hasSuggestions ? 'suggestions only (editor quick fix)' : 'no'}`,
    '',
    '## Why',
    '',
    meta.why,
    '',
    '## Details',
    '',
    meta.docs,
    '',
  ];
  const citations = renderCitations(meta);
  if (citations.length) lines.push('## Sources', '', ...citations, '');
  lines.push('## Turning it off', '', 'In `.vsphere-csi.yaml`:', '', '```yaml', 'rules:', `  ${meta.id}: off`, '```', '', 'For one line:', '', '```yaml', `# vsphere-csi-lint-disable-next-line ${meta.id} -- reason`, '```', '');
  return lines.join('\n');
}

/** Plain text for terminals (`--explain`): the Markdown minus heading and emphasis marks outside code blocks. */
export function renderRuleText(meta: RuleMeta): string {
  let inFence = false;
  return renderRuleMarkdown(meta)
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) {
        inFence = !inFence;
        return line;
      }
      return inFence ? line : line.replace(/^#+ /, '').replace(/\*\*(.+?)\*\*/g, '$1');
    })
    .join('\n');
}
