// `inventory pull` and `inventory audit` end to end: the real vCenter client against the simulator.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../server/src/cli/run.js';
import { parseConfigText } from '../../server/src/service/config.js';
import { startVcsim, vcsimStatus, type Vcsim } from '../helpers/vcsim.js';

const status = vcsimStatus();

describe.skipIf(!status.available)('inventory against the vCenter simulator', () => {
  let vc: Vcsim;
  let cwd: string;
  beforeAll(async () => {
    vc = await startVcsim({
      vcenter: { version: '8.0.2' },
      esxiVersion: '7.0.3',
      storagePolicies: [{ name: 'k8s-gold' }],
      datastores: [{ name: 'vsanDatastore', type: 'vsan' }],
      tagCategories: [
        { name: 'k8s-zone', associableTypes: ['ClusterComputeResource', 'HostSystem'] },
        { name: 'k8s-region', associableTypes: ['Datacenter'] },
        { name: 'backup', associableTypes: ['VirtualMachine'] },
      ],
      vms: [
        { name: 'k8s-node-1', folder: 'k8s', hardwareVersion: 'vmx-19', extraConfig: { 'disk.EnableUUID': 'TRUE' }, controllers: [{ type: 'pvscsi', disks: 1 }] },
        { name: 'k8s-node-2', folder: 'k8s', hardwareVersion: 'vmx-13', extraConfig: { 'devices.hotplug': 'FALSE', 'disk.EnableUUID': 'TRUE' }, controllers: [{ type: 'lsilogic', disks: 1 }] },
      ],
    });
    cwd = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-vcsim-cli-')));
  }, 120_000);
  afterAll(async () => {
    await vc?.stop();
    if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
  });

  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      cwd,
      env: { VSPHERE_SERVER: vc.server, VSPHERE_USER: vc.user, VSPHERE_PASSWORD: vc.password },
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      readStdin: async () => Buffer.alloc(0),
    };
    const code = await runCli(args, io);
    expect(stdout + stderr).not.toContain(vc.password);
    return { code, stdout, stderr };
  }

  it('pull --write creates a valid .vsphere-csi.yaml; a second run changes nothing', async () => {
    const first = await cli(['inventory', 'pull', '--ca-file', vc.caFile, '--write']);
    expect(first.stderr).toContain('created');
    expect(first.stderr).toMatch(/: note: vSAN File Services unknown for vsanDatastore .*HTTP 404\)\n/);
    expect(first.code).toBe(0);
    const text = fs.readFileSync(path.join(cwd, '.vsphere-csi.yaml'), 'utf8');
    const parsed = parseConfigText(text, 'file:///ws/.vsphere-csi.yaml', () => true);
    expect(parsed.problems).toEqual([]);
    expect(parsed.config.storagePolicies).toContain('k8s-gold');
    expect(parsed.config.datastores!.map((d) => d.name)).toContain('vsanDatastore');
    expect(parsed.config.topology).toEqual({ categories: ['k8s-region', 'k8s-zone'] });
    expect(parsed.config.vsphere.version).toBe('7.0.3');

    const second = await cli(['inventory', 'pull', '--thumbprint', vc.thumbprintSha256, '--write']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('up to date');
    expect(fs.readFileSync(path.join(cwd, '.vsphere-csi.yaml'), 'utf8')).toBe(text);
  });

  it('refuses an untrusted certificate without --ca-file (exit 2, one line)', async () => {
    const run = await cli(['inventory', 'pull']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/not trusted/);
  });

  it('audit reports the broken node VM, naming it', async () => {
    const run = await cli(['inventory', 'audit', '--ca-file', vc.caFile, '--vm-folder', 'k8s', '--format', 'json']);
    expect(run.code).toBe(1);
    const files = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    const bad = files.find((f) => f.filePath.endsWith('/k8s-node-2'))!;
    expect(bad.messages.map((m) => m.ruleId).sort()).toEqual(['vm-hardware-version-old', 'vm-hotplug-disabled', 'vm-non-pvscsi-controller']);
    for (const m of bad.messages) expect(m.message).toMatch(/^VM k8s-node-2: /);
    expect(files.find((f) => f.filePath.endsWith('/k8s-node-1'))!.messages).toEqual([]);
  });
});
