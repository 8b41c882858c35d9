// `vsphere-csi-lint inventory pull|audit`: the command-line side of reading vCenter. Credentials
// and TLS options become ConnectionOptions for the injected `connect`; what comes back goes through
// the pure service (inventory/merge.ts, inventory/audit.ts) and the usual formatters. Passwords are
// never printed, written or put in an error message.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LineIndex, type LanguageService, type SeveritySetting } from '../service/index.js';
import { auditNodeVms } from '../service/inventory/audit.js';
import { checkMergeable, InventoryMergeError, mergeInventory, summarizeChanges } from '../service/inventory/merge.js';
import { connect as vcenterConnect, DEFAULT_TIMEOUT_MS } from '../vcenter/index.js';
import { VCenterError, type Connect, type ConnectionOptions, type VCenterSession, type VmSelector } from '../vcenter/types.js';
import { parseReportFlags, REPORT_OPTIONS, UsageError } from './args.js';
import { writeFileAtomic } from './atomicWrite.js';
import { CONFIG_NAMES, ConfigSet } from './configs.js';
import { FORMAT_NAMES, type FileReport, type Report } from './formatters/index.js';
import { emitReport } from './report.js';
import { toCliFinding } from './processor.js';
import { describeFsError, readSource } from './readSource.js';
import { unknownRuleMessage } from './rulesInfo.js';
import type { CliFinding } from './types.js';
import { VERSION } from './version.js';

const PROGRAM = 'vsphere-csi-lint';

/** What `inventory` needs from its caller besides the plain CLI I/O. */
export interface InventoryIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Opens a vCenter session; defaults to the real client (tests pass a fake). */
  connect?: Connect;
  /** Reads a password without echo; resolves undefined when there is no terminal to ask on. */
  promptPassword?(prompt: string): Promise<string | undefined>;
}

export const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;

const CONNECTION_HELP = `Connection:
      --server HOST        vCenter host name or URL (default: $VSPHERE_SERVER)
      --user NAME          User name, e.g. k8s-audit@vsphere.local (default: $VSPHERE_USER)
                           The password is read from $VSPHERE_PASSWORD, or asked for
                           (without echo) on a terminal. It is never printed or written.
      --datacenter NAME    Only this datacenter (default: every datacenter)
      --ca-file FILE       PEM file of a private CA to trust besides the system's CAs
      --thumbprint HEX     Trust exactly the server certificate with this SHA-1 or SHA-256
                           fingerprint (AA:BB:...) instead of checking its CA
      --insecure           Do not verify the server certificate (warns on every run;
                           anyone on the network path could read the password)
      --timeout SECONDS    Per-request timeout (default: ${DEFAULT_TIMEOUT_SECONDS})
  -h, --help               Print this help

Environment: VSPHERE_SERVER, VSPHERE_USER, VSPHERE_PASSWORD.
`;

export const INVENTORY_HELP = `Usage: vsphere-csi-lint inventory <pull|audit> [options]

Reads vCenter (read-only) for the linter:
  pull    the inventory part of .vsphere-csi.yaml: storage policies, datastores,
          tag categories usable for topology, and the lowest vSphere version
  audit   the node VMs' settings and hardware, checked with the same rules as .vmx files

Run "vsphere-csi-lint inventory pull --help" or "... audit --help" for their options.
A folder named "inventory" is linted with "vsphere-csi-lint ./inventory".
`;

export const PULL_HELP = `Usage: vsphere-csi-lint inventory pull --server HOST [--datacenter DC] [--write [FILE]]

Reads storage policy names (SPBM), datastores (name, URL, type, vSAN file services),
tag categories usable as topology categories and the vCenter and ESXi versions, and
updates storagePolicies, datastores, topology.categories and vsphere.version of
.vsphere-csi.yaml. Comments, key order and every other key of the file are kept.

  Without --write the updated file is printed on standard output (when the current
  folder has no .vsphere-csi.yaml, a new one). With --write the file is replaced
  atomically and what changed is printed on standard error.

Options:
      --write [FILE]       Update FILE (default: .vsphere-csi.yaml or .vsphere-csi.yml
                           of the current folder, created when missing)

${CONNECTION_HELP}
Exit codes: 0 done, 2 usage error, unreadable or invalid file, or vCenter error.
`;

