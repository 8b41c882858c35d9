// `vsphere-csi-lint inventory pull|audit`, run in-process with a fake vCenter injected through the
// CLI's I/O object: flags, environment, exit codes, output formats, and that the password never shows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../server/src/cli/run.js';
import { VCenterError } from '../../server/src/vcenter/types.js';
import { fakeVCenter, nodeVm, pulledInventory, type FakeVCenter } from './fakes.js';

const PASSWORD = 'S3cret-Pa55word!';
const ENV = { VSPHERE_SERVER: 'vc.example.com', VSPHERE_USER: 'audit@vsphere.local', VSPHERE_PASSWORD: PASSWORD };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-inventory-')));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: string[],
  options: { fake?: FakeVCenter; env?: Record<string, string>; cwd?: string; prompt?: (prompt: string) => Promise<string | undefined> } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: options.cwd ?? tempDir(),
    env: options.env ?? { ...ENV },
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t) },
    readStdin: async () => Buffer.alloc(0),
    connect: (options.fake ?? fakeVCenter()).connect,
    ...(options.prompt ? { promptPassword: options.prompt } : {}),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const vms = [
  nodeVm('k8s-node-1'),
  nodeVm('k8s-node-2', { hardwareVersion: 'vmx-13', extraConfig: { 'devices.hotplug': 'FALSE', 'disk.EnableUUID': 'TRUE' } }),
  nodeVm('other-vm', { extraConfig: {} }),
];

