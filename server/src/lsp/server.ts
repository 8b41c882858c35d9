// The language server: a thin adapter between the LSP connection and the language service. It
// keeps the open documents (incremental sync), their settings and configs, indexes the workspace
// in the background, follows file changes, and hands everything else to the pure service and
// its features (server/src/service/features). Every handler is guarded: a failure is logged and
// answered with an empty result, never a dead server.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Location as LspLocation,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, languageForPath, renderRuleMarkdown, type Finding, type SeveritySetting } from '../service/index.js';
import { codeActions, FIX_ALL_KIND, QUICK_FIX_KIND } from '../service/features/codeActions.js';
import { complete } from '../service/features/completion.js';
import { classSymbolAt, definitionsOf, referencesOf } from '../service/features/definition.js';
import { hover } from '../service/features/hover.js';
import { AnalysisSession, type DiskFile, type FileSettings } from '../service/features/incremental.js';
import { COMPLETION_KINDS, toDiagnostic, toDocumentSymbols, toTextEdits, type DiagnosticSupport } from './convert.js';
import { ConfigResolver, isConfigUri, pathToUri, uriToPath, type LoadedConfig } from './configs.js';
import { DocumentStatusRequest, ExplainRuleRequest, ListRulesRequest, SECTION, type DocumentStatus } from './protocol.js';
import { isAnalysable, isCandidateName, listFiles, readFiles } from './workspace.js';

export interface Settings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  configFile: string;
}

const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, configFile: '' };
const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export function normalizeSettings(value: unknown): Settings {
  const raw = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (raw['rules'] && typeof raw['rules'] === 'object') {
    for (const [id, setting] of Object.entries(raw['rules'] as Record<string, unknown>)) {
      if (typeof setting === 'string' && SEVERITIES.has(setting)) rules[id] = setting as SeveritySetting;
    }
  }
  return {
    enable: typeof raw['enable'] === 'boolean' ? raw['enable'] : true,
    rules,
    configFile: typeof raw['configFile'] === 'string' ? raw['configFile'] : '',
  };
}

interface DocState {
  doc: TextDocument;
  settings: Settings | undefined;
  config: LoadedConfig | undefined;
  /** Whether diagnostics were published (so clearing them is needed when it stops being analysed). */
  published: boolean;
  generation: number;
}

/**
 * A full garbage collection on demand, after work that leaves a lot behind at once (indexing the
 * workspace, opening a large file). See main.ts for how keystrokes' garbage is kept in check.
 */
