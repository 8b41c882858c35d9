import { PING_HEADERS, cite, isInteger, posts } from '../knowledge.js';
import { commandsOf, span, type EsxiRule } from './helpers.js';

const STANDARD_PAYLOAD = 1500 - PING_HEADERS;

export const vmkpingFragmentation: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-vmkping-fragmentation',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: '`vmkping -s N` larger than 1472 (a jumbo-frame or VXLAN MTU test) without `-d`: the packet may be fragmented and the ping succeeds even when the path cannot carry the frame size.',
    why: 'Without -d (do not fragment) the network splits the large packet and the test passes, hiding the too-small MTU on some hop. vMotion, vSAN or iSCSI traffic then suffers from fragmentation and retransmits.',
    docs: [
      '```sh',
      '# wrong: passes through a 1500-byte hop',
      'vmkping -I vmk1 -s 8972 10.20.12.12',
      '# right',
      'vmkping -I vmk1 -d -s 8972 10.20.12.12',
      '```',
      '',
      'The fix inserts `-d`. Pings up to 1472 bytes fit a standard 1500 MTU and are left alone. IPv6 (`-6`) pings are not checked.',
    ].join('\n'),
    citations: [cite(posts.mtu, 'Test with vmkping -s 1472 -d: -d disables IP fragmentation; fragmentation in the path caused heavy retransmits.')],
    fixable: true,
  },
  check(context) {
    for (const command of commandsOf(context, 'vmkping')) {
      if (command.dontFragment || command.ipv6 || !command.size || !command.sizeFlag || command.size.dynamic || !isInteger(command.size.text)) continue;
      const size = Number(command.size.text);
      if (size <= STANDARD_PAYLOAD) continue;
      const flag = command.sizeFlag;
      const fix = flag.exact && flag.text.startsWith('-') ? { title: 'Add -d (do not fragment)', edits: [{ start: flag.start, end: flag.start, newText: '-d ' }] } : undefined;
      context.report({
        span: command.size.start > flag.start ? [flag.start, command.size.end] : span(command.size),
        message: `vmkping -s ${size} without -d: the packet may be fragmented and the ping succeeds even if a hop cannot carry ${size + PING_HEADERS}-byte packets. Add -d so the test proves the MTU.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
