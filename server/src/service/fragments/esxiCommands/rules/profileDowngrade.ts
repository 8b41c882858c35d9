import { compareVersions, parseVersion } from '../../../util/version.js';
import { cite, decodeProfile, posts } from '../knowledge.js';
import { code, commandsOf, span, type EsxiRule } from './helpers.js';

export const profileDowngrade: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-profile-downgrade',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: 'An image profile older than `vsphere.version` in `.vsphere-csi.yaml` applied without `--allow-downgrades` (warning); `--allow-downgrades` itself is noted (info).',
    why: 'esxcli software profile update only downgrades a host when told to with --allow-downgrades; without it the older profile is refused. A downgrade is real work: it takes effect after a reboot, and the host must end up at a version its vCenter supports.',
    docs: [
      'The target version is read from the profile name (`ESXi-5.5.0-20140902001-standard`, `ESXi-7.0U3n-21930508-standard`). `vsphere.version` is the lowest ESXi/vCenter version in use, so a profile older than it downgrades any host it is applied to.',
      '',
      '```sh',
      'esxcli software profile update -d /vmfs/volumes/datastore1/update-from-esxi5.5-5.5_update02.zip \\',
      '  -p ESXi-5.5.0-20140902001-standard --allow-downgrades',
      '```',
      '',
      'The post downgraded a host that had been updated past what its vCenter supported; reboot afterwards.',
    ].join('\n'),
    citations: [
      cite(posts.downgrade, 'The profile command can also downgrade via an --allow-downgrades switch; following a host reboot the host is downgraded. The host had been upgraded past what its vCenter supported.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  check(context) {
    const floor = parseVersion(context.config.vsphere.version);
    for (const command of commandsOf(context, 'profile')) {
      if (command.allowDowngrades) {
        context.report({
          span: span(command.allowDowngrades),
          severity: 'info',
          message: '--allow-downgrades: a deliberate downgrade. It takes effect after the host reboots; check that vCenter supports the target version (a host newer or older than vCenter supports becomes incompatible).',
        });
        continue;
      }
      if (!floor || !command.profile || command.profile.dynamic) continue;
      const decoded = decodeProfile(command.profile.text);
      const target = decoded ? parseVersion(decoded.version) : undefined;
      if (!target || compareVersions(target, floor) >= 0) continue;
      const suggestions =
        command.via === 'esxcli' ? [{ title: 'Add --allow-downgrades', edits: [{ start: command.span[1], end: command.span[1], newText: ' --allow-downgrades' }] }] : [];
      context.report({
        span: span(command.profile),
        message: `${code(command.profile.text)} is ESXi ${decoded!.version}, older than vsphere.version ${context.config.vsphere.version}: applying it is a downgrade, which esxcli refuses without --allow-downgrades. Add it if the downgrade is intended, and reboot afterwards.`,
        suggestions,
      });
    }
  },
};
