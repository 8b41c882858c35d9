// What the vSphere CSI driver reads from csi-vsphere.conf: sections, keys, their types and defaults,
// the keys older releases read and newer ones ignore, and the keys that belong to other programs'
// INI files (the vSphere cloud provider, the in-tree provider, the driver's e2e harness) and that
// the driver therefore ignores. Source: pkg/common/config/types.go (`Config`) and config.go
// (`validateConfig`, defaults) of kubernetes-sigs/vsphere-csi-driver, read with gcfg v1.2.3.
import type { Citation } from '../../types.js';
import { driver, kubernetes } from '../../knowledge/citations.js';

/** Driver releases whose csi-vsphere.conf handling the rules describe. */
export const ALL_VERSIONS = 'v2.0.0 – v3.8.0-rc.1';
export const TYPES_GO = 'pkg/common/config/types.go (Config)';
export const CONFIG_GO = 'pkg/common/config/config.go (validateConfig)';
export const READ_CONFIG = 'pkg/common/config/config.go (ReadConfig)';

export function gcfg(path: string, says: string): Citation {
  return { kind: 'driver', repo: 'go-gcfg/gcfg', path, versions: 'v1.2.3 (gopkg.in/gcfg.v1, used by every driver release)', says };
}

export const citations = {
  readConfig: driver(READ_CONFIG, ALL_VERSIONS, 'the file is read with gcfg.FatalOnly(gcfg.ReadInto(...)): syntax and type errors stop the driver, unknown sections and keys are dropped without a word.'),
  types: driver(TYPES_GO, ALL_VERSIONS, 'the sections and keys the driver reads, with their gcfg names and Go types.'),
  validate: driver(CONFIG_GO, ALL_VERSIONS, 'the checks that make the driver refuse its config at start-up.'),
  gcfgScanner: gcfg('scanner/scanner.go (scanIdentifier, scanValString, scanEscape)', 'names are letters, digits and "-"; inside quotes only \\\\, \\", \\n and \\t may follow a backslash; outside quotes only a newline or ".'),
  gcfgSet: gcfg('set.go (fieldFold, set) and types/bool.go', 'names match the struct tags without regard to case; booleans are true/yes/on/1/false/no/off/0, a bare name means true; other types reject a bare name.'),
  cpi: kubernetes('kubernetes/cloud-provider-vsphere', 'docs/book/cloud_config.md', 'the vSphere cloud provider (CPI) has its own INI file with keys such as server, secret-name, soap-roundtrip-count and sections [Workspace], [Disk], [Network], [Nodes].'),
} as const;

export type ConfKeyType = 'string' | 'bool' | 'int';

export interface ConfKeyInfo {
  /** The spelling in the driver's struct tag (gcfg matches it without regard to case). */
  name: string;
  type: ConfKeyType;
  /** How the driver reads the string afterwards. */
  format?: 'port' | 'list' | 'username' | 'permissions' | 'label' | 'categories' | 'password';
  /** The value used when the key is absent, as text. */
  default?: string;
  /** What the key does, in Markdown. */
  doc: string;
  /** The first driver release that reads the key (undefined: every release since v2.0.0). */
  since?: string;
  /** Allowed values (case-sensitive) for enumerations. */
  values?: readonly string[];
  /** Set by the driver itself; not meant to be written. */
  internal?: boolean;
}

export interface ConfSectionInfo {
  /** Canonical spelling. */
  name: string;
  /** `map`: one section per quoted subsection name (`[VirtualCenter "vc.example.com"]`); `none`: a plain section. */
  subsection: 'map' | 'none';
  doc: string;
  /** What the subsection name means. */
  subsectionDoc?: string;
  /** An example header (used by completion and docs). */
  example: string;
  keys: readonly ConfKeyInfo[];
  since?: string;
  /** Read only by the guest-cluster (pvCSI) driver from its own file. */
  guestOnly?: boolean;
}