export const AUDIT_HELP = `Usage: vsphere-csi-lint inventory audit --server HOST (--vm-folder F | --vms GLOB) [options]

Reads the node VMs' advanced settings (devices.hotplug, disk.EnableUUID, ...), hardware
version, SCSI controllers and disks, and reports them with the rules, severities and
output formats of the .vmx checks. Each finding names the VM (vcenter://HOST/<path>).

Selecting VMs (one or both):
      --vm-folder FOLDER   VMs in this VM folder and its subfolders (/DC0/vm/k8s or k8s)
      --vms GLOB           VMs whose name matches, e.g. 'k8s-node-*' (quote it)

Options:
  -f, --format NAME        stylish (default), json, sarif, github
  -o, --output FILE        Write the report to FILE (atomically) instead of stdout
  -c, --config FILE        Use this config (default: the nearest .vsphere-csi.yaml
                           from the current folder up); its rules: severities apply
      --rule ID=SEVERITY   Override a rule's severity (repeatable)
      --max-warnings N     Exit with code 1 when there are more than N warnings
  -q, --quiet              Report errors only
      --color, --no-color  Force coloured output on or off

${CONNECTION_HELP}
Exit codes: 0 no errors, 1 errors or more warnings than --max-warnings,
2 usage error, invalid configuration, or vCenter error.
`;

const CONNECTION_OPTIONS = {
  server: { type: 'string' },
  user: { type: 'string' },
  datacenter: { type: 'string' },
  'ca-file': { type: 'string' },
  thumbprint: { type: 'string' },
  insecure: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** SHA-1 (20 bytes) or SHA-256 (32 bytes), hex, with or without colons. */
const THUMBPRINT = /^(?:[0-9a-f]{2}(?::?[0-9a-f]{2}){19}|[0-9a-f]{2}(?::?[0-9a-f]{2}){31})$/i;

interface Connection {
  options: ConnectionOptions;
  /** Host as shown in messages and VM URIs. */
  host: string;
  datacenter: string | undefined;
}

function usageMessage(error: unknown): string {
  const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '.');
  if (/'--password'/.test(message)) return '--password is not accepted (command lines are visible to other users of the machine); set VSPHERE_PASSWORD or type it when asked.';
  return message;
}

/** Turns `--write FILE` (FILE optional) into `--write=FILE`, since parseArgs has no optional values. */
function normalizeWrite(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg === '--write') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        out.push(`--write=${next}`);
        i++;
      } else out.push('--write=');
      continue;
    }
    out.push(arg);
  }
  return out;
}

async function connectionFrom(values: Record<string, unknown>, io: InventoryIo): Promise<Connection> {
  const server = (values.server as string | undefined) ?? io.env.VSPHERE_SERVER;
  if (!server || server.trim() === '') throw new UsageError('no vCenter given: use --server HOST or set VSPHERE_SERVER.');
  const user = (values.user as string | undefined) ?? io.env.VSPHERE_USER;
  if (!user || user.trim() === '') throw new UsageError('no user given: use --user NAME or set VSPHERE_USER.');
  const caFile = values['ca-file'] as string | undefined;
  const thumbprint = (values.thumbprint as string | undefined)?.trim();
  const insecure = values.insecure === true;
  if (insecure && (caFile !== undefined || thumbprint !== undefined)) throw new UsageError('--insecure cannot be combined with --ca-file or --thumbprint, which verify the server.');
  if (caFile === '') throw new UsageError('--ca-file needs a file name.');
  if (thumbprint !== undefined && !THUMBPRINT.test(thumbprint)) {
    throw new UsageError(`--thumbprint expects a SHA-1 or SHA-256 fingerprint in hex (AA:BB:...), got "${thumbprint}".`);
  }
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (values.timeout !== undefined) {
    const text = String(values.timeout).trim();
    if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0) throw new UsageError(`--timeout expects a number of seconds above 0, got "${values.timeout}".`);
    timeoutSeconds = Number(text);
  }
  const datacenter = values.datacenter as string | undefined;
  if (datacenter === '') throw new UsageError('--datacenter needs a name.');
  const resolvedCa = caFile === undefined ? undefined : path.resolve(io.cwd, caFile);
  if (resolvedCa !== undefined) {
    try {
      fs.accessSync(resolvedCa, fs.constants.R_OK);
    } catch (error) {
      throw new UsageError(`--ca-file ${caFile}: ${describeFsError(error)}.`);
    }
  }

  let password = io.env.VSPHERE_PASSWORD;
  if (password === undefined || password === '') {
    const host = hostOf(server);
    password = io.promptPassword ? await io.promptPassword(`Password for ${user.trim()} on ${host}: `) : undefined;
    if (password === undefined) throw new UsageError('VSPHERE_PASSWORD is not set and there is no terminal to ask for the password on.');
  }
  return {
    options: {
      server: server.trim(),
      user: user.trim(),
      password,
      ...(resolvedCa !== undefined ? { caFile: resolvedCa } : {}),
      ...(thumbprint !== undefined ? { thumbprint } : {}),
      ...(insecure ? { insecure: true } : {}),
      timeoutMs: Math.round(timeoutSeconds * 1000),
    },
    host: hostOf(server),
    datacenter,
  };
}

