import { atLeast } from '../../../util/version.js';
import { cite, posts } from '../knowledge.js';
import { settingWrites, span, type EsxiRule } from './helpers.js';

export const toolsRamdisk: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-tools-ramdisk',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: 'A script sets the ToolsRamdisk option while `vsphere.version` in `.vsphere-csi.yaml` is 7.0 or later, where the option does not exist.',
    why: 'ToolsRamdisk (ESXi 6.7 U3) copies the VMware Tools image to a ramdisk to spare SD cards; ESXi 7.0.x does not have it, so the setting fails and the boot media keeps being read.',
    docs: [
      'Runs only when `vsphere.version` is set (the lowest ESXi/vCenter version in use). On ESXi 7, move the productLocker to a datastore instead (VMware KB 2129825, as the post cites).',
      '',
      'The post names the option “ToolsRamdisk” without its group; `UserVars.ToolsRamdisk` is its full name from outside the notes.',
    ].join('\n'),
    citations: [cite(posts.bootMedia, 'The ToolsRamdisk option added in 6.7 U3 is not available with ESXi 7.0.x releases.')],
    fixable: false,
  },
  check(context) {
    const version = context.config.vsphere.version;
    if (!atLeast(version, '7.0')) return;
    for (const write of settingWrites(context, 'UserVars.ToolsRamdisk')) {
      context.report({
        span: span(write.option),
        message: `The post says the ToolsRamdisk option is not available in ESXi 7.0.x releases, and vsphere.version is ${version}: the setting is likely to fail and the boot media keeps being read. Relocate the productLocker to a datastore instead (VMware KB 2129825).`,
      });
    }
  },
};
