// Rule catalogue views for the terminal (--list-rules, --explain) and the CLI's own rule id for
// problems in `.vsphere-csi.yaml`.
import { renderRuleText, ruleDocsUrl, type RuleMeta } from '../service/index.js';
import { closestMatches } from '../service/util/similarity.js';

import { configInvalid } from '../service/rules/files/configInvalid.js';

/** The rule id the CLI reports `.vsphere-csi.yaml` problems under. */
export const CONFIG_INVALID = configInvalid;

const strip = (s: string) => s.replace(/`/g, '');

export function fixableLabel(meta: RuleMeta): string {
  return meta.fixable ? 'yes' : meta.hasSuggestions ? 'suggestions' : 'no';
}

export function listRulesTable(rules: readonly RuleMeta[]): string {
  const header = ['RULE', 'SEVERITY', 'FIXABLE', 'CATEGORY', 'DESCRIPTION'];
  const rows = rules.map((r) => [r.id, r.defaultSeverity, fixableLabel(r), r.category, strip(r.description)]);
  const widths = header.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const render = (row: string[]) => row.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  return [render(header), ...rows.map(render)].join('\n') + '\n';
}

export function listRulesJson(rules: readonly RuleMeta[]): string {
  return (
    JSON.stringify(
      rules.map((r) => ({
        id: r.id,
        defaultSeverity: r.defaultSeverity,
        fixable: r.fixable,
        hasSuggestions: r.hasSuggestions ?? false,
        category: r.category,
        description: r.description,
        docsUrl: ruleDocsUrl(r.id),
      })),
      null,
      2,
    ) + '\n'
  );
}

export type ExplainResult = { ok: true; text: string } | { ok: false; message: string };

export function explainRule(id: string, rules: readonly RuleMeta[]): ExplainResult {
  const meta = rules.find((r) => r.id === id);
  if (meta) return { ok: true, text: `${renderRuleText(meta).trimEnd()}\n\nDocs: ${ruleDocsUrl(meta.id)}\n` };
  return { ok: false, message: unknownRuleMessage(id, rules) };
}

export function unknownRuleMessage(id: string, rules: readonly RuleMeta[]): string {
  const suggestions = closestMatches(id, rules.map((r) => r.id), { ignoreCase: true, max: 1 });
  const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
  return `unknown rule "${id}".${hint} Run "vsphere-csi-lint --list-rules" to see all rules.`;
}