/** `https://vc.example.com:8443/sdk` → `vc.example.com:8443`. */
function hostOf(server: string): string {
  return server.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
}

/** One line for a failure, never containing the password. */
function failureLine(error: unknown, connection: Connection): string {
  const secret = connection.options.password;
  const clean = (text: string) => {
    const line = text.split('\n')[0] ?? text;
    return secret.length > 0 ? line.split(secret).join('***') : line;
  };
  if (error instanceof VCenterError) {
    // The client's messages name the server and what failed; a hint is added where one helps.
    const message = clean(error.message);
    if (error.kind === 'privilege') return `${message} (the read-only privileges needed are listed in docs/inventory.md)`;
    if (error.kind === 'timeout') return `${message} (raise the limit with --timeout SECONDS)`;
    return message;
  }
  return `${connection.host}: unexpected error: ${clean(error instanceof Error ? error.message : String(error))}`;
}

/** Opens the session, runs `work`, always logs out. Failures become one line and exit code 2. */
async function withSession<T>(connection: Connection, io: InventoryIo, work: (session: VCenterSession) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  if (connection.options.insecure) {
    io.stderr.write(`${PROGRAM}: warning: --insecure: the TLS certificate of ${connection.host} is not verified; anyone on the network path could impersonate it and read the password.\n`);
  }
  let session: VCenterSession | undefined;
  try {
    session = await (io.connect ?? vcenterConnect)(connection.options);
    return { ok: true, value: await work(session) };
  } catch (error) {
    io.stderr.write(`${PROGRAM}: ${failureLine(error, connection)}\n`);
    return { ok: false };
  } finally {
    if (session) {
      try {
        await session.logout();
      } catch {
        // The work is done (or has failed already); a failed logout changes nothing for the user.
      }
    }
  }
}

/** `inventory ...` with the arguments after `inventory`. */
export async function runInventory(argv: readonly string[], io: InventoryIo, service: LanguageService): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError('inventory needs a command: pull or audit.');
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(INVENTORY_HELP);
      return 0;
    }
    if (command === 'pull') return await pull(rest, io);
    if (command === 'audit') return await audit(rest, io, service);
    throw new UsageError(`unknown inventory command "${command}"; use pull or audit.`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help = command === 'pull' || command === 'audit' ? `inventory ${command} --help` : 'inventory --help';
    io.stderr.write(`${PROGRAM}: ${error.message}\nRun "${PROGRAM} ${help}" for usage.\n`);
    return 2;
  }
}

/** The file `--write` (without a name) updates: the current folder's config, or a new one there. */
function defaultConfigPath(cwd: string): string {
  for (const name of CONFIG_NAMES) {
    const candidate = path.join(cwd, name);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not there.
    }
  }
  return path.join(cwd, CONFIG_NAMES[0]);
}

