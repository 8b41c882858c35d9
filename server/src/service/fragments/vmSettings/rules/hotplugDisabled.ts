import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';
import { byKey, shown, valueFix, vmxBoolean, whereSet } from '../values.js';

export const vmHotplugDisabled: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-hotplug-disabled',
    defaultSeverity: 'error',
    category: 'Node VMs',
    description: '`devices.hotplug` is turned off on a node VM, so the CSI driver cannot hot-add volume disks to it.',
    why: 'The vSphere CSI driver attaches a volume by hot-adding its disk to the running node VM. With device hot-plug off every attach fails: the volumes never attach and pods that use them stay in ContainerCreating.',
    docs: [
      'Reported when `devices.hotplug` is set to `FALSE` (also `false`, `0`, `no`, `off`) in a `.vmx` file, in Cluster API `customVMXKeys`, or by `govc vm.change -e` / PowerCLI `New-AdvancedSetting` in a script. Hot-plug is on by default, so a VM without the key is fine.',
      '',
      'Hardening guides switch hot-plug off to keep users from removing devices; keep Kubernetes node VMs out of that policy.',
      '',
      '```',
      '# wrong',
      'devices.hotplug = "FALSE"',
      '# right: leave the key out, or',
      'devices.hotplug = "TRUE"',
      '```',
      '',
      'The editor offers a quick fix that sets the value to `TRUE`; `--fix` leaves it alone, because the setting may be deliberate on VMs that are not nodes.',
    ].join('\n'),
    citations: [vmCitations.hotplug],
    fixable: false,
    hasSuggestions: true,
  },
  check(context) {
    for (const entry of byKey(context.fragment.parsed.entries, 'devices.hotplug')) {
      if (vmxBoolean(entry.value) !== false) continue;
      const suggestion = valueFix(entry, 'TRUE', 'Turn device hot-plug back on (TRUE)');
      context.report({
        span: entry.valueSpan,
        message: `devices.hotplug is ${shown(entry.value)} ${whereSet(entry)}: the CSI driver attaches volumes by hot-adding disks to the running VM, so on this node volumes never attach and pods using them stay in ContainerCreating.`,
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
    }
  },
};
