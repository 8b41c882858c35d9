// Topology label keys the vanilla driver puts on nodes, and therefore the only keys a StorageClass's
// allowedTopologies can usefully name. Source: the CSINodeTopology controller
// (pkg/syncer/cnsoperator/controller/csinodetopology) and the csi-vsphere.conf [Labels] /
// [TopologyCategory] handling in pkg/common/config.

/** `[Labels] topology-categories = "k8s-region,k8s-zone"` gives nodes `topology.csi.vmware.com/<category>`. */
export const CSI_TOPOLOGY_DOMAIN = 'topology.csi.vmware.com';
export const CSI_TOPOLOGY_PREFIX = `${CSI_TOPOLOGY_DOMAIN}/`;

/** Legacy `[Labels] zone = ... / region = ...` gives nodes these keys unless a [TopologyCategory] relabels them. */
export const LEGACY_TOPOLOGY_KEYS: readonly string[] = ['failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region'];

/** Only present on nodes when csi-vsphere.conf maps a category to them (`[TopologyCategory "<cat>"] label = ...`). */
export const MAPPED_TOPOLOGY_KEYS: readonly string[] = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region'];

/** Keys from blog posts and early design documents that the driver never sets. */
export const BLOG_TOPOLOGY_PREFIX = 'topology.csi.vsphere.volume/';

/** Node host names are not a topology segment of the vanilla driver. */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';

/** The category names configured in csi-vsphere.conf, as full label keys. */
export function categoryKeys(categories: readonly string[]): string[] {
  return categories.map((category) => `${CSI_TOPOLOGY_PREFIX}${category}`);
}