const connectionKeys = (scope: 'global' | 'vc'): ConfKeyInfo[] => [
  {
    name: 'user',
    type: 'string',
    format: 'username',
    doc:
      scope === 'global'
        ? 'vCenter user name used for every `[VirtualCenter]` section that does not set its own. Must be domain-qualified: `user@domain` (e.g. `administrator@vsphere.local`) or `DOMAIN\\user` (written `"DOMAIN\\\\user"`).'
        : 'vCenter user name for this vCenter (falls back to `[Global] user`). Must be domain-qualified: `user@domain` or `DOMAIN\\user` (written `"DOMAIN\\\\user"`).',
  },
  {
    name: 'password',
    type: 'string',
    format: 'password',
    doc:
      scope === 'global'
        ? 'vCenter password in clear text, used for every `[VirtualCenter]` section that does not set its own. Quote it when it contains `#`, `;`, `"` or `\\`.'
        : 'vCenter password in clear text for this vCenter (falls back to `[Global] password`). Quote it when it contains `#`, `;`, `"` or `\\`.',
  },
  {
    name: 'port',
    type: 'string',
    format: 'port',
    default: scope === 'global' ? '443' : '[Global] port, else 443',
    doc: 'vCenter HTTPS port. Stored as text and converted with `strconv.Atoi` when the driver connects, so it must be a plain decimal number.',
  },
  {
    name: 'insecure-flag',
    type: 'bool',
    default: 'false',
    doc:
      scope === 'global'
        ? 'Skip verification of the vCenter certificate for every vCenter. While it is true, `ca-file` and `thumbprint` are not used. A `[VirtualCenter]` section cannot turn it back off: `insecure-flag = false` there is replaced by this value.'
        : 'Skip verification of this vCenter’s certificate. While it is true, `ca-file` and `thumbprint` are not used. Setting it to false here does not override `[Global] insecure-flag = true`.',
  },
  {
    name: 'ca-file',
    type: 'string',
    doc:
      scope === 'global'
        ? 'Path (inside the driver containers) of a PEM file with the CA certificates that sign the vCenter certificate. Without it, the container’s system CAs are used. Ignored while `insecure-flag` is true.'
        : 'Path of a PEM file with the CA certificates for this vCenter (falls back to `[Global] ca-file`). Ignored while `insecure-flag` is true.',
    ...(scope === 'vc' ? { since: '3.3.0' } : {}),
  },
  {
    name: 'thumbprint',
    type: 'string',
    doc:
      scope === 'global'
        ? 'SHA-1 thumbprint of the vCenter certificate to trust (e.g. `AA:BB:...`). Ignored while `insecure-flag` is true, and when `ca-file` is set.'
        : 'Thumbprint of this vCenter’s certificate (falls back to `[Global] thumbprint`). Ignored while `insecure-flag` is true, and when `ca-file` is set.',
    since: scope === 'vc' ? '3.3.0' : '2.2.0',
  },
  {
    name: 'datacenters',
    type: 'string',
    format: 'list',
    default: scope === 'global' ? 'all datacenters' : '[Global] datacenters, else all datacenters',
    doc: 'Comma-separated datacenter names or inventory paths where the node VMs are; empty means every datacenter of the vCenter.',
  },
];

const interval = (name: string, minutes: string, what: string, since?: string): ConfKeyInfo => ({
  name,
  type: 'int',
  default: minutes,
  doc: `${what} (minutes; 0 or absent means the default).`,
  ...(since ? { since } : {}),
});

