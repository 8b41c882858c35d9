// auditNodeVms: node VMs read from vCenter, checked by the .vmx rules, each finding naming the VM.
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../server/src/service/index.js';
import { auditNodeVms, hardwareVersionNumber, MESSAGE_REWRITES, renderVmx, vmUri } from '../../server/src/service/inventory/audit.js';
import { configFrom } from '../helpers/lint.js';
import { nodeVm } from './fakes.js';

const service = createLanguageService();
const SERVER = 'vc.example.com';

const broken = nodeVm('k8s-node-2', {
  hardwareVersion: 'vmx-13',
  extraConfig: { 'devices.hotplug': 'FALSE', 'fsr.maxSwitchoverSeconds': '200s' },
  controllers: [
    { type: 'lsilogic', busNumber: 0, diskCount: 1 },
    { type: 'pvscsi', busNumber: 1, diskCount: 3 },
  ],
  diskCount: 4,
});

function ids(findings: { ruleId: string }[]): string[] {
  return findings.map((f) => f.ruleId).sort();
}

describe('auditNodeVms', () => {
  it('reports each VM with the .vmx rules, every finding naming the VM in its location and message', () => {
    const [quiet, bad] = auditNodeVms(service, [nodeVm('k8s-node-1'), broken], { server: SERVER });
    expect(quiet!.findings).toEqual([]);
    expect(quiet!.uri).toBe('vcenter://vc.example.com/DC0/vm/k8s/k8s-node-1');

    expect(bad!.uri).toBe('vcenter://vc.example.com/DC0/vm/k8s/k8s-node-2');
    expect(ids(bad!.findings)).toEqual(['vm-disk-uuid-disabled', 'vm-hardware-version-old', 'vm-hotplug-disabled', 'vm-non-pvscsi-controller', 'vm-switchover-timeout']);
    for (const finding of bad!.findings) {
      expect(finding.uri).toBe(bad!.uri);
      expect(finding.message.startsWith('VM k8s-node-2: ')).toBe(true);
      expect(finding.message).not.toContain('.vmx file');
      expect(finding.fix).toBeUndefined();
      expect(finding.suggestions).toBeUndefined();
    }
    const severity = Object.fromEntries(bad!.findings.map((f) => [f.ruleId, f.severity]));
    expect(severity).toEqual({
      'vm-hotplug-disabled': 'error',
      'vm-disk-uuid-disabled': 'warning', // a whole VM without the key: the file checks' severity
      'vm-hardware-version-old': 'warning',
      'vm-non-pvscsi-controller': 'warning',
      'vm-switchover-timeout': 'error',
    });
    expect(bad!.findings.find((f) => f.ruleId === 'vm-hotplug-disabled')!.message).toContain('devices.hotplug is "FALSE" in its vCenter configuration');
    expect(bad!.findings.find((f) => f.ruleId === 'vm-disk-uuid-disabled')!.message).toMatch(/^VM k8s-node-2: It has no disk\.EnableUUID/);
  });

  it('reports disk.EnableUUID set to FALSE as an error, as in a file', () => {
    const [vm] = auditNodeVms(service, [nodeVm('n', { extraConfig: { 'disk.EnableUUID': 'FALSE' } })], { server: SERVER });
    expect(vm!.findings.map((f) => [f.ruleId, f.severity])).toEqual([['vm-disk-uuid-disabled', 'error']]);
  });

  it('reports a fifth SCSI controller and disks over the per-node limit', () => {
    const crowded = nodeVm('k8s-node-3', {
      controllers: [0, 1, 2, 3].map((busNumber) => ({ type: 'pvscsi', busNumber, diskCount: 15 })).concat([{ type: 'pvscsi', busNumber: 4, diskCount: 1 }]),
      diskCount: 61,
    });
    const [vm] = auditNodeVms(service, [crowded], { server: SERVER });
    expect(ids(vm!.findings)).toEqual(['vm-disks-over-volume-limit', 'vm-too-many-scsi-controllers']);
    const disks = vm!.findings.find((f) => f.ruleId === 'vm-disks-over-volume-limit')!;
    expect(disks.message).toMatch(/^VM k8s-node-3: It has 61 disks on its SCSI controllers/);
  });

  it('applies the config: rule severities and nodes.maxVolumesPerNode', () => {
    const config = configFrom('rules:\n  vm-hotplug-disabled: warning\n  vm-switchover-timeout: off\nnodes:\n  maxVolumesPerNode: 255\n');
    const [vm] = auditNodeVms(service, [broken], { server: SERVER, config, ruleOverrides: { 'vm-hardware-version-old': 'error' } });
    const severity = Object.fromEntries(vm!.findings.map((f) => [f.ruleId, f.severity]));
    expect(severity['vm-hotplug-disabled']).toBe('warning');
    expect(severity['vm-switchover-timeout']).toBeUndefined();
    expect(severity['vm-hardware-version-old']).toBe('error');
  });

  it('keeps VMs without paths, and VMs of the same name, apart', () => {
    const a = nodeVm('twin', { path: undefined, extraConfig: { 'devices.hotplug': 'FALSE', 'disk.EnableUUID': 'TRUE' } });
    const b = nodeVm('twin', { path: undefined });
    const [first, second] = auditNodeVms(service, [a, b], { server: 'https://vc.example.com:8443/sdk' });
    expect(first!.uri).toBe('vcenter://vc.example.com:8443/vm/twin');
    expect(second!.uri).not.toBe(first!.uri);
    expect(first!.findings).toHaveLength(1);
    expect(second!.findings).toHaveLength(0);
  });
});

