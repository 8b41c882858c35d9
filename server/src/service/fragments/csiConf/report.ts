// Shared wording and reporting for the csi-vsphere.conf rules.
import type { FragmentRule, FragmentRuleContext } from '../types.js';
import type { ReportDescriptor, RuleMeta } from '../../rules/rule.js';
import type { CsiConf } from './model.js';

export type CsiConfRule = FragmentRule<CsiConf>;
export type CsiConfContext = FragmentRuleContext<CsiConf>;

/** What a fatal config problem does to the cluster. */
export const CRASH = 'the vsphere-csi-controller pod crash-loops at start-up and no volume is created, attached, expanded or deleted until the Secret is fixed';
/** What an ignored setting does. */
export const IGNORED = 'gcfg drops it without a word (the driver reads the file with FatalOnly), so the setting has no effect';

export function meta(fields: Omit<RuleMeta, 'category' | 'docs'> & { docs: string | string[] }): RuleMeta {
  return { ...fields, category: 'csi-vsphere.conf', docs: Array.isArray(fields.docs) ? fields.docs.join('\n') : fields.docs };
}

/** 1-based line of a fragment offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Reports a span of the conf. When the fragment cannot place it in the file (base64 `data`, a
 * quoted YAML string), the finding lands on the Secret's value, so the message names the conf line.
 */
export function report(context: CsiConfContext, span: [number, number], message: string, extra: Omit<ReportDescriptor, 'node' | 'span' | 'message'> = {}): void {
  const { fragment } = context;
  const placed = fragment.toFileOffset(span[0]) !== undefined && fragment.toFileOffset(span[1]) !== undefined;
  const where = placed ? '' : ` (line ${lineOf(fragment.text, span[0])} of the embedded csi-vsphere.conf)`;
  context.report({ ...extra, span, message: `${message}${where}` });
}

/** A did-you-mean or fix that replaces one span of the conf. */
export function replaceFix(title: string, start: number, end: number, newText: string) {
  return { title, edits: [{ start, end, newText }] };
}

/** "line N" of a fragment offset as the user sees it: in the file when mapped, else in the embedded conf. */
export function lineLabel(context: CsiConfContext, offset: number): string {
  const mapped = context.fragment.toFileOffset(offset);
  if (mapped !== undefined) return `line ${context.file.lines().positionAt(mapped).line + 1}`;
  return `line ${lineOf(context.fragment.text, offset)} of the embedded csi-vsphere.conf`;
}
