import type { TextEdit } from '../../../types.js';
import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';
import { byKey, shown, valueFix, vmxBoolean, whereSet } from '../values.js';

/** Appends `disk.EnableUUID = "TRUE"` as the last line of a .vmx file. */
function appendLine(text: string): TextEdit {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  return { start: text.length, end: text.length, newText: `${needsBreak ? newline : ''}disk.EnableUUID = "TRUE"${newline}` };
}

export const vmDiskUuidDisabled: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-disk-uuid-disabled',
    defaultSeverity: 'error',
    category: 'Node VMs',
    description: '`disk.EnableUUID` is not TRUE on a node VM, so the CSI node plugin cannot find attached volumes in the guest.',
    why: 'The CSI node plugin finds an attached volume only through its disk UUID (/dev/disk/by-id/wwn-0x<uuid>). Without disk.EnableUUID the guest is not shown disk UUIDs: volumes attach in vSphere but are never mounted, and pods stay in ContainerCreating.',
    docs: [
      'Reported when `disk.EnableUUID` is set to anything but `TRUE` (`1`, `yes` also count as true) in a `.vmx` file, in Cluster API `customVMXKeys`, or by `govc vm.change -e` / PowerCLI in a script. The fix sets it to `TRUE`.',
      '',
      'When the key is missing:',
      '- in a whole `.vmx` file (one with `virtualHW.version`): a **warning** with a fix that adds `disk.EnableUUID = "TRUE"`. A `.vmx` may belong to a VM that is not a Kubernetes node, where the setting does not matter; a node VM needs it;',
      '- in Cluster API `customVMXKeys`: nothing is reported. CAPV clones every machine with disk UUIDs enabled (`DiskUuidEnabled` in the clone spec), so the key is only needed to undo a template that turns it off, and setting it to anything but TRUE is the mistake;',
      '- in scripts: nothing is reported; a script only changes the keys it names.',
      '',
      '```',
      '# wrong',
      'disk.EnableUUID = "FALSE"',
      '# right',
      'disk.EnableUUID = "TRUE"',
      '```',
      '',
      'The setting takes effect when the VM is next powered on.',
    ].join('\n'),
    citations: [vmCitations.diskPath, vmCitations.prerequisites, vmCitations.capvDiskUuid],
    fixable: true,
  },
  check(context) {
    const settings = context.fragment.parsed;
    const entries = byKey(settings.entries, 'disk.enableuuid');
    for (const entry of entries) {
      if (entry.value === undefined || vmxBoolean(entry.value) === true) continue;
      const fix = valueFix(entry, 'TRUE', 'Set disk.EnableUUID to TRUE');
      context.report({
        span: entry.valueSpan,
        message: `disk.EnableUUID is ${shown(entry.value)} ${whereSet(entry)}: the guest is not shown disk UUIDs, and the CSI node plugin finds volumes only by /dev/disk/by-id/wwn-0x<uuid>, so volumes attach but never mount and pods stay in ContainerCreating.`,
        ...(fix ? { fix } : {}),
      });
    }
    if (entries.length === 0 && settings.source === 'vmx' && settings.complete) {
      const version = byKey(settings.entries, 'virtualhw.version')[0];
      context.report({
        span: version ? version.keySpan : settings.anchor,
        severity: 'warning',
        message: 'This VM has no disk.EnableUUID = "TRUE": if it is a Kubernetes node, the CSI node plugin cannot find attached volumes in the guest (it looks them up by disk UUID), so they never mount and pods stay in ContainerCreating.',
        fix: { title: 'Add disk.EnableUUID = "TRUE"', edits: [appendLine(context.fragment.text)] },
      });
    }
  },
};