describe('renderVmx', () => {
  it('writes a whole .vmx: hardware version, controllers, disks (skipping unit 7) and advanced settings', () => {
    const text = renderVmx(nodeVm('n', { controllers: [{ type: 'lsilogic-sas', busNumber: 0, diskCount: 9 }, { type: 'nvme', busNumber: 0, diskCount: 1 }], extraConfig: { 'guestinfo.note': 'say "hi" | bye', 'bad key': 'x', 'scsi0.virtualDev': 'pvscsi' } }));
    expect(text).toContain('virtualHW.version = "19"');
    expect(text).toContain('scsi0.virtualDev = "lsisas1068"');
    expect(text).toContain('scsi0:8.present = "TRUE"');
    expect(text).not.toContain('scsi0:7.');
    expect(text).toContain('scsi0:9.present = "TRUE"');
    expect(text).toContain('nvme0:0.present = "TRUE"');
    expect(text).toContain('guestinfo.note = "say |22hi|22 |7C bye"');
    expect(text).not.toContain('bad key');
    expect(text).not.toContain('"pvscsi"'); // extraConfig cannot override the hardware facts
    expect(service.parse({ uri: 'vcenter://x/vm/n', text, language: 'vmx' }).fragments[0]!.problems).toEqual([]);
  });

  it('reads vmx-NN hardware versions, and names VMs by path', () => {
    expect(hardwareVersionNumber('vmx-19')).toBe('19');
    expect(hardwareVersionNumber('vmx-09')).toBe('9');
    expect(hardwareVersionNumber('19')).toBe('19');
    expect(hardwareVersionNumber('weird')).toBeUndefined();
    expect(vmUri('vc', { name: 'a b', path: '/DC 1/vm/a b' })).toBe('vcenter://vc/DC%201/vm/a%20b');
  });

  it('rewrites only phrases the rules still use', () => {
    const messages = auditNodeVms(service, [broken, nodeVm('m', { extraConfig: {} })], { server: SERVER }).flatMap((vm) => vm.findings.map((f) => f.message));
    // Every rewrite is exercised by some finding (a rule rewording its message shows up here).
    expect(messages.some((m) => m.includes('in its vCenter configuration'))).toBe(true);
    expect(messages.some((m) => /: It has no disk\.EnableUUID/.test(m))).toBe(true);
    expect(MESSAGE_REWRITES).toHaveLength(2);
  });
});
