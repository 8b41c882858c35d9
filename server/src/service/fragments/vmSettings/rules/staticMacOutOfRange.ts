import type { FragmentRule } from '../../types.js';
import { vmCitations } from '../knowledge.js';
import type { VmSettings } from '../model.js';
import { ethernetKey, shown, vmxBoolean, whereSet } from '../values.js';

const MAC = /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/i;

/** Whether a MAC is in the range ESXi accepts for static addresses, 00:50:56:00:00:00 – 00:50:56:3F:FF:FF. */
export function inStaticRange(mac: string): boolean | undefined {
  const match = MAC.exec(mac.trim());
  if (!match) return undefined;
  const bytes = match.slice(1).map((b) => parseInt(b, 16));
  return bytes[0] === 0x00 && bytes[1] === 0x50 && bytes[2] === 0x56 && bytes[3]! <= 0x3f;
}

export const vmStaticMacOutOfRange: FragmentRule<VmSettings> = {
  fragment: 'vm-settings',
  meta: {
    id: 'vm-static-mac-out-of-range',
    defaultSeverity: 'warning',
    category: 'Node VMs',
    description: 'A static MAC address (`ethernetN.address`) outside VMware’s static range 00:50:56:00:00:00 – 00:50:56:3F:FF:FF.',
    why: 'ESXi refuses to power on a VM whose static MAC address is outside the range VMware reserves for static addresses, so the node never starts and its pods and volumes are never scheduled there.',
    docs: [
      'Reported on `ethernetN.address` when the address is not in `00:50:56:00:00:00` – `00:50:56:3F:FF:FF` (the range is VMware’s documented static range; it is not in the notes), or is not a MAC address at all. Not reported when `ethernetN.addressType` is `generated` or `vpx` (the address is then ignored) or `ethernetN.checkMACAddress = "FALSE"` turns the check off.',
      '',
      'The notes saw ESXi refuse VMs moved from VMware Workstation whose hand-set MACs came from Workstation’s range.',
      '',
      '```',
      '# wrong',
      'ethernet0.addressType = "static"',
      'ethernet0.address = "00:0c:29:12:34:56"',
      '# right',
      'ethernet0.addressType = "static"',
      'ethernet0.address = "00:50:56:12:34:56"',
      '```',
    ].join('\n'),
    citations: [vmCitations.staticMac],
    fixable: false,
  },
  check(context) {
    const entries = context.fragment.parsed.entries;
    for (const entry of entries) {
      const parsed = ethernetKey(entry.key);
      if (!parsed || parsed.rest !== 'address' || entry.value === undefined) continue;
      const sibling = (rest: string) => entries.find((e) => ethernetKey(e.key)?.adapter === parsed.adapter && ethernetKey(e.key)?.rest === rest);
      const addressType = sibling('addresstype')?.value?.trim().toLowerCase();
      if (addressType === 'generated' || addressType === 'vpx') continue;
      if (vmxBoolean(sibling('checkmacaddress')?.value) === false) continue;
      const ok = inStaticRange(entry.value);
      if (ok === true) continue;
      context.report({
        span: entry.valueSpan,
        message:
          ok === undefined
            ? `ethernet${parsed.adapter}.address is ${shown(entry.value)} ${whereSet(entry)}, which is not a MAC address: the VM does not power on with it.`
            : `The static MAC ${entry.value.trim()} of ethernet${parsed.adapter} ${whereSet(entry)} is outside VMware's static range 00:50:56:00:00:00 – 00:50:56:3F:FF:FF: ESXi refuses to power on the VM, so this node never starts.`,
      });
    }
  },
};
