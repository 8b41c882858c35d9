// Language server entry (bundled to server/dist/server.js). The VS Code client starts it over
// IPC (`--node-ipc`); other editors run `vsphere-csi-lsp --stdio` (stdio is also the default).
import v8 from 'node:v8';
import { createConnection } from 'vscode-languageserver/node';
import { VERSION } from '../cli/version.js';
import { startServer } from './server.js';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    [
      'Usage: vsphere-csi-lsp [--stdio | --node-ipc | --socket=<port>]',
      '',
      'The vSphere CSI language server (Language Server Protocol 3.17). Editors start it and talk',
      'to it over stdio (the default), node IPC or a socket. Settings come from the client under',
      '`vsphereCsi` (enable, rules, configFile); `.vsphere-csi.yaml` is found next to each file or above.',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) process.argv.push('--stdio');

// Every keystroke in a large file leaves its previous text (megabytes) behind. By default V8 lets
// the old generation grow to several times what is live before it collects; a smaller growing
// factor keeps the server's memory near what it uses, at the cost of more (incremental) marking.
try {
  v8.setFlagsFromString('--heap-growing-percent=50');
} catch {
  // Not this V8: the defaults apply.
}

const connection = createConnection();
// A failure outside a handler is logged; the server keeps running.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
startServer(connection, { version: VERSION });
