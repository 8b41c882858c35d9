// What hovers and completion say about the fields the linter knows: StorageClass parameters per
// flavor, provisioners, fstype values, access and volume modes, binding modes, topology keys,
// snapshot classes. Explanations are ours; sources come from the rules' citations (so a hover and
// the rule it relates to cite the same thing) and from knowledge/.
import type { DriverFlavor } from '../config.js';
import { accessModeCitations } from '../knowledge/accessModes.js';
import { formatCitation, note, notes } from '../knowledge/citations.js';
import {
  EXTRA_METADATA_KEYS,
  FLAVOR_KEYS,
  FLAVOR_LABEL,
  IN_TREE_TRANSLATED,
  IN_TREE_VSAN_KEYS,
  MIGRATION_KEYS,
  RESERVED_KEYS,
  RESERVED_PREFIX,
  flavorsAccepting,
} from '../knowledge/parameters.js';
import { PRE_GA_DRIVER_NAME } from '../knowledge/storageClassProvisioners.js';
import { snapshotCitations } from '../knowledge/snapshots.js';
import { CSI_TOPOLOGY_PREFIX, HOSTNAME_TOPOLOGY_KEY, LEGACY_TOPOLOGY_KEYS, MAPPED_TOPOLOGY_KEYS, BLOG_TOPOLOGY_PREFIX } from '../knowledge/topologyKeys.js';
import { DEFAULT_VOLUME_LIMIT, HIGH_DENSITY_FEATURE, HIGH_DENSITY_VOLUME_LIMIT, LEGACY_HIGH_DENSITY_FEATURE } from '../knowledge/limits.js';
import type { RuleRegistry } from '../rules/index.js';
import type { Citation } from '../types.js';
import { IN_TREE_PROVISIONER, VSPHERE_CSI_DRIVER } from '../workspaceIndex.js';

/** A piece of explanation: Markdown in our words, and where the facts come from. */
export interface Topic {
  title: string;
  markdown: string;
  /** Rules whose citations back the topic (and which report mistakes about it). */
  rules?: string[];
  citations?: Citation[];
}

/** "**Source** (notes): …" lines; when both the notes and the driver are cited, both appear, each labelled. */
export function sourceLines(citations: readonly Citation[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const citation of citations) {
    const text = formatCitation(citation);
    if (seen.has(text)) continue;
    seen.add(text);
    const label = citation.kind === 'note' ? 'notes' : citation.kind === 'driver' ? 'driver' : 'Kubernetes';
    lines.push(`**Source** (${label}): ${text}`);
  }
  const kinds = new Set(citations.map((c) => c.kind));
  if (kinds.has('note') && kinds.has('driver') && lines.length > 1) {
    lines.push('_Where the notes and the driver disagree, the driver decides what happens in the cluster; both are shown._');
  }
  return lines;
}

export function topicCitations(topic: Topic, registry: RuleRegistry): Citation[] {
  const out: Citation[] = [...(topic.citations ?? [])];
  for (const id of topic.rules ?? []) out.push(...(registry.meta(id)?.citations ?? []));
  return out;
}

