import { cite, decodeProfile, posts } from '../knowledge.js';
import { code, commandsOf, span, type EsxiRule } from './helpers.js';

export const profileSecurityOnly: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-profile-security-only',
    defaultSeverity: 'info',
    category: 'ESXi hosts',
    description: 'An image profile with an “s” after its build number (e.g. `ESXi-5.5.0-20140902001s-standard`): security fixes only, without the bug fixes of the full patch.',
    why: 'The “s” profiles of a patch carry only its security fixes; the profile without the “s” has security and bug fixes. Picking the “s” one by accident leaves known bugs on the host.',
    docs: [
      'Profile names decode as `ESXi-<version>-<build>[s]-<standard|no-tools>`; hover a profile name to see its parts.',
      '',
      '```sh',
      'esxcli software profile update -d <depot> -p ESXi-5.5.0-20140902001-standard     # security and bug fixes',
      'esxcli software profile update -d <depot> -p ESXi-5.5.0-20140902001s-standard    # security fixes only',
      '```',
    ].join('\n'),
    citations: [cite(posts.downgrade, 'The profiles with an “s” in them only contain security fixes; the others contain security and bug fixes.')],
    fixable: false,
  },
  check(context) {
    for (const command of commandsOf(context, 'profile')) {
      if (!command.profile || command.profile.dynamic) continue;
      const decoded = decodeProfile(command.profile.text);
      if (!decoded?.securityOnly) continue;
      context.report({
        span: span(command.profile),
        message: `${code(command.profile.text)} is a security-only profile (the “s”): bug fixes of the same patch are not included. Use the profile without the “s” for both.`,
      });
    }
  },
};