async function pull(argv: readonly string[], io: InventoryIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: normalizeWrite(argv), strict: true, allowPositionals: false, options: { ...CONNECTION_OPTIONS, write: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  if (values.help) {
    io.stdout.write(PULL_HELP);
    return 0;
  }
  const display = (abs: string) => path.relative(io.cwd, abs).split(path.sep).join('/') || abs;
  const target = values.write === undefined || values.write === '' ? defaultConfigPath(io.cwd) : path.resolve(io.cwd, values.write);

  // Read the file first: a file that cannot be updated is reported before asking vCenter anything.
  let existing: string | undefined;
  let bom = false;
  if (fs.existsSync(target)) {
    const read = readSource(target);
    if (!read.ok) {
      io.stderr.write(`${PROGRAM}: ${display(target)}: cannot read: ${read.reason}\n`);
      return 2;
    }
    existing = read.source.text;
    bom = read.source.bom;
  }
  try {
    checkMergeable(existing);
  } catch (error) {
    if (!(error instanceof InventoryMergeError)) throw error;
    io.stderr.write(`${PROGRAM}: ${display(target)}: ${error.message}\n`);
    return 2;
  }
  const connection = await connectionFrom(values, io);
  const result = await withSession(connection, io, (session) => session.pullInventory(connection.datacenter !== undefined ? { datacenter: connection.datacenter } : {}));
  if (!result.ok) return 2;
  for (const note of result.value.notes ?? []) io.stderr.write(`${PROGRAM}: note: ${note}\n`);

  let merged;
  try {
    merged = mergeInventory(existing, result.value, { source: connection.host });
  } catch (error) {
    if (!(error instanceof InventoryMergeError)) throw error;
    io.stderr.write(`${PROGRAM}: ${display(target)}: ${error.message}\n`);
    return 2;
  }
  if (values.write === undefined) {
    io.stdout.write(merged.text);
    return 0;
  }
  if (merged.text !== existing) {
    try {
      writeFileAtomic(target, `${bom ? '\uFEFF' : ''}${merged.text}`);
    } catch (error) {
      io.stderr.write(`${PROGRAM}: ${display(target)}: cannot write: ${describeFsError(error)}\n`);
      return 2;
    }
  }
  const summary = summarizeChanges(merged.changes);
  io.stderr.write(`${display(target)}: ${merged.text === existing ? 'up to date' : existing === undefined ? 'created' : 'updated'} from ${connection.host}\n${summary.map((l) => `  ${l}\n`).join('')}`);
  return 0;
}

async function audit(argv: readonly string[], io: InventoryIo, service: LanguageService): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: {
        ...CONNECTION_OPTIONS,
        'vm-folder': { type: 'string' },
        vms: { type: 'string' },
        ...REPORT_OPTIONS,
      },
    });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  const { values, tokens } = parsed;
  if (values.help) {
    io.stdout.write(AUDIT_HELP);
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown format "${format}"; use one of ${FORMAT_NAMES.join(', ')}.`);
  const { rules, maxWarnings, color } = parseReportFlags(values, tokens, 'vm-hardware-version-old=error');
  for (const id of Object.keys(rules)) {
    if (!service.registry.isKnownRule(id)) throw new UsageError(`--rule: ${unknownRuleMessage(id, service.rules)}`);
  }
  if (values.output === '') throw new UsageError('--output needs a file name.');
  if (values.config === '') throw new UsageError('--config needs a file name.');
  const folder = values['vm-folder'];
  const pattern = values.vms;
  if ((folder === undefined || folder.trim() === '') && (pattern === undefined || pattern.trim() === '')) {
    throw new UsageError('choose the node VMs with --vm-folder FOLDER or --vms GLOB (e.g. --vms "k8s-node-*").');
  }

  // The config first: its problems are reported even when vCenter cannot be reached.
  const configs = new ConfigSet(service, values.config === undefined ? undefined : path.resolve(io.cwd, values.config));
  const loaded = configs.forDirectory(io.cwd);
  const display = (abs: string) => path.relative(io.cwd, abs).split(path.sep).join('/') || abs;
  for (const problem of configs.problems) {
    const where = problem.path === undefined ? '' : `${display(problem.path)}${problem.line ? `:${problem.line}:${problem.column ?? 1}` : ''}: `;
    io.stderr.write(`${PROGRAM}: ${where}${problem.message}\n`);
  }

  const connection = await connectionFrom(values, io);
  const selector: VmSelector = {
    ...(folder ? { folder } : {}),
    ...(pattern ? { namePattern: pattern } : {}),
    ...(connection.datacenter !== undefined ? { datacenter: connection.datacenter } : {}),
  };
  const result = await withSession(connection, io, (session) => session.listNodeVms(selector));
  if (!result.ok) return 2;
  if (result.value.length === 0) {
    io.stderr.write(`${PROGRAM}: ${connection.host}: no VMs match ${[folder ? `--vm-folder ${folder}` : '', pattern ? `--vms ${pattern}` : ''].filter(Boolean).join(' and ')}.\n`);
    return 2;
  }

  const audited = auditNodeVms(service, result.value, { server: connection.host, config: loaded.config, ruleOverrides: rules });
  const keep = (f: CliFinding) => !values.quiet || f.severity === 'error';
  let allWarnings = 0;
  const files: FileReport[] = audited.map((vm) => {
    const lines = new LineIndex(vm.text);
    const findings = vm.findings.map((f) => toCliFinding(f, lines));
    allWarnings += findings.filter((f) => f.severity === 'warning').length;
    return { displayPath: vm.uri, findings: findings.filter(keep) };
  });
  files.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  const shown = files.flatMap((f) => f.findings);
  const counts = {
    errors: shown.filter((f) => f.severity === 'error').length,
    warnings: shown.filter((f) => f.severity === 'warning').length,
    infos: shown.filter((f) => f.severity === 'info').length,
    fixable: 0,
  };
  const tooManyWarnings = maxWarnings !== undefined && allWarnings > maxWarnings;
  let exitCode = configs.problems.length > 0 ? 2 : counts.errors > 0 || tooManyWarnings ? 1 : 0;
  if (tooManyWarnings) io.stderr.write(`${PROGRAM}: too many warnings (${allWarnings}; maximum ${maxWarnings})\n`);
  const report: Report = {
    cwd: io.cwd,
    files,
    problems: configs.problems
      .filter((p) => !p.isFinding)
      .map((p) => ({ ...(p.path !== undefined ? { displayPath: display(p.path) } : {}), line: p.line, column: p.column, message: p.message })),
    counts,
    rules: service.rules,
    version: VERSION,
    executionSuccessful: exitCode !== 2,
    exitCode,
    pathOfUri: (uri) => uri,
  };
  if (!emitReport(report, { format, output: values.output, color }, io, PROGRAM, display)) exitCode = 2;
  return exitCode;
}

/**
 * Asks for a password on the terminal without echoing it (standard error carries the prompt).
 * Resolves undefined when standard input is not a terminal; rejects when the user presses Ctrl-C.
 */
export function promptPasswordOnTerminal(prompt: string): Promise<string | undefined> {
  const stdin = process.stdin;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let value = '';
    const wasRaw = stdin.isRaw;
    const finish = (result: string | undefined, error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(value);
        if (ch === '\u0003') return finish(undefined, new UsageError('cancelled.'));
        if (ch === '\u0004') {
          if (value === '') return finish(undefined, new UsageError('no password given.'));
          continue;
        }
        if (ch === '\u007f' || ch === '\b') {
          value = [...value].slice(0, -1).join('');
          continue;
        }
        if (ch < ' ') continue;
        value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

/**
 * Whether the arguments are `inventory ...` rather than paths to lint: `inventory` alone or
 * followed by a command or --help. A folder named inventory is linted as `./inventory`.
 */
export function isInventoryCommand(argv: readonly string[]): boolean {
  if (argv[0] !== 'inventory') return false;
  return argv.length === 1 || ['pull', 'audit', 'help', '--help', '-h'].includes(argv[1]!);
}
