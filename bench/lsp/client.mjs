// A minimal LSP client for the benchmark: spawns the built server over stdio, answers its
// requests (configuration, registrations, progress) and lets the caller wait for diagnostics.
import { spawn } from 'node:child_process';
import protocol from 'vscode-languageserver-protocol/node';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = protocol;

export class BenchClient {
  constructor(child, connection) {
    this.child = child;
    this.connection = connection;
    this.diagnostics = new Map();
    this.progressEnds = 0;
    this.logs = [];
    this.waiters = new Set();
    this.versions = new Map();
    this.stderr = '';
    this.exited = undefined;
  }

  static start(serverPath, { execArgv = [], env = process.env } = {}) {
    const child = spawn(process.execPath, [...execArgv, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new BenchClient(child, connection);
    child.stderr.on('data', (d) => (client.stderr += d.toString()));
    child.on('exit', (code, signal) => {
      client.exited = { code, signal };
      client.notify();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      client.diagnostics.set(params.uri, { ...params, at: performance.now() });
      client.notify();
    });
    connection.onNotification('$/progress', (params) => {
      if (params.value?.kind === 'end') {
        client.progressEnds++;
        client.indexedAt = performance.now();
      }
      client.notify();
    });
    connection.onNotification('window/logMessage', (params) => {
      client.logs.push(params.message);
    });
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ enable: true, rules: {}, configFile: '' })));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    return client;
  }

  notify() {
    for (const waiter of [...this.waiters]) waiter();
  }

  waitFor(what, check, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value !== undefined && value !== false) {
          finish();
          resolve(value);
        } else if (this.exited) {
          finish();
          reject(new Error(`server exited while waiting for ${what}: ${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  async initialize(folders) {
    const { pathToFileURL } = await import('node:url');
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] }, versionSupport: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  open(uri, text) {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  change(uri, range, text) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  close(uri) {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the time diagnostics of the current version arrived. */
  diagnosed(uri) {
    const version = this.versions.get(uri);
    return this.waitFor(`diagnostics of ${uri}`, () => {
      const d = this.diagnostics.get(uri);
      return d && (d.version === undefined || d.version === version) ? d : undefined;
    });
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // gone already
    }
    await Promise.race([new Promise((r) => (this.exited ? r() : this.child.once('exit', r))), new Promise((r) => setTimeout(r, 5000))]);
    if (!this.exited) this.child.kill();
    this.connection.dispose();
  }
}
