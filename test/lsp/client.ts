// A small LSP client for the protocol tests: spawns `node server/dist/server.js --stdio`, answers
// the server's own requests (workspace/configuration, registrations, work-done progress) and
// records diagnostics, progress and log messages.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'server', 'dist', 'server.js');

export function serverBuilt(): boolean {
  return fs.existsSync(SERVER);
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

export interface StartOptions {
  /** Workspace folder paths. */
  folders?: string[];
  /** `vsphereCsi` settings answered to workspace/configuration (per scope URI when a function). */
  settings?: Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>);
  /** Leave workspace/configuration out of the client capabilities. */
  noConfiguration?: boolean;
  initializationOptions?: unknown;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  readonly progress: Array<{ token: unknown; kind: string }> = [];
  settings: StartOptions['settings'];
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    client.settings = options.settings;
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      client.exited = { code, signal };
      client.notify();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params);
      client.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
      client.notify();
    });
    connection.onNotification('$/progress', (params: { token: unknown; value: { kind: string } }) => {
      client.progress.push({ token: params.token, kind: params.value.kind });
      client.notify();
    });
    connection.onRequest('workspace/configuration', (params: { items: Array<{ scopeUri?: string; section?: string }> }) =>
      params.items.map((item) => {
        const settings = typeof client.settings === 'function' ? client.settings(item.scopeUri) : client.settings;
        return settings ?? {};
      }),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const folders = options.folders ?? [];
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: path.basename(f) })),
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: !options.noConfiguration,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { didSave: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] }, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves when `check` returns a value (re-checked on every message from the server). */
  waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        let value: T | undefined | false;
        try {
          value = check();
        } catch (error) {
          done();
          reject(error as Error);
          return;
        }
        if (value !== undefined && value !== false) {
          done();
          resolve(value);
        } else if (this.exited) {
          done();
          reject(new Error(`server exited (${JSON.stringify(this.exited)}) while waiting for ${what}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; logs:\n${this.logs.join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** Diagnostics of a document once published for its current version. */
  diagnosticsOf(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(
      `diagnostics of ${uri}`,
      () => {
        const published = this.diagnostics.get(uri);
        if (!published) return undefined;
        const version = this.versions.get(uri);
        if (version !== undefined && published.version !== undefined && published.version !== version) return undefined;
        return predicate(published.diagnostics) ? published.diagnostics : undefined;
      },
      timeoutMs,
    );
  }

  /** Resolves once the workspace indexing progress has ended (n-th end when asked). */
  indexed(count = 1): Promise<void> {
    return this.waitFor('workspace indexing', () => this.progress.filter((p) => p.kind === 'end').length >= count || undefined, 30_000).then(() => undefined);
  }

  open(uri: string, text: string, languageId = 'yaml'): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.diagnostics.delete(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends changes (ranges in the current text) and keeps a copy of the text. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const change of changes) {
      if ('range' in change) {
        const start = offsetAt(text, change.range.start);
        const end = offsetAt(text, change.range.end);
        text = text.slice(0, start) + change.text + text.slice(end);
      } else {
        text = change.text;
      }
    }
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces text[start, end) (offsets) with `newText`. */
  edit(uri: string, start: number, end: number, newText: string): number {
    const text = this.texts.get(uri) ?? '';
    return this.change(uri, [{ range: { start: positionAt(text, start), end: positionAt(text, end) }, text: newText }]);
  }

  textOf(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.texts.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        void this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await Promise.race([new Promise<void>((resolve) => this.process.once('exit', () => resolve())), new Promise((r) => setTimeout(r, 3000))]);
      if (!this.exited) this.process.kill();
    }
    this.connection.dispose();
  }
}

export function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end === -1 ? text.length : end > offset && text[end - 1] === '\r' ? end - 1 : end;
  return Math.min(offset + position.character, lineEnd);
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies LSP text edits (ranges in `text`) and returns the new text. */
export function applyTextEdits(text: string, edits: ReadonlyArray<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const offsets = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
