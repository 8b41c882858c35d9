import { cite, isInteger, posts } from '../knowledge.js';
import { settingWrites, span, valueText, type EsxiRule } from './helpers.js';

/** Values this small read like seconds; the setting counts milliseconds. */
const LOOKS_LIKE_SECONDS = 60;

export const teamPolicyUpDelay: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-team-policy-up-delay',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: '`Net.TeamPolicyUpDelay` set to a number of seconds (1 to 60) although the setting counts milliseconds.',
    why: 'The delay is meant to keep a flapping uplink out of use for a while (the post suggests 5 or 10 seconds). Written as 5 or 10 it is 5 or 10 milliseconds, less than the 100 ms default, so traffic fails back onto the flapping port at once.',
    docs: [
      'The post about port flapping suggests letting traffic fail back after “5 or 10 second”; it does not give the unit. VMware’s knowledge base (articles 312558 and 410008, outside the notes) documents the value in milliseconds with a default of 100, so 10 seconds is `10000`.',
      '',
      '```sh',
      '# wrong: 10 ms',
      'esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i 10',
      '# right: 10 s',
      'esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i 10000',
      '```',
      '',
      'Trade-offs from the post (shown on hover): the setting is per host, and it has no flap-frequency penalty with exponential decay like switch link dampening.',
    ].join('\n'),
    citations: [cite(posts.flapping, 'Net.TeamPolicyUpDelay works like link dampening: traffic fails back only after a longer wait, “lets say 5 or 10 second”.')],
    fixable: false,
    hasSuggestions: true,
  },
  check(context) {
    for (const write of settingWrites(context, 'Net.TeamPolicyUpDelay')) {
      if (!write.value) continue;
      const value = valueText(write.value);
      if (!isInteger(value)) continue;
      const n = Number(value);
      if (n < 1 || n > LOOKS_LIKE_SECONDS) continue;
      const ms = String(n * 1000);
      context.report({
        span: span(write.value),
        message: `Net.TeamPolicyUpDelay counts milliseconds (VMware knowledge base; default 100), so ${n} waits ${n} ms, not ${n} s, before a recovered uplink is used again. For ${n} seconds write ${ms}.`,
        suggestions: write.value.exact ? [{ title: `Use ${ms} (${n} seconds)`, edits: [{ start: write.value.start, end: write.value.end, newText: ms }] }] : [],
      });
    }
  },
};