export const CONF_SECTIONS: readonly ConfSectionInfo[] = [
  {
    name: 'Global',
    subsection: 'none',
    example: '[Global]',
    doc: 'Settings for the whole cluster, and defaults for the connection settings of every `[VirtualCenter]` section.',
    keys: [
      {
        name: 'cluster-id',
        type: 'string',
        doc:
          'Unique id of this Kubernetes cluster in vCenter (CNS groups the cluster’s volumes by it); at most 64 characters. Optional since v3.0: when empty the controller generates one and keeps it in the ConfigMap `vsphere-csi-cluster-id`; adding `cluster-id` later while that ConfigMap exists makes the controller exit.',
      },
      { name: 'supervisor-id', type: 'string', since: '2.5.0', doc: 'Supervisor cluster id (vSphere with Tanzu only); at most 64 characters.' },
      ...connectionKeys('global'),
      {
        name: 'vcenterip',
        type: 'string',
        doc: 'Legacy single-vCenter form: the vCenter host, used with the `[Global]` user, password, port and insecure-flag when no `[VirtualCenter "<host>"]` section names it. Prefer a `[VirtualCenter "<host>"]` section.',
      },
      {
        name: 'cluster-distribution',
        type: 'string',
        since: '2.2.0',
        doc: 'Free-text name of the Kubernetes distribution, sent to vCenter with every volume (shown in the CNS UI). CNS rejects volume creation when it is longer than 128 characters.',
      },
      interval('cnsregistervolumes-cleanup-intervalinmin', '720', 'How often successful CnsRegisterVolume objects are cleaned up', '2.1.0'),
      interval('cnspvcprotection-cleanup-intervalinmin', '10', 'How often orphaned PVC protection entries are cleaned up', '3.7.0'),
      interval('volumemigration-cr-cleanup-intervalinmin', '120', 'How often stale CnsVSphereVolumeMigration objects are cleaned up', '2.1.0'),
      interval('csi-auth-check-intervalinmin', '5', 'How often the driver re-checks its privileges on datastores', '2.2.0'),
      interval('cnsvolumeoperationrequest-cleanup-intervalinmin', '15', 'How often stale CnsVolumeOperationRequest objects are cleaned up', '2.3.0'),
      interval('csi-fetch-preferred-datastores-intervalinmin', '5', 'How often the preferred-datastores cache (topology-aware placement) is refreshed', '2.6.0'),
      { name: 'query-limit', type: 'int', default: '10000', since: '2.6.0', doc: 'How many volumes one CNS QueryAll call fetches (0 or absent means the default).' },
      {
        name: 'list-volume-threshold',
        type: 'int',
        default: '50',
        since: '2.6.0',
        doc: 'How many volumes may differ between CNS and Kubernetes before ListVolumes re-syncs (0 or absent means the default).',
      },
    ],
  },
  {
    name: 'VirtualCenter',
    subsection: 'map',
    example: '[VirtualCenter "vcenter.example.com"]',
    subsectionDoc: 'The vCenter host name or IP address, in double quotes. One section per vCenter (at most 5 from v3.0.0; more than one needs `[Labels] topology-categories`).',
    doc: 'Connection settings for one vCenter. Keys left out fall back to `[Global]`.',
    keys: [
      ...connectionKeys('vc'),
      {
        name: 'targetvSANFileShareClusters',
        type: 'string',
        format: 'list',
        since: '2.3.0',
        doc: 'Comma-separated managed object ids of the vSAN clusters (with File Service) where file volumes may be created, e.g. `domain-c8,domain-c9`. Empty means every vSAN cluster with File Service.',
      },
      {
        name: 'migration-datastore-url',
        type: 'string',
        since: '3.0.0',
        doc: 'Datastore URL used for volumes of migrated in-tree StorageClasses that named no datastore (the in-tree `default-datastore`).',
      },
      { name: 'FileVolumeActivated', type: 'bool', internal: true, doc: 'Set by the driver itself when it finds vSAN File Service; not meant to be written.' },
    ],
  },
  {
    name: 'Labels',
    subsection: 'none',
    example: '[Labels]',
    doc: 'Which vSphere tag categories describe the topology (zones, regions). The driver labels each node from the tags of its VM’s ancestors.',
    keys: [
      {
        name: 'topology-categories',
        type: 'string',
        format: 'categories',
        since: '2.4.0',
        doc: 'Comma-separated vSphere tag category names (at most 5), e.g. `"k8s-region,k8s-zone"`. Nodes get `topology.csi.vmware.com/<category>` labels, the keys to use in StorageClass `allowedTopologies`. Required with more than one vCenter; not together with `zone`/`region`.',
      },
      {
        name: 'zone',
        type: 'string',
        doc: 'Deprecated (use `topology-categories`): the tag category of zones. Works only together with `region`; nodes get `failure-domain.beta.kubernetes.io/zone` unless a `[TopologyCategory]` section maps it elsewhere.',
      },
      {
        name: 'region',
        type: 'string',
        doc: 'Deprecated (use `topology-categories`): the tag category of regions. Works only together with `zone`; nodes get `failure-domain.beta.kubernetes.io/region` unless a `[TopologyCategory]` section maps it elsewhere.',
      },
    ],
  },
  {
    name: 'TopologyCategory',
    subsection: 'map',
    since: '2.5.0',
    example: '[TopologyCategory "k8s-zone"]',
    subsectionDoc: 'The tag category (the value of `[Labels] zone` or `region`) whose node label this section sets.',
    doc: 'With the deprecated `[Labels] zone`/`region`: which node label key the category becomes.',
    keys: [
      {
        name: 'label',
        type: 'string',
        format: 'label',
        doc: 'Node label key for the category, in one of the domains `failure-domain.beta.kubernetes.io`, `topology.kubernetes.io` or `topology.csi.vmware.com`, e.g. `topology.kubernetes.io/zone`.',
      },
    ],
  },
  {
    name: 'NetPermissions',
    subsection: 'map',
    example: '[NetPermissions "A"]',
    subsectionDoc: 'Any unique name for this rule set. Without any `[NetPermissions]` section, one rule gives every client read-write access without root squash.',
    doc: 'Which clients may mount file (vSAN File Service / NFS) volumes and how.',
    keys: [
      { name: 'ips', type: 'string', default: '*', doc: 'Client IP address, range or subnet the rule applies to, e.g. `"10.20.30.0/24"`; `*` means every client.' },
      {
        name: 'permissions',
        type: 'string',
        format: 'permissions',
        default: 'READ_WRITE',
        values: ['READ_WRITE', 'READ_ONLY', 'NO_ACCESS'],
        doc: 'Access for those clients: `READ_WRITE`, `READ_ONLY` or `NO_ACCESS` (upper case; the driver compares exactly).',
      },
      { name: 'rootsquash', type: 'bool', default: 'false', doc: 'Map the clients’ root user to an unprivileged user (`true`), or let root act as root (`false`).' },
    ],
  },
  {
    name: 'Snapshot',
    subsection: 'none',
    since: '2.4.0',
    example: '[Snapshot]',
    doc: 'Limits on snapshots of block volumes.',
    keys: [
      { name: 'global-max-snapshots-per-block-volume', type: 'int', default: '3', doc: 'Most snapshots one block volume may have (0 or absent means the default).' },
      {
        name: 'granular-max-snapshots-per-block-volume-vsan',
        type: 'int',
        default: '0 (use the global value)',
        doc: 'Limit for volumes on vSAN datastores, overriding the global value when not 0.',
      },
      {
        name: 'granular-max-snapshots-per-block-volume-vvol',
        type: 'int',
        default: '0 (use the global value)',
        doc: 'Limit for volumes on vVol datastores, overriding the global value when not 0.',
      },
    ],
  },
  {
    name: 'GC',
    subsection: 'none',
    guestOnly: true,
    example: '[GC]',
    doc: 'Guest-cluster (TKG, pvCSI) settings. The guest-cluster driver reads them from its own file, cns-csi.conf; the vanilla driver ignores them.',
    keys: [
      { name: 'endpoint', type: 'string', doc: 'Supervisor cluster API address.' },
      { name: 'port', type: 'string', format: 'port', default: '6443', doc: 'Supervisor cluster API port.' },
      { name: 'tanzukubernetescluster-uid', type: 'string', doc: 'UID of the TanzuKubernetesCluster object.' },
      { name: 'tanzukubernetescluster-name', type: 'string', doc: 'Name of the TanzuKubernetesCluster object.' },
      { name: 'cluster-distribution', type: 'string', doc: 'Distribution name sent with every volume.' },
      { name: 'cluster-api-version', type: 'string', doc: 'API version of the object the guest cluster was created from.' },
      { name: 'cluster-kind', type: 'string', doc: 'Kind of the object the guest cluster was created from.' },
      { name: 'topology-enabled', type: 'bool', doc: 'Whether the guest cluster is topology-aware.' },
    ],
  },
];

