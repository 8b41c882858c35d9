// The rule contract. Each rule lives in its own file and carries its metadata as data: the same
// record feeds `--list-rules`, `--explain`, SARIF `rules[]`, the generated docs and LSP
// `codeDescription`.
import type { Document, Node, Pair } from 'yaml';
import type { ResolvedConfig } from '../config.js';
import type { K8sObject, ObjectKind, ParsedFile } from '../parse.js';
import type { Citation, Fix, FindingTag, RelatedLocation, Severity } from '../types.js';
import type { WorkspaceIndex } from '../workspaceIndex.js';

export interface RuleMeta {
  /** Stable id used in output, config and suppression comments. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule reports. */
  description: string;
  /** Why it matters: what goes wrong in the cluster. */
  why: string;
  /** Longer Markdown: examples of wrong and right, how to fix. */
  docs: string;
  citations: Citation[];
  /** Whether findings carry a safe fix that `--fix` applies. */
  fixable: boolean;
  /** Whether findings may carry did-you-mean suggestions (editor quick fixes). */
  hasSuggestions?: boolean;
  /** Groups rules in the docs. */
  category: 'StorageClass' | 'PersistentVolumeClaim' | 'Workloads' | 'Snapshots' | 'Driver objects' | 'Files' | 'csi-vsphere.conf' | 'Node VMs' | 'ESXi hosts';
}

export interface ReportDescriptor {
  message: string;
  /** What the finding is about; its span becomes the range. */
  node?: Node | null | undefined;
  /** Explicit span when no single node fits. */
  span?: [number, number];
  fix?: Fix;
  suggestions?: Fix[];
  related?: RelatedLocation[];
  tags?: FindingTag[];
  /** Overrides the rule's default severity for this finding (before config overrides). */
  severity?: Severity;
}

export interface RuleContext {
  readonly file: ParsedFile;
  readonly object: K8sObject;
  readonly doc: Document.Parsed;
  readonly config: ResolvedConfig;
  readonly index: WorkspaceIndex;
  /**
   * Scratch space shared by the rules that run on this object in this lint call, so what several
   * rules derive from the same object (its claim specs, analysed claims) is computed once. Use
   * `memoized`. Absent when a caller builds a context by hand; then nothing is shared.
   */
  readonly memo?: Map<symbol, unknown>;
  report(descriptor: ReportDescriptor): void;
}

/** A computation that threw, remembered so the next rule gets the same outcome without redoing it. */
class MemoFailure {
  constructor(readonly error: unknown) {}
}

/**
 * `compute()` once per object and lint call (see RuleContext.memo). Only for values that depend on
 * nothing but the context's object, file, config and index, and that callers do not mutate. A
 * computation that throws is not redone either: later calls throw the same error, after touching
 * the index again (in a two-phase lint the failure may have been the stand-in index's refusal,
 * which must then also defer the rule that asks now; with a real index this does nothing).
 */
export function memoized<T>(context: Pick<RuleContext, 'memo' | 'index'>, key: symbol, compute: () => T): T {
  const memo = context.memo;
  if (!memo) return compute();
  if (memo.has(key)) {
    const value = memo.get(key);
    if (value instanceof MemoFailure) {
      // Asking the index anything (the stand-in refuses every `in` check) before replaying.
      void ('storageClasses' in context.index);
      throw value.error;
    }
    return value as T;
  }
  let value: T;
  try {
    value = compute();
  } catch (error) {
    memo.set(key, new MemoFailure(error));
    throw error;
  }
  memo.set(key, value);
  return value;
}

export interface Rule {
  meta: RuleMeta;
  /** Object kinds the rule looks at. */
  kinds: readonly ObjectKind[];
  check(context: RuleContext): void;
}

/** Rules that look at the file as a whole rather than at one object (syntax, suppression). */
export interface FileRuleMeta extends RuleMeta {
  scope: 'file';
}

export type PairNode = Pair<Node, Node>;
