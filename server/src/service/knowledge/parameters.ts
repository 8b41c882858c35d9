// StorageClass parameter keys the driver accepts, per flavor (lower-cased: the driver lower-cases
// keys before comparing). Source: pkg/csi/service/common/util.go ParseStorageClassParams (vanilla),
// pkg/csi/service/wcp/controller_helper.go (supervisor), pkg/csi/service/wcpguest/controller_helper.go (guest).
import type { DriverFlavor } from '../config.js';

export const RESERVED_PREFIX = 'csi.storage.k8s.io/';

/** Keys external-provisioner understands under the reserved prefix (exact, case-sensitive). */
export const RESERVED_KEYS: readonly string[] = [
  'csi.storage.k8s.io/fstype',
  // The "default" secret pair, used for every operation that has no more specific secret.
  'csi.storage.k8s.io/secret-name',
  'csi.storage.k8s.io/secret-namespace',
  ...['provisioner', 'controller-publish', 'node-stage', 'node-publish', 'controller-expand', 'node-expand', 'controller-modify'].flatMap(
    (operation) => [`csi.storage.k8s.io/${operation}-secret-name`, `csi.storage.k8s.io/${operation}-secret-namespace`],
  ),
];

/**
 * Keys external-provisioner adds itself when started with --extra-create-metadata (the Supervisor and guest
 * deployments do; the vanilla manifest does not). Written into a StorageClass by hand they are refused by
 * external-provisioner's reserved-prefix check like any other unknown csi.storage.k8s.io/ key.
 */
export const EXTRA_METADATA_KEYS: readonly string[] = [
  'csi.storage.k8s.io/pv/name',
  'csi.storage.k8s.io/pvc/name',
  'csi.storage.k8s.io/pvc/namespace',
  'csi.storage.k8s.io/sc/name',
];

/** The driver's own (non-reserved) keys per flavor, lower-cased, with the spelling docs use. */
export const FLAVOR_KEYS: Record<DriverFlavor, Record<string, string>> = {
  vanilla: { storagepolicyname: 'storagepolicyname', datastoreurl: 'datastoreurl', fstype: 'fstype' },
  supervisor: {
    storagepolicyid: 'storagePolicyID',
    fstype: 'fstype',
    storagetopologytype: 'storageTopologyType',
    storagepool: 'storagepool',
    'csi.vsphere.k8s.io/linked-clone': 'csi.vsphere.k8s.io/linked-clone',
    hostlocal: 'hostLocal',
    hostlocalpolicy: 'hostLocalPolicy',
  },
  guest: { svstorageclass: 'svStorageClass', storagetopologytype: 'storageTopologyType' },
};

export const FLAVOR_LABEL: Record<DriverFlavor, string> = {
  vanilla: 'vanilla (upstream Kubernetes on vSphere)',
  supervisor: 'Supervisor (vSphere with Tanzu, WCP)',
  guest: 'guest cluster (TKG/TKGS, paravirtual CSI)',
};

/** Parameters the in-tree translation sets; the webhook and the driver refuse them in user classes. */
export const MIGRATION_KEYS: readonly string[] = [
  'csimigration',
  'datastore-migrationparam',
  'diskformat-migrationparam',
  'hostfailurestotolerate-migrationparam',
  'forceprovisioning-migrationparam',
  'cachereservation-migrationparam',
  'diskstripes-migrationparam',
  'objectspacereservation-migrationparam',
  'iopslimit-migrationparam',
];

/** vSAN capability keys of the in-tree plugin; the CSI driver refuses them after translation. */
export const IN_TREE_VSAN_KEYS: readonly string[] = [
  'hostfailurestotolerate',
  'forceprovisioning',
  'cachereservation',
  'diskstripes',
  'objectspacereservation',
  'iopslimit',
];

/** In-tree keys the translation keeps (mapped to CSI keys). */
export const IN_TREE_TRANSLATED: Record<string, string> = {
  fstype: 'csi.storage.k8s.io/fstype',
  storagepolicyname: 'storagepolicyname',
  datastore: 'datastore-migrationparam',
  diskformat: 'diskformat-migrationparam',
};

/** Linux block fstypes (compared case-sensitively by the driver). */
export const BLOCK_FSTYPES: readonly string[] = ['ext4', 'ext3', 'xfs'];
/** File-volume (vSAN File Services, NFS 4.1) fstypes; ext4/empty are rewritten to nfs4 on the node. */
export const FILE_FSTYPES: readonly string[] = ['nfs4', 'nfs', 'ext4'];
export const WINDOWS_FSTYPE = 'ntfs';

