// What the notes say about the ESXi host settings and commands we analyse, as data for the rules,
// hovers and completion. Every fact carries the post it comes from; what comes from elsewhere is
// labelled as such in the text.
import type { Citation } from '../../types.js';

const RAKHESH = "Rakhesh Sasidharan's blog";
const TAM = 'a VMware TAM’s vSphere blog (posts of 2021)';
const UNDATED = 'undated';

type Post = Extract<Citation, { kind: 'note' }>;

const post = (title: string, blog: string, date: string): Post => ({ kind: 'note', title, blog, date });

export const posts = {
  tps: post('TIL: Transparent Page Sharing (TPS) between VMs is disabled by default', RAKHESH, UNDATED),
  memory: post('[Aside] Memory Resource Management in ESXi', RAKHESH, UNDATED),
  downgrade: post('Downgrading ESXi Host', RAKHESH, UNDATED),
  offlineBundle: post('Find the profiles in an offline ESXi update zip file', RAKHESH, UNDATED),
  vmotionNic: post('vMotion NIC load balancing fails even though there is an active link', RAKHESH, UNDATED),
  vxlan: post('Yay! (VXLAN)', RAKHESH, UNDATED),
  psp: post('Enhanced Load Balancing Path Selection Policy', TAM, '2021-10-01'),
  flapping: post('vSphere design : ESXi protection against network port flapping', TAM, '2021-09-09'),
  lldp: post('ESXi, Intel NICs and LLDP', TAM, '2021-09-02'),
  bootMedia: post('vSphere 7 - ESXi boot media partition layout changes', TAM, '2021-06-15'),
  mtu: post('Back to basics - MTU & IP defragmentation', TAM, '2021-02-04'),
} as const;

export function cite(base: Post, says: string): Citation {
  return { ...base, says };
}

/** One line for hovers: “title”, blog, date. */
export function postLine(base: Post): string {
  return `“${base.title}”, ${base.blog}, ${base.date}`;
}

export interface HostSettingValue {
  value: string;
  meaning: string;
}

export interface HostSetting {
  /** Dotted name as PowerCLI and the vSphere Client write it (`Mem.ShareForceSalting`). */
  name: string;
  type: 'int' | 'string';
  /** Where the value type is known from. */
  typeSource: string;
  values?: HostSettingValue[];
  default?: string;
  /** Markdown paragraphs for the hover. */
  about: string[];
  sources: Post[];
}

export const HOST_SETTINGS: readonly HostSetting[] = [
  {
    name: 'Mem.ShareForceSalting',
    type: 'int',
    typeSource: 'the notes (values 0, 1, 2)',
    default: '2',
    values: [
      { value: '0', meaning: 'inter-VM page sharing for every VM; per-VM salts (`sched.mem.pshare.salt`) are ignored' },
      { value: '1', meaning: 'inter-VM sharing by default, but a VM with `sched.mem.pshare.salt` shares only with VMs that have the same salt' },
      { value: '2', meaning: 'default: pages are shared only inside each VM (a VM without a salt gets a unique one)' },
    ],
    about: [
      'How salting limits Transparent Page Sharing (TPS) between VMs.',
      'Around 2015 VMware stopped sharing pages between VMs by default, for security; sharing inside a VM still works. Large pages make identical pages rare, and TPS costs CPU for its page scans.',
    ],
    sources: [posts.tps],
  },
  {
    name: 'Misc.EnablePSPLatencyPolicy',
    type: 'int',
    typeSource: 'the notes (the value reads 1)',
    default: '1 (ESXi 6.7 U3 and later)',
    values: [
      { value: '0', meaning: 'Round Robin (VMW_PSP_RR) ignores path latency' },
      { value: '1', meaning: 'default from 6.7 U3: Round Robin picks paths considering their I/O latency' },
    ],
    about: [
      'The latency-aware sub-policy of the Round Robin path selection policy. Because it is on, storage paths can carry different amounts of traffic; that is expected, not a fault.',
      'Read it with `esxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy`.',
    ],
    sources: [posts.psp],
  },
  {
    name: 'Net.TeamPolicyUpDelay',
    type: 'int',
    typeSource: 'VMware knowledge base articles 312558 and 410008 (outside the notes)',
    default: '100 (milliseconds; from VMware’s knowledge base, not the notes)',
    about: [
      'How long the host waits after an uplink comes back up before using it again: a simple form of link dampening against port flapping. The post suggests letting traffic fail back after “5 or 10 second”.',
      'The unit is milliseconds according to VMware’s knowledge base (articles 312558 and 410008; the post gives no unit), so 5 to 10 seconds is 5000 to 10000.',
      'Trade-off from the post: it is a per-host setting (every host must be set), and unlike switch link dampening it has no penalty that decays with flap frequency. The alternative, Failback = No on the teaming policy, never fails back until the host restarts.',
    ],
    sources: [posts.flapping],
  },
  {
    name: 'ScratchConfig.ConfiguredScratchLocation',
    type: 'string',
    typeSource: 'the notes (a directory path)',
    about: [
      'Where the host keeps its scratch data (logs, support bundles). Redirecting it to a directory on a datastore cuts writes to USB/SD boot media (VMware KB 1033696, as the post cites).',
      'In ESXi 7 the ESX-OSData volume took over the roles of the old /scratch partition, the VMware Tools locker and the core dump target. The new location applies after a reboot (not stated in the post).',
    ],
    sources: [posts.bootMedia],
  },
  {
    name: 'UserVars.ToolsRamdisk',
    type: 'int',
    typeSource: 'outside the notes (the post names the option “ToolsRamdisk” without its group)',
    values: [
      { value: '0', meaning: 'Tools images are read from the boot media' },
      { value: '1', meaning: 'the Tools image is copied to a ramdisk at boot and read once per boot' },
    ],
    about: [
      'Added in ESXi 6.7 U3 against SD-card wear from frequent reads of the VMware Tools image. The post says the ToolsRamdisk option is **not available in ESXi 7.0.x**; there, move the productLocker to a datastore instead.',
    ],
    sources: [posts.bootMedia],
  },
  {
    name: 'UserVars.ProductLockerLocation',
    type: 'string',
    typeSource: 'outside the notes (the post cites VMware KB 2129825 without naming the setting)',
    about: [
      'Where the VMware Tools images (productLocker) live. Moving them from boot media to a directory on a datastore is the post’s design fix for Tools-image reads wearing out SD cards (VMware KB 2129825).',
    ],
    sources: [posts.bootMedia],
  },
];

