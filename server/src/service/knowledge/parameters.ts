// StorageClass parameter keys the driver accepts, per flavor (lower-cased: the driver lower-cases
// keys before comparing). Source: pkg/csi/service/common/util.go ParseStorageClassParams (vanilla),
// pkg/csi/service/wcp/controller_helper.go (supervisor), pkg/csi/service/wcpguest/controller_helper.go (guest).
import type { DriverFlavor } from '../config.js';

export const RESERVED_PREFIX = 'csi.storage.k8s.io/';

/** Keys external-provisioner understands under the reserved prefix (exact, case-sensitive). */
export const RESERVED_KEYS: readonly string[] = [
  'csi.storage.k8s.io/fstype',
  ...['provisioner', 'controller-publish', 'node-stage', 'node-publish', 'controller-expand', 'node-expand', 'controller-modify'].flatMap(
    (operation) => [`csi.storage.k8s.io/${operation}-secret-name`, `csi.storage.k8s.io/${operation}-secret-namespace`],
  ),
];

/** Keys external-provisioner adds itself when started with --extra-create-metadata (supervisor/guest only). */
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