/** The fstype a class gives its volumes: csi.storage.k8s.io/fstype, else the deprecated fstype key. */
export function classFstype(parameters: Record<string, string>): string | undefined {
  return parameters['csi.storage.k8s.io/fstype'] ?? parameters['fstype'];
}

export const DATASTORE_URL_PATTERN = /^ds:\/\/\/vmfs\/volumes\/[^/\s]+\/$/;

/** Flavors whose driver accepts a (lower-cased) parameter key. */
export function flavorsAccepting(lower: string): DriverFlavor[] {
  return (Object.keys(FLAVOR_KEYS) as DriverFlavor[]).filter((flavor) => lower in FLAVOR_KEYS[flavor]);
}

/**
 * What a key of one flavor is called in another, where there is an equivalent. Keyed by the class's
 * flavor, then by the lower-cased foreign key. storagePolicyID takes the policy's ID (not its name) and
 * svStorageClass the name of a Supervisor StorageClass in the guest cluster's namespace.
 */
export const FLAVOR_COUNTERPARTS: Record<DriverFlavor, Record<string, string>> = {
  vanilla: { storagepolicyid: 'storagepolicyname', svstorageclass: 'storagepolicyname' },
  supervisor: { storagepolicyname: 'storagePolicyID', svstorageclass: 'storagePolicyID' },
  guest: { storagepolicyname: 'svStorageClass', storagepolicyid: 'svStorageClass' },
};

/** How each flavor's controller words its refusal of an unknown key (for messages). */
export const FLAVOR_REJECTION: Record<DriverFlavor, string> = {
  vanilla: 'the driver refuses the class with "invalid parameters"',
  supervisor: 'the Supervisor driver refuses it ("not a valid WCP CSI parameter")',
  guest: 'the guest-cluster driver refuses it ("not a valid GC CSI parameter")',
};

/** Every fstype value the driver's controller accepts for some kind of volume. */
export const KNOWN_FSTYPES: readonly string[] = ['ext4', 'ext3', 'xfs', 'nfs4', 'nfs', WINDOWS_FSTYPE];

export type FstypeVerdict =
  | { kind: 'ok' }
  /** A known value in the wrong letter case: the controller compares case-sensitively. */
  | { kind: 'case'; canonical: string }
  | { kind: 'unknown' };

/**
 * Checks an fstype value the way the controller's capability check does: ext4/ext3/xfs/nfs4/nfs
 * case-sensitively, ntfs in any case, empty means "use the default".
 */
export function checkFstype(value: string): FstypeVerdict {
  if (value === '' || KNOWN_FSTYPES.includes(value) || value.toLowerCase() === WINDOWS_FSTYPE) return { kind: 'ok' };
  const canonical = KNOWN_FSTYPES.find((known) => known === value.toLowerCase());
  return canonical ? { kind: 'case', canonical } : { kind: 'unknown' };
}

/** Every key the in-tree translation understands (lower-cased). */
export const IN_TREE_KEYS: readonly string[] = [...Object.keys(IN_TREE_TRANSLATED), ...IN_TREE_VSAN_KEYS];

/** diskformat values of the in-tree plugin; after translation only `thin` (exactly) is accepted. */
export const IN_TREE_DISKFORMATS: readonly string[] = ['thin', 'zeroedthick', 'eagerzeroedthick'];
export const MIGRATED_DISKFORMAT = 'thin';

/** The URL prefix every datastore URL in vCenter has. */
export const DATASTORE_URL_PREFIX = 'ds:///vmfs/volumes/';

/**
 * Repairs the harmless ways a datastore URL gets mangled (surrounding spaces, letter case of the
 * fixed prefix, a missing trailing slash). Returns the repaired URL when it is then well formed.
 */
export function repairDatastoreUrl(value: string): string | undefined {
  let url = value.trim();
  if (url.toLowerCase().startsWith(DATASTORE_URL_PREFIX)) url = DATASTORE_URL_PREFIX + url.slice(DATASTORE_URL_PREFIX.length);
  if (!url.endsWith('/')) url += '/';
  return url !== value && DATASTORE_URL_PATTERN.test(url) ? url : undefined;
}

/** Real filesystems the driver does not support: reported without a did-you-mean (they are no typos). */
export const UNSUPPORTED_FILESYSTEMS: readonly string[] = ['btrfs', 'zfs', 'ext2', 'vfat', 'fat', 'fat32', 'exfat', 'f2fs', 'jfs', 'reiserfs', 'ntfs3', 'refs', 'cifs', 'smb', 'tmpfs'];
