// What we know about node VM settings: per-key documentation for hovers and completion, and the
// sources rules and hovers cite. Facts from the notes are cited to their post; keys and values
// the notes do not spell out (e.g. the .vmx name of a UI option) are marked as such in the text.
import { driver, kubernetes, notes } from '../../knowledge/citations.js';
import type { Citation } from '../../types.js';

const UNDATED = 'undated (the post carries no date)';

/** Posts of the notes these settings come from, cited by title, blog and date. */
export const vmPosts = {
  csiDriver: notes.csiDriverPost,
  pageSharing: { kind: 'note', title: 'TIL: Transparent Page Sharing (TPS) between VMs is disabled by default', blog: 'Rakhesh Sasidharan’s blog', date: UNDATED },
  switchover: { kind: 'note', title: 'untitled post (title not kept) on the Storage vMotion switchover timeout', blog: 'RJAPPROVES', date: UNDATED },
  exchangeDag: { kind: 'note', title: 'Exchange DAG fails. Information Store service fails with error 2147221213.', blog: 'Rakhesh Sasidharan’s blog', date: UNDATED },
  nsxPart3: { kind: 'note', title: 'Yay! (VXLAN) contd. + Notes to self while installing NSX 6.3 (part 3)', blog: 'Rakhesh Sasidharan’s blog', date: UNDATED },
  memory: { kind: 'note', title: '[Aside] Memory Resource Management in ESXi', blog: 'Rakhesh Sasidharan’s blog', date: UNDATED },
} as const satisfies Record<string, Citation>;

/** A post of the notes with what it says, in our words. */
function post(base: (typeof vmPosts)[keyof typeof vmPosts], says: string): Citation {
  return { ...base, says };
}

export const vmCitations = {
  hotplug: post(vmPosts.csiDriver, 'the driver attaches a volume by hot-adding it to the node VM, which works only while the VM advanced setting devices.hotplug is enabled (the default).'),
  pvscsi: post(vmPosts.csiDriver, 'the author’s understanding: block volumes attach through PVSCSI adapters (64 disks each) and a VM takes up to four SCSI adapters, hence 256 volumes per worker VM; the driver itself allows 59 (255 on vSphere 8).'),
  diskPath: driver(
    'pkg/csi/service/osutils/linux_os_utils.go (GetDiskPath, devDiskID, blockPrefix)',
    'v2.4.0 – v3.8.0-rc.1 (pkg/csi/service/node.go before v2.4.0)',
    'the node plugin looks for an attached volume only as /dev/disk/by-id/wwn-0x<disk UUID>; a guest that is not shown disk UUIDs has no such link, so the volume is never found.',
  ),
  prerequisites: driver(
    'docs/book/driver-deployment/prerequisites.md',
    'v2.0.0 – v2.4.x (the in-repository docs were removed before v2.5.0)',
    'node VMs need disk.EnableUUID set to TRUE and VM hardware version 15 or later; the PVSCSI controller is recommended (govc vm.change -e="disk.enableUUID=1").',
  ),
  limits: driver(
    'docs/book/limits.md',
    'v2.0.0 – v2.4.x (the in-repository docs were removed before v2.5.0)',
    'the driver attaches volumes to Paravirtual SCSI controllers only: at most 59 per node VM with four PVSCSI controllers (one slot holds the boot disk), and every other SCSI controller on the VM lowers that by 15.',
  ),
  capvType: kubernetes(
    'kubernetes-sigs/cluster-api-provider-vsphere',
    'apis/v1beta1/types.go (VirtualMachineCloneSpec.CustomVMXKeys)',
    'customVMXKeys is a map[string]string; the CRD schema accepts only string values.',
  ),
  capvDiskUuid: kubernetes(
    'kubernetes-sigs/cluster-api-provider-vsphere',
    'pkg/services/govmomi/vcenter/clone.go (newVMFlagInfo)',
    'CAPV clones every machine with DiskUuidEnabled set, so its node VMs show disk UUIDs unless customVMXKeys turns disk.EnableUUID off.',
  ),
  switchover: post(vmPosts.switchover, 'Storage vMotion fails when the final switchover takes longer than fsr.maxSwitchoverSeconds, 100 seconds by default; VMs with many disks need longer, and the value can be raised (the post used 200).'),
  pageSharing: post(vmPosts.pageSharing, 'VMs whose sched.mem.pshare.salt is the same may share memory pages with each other; with the host default (Mem.ShareForceSalting 2) a VM without a salt shares only with itself.'),
  timeSync: post(vmPosts.exchangeDag, 'turning off the VMware Tools time sync stops only the periodic sync: the guest still takes the host’s time after vMotion, snapshots and a Tools restart.'),
  staticMac: post(vmPosts.nsxPart3, 'ESXi refused to run VMs whose hand-set MAC addresses came from the VMware Workstation range.'),
  hardwareNewer: post(vmPosts.nsxPart3, 'a VM whose virtual hardware is newer than the ESXi host supports cannot be imported there.'),
  vmxnet3: post(vmPosts.nsxPart3, 'changing the adapters to VMXNET3 gives the guest new NICs, so their network settings have to be made again.'),
  ballooning: post(vmPosts.memory, 'ballooning (a driver in the guest) is preferred; the hypervisor swaps only under heavy memory pressure, which hurts performance.'),
} as const;