function gcFunction(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes of discarded text after which the server collects garbage (once the current work is done). */
const GC_CHURN_BYTES = 64 * 1024 * 1024;

export interface ServerOptions {
  version: string;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const reportedRules = new Set<string>();
  /** VSPHERE_CSI_LSP_TIMING=1 logs how long each change and publication took (for the benchmark). */
  const timing = process.env.VSPHERE_CSI_LSP_TIMING === '1';
  const log = (message: string) => connection.console.log(message);
  const logError = (what: string, error: unknown) => {
    const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    connection.console.error(`${what} failed: ${text}`);
  };
  const service = createLanguageService();
  const session = new AnalysisSession(service, {
    onRuleError: (ruleId, error, uri) => {
      if (reportedRules.has(ruleId)) return;
      reportedRules.add(ruleId);
      logError(`Rule ${ruleId} (first seen on ${uri}; the other rules still run)`, error);
    },
  });
  const configs = new ConfigResolver(service, (message) => connection.console.warn(message));
  const docs = new Map<string, DocState>();
  const settingsCache = new Map<string, Promise<Settings>>();
  let folders: string[] = [];
  let globalSettings: unknown = undefined;
  const caps = {
    configuration: false,
    dynamicConfiguration: false,
    watchers: false,
    progress: false,
    markdown: true,
    diagnostics: { relatedInformation: true, codeDescription: true, tags: true } as DiagnosticSupport,
  };

  function guard<P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        logError(name, error);
        return fallback;
      }
    };
  }

  // -------------------------------------------------------------------------------------------
  // Workspace folders and settings

  /** The workspace folder holding a file, if any. */
  function containingFolder(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    let best: string | undefined;
    for (const folder of folders) {
      const rel = path.relative(folder, filePath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }

  /** The folder a document's relative settings and discovery start from (the first folder for others). */
  function folderOf(uri: string): string | undefined {
    return containingFolder(uri) ?? folders[0];
  }

  function describeUri(uri: string): string {
    const filePath = uriToPath(uri);
    const folder = filePath && folderOf(uri);
    if (filePath && folder) {
      const rel = path.relative(folder, filePath);
      if (!rel.startsWith('..')) return rel.split(path.sep).join('/');
    }
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  }

  function settingsFor(uri: string): Promise<Settings> {
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = caps.configuration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(normalizeSettings, (error: unknown) => {
            logError('workspace/configuration', error);
            return DEFAULT_SETTINGS;
          })
        : Promise.resolve(normalizeSettings((globalSettings as Record<string, unknown> | undefined)?.[SECTION] ?? globalSettings));
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  // -------------------------------------------------------------------------------------------
  // Publishing

  const queue = new Set<string>();
  let scheduled = false;
  const collectGarbage = gcFunction();
  let churn = 0;
  let collectScheduled = false;

  /** Counts text left behind; past the threshold, collects after the pending diagnostics went out. */
  function discarded(bytes: number): void {
    churn += bytes;
    if (churn < GC_CHURN_BYTES || collectScheduled || !collectGarbage) return;
    collectScheduled = true;
    setImmediate(() => {
      setImmediate(() => {
        collectScheduled = false;
        churn = 0;
        collectGarbage();
      });
    });
  }

  function schedule(uris: Iterable<string>): void {
    for (const uri of uris) queue.add(uri);
    if (scheduled || queue.size === 0) return;
    scheduled = true;
    // The next turn of the event loop: bursts of changes coalesce, nothing waits on a timer.
    setImmediate(flush);
  }

  function flush(): void {
    const started = timing ? performance.now() : 0;
    scheduled = false;
    const uris = [...queue];
    queue.clear();
    for (const uri of uris) {
      try {
        publish(uri);
      } catch (error) {
        logError(`Diagnostics for ${uri}`, error);
      }
    }
    if (timing) log(`timing: published ${uris.length} in ${(performance.now() - started).toFixed(1)} ms`);
  }

  function publish(uri: string): void {
    const state = docs.get(uri);
    if (!state) return;
    let diagnostics: Diagnostic[] | undefined;
    if (isConfigUri(uri)) {
      diagnostics = configDiagnostics(state);
    } else if (session.isOpen(uri)) {
      diagnostics = (session.findings(uri) ?? []).map((f) => toDiagnostic(f, caps.diagnostics));
    } else if (state.published) {
      diagnostics = [];
    }
    if (!diagnostics) return;
    state.published = diagnostics.length > 0 || session.isOpen(uri);
    void connection.sendDiagnostics({ uri, version: state.doc.version, diagnostics });
  }

  function configDiagnostics(state: DocState): Diagnostic[] {
    const filePath = uriToPath(state.doc.uri) ?? state.doc.uri;
    const loaded = configs.parse(filePath, state.doc.getText());
    const rule = service.registry.fileRules.configInvalid;
    return loaded.problems.map((problem) =>
      toDiagnostic(
        {
          ruleId: rule.id,
          severity: 'error',
          message: problem.message,
          uri: state.doc.uri,
          start: problem.start,
          end: problem.end,
          range: { start: state.doc.positionAt(problem.start), end: state.doc.positionAt(problem.end) },
        },
        caps.diagnostics,
      ),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Documents

  function languageOf(state: DocState) {
    const uri = state.doc.uri;
    return languageForPath(uri, state.doc.getText()) ?? (state.doc.languageId === 'yaml' ? 'yaml' : undefined);
  }

  /** (Re)decides how a document is analysed, with fresh settings when asked. */
  async function activate(uri: string, refetch: boolean): Promise<void> {
    const state = docs.get(uri);
    if (!state) return;
    const generation = ++state.generation;
    if (refetch || !state.settings) state.settings = await settingsFor(uri);
    if (docs.get(uri) !== state || state.generation !== generation) return;
    const affected = new Set<string>([uri]);
    if (isConfigUri(uri)) {
      schedule(affected);
      return;
    }
    const settings = state.settings;
    const language = languageOf(state);
    const loaded = configs.forDocument(uri, settings.configFile, folderOf(uri));
    state.config = loaded;
    const filePath = uriToPath(uri);
    const analysed = settings.enable && language !== undefined && !(filePath && loaded.isIgnored(filePath));
    if (!analysed) {
      if (session.isOpen(uri)) for (const u of session.close(uri)) affected.add(u);
      schedule(affected);
      return;
    }
    const fileSettings: FileSettings = { config: loaded.config, ...(Object.keys(settings.rules).length ? { ruleOverrides: settings.rules } : {}) };
    const opening = !session.isOpen(uri);
    const changed = opening ? session.open(uri, state.doc.getText(), fileSettings, language) : session.setSettings(uri, fileSettings);
    // Parsing a large file leaves its parse trees behind.
    if (opening) discarded(state.doc.getText().length * 40);
    for (const u of changed) affected.add(u);
    schedule(affected);
  }

  async function reactivateAll(refetch: boolean): Promise<void> {
    await Promise.all([...docs.keys()].map((uri) => activate(uri, refetch).catch((error: unknown) => logError(`Re-validating ${uri}`, error))));
  }

  connection.onDidOpenTextDocument(
    guard('textDocument/didOpen', undefined, (params) => {
      const { uri, languageId, version, text } = params.textDocument;
      docs.set(uri, { doc: TextDocument.create(uri, languageId, version, text), settings: undefined, config: undefined, published: false, generation: 0 });
      void activate(uri, false).catch((error: unknown) => logError('Opening a document', error));
    }),
  );

  connection.onDidChangeTextDocument(
    guard('textDocument/didChange', undefined, (params) => {
      const state = docs.get(params.textDocument.uri);
      if (!state) return;
      const changes = params.contentChanges;
      let hint: { start: number; oldEnd: number; newEnd: number } | undefined;
      if (changes.length === 1 && 'range' in changes[0]!) {
        const change = changes[0];
        const start = state.doc.offsetAt(change.range.start);
        hint = { start, oldEnd: state.doc.offsetAt(change.range.end), newEnd: start + change.text.length };
      }
      const started = timing ? performance.now() : 0;
      state.doc = TextDocument.update(state.doc, changes, params.textDocument.version);
      const uri = state.doc.uri;
      if (session.isOpen(uri)) {
        try {
          schedule(session.update(uri, state.doc.getText(), hint));
        } catch (error) {
          // Never leave a half-updated document behind: analyse it afresh.
          logError(`Updating ${uri} incrementally (analysing it afresh)`, error);
          schedule(session.close(uri));
          void activate(uri, false).catch((e: unknown) => logError('Re-opening a document', e));
          return;
        }
        if (timing) log(`timing: didChange ${uri.slice(uri.lastIndexOf('/') + 1)} v${params.textDocument.version} ${(performance.now() - started).toFixed(1)} ms`);
      }
      else if (isConfigUri(uri)) schedule([uri]);
    }),
  );

  connection.onDidCloseTextDocument(
    guard('textDocument/didClose', undefined, async (params) => {
      const uri = params.textDocument.uri;
      const state = docs.get(uri);
      docs.delete(uri);
      if (state?.published || session.isOpen(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      if (session.isOpen(uri)) schedule(session.close(uri));
      // The file's facts go back to what the disk says.
      const filePath = uriToPath(uri);
      if (filePath && containingFolder(uri) && isCandidateName(path.basename(filePath)) && !docs.has(uri)) await refreshDiskFiles([uri]);
    }),
  );

  /** Reads files again (watched-file events, closed documents) and updates the workspace facts. */
  async function refreshDiskFiles(uris: readonly string[]): Promise<void> {
    const files: Array<{ uri: string; file: DiskFile | undefined }> = [];
    for (const uri of uris) {
      const filePath = uriToPath(uri);
      if (!filePath) continue;
      let text: string | undefined;
      try {
        const stat = await fs.promises.stat(filePath);
        if (stat.isFile() && stat.size <= service.limits.maxBytes) text = await fs.promises.readFile(filePath, 'utf8');
      } catch {
        text = undefined;
      }
      const ignored = configs.forDocument(uri, '', folderOf(uri)).isIgnored(filePath);
      files.push({ uri, file: text !== undefined && !ignored && isAnalysable(filePath, text) ? session.indexText(uri, text) : undefined });
    }
    if (files.length) schedule(session.applyDiskFiles(files));
  }

  connection.onDidChangeWatchedFiles(
    guard('workspace/didChangeWatchedFiles', undefined, async (params) => {
      let configChanged = false;
      const files: string[] = [];
      for (const change of params.changes) {
        if (isConfigUri(change.uri)) configChanged = true;
        else if (isCandidateName(decodeURIComponent(change.uri.slice(change.uri.lastIndexOf('/') + 1)))) files.push(change.uri);
      }
      if (configChanged) {
        configs.invalidate();
        await reactivateAll(false);
      }
      if (files.length) await refreshDiskFiles([...new Set(files)]);
    }),
  );

  connection.onDidChangeConfiguration(
    guard('workspace/didChangeConfiguration', undefined, async (params) => {
      if (!caps.configuration) globalSettings = params.settings;
      settingsCache.clear();
      await reactivateAll(true);
    }),
  );

  // -------------------------------------------------------------------------------------------
  // Language features

  function analysedDoc(uri: string) {
    const lines = session.lines(uri);
    const text = session.text(uri);
    const settings = session.settings(uri);
    return lines && text !== undefined && settings ? { lines, text, config: settings.config } : undefined;
  }

  /** An analysed document at a position: its text, lines and config, the offset, and the parsed document(s) there. */
  function analysedAt(uri: string, position: { line: number; character: number }) {
    const doc = analysedDoc(uri);
    if (!doc) return undefined;
    const offset = doc.lines.offsetAt(position);
    return { ...doc, offset, file: session.parsedAt(uri, offset) };
  }

  /** The StorageClass name (reference or declaration) at a position of an analysed document. */
  function classSymbolAtPosition(uri: string, position: { line: number; character: number }) {
    const here = analysedAt(uri, position);
    return here?.file && classSymbolAt(here.file, session.references(uri), here.offset);
  }

  connection.onHover(
    guard('textDocument/hover', null, (params) => {
      const uri = params.textDocument.uri;
      const here = analysedAt(uri, params.position);
      if (!here?.file) return null;
      const result = hover({ file: here.file, offset: here.offset, findings: session.findings(uri) ?? [], config: here.config, index: session.index, registry: service.registry, describeUri });
      if (!result) return null;
      return { contents: { kind: caps.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: result.markdown }, range: here.lines.range(result.start, result.end) };
    }),
  );

  connection.onCompletion(
    guard('textDocument/completion', [] as CompletionItem[], (params) => {
      const here = analysedAt(params.textDocument.uri, params.position);
      if (!here) return [];
      const { file, lines } = here;
      const items = complete({ text: here.text, offset: here.offset, ...(file ? { file } : {}), config: here.config, index: session.index, registry: service.registry, describeUri });
      return items.map((item): CompletionItem => ({
        label: item.label,
        kind: COMPLETION_KINDS[item.kind],
        ...(item.detail ? { detail: item.detail } : {}),
        ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
        ...(item.sortText ? { sortText: item.sortText } : {}),
        ...(item.deprecated ? { tags: [1] } : {}),
        textEdit: { range: lines.range(item.replaceStart, item.replaceEnd), newText: item.insertText },
      }));
    }),
  );

  connection.onDefinition(
    guard('textDocument/definition', [] as LspLocation[], (params) => {
      const symbol = classSymbolAtPosition(params.textDocument.uri, params.position);
      return symbol ? definitionsOf(symbol, session.index).map((l) => ({ uri: l.uri, range: l.range })) : [];
    }),
  );

  connection.onReferences(
    guard('textDocument/references', [] as LspLocation[], (params) => {
      const symbol = classSymbolAtPosition(params.textDocument.uri, params.position);
      return symbol ? referencesOf(symbol, session.index, session.allReferences(), params.context.includeDeclaration) : [];
    }),
  );

  connection.onDocumentSymbol(
    guard('textDocument/documentSymbol', [], (params) => {
      const uri = params.textDocument.uri;
      const lines = session.lines(uri);
      return lines ? toDocumentSymbols(lines, session.symbols(uri)) : [];
    }),
  );

  connection.onCodeAction(
    guard('textDocument/codeAction', [] as CodeAction[], (params) => {
      const uri = params.textDocument.uri;
      const doc = analysedDoc(uri);
      if (!doc) return [];
      const findings = session.findings(uri) ?? [];
      const actions = codeActions({
        uri,
        text: doc.text,
        findings,
        start: doc.lines.offsetAt(params.range.start),
        end: doc.lines.offsetAt(params.range.end),
        ...(params.context.only ? { only: params.context.only } : {}),
        applyFixes: service.applyFixes,
        unusedSuppressionRule: service.registry.fileRules.unusedSuppression.id,
      });
      const sent = params.context.diagnostics ?? [];
      const diagnosticsOf = (list: Finding[]) =>
        list.map(
          (f) =>
            sent.find((d) => d.code === f.ruleId && d.range.start.line === f.range.start.line && d.range.start.character === f.range.start.character && d.message === f.message) ??
            toDiagnostic(f, caps.diagnostics),
        );
      return actions.map((action): CodeAction => ({
        title: action.title,
        kind: action.kind === FIX_ALL_KIND ? FIX_ALL_KIND : CodeActionKind.QuickFix,
        ...(action.kind === QUICK_FIX_KIND ? { diagnostics: diagnosticsOf(action.findings) } : {}),
        ...(action.isPreferred ? { isPreferred: true } : {}),
        edit: { changes: { [uri]: toTextEdits(doc.lines, action.edits) } },
      }));
    }),
  );

  connection.onRequest(
    ExplainRuleRequest,
    guard('vsphereCsi/explainRule', null, (params) => {
      const meta = typeof params?.ruleId === 'string' ? service.registry.meta(params.ruleId) : undefined;
      return meta ? { markdown: renderRuleMarkdown(meta) } : null;
    }),
  );

  connection.onRequest(
    ListRulesRequest,
    guard('vsphereCsi/listRules', [], () => service.rules.map((meta) => ({ id: meta.id, description: meta.description, defaultSeverity: meta.defaultSeverity }))),
  );

  connection.onRequest(
    DocumentStatusRequest,
    guard('vsphereCsi/documentStatus', null as unknown as DocumentStatus, async (params) => {
      const uri = params.uri;
      const settings = docs.get(uri)?.settings ?? (await settingsFor(uri));
      const loaded = configs.forDocument(uri, settings.configFile, folderOf(uri));
      const config = loaded.config;
      return { configFile: loaded.uri ?? null, driverVersion: config.driver.version, flavor: config.driver.flavor, vsphereVersion: config.vsphere.version ?? null };
    }),
  );

  // -------------------------------------------------------------------------------------------
  // Lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    caps.configuration = c.workspace?.configuration === true;
    caps.dynamicConfiguration = c.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    caps.watchers = c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    caps.progress = c.window?.workDoneProgress === true;
    const hoverFormats = c.textDocument?.hover?.contentFormat;
    caps.markdown = !hoverFormats || hoverFormats.includes(MarkupKind.Markdown);
    const pd = c.textDocument?.publishDiagnostics;
    caps.diagnostics = { relatedInformation: pd?.relatedInformation !== false, codeDescription: pd?.codeDescriptionSupport !== false, tags: pd?.tagSupport !== undefined || pd === undefined };
    globalSettings = params.initializationOptions;
    const fromFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    const root = params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined);
    folders = fromFolders.length ? fromFolders : root ? [root] : [];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '/', '-', '"'], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'vsphere-csi-lsp', version: options.version },
    };
  });

  connection.onInitialized(() => {
    if (caps.dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((e: unknown) => logError('Registering for configuration changes', e));
    if (caps.watchers) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.{yaml,yml}' },
            { globPattern: '**/.vsphere-csi.{yaml,yml}' },
            { globPattern: '**/*.{conf,vmx,sh,bash,ps1,psm1,ks,cfg}' },
          ],
        })
        .catch((e: unknown) => logError('Registering file watchers', e));
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
        folders = [...folders.filter((f) => !removed.has(f)), ...added];
        // Files of removed folders no longer count (unless another folder holds them).
        const gone = session.diskUris().filter((uri) => {
          const filePath = uriToPath(uri);
          return filePath !== undefined && [...removed].some((r) => r && !path.relative(r, filePath).startsWith('..')) && !containingFolder(uri);
        });
        if (gone.length) schedule(session.applyDiskFiles(gone.map((uri) => ({ uri, file: undefined }))));
        void indexWorkspace(added).catch((error: unknown) => logError('Indexing added folders', error));
      });
    } catch {
      // The client does not support workspace folder notifications.
    }
    // Lets the first document's diagnostics go out before the walk starts.
    setImmediate(() => void indexWorkspace(folders).catch((error: unknown) => logError('Indexing the workspace', error)));
  });

  async function indexWorkspace(roots: readonly string[]): Promise<void> {
    if (roots.length === 0) return;
    const started = performance.now();
    let progress: WorkDoneProgressServerReporter | undefined;
    if (caps.progress) {
      try {
        progress = await connection.window.createWorkDoneProgress();
        progress.begin('vSphere CSI', 0, 'Indexing the workspace', false);
      } catch (error) {
        logError('Creating work-done progress', error);
      }
    }
    try {
      const paths: string[] = [];
      for (const root of roots) {
        for (const p of await listFiles(root, service.limits.maxBytes, log)) {
          if (!configs.forDocument(pathToUri(p), '', root).isIgnored(p)) paths.push(p);
        }
      }
      const files: Array<{ uri: string; file: DiskFile | undefined }> = [];
      const samples: Array<{ uri: string; text: string }> = [];
      const sampleEvery = Math.max(1, Math.floor(paths.length / 40));
      let sliceStart = performance.now();
      let done = 0;
      let lastReport = 0;
      await readFiles(paths, async (filePath, text) => {
        done++;
        if (text !== undefined && isAnalysable(filePath, text)) {
          const uri = pathToUri(filePath);
          try {
            files.push({ uri, file: session.indexText(uri, text) });
            if (done % sampleEvery === 0 && samples.length < 40) samples.push({ uri, text });
          } catch (error) {
            logError(`Indexing ${filePath}`, error);
          }
        }
        if (progress && done - lastReport >= 100) {
          lastReport = done;
          progress.report(Math.round((done / paths.length) * 100), `${done}/${paths.length} files`);
        }
        // Time slices: requests and diagnostics of open documents are served in between.
        if (performance.now() - sliceStart > 12) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      });
      schedule(session.applyDiskFiles(files));
      log(`Indexed ${files.length} files (${paths.length} candidates) in ${Math.round(performance.now() - started)} ms.`);
      await warmUp(samples);
      // Indexing leaves every file's parse behind: collect it before saying indexing is done.
      churn = 0;
      collectGarbage?.();
    } finally {
      progress?.done();
    }
  }

  /**
   * Lints a few files of the workspace once, results discarded, in idle slices: the rules' code is
   * then compiled by the time the user opens a file, which makes the first open as fast as the next.
   */
  async function warmUp(samples: ReadonlyArray<{ uri: string; text: string }>): Promise<void> {
    let sliceStart = performance.now();
    for (const sample of samples) {
      // The real path (open, lint, diagnostics, close) on files nobody has open; nothing is published.
      if (docs.has(sample.uri) || session.isOpen(sample.uri)) continue;
      try {
        const config = configs.forDocument(sample.uri, '', folderOf(sample.uri)).config;
        session.open(sample.uri, sample.text, { config });
        JSON.stringify((session.findings(sample.uri) ?? []).map((f) => toDiagnostic(f, caps.diagnostics)));
      } catch {
        // Only a warm-up.
      } finally {
        if (session.isOpen(sample.uri)) session.close(sample.uri);
      }
      if (performance.now() - sliceStart > 8) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  connection.onShutdown(() => {
    queue.clear();
  });

  connection.listen();
}