const SECTIONS_BY_LOWER = new Map(CONF_SECTIONS.map((s) => [s.name.toLowerCase(), s] as const));

export function sectionInfo(lower: string): ConfSectionInfo | undefined {
  return SECTIONS_BY_LOWER.get(lower);
}

export function keyInfo(section: ConfSectionInfo, lower: string): ConfKeyInfo | undefined {
  return section.keys.find((k) => k.name.toLowerCase() === lower);
}

/** Sections (other than `section`) that do read a key of this name. */
export function sectionsWithKey(lower: string): ConfSectionInfo[] {
  return CONF_SECTIONS.filter((s) => !s.guestOnly && s.keys.some((k) => k.name.toLowerCase() === lower && !k.internal));
}

export interface RemovedKey {
  section: string;
  name: string;
  /** Last release that read it. */
  lastVersion: string;
  /** First release that ignores it. */
  removedIn: string;
  doc: string;
}

export const REMOVED_KEYS: readonly RemovedKey[] = [
  {
    section: 'virtualcenter',
    name: 'targetvSANFileShareDatastoreURLs',
    lastVersion: '3.1.x',
    removedIn: '3.2.0',
    doc: 'Datastore URLs for file volumes. From v3.2.0 the driver ignores it; restrict file volumes with `targetvSANFileShareClusters` or a storage policy instead.',
  },
  {
    section: 'global',
    name: 'vc-client-timeout',
    lastVersion: '3.3.0',
    removedIn: '3.3.1',
    doc: 'Time limit (minutes) for vCenter requests. From v3.3.1 the driver ignores it.',
  },
];

export function removedKey(sectionLower: string, lower: string): RemovedKey | undefined {
  return REMOVED_KEYS.find((k) => k.section === sectionLower && k.name.toLowerCase() === lower);
}

/** Section names people write for the driver's sections that a spelling distance does not catch. */
export const SECTION_ALIASES: Readonly<Record<string, string>> = {
  vcenter: 'VirtualCenter',
  vc: 'VirtualCenter',
  'virtual-center': 'VirtualCenter',
  'v-center': 'VirtualCenter',
  topology: 'Labels',
  'topology-category': 'TopologyCategory',
  'net-permissions': 'NetPermissions',
  snapshots: 'Snapshot',
};

