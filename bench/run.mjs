#!/usr/bin/env node
// Benchmark: generates the corpus in a dedicated temp folder, warms the page cache, then runs
// the parse-only baseline and the CLI round-robin as separate child processes, and reports wall
// time, throughput, peak RSS, CPU time and detection quality against the ground truth.
//
//   node bench/run.mjs [--files N] [--runs N] [--seed S] [--quick]
//   (npm run bench builds first; env BENCH_RUNS sets the default number of runs)
//
// Writes bench/out/results.json and bench/out/summary.md. It never asserts timings.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-corpus.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const CLI = path.join(ROOT, 'server', 'dist', 'cli.js');
const BASELINE = path.join(BENCH_DIR, 'baseline-parse.mjs');
const PRELOAD = path.join(BENCH_DIR, 'lib', 'report-usage.cjs');
const OUT_DIR = path.join(BENCH_DIR, 'out');
/** The only folder this script ever deletes. */
const WORK_DIR = path.join(os.tmpdir(), 'vsphere-csi-lint-bench');
const TARGETS = { ratio: 1.0, rssMB: 300 };

function parseArgs(argv) {
  const envRuns = process.env.BENCH_RUNS !== undefined ? Number(process.env.BENCH_RUNS) : undefined;
  const envIdle = process.env.BENCH_WAIT_IDLE !== undefined ? Number(process.env.BENCH_WAIT_IDLE) : undefined;
  const args = { files: 2000, runs: envRuns ?? 3, seed: '1', quick: false, waitIdle: envIdle ?? 20, otherShare: 0.05 };
  let runsGiven = envRuns !== undefined;
  let filesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${a} needs a value`); return v; };
    if (a === '--files') { args.files = Number(val()); filesGiven = true; }
    else if (a === '--runs') { args.runs = Number(val()); runsGiven = true; }
    else if (a === '--seed') args.seed = val();
    else if (a === '--other-share') args.otherShare = Number(val());
    else if (a === '--quick') args.quick = true;
    else if (a === '--wait-idle') args.waitIdle = Number(val());
    else if (a === '--help' || a === '-h') { console.log('usage: node bench/run.mjs [--files N] [--runs N] [--seed S] [--quick] [--wait-idle SECONDS] [--other-share 0.05]'); process.exit(0); }
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.quick) {
    if (!filesGiven) args.files = 200;
    if (!runsGiven) args.runs = 1;
  }
  if (!Number.isInteger(args.files) || args.files < 10) throw new Error('--files must be an integer ≥ 10');
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs / BENCH_RUNS must be an integer ≥ 1');
  if (!Number.isFinite(args.otherShare) || args.otherShare < 0) throw new Error('--other-share must be a number ≥ 0');
  if (!Number.isFinite(args.waitIdle) || args.waitIdle < 0) throw new Error('--wait-idle / BENCH_WAIT_IDLE must be a number of seconds ≥ 0');
  return args;
}

function cleanWorkDir() {
  // Safety: only ever remove our own dedicated folder directly under the OS temp dir.
  const resolved = path.resolve(WORK_DIR);
  if (path.dirname(resolved) !== path.resolve(os.tmpdir()) || path.basename(resolved) !== 'vsphere-csi-lint-bench') {
    throw new Error(`refusing to clean ${resolved}`);
  }
  fs.rmSync(resolved, { recursive: true, force: true });
  fs.mkdirSync(resolved, { recursive: true });
}

function listFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function warmPageCache(dir) {
  let bytes = 0;
  for (let pass = 0; pass < 2; pass++) for (const f of listFiles(dir)) bytes += fs.readFileSync(f).length;
  return bytes / 2;
}

/** Machine-wide CPU time so far (ms, summed over cores): busy and total. */
function cpuTimes() {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Other engineers' builds and tests share this machine. Before a timed run, wait (up to
 * `limitS` seconds) until the machine has been at least 85 % idle for one second.
 */
async function waitForIdle(limitS) {
  if (limitS <= 0) return { waitedS: 0, idle: undefined };
  const start = performance.now();
  let idle = 0;
  do {
    const a = cpuTimes();
    await sleep(1000);
    const b = cpuTimes();
    idle = 1 - (b.busy - a.busy) / Math.max(1, b.total - a.total);
    if (idle >= 0.85) break;
  } while (performance.now() - start < limitS * 1000);
  return { waitedS: (performance.now() - start) / 1000, idle };
}

/** Runs one child with the usage preload; stdout/stderr go to files. */
function runChild(tool, args, runIndex) {
  const base = path.join(WORK_DIR, 'runs', `${tool}-${runIndex}`);
  const usageFile = `${base}.usage.json`;
  const stdoutFile = `${base}.stdout`;
  const stderrFile = `${base}.stderr`;
  const outFd = fs.openSync(stdoutFile, 'w');
  const errFd = fs.openSync(stderrFile, 'w');
  return new Promise((resolve, reject) => {
    const cpuBefore = cpuTimes();
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', PRELOAD, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', outFd, errFd],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - start;
      const cpuAfter = cpuTimes();
      fs.closeSync(outFd);
      fs.closeSync(errFd);
      let usage;
      try { usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')); } catch { usage = undefined; }
      // CPU used on the machine during the run by anything but the child, in cores.
      const childCpuMs = usage ? (usage.userCPUMicros + usage.systemCPUMicros) / 1000 : 0;
      const foreignCores = Math.max(0, (cpuAfter.busy - cpuBefore.busy - childCpuMs) / wallMs);
      resolve({ tool, run: runIndex, code, signal, wallMs, usage, foreignCores, stdoutFile, stderrFile });
    });
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (n, d = 2) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(d));

function toolStats(runs, docs) {
  const walls = runs.map((r) => r.wallMs / 1000);
  const rss = runs.map((r) => (r.usage ? r.usage.maxRSSKiB / 1024 : NaN)).filter((x) => !Number.isNaN(x));
  const cpu = runs.map((r) => (r.usage ? (r.usage.userCPUMicros + r.usage.systemCPUMicros) / 1e6 : NaN)).filter((x) => !Number.isNaN(x));
  const med = median(walls);
  return {
    runs: runs.length,
    wallSeconds: { median: med, min: Math.min(...walls), max: Math.max(...walls), all: walls },
    docsPerSecond: docs / med,
    peakRssMB: rss.length ? Math.max(...rss) : undefined,
    cpuSeconds: cpu.length ? median(cpu) : undefined,
    exitCodes: runs.map((r) => r.code),
    foreignLoadCores: { median: median(runs.map((r) => r.foreignCores)), max: Math.max(...runs.map((r) => r.foreignCores)) },
  };
}

// ---------------------------------------------------------------------------------------------
// Detection scoring from SARIF.
/** A SARIF artifact URI (absolute file:, or relative to a uriBaseId or the CLI's cwd) -> corpus-relative posix path. */
function sarifPath(artifact, run, corpus) {
  const decode = (x) => (/^file:/i.test(x) ? fileURLToPath(x) : decodeURIComponent(x));
  const uri = artifact.uri;
  let abs;
  if (/^file:/i.test(uri)) abs = fileURLToPath(uri);
  else if (path.isAbsolute(decodeURIComponent(uri))) abs = decodeURIComponent(uri);
  else {
    const base = artifact.uriBaseId ? run.originalUriBaseIds?.[artifact.uriBaseId]?.uri : undefined;
    abs = path.resolve(base ? decode(base) : ROOT, decodeURIComponent(uri)); // default: the CLI's cwd
  }
  return path.relative(corpus, abs).split(path.sep).join('/');
}

function scoreDetection(sarif, truth, corpus) {
  const byFile = new Map(truth.files.map((f) => [f.path, f.docs]));
  const run = sarif.runs?.[0] ?? {};
  const rules = run.tool?.driver?.rules ?? [];
  const ruleLevel = new Map(rules.map((r) => [r.id, r.defaultConfiguration?.level]));
  const knownRules = new Set(rules.map((r) => r.id));
  const flagged = new Map(); // doc key -> Set(ruleId)
  const falsePositives = [];
  const advisories = [];
  const levelsByDoc = new Map(); // doc key -> Map(ruleId -> Set(level))
  const unmapped = [];
  let findings = 0;
  for (const result of run.results ?? []) {
    findings++;
    const ruleId = result.ruleId ?? rules[result.ruleIndex]?.id ?? '?';
    const level = result.level ?? ruleLevel.get(ruleId) ?? 'warning';
    const loc = result.locations?.[0]?.physicalLocation;
    if (!loc?.artifactLocation?.uri) { unmapped.push({ ruleId, level, reason: 'no location', message: result.message?.text }); continue; }
    const rel = sarifPath(loc.artifactLocation, run, corpus);
    const line = loc.region?.startLine ?? 1;
    const docs = byFile.get(rel);
    const d = docs?.find((x) => line >= x.start && line <= x.end);
    if (!d) { unmapped.push({ ruleId, level, file: rel, line, message: result.message?.text }); continue; }
    const key = `${rel}#${d.start}`;
    if (!flagged.has(key)) flagged.set(key, new Set());
    flagged.get(key).add(ruleId);
    if (!levelsByDoc.has(key)) levelsByDoc.set(key, new Map());
    const lv = levelsByDoc.get(key);
    if (!lv.has(ruleId)) lv.set(ruleId, new Set());
    lv.get(ruleId).add(level);
    if (!d.defect && (level === 'error' || level === 'warning')) {
      const item = { ruleId, level, file: rel, line, kind: d.kind, name: d.name, message: result.message?.text };
      if (d.acceptable?.includes(ruleId)) advisories.push(item);
      else falsePositives.push(item);
    }
  }

  const perDefect = {};
  const otherRulesOnDefects = {};
  for (const f of truth.files) {
    for (const d of f.docs) {
      if (!d.defect) continue;
      const meta = truth.defects[d.defect];
      const entry = (perDefect[d.defect] ??= { rule: meta.rule, total: 0, detected: 0, levels: {}, implemented: knownRules.size ? knownRules.has(meta.rule) : undefined, missed: [] });
      entry.total++;
      const got = flagged.get(`${f.path}#${d.start}`);
      if (got?.has(meta.rule)) {
        entry.detected++;
        for (const l of levelsByDoc.get(`${f.path}#${d.start}`).get(meta.rule)) entry.levels[l] = (entry.levels[l] ?? 0) + 1;
      }
      else if (entry.missed.length < 5) entry.missed.push({ file: f.path, line: d.start, reported: got ? [...got] : [] });
      for (const r of got ?? []) if (r !== meta.rule) otherRulesOnDefects[r] = (otherRulesOnDefects[r] ?? 0) + 1;
    }
  }
  const fpByRule = {};
  const fpDocs = new Set();
  for (const fp of falsePositives) {
    fpByRule[fp.ruleId] = (fpByRule[fp.ruleId] ?? 0) + 1;
    fpDocs.add(`${fp.file}#${fp.kind}/${fp.name}`);
  }
  const examples = {};
  for (const fp of falsePositives) (examples[fp.ruleId] ??= []).length < 3 && examples[fp.ruleId].push(fp);
  return {
    findings,
    rulesInSarif: knownRules.size,
    perDefect,
    falsePositives: { findings: falsePositives.length, documents: fpDocs.size, byRule: fpByRule, examples },
    acceptedAdvisories: { findings: advisories.length, byRule: advisories.reduce((m, a) => ((m[a.ruleId] = (m[a.ruleId] ?? 0) + 1), m), {}), examples: advisories.slice(0, 3) },
    otherRulesOnDefectiveDocs: otherRulesOnDefects,
    unmapped: { count: unmapped.length, examples: unmapped.slice(0, 5) },
  };
}

