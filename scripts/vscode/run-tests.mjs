// Runs the extension-host suite (test/vscode/suite) in a real VS Code: code-server 4.100.3
// (VS Code 1.100.3) driven by Debian's chromium through playwright-core, all installed by
// scripts/vscode/setup.sh. Then the UI smoke test clicks through the same server.
//
//   1. bundle the suite, package the extension (.vsix) unless --vsix is given;
//   2. start code-server on 127.0.0.1 (free port) with throw-away user-data and extension dirs,
//      in its own process group, and install the .vsix into it;
//   3. start the vCenter simulator (test/helpers/vcsim.ts, bundled) with a seed and pass its URL,
//      user, password, CA file and seeded policy names to the suite in VSPHERE_CSI_TEST_VCENTER
//      (or why it is unavailable in VSPHERE_CSI_TEST_VCENTER_UNAVAILABLE: the Pull Inventory tests
//      then skip loudly, or fail under CI);
//   4. open a copy of test/vscode/fixture with the suite as extensionTestsPath and wait for
//      its exit code (the workbench reports it through window.codeAutomationExit);
//   5. UI smoke test on another copy of the fixture (scripts/vscode/ui-smoke.mjs), then the Pull
//      Inventory UI test on a third (scripts/vscode/ui-inventory.mjs: the command's input boxes,
//      certificate dialog and notifications against the simulator); screenshots in
//      test-results/vscode/. The simulator's password must not reach this process's output, the
//      server and extension logs or the workspace files: the run fails if it does;
//   6. always kill the whole process group (server, extension host, language server, watchers)
//      and stop the simulator.
//
// usage: node scripts/vscode/run-tests.mjs [--vsix FILE] [--no-ui] [--screenshots DIR]
// env:   VSCODE_TEST_TOOLS (default .vscode-test/tools), CHROMIUM (default /usr/bin/chromium),
//        VSCODE_TEST_TIMEOUT_MS (suite, default 300000), VSCODE_TEST_GREP (mocha grep),
//        VERBOSE=1 (browser and server logs), KEEP_TMP=1
// exit:  0 passed, 1 a test failed, 2 the harness could not run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import util from 'node:util';
import { buildSuite, buildVcsimHelper, root } from './build-suite.mjs';
import { runUiInventory } from './ui-inventory.mjs';
import { runUiSmoke } from './ui-smoke.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = !!process.env.VERBOSE;
const tools = path.resolve(process.env.VSCODE_TEST_TOOLS ?? path.join(root, '.vscode-test', 'tools'));
const codeServer = path.join(tools, 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const suiteTimeout = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 300_000);
const resultsDir = path.resolve(option('--screenshots') ?? path.join(root, 'test-results', 'vscode'));
const inCi = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

const timings = [];
const t0 = Date.now();
async function timed(label, fn) {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    timings.push([label, Date.now() - start]);
  }
}
const log = (...parts) => console.log(`[vscode-tests] ${util.format(...parts)}`);

let server; // code-server, leader of its own process group
let tmp;
let browser;

function killServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function stopServer() {
  if (!server) return;
  killServer();
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(-server.pid, 0);
    } catch {
      return; // the whole group is gone
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

function cleanup() {
  killServer();
  if (tmp && !process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    cleanup();
    process.exit(2);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function copyFixture(name) {
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(root, 'test', 'vscode', 'fixture'), dir, { recursive: true });
  return dir;
}

/** Environment for code-server and its children: nothing is read from or written to the real ~. */
function serverEnv(extra = {}) {
  const xdg = path.join(tmp, 'xdg');
  return {
    ...process.env,
    ...extra,
    XDG_CONFIG_HOME: xdg,
    XDG_DATA_HOME: xdg,
    XDG_CACHE_HOME: xdg,
    EXTENSIONS_GALLERY: '{}', // no marketplace queries
  };
}

function serverArgs() {
  return ['--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions')];
}

function packageVsix() {
  const out = path.join(root, '.vscode-test', 'vsphere-csi-lint.vsix');
  if (!fs.existsSync(path.join(root, 'client', 'dist', 'extension.js'))) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
  return out;
}

/** What the simulator is seeded with; the suite reads the policy names from its environment. */
const VCSIM_SEED = {
  vcenter: { version: '8.0.2' },
  esxiVersion: '8.0.2',
  storagePolicies: [{ name: 'k8s-gold' }, { name: 'k8s-silver' }],
  datastores: [{ name: 'vsanDatastore', type: 'vsan' }],
};

/**
 * Starts the seeded vCenter simulator. Resolves to the environment the suite gets and a stop
 * function. When the simulator cannot be built here, the environment says why instead (the
 * helper prints a loud banner; under CI it throws, which ends up in the same variable and makes
 * the suite fail).
 */
async function startSimulator() {
  const helper = createRequire(import.meta.url)(await buildVcsimHelper());
  let status;
  try {
    status = helper.vcsimStatus();
  } catch (error) {
    status = { available: false, reason: error?.message ?? String(error) };
  }
  if (!status.available) {
    log(`vCenter simulator unavailable: ${status.reason}`);
    return { env: { VSPHERE_CSI_TEST_VCENTER_UNAVAILABLE: status.reason }, stop: async () => undefined };
  }
  const vc = await helper.startVcsim(VCSIM_SEED);
  log(`vCenter simulator ${vc.url} (pid ${vc.pid})`);
  const info = { server: vc.server, user: vc.user, password: vc.password, caFile: vc.caFile, storagePolicies: VCSIM_SEED.storagePolicies.map((p) => p.name) };
  return { env: { VSPHERE_CSI_TEST_VCENTER: JSON.stringify(info) }, stop: () => vc.stop() };
}

async function main() {
  if (!fs.existsSync(codeServer)) {
    console.error(`[vscode-tests] ${codeServer} is missing: run scripts/vscode/setup.sh first`);
    return 2;
  }
  const simulator = await timed('start vCenter simulator', () => startSimulator());
  if (simulator.env.VSPHERE_CSI_TEST_VCENTER) guardOutput(secretsOf(JSON.parse(simulator.env.VSPHERE_CSI_TEST_VCENTER)));
  try {
    return await runAll(simulator.env);
  } finally {
    await simulator.stop();
  }
}

/** The simulator's password and its basic-auth form: neither may appear in any output. */
function secretsOf(vcenter) {
  return [vcenter.password, Buffer.from(`${vcenter.user}:${vcenter.password}`).toString('base64')];
}

const leaks = []; // where a secret showed up
let searchedForSecrets = false; // the logs and workspace files have been searched

/** Masks the secrets in everything this process writes, and remembers that one had to be masked. */
function guardOutput(secrets) {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!secrets.some((s) => text.includes(s))) return write(chunk, ...rest);
      leaks.push(`the output of this run (${stream === process.stdout ? 'stdout' : 'stderr'})`);
      let masked = text;
      for (const secret of secrets) masked = masked.split(secret).join('***');
      return write(masked, ...rest.filter((r) => typeof r === 'function'));
    };
  }
}

/** Files under `dir` (recursively) that contain a secret. */
function filesWithSecrets(dir, secrets) {
  const found = [];
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return; // removed meanwhile
    }
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else if (stat.isFile() && stat.size < 50 * 1024 * 1024 && secrets.some((s) => fs.readFileSync(p).includes(s))) found.push(path.relative(tmp, p));
  };
  visit(dir);
  return found;
}

function loud(lines) {
  const bar = '!'.repeat(100);
  console.warn([bar, ...lines.map((l) => `!!! ${l}`), bar].join('\n'));
}

