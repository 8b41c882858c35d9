import { driver, kubernetes, note, notes } from '../../knowledge/citations.js';
import { volumeLimit } from '../../knowledge/limits.js';
import type { Rule } from '../rule.js';
import { POD_TEMPLATE_KINDS } from './podTemplates.js';
import { countPodVolumes } from './volumeCount.js';

export const volumesCitations = {
  nodeInfo: driver(
    'pkg/csi/service/node.go (NodeGetInfo)',
    'v2.4.0 – v3.8.0-rc.1',
    'the node plugin reports 59 volumes per node VM (v3.7.1 and later: 255 when the feature state "high-pv-node-density" is "true"; v2.4 – v3.7.0: the MAX_VOLUMES_PER_NODE value of the manifest, 59).',
  ),
  post: note(
    notes.csiDriverPost,
    'the author\'s understanding: block volumes attach through PVSCSI adapters that take 64 disks each, a VM has at most four SCSI adapters, hence up to 256 volumes per worker VM.',
  ),
  scheduler: kubernetes(
    'kubernetes/kubernetes',
    'pkg/scheduler/framework/plugins/nodevolumelimits/csi.go',
    'the scheduler leaves out nodes where the pod\'s CSI volumes would exceed the CSINode allocatable count of the driver.',
  ),
} as const;

export const workloadVolumesPerNode: Rule = {
  meta: {
    id: 'workload-volumes-per-node',
    defaultSeverity: 'error',
    category: 'Workloads',
    description: 'One pod uses more vSphere volumes than a node can attach (59 by default, 255 with high-pv-node-density on vSphere 8).',
    why: 'The driver tells the scheduler how many of its volumes fit on a node. A pod that needs more than that fits on no node at all: it stays Pending ("node(s) exceed max volume count") however many nodes there are.',
    docs: [
      'Counted per pod: `persistentVolumeClaim` volumes (each claim once), generic ephemeral volumes, StatefulSet `volumeClaimTemplates` (every pod gets one volume per template) and in-tree `vsphereVolume` volumes. Claims of classes with another provisioner are not counted; claims the workspace cannot resolve are. File (NFS) volumes count as well: the limit is per driver, not per SCSI slot.',
      '',
      'Where the limit comes from:',
      '- the driver reports 59 per node by default. A VM takes four SCSI controllers; the limit was set from 15 disks per controller (4 x 15 = 60) minus the slot of the node\'s boot disk;',
      '- with the feature state `high-pv-node-density: "true"` (ConfigMap `internal-feature-states.csi.vsphere.vmware.com`, driver v3.7.1 and later) it reports 255, the number vCenter 8 supports per node VM: 4 PVSCSI controllers x 64 disks = 256, minus the boot disk. Every ESXi host must run vSphere 8 for that to hold, so the rule uses 255 only when `vsphere.version` in `.vsphere-csi.yaml` is 8 or later;',
      '- `nodes.maxVolumesPerNode` in `.vsphere-csi.yaml` overrides both.',
      '',
      'The notes\' post puts the ceiling at 4 x 64 = 256 volumes per VM. That is the raw VM arithmetic, not what the driver lets the scheduler place: the rule follows the driver (59, or 255).',
      '',
      '```yaml',
      '# wrong (driver default): 60 claims in one pod',
      'volumes:',
      '  - name: data-0',
      '    persistentVolumeClaim: {claimName: data-0}',
      '  # ... data-1 to data-59',
      '```',
      '',
      'Split the data across pods, use fewer larger volumes, or on vSphere 8 enable `high-pv-node-density`.',
    ].join('\n'),
    citations: [volumesCitations.nodeInfo, volumesCitations.post, volumesCitations.scheduler],
    fixable: false,
  },
  kinds: POD_TEMPLATE_KINDS,
  check(context) {
    if (context.config.driver.flavor === 'supervisor' && context.config.nodes.maxVolumesPerNode === undefined) return;
    const count = countPodVolumes(context);
    if (!count) return;
    const { limit, reason } = volumeLimit(context.config, context.index);
    if (count.volumes.length <= limit) return;
    const first = count.volumes[limit]!;
    context.report({
      node: first.listKey,
      message: `${count.owner[0]!.toUpperCase()}${count.owner.slice(1)} uses ${count.volumes.length} vSphere volumes, but a node takes at most ${limit} (${reason}); no node can run the pod and it stays Pending.`,
    });
  },
};
