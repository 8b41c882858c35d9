// VS Code client of the vSphere CSI language server: starts server/dist/server.js over IPC for
// YAML documents and the other files the linter reads (csi-vsphere.conf, .vmx, scripts), and adds
// the commands, the language status item and the rule explanations. Nothing from the workspace is
// executed: the server reads files as text (scripts are parsed, never run). Pull Inventory from
// vCenter (inventoryCommand.ts) is the one feature that uses the network, and in an untrusted
// workspace it contacts only a server the user typed or set in their user settings.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// The commented `.vsphere-csi.yaml` of "Create Inventory File" (test/snippets checks it is valid).
import INVENTORY_TEMPLATE from './inventory-template.yaml';
import { runPullInventory, storeInventoryPassword } from './inventoryCommand.js';
// Shared with the server (bundled into the client by esbuild).
import { DOCUMENT_SELECTOR, DocumentStatusRequest, ExplainRuleRequest, ListRulesRequest, SECTION, type DocumentStatus, type RuleInfo } from '../../server/src/lsp/protocol.js';

const CONFIG_FILE_NAME = '.vsphere-csi.yaml';
const RULE_DOC_SCHEME = 'vsphere-csi-rule';
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('vsphere-csi');
const DIAGNOSTIC_SOURCE = 'vsphere-csi';

/** What `activate` returns: a small API for integration tests and other extensions. */
export interface VsphereCsiApi {
  /** Resolves when the language server has been started (or rejects if it could not start). */
  ready(): Promise<void>;
  /** Which configuration applies to a document, as the server sees it. */
  documentStatus(uri: vscode.Uri): Promise<DocumentStatus>;
  /** What the language status item shows now (for the active editor's document). */
  languageStatus(): LanguageStatusView;
  /**
   * For automation: stores in VS Code's SecretStorage the password that "Pull Inventory from
   * vCenter" (`vsphereCsi.pullInventory`) uses for this server and user, so that the command,
   * given `{ folder, server, user, caFile }`, runs without prompting. Rejects an invalid server.
   */
  storeInventoryPassword(server: string, user: string, password: string): Promise<void>;
}

export interface LanguageStatusView {
  text: string;
  detail: string | undefined;
  severity: vscode.LanguageStatusSeverity;
  busy: boolean;
  command: string | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<VsphereCsiApi> {
  const output = vscode.window.createOutputChannel('vSphere CSI Lint', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('server', 'dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // YAML (files and untitled buffers) and the other files the linter reads; the Red Hat YAML
    // extension keeps owning the yaml language.
    documentSelector: [...DOCUMENT_SELECTOR],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: DIAGNOSTIC_SOURCE,
    // No `synchronize`: the server registers its file watchers (YAML and the other linted files,
    // .vsphere-csi.yaml) and workspace/didChangeConfiguration itself, and pulls `vsphereCsi.*` per resource.
  };
  const languageClient = new LanguageClient(SECTION, 'vSphere CSI Lint', serverOptions, clientOptions);
  client = languageClient;

  const status = new StatusItem(languageClient);
  context.subscriptions.push(status);

  const started = languageClient.start().then(
    () => status.refresh(),
    (error: unknown) => {
      output.error(`The vSphere CSI language server did not start: ${String(error)}`);
      status.showError('the language server did not start');
      throw error;
    },
  );
  // Rejections surface through `ready()`; keep them from being reported as unhandled.
  started.catch(() => undefined);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) status.refreshSoon();
    }),
  );

  const ruleDocs = new RuleDocuments();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, ruleDocs), ruleDocs);

  const register = (id: string, run: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register('vsphereCsi.restartServer', async () => {
    output.info('Restarting the vSphere CSI language server');
    await languageClient.restart();
    await status.refresh();
  });
  register('vsphereCsi.showOutput', () => output.show(true));
  register('vsphereCsi.explainRule', async (ruleId?: unknown) => {
    await started;
    return explainRule(languageClient, ruleDocs, typeof ruleId === 'string' ? ruleId : undefined);
  });
  register('vsphereCsi.fixAllInFile', (uri?: unknown) => fixAllInFile(uri instanceof vscode.Uri ? uri : undefined));
  register('vsphereCsi.createInventoryFile', (folder?: unknown) => createInventoryFile(folder instanceof vscode.Uri ? folder : undefined));
  register('vsphereCsi.pullInventory', (arg?: unknown) => runPullInventory(context, output, arg));

  return {
    ready: () => started,
    documentStatus: async (uri) => {
      await started;
      return languageClient.sendRequest(DocumentStatusRequest, { uri: languageClient.code2ProtocolConverter.asUri(uri) });
    },
    languageStatus: () => status.view(),
    storeInventoryPassword: (server, user, password) => storeInventoryPassword(context, server, user, password),
  };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}

