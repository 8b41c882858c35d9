// vm-disks-over-volume-limit on .vmx files: disks on SCSI controllers against the per-node limit.
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint.js';

const RULE = 'vm-disks-over-volume-limit';

/** A whole .vmx with `count` disks spread over four PVSCSI controllers (units 0.., skipping 7). */
function vmxWithDisks(count: number, extra: string[] = []): string {
  const lines = ['virtualHW.version = "19"', 'disk.EnableUUID = "TRUE"'];
  for (let c = 0; c < 4; c++) lines.push(`scsi${c}.present = "TRUE"`, `scsi${c}.virtualDev = "pvscsi"`);
  for (let i = 0; i < count; i++) {
    const controller = i % 4;
    let unit = Math.floor(i / 4);
    if (unit >= 7) unit++;
    lines.push(`scsi${controller}:${unit}.present = "TRUE"`, `scsi${controller}:${unit}.fileName = "disk-${i}.vmdk"`);
  }
  return [...lines, ...extra, ''].join('\n');
}

function findings(text: string, options: { config?: string; others?: Record<string, string> } = {}) {
  const results = lintFiles({ files: { 'node.vmx': text, ...(options.others ?? {}) }, ...(options.config ? { config: options.config } : {}) });
  return (results.get('node.vmx') ?? []).filter((f) => f.ruleId === RULE);
}

describe(RULE, () => {
  it('fires on a whole VM with more disks than 59 volumes plus the boot disk, on the first disk past that', () => {
    const text = vmxWithDisks(61);
    const found = findings(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain('61 disks');
    expect(found[0]!.message).toContain('59 volumes');
    const line = text.split('\n')[found[0]!.range.start.line]!;
    expect(line).toMatch(/^scsi3:15\.present/); // disks are counted by controller, then unit: the 61st is scsi3:15
  });

  it('stays quiet at the limit, on snippets, and for CD-ROMs and absent units or controllers', () => {
    expect(findings(vmxWithDisks(60))).toEqual([]);
    const snippet = vmxWithDisks(70).replace('virtualHW.version = "19"\n', '');
    expect(findings(snippet)).toEqual([]);
    const withCdrom = vmxWithDisks(60, ['scsi3:20.present = "TRUE"', 'scsi3:20.deviceType = "cdrom-image"', 'scsi3:21.present = "FALSE"', 'scsi3:22.fileName = "tools.iso"', 'scsi3:23.present = "TRUE"', 'scsi3:23.fileName = "linux.iso"']);
    expect(findings(withCdrom)).toEqual([]);
    const absent = vmxWithDisks(64).replace('scsi3.present = "TRUE"', 'scsi3.present = "FALSE"');
    expect(findings(absent)).toEqual([]);
  });

  it('uses nodes.maxVolumesPerNode, and 255 with high-pv-node-density on vSphere 8', () => {
    expect(findings(vmxWithDisks(12), { config: 'nodes:\n  maxVolumesPerNode: 10\n' })).toHaveLength(1);
    expect(findings(vmxWithDisks(11), { config: 'nodes:\n  maxVolumesPerNode: 10\n' })).toEqual([]);
    const featureStates = `apiVersion: v1
kind: ConfigMap
metadata:
  name: internal-feature-states.csi.vsphere.vmware.com
  namespace: vmware-system-csi
data:
  high-pv-node-density: "true"
`;
    const text = vmxWithDisks(100);
    expect(findings(text, { config: 'vsphere:\n  version: "8.0.2"\n', others: { 'feature-states.yaml': featureStates } })).toEqual([]);
    expect(findings(text, { config: 'vsphere:\n  version: "7.0.3"\n', others: { 'feature-states.yaml': featureStates } })).toHaveLength(1);
  });
});
