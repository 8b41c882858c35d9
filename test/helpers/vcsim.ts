// Runs the vCenter simulator (scripts/vcsim) for tests.
//
//   const status = vcsimStatus();                // builds it once (scripts/vcsim/setup.sh)
//   describe.skipIf(!status.available)('...', () => {
//     let vc: Vcsim;
//     beforeAll(async () => { vc = await startVcsim({ ... }); });
//     afterAll(() => vc?.stop());
//   });
//
// When the simulator cannot be built here (not root and the Debian packages missing, no apt-get,
// offline), vcsimStatus() says why and prints a loud message so the skipped tests are noticed;
// with CI set it throws instead, so CI never silently skips them. It is synchronous so that
// describe.skipIf can use it while the tests are collected (the first build takes ~40 s, later
// calls ~0.1 s).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const SETUP = path.join(root, 'scripts', 'vcsim', 'setup.sh');

/** What the simulator is seeded with (see scripts/vcsim/README.md). Every field is optional. */
export interface VcsimSeed {
  inventory?: {
    datacenters?: number;
    clusters?: number;
    hostsPerCluster?: number;
    standaloneHosts?: number;
    vmsPerPool?: number;
    localDatastores?: number;
  };
  vcenter?: { version?: string; build?: string };
  /** ESXi version reported by every host; `hostVersions` overrides it per host name. */
  esxiVersion?: string;
  hostVersions?: Record<string, string>;
  storagePolicies?: { name: string; description?: string }[];
  /** Datastores mounted on every host of the datacenter (default DC0). */
  datastores?: { name: string; type?: 'vmfs' | 'vsan' | 'nfs' | 'nfs41' | 'vvol' | 'vsanD' | 'pmem'; url?: string; datacenter?: string }[];
  tagCategories?: { name: string; description?: string; cardinality?: 'SINGLE' | 'MULTIPLE'; associableTypes?: string[]; tags?: string[] }[];
  vms?: {
    name: string;
    datacenter?: string;
    /** Folder below the datacenter's VM folder, created when missing (`k8s/workers`). */
    folder?: string;
    datastore?: string;
    hardwareVersion?: string;
    extraConfig?: Record<string, string>;
    controllers?: { type: 'pvscsi' | 'lsilogic' | 'lsilogic-sas' | 'buslogic' | 'nvme'; disks?: number }[];
  }[];
}

export interface Vcsim {
  /** `https://127.0.0.1:<port>/sdk` */
  url: string;
  /** `127.0.0.1:<port>`, what a user would pass as the server. */
  server: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** PEM of the CA that signed the simulator's certificate. */
  caFile: string;
  thumbprintSha1: string;
  thumbprintSha256: string;
  pid: number;
  stop(): Promise<void>;
}

export type VcsimStatus = { available: true; binary: string } | { available: false; reason: string };

let status: VcsimStatus | undefined;

/** Builds the simulator (once per process); see the top of this file. */
export function vcsimStatus(): VcsimStatus {
  if (status) return status;
  const result = runSetup();
  if (!result.available) {
    if (process.env.CI) throw new Error(`vCenter simulator unavailable: ${result.reason} (CI is set, so the tests that need it fail instead of skipping)`);
    const message = `vCenter simulator unavailable, SKIPPING the tests that need it: ${result.reason}`;
    console.warn(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`);
  }
  status = result;
  return result;
}

function runSetup(): VcsimStatus {
  if (process.platform === 'win32') return { available: false, reason: 'the simulator is built with sh and apt-get (Linux only)' };
  const run = spawnSync('sh', [SETUP], { cwd: root, encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  const lastLine = (s: string | null) => (s ?? '').trim().split('\n').pop() ?? '';
  if (run.error) {
    if ((run.error as NodeJS.ErrnoException).code === 'ENOENT') return { available: false, reason: 'no sh to run scripts/vcsim/setup.sh' };
    throw new Error(`scripts/vcsim/setup.sh could not run: ${run.error.message}`);
  }
  if (run.status === 0) return { available: true, binary: lastLine(run.stdout) };
  if (run.status === 3) return { available: false, reason: lastLine(run.stderr).replace(/^vcsim setup: /, '') };
  throw new Error(`scripts/vcsim/setup.sh failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
}

/** Simulators still running, with their temporary directory. */
const running = new Map<ChildProcess, string>();
process.on('exit', () => {
  // SIGTERM lets the simulator remove its datastore directories; closing its stdin would too.
  for (const [child, dir] of running) {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts a seeded simulator; throws when it is unavailable (check vcsimStatus() first). */
export async function startVcsim(seed: VcsimSeed = {}): Promise<Vcsim> {
  const status = vcsimStatus();
  if (!status.available) throw new Error(`vCenter simulator unavailable: ${status.reason}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcsim-test-'));
  const seedFile = path.join(dir, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(seed));
  // Characters that need escaping in XML and JSON, to check the client escapes what it sends.
  const password = `Pw&<'"-${randomBytes(9).toString('base64url')}`;
  const user = 'administrator@vsphere.local';

  const child = spawn(status.binary, ['-seed', seedFile, '-cert-dir', dir, '-username', user, '-password', password, '-exit-on-stdin-eof'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.set(child, dir);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('the simulator did not get ready within 60 s')), 60_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      running.delete(child);
      fs.rmSync(dir, { recursive: true, force: true });
      reject(new Error(`${e.message}\n${stderr}`));
    };
    const onExit = (code: number | null) => fail(new Error(`the simulator exited (${code}) before it was ready`));
    child.once('error', fail);
    child.once('exit', onExit);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.off('error', fail);
      child.off('exit', onExit);
      try {
        resolve(JSON.parse(out.slice(0, nl)) as Record<string, unknown>);
      } catch {
        fail(new Error(`unexpected simulator output: ${out.slice(0, nl)}`));
      }
    });
  });

  // The simulator must not keep the test process alive (stop() or process exit ends it).
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();

  const host = String(info.host);
  const port = Number(info.port);
  let stopped: Promise<void> | undefined;
  return {
    url: String(info.url),
    server: `${host}:${port}`,
    host,
    port,
    user,
    password,
    caFile: String(info.caFile),
    thumbprintSha1: String(info.thumbprintSha1),
    thumbprintSha256: String(info.thumbprintSha256),
    pid: Number(info.pid),
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        running.delete(child);
        fs.rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