/** Steps 1, 2 and 4 to 6 of the list at the top; `suiteEnv` reaches the extension host. */
async function runAll(suiteEnv) {
  const require = createRequire(path.join(tools, 'package.json'));
  const { chromium } = require('playwright-core');

  const suite = await timed('bundle suite', () => buildSuite());
  const vsix = path.resolve(option('--vsix') ?? (await timed('package .vsix', () => packageVsix())));
  log(`extension: ${path.relative(root, vsix)} (${Math.round(fs.statSync(vsix).size / 1024)} KB)`);

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-vscode-'));
  fs.mkdirSync(path.join(tmp, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'user-data', 'User', 'settings.json'),
    JSON.stringify(
      {
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'workbench.enableExperiments': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'git.enabled': false,
        'files.hotExit': 'off',
        'editor.hover.delay': 200,
      },
      null,
      1,
    ),
  );
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');

  await timed('install .vsix', () => {
    const install = spawnSync(codeServer, [...serverArgs(), '--install-extension', vsix, '--force'], { env: serverEnv(), encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
    if (verbose) log(install.stdout.trim());
  });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = path.join(tmp, 'code-server.log');
  await timed('start code-server', async () => {
    const out = fs.openSync(serverLog, 'w');
    server = spawn(
      codeServer,
      [
        '--config', path.join(tmp, 'config.yaml'),
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...serverArgs(),
      ],
      { env: serverEnv(suiteEnv), detached: true, stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}:\n${fs.readFileSync(serverLog, 'utf8')}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600) throw new Error('code-server did not answer /healthz within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  log(`code-server ${base} (process group ${server.pid})`);

  const home = path.join(tmp, 'browser-home');
  const launchBrowser = (profile) =>
    chromium.launchPersistentContext(path.join(tmp, profile), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 900 },
      // Keep chromium's crash reports and caches out of the real home directory.
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  browser = await timed('start chromium', () => launchBrowser('chromium-profile'));

  let suiteCode;
  try {
    suiteCode = await timed('extension-host suite', () => runSuite(base, port, suite, copyFixture('workspace')));
  } catch (error) {
    console.error(`[vscode-tests] the suite could not run: ${error?.stack ?? error}`);
    suiteCode = 2;
  }
  log(`extension-host suite exit code: ${suiteCode}`);

  let uiCode = 0;
  if (!args.includes('--no-ui')) {
    try {
      await timed('UI smoke test', () => runUiSmoke({ context: browser, baseUrl: base, folder: copyFixture('ui-workspace'), outDir: resultsDir, log }));
      log('UI smoke test passed');
    } catch (error) {
      uiCode = 1;
      console.error(`[vscode-tests] UI smoke test failed: ${error?.stack ?? error}`);
    }
    if (suiteEnv.VSPHERE_CSI_TEST_VCENTER) {
      // A browser profile of its own: the workbench keeps SecretStorage in the browser (code-server:
      // encrypted in localStorage), where the suite has already stored the simulator's password.
      let context;
      try {
        context = await launchBrowser('chromium-profile-inventory');
        const vcenter = JSON.parse(suiteEnv.VSPHERE_CSI_TEST_VCENTER);
        const userSettings = path.join(tmp, 'user-data', 'User', 'settings.json');
        const machineSettings = path.join(tmp, 'user-data', 'Machine', 'settings.json'); // code-server's "Remote" settings
        await timed('UI inventory test', () =>
          runUiInventory({ context, baseUrl: base, folder: copyFixture('ui-inventory-workspace'), outDir: resultsDir, userSettings, machineSettings, log, vcenter }),
        );
        log('UI inventory test passed');
      } catch (error) {
        uiCode = 1;
        console.error(`[vscode-tests] UI inventory test failed: ${error?.stack ?? error}`);
      } finally {
        await context?.close().catch(() => undefined);
      }
    } else {
      const reason = suiteEnv.VSPHERE_CSI_TEST_VCENTER_UNAVAILABLE ?? 'unknown';
      if (inCi) {
        uiCode = 1;
        console.error(`[vscode-tests] UI inventory test failed: the vCenter simulator is unavailable and CI is set: ${reason}`);
      } else {
        loud([`VCENTER SIMULATOR UNAVAILABLE, SKIPPING the Pull Inventory UI test: ${reason}`]);
      }
    }
  }

  await browser.close().catch(() => undefined);
  browser = undefined;
  if (suiteEnv.VSPHERE_CSI_TEST_VCENTER) {
    // The password went through input boxes, the extension host and the language server: none of
    // them may have logged or written it (the browser profile, where the workbench keeps the
    // secret storage, is not searched).
    const secrets = secretsOf(JSON.parse(suiteEnv.VSPHERE_CSI_TEST_VCENTER));
    const searched = [serverLog, path.join(tmp, 'user-data'), ...fs.readdirSync(tmp).filter((d) => d.includes('workspace')).map((d) => path.join(tmp, d))];
    leaks.push(...searched.flatMap((p) => filesWithSecrets(p, secrets)));
    searchedForSecrets = true;
  }
  if (suiteCode !== 0 || uiCode !== 0 || verbose) console.log(`---- code-server log ----\n${fs.readFileSync(serverLog, 'utf8')}\n---- end of code-server log ----`);
  return suiteCode === 2 ? 2 : suiteCode || uiCode;
}

/** Opens the workbench on `folder` with the suite as extensionTestsPath; resolves to its exit code. */
async function runSuite(base, port, suite, folder) {
  const page = browser.pages()[0] ?? (await browser.newPage());
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const timer = setTimeout(() => finish(`timeout after ${suiteTimeout} ms`), suiteTimeout);
  server.once('exit', (code) => finish(`code-server exited (${code})`));
  page.on('pageerror', (error) => verbose && console.log(`[pageerror] ${error.message}`));
  if (verbose) page.on('console', (message) => console.log(`[browser] ${message.text()}`));
  // The workbench calls these two when it runs extension tests (as @vscode/test-web uses them):
  // extension-host console output, then the exit code of run().
  const noise = /^(Resolving|Resolved|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|Ignoring fetching additional builtin)/;
  await page.exposeFunction('codeAutomationLog', (type, parts) => {
    const line = util.format(...(Array.isArray(parts) ? parts : [parts]));
    if (verbose || !noise.test(line)) (type === 'error' ? console.error : console.log)(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  // Extension paths are remote URIs whose authority is the Host header code-server sees.
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(suite.runner)],
    ['extensionTestsPath', remote(suite.index)],
  ];
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await finished;
  clearTimeout(timer);
  await page.close().catch(() => undefined);
  if (typeof code !== 'number') {
    console.error(`[vscode-tests] ${code}`);
    return 2;
  }
  return code === 0 ? 0 : 1;
}

let exitCode;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[vscode-tests] ${error?.stack ?? error}`);
  exitCode = 2;
} finally {
  if (browser) await browser.close().catch(() => undefined);
  await stopServer();
}
if (leaks.length) {
  console.error(`[vscode-tests] FAILED: the vCenter password appeared in ${[...new Set(leaks)].join(', ')}`);
  if (exitCode === 0) exitCode = 1;
} else if (searchedForSecrets) {
  log('the vCenter password appeared in no output, log or workspace file');
}
timings.push(['total', Date.now() - t0]);
log(`timings: ${timings.map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
process.exit(exitCode);
