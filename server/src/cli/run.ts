// The CLI run: arguments → files and configs → phase 1 (parse + index entries for every file) →
// one workspace index → phase 2 (lint, and fix passes) → report. Exit codes: 0 clean, 1 errors
// or too many warnings, 2 usage/config/I/O problems (the other files are still linted).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLanguageService, definitionEntries, hasIndexDefinitions, type FileIndexEntries, type LanguageService } from '../service/index.js';
import { HELP, parseCliArgs, UsageError, type CliOptions } from './args.js';
import { isInventoryCommand, runInventory } from './inventory.js';
import { ConfigSet, type RunProblem } from './configs.js';
import { collectFiles } from './discover.js';
import { type FileReport, type Report } from './formatters/index.js';
import { LocalProcessor, WorkerProcessor, type Processor } from './pool.js';
import { decodeSource, describeFsError } from './readSource.js';
import { emitReport } from './report.js';
import { explainRule, listRulesJson, listRulesTable, unknownRuleMessage } from './rulesInfo.js';
import type { CliFinding, FileProblem, ParseReply, WorkFile } from './types.js';
import { VERSION } from './version.js';
import type { Connect } from '../vcenter/types.js';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  readStdin(): Promise<Buffer>;
  /** `inventory`: opens a vCenter session (default: the real client; tests pass a fake). */
  connect?: Connect;
  /** `inventory`: reads a password without echo; resolves undefined without a terminal. */
  promptPassword?(prompt: string): Promise<string | undefined>;
}

export const PROGRAM = 'vsphere-csi-lint';
/** Fix passes before giving up on fixes that keep producing new fixes. */
export const MAX_FIX_PASSES = 10;
const WORKER_MIN_FILES = 32;
const WORKER_MIN_BYTES = 1024 * 1024;
const FILES_PER_WORKER = 16;