/** The topic as hover Markdown: title, text, related rules, sources. */
export function renderTopic(topic: Topic, registry: RuleRegistry): string {
  const parts = [`**${topic.title}**`, '', topic.markdown];
  const rules = (topic.rules ?? []).filter((id) => registry.isKnownRule(id));
  if (rules.length) parts.push('', `Checked by ${rules.map((id) => `\`${id}\``).join(', ')}.`);
  const sources = sourceLines(topicCitations(topic, registry));
  if (sources.length) parts.push('', ...sources.flatMap((line) => [line, '']));
  return parts.join('\n').trimEnd();
}

const postPolicies = note(notes.csiDriverPost, 'a StorageClass maps Kubernetes storage requests to a vSphere storage policy; the claim then asks for storage against that class.');

/** A parameter only some flavors accept: the rules that report it where it does not belong. */
const flavorSpecific = (markdown: string): Omit<Topic, 'title'> => ({ markdown, rules: ['sc-unknown-parameter', 'sc-wrong-flavor-parameter'] });

const PARAMETER_TOPICS: Record<string, Omit<Topic, 'title'>> = {
  storagepolicyname: {
    markdown:
      'The vSphere storage policy (SPBM) the volume is created with, by name. CNS resolves the name to a policy ID on every CreateVolume and places the disk on a datastore compatible with the policy; a name vCenter does not know fails provisioning and the claim stays Pending. Compared case-insensitively as a key; the value must match the policy name exactly.',
    rules: ['sc-unknown-storage-policy'],
    citations: [postPolicies],
  },
  datastoreurl: {
    markdown:
      'Pins volumes of the class to one datastore, by its URL (`ds:///vmfs/volumes/<uuid>/`, as vCenter shows it under the datastore\'s summary). With a storage policy too, the datastore must be compatible with the policy. File (ReadWriteMany) volumes need a vSAN datastore with File Services enabled.',
    rules: ['sc-unknown-datastore', 'sc-datastore-url-format'],
  },
  fstype: {
    markdown:
      'The file system the volume is formatted with, in the driver\'s **deprecated** spelling. The driver still reads it (and logs that it is deprecated); `csi.storage.k8s.io/fstype` is the key external-provisioner understands and passes on as the volume capability.',
    rules: ['sc-fstype-deprecated', 'sc-invalid-fstype'],
  },
  'csi.storage.k8s.io/fstype': {
    markdown:
      'The file system of the volume: `ext4` (the default), `ext3` or `xfs` for block volumes (ReadWriteOnce), `nfs4` for file volumes (ReadWriteMany/ReadOnlyMany on vSAN File Services), `ntfs` for Windows nodes. external-provisioner removes the key from the parameters and passes the value as the volume capability\'s fsType; the driver compares it case-sensitively.',
    rules: ['sc-invalid-fstype', 'pvc-fstype-access-mode'],
    citations: [accessModeCitations.fstype],
  },
  storagepolicyid: flavorSpecific(
    'Supervisor clusters (vSphere with Tanzu): the storage policy by its **ID**, not its name. vSphere sets it on the StorageClasses it creates for the namespace\'s assigned policies.',
  ),
  storagetopologytype: flavorSpecific('Supervisor and guest clusters: how volumes are placed across vSphere zones (for example `zonal`). Not a parameter of vanilla clusters.'),
  storagepool: flavorSpecific('Supervisor clusters: the StoragePool (vSAN Direct or host-local storage) to place volumes on.'),
  hostlocal: flavorSpecific('Supervisor clusters: volumes on host-local storage.'),
  hostlocalpolicy: flavorSpecific('Supervisor clusters: the policy for host-local volumes.'),
  'csi.vsphere.k8s.io/linked-clone': flavorSpecific('Supervisor clusters: create volumes as linked clones of their snapshot source.'),
  svstorageclass: flavorSpecific(
    'Guest (TKG) clusters: the name of the **Supervisor** StorageClass, in the guest cluster\'s vSphere Namespace, that backs this class. The paravirtual driver forwards the claim to the Supervisor, which provisions the volume there.',
  ),
};

function reservedTopic(key: string): Omit<Topic, 'title'> | undefined {
  if (key === 'csi.storage.k8s.io/fstype') return PARAMETER_TOPICS[key];
  if (RESERVED_KEYS.includes(key)) {
    return {
      markdown:
        'A secret reference external-provisioner resolves and removes before it calls the driver. The vSphere CSI driver takes its vCenter credentials from its own configuration (the `vsphere-config-secret` Secret), so a StorageClass for it does not need secret parameters.',
      rules: ['sc-unknown-reserved-parameter'],
    };
  }
  if (EXTRA_METADATA_KEYS.includes(key)) {
    return {
      markdown: 'Metadata external-provisioner adds itself when started with `--extra-create-metadata`; written into a StorageClass it is refused like any unknown `csi.storage.k8s.io/` key.',
      rules: ['sc-unknown-reserved-parameter'],
    };
  }
  if (key.startsWith(RESERVED_PREFIX)) {
    return { markdown: 'A key under the prefix external-provisioner reserves for itself; it refuses keys there that it does not know, so provisioning fails.', rules: ['sc-unknown-reserved-parameter'] };
  }
  return undefined;
}

