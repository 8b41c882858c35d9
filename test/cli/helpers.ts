// Runs the BUILT command line (server/dist/cli.js, made by `npm run build`) on temporary trees.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'server', 'dist', 'cli.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function assertBuilt(): void {
  if (!fs.existsSync(CLI) || !fs.existsSync(path.join(ROOT, 'server', 'dist', 'worker.js'))) {
    throw new Error('server/dist/cli.js is missing: run `npm run build` first (`npm test` does it for you).');
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
}

export function run(args: string[], options: RunOptions): RunResult {
  const env: Record<string, string | undefined> = { ...process.env };
  // Tests see exactly what a pipe sees: no inherited colour settings, and the default worker choice.
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.VSPHERE_CSI_LINT_WORKERS;
  delete env.VSPHERE_CSI_LINT_DEBUG;
  Object.assign(env, options.env ?? {});
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Creates a temporary folder with the given files (relative path → text or bytes). */
export function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-lint-cli-')));
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  return dir;
}

export function write(dir: string, name: string, content: string | Buffer): void {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** A copy of a fixture tree under test/fixtures/cli in a temporary folder (tests may modify it). */
export function fixture(name: string): string {
  const dir = tree({});
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface JsonMessage {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { title: string; edits: Array<{ start: number; end: number; newText: string }> };
  suggestions?: Array<{ title: string; edits: unknown[] }>;
}

export interface JsonFile {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export function json(result: RunResult): JsonFile[] {
  try {
    return JSON.parse(result.stdout) as JsonFile[];
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** `rule@line` for each message of a file with the given rule ids (other rules are ignored). */
export function hits(files: JsonFile[], filePath: string, ...ruleIds: string[]): string[] {
  const file = files.find((f) => f.filePath === filePath);
  if (!file) throw new Error(`no ${filePath} in output: ${files.map((f) => f.filePath).join(', ')}`);
  return file.messages.filter((m) => ruleIds.includes(m.ruleId)).map((m) => `${m.ruleId}@${m.line}`);
}

// Manifests whose findings are stable while other rules are added.

/** A vSphere CSI StorageClass with one key the driver rejects (sc-unknown-parameter on line 7). */
export const BAD_CLASS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: csi.vsphere.vmware.com
parameters:
  storagePolicy: "Gold"
`;

/** Nothing a vSphere CSI rule looks at. */
export const CLEAN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;

/** Only an unused suppression (a warning with a safe fix) on line 5. */
export const UNUSED_SUPPRESSION = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings # keep this comment
# vsphere-csi-lint-disable-next-line sc-unknown-parameter -- nothing to suppress
data:
  mode: fast # and this one
`;

/** A YAML syntax error on line 2. */
export const BROKEN = `a: [1, 2
b: 3
`;
