import { DEFAULT_VOLUME_LIMIT, volumeLimit } from '../../../knowledge/limits.js';
import { volumesCitations } from '../../../rules/workloads/volumesPerNode.js';
import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSetting, VmSettings } from '../model.js';
import { scsiKey, vmxBoolean } from '../values.js';
import { controllers } from './scsiControllers.js';

/** The boot disk, which the driver's per-node limit leaves a slot for. */
const BOOT_DISKS = 1;

export interface AttachedDisk {
  controller: number;
  unit: number;
  /** The first key written for the disk (where a finding about it goes). */
  first: VmSetting;
}

/**
 * The disks a whole .vmx attaches to its SCSI controllers, ordered by controller and unit. A unit
 * counts when it is not marked absent, is marked present or names a file, and is not a CD-ROM.
 */
export function attachedScsiDisks(entries: readonly VmSetting[]): AttachedDisk[] {
  const disks: AttachedDisk[] = [];
  for (const controller of controllers(entries).values()) {
    if (controller.absent) continue;
    const units = new Map<number, VmSetting[]>();
    for (const entry of controller.entries) {
      const unit = scsiKey(entry.key)?.unit;
      if (unit === undefined) continue;
      units.set(unit, [...(units.get(unit) ?? []), entry]);
    }
    for (const [unit, unitEntries] of units) {
      const value = (rest: string) => unitEntries.find((e) => scsiKey(e.key)?.rest === rest)?.value;
      const present = vmxBoolean(value('present'));
      const fileName = value('filename')?.trim();
      const deviceType = value('devicetype')?.trim().toLowerCase();
      if (present === false) continue;
      if (present !== true && !fileName) continue;
      if (deviceType !== undefined && deviceType !== '' && !deviceType.includes('disk')) continue;
      if (fileName && /\.iso$/i.test(fileName)) continue;
      disks.push({ controller: controller.number, unit, first: unitEntries[0]! });
    }
  }
  return disks.sort((a, b) => a.controller - b.controller || a.unit - b.unit);
}

export const vmDisksOverVolumeLimit: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-disks-over-volume-limit',
    defaultSeverity: 'warning',
    category: 'Node VMs',
    description: `A whole VM definition with more disks on its SCSI controllers than the per-node volume limit (${DEFAULT_VOLUME_LIMIT} by default, 255 with high-pv-node-density on vSphere 8) plus the boot disk.`,
    why: `The driver tells the scheduler how many volumes fit on a node, counting on every SCSI slot but the boot disk's being free for them. Disks the scheduler does not know about (added by hand, or volumes left attached after Kubernetes detached them) take those slots, so attaches to the node can fail while the scheduler keeps placing pods with volumes there.`,
    docs: [
      'Reported on a whole `.vmx` file (one with `virtualHW.version`), and by `vsphere-csi-lint inventory audit` on the node VMs it reads from vCenter, when the disks attached to the VM’s SCSI controllers outnumber the per-node volume limit plus one boot disk. The finding is on the first disk past that count.',
      '',
      'A disk is a `scsiN:M` unit that is present (`scsiN:M.present = "TRUE"` or a `fileName`) and is not a CD-ROM; units of controllers marked `scsiN.present = "FALSE"` are not counted. Disks on NVMe, SATA or IDE controllers are not counted: the driver attaches volumes to PVSCSI controllers.',
      '',
      'The limit is the one rule workload-volumes-per-node uses: 59, or 255 when the feature state `high-pv-node-density` is `"true"` in the linted files and `vsphere.version` is 8 or later; `nodes.maxVolumesPerNode` in `.vsphere-csi.yaml` overrides both (set it to 255 for `inventory audit` on vSphere 8 clusters with the feature on, since the audit does not see the feature-state ConfigMap).',
      '',
      'Look for disks attached to the node that no PersistentVolume of the cluster owns, and detach them (powered-off VM, or through vCenter) after checking they are not in use.',
    ].join('\n'),
    citations: [vmCitations.limits, volumesCitations.nodeInfo, vmCitations.pvscsi],
    fixable: false,
  },
  check(context) {
    const settings = context.fragment.parsed;
    if (settings.source !== 'vmx' || !settings.complete) return;
    const disks = attachedScsiDisks(settings.entries);
    // The limit is never below the default unless the config sets it: skip asking the workspace
    // index (feature states) when the count cannot be over it.
    if (context.config.nodes.maxVolumesPerNode === undefined && disks.length <= DEFAULT_VOLUME_LIMIT + BOOT_DISKS) return;
    const { limit, reason } = volumeLimit(context.config, context.index);
    if (disks.length <= limit + BOOT_DISKS) return;
    const first = disks[limit + BOOT_DISKS]!;
    context.report({
      span: first.first.keySpan,
      message: `This VM has ${disks.length} disks on its SCSI controllers, more than the boot disk and the ${limit} volumes the driver lets the scheduler place on a node (${reason}): disks the scheduler does not count (added by hand, or volumes left attached) take the slots that limit counts on, so volume attaches to this node can fail while pods with volumes are still placed here. scsi${first.controller}:${first.unit} is disk ${limit + BOOT_DISKS + 1}.`,
    });
  },
};
