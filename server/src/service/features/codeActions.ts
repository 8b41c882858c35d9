// Code actions: each finding's safe fix (preferred) and its suggestions as quick fixes, "disable
// this rule for this line" (a suppression comment above the line, with its indentation), and
// `source.fixAll.vsphere-csi`: every safe fix at once with the semantics of the service's
// applyFixes (never a suppression). Edits are offsets into the text; the caller makes ranges.
import type { LanguageService } from '../index.js';
import type { Finding, TextEdit } from '../types.js';
import { insertCommentAbove } from '../yaml/edits.js';

export const FIX_ALL_KIND = 'source.fixAll.vsphere-csi';
export const QUICK_FIX_KIND = 'quickfix';

export interface CodeActionData {
  title: string;
  kind: typeof QUICK_FIX_KIND | typeof FIX_ALL_KIND;
  edits: TextEdit[];
  /** The findings the action addresses. */
  findings: Finding[];
  isPreferred?: boolean;
}

export interface CodeActionContext {
  uri: string;
  text: string;
  /** All findings of the document. */
  findings: readonly Finding[];
  /** The range the editor asks about (offsets). */
  start: number;
  end: number;
  /** Kinds asked for (prefix match, as LSP `only`); all when absent. */
  only?: readonly string[];
  applyFixes: LanguageService['applyFixes'];
  /** The rule id of unused-suppression findings (no "disable" for those). */
  unusedSuppressionRule?: string;
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function overlaps(finding: Finding, start: number, end: number): boolean {
  return finding.start <= end && start <= Math.max(finding.end, finding.start);
}

/** The suppression comment for a rule on the line of `offset`. */
export function disableLineEdit(text: string, offset: number, ruleId: string): TextEdit {
  return insertCommentAbove(text, offset, `vsphere-csi-lint-disable-next-line ${ruleId} -- reason`);
}

/** Edits of every safe fix that applies in one pass, as applyFixes would apply them. */
export function fixAllEdits(context: Pick<CodeActionContext, 'uri' | 'text' | 'findings' | 'applyFixes'>): { edits: TextEdit[]; findings: Finding[] } {
  const result = context.applyFixes(context.uri, context.text, context.findings);
  if (!result.safe || result.applied.length === 0) return { edits: [], findings: [] };
  return { edits: result.applied.flatMap((f) => f.fix!.edits), findings: result.applied };
}

export function codeActions(context: CodeActionContext): CodeActionData[] {
  const out: CodeActionData[] = [];
  if (wanted(QUICK_FIX_KIND, context.only)) {
    const here = context.findings.filter((f) => overlaps(f, context.start, context.end));
    const disabled = new Set<string>();
    for (const finding of here) {
      if (finding.fix) out.push({ title: finding.fix.title, kind: QUICK_FIX_KIND, edits: finding.fix.edits, findings: [finding], isPreferred: true });
      for (const suggestion of finding.suggestions ?? []) out.push({ title: suggestion.title, kind: QUICK_FIX_KIND, edits: suggestion.edits, findings: [finding] });
    }
    for (const finding of here) {
      if (finding.ruleId === context.unusedSuppressionRule) continue;
      const lineStart = context.text.lastIndexOf('\n', finding.start - 1) + 1;
      const key = `${finding.ruleId}@${lineStart}`;
      if (disabled.has(key)) continue;
      disabled.add(key);
      out.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: QUICK_FIX_KIND,
        edits: [disableLineEdit(context.text, finding.start, finding.ruleId)],
        findings: [finding],
      });
    }
  }
  if (wanted(FIX_ALL_KIND, context.only)) {
    const all = fixAllEdits(context);
    if (all.edits.length > 0) out.push({ title: 'Fix all auto-fixable vSphere CSI problems', kind: FIX_ALL_KIND, edits: all.edits, findings: all.findings });
  }
  return out;
}
