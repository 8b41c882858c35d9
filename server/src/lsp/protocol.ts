// What the language server and its VS Code client agree on: the settings section, the documents
// the client hands over, and the custom requests. One definition for both sides: the client
// imports this file (esbuild bundles it), so it may depend on nothing but the protocol package
// that vscode-languageserver and vscode-languageclient both build on. Plain data only.
import { RequestType } from 'vscode-languageserver-protocol';

/** The settings section the server reads with workspace/configuration. */
export const SECTION = 'vsphereCsi';

/** A document filter as LSP and VS Code define it (one of language and pattern at least). */
export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

/**
 * The documents the VS Code client syncs to the server: YAML files and untitled YAML buffers, and
 * on disk the other files the command line lints (server/src/service/languages.ts), by name, since
 * their language ids depend on which extensions are installed. `*.conf` files count only when
 * their sections are csi-vsphere.conf's; the server decides that from the text. Scripts without
 * an extension (recognised by the command line from their `#!` line) are not selected.
 */
export const DOCUMENT_SELECTOR: readonly DocumentFilter[] = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', pattern: '**/*.conf' },
  { scheme: 'file', pattern: '**/*.vmx' },
  { scheme: 'file', pattern: '**/*.{sh,bash}' },
  { scheme: 'file', pattern: '**/*.{ps1,psm1}' },
  { scheme: 'file', pattern: '**/{ks.cfg,boot.cfg,*.ks,*-ks.cfg}' },
];

export interface ExplainRuleParams {
  ruleId: string;
}

export interface ExplainRuleResult {
  markdown: string;
}

/** A rule's documentation as Markdown (what it means, why, sources), or null for an unknown id. */
export const ExplainRuleRequest = new RequestType<ExplainRuleParams, ExplainRuleResult | null, void>('vsphereCsi/explainRule');

export interface DocumentStatusParams {
  uri: string;
}

export interface DocumentStatus {
  /** URI of the `.vsphere-csi.yaml` that applies, or null when the defaults apply. */
  configFile: string | null;
  driverVersion: string;
  flavor: string;
  vsphereVersion: string | null;
}

/** Which configuration applies to a document. */
export const DocumentStatusRequest = new RequestType<DocumentStatusParams, DocumentStatus, void>('vsphereCsi/documentStatus');

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: string;
}

export const ListRulesRequest = new RequestType<Record<string, never>, RuleInfo[], void>('vsphereCsi/listRules');
