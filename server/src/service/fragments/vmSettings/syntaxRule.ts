import type { RuleMeta } from '../../rules/rule.js';
import { vmCitations } from './knowledge.js';

export const vmSyntax: RuleMeta = {
  id: 'vm-syntax',
  defaultSeverity: 'error',
  category: 'Node VMs',
  description: 'A node VM setting cannot be read: a .vmx line without `=` or with an open quote, a govc -e without key=value, a customVMXKeys that is not a map.',
  why: 'A .vmx file with a line VMware cannot read keeps the VM from powering on; a govc or PowerCLI command with a broken argument stops before it changes anything; a customVMXKeys that is not a map of strings is rejected by the API server. Either way the node does not get the settings the file shows.',
  docs: [
    'Checked where node VM settings are written:',
    '- `.vmx` files: every line is `key = "value"` or a `#` comment. Reported: a line without `=`, a missing key, a key with spaces or quotes, a value whose quote is never closed, text after the closing quote, a key set twice.',
    '- `govc vm.change` lines in shell scripts: each `-e` takes `key=value`; a quote that is never closed.',
    '- PowerCLI `New-AdvancedSetting` / `Set-AdvancedSetting` lines: a quote or bracket that is never closed.',
    '- Cluster API `customVMXKeys` that is not a mapping.',
    '',
    'Other lines of a script are never looked at.',
    '',
    '```',
    '# wrong',
    'disk.EnableUUID = "TRUE',
    'devices.hotplug "TRUE"',
    '# right',
    'disk.EnableUUID = "TRUE"',
    'devices.hotplug = "TRUE"',
    '```',
  ].join('\n'),
  citations: [vmCitations.prerequisites, vmCitations.capvType],
  fixable: false,
};