// ---------------------------------------------------------------------------------------------
function gitCommit() {
  try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return undefined; }
}

function table(headers, rows) {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const loadStart = os.loadavg();
  cleanWorkDir();
  const corpus = path.join(WORK_DIR, 'corpus');
  fs.mkdirSync(path.join(WORK_DIR, 'runs'));
  const genStart = performance.now();
  const { truth, truthPath } = generate({ out: corpus, files: args.files, seed: args.seed, otherShare: args.otherShare });
  const genMs = performance.now() - genStart;
  const { files, documents: docs, bytes } = truth.totals;
  const mib = bytes / 1048576;
  console.log(`corpus: ${files} files (${truth.totals.otherFiles ?? 0} not YAML), ${docs} documents, ${fmt(mib)} MiB, ${truth.totals.defective} defective (${fmt(genMs / 1000)} s) in ${corpus}`);
  warmPageCache(corpus);

  const cliAvailable = fs.existsSync(CLI);
  if (!cliAvailable) console.log(`note: ${path.relative(ROOT, CLI)} not found (run npm run build); measuring the baseline only`);
  const tools = [
    { name: 'baseline', label: 'baseline (parse only, 1 thread)', args: [BASELINE, corpus], okCodes: [0] },
    ...(cliAvailable ? [{ name: 'cli', label: 'vsphere-csi-lint CLI (sarif)', args: [CLI, '--format', 'sarif', corpus], okCodes: [0, 1] }] : []),
  ];
  const results = Object.fromEntries(tools.map((t) => [t.name, []]));
  for (let i = 0; i < args.runs; i++) {
    const order = i % 2 === 0 ? tools : [...tools].reverse();
    for (const tool of order) {
      const idle = await waitForIdle(args.waitIdle);
      const r = await runChild(tool.name, tool.args, i);
      r.idleBefore = idle;
      if (!tool.okCodes.includes(r.code)) {
        const err = fs.readFileSync(r.stderrFile, 'utf8').slice(0, 2000);
        throw new Error(`${tool.name} run ${i + 1} exited with ${r.code ?? r.signal}:\n${err}`);
      }
      if (!r.usage) console.warn(`warning: ${tool.name} run ${i + 1} wrote no usage report`);
      results[tool.name].push(r);
      const idleNote = idle.idle === undefined ? '' : `  (machine ${fmt(100 * idle.idle, 0)} % idle before, waited ${fmt(idle.waitedS, 0)} s)`;
      console.log(`  run ${i + 1}/${args.runs} ${tool.name.padEnd(8)} ${fmt(r.wallMs / 1000)} s  exit ${r.code}  other load ${fmt(r.foreignCores)} cores${idleNote}`);
    }
  }

  const baselineOut = JSON.parse(fs.readFileSync(results.baseline[0].stdoutFile, 'utf8'));
  // The baseline parses the YAML files only; the corpus may also hold files in the linter's other languages.
  const yamlFiles = truth.totals.yamlFiles ?? files;
  const yamlDocs = truth.totals.yamlDocuments ?? docs;
  if (baselineOut.docs !== yamlDocs || baselineOut.files !== yamlFiles) {
    console.warn(`warning: baseline saw ${baselineOut.files} files / ${baselineOut.docs} docs, ground truth has ${yamlFiles} YAML files / ${yamlDocs} docs`);
  }
  const stats = Object.fromEntries(tools.map((t) => [t.name, toolStats(results[t.name], docs)]));
  const ratio = stats.cli ? stats.cli.wallSeconds.median / stats.baseline.wallSeconds.median : undefined;

  let detection;
  if (stats.cli) {
    const text = fs.readFileSync(results.cli[0].stdoutFile, 'utf8');
    try {
      detection = scoreDetection(JSON.parse(text), truth, corpus);
    } catch (error) {
      detection = { error: `could not read the CLI's SARIF: ${error.message}` };
    }
  }

  // ----- report
  const perfRows = tools.map((t) => {
    const s = stats[t.name];
    return [t.label, `${fmt(s.wallSeconds.median)} (${fmt(s.wallSeconds.min)}–${fmt(s.wallSeconds.max)})`, fmt(s.docsPerSecond, 0), fmt(s.peakRssMB, 0), fmt(s.cpuSeconds),
      `${fmt(s.foreignLoadCores.median)} (max ${fmt(s.foreignLoadCores.max)})`];
  });
  const lines = [];
  lines.push(`## vsphere-csi-lint benchmark`);
  lines.push('');
  lines.push(`Corpus: ${docs} documents, ${files} files (${truth.totals.otherFiles ?? 0} of them csi-vsphere.conf, .vmx or shell scripts, one document each), ${fmt(mib)} MiB (seed ${args.seed}, ${truth.totals.defective} defective). ${args.runs} run(s) per tool, round-robin, page cache warm.`);
  lines.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}; commit ${gitCommit() ?? '?'}.`);
  lines.push('');
  lines.push(table(['tool', 'wall s, median (min–max)', 'docs/s', 'peak RSS MB', 'CPU s', 'other load, cores'], perfRows));
  lines.push('');
  lines.push(`Peak RSS is the largest maxRSS of the runs (MB = 2^20 bytes); CPU s is the median user+system time of the process (all threads). "Other load" is CPU used on the machine by other processes during the runs, in cores (of ${os.cpus().length}); much above 0.2 means the wall times are disturbed.`);
  lines.push('');
  if (ratio !== undefined) {
    const ratioPass = ratio <= TARGETS.ratio;
    const rssPass = stats.cli.peakRssMB !== undefined && stats.cli.peakRssMB < TARGETS.rssMB;
    lines.push(table(['target', 'measured', 'result'], [
      [`CLI wall / baseline wall ≤ ${fmt(TARGETS.ratio, 1)}`, fmt(ratio), ratioPass ? 'PASS' : 'FAIL'],
      [`CLI peak RSS < ${TARGETS.rssMB} MB`, `${fmt(stats.cli.peakRssMB, 0)} MB`, rssPass ? 'PASS' : 'FAIL'],
    ]));
    lines.push('');
    lines.push(`For reference (not a target): CLI CPU / baseline CPU = ${fmt(stats.cli.cpuSeconds / stats.baseline.cpuSeconds)}; on ${os.cpus().length} cores the CLI can only beat the single-threaded baseline's wall time if this stays well under ${os.cpus().length}.`);
  } else {
    lines.push('CLI not built: no ratio.');
  }
  if (detection && !detection.error) {
    lines.push('');
    lines.push(`### Detection (${detection.findings} findings in the SARIF, ${detection.rulesInSarif} rules listed)`);
    lines.push('');
    const rows = Object.entries(detection.perDefect).sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, e]) => [
      id, `\`${e.rule}\`${e.implemented === false ? ' (not in SARIF rules)' : ''}`, `${e.detected}/${e.total}`, `${fmt((100 * e.detected) / e.total, 0)} %`,
      Object.entries(e.levels).map(([l, n]) => `${l} ${n}`).join(', ') || '–']);
    const tot = Object.values(detection.perDefect).reduce((a, e) => [a[0] + e.detected, a[1] + e.total], [0, 0]);
    rows.push(['**all**', '', `${tot[0]}/${tot[1]}`, `${fmt((100 * tot[0]) / tot[1], 0)} %`, '']);
    lines.push(table(['defect', 'expected rule', 'flagged', 'recall', 'SARIF level'], rows));
    lines.push('');
    const fp = detection.falsePositives;
    lines.push(`False positives (warning/error findings in the ${docs - truth.totals.defective} correct documents): ${fp.findings} findings in ${fp.documents} documents.`);
    if (fp.findings) {
      lines.push('');
      lines.push(table(['rule', 'findings', 'example'], Object.entries(fp.byRule).sort((a, b) => b[1] - a[1]).map(([r, n]) => {
        const ex = fp.examples[r][0];
        return [`\`${r}\``, String(n), `${ex.file}:${ex.line} ${ex.kind}/${ex.name}: ${(ex.message ?? '').replace(/\|/g, '\\|').slice(0, 140)}`];
      })));
    }
    const adv = detection.acceptedAdvisories;
    if (adv.findings) lines.push('', `Accepted advisories on correct documents (not counted as false positives): ${Object.entries(adv.byRule).map(([r, n]) => `${r} ×${n}`).join(', ')} — e.g. ${adv.examples[0].file}:${adv.examples[0].line} ${adv.examples[0].kind}/${adv.examples[0].name}.`);
    if (detection.unmapped.count) lines.push('', `Findings outside any document span: ${detection.unmapped.count} (e.g. ${JSON.stringify(detection.unmapped.examples[0])}).`);
    const other = Object.entries(detection.otherRulesOnDefectiveDocs);
    if (other.length) lines.push('', `Other rules also reported on defective documents (not scored): ${other.sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ×${n}`).join(', ')}.`);
  } else if (detection?.error) {
    lines.push('', detection.error);
  }
  const summary = lines.join('\n') + '\n';
  console.log('\n' + summary);

  fs.mkdirSync(OUT_DIR, { recursive: true });
  const json = {
    generatedAt: new Date().toISOString(),
    loadAverage: { start: loadStart, end: os.loadavg() },
    commit: gitCommit(),
    node: process.version,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1), platform: `${os.platform()} ${os.release()}` },
    args,
    corpus: { path: corpus, truth: truthPath, files, documents: docs, bytes, mib: +mib.toFixed(3), defective: truth.totals.defective, generatorSeconds: +(genMs / 1000).toFixed(3) },
    baselineOutput: baselineOut,
    tools: stats,
    ratio,
    targets: ratio === undefined ? undefined : {
      ratio: { limit: TARGETS.ratio, value: ratio, pass: ratio <= TARGETS.ratio },
      peakRssMB: { limit: TARGETS.rssMB, value: stats.cli.peakRssMB, pass: stats.cli.peakRssMB < TARGETS.rssMB },
    },
    detection,
  };
  fs.writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify(json, null, 2) + '\n');
  fs.writeFileSync(path.join(OUT_DIR, 'summary.md'), summary);
  console.log(`wrote ${path.relative(process.cwd(), path.join(OUT_DIR, 'results.json'))} and summary.md; corpus kept in ${WORK_DIR}`);
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
