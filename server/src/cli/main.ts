// CLI entry (bundled to server/dist/cli.js). Turns any unexpected failure into one line on
// stderr and exit code 2; set VSPHERE_CSI_LINT_DEBUG=1 to see the stack.
import { tuneJit } from './jit.js';
import { promptPasswordOnTerminal } from './inventory.js';
import { MAX_FILE_BYTES } from './readSource.js';
import { PROGRAM, runCli } from './run.js';

tuneJit(process.execArgv, process.env.NODE_OPTIONS, process.versions.v8);

function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${PROGRAM}: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.VSPHERE_CSI_LINT_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      // Keep one byte past the limit so the size check still fires, but never buffer more.
      if (size > MAX_FILE_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`| head`) is not an error worth a message.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fatal(error);
});
process.on('uncaughtException', (error) => {
  fatal(error);
  process.exit(2);
});

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  promptPassword: promptPasswordOnTerminal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => fatal(error),
);