describe('inventory pull', () => {
  it('prints the inventory YAML on stdout without --write, and passes the credentials and TLS defaults', async () => {
    const fake = fakeVCenter();
    const run = await cli(['inventory', 'pull'], { fake });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('storagePolicies:');
    expect(run.stdout).toContain('ds:///vmfs/volumes/1a2b3c4d-5e6f7a8b/');
    expect(fake.calls).toEqual([{ server: 'vc.example.com', user: 'audit@vsphere.local', password: PASSWORD, timeoutMs: 30_000 }]);
    expect(fake.logouts).toBe(1);
  });

  it('--write updates the current folder\'s .vsphere-csi.yaml atomically and summarises on stderr', async () => {
    const cwd = tempDir({ '.vsphere-csi.yaml': '# ours\nstoragePolicies:\n  - gold\n  - bronze\nrules:\n  sc-unknown-parameter: off\n' });
    const fake = fakeVCenter();
    const run = await cli(['inventory', 'pull', '--server', 'vc2.example.com', '--datacenter', 'DC0', '--write'], { fake, cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('.vsphere-csi.yaml: updated from vc2.example.com');
    expect(run.stderr).toContain('1 removed (bronze)');
    expect(fake.pullOptions).toEqual([{ datacenter: 'DC0' }]);
    const written = fs.readFileSync(path.join(cwd, '.vsphere-csi.yaml'), 'utf8');
    expect(written).toContain('# ours');
    expect(written).toContain('sc-unknown-parameter: off');
    expect(written).not.toContain('bronze');
    expect(fs.readdirSync(cwd)).toEqual(['.vsphere-csi.yaml']); // no temporary file left

    const again = await cli(['inventory', 'pull', '--write', '.vsphere-csi.yaml'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('up to date');
    expect(fs.readFileSync(path.join(cwd, '.vsphere-csi.yaml'), 'utf8')).toBe(written);
  });

  it('--write FILE creates the file', async () => {
    const cwd = tempDir();
    const run = await cli(['inventory', 'pull', '--write', 'conf/inv.yaml'], { cwd: (fs.mkdirSync(path.join(cwd, 'conf')), cwd) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('conf/inv.yaml: created');
    expect(fs.readFileSync(path.join(cwd, 'conf', 'inv.yaml'), 'utf8')).toContain('vsanDatastore');
  });

  it('refuses to touch a malformed file (exit 2), before connecting', async () => {
    const bad = 'storagePolicies: [gold\n';
    const cwd = tempDir({ '.vsphere-csi.yaml': bad });
    const fake = fakeVCenter();
    const run = await cli(['inventory', 'pull', '--write'], { cwd, fake });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.vsphere-csi\.yaml: the configuration is not valid YAML \(line \d\)/);
    expect(fs.readFileSync(path.join(cwd, '.vsphere-csi.yaml'), 'utf8')).toBe(bad);
    expect(fake.calls).toEqual([]);
    const shaped = tempDir({ '.vsphere-csi.yaml': 'datastores: ds1\n' });
    const refused = await cli(['inventory', 'pull'], { cwd: shaped, fake });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('datastores in the configuration is not a list');
    expect(fake.calls).toEqual([]);
  });

  it('prints help', async () => {
    const run = await cli(['inventory', 'pull', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--write [FILE]');
    expect(run.stdout).toContain('VSPHERE_PASSWORD');
    expect((await cli(['inventory', '--help'])).stdout).toContain('inventory <pull|audit>');
    expect((await cli(['--help'])).stdout).toContain('inventory pull');
  });
});

describe('inventory audit', () => {
  it('reports findings per VM in stylish format, each naming the VM; exit 1 on errors', async () => {
    const fake = fakeVCenter({ vms });
    const run = await cli(['inventory', 'audit', '--vms', 'k8s-node-*'], { fake });
    expect(run.code).toBe(1);
    expect(fake.selectors).toEqual([{ namePattern: 'k8s-node-*' }]);
    expect(run.stdout).toContain('vcenter://vc.example.com/DC0/vm/k8s/k8s-node-2');
    expect(run.stdout).not.toContain('k8s-node-1\n'); // a quiet VM has no section
    expect(run.stdout).toContain('VM k8s-node-2: devices.hotplug');
    expect(run.stdout).toContain('vm-hardware-version-old');
    expect(run.stdout).not.toContain('fixable');
    expect(run.stdout).not.toContain('other-vm');
  });

  it('exit 0 for clean VMs; --vm-folder and --datacenter go to the selector', async () => {
    const fake = fakeVCenter({ vms: [nodeVm('k8s-node-1')] });
    const run = await cli(['inventory', 'audit', '--vm-folder', '/DC0/vm/k8s', '--datacenter', 'DC0'], { fake });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(fake.selectors).toEqual([{ folder: '/DC0/vm/k8s', datacenter: 'DC0' }]);
  });

  it('json: one entry per VM, quiet ones included with zero counts', async () => {
    const run = await cli(['inventory', 'audit', '--vms', 'k8s-*', '--format', 'json'], { fake: fakeVCenter({ vms }) });
    const files = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }>; errorCount: number }>;
    expect(files.map((f) => f.filePath)).toEqual(['vcenter://vc.example.com/DC0/vm/k8s/k8s-node-1', 'vcenter://vc.example.com/DC0/vm/k8s/k8s-node-2']);
    expect(files[0]!.messages).toEqual([]);
    expect(files[1]!.messages.map((m) => m.ruleId).sort()).toEqual(['vm-hardware-version-old', 'vm-hotplug-disabled']);
    for (const m of files[1]!.messages) expect(m.message).toMatch(/^VM k8s-node-2: /);
  });

  it('sarif: results located at the VM URI', async () => {
    const run = await cli(['inventory', 'audit', '--vms', 'k8s-*', '--format', 'sarif'], { fake: fakeVCenter({ vms }) });
    const log = JSON.parse(run.stdout);
    const results = log.runs[0].results as Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }>;
    expect(results.length).toBe(2);
    for (const r of results) {
      expect(r.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'vcenter://vc.example.com/DC0/vm/k8s/k8s-node-2' });
      expect(r.message.text).toMatch(/^VM k8s-node-2: /);
    }
    expect(log.runs[0].invocations[0].exitCode).toBe(1);
    // Valid SARIF 2.1.0 (the official schema, as the file formats are checked).
    const require = createRequire(__filename);
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('github: one annotation per finding naming the VM', async () => {
    const run = await cli(['inventory', 'audit', '--vms', 'k8s-*', '--format', 'github'], { fake: fakeVCenter({ vms }) });
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(2);
    for (const a of annotations) {
      expect(a).toContain('file=vcenter%3A//vc.example.com/DC0/vm/k8s/k8s-node-2');
      expect(a).toContain('::VM k8s-node-2: ');
    }
    expect(annotations.some((a) => a.startsWith('::error '))).toBe(true);
    expect(annotations.some((a) => a.startsWith('::warning '))).toBe(true);
  });

  it('applies .vsphere-csi.yaml rule settings, --rule, --quiet and --max-warnings', async () => {
    const cwd = tempDir({ '.vsphere-csi.yaml': 'rules:\n  vm-hotplug-disabled: warning\n' });
    const relaxed = await cli(['inventory', 'audit', '--vms', 'k8s-*', '--format', 'json'], { cwd, fake: fakeVCenter({ vms }) });
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain('"severity":"warning"');
    expect(relaxed.stdout).not.toContain('"severity":"error"');
    const capped = await cli(['inventory', 'audit', '--vms', 'k8s-*', '--max-warnings', '1'], { cwd, fake: fakeVCenter({ vms }) });
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain('too many warnings (2; maximum 1)');
    const strict = await cli(['inventory', 'audit', '--vms', 'k8s-*', '--rule', 'vm-hotplug-disabled=off', '--rule', 'vm-hardware-version-old=off'], { cwd, fake: fakeVCenter({ vms }) });
    expect(strict.code).toBe(0);
    const quiet = await cli(['inventory', 'audit', '--vms', 'k8s-*', '-q', '--format', 'json'], { cwd, fake: fakeVCenter({ vms }) });
    expect(quiet.stdout).not.toContain('"ruleId"');
  });

  it('an invalid config is reported and makes the run exit 2', async () => {
    const cwd = tempDir({ '.vsphere-csi.yaml': 'rules:\n  vm-hotplug-disabld: off\n' });
    const run = await cli(['inventory', 'audit', '--vms', 'k8s-*'], { cwd, fake: fakeVCenter({ vms }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown rule "vm-hotplug-disabld"');
  });

  it('no VM matched, or no selection: exit 2', async () => {
    const none = await cli(['inventory', 'audit', '--vms', 'db-*'], { fake: fakeVCenter({ vms }) });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no VMs match --vms db-*');
    const unselected = await cli(['inventory', 'audit']);
    expect(unselected.code).toBe(2);
    expect(unselected.stderr).toContain('--vm-folder FOLDER or --vms GLOB');
  });

  it('prints help', async () => {
    const run = await cli(['inventory', 'audit', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--vm-folder');
    expect(run.stdout).toContain('sarif');
  });
});

describe('credentials, TLS and errors', () => {
  it('takes --server/--user over the environment, and prompts for the password on a terminal', async () => {
    const fake = fakeVCenter();
    const prompts: string[] = [];
    const run = await cli(['inventory', 'pull', '--server', 'https://vc3.example.com:8443', '--user', 'me@corp'], {
      fake,
      env: { VSPHERE_SERVER: 'ignored', VSPHERE_USER: 'ignored' },
      prompt: async (p) => {
        prompts.push(p);
        return 'typed-secret';
      },
    });
    expect(run.code).toBe(0);
    expect(prompts).toEqual(['Password for me@corp on vc3.example.com:8443: ']);
    expect(fake.calls[0]).toMatchObject({ server: 'https://vc3.example.com:8443', user: 'me@corp', password: 'typed-secret' });
    expect(run.stdout + run.stderr).not.toContain('typed-secret');
  });

  it('usage errors exit 2: no server, no user, no password without a terminal, --password, bad values', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['inventory', 'pull'], { VSPHERE_USER: 'u', VSPHERE_PASSWORD: 'p' }, /--server HOST or set VSPHERE_SERVER/],
      [['inventory', 'pull'], { VSPHERE_SERVER: 's', VSPHERE_PASSWORD: 'p' }, /--user NAME or set VSPHERE_USER/],
      [['inventory', 'pull'], { VSPHERE_SERVER: 's', VSPHERE_USER: 'u' }, /VSPHERE_PASSWORD is not set and there is no terminal/],
      [['inventory', 'pull', '--password', 'x'], ENV, /--password is not accepted/],
      [['inventory', 'pull', '--timeout', '0'], ENV, /--timeout expects a number of seconds/],
      [['inventory', 'pull', '--thumbprint', 'nope'], ENV, /--thumbprint expects/],
      [['inventory', 'pull', '--insecure', '--thumbprint', 'AA'.repeat(20)], ENV, /cannot be combined/],
      [['inventory', 'pull', '--ca-file', 'missing.pem'], ENV, /--ca-file missing\.pem: no such file/],
      [['inventory', 'audit', '--vms', 'x', '--format', 'xml'], ENV, /unknown format "xml"/],
      [['inventory', 'audit', '--vms', 'x', '--rule', 'vm-nope=off'], ENV, /unknown rule "vm-nope"/],
      [['inventory', 'frobnicate'], ENV, /.*/],
      [['inventory'], ENV, /inventory needs a command/],
    ];
    for (const [args, env, message] of cases) {
      const fake = fakeVCenter();
      const run = await cli(args, { env, fake });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      if (args[1] !== 'frobnicate') expect(fake.calls, args.join(' ')).toEqual([]);
    }
  });

  it('passes --timeout, --ca-file and --thumbprint through', async () => {
    const cwd = tempDir({ 'ca.pem': '-----BEGIN CERTIFICATE-----\n' });
    const fake = fakeVCenter();
    const thumbprint = Array.from({ length: 32 }, () => 'ab').join(':');
    await cli(['inventory', 'pull', '--timeout', '2.5', '--ca-file', 'ca.pem'], { fake, cwd });
    await cli(['inventory', 'pull', '--thumbprint', thumbprint], { fake, cwd });
    expect(fake.calls[0]).toMatchObject({ timeoutMs: 2500, caFile: path.join(cwd, 'ca.pem') });
    expect(fake.calls[1]).toMatchObject({ thumbprint });
    expect(fake.calls[1]!.insecure).toBeUndefined();
  });

  it('--insecure works but warns every time', async () => {
    const fake = fakeVCenter({ vms });
    for (let i = 0; i < 2; i++) {
      const run = await cli(['inventory', 'audit', '--vms', 'k8s-*', '--insecure'], { fake });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/warning: --insecure: the TLS certificate of vc\.example\.com is not verified/);
    }
    expect(fake.calls.every((c) => c.insecure === true)).toBe(true);
  });

  it('vCenter errors become one line and exit 2, without the password; the session is closed', async () => {
    const kinds: Array<[Error, RegExp]> = [
      [new VCenterError('unreachable', 'cannot connect to vc.example.com: connection refused'), /^vsphere-csi-lint: cannot connect to vc\.example\.com: connection refused$/],
      [new VCenterError('timeout', 'vc.example.com did not answer within 30 s (Login)'), /did not answer within 30 s \(Login\) \(raise the limit with --timeout SECONDS\)/],
      [new VCenterError('tls', 'the certificate of vc.example.com is not trusted (self-signed)'), /not trusted \(self-signed\)$/],
      [new VCenterError('auth', `vc.example.com rejected the user name or password (${PASSWORD})`), /rejected the user name or password \(\*\*\*\)$/],
      [new VCenterError('privilege', 'PbmQueryProfile needs StorageProfile.View, which the user does not have'), /needs StorageProfile\.View, .*docs\/inventory\.md/],
      [new VCenterError('unsupported', 'vc.example.com has no vSphere Automation REST API'), /has no vSphere Automation REST API$/],
      [new Error(`boom\nstack with ${PASSWORD}`), /vc\.example\.com: unexpected error: boom$/m],
    ];
    for (const [error, message] of kinds) {
      for (const failOn of ['connect', 'pull'] as const) {
        const fake = fakeVCenter({ fail: error, failOn });
        const run = await cli(['inventory', 'pull'], { fake });
        expect(run.code).toBe(2);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr.trim()).toMatch(message);
        expect(run.stdout + run.stderr).not.toContain(PASSWORD);
        expect(fake.logouts).toBe(failOn === 'connect' ? 0 : 1);
      }
    }
    const audit = await cli(['inventory', 'audit', '--vms', 'x'], { fake: fakeVCenter({ fail: new VCenterError('not-found', 'VM folder "k8s" not found (looked for /DC0/vm/k8s)'), failOn: 'list' }) });
    expect(audit.code).toBe(2);
    expect(audit.stderr).toContain('vsphere-csi-lint: VM folder "k8s" not found');
  });

  it('never writes the password to any file or output', async () => {
    const cwd = tempDir();
    const runs = [
      await cli(['inventory', 'pull', '--write'], { cwd }),
      await cli(['inventory', 'audit', '--vms', 'k8s-*', '--format', 'sarif', '-o', 'report.sarif'], { cwd, fake: fakeVCenter({ vms }) }),
      await cli(['inventory', 'audit', '--vms', 'k8s-*', '--format', 'json'], { cwd, fake: fakeVCenter({ vms }) }),
    ];
    for (const run of runs) expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    for (const name of fs.readdirSync(cwd)) expect(fs.readFileSync(path.join(cwd, name), 'utf8')).not.toContain(PASSWORD);
    expect(fs.readdirSync(cwd).sort()).toEqual(['.vsphere-csi.yaml', 'report.sarif']);
  });

  it('a folder named inventory is still linted when written as a path', async () => {
    const cwd = tempDir();
    fs.mkdirSync(path.join(cwd, 'inventory'));
    const run = await cli(['./inventory'], { cwd });
    expect(run.code).toBe(0);
  });
});