/** What a StorageClass parameter key means for the configured flavor. */
export function parameterTopic(key: string, flavor: DriverFlavor, provisioner: string | undefined): Topic | undefined {
  const lower = key.toLowerCase();
  if (provisioner === IN_TREE_PROVISIONER) {
    const translated = IN_TREE_TRANSLATED[lower];
    if (translated !== undefined || IN_TREE_VSAN_KEYS.includes(lower)) {
      return {
        title: `${key} (in-tree vSphere parameter)`,
        markdown: IN_TREE_VSAN_KEYS.includes(lower)
          ? 'A raw vSAN capability of the removed in-tree plugin. CSI migration translates it, and the vSphere CSI driver then refuses it: express it as an SPBM storage policy and name the policy in `storagepolicyname`.'
          : `A parameter of the removed in-tree plugin; CSI migration turns it into \`${translated}\`.`,
        rules: ['sc-in-tree-provisioner', 'sc-in-tree-vsan-parameter', 'sc-in-tree-diskformat', 'sc-in-tree-dropped-parameter'],
      };
    }
  }
  const reserved = key.startsWith(RESERVED_PREFIX) ? reservedTopic(key) : undefined;
  if (reserved) return { title: `parameters: ${key}`, ...reserved };
  if (MIGRATION_KEYS.includes(lower) || lower.endsWith('-migrationparam')) {
    return {
      title: `parameters: ${key} (migration-internal)`,
      markdown: 'Written by CSI migration when it translates an in-tree class; the driver\'s validating webhook refuses it in a StorageClass written by hand.',
      rules: ['sc-migration-parameter'],
    };
  }
  const topic = PARAMETER_TOPICS[lower];
  const accepting = flavorsAccepting(lower);
  if (!topic) return undefined;
  const ok = accepting.includes(flavor);
  const flavorNote = ok
    ? `Accepted by the ${FLAVOR_LABEL[flavor]} driver.`
    : `**Not accepted on ${FLAVOR_LABEL[flavor]} clusters** (only ${accepting.map((f) => FLAVOR_LABEL[f]).join(', ')}).`;
  return { title: `parameters: ${key}`, ...topic, markdown: `${topic.markdown}\n\n${flavorNote}` };
}

/** Parameter keys to complete for a flavor, with the spelling the docs use. */
export function parameterKeysFor(flavor: DriverFlavor): Array<{ key: string; topic: Topic }> {
  const keys = Object.values(FLAVOR_KEYS[flavor]).filter((k) => k !== 'fstype');
  keys.push('csi.storage.k8s.io/fstype');
  return keys.flatMap((key) => {
    const topic = parameterTopic(key, flavor, VSPHERE_CSI_DRIVER);
    return topic ? [{ key, topic }] : [];
  });
}

export const PROVISIONERS: Record<string, Topic> = {
  [VSPHERE_CSI_DRIVER]: {
    title: `provisioner: ${VSPHERE_CSI_DRIVER}`,
    markdown:
      'The vSphere CSI driver. Volumes are Cloud Native Storage (CNS) volumes: First Class Disks on VMFS, NFS, vVols or vSAN datastores for ReadWriteOnce claims, vSAN File Services NFS 4.1 shares for ReadWriteMany/ReadOnlyMany claims. Which datastore is chosen follows the storage policy (`storagepolicyname`) or `datastoreurl`.',
    rules: ['sc-provisioner-typo', 'sc-unknown-parameter'],
    citations: [snapshotCitations.driverName, postPolicies],
  },
  [IN_TREE_PROVISIONER]: {
    title: `provisioner: ${IN_TREE_PROVISIONER} (deprecated)`,
    markdown:
      'The in-tree vSphere volume plugin, **removed in Kubernetes 1.30**. Its classes only keep working through CSI migration, which rewrites their parameters for `csi.vsphere.vmware.com` on every request and refuses or drops some of them. Convert the class to `csi.vsphere.vmware.com` (quick fix available when nothing is lost).',
    rules: ['sc-in-tree-provisioner'],
  },
  [PRE_GA_DRIVER_NAME]: {
    title: `provisioner: ${PRE_GA_DRIVER_NAME}`,
    markdown: 'The name pre-1.0 (2019) builds of the vSphere CSI driver registered. Current drivers register as `csi.vsphere.vmware.com`; claims of this class are picked up by no provisioner.',
    rules: ['sc-provisioner-typo'],
  },
};