/**
 * The language status item of YAML documents: driver version and flavor, and the config file
 * that applies (or that the defaults apply). Its command opens that file, or offers to create one.
 */
class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly languageClient: LanguageClient) {
    this.item = vscode.languages.createLanguageStatusItem('vsphereCsi.status', DOCUMENT_SELECTOR);
    this.item.name = 'vSphere CSI Lint';
    this.item.text = 'vSphere CSI';
    this.item.detail = 'starting';
    this.item.busy = true;
    const watcher = vscode.workspace.createFileSystemWatcher(`**/.vsphere-csi.{yaml,yml}`);
    this.disposables.push(
      this.item,
      watcher,
      watcher.onDidCreate(() => this.refreshSoon()),
      watcher.onDidChange(() => this.refreshSoon()),
      watcher.onDidDelete(() => this.refreshSoon()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
    );
  }

  /** Refreshes after the server has had a moment to process the change that triggered it. */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  view(): LanguageStatusView {
    const { text, detail, severity, busy, command } = this.item;
    return { text, detail, severity, busy, command: command?.command };
  }

  showError(message: string): void {
    this.item.busy = false;
    this.item.text = 'vSphere CSI';
    this.item.detail = message;
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.item.command = { title: 'Show Output', command: 'vsphereCsi.showOutput' };
  }

