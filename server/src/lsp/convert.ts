// Service data → LSP data: findings to diagnostics (source, code, docs link, tags, related
// locations), offsets to ranges, symbols and completion kinds.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
  type TextEdit,
} from 'vscode-languageserver/node';
import { ruleDocsUrl, type Finding, type LineIndex } from '../service/index.js';
import type { CompletionKind } from '../service/features/completion.js';
import type { SymbolCategory, SymbolData } from '../service/features/symbols.js';

export const DIAGNOSTIC_SOURCE = 'vsphere-csi';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export interface DiagnosticSupport {
  relatedInformation: boolean;
  codeDescription: boolean;
  tags: boolean;
}

export function toDiagnostic(finding: Finding, support: DiagnosticSupport): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  if (support.codeDescription) diagnostic.codeDescription = { href: ruleDocsUrl(finding.ruleId) };
  if (support.tags && finding.tags?.length) {
    diagnostic.tags = finding.tags.map((tag) => (tag === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  }
  if (support.relatedInformation && finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  }
  return diagnostic;
}

export function toTextEdits(lines: LineIndex, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): TextEdit[] {
  return edits.map((e) => ({ range: lines.range(e.start, e.end), newText: e.newText }));
}

const SYMBOL_KINDS: Record<SymbolCategory, SymbolKind> = {
  class: SymbolKind.Class,
  claim: SymbolKind.Interface,
  volume: SymbolKind.Struct,
  snapshot: SymbolKind.Event,
  workload: SymbolKind.Module,
  config: SymbolKind.Object,
  list: SymbolKind.Array,
  object: SymbolKind.Object,
};

export function toDocumentSymbols(lines: LineIndex, symbols: readonly SymbolData[]): DocumentSymbol[] {
  return symbols.map((s) => ({
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KINDS[s.category],
    range: lines.range(s.start, s.end),
    selectionRange: lines.range(s.selectionStart, s.selectionEnd),
    ...(s.children ? { children: toDocumentSymbols(lines, s.children) } : {}),
  }));
}

export const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  class: CompletionItemKind.Class,
  enum: CompletionItemKind.EnumMember,
  file: CompletionItemKind.File,
  snippet: CompletionItemKind.Snippet,
  section: CompletionItemKind.Module,
};