export function fstypeTopic(value: string): Topic | undefined {
  const lower = value.toLowerCase();
  const base = { rules: ['sc-invalid-fstype', 'pvc-fstype-access-mode'], citations: [accessModeCitations.fstype] };
  switch (value) {
    case 'ext4':
      return { title: 'fstype ext4', markdown: 'The default. Block volumes (ReadWriteOnce) are formatted ext4; for file volumes (ReadWriteMany) the driver accepts it and mounts the NFS 4.1 share (it becomes nfs4 on the node).', ...base };
    case 'ext3':
      return { title: 'fstype ext3', markdown: 'Block volumes only (ReadWriteOnce, ReadWriteOncePod).', ...base };
    case 'xfs':
      return { title: 'fstype xfs', markdown: 'Block volumes only (ReadWriteOnce, ReadWriteOncePod). A ReadWriteMany claim on an xfs class is refused by the driver.', ...base };
    case 'nfs4':
    case 'nfs':
      return { title: `fstype ${value}`, markdown: 'File volumes: vSAN File Services NFS 4.1 shares for ReadWriteMany/ReadOnlyMany claims. A ReadWriteOnce claim on such a class is refused.', ...base };
    default:
      break;
  }
  if (lower === 'ntfs') return { title: 'fstype ntfs', markdown: 'Windows nodes (block volumes, ReadWriteOnce). Compared case-insensitively by the driver.', ...base };
  if (['ext4', 'ext3', 'xfs', 'nfs4', 'nfs'].includes(lower)) {
    return { title: `fstype ${value}`, markdown: `The driver compares fstype case-sensitively: write \`${lower}\`.`, ...base };
  }
  return { title: `fstype ${value}`, markdown: 'Not a file system the vSphere CSI driver supports (ext4, ext3, xfs, nfs4, nfs, ntfs).', ...base };
}

/** fstype values the driver accepts for claims with these access modes (all when there are none). */
export function fstypesFor(modes: ReadonlySet<string>): Array<{ value: string; detail: string }> {
  const multi = modes.has('ReadWriteMany') || modes.has('ReadOnlyMany');
  const single = modes.has('ReadWriteOnce') || modes.has('ReadWriteOncePod');
  const all = [
    { value: 'ext4', detail: 'block volumes (default); accepted for file volumes', block: true, file: true },
    { value: 'xfs', detail: 'block volumes (ReadWriteOnce)', block: true, file: false },
    { value: 'ext3', detail: 'block volumes (ReadWriteOnce)', block: true, file: false },
    { value: 'nfs4', detail: 'file volumes (ReadWriteMany, vSAN File Services)', block: false, file: true },
    { value: 'ntfs', detail: 'Windows nodes, block volumes', block: true, file: false },
  ];
  return all.filter((f) => (!multi || f.file) && (!single || f.block)).map(({ value, detail }) => ({ value, detail }));
}

export const ACCESS_MODES: Record<string, Topic> = {
  ReadWriteOnce: {
    title: 'accessModes: ReadWriteOnce',
    markdown: 'One node mounts the volume read-write. The vSphere CSI driver serves it with a **block volume** (a First Class Disk attached to the node VM).',
    rules: ['pvc-access-mode-conflict', 'pvc-fstype-access-mode'],
    citations: [accessModeCitations.capabilities],
  },
  ReadWriteOncePod: {
    title: 'accessModes: ReadWriteOncePod',
    markdown: 'One pod mounts the volume read-write; served like ReadWriteOnce with a block volume. The API server refuses it together with any other mode.',
    rules: ['pvc-access-mode-conflict'],
    citations: [accessModeCitations.toCsiModes, accessModeCitations.apiValidation],
  },
  ReadWriteMany: {
    title: 'accessModes: ReadWriteMany',
    markdown: 'Many nodes mount the volume read-write. The driver creates a **file volume**: a vSAN File Services NFS 4.1 share. It needs vSAN with File Services enabled, an nfs4/ext4 (or unset) fstype, and no raw Block volume mode.',
    rules: ['pvc-fstype-access-mode', 'pvc-block-multi-node', 'pvc-file-services-missing'],
    citations: [accessModeCitations.capabilities],
  },
  ReadOnlyMany: {
    title: 'accessModes: ReadOnlyMany',
    markdown: 'Many nodes mount the volume read-only. Like ReadWriteMany the driver creates a **file volume** (vSAN File Services).',
    rules: ['pvc-fstype-access-mode', 'pvc-block-multi-node'],
    citations: [accessModeCitations.capabilities],
  },
};

export const VOLUME_MODES: Record<string, Topic> = {
  Filesystem: { title: 'volumeMode: Filesystem', markdown: 'The default: the volume is formatted (the class\'s fstype) and mounted into the pod.' },
  Block: {
    title: 'volumeMode: Block',
    markdown: 'The raw device is handed to the pod, unformatted. On vanilla clusters the driver supports it for ReadWriteOnce only: with ReadWriteMany/ReadOnlyMany it refuses the claim.',
    rules: ['pvc-block-multi-node'],
    citations: [accessModeCitations.blockMultiNode],
  },
};

