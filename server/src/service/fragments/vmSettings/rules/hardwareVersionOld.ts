import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';
import { byKey, shown, wholeNumber, whereSet } from '../values.js';

/** The oldest virtual hardware version the driver's prerequisites accept for node VMs. */
export const MIN_HARDWARE_VERSION = 15;

export const vmHardwareVersionOld: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-hardware-version-old',
    defaultSeverity: 'warning',
    category: 'Node VMs',
    description: `\`virtualHW.version\` is below ${MIN_HARDWARE_VERSION}, the oldest VM hardware the vSphere CSI driver supports for node VMs.`,
    why: `The driver's prerequisites ask for VM hardware version ${MIN_HARDWARE_VERSION} or later on every node VM. Older hardware is outside what the driver supports: volume attach and mount problems on such a node are not something the driver promises to handle.`,
    docs: [
      `Reported when \`virtualHW.version\` is a number below ${MIN_HARDWARE_VERSION}, or is not a whole number, in a \`.vmx\` file, Cluster API \`customVMXKeys\` or a script.`,
      '',
      '```',
      '# wrong',
      'virtualHW.version = "13"',
      '# right (vSphere 7.0 U2 and later: 19)',
      'virtualHW.version = "19"',
      '```',
      '',
      'Upgrade the compatibility of the VM (or its template) while it is powered off, e.g. `govc vm.upgrade -version=19 -vm <vm>`. Do not go beyond what the oldest ESXi host of the cluster runs: a VM whose hardware is newer than a host supports cannot run there.',
    ].join('\n'),
    citations: [vmCitations.prerequisites, vmCitations.hardwareNewer],
    fixable: false,
  },
  check(context) {
    for (const entry of byKey(context.fragment.parsed.entries, 'virtualhw.version')) {
      if (entry.value === undefined) continue;
      const version = wholeNumber(entry.value);
      if (version === undefined) {
        context.report({ span: entry.valueSpan, message: `virtualHW.version is ${shown(entry.value)} ${whereSet(entry)}, which is not a hardware version number: the VM cannot use it. Node VMs need ${MIN_HARDWARE_VERSION} or later.` });
      } else if (version < MIN_HARDWARE_VERSION) {
        context.report({
          span: entry.valueSpan,
          message: `VM hardware version ${version} ${whereSet(entry)} is below ${MIN_HARDWARE_VERSION}, the minimum the vSphere CSI driver supports for node VMs; upgrade the VM's compatibility (powered off) before running volumes on it.`,
        });
      }
    }
  },
};