  async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || vscode.languages.match(DOCUMENT_SELECTOR, document) === 0 || !this.languageClient.isRunning()) return;
    const generation = ++this.generation;
    const enabled = vscode.workspace.getConfiguration(SECTION, document.uri).get<boolean>('enable', true);
    if (!enabled) {
      this.item.busy = false;
      this.item.text = 'vSphere CSI: off';
      this.item.detail = 'vsphereCsi.enable is false';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: [`${SECTION}.enable`] };
      return;
    }
    try {
      const status = await this.languageClient.sendRequest(DocumentStatusRequest, { uri: this.languageClient.code2ProtocolConverter.asUri(document.uri) });
      if (generation !== this.generation) return;
      this.item.busy = false;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.text = `vSphere CSI ${status.driverVersion} (${status.flavor})`;
      const vsphere = status.vsphereVersion ? `, vSphere ${status.vsphereVersion}` : '';
      const configUri = status.configFile ? toUri(status.configFile) : undefined;
      if (configUri) {
        this.item.detail = `${vscode.workspace.asRelativePath(configUri)}${vsphere}`;
        this.item.command = { title: 'Open Config', command: 'vscode.open', arguments: [configUri], tooltip: configUri.fsPath };
      } else {
        this.item.detail = `no ${CONFIG_FILE_NAME}: driver defaults${vsphere}`;
        this.item.command = { title: 'Create Inventory File', command: 'vsphereCsi.createInventoryFile' };
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.item.busy = false;
      this.item.text = 'vSphere CSI';
      this.item.detail = 'status unavailable';
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.command = { title: 'Show Output', command: 'vsphereCsi.showOutput' };
      this.languageClient.outputChannel.warn(`vsphereCsi/documentStatus failed: ${String(error)}`);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** A config file as the server names it: a URI, or a file system path. */
function toUri(value: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
}

/** Read-only Markdown documents `vsphere-csi-rule:/<rule-id>.md` holding rule explanations. */
class RuleDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  set(ruleId: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${ruleId}.md` });
    const changed = this.texts.has(uri.toString()) && this.texts.get(uri.toString()) !== markdown;
    this.texts.set(uri.toString(), markdown);
    if (changed) this.changes.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changes.dispose();
  }
}

/**
 * Shows a rule's documentation as a Markdown preview. Without an id it offers the rules to pick
 * from, those reported at the cursor first. Returns the document's URI (undefined when cancelled).
 */
async function explainRule(languageClient: LanguageClient, docs: RuleDocuments, ruleId: string | undefined): Promise<vscode.Uri | undefined> {
  if (!ruleId) {
    const rules = await languageClient.sendRequest(ListRulesRequest, {});
    ruleId = await pickRule(rules);
    if (!ruleId) return undefined;
  }
  const result = await languageClient.sendRequest(ExplainRuleRequest, { ruleId });
  if (!result) {
    void vscode.window.showWarningMessage(`vSphere CSI: there is no rule "${ruleId}".`);
    return undefined;
  }
  const uri = docs.set(ruleId, result.markdown);
  const document = await vscode.workspace.openTextDocument(uri);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // No Markdown preview (the built-in extension is disabled): show the source instead.
    await vscode.window.showTextDocument(document, { preview: true });
  }
  return uri;
}

async function pickRule(rules: RuleInfo[]): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const atCursor = new Set<string>();
  if (editor) {
    for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
      if (d.source !== DIAGNOSTIC_SOURCE || !d.range.contains(editor.selection.active)) continue;
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      if (code !== undefined) atCursor.add(String(code));
    }
  }
  const ordered = [...rules.filter((r) => atCursor.has(r.id)), ...rules.filter((r) => !atCursor.has(r.id))];
  const picked = await vscode.window.showQuickPick(
    ordered.map((rule) => ({
      label: rule.id,
      description: atCursor.has(rule.id) ? `${rule.defaultSeverity} · reported here` : rule.defaultSeverity,
      detail: rule.description,
    })),
    { title: 'vSphere CSI: Explain Rule', placeHolder: 'Rule to explain', matchOnDetail: true },
  );
  return picked?.label;
}

/** Applies the server's `source.fixAll.vsphere-csi` action to a document. Returns whether anything changed. */
async function fixAllInFile(uri: vscode.Uri | undefined): Promise<boolean> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || vscode.languages.match(DOCUMENT_SELECTOR, document) === 0) {
    void vscode.window.showInformationMessage('vSphere CSI: open a YAML manifest, csi-vsphere.conf, .vmx file or script to fix.');
    return false;
  }
  const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value, 10)) ?? [];
  const fixAll = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && (a.edit || a.command));
  if (!fixAll) {
    void vscode.window.showInformationMessage('vSphere CSI: nothing to fix automatically in this file.');
    return false;
  }
  let changed = false;
  if (fixAll.edit && fixAll.edit.size > 0) changed = await vscode.workspace.applyEdit(fixAll.edit);
  if (fixAll.command) {
    await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
    changed = true;
  }
  return changed;
}

export interface CreateInventoryResult {
  uri: vscode.Uri;
  created: boolean;
}

/**
 * Writes the commented `.vsphere-csi.yaml` template into a folder (the Explorer's folder, or a
 * workspace folder) and opens it. An existing file is never overwritten; it is opened instead.
 */
async function createInventoryFile(folder: vscode.Uri | undefined): Promise<CreateInventoryResult | undefined> {
  if (!folder) {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const picked = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder to create ${CONFIG_FILE_NAME} in` }) : folders[0];
    if (!picked) {
      if (folders.length === 0) void vscode.window.showWarningMessage(`vSphere CSI: open a folder to create ${CONFIG_FILE_NAME} in.`);
      return undefined;
    }
    folder = picked.uri;
  }
  const target = vscode.Uri.joinPath(folder, CONFIG_FILE_NAME);
  if (await exists(target)) {
    void vscode.window.showWarningMessage(`vSphere CSI: ${vscode.workspace.asRelativePath(target)} already exists; it was left unchanged.`);
    await vscode.window.showTextDocument(target, { preview: true });
    return { uri: target, created: false };
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(INVENTORY_TEMPLATE));
  await vscode.window.showTextDocument(target);
  return { uri: target, created: true };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
