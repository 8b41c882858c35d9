// Hover texts for the commands and their parts. Markdown; each ends with the post it comes from.
import { PING_HEADERS, SYSTEM_MEDIA_SIZES, decodeProfile, postLine, posts } from './knowledge.js';

const source = (...list: Array<(typeof posts)[keyof typeof posts]>) => `Source: ${list.map(postLine).join('; ')}`;

export const commandDocs = {
  advancedSet: [
    '**esxcli system settings advanced set** — change a host advanced setting.',
    '',
    '`-o`/`--option` takes the setting as a path (`/Mem/ShareForceSalting`); the value goes after `-i`/`--int-value` (numbers) or `-s`/`--string-value` (text); `-d` resets the default.',
    '',
    source(posts.tps, posts.psp),
  ].join('\n'),
  advancedList: ['**esxcli system settings advanced list** — show host advanced settings; `-o /Group/Name` shows one.', '', source(posts.psp)].join('\n'),
  advcfg: [
    '**esxcfg-advcfg** — read (`-g /Group/Name`), set (`-s <value> /Group/Name`) or reset (`-d`) a host advanced setting.',
    '',
    source(posts.psp),
  ].join('\n'),
  powercli: [
    '**PowerCLI advanced settings** on a host: `Get-VMHost <host> | Get-AdvancedSetting -Name Group.Name | Set-AdvancedSetting -Value <value> -Confirm:$false`. PowerCLI names settings with dots (`Mem.ShareForceSalting`).',
    '',
    source(posts.tps),
  ].join('\n'),
  moduleParameters: [
    '**esxcli system module parameters set** — set a driver module’s parameter string (`-m <module> -p "KEY=value ..."`).',
    '',
    'Module parameters take effect after a host reboot (general ESXi knowledge, not from the notes).',
    '',
    source(posts.lldp),
  ].join('\n'),
  i40en: [
    '**i40en** — the Intel X710 driver. Its firmware LLDP agent is enabled by default and consumes LLDP frames, so the vSwitch never sees LLDP neighbours (Broadcom/QLogic NICs were not affected). Disable it per port with `LLDP=0,...` (one value per port); on HPE servers it can also be switched off in the BIOS.',
    '',
    source(posts.lldp),
  ].join('\n'),
  lldp: [
    '**LLDP=** — one value per NIC port, comma-separated: `0` turns the i40en firmware LLDP agent off on that port, `1` on. A four-port card needs `LLDP=0,0,0,0` to turn it off everywhere.',
    '',
    source(posts.lldp),
  ].join('\n'),
  profile: [
    '**esxcli software profile update|install** — apply an image profile (a named set of VIBs) from a software depot.',
    '',
    '- `-d`/`--depot`: the depot, online (HTTP/HTTPS/FTP URL) or an offline bundle ZIP. Required.',
    '- `-p`/`--profile`: the image profile name, e.g. `ESXi-5.5.0-20140902001-standard`. Required. List a bundle’s profiles first.',
    '- `--allow-downgrades`: needed to go to an older profile.',
    '',
    'The new image takes effect after a host reboot. Keep hosts at versions their vCenter supports.',
    '',
    source(posts.downgrade, posts.offlineBundle),
  ].join('\n'),
  depot: ['**-d / --depot** — the software depot holding the VIBs and image profiles: an online URL (HTTP/HTTPS/FTP) or an offline ZIP bundle.', '', source(posts.downgrade)].join('\n'),
  allowDowngrades: [
    '**--allow-downgrades** — lets `esxcli software profile update` go to an older image profile. The downgrade takes effect after a reboot. The post needed it for a host updated past what its vCenter supported.',
    '',
    source(posts.downgrade),
  ].join('\n'),
  vmkping: [
    '**vmkping** — ping from a VMkernel interface.',
    '',
    '- `-I vmkN` picks the interface (e.g. the vMotion vmk); without it the routing table chooses, which may be vmk0.',
    `- \`-s N\` is the ICMP payload: the largest that fits an MTU is MTU − ${PING_HEADERS} (1472 for 1500, 8972 for 9000).`,
    '- `-d` forbids fragmentation, so a too-small MTU on the path makes the ping fail instead of passing.',
    '',
    source(posts.mtu, posts.vmotionNic),
  ].join('\n'),
  pingSize: [
    `**-s** — ICMP payload in bytes, not the packet size. Payload = MTU − 8 (ICMP header) − 20 (IPv4 header): 1472 for 1500, 1572 for 1600 (VXLAN transport), 8972 for 9000. Using the MTU itself gives “Message too long”. To find the path MTU, start at 1472 with \`-d\` and lower \`-s\` until the ping passes.`,
    '',
    source(posts.mtu, posts.vxlan),
  ].join('\n'),
  dontFragment: ['**-d** — set the do-not-fragment bit, so the ping proves the path carries packets of that size; without it the packet may be fragmented and pass.', '', source(posts.mtu)].join('\n'),
  pingInterface: [
    '**-I** — the VMkernel interface to send from. Testing a vMotion or storage path needs its own vmk; a link can be up yet pass no traffic, and vMotion may silently use vmk0 when it shares the management subnet.',
    '',
    source(posts.vmotionNic),
  ].join('\n'),
  systemMediaSize: [
    '**systemMediaSize** — ESXi boot option (from 7.0 Update 1c) that sets the size of the ESX-OSData volume on the boot device:',
    '',
    ...SYSTEM_MEDIA_SIZES.map((s) => `- \`${s.value}\`: ${s.meaning}`),
    '',
    'ESX-OSData (VMFS-L) holds what the /scratch partition, the Tools locker and the core dump target used to. Installing ESXi 7 needs at least 8 GB on USB/SD and 32 GB on other devices; the boot partition is always 100 MB.',
    '',
    source(posts.bootMedia),
  ].join('\n'),
};

/** Hover for an image profile name: its parts. */
export function profileNameDoc(name: string): string | undefined {
  const decoded = decodeProfile(name);
  if (!decoded) return undefined;
  const lines = [`**${name}** — ESXi ${decoded.version} image profile`, ''];
  if (decoded.build) lines.push(`- build ${decoded.build}`);
  lines.push(decoded.securityOnly ? '- “s”: security fixes only (no bug fixes)' : '- security and bug fixes');
  if (decoded.variant) lines.push(`- \`${decoded.variant}\`${decoded.variant === 'no-tools' ? ' (without VMware Tools images; outside the notes)' : ''}`);
  lines.push('', source(posts.downgrade));
  return lines.join('\n');
}