const toPosix = (p: string) => p.split(path.sep).join('/');
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const service = createLanguageService();
  if (isInventoryCommand(argv)) return runInventory(argv.slice(1), io, service);
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
    for (const id of Object.keys(options.rules)) {
      if (!service.registry.isKnownRule(id)) throw new UsageError(`--rule: ${unknownRuleMessage(id, service.rules)}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${PROGRAM}: ${error.message}\nRun "${PROGRAM} --help" for usage.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (options.listRules) {
    io.stdout.write(options.format === 'json' ? listRulesJson(service.rules) : listRulesTable(service.rules));
    return 0;
  }
  if (options.explain !== undefined) {
    const result = explainRule(options.explain, service.rules);
    if (result.ok) {
      io.stdout.write(result.text);
      return 0;
    }
    io.stderr.write(`${PROGRAM}: ${result.message}\n`);
    return 2;
  }
  return lintRun(service, options, io);
}

async function lintRun(service: LanguageService, options: CliOptions, io: CliIo): Promise<number> {
  const { cwd } = io;
  const display = (abs: string) => toPosix(path.relative(cwd, abs)) || '.';
  const configs = new ConfigSet(service, options.config === undefined ? undefined : path.resolve(cwd, options.config));
  const problems: RunProblem[] = [];

  const args = options.paths.length > 0 ? options.paths : ['.'];
  const discovery = collectFiles(
    args.filter((a) => a !== '-'),
    cwd,
    configs,
  );
  problems.push(...discovery.problems);

  const files: WorkFile[] = [];
  const displayOf = new Map<number, string>();
  const sizeOf = new Map<number, number>();
  let stdinFile: WorkFile | undefined;
  if (args.includes('-')) {
    const abs = path.resolve(cwd, options.stdinFilename ?? '<stdin>');
    const shown = options.stdinFilename === undefined ? '<stdin>' : display(abs);
    let bytes: Buffer | undefined;
    try {
      bytes = await io.readStdin();
    } catch (error) {
      problems.push({ path: abs, message: `cannot read standard input: ${describeFsError(error)}` });
    }
    if (bytes) {
      const decoded = decodeSource(bytes);
      if (!decoded.ok) problems.push({ path: abs, message: decoded.reason });
      else {
        stdinFile = { id: 0, realPath: abs, uri: pathToFileURL(abs).href, config: configs.forFile(abs).index, text: decoded.text, writable: false };
        files.push(stdinFile);
        displayOf.set(0, shown);
      }
    }
  }
  for (const candidate of discovery.files) {
    const uri = pathToFileURL(candidate.path).href;
    if (stdinFile && stdinFile.uri === uri) continue; // --stdin-filename names this file: the stdin text wins
    const id = files.length;
    files.push({ id, realPath: candidate.realPath, uri, config: configs.forFile(candidate.path).index, writable: true });
    displayOf.set(id, display(candidate.path));
    sizeOf.set(id, candidate.size);
  }
  problems.push(...configs.problems);

  const processors = createProcessors(files, sizeOf, configs, options, io);
  const pathOfId = (id: number) => displayOf.get(id)!;
  const fileProblem = (p: FileProblem): RunProblem => ({ path: path.resolve(cwd, pathOfId(p.id)), message: p.message });
  const results = new Map<number, CliFinding[]>();
  try {
    // Parsing takes two rounds: first every file is read and its StorageClasses (and the other
    // index definitions, see scanIndexDefinitions) collected, then every file is parsed in full and
    // linted with those at hand. Round 2's complete entries replace round 1's.
    const entriesByUri = new Map<string, FileIndexEntries>();
    const collect = (replies: ParseReply[]) => {
      for (const reply of replies) {
        for (const e of reply.entries) entriesByUri.set(e.uri, e);
        problems.push(...reply.problems.map(fileProblem));
      }
    };
    collect(await Promise.all(processors.map((p) => p.parse())));
    const definitions = [...entriesByUri.values()].filter(hasIndexDefinitions).map(definitionEntries);
    collect(await Promise.all(processors.map((p) => p.parseRest(definitions))));
    // Phase 2 sees the index of every file of the run; fix passes rebuild it from changed files.
    const lintProblems = new Map<string, RunProblem>();
    for (let pass = 0; ; pass++) {
      const fix = options.fix && pass < MAX_FIX_PASSES;
      const allEntries = [...entriesByUri.values()];
      const replies = await Promise.all(processors.map((p) => p.lint(allEntries, fix)));
      results.clear();
      let changed = 0;
      for (const reply of replies) {
        for (const r of reply.results) results.set(r.id, r.findings);
        for (const p of reply.problems) lintProblems.set(`${p.id}\u0000${p.message}`, fileProblem(p));
        for (const e of reply.changed) entriesByUri.set(e.uri, e);
        changed += reply.changedIds.length;
      }
      if (changed === 0) break;
    }
    problems.push(...lintProblems.values());
    if (options.fix) {
      for (const reply of await Promise.all(processors.map((p) => p.write()))) problems.push(...reply.problems.map(fileProblem));
    }
  } finally {
    await Promise.all(processors.map((p) => p.close()));
  }

  // Assemble the report: files sorted by path, findings by position.
  const reports = new Map<string, FileReport>();
  let allWarnings = 0;
  const keep = (f: CliFinding) => !options.quiet || f.severity === 'error';
  for (const [id, findings] of results) {
    allWarnings += findings.filter((f) => f.severity === 'warning').length;
    reports.set(pathOfId(id), { displayPath: pathOfId(id), findings: findings.filter(keep) });
  }
  for (const [configPath, findings] of configs.findings) {
    const shown = display(configPath);
    const existing = reports.get(shown);
    const merged = [...(existing?.findings ?? []), ...findings].sort(
      (a, b) => a.start - b.start || a.end - b.end || compare(a.ruleId, b.ruleId) || compare(a.message, b.message),
    );
    reports.set(shown, { displayPath: shown, findings: merged });
  }
  const fileReports = [...reports.values()].sort((a, b) => compare(a.displayPath, b.displayPath));
  const shown = fileReports.flatMap((f) => f.findings);
  const counts = {
    errors: shown.filter((f) => f.severity === 'error').length,
    warnings: shown.filter((f) => f.severity === 'warning').length,
    infos: shown.filter((f) => f.severity === 'info').length,
    fixable: shown.filter((f) => f.fix).length,
  };

  const sortedProblems = problems
    .map((p) => ({ ...p, displayPath: p.path === undefined ? undefined : p.path === stdinFile?.realPath && !options.stdinFilename ? '<stdin>' : display(p.path) }))
    .sort((a, b) => compare(a.displayPath ?? '', b.displayPath ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const tooManyWarnings = options.maxWarnings !== undefined && allWarnings > options.maxWarnings;
  let exitCode = sortedProblems.length > 0 ? 2 : counts.errors > 0 || tooManyWarnings ? 1 : 0;

  const uriToPath = new Map(files.map((f) => [f.uri, pathOfId(f.id)] as const));
  const report: Report = {
    cwd,
    files: fileReports,
    problems: sortedProblems.filter((p) => !p.isFinding).map(({ displayPath, line, column, message }) => ({ displayPath, line, column, message })),
    counts,
    rules: service.rules,
    version: VERSION,
    executionSuccessful: exitCode !== 2,
    exitCode,
    pathOfUri: (uri) => uriToPath.get(uri) ?? (uri.startsWith('file:') ? display(fileURLToPath(uri)) : uri),
  };

  for (const p of sortedProblems) {
    const where = p.displayPath === undefined ? '' : `${p.displayPath}${p.line ? `:${p.line}:${p.column ?? 1}` : ''}: `;
    io.stderr.write(`${PROGRAM}: ${where}${p.message}\n`);
  }
  if (tooManyWarnings) io.stderr.write(`${PROGRAM}: too many warnings (${allWarnings}; maximum ${options.maxWarnings})\n`);

  if (!emitReport(report, { format: options.format, output: options.output, color: options.color }, { ...io, cwd }, PROGRAM, display)) exitCode = 2;
  return exitCode;
}

/**
 * Small runs stay in this thread. Large ones are split between this thread and worker threads
 * (one fewer than the cores: this thread takes a share too, which saves starting, compiling and
 * warming up one more isolate); each reads and parses its own files. VSPHERE_CSI_LINT_WORKERS
 * forces the mode: 0 = this thread alone, N = N worker threads besides this one.
 */
function createProcessors(files: WorkFile[], sizeOf: Map<number, number>, configs: ConfigSet, options: CliOptions, io: CliIo): Processor[] {
  const base = { configs: configs.configs, ruleOverrides: options.rules, fixErrorsOnly: options.quiet, twoPhase: !options.fix };
  const onDisk = files.filter((f) => f.text === undefined);
  const inMemory = files.filter((f) => f.text !== undefined);
  const totalBytes = onDisk.reduce((sum, f) => sum + (sizeOf.get(f.id) ?? 0), 0);
  let workers = 0;
  const forced = io.env.VSPHERE_CSI_LINT_WORKERS?.trim();
  if (forced && /^\d+$/.test(forced)) workers = Math.min(Number(forced), Math.max(onDisk.length - 1, 0));
  else if (onDisk.length >= WORKER_MIN_FILES && totalBytes >= WORKER_MIN_BYTES) {
    workers = Math.min(os.availableParallelism() - 1, Math.ceil(onDisk.length / FILES_PER_WORKER) - 1);
    if (workers < 1) workers = 0;
  }
  if (io.env.VSPHERE_CSI_LINT_DEBUG) {
    io.stderr.write(`${PROGRAM}: debug: ${files.length} files, ${totalBytes} bytes, ${workers ? `main thread and ${workers} worker thread${workers === 1 ? '' : 's'}` : 'main thread'}\n`);
  }
  if (workers === 0) return [new LocalProcessor({ ...base, files })];
  // Largest files first, each to the least loaded share: balanced and deterministic. Share 0 is
  // this thread's; it also gets the in-memory files (stdin), which never go to workers.
  const groups = Array.from({ length: workers + 1 }, () => ({ bytes: 0, files: [] as WorkFile[] }));
  const bySize = [...onDisk].sort((a, b) => (sizeOf.get(b.id) ?? 0) - (sizeOf.get(a.id) ?? 0) || a.id - b.id);
  for (const file of bySize) {
    const target = groups.reduce((least, g) => (g.bytes < least.bytes ? g : least), groups[0]!);
    target.files.push(file);
    target.bytes += Math.max(sizeOf.get(file.id) ?? 0, 1);
  }
  const [own, ...others] = groups;
  // Workers first: requests go out to them before this thread starts on its own share.
  const processors: Processor[] = others.filter((g) => g.files.length > 0).map((g) => new WorkerProcessor({ ...base, files: g.files }));
  processors.push(new LocalProcessor({ ...base, files: [...inMemory, ...own!.files] }));
  return processors;
}
