import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';
import { byKey, shown, wholeNumber, whereSet } from '../values.js';

/** The Storage vMotion switchover timeout without the setting, in seconds. */
export const DEFAULT_SWITCHOVER_SECONDS = 100;

export const vmSwitchoverTimeout: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-switchover-timeout',
    defaultSeverity: 'error',
    category: 'Node VMs',
    description: `\`fsr.maxSwitchoverSeconds\` is not a whole number of seconds (error), or is below the ${DEFAULT_SWITCHOVER_SECONDS} s default (info).`,
    why: `fsr.maxSwitchoverSeconds sets how long the last step of a Storage vMotion may take; the default is ${DEFAULT_SWITCHOVER_SECONDS} seconds. A value that is not a whole number of seconds does not set it, and a value below the default makes migrations of node VMs with many attached volumes fail sooner.`,
    docs: [
      `Storage vMotion fails when its final switchover takes longer than the timeout (${DEFAULT_SWITCHOVER_SECONDS} s by default). Every disk is handled in that phase, so a node VM with many attached volumes, or on slow storage, may need more; the notes raise it to 200.`,
      '',
      'Reported:',
      '- **error** when the value is not a whole number greater than 0 (`"200s"`, `"2.5"`, `"0"`);',
      `- **info** when it is below ${DEFAULT_SWITCHOVER_SECONDS}, which shortens the timeout rather than raising it.`,
      '',
      '```',
      '# wrong',
      'fsr.maxSwitchoverSeconds = "200s"',
      '# right',
      'fsr.maxSwitchoverSeconds = "200"',
      '```',
      '',
      'Add the setting while the VM is powered off.',
    ].join('\n'),
    citations: [vmCitations.switchover],
    fixable: false,
  },
  check(context) {
    for (const entry of byKey(context.fragment.parsed.entries, 'fsr.maxswitchoverseconds')) {
      if (entry.value === undefined) continue;
      const seconds = wholeNumber(entry.value);
      if (seconds === undefined || seconds <= 0) {
        context.report({
          span: entry.valueSpan,
          message: `fsr.maxSwitchoverSeconds is ${shown(entry.value)} ${whereSet(entry)}, not a whole number of seconds above 0: it does not raise the Storage vMotion switchover timeout (${DEFAULT_SWITCHOVER_SECONDS} s by default), so migrating a node VM with many volumes can still time out.`,
        });
      } else if (seconds < DEFAULT_SWITCHOVER_SECONDS) {
        context.report({
          span: entry.valueSpan,
          severity: 'info',
          message: `fsr.maxSwitchoverSeconds ${seconds} ${whereSet(entry)} is below the ${DEFAULT_SWITCHOVER_SECONDS} s default: Storage vMotion of this VM fails sooner, and node VMs with many attached volumes need more time, not less.`,
        });
      }
    }
  },
};
