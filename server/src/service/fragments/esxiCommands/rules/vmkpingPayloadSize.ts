import { PING_HEADERS, STANDARD_MTUS, cite, isInteger, posts } from '../knowledge.js';
import { commandsOf, replaceFix, span, type EsxiRule } from './helpers.js';

/** The MTU a payload was probably meant to test: the standard MTU it overshoots by at most the headers, or 9000 above that. */
export function mtuInQuestion(size: number): number | undefined {
  const largest = STANDARD_MTUS[STANDARD_MTUS.length - 1]!;
  if (size > largest - PING_HEADERS) return largest;
  return STANDARD_MTUS.find((mtu) => size > mtu - PING_HEADERS && size <= mtu);
}

export const vmkpingPayloadSize: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-vmkping-payload-size',
    defaultSeverity: 'warning',
    category: 'ESXi hosts',
    description: '`vmkping -d -s N` with a payload that cannot fit the MTU it tests: N is the ICMP payload, so the largest that fits is the MTU minus 28 (1472 for 1500, 8972 for 9000).',
    why: '-s sets the ICMP payload, not the packet size. With -d (do not fragment) a payload of 1500 or 9000 makes a packet 28 bytes larger than the MTU, so the test fails with “Message too long” even on a correctly configured path, and the real path MTU stays unknown.',
    docs: [
      'Payload = MTU − 8 (ICMP header) − 20 (IPv4 header). The MTU in question is the standard one (1500, 1600 for VXLAN transport, 9000 for jumbo frames) that the payload overshoots by at most 28 bytes, or 9000 for anything larger.',
      '',
      '```sh',
      '# wrong: a 9028-byte packet',
      'vmkping -I vmk1 -d -s 9000 10.20.12.12',
      '# right',
      'vmkping -I vmk1 -d -s 8972 10.20.12.12',
      '```',
      '',
      'The fix replaces the size with MTU − 28. IPv6 (`-6`) pings are not checked: their headers are larger. 8972 for 9000 is the post’s formula applied to jumbo frames; the post itself works the 1500 case.',
    ].join('\n'),
    citations: [
      cite(posts.mtu, '1500 (MTU) – 8 (ICMP header) – 20 (IP header) = 1472 bytes of ICMP payload; using the MTU itself may give “Message too long”.'),
      cite(posts.vxlan, 'VXLAN requires an MTU of 1600 bytes on the transport path.'),
    ],
    fixable: true,
  },
  check(context) {
    for (const command of commandsOf(context, 'vmkping')) {
      if (!command.dontFragment || command.ipv6 || !command.size || command.size.dynamic || !isInteger(command.size.text)) continue;
      const size = Number(command.size.text);
      const mtu = mtuInQuestion(size);
      if (mtu === undefined) continue;
      const fits = mtu - PING_HEADERS;
      const fix = replaceFix(`Use -s ${fits}`, command.size, String(fits));
      context.report({
        span: span(command.size),
        message: `vmkping -s is the ICMP payload: ${size} + 28 bytes of headers = ${size + PING_HEADERS} bytes, more than a ${mtu}-byte MTU, so with -d the ping fails (“Message too long”) even on a good path. To test a ${mtu} MTU use -s ${fits}.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
