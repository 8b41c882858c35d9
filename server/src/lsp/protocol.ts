// The custom requests of the language server (the VS Code client declares the same shapes in
// client/src/protocol.ts). Plain data only.
import { RequestType } from 'vscode-languageserver/node';

/** The settings section the server reads with workspace/configuration. */
export const SECTION = 'vsphereCsi';

export interface ExplainRuleParams {
  ruleId: string;
}

export interface ExplainRuleResult {
  markdown: string;
}

/** A rule's documentation as Markdown, or null for an unknown id. */
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

export const DocumentStatusRequest = new RequestType<DocumentStatusParams, DocumentStatus, void>('vsphereCsi/documentStatus');

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: string;
}

export const ListRulesRequest = new RequestType<Record<string, never>, RuleInfo[], void>('vsphereCsi/listRules');
