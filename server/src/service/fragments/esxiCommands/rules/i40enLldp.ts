import { cite, posts } from '../knowledge.js';
import type { Piece } from '../model.js';
import { commandsOf, type EsxiContext, type EsxiRule } from './helpers.js';

interface Entry {
  text: string;
  span: [number, number];
}

/** The comma-separated values of `LLDP=` in a module parameter string, with their spans. */
export function lldpValues(parameters: Piece): { key: [number, number]; entries: Entry[] } | undefined {
  const whole: [number, number] = [parameters.start, parameters.end];
  const at = (from: number, length: number): [number, number] => (parameters.exact ? [parameters.start + from, parameters.start + from + length] : whole);
  for (const match of parameters.text.matchAll(/\S+/g)) {
    const token = match[0];
    if (!token.startsWith('LLDP=')) continue;
    const entries: Entry[] = [];
    let offset = match.index + 'LLDP='.length;
    for (const text of token.slice('LLDP='.length).split(',')) {
      entries.push({ text, span: at(offset, text.length) });
      offset += text.length + 1;
    }
    return { key: at(match.index, token.length), entries };
  }
  return undefined;
}

function report(context: EsxiContext, span: [number, number], message: string): void {
  context.report({ span, message });
}

export const i40enLldp: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-i40en-lldp',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: 'The Intel i40en driver parameter `LLDP=` with a single value (it takes one per NIC port), an empty entry, or a value other than 0 or 1.',
    why: 'The X710 firmware LLDP agent is on by default and swallows LLDP frames, so the distributed switch never sees its neighbours. LLDP= takes one value per port: a short list leaves the agent running on the remaining ports.',
    docs: [
      '```sh',
      '# a four-port card: one 0 per port turns the agent off everywhere',
      'esxcli system module parameters set -m i40en -p LLDP=0,0,0,0',
      '```',
      '',
      'What can be checked: the number of ports is not in the script, so a list of one value is reported (every i40en card the post discusses has several ports) and the count should be compared with the card by hand. Empty entries (`LLDP=0,,0`) are reported. 0 (agent off) is the post’s value and 1 turns the agent on; other values are not described in the notes and are reported.',
      '',
      'Module parameters take effect after a host reboot (general ESXi knowledge, not from the post).',
    ].join('\n'),
    citations: [cite(posts.lldp, 'The i40en driver’s LLDP agent is enabled by default and consumes LLDP frames; a four-port NIC needs esxcli system module parameters set -m i40en -p LLDP=0,0,0,0.')],
    fixable: false,
  },
  check(context) {
    for (const command of commandsOf(context, 'module-parameters')) {
      if (!command.module || command.module.text.trim().toLowerCase() !== 'i40en' || !command.parameters || command.parameters.dynamic) continue;
      const lldp = lldpValues(command.parameters);
      if (!lldp) continue;
      const { entries } = lldp;
      if (entries.length === 1 && entries[0]!.text !== '') {
        report(
          context,
          entries[0]!.span,
          `LLDP=${entries[0]!.text} sets the LLDP agent of the first port only: i40en takes one value per port (LLDP=0,0,0,0 on a four-port card). Give one value for every port of the NIC.`,
        );
        continue;
      }
      for (const entry of entries) {
        if (entry.text === '') report(context, entry.span[0] === entry.span[1] ? lldp.key : entry.span, 'An empty entry in LLDP=: give one value (0 or 1) for every port.');
        else if (entry.text !== '0' && entry.text !== '1') report(context, entry.span, `LLDP values are per-port switches: 0 turns the firmware LLDP agent off, 1 on; ${entry.text} is neither.`);
      }
    }
  },
};