const BY_NAME = new Map(HOST_SETTINGS.map((s) => [s.name.toLowerCase(), s] as const));

/** The dotted name of a setting written as a path (`/Mem/ShareForceSalting`) or dotted. */
export function dottedName(written: string): string {
  return written.startsWith('/') ? written.slice(1).split('/').join('.') : written;
}

export function pathName(dotted: string): string {
  return `/${dotted.split('.').join('/')}`;
}

export function hostSetting(written: string): HostSetting | undefined {
  return BY_NAME.get(dottedName(written.trim()).toLowerCase());
}

export function isKnownHostSettingName(written: string): boolean {
  return hostSetting(written) !== undefined;
}

/** Path form esxcli `-o` and esxcfg-advcfg take: `/Group/Name` (two or more parts). */
export const PATH_FORM = /^(\/[A-Za-z0-9_-]+){2,}$/;
/** Dotted form PowerCLI `-Name` takes: `Group.Name`. */
export const DOTTED_FORM = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

export const SYSTEM_MEDIA_SIZES: readonly HostSettingValue[] = [
  { value: 'min', meaning: '25 GB' },
  { value: 'small', meaning: '55 GB' },
  { value: 'default', meaning: '138 GB, the default behaviour' },
  { value: 'max', meaning: 'all available space' },
];

/** Standard MTUs a vmkping payload is usually meant to fill: Ethernet, VXLAN transport, jumbo frames. */
export const STANDARD_MTUS = [1500, 1600, 9000] as const;
/** ICMP header (8) plus IPv4 header (20). */
export const PING_HEADERS = 28;

/** Decodes an image profile name such as `ESXi-5.5.0-20140902001s-standard`. */
export function decodeProfile(name: string): { version: string; build?: string; securityOnly: boolean; variant?: string } | undefined {
  const match = /^ESXi-(\d+\.\d+(?:\.\d+)?(?:U\d+[a-z]*)?)(?:-(\d+)(s?))?(?:-(standard|no-tools))?$/i.exec(name.trim());
  if (!match) return undefined;
  const version = match[1]!;
  const securityOnly = match[3] === 's' || /U\d+s[a-z]*$/i.test(version);
  const decoded: { version: string; build?: string; securityOnly: boolean; variant?: string } = { version, securityOnly };
  if (match[2]) decoded.build = match[2];
  if (match[4]) decoded.variant = match[4].toLowerCase();
  return decoded;
}

export function isInteger(text: string): boolean {
  return /^-?\d+$/.test(text.trim());
}

/** Markdown for a setting's hover. */
export function settingMarkdown(setting: HostSetting): string {
  const lines = [`**${setting.name}** (\`${pathName(setting.name)}\`) — ESXi host advanced setting`, '', ...setting.about.flatMap((p) => [p, ''])];
  if (setting.values?.length) {
    lines.push('Values:', '', ...setting.values.map((v) => `- \`${v.value}\`: ${v.meaning}`), '');
  }
  if (setting.default !== undefined) lines.push(`Default: ${setting.default}.`, '');
  lines.push(`Type: ${setting.type === 'int' ? 'integer (esxcli `-i`)' : 'string (esxcli `-s`)'}, known from ${setting.typeSource}.`, '');
  lines.push(`Source: ${setting.sources.map(postLine).join('; ')}`);
  return lines.join('\n');
}
