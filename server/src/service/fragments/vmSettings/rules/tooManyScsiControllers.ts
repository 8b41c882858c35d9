import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';
import { whereSet } from '../values.js';
import { controllers } from './scsiControllers.js';

export const vmTooManyScsiControllers: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-too-many-scsi-controllers',
    defaultSeverity: 'error',
    category: 'Node VMs',
    description: 'A SCSI controller numbered 4 or higher (`scsi4.*`): a VM takes at most four SCSI controllers, scsi0 to scsi3.',
    why: 'vSphere gives a VM at most four SCSI controllers. A fifth one is not a device the VM can have: the reconfiguration fails or the VM does not power on, and volumes cannot be attached through it anyway. The per-node volume limit already assumes all four.',
    docs: [
      'Reported once per controller, on its first key (`scsi4.present`, `scsi4.virtualDev`, `scsi4:0.fileName`, ...), in a `.vmx` file, Cluster API `customVMXKeys` or a script. A controller marked `scsiN.present = "FALSE"` is not reported.',
      '',
      'The CSI driver attaches volumes to the node VM’s PVSCSI controllers (scsi0 to scsi3); the notes’ post puts the VM at four SCSI adapters of 64 disks each. The driver reports 59 volumes per node by default (255 on vSphere 8 with the high-pv-node-density feature state).',
      '',
      '```',
      '# wrong',
      'scsi4.present = "TRUE"',
      'scsi4.virtualDev = "pvscsi"',
      '# right: use scsi1 to scsi3 for the extra controllers',
      'scsi1.present = "TRUE"',
      'scsi1.virtualDev = "pvscsi"',
      '```',
    ].join('\n'),
    citations: [vmCitations.pvscsi, vmCitations.limits],
    fixable: false,
  },
  check(context) {
    for (const controller of controllers(context.fragment.parsed.entries).values()) {
      if (controller.number < 4 || controller.absent) continue;
      const first = controller.entries[0]!;
      context.report({
        span: first.keySpan,
        message: `scsi${controller.number} ${whereSet(first)} would be SCSI controller number ${controller.number + 1}, but a VM has at most four (scsi0 to scsi3): vSphere refuses the configuration, and no volume can be attached through it.`,
      });
    }
  },
};