/** Sections of the vSphere cloud provider's (and the in-tree provider's) own INI file. */
export const FOREIGN_SECTIONS: Readonly<Record<string, string>> = {
  workspace: '[Workspace] belongs to the in-tree vSphere cloud provider’s vsphere.conf (server, datacenter, default-datastore, folder)',
  disk: '[Disk] belongs to the in-tree vSphere cloud provider’s vsphere.conf (scsicontrollertype)',
  network: '[Network] belongs to the vSphere cloud provider’s config (public-network)',
  nodes: '[Nodes] belongs to the vSphere cloud provider’s (CPI) config, where it selects node addresses by subnet or VM network',
};

/** Keys of the vSphere cloud provider's (CPI) or in-tree provider's config, by the sections they appear in there. */
export const FOREIGN_KEYS: Readonly<Record<string, { sections: readonly string[]; says: string }>> = {
  server: { sections: ['global', 'workspace'], says: 'a cloud provider key; the CSI driver takes its vCenter from [VirtualCenter "<host>"] section names' },
  'secret-name': { sections: ['global', 'virtualcenter'], says: 'a cloud provider (CPI) key; the CSI driver never reads credentials from another Secret: put user and password in this file' },
  'secret-namespace': { sections: ['global', 'virtualcenter'], says: 'a cloud provider (CPI) key; the CSI driver never reads credentials from another Secret: put user and password in this file' },
  'secrets-directory': { sections: ['global'], says: 'a cloud provider (CPI) key that the CSI driver does not read' },
  'service-account': { sections: ['global'], says: 'a cloud provider (CPI) key that the CSI driver does not read' },
  'soap-roundtrip-count': { sections: ['global', 'virtualcenter'], says: 'a cloud provider (CPI) key that the CSI driver does not read' },
  'ip-family': { sections: ['global', 'virtualcenter'], says: 'a cloud provider (CPI) key for node addresses that the CSI driver does not read' },
  'api-disable': { sections: ['global'], says: 'a cloud provider (CPI) key that the CSI driver does not read' },
  'api-binding': { sections: ['global'], says: 'a cloud provider (CPI) key that the CSI driver does not read' },
  datacenter: { sections: ['global', 'workspace', 'virtualcenter'], says: 'the in-tree provider’s singular key; the CSI driver reads `datacenters` (plural, comma-separated)' },
  datastore: { sections: ['global'], says: 'an in-tree provider key; the CSI driver chooses datastores from StorageClass parameters (storagepolicyname, datastoreurl)' },
  'default-datastore': { sections: ['global', 'workspace'], says: 'an in-tree provider key; for migrated volumes the CSI driver reads `migration-datastore-url` in [VirtualCenter]' },
  'working-dir': { sections: ['global', 'workspace'], says: 'an in-tree provider key that the CSI driver does not read' },
  folder: { sections: ['workspace'], says: 'an in-tree provider key that the CSI driver does not read' },
  'resourcepool-path': { sections: ['workspace'], says: 'an in-tree provider key that the CSI driver does not read' },
  'vm-uuid': { sections: ['global'], says: 'an in-tree provider key that the CSI driver does not read' },
  'vm-name': { sections: ['global'], says: 'an in-tree provider key that the CSI driver does not read' },
  hostname: { sections: ['global'], says: 'a key of the driver’s e2e test harness config (e2eTest.conf), not of the driver’s own config' },
};

/** Values the driver accepts for booleans (gcfg types/bool.go), in any letter case. */
export const BOOLEAN_VALUES: readonly string[] = ['true', 'yes', 'on', '1', 'false', 'no', 'off', '0'];
export const TRUE_VALUES: readonly string[] = ['true', 'yes', 'on', '1'];

/** Label domains a `[TopologyCategory] label` may use (validateConfig). */
export const TOPOLOGY_LABEL_DOMAINS: readonly string[] = ['failure-domain.beta.kubernetes.io', 'topology.kubernetes.io', 'topology.csi.vmware.com'];

/** `isValidvCenterUsernameWithDomain`: `DOMAIN\user` or `user@domain`. */
export const USERNAME_PATTERN = /^(?:[a-zA-Z0-9.-]+\\[a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+)$/;

export const MAX_VCENTERS = 5;
export const MAX_TOPOLOGY_CATEGORIES = 5;
export const MAX_ID_BYTES = 64;
export const MAX_CLUSTER_DISTRIBUTION = 128;
