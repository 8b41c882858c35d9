import { cite, posts } from '../knowledge.js';
import { code, settingWrites, span, valueText, type EsxiRule } from './helpers.js';

export const memShareForceSalting: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-mem-share-force-salting',
    defaultSeverity: 'error',
    category: 'ESXi hosts',
    description: '`Mem.ShareForceSalting` set to a value other than 0, 1 or 2 (error), or to 0, which shares memory pages between all VMs (warning).',
    why: 'The host takes only 0, 1 or 2. The default 2 keeps Transparent Page Sharing inside each VM; 0 turns inter-VM sharing on for every VM and ignores per-VM salts, which VMware switched off by default for security.',
    docs: [
      'Checks `esxcli system settings advanced set -o /Mem/ShareForceSalting`, `esxcfg-advcfg -s <value> /Mem/ShareForceSalting` and PowerCLI `Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value <value>`.',
      '',
      '- `2` (default): pages are shared only inside each VM.',
      '- `1`: VMs share pages only with VMs that have the same `sched.mem.pshare.salt`.',
      '- `0`: all VMs share pages; salts are ignored.',
      '',
      '```sh',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2',
      '```',
    ].join('\n'),
    citations: [
      cite(posts.tps, 'Mem.ShareForceSalting is 2 by default; setting it to 0 enables TPS among all VMs; 1 limits sharing to VMs with the same salt.'),
    ],
    fixable: false,
  },
  check(context) {
    for (const write of settingWrites(context, 'Mem.ShareForceSalting')) {
      if (!write.value) continue;
      const value = valueText(write.value);
      if (!['0', '1', '2'].includes(value)) {
        context.report({
          span: span(write.value),
          message: `Mem.ShareForceSalting takes 0, 1 or 2 (2, the default, shares pages only inside each VM); ${code(value)} is not one of them, so the host rejects the setting.`,
        });
      } else if (value === '0') {
        context.report({
          span: span(write.value),
          severity: 'warning',
          message: 'Mem.ShareForceSalting 0 shares memory pages between all VMs on the host and ignores per-VM salts; VMware turned inter-VM page sharing off by default for security. Keep 2, or use 1 with sched.mem.pshare.salt to share only between chosen VMs.',
        });
      }
    }
  },
};
