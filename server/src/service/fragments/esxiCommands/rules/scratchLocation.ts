import { cite, posts } from '../knowledge.js';
import { code, settingWrites, span, valueText, type EsxiRule } from './helpers.js';

const RAMDISK = /^\/(tmp|var\/tmp|var\/run)(\/|$)/;

export const scratchLocation: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-scratch-location',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: '`ScratchConfig.ConfiguredScratchLocation` pointed at a ramdisk directory (/tmp, /var/tmp) or at a relative path instead of a directory on persistent storage.',
    why: 'Scratch is relocated to keep logs and support data off worn USB/SD boot media and across reboots. A ramdisk path loses them at every reboot, and a relative path is not a location the host can use.',
    docs: [
      'The post on ESXi 7 boot media recommends redirecting scratch with `ScratchConfig.ConfiguredScratchLocation` (VMware KB 1033696) to cut writes to low-endurance boot media. Point it at a directory on a datastore:',
      '',
      '```sh',
      'esxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation -s /vmfs/volumes/datastore1/.locker-esx01',
      '```',
      '',
      'That /tmp is a ramdisk on ESXi, and that the new location applies after a reboot, come from general ESXi knowledge, not from the post.',
    ].join('\n'),
    citations: [cite(posts.bootMedia, 'Scratch can be redirected with the advanced setting ScratchConfig.ConfiguredScratchLocation (KB 1033696) to reduce I/O to USB/SD boot media.')],
    fixable: false,
  },
  check(context) {
    for (const write of settingWrites(context, 'ScratchConfig.ConfiguredScratchLocation')) {
      if (!write.value) continue;
      const value = valueText(write.value);
      if (value === '') continue;
      if (RAMDISK.test(value)) {
        context.report({
          span: span(write.value),
          message: `${code(value)} is on the host's ramdisk: scratch data there is lost at every reboot. Use a directory on a datastore (/vmfs/volumes/<datastore>/...).`,
        });
      } else if (!value.startsWith('/')) {
        context.report({
          span: span(write.value),
          message: `${code(value)} is not an absolute path; scratch needs a directory on persistent storage such as /vmfs/volumes/<datastore>/.locker-<host>.`,
        });
      }
    }
  },
};
