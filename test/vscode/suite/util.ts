// Helpers of the extension-host suite. Only the `vscode` API: the same code runs under
// code-server and desktop VS Code.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'vsphere-csi-lint.vsphere-csi-lint';
export const SOURCE = 'vsphere-csi';

export interface VsphereCsiApi {
  ready(): Promise<void>;
  documentStatus(uri: vscode.Uri): Promise<{ configFile: string | null; driverVersion: string; flavor: string; vsphereVersion: string | null }>;
  languageStatus(): { text: string; detail: string | undefined; severity: vscode.LanguageStatusSeverity; busy: boolean; command: string | undefined };
  storeInventoryPassword(server: string, user: string, password: string): Promise<void>;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs the fixture folder (test/vscode/fixture) open');
  return folder.uri;
}

export function fixture(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Polls until `probe` returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function activatedApi(): Promise<VsphereCsiApi> {
  const extension = vscode.extensions.getExtension<VsphereCsiApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.ready();
  return api;
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** "rule@line" (1-based) of our diagnostics, sorted: compact to assert and to read in a failure. */
export function summary(uri: vscode.Uri, minSeverity = vscode.DiagnosticSeverity.Information): string[] {
  return ours(uri)
    .filter((d) => d.severity <= minSeverity)
    .map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`)
    .sort();
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Text of hover contents, whatever form they come in. */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

export function locationsOf(result: Array<vscode.Location | vscode.LocationLink> | undefined): Array<{ uri: vscode.Uri; range: vscode.Range }> {
  return (result ?? []).map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : { uri: l.uri, range: l.range }));
}

/** Position of the first occurrence of `needle` on 1-based `line` (plus `offset` characters). */
export function positionOf(document: vscode.TextDocument, line: number, needle: string, offset = 0): vscode.Position {
  const text = document.lineAt(line - 1).text;
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not on line ${line}: ${JSON.stringify(text)}`);
  return new vscode.Position(line - 1, at + offset);
}
