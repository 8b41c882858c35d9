import { cite, posts } from '../knowledge.js';
import { commandsOf, span, type EsxiRule } from './helpers.js';

export const profileDepot: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-profile-depot',
    defaultSeverity: 'error',
    category: 'ESXi hosts',
    description: '`esxcli software profile update|install` without `-d`/`--depot` or without `-p`/`--profile`.',
    why: 'An image profile is a named set of VIBs that lives in a software depot; the command needs both the depot (an online URL or an offline ZIP) and the profile name, and fails without either, leaving the host on its old image.',
    docs: [
      '```sh',
      'esxcli software sources profile list -d /vmfs/volumes/datastore1/update-from-esxi5.5-5.5_update02.zip',
      'esxcli software profile update -d /vmfs/volumes/datastore1/update-from-esxi5.5-5.5_update02.zip -p ESXi-5.5.0-20140902001-standard',
      '```',
      '',
      'Also checked in PowerShell through `Get-EsxCli -V2` (`$esxcli.software.profile.update.Invoke(@{depot=...; profile=...})`).',
    ].join('\n'),
    citations: [
      cite(posts.downgrade, 'You use the -d switch to specify a depot (online or offline) and the -p switch to specify the image profile.'),
      cite(posts.offlineBundle, 'Hosts without VUM are updated with esxcli from an offline bundle whose profiles are listed first.'),
    ],
    fixable: false,
  },
  check(context) {
    for (const command of commandsOf(context, 'profile')) {
      const verb = command.action.text;
      if (!command.profile) {
        context.report({ span: span(command.action), message: `esxcli software profile ${verb} needs -p/--profile with the image profile name (for example ESXi-5.5.0-20140902001-standard); list the depot's profiles with esxcli software sources profile list -d <depot>.` });
      }
      if (command.depots.length === 0) {
        context.report({
          span: span(command.profile ?? command.action),
          message: `esxcli software profile ${verb} needs -d/--depot: the image profile is looked up in a depot (an online URL or an offline bundle ZIP), and without one the command fails.`,
        });
      }
    }
  },
};