export type ValueKind = 'boolean' | 'number' | 'text';

export interface KeyDoc {
  /** How the key is shown (`scsi<N>.virtualDev` for families). */
  title: string;
  /** Lower-cased key, or a pattern for families (scsi0..). */
  matches: (lowerKey: string) => boolean;
  /** Keys offered by completion (a family offers its first member). */
  complete: string[];
  kind: ValueKind;
  /** Values offered by completion, the first being the usual one. */
  values: string[];
  /** Markdown paragraphs. */
  text: string[];
  citations: Citation[];
}

const exact = (key: string) => (lower: string) => lower === key.toLowerCase();
const family = (pattern: RegExp) => (lower: string) => pattern.test(lower);

export const KEY_DOCS: readonly KeyDoc[] = [
  {
    title: 'devices.hotplug',
    matches: exact('devices.hotplug'),
    complete: ['devices.hotplug'],
    kind: 'boolean',
    values: ['TRUE', 'FALSE'],
    text: [
      'Hot-add and hot-remove of devices while the VM runs. On by default.',
      'The vSphere CSI driver attaches every block volume by hot-adding a disk to the running node VM, so on a Kubernetes node it must stay enabled: with `"FALSE"` volumes never attach and pods stay in ContainerCreating. Hardening guides set it to `"FALSE"` for other VMs; leave node VMs out.',
    ],
    citations: [vmCitations.hotplug],
  },
  {
    title: 'disk.EnableUUID',
    matches: exact('disk.enableuuid'),
    complete: ['disk.EnableUUID'],
    kind: 'boolean',
    values: ['TRUE', 'FALSE'],
    text: [
      'Shows the guest each virtual disk’s UUID (as its SCSI serial), so `/dev/disk/by-id/wwn-0x<uuid>` links exist.',
      'The CSI node plugin finds an attached volume only through that link: without it volumes attach in vSphere but are never mounted, and pods stay in ContainerCreating. Must be `"TRUE"` on every node VM. Cluster API vSphere turns disk UUIDs on by itself when it clones a machine.',
    ],
    citations: [vmCitations.diskPath, vmCitations.prerequisites, vmCitations.capvDiskUuid],
  },
  {
    title: 'virtualHW.version',
    matches: exact('virtualhw.version'),
    complete: ['virtualHW.version'],
    kind: 'number',
    values: ['19', '20', '21', '15', '17'],
    text: [
      'The VM’s virtual hardware (compatibility) version.',
      'The vSphere CSI driver’s prerequisites ask for 15 or later on node VMs. A version newer than an ESXi host supports cannot run (or be imported) on that host. Upgrading needs the VM powered off.',
    ],
    citations: [vmCitations.prerequisites, vmCitations.hardwareNewer],
  },
  {
    title: 'scsi<N>.virtualDev',
    matches: family(/^scsi\d+\.virtualdev$/),
    complete: ['scsi0.virtualDev', 'scsi1.virtualDev', 'scsi2.virtualDev', 'scsi3.virtualDev'],
    kind: 'text',
    values: ['pvscsi', 'lsilogic', 'lsisas1068', 'buslogic'],
    text: [
      'The type of SCSI controller N: `pvscsi` (VMware Paravirtual), `lsilogic` (LSI Logic Parallel), `lsisas1068` (LSI Logic SAS) or `buslogic`.',
      'The CSI driver attaches volumes to Paravirtual SCSI controllers only; every other controller on the node VM takes 15 volumes off the per-node limit (59 with four PVSCSI controllers). A VM has at most four SCSI controllers (`scsi0` to `scsi3`). The notes’ post counts 64 disks per PVSCSI adapter, 256 per VM: that is the VM’s arithmetic, not what the driver allows.',
    ],
    citations: [vmCitations.limits, vmCitations.pvscsi],
  },
  {
    title: 'scsi<N>.present',
    matches: family(/^scsi\d+\.present$/),
    complete: ['scsi0.present', 'scsi1.present', 'scsi2.present', 'scsi3.present'],
    kind: 'boolean',
    values: ['TRUE', 'FALSE'],
    text: ['Whether SCSI controller N exists. A VM has at most four SCSI controllers, `scsi0` to `scsi3`; volumes attached by the CSI driver go on PVSCSI controllers.'],
    citations: [vmCitations.pvscsi, vmCitations.limits],
  },
  {
    title: 'fsr.maxSwitchoverSeconds',
    matches: exact('fsr.maxswitchoverseconds'),
    complete: ['fsr.maxSwitchoverSeconds'],
    kind: 'number',
    values: ['200', '100'],
    text: [
      'How long the final switchover of a Storage vMotion may take, in whole seconds. **Default: 100 s.**',
      'When the switchover takes longer, vCenter fails the migration with a maximum-switchover-time error. Each disk is handled in that phase, so VMs with many disks (a node with many attached volumes) and slow storage need more; the post raised it to 200. Add it while the VM is powered off (or power off, unregister, edit the .vmx, register again).',
    ],
    citations: [vmCitations.switchover],
  },
  {
    title: 'sched.mem.pshare.salt',
    matches: exact('sched.mem.pshare.salt'),
    complete: ['sched.mem.pshare.salt'],
    kind: 'text',
    values: [],
    text: [
      'The salt for Transparent Page Sharing (TPS): VMs with the same salt may share identical memory pages with each other.',
      'With the host default `Mem.ShareForceSalting = 2`, a VM without a salt gets its own and shares pages only within itself; with `0` on the host the salt is ignored and all VMs share. Give the same salt only to VMs of the same trust zone (e.g. the nodes of one cluster).',
    ],
    citations: [vmCitations.pageSharing],
  },
  {
    title: 'tools.syncTime',
    matches: exact('tools.synctime'),
    complete: ['tools.syncTime'],
    kind: 'boolean',
    values: ['FALSE', 'TRUE'],
    text: [
      'Periodic time sync of the guest from its host through VMware Tools (the “sync guest time with host” option; the .vmx key name is not in the notes).',
      'Turning it off stops only the periodic sync: the guest still takes the host’s time on vMotion, snapshot create or revert, disk shrink and Tools restart. Hosts need correct time (NTP) either way; a node whose clock jumps breaks certificates and leases.',
    ],
    citations: [vmCitations.timeSync],
  },
  {
    title: 'ethernet<N>.address',
    matches: family(/^ethernet\d+\.address$/),
    complete: ['ethernet0.address'],
    kind: 'text',
    values: [],
    text: [
      'A static MAC address for network adapter N (with `ethernet<N>.addressType = "static"`).',
      'ESXi accepts static MACs in VMware’s range `00:50:56:00:00:00` to `00:50:56:3F:FF:FF` (the range is not in the notes); the notes saw ESXi refuse VMs whose hand-set MACs came from the VMware Workstation range.',
    ],
    citations: [vmCitations.staticMac],
  },
  {
    title: 'ethernet<N>.addressType',
    matches: family(/^ethernet\d+\.addresstype$/),
    complete: ['ethernet0.addressType'],
    kind: 'text',
    values: ['generated', 'vpx', 'static'],
    text: ['How adapter N gets its MAC address: `vpx` (assigned by vCenter), `generated` (by the host) or `static` (from `ethernet<N>.address`).'],
    citations: [vmCitations.staticMac],
  },
  {
    title: 'ethernet<N>.virtualDev',
    matches: family(/^ethernet\d+\.virtualdev$/),
    complete: ['ethernet0.virtualDev'],
    kind: 'text',
    values: ['vmxnet3', 'e1000e', 'e1000'],
    text: ['The adapter type of network adapter N. Changing it (for example to `vmxnet3`) gives the guest a new NIC: its network settings have to be made again.'],
    citations: [vmCitations.vmxnet3],
  },
  {
    title: 'sched.mem.maxmemctl',
    matches: exact('sched.mem.maxmemctl'),
    complete: ['sched.mem.maxmemctl'],
    kind: 'number',
    values: [],
    text: ['The most memory (MB) the balloon driver may reclaim from the VM; `0` turns ballooning off (the key name is not in the notes). Ballooning is the preferred way to reclaim memory; without it the host swaps the VM’s memory under pressure, which hurts performance.'],
    citations: [vmCitations.ballooning],
  },
];

export function keyDoc(key: string): KeyDoc | undefined {
  const lower = key.toLowerCase();
  return KEY_DOCS.find((doc) => doc.matches(lower));
}
