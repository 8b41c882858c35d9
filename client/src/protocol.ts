// The custom requests of the vSphere CSI language server (server/src/lsp). Plain data only.
import { RequestType } from 'vscode-languageclient/node';

export interface ExplainRuleParams {
  ruleId: string;
}

export interface ExplainRuleResult {
  markdown: string;
}

/** The rule's documentation as Markdown (what it means, why, sources), or null for an unknown id. */
export const ExplainRuleRequest = new RequestType<ExplainRuleParams, ExplainRuleResult | null, void>('vsphereCsi/explainRule');

export interface DocumentStatusParams {
  uri: string;
}

export interface DocumentStatus {
  /** The `.vsphere-csi.yaml` that applies to the document (URI or path), or null when the defaults apply. */
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
