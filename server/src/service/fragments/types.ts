// Fragments: configuration that is not a Kubernetes object but lives in (or beside) the files we
// lint — the driver's csi-vsphere.conf (a file of its own, or embedded in the Secret
// vsphere-config-secret), node VM settings (.vmx files, Cluster API customVMXKeys, govc and
// PowerCLI lines) and ESXi host commands in scripts and kickstart files. Each fragment language
// has a parser, rules and (optionally) hover and completion, registered in fragments/index.ts.
import type { ResolvedConfig } from '../config.js';
import type { K8sObject, ObjectKind, ParsedFile } from '../parse.js';
import type { ReportDescriptor, RuleMeta } from '../rules/rule.js';
import type { FileLanguage } from '../types.js';
import type { WorkspaceIndex } from '../workspaceIndex.js';

export type FragmentLanguage = 'csi-conf' | 'vm-settings' | 'esxi-commands';

export interface FragmentProblem {
  message: string;
  /** Offsets in the fragment's text. */
  start: number;
  end: number;
}

export interface Fragment<T = unknown> {
  language: FragmentLanguage;
  /** The fragment's own text: the whole file, or the decoded embedded string. */
  text: string;
  /**
   * Maps an offset in `text` to an offset in the file, or undefined where there is no exact
   * counterpart (e.g. base64 data); findings then fall back to `anchor`.
   */
  toFileOffset(offset: number): number | undefined;
  /** Where findings go when an offset cannot be mapped (the YAML value holding the fragment). */
  anchor: [number, number];
  /** Whether fix edits may be applied (they must map exactly and stay on one line when embedded). */
  editable: boolean;
  /** Set when the fragment is embedded in YAML: the object that holds it. */
  owner?: K8sObject;
  parsed: T;
}

export interface FragmentRuleContext<T> {
  readonly file: ParsedFile;
  readonly fragment: Fragment<T>;
  readonly config: ResolvedConfig;
  readonly index: WorkspaceIndex;
  /** Spans and fix edits are in fragment offsets; the analyzer maps them onto the file. */
  report(descriptor: Omit<ReportDescriptor, 'node'> & { span: [number, number] }): void;
}

export interface FragmentRule<T = unknown> {
  meta: RuleMeta;
  fragment: FragmentLanguage;
  check(context: FragmentRuleContext<T>): void;
}

export interface FragmentHover {
  /** Markdown. */
  contents: string;
  /** Fragment offsets of what the hover is about. */
  span: [number, number];
}

export interface FragmentCompletion {
  label: string;
  /** Text inserted (defaults to label). */
  insertText?: string;
  /** Markdown documentation. */
  documentation?: string;
  detail?: string;
  kind: 'key' | 'value' | 'section' | 'snippet';
  /** Fragment offsets replaced by the completion. */
  replace?: [number, number];
}

export interface ExtractedFragment<T = unknown> {
  fragment: Fragment<T>;
  /** Syntax problems (fragment offsets), reported under the language's `syntaxRule`. */
  problems: FragmentProblem[];
}

/** Everything the service needs to know about one fragment language. */
export interface FragmentLanguageSupport<T = unknown> {
  language: FragmentLanguage;
  /** The rule syntax problems are reported under (e.g. csi-conf-syntax). */
  syntaxRule: RuleMeta;
  rules: readonly FragmentRule<T>[];
  /** Whole-file languages this support reads fragments from (e.g. 'vmx', 'shell'). */
  fileLanguages: readonly FileLanguage[];
  /** Object kinds (from parse.ts) whose objects may embed fragments of this language. */
  objectKinds: readonly ObjectKind[];
  /** Fragments of a non-YAML file (`language` is one of `fileLanguages`). */
  fromFile?(text: string, language: FileLanguage): ExtractedFragment<T>[];
  /** Fragments embedded in one YAML object. */
  fromObject?(object: K8sObject, fileText: string): ExtractedFragment<T>[];
  /** Plain-data facts for cross-file checks (e.g. topology categories declared in csi-vsphere.conf). */
  indexFacts?(fragment: Fragment<T>, file: ParsedFile): Partial<FragmentIndexFacts>;
  hover?(fragment: Fragment<T>, offset: number, config: ResolvedConfig): FragmentHover | undefined;
  complete?(fragment: Fragment<T>, offset: number, config: ResolvedConfig): FragmentCompletion[];
}

/** Facts fragments contribute to the workspace index. */
export interface FragmentIndexFacts {
  /** `[Labels] topology-categories` of csi-vsphere.conf files in the run. */
  topologyCategories: Array<{ categories: string[]; uri: string; start: number; end: number }>;
}
