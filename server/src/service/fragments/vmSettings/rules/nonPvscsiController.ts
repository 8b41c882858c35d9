import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';
import { shown, whereSet } from '../values.js';
import { CONTROLLER_NAMES, controllers } from './scsiControllers.js';

/** The driver's default per-node volume limit and what each non-PVSCSI controller costs. */
const DEFAULT_LIMIT = 59;
const COST = 15;

export const vmNonPvscsiController: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-non-pvscsi-controller',
    defaultSeverity: 'warning',
    category: 'Node VMs',
    description: 'A SCSI controller that is not PVSCSI (`scsiN.virtualDev` lsilogic, lsisas1068, buslogic): each one lowers the node’s volume limit by 15.',
    why: 'The CSI driver attaches volumes only to Paravirtual SCSI (PVSCSI) controllers. Every other SCSI controller on the node VM takes one of the four controller slots: 15 fewer volumes fit on the node, while the driver still tells the scheduler 59, so pods placed there can fail to attach their volumes.',
    docs: [
      'Reported on the value of `scsiN.virtualDev` when it is anything but `pvscsi`, in a `.vmx` file, Cluster API `customVMXKeys` or a script. A controller marked `scsiN.present = "FALSE"` is not reported.',
      '',
      'The driver’s limit of 59 volumes per node assumes four PVSCSI controllers with one slot taken by the boot disk; each non-PVSCSI controller lowers it by 15. Use PVSCSI for the boot disk’s controller too (the driver’s prerequisites recommend it).',
      '',
      '```',
      '# wrong',
      'scsi0.virtualDev = "lsilogic"',
      '# right',
      'scsi0.virtualDev = "pvscsi"',
      '```',
      '',
      'No automatic fix: changing the boot disk’s controller type needs the PVSCSI driver in the guest first, or the VM does not boot.',
    ].join('\n'),
    citations: [vmCitations.limits, vmCitations.prerequisites, vmCitations.pvscsi],
    fixable: false,
  },
  check(context) {
    const settings = context.fragment.parsed;
    const found = [...controllers(settings.entries).values()].filter((c) => !c.absent && c.virtualDev?.value !== undefined && c.virtualDev.value.trim().toLowerCase() !== 'pvscsi');
    for (const controller of found) {
      const entry = controller.virtualDev!;
      const type = entry.value!.trim().toLowerCase();
      const known = CONTROLLER_NAMES[type];
      const name = known ? `${/^[AEIOLS]/.test(known) ? 'an' : 'a'} ${known} controller (${type})` : `a ${shown(entry.value)} controller`;
      const limit = Math.max(0, DEFAULT_LIMIT - COST * found.length);
      const effect = settings.complete
        ? `with ${found.length === 1 ? 'it' : `its ${found.length} non-PVSCSI controllers`} this node takes at most ${limit} volumes instead of ${DEFAULT_LIMIT}`
        : `each such controller takes ${COST} volumes off the node's limit of ${DEFAULT_LIMIT}`;
      context.report({
        span: entry.valueSpan,
        message: `scsi${controller.number} is ${name} ${whereSet(entry)}, not PVSCSI: the CSI driver attaches volumes to PVSCSI controllers only, and ${effect}, while the scheduler still counts ${DEFAULT_LIMIT}, so attaches fail once the node is full.`,
      });
    }
  },
};
