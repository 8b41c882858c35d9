import type { RuleMeta } from '../../../rules/rule.js';
import { cite, posts } from '../knowledge.js';

export const esxiCommandSyntax: RuleMeta = {
  id: 'esxi-command-syntax',
  defaultSeverity: 'error',
  category: 'ESXi hosts',
  description: 'A recognised ESXi host command (esxcli, esxcfg-advcfg, vmkping, PowerCLI) is cut short: an option without its value, or a quote never closed.',
  why: 'The host rejects the command line, so the setting it was meant to apply is never made, often in a kickstart %firstboot section where nobody sees the error.',
  docs: [
    'Reported only on the host commands this linter reads (see the ESXi host settings section of docs/fragments.md); nothing else in a script is ever checked.',
    '',
    '```sh',
    '# wrong: -i has no value',
    'esxcli system settings advanced set -o /Mem/ShareForceSalting -i',
    '# right',
    'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2',
    '```',
  ].join('\n'),
  citations: [
    cite(posts.downgrade, 'esxcli options carry values: -d names the depot and -p the image profile.'),
    cite(posts.mtu, 'vmkping -s takes the payload size (vmkping -s 1472 -d).'),
  ],
  fixable: false,
};