export const BINDING_MODES: Record<string, Topic> = {
  Immediate: {
    title: 'volumeBindingMode: Immediate',
    markdown: 'The volume is created as soon as the claim exists, before any pod is scheduled. With `allowedTopologies` (zones) that can place it in a zone where the pod cannot run.',
    rules: ['sc-topology-immediate-binding'],
  },
  WaitForFirstConsumer: {
    title: 'volumeBindingMode: WaitForFirstConsumer',
    markdown: 'The volume is created once a pod using the claim is scheduled, in the zone of that pod\'s node. The right choice for zonal (topology-aware) classes.',
    rules: ['sc-topology-immediate-binding'],
  },
};

export const RECLAIM_POLICIES = ['Delete', 'Retain'];

export function topologyKeyTopic(key: string, categories: readonly string[]): Topic {
  const rules = ['sc-topology-key'];
  if (key.startsWith(CSI_TOPOLOGY_PREFIX)) {
    const category = key.slice(CSI_TOPOLOGY_PREFIX.length);
    const known = categories.length === 0 || categories.includes(category);
    return {
      title: `topology key ${key}`,
      markdown: `The label the driver puts on nodes for the vSphere tag category \`${category}\` (\`[Labels] topology-categories\` in csi-vsphere.conf).${categories.length ? known ? ' The category is configured.' : ` **The configured categories are ${categories.join(', ')}.**` : ''}`,
      rules,
    };
  }
  if (LEGACY_TOPOLOGY_KEYS.includes(key)) {
    return { title: `topology key ${key}`, markdown: 'Set by the driver from the legacy `[Labels] zone = … / region = …` of csi-vsphere.conf.', rules };
  }
  if (MAPPED_TOPOLOGY_KEYS.includes(key)) {
    return { title: `topology key ${key}`, markdown: 'Only on nodes when csi-vsphere.conf maps a category to it (`[TopologyCategory "<category>"] label = …`).', rules };
  }
  if (key.startsWith(BLOG_TOPOLOGY_PREFIX) || key === HOSTNAME_TOPOLOGY_KEY) {
    return { title: `topology key ${key}`, markdown: 'The vanilla driver never sets this key on nodes: no node matches and claims stay Pending.', rules };
  }
  return { title: `topology key ${key}`, markdown: 'Not a key the vSphere CSI driver sets on nodes.', rules };
}

export const SNAPSHOT_CLASS: Record<string, Topic> = {
  driver: {
    title: 'VolumeSnapshotClass driver',
    markdown: `Must be \`${VSPHERE_CSI_DRIVER}\` exactly for the driver's snapshotter sidecar to handle snapshots of this class.`,
    rules: ['vsc-driver-typo'],
    citations: [snapshotCitations.driverName, snapshotCitations.snapshotter],
  },
  deletionPolicy: {
    title: 'VolumeSnapshotClass deletionPolicy',
    markdown: '`Delete` removes the CNS snapshot when the VolumeSnapshot is deleted; `Retain` keeps it (and the VolumeSnapshotContent).',
  },
  parameters: {
    title: 'VolumeSnapshotClass parameters',
    markdown: 'The vSphere CSI driver ignores snapshot class parameters.',
    rules: ['vsc-parameters-ignored'],
    citations: [snapshotCitations.parametersIgnored],
  },
  kind: {
    title: 'VolumeSnapshotClass',
    markdown: 'Snapshots of vSphere CSI block volumes (CNS snapshots). They need vCenter 7.0U3 or later; file volumes and in-tree volumes have no snapshots.',
    rules: ['vsc-snapshots-unsupported', 'vs-source-unsupported'],
    citations: [snapshotCitations.vcenterVersion],
  },
};

/** The per-node volume limit: the notes say 256, the driver reports 59 (or 255). */
export function volumeLimitTopic(feature: string): Topic {
  return {
    title: `feature state ${feature}`,
    markdown: [
      `Raises the number of vSphere volumes the driver lets the scheduler place on one node from ${DEFAULT_VOLUME_LIMIT} to ${HIGH_DENSITY_VOLUME_LIMIT}, and only takes effect with vSphere 8 on every host (\`${HIGH_DENSITY_FEATURE}\` from driver v3.7.1, \`${LEGACY_HIGH_DENSITY_FEATURE}\` before).`,
      '',
      `The notes put the ceiling at 4 PVSCSI controllers × 64 disks = 256 per VM; the driver reports ${DEFAULT_VOLUME_LIMIT} by default and ${HIGH_DENSITY_VOLUME_LIMIT} with this feature (256 minus the boot disk). The driver's number is what the scheduler uses.`,
    ].join('\n'),
    rules: ['workload-volumes-per-node', 'feature-state-high-density-vsphere7'],
  };
}
