import { volumeLimit } from '../../knowledge/limits.js';
import { asMap, asScalar, findPair, getNode } from '../../yaml/ast.js';
import type { Rule } from '../rule.js';
import { countPodVolumes } from './volumeCount.js';
import { volumesCitations } from './volumesPerNode.js';

export const stsVolumesPerNode: Rule = {
  meta: {
    id: 'sts-volumes-per-node',
    defaultSeverity: 'warning',
    category: 'Workloads',
    description: 'A StatefulSet\'s replicas need more vSphere volumes per node than the limit, even spread evenly over `nodes.count` nodes.',
    why: 'Every replica gets its own volume per claim template. When replicas x volumes per replica divided by the node count exceeds what a node may attach (59 by default), the last replicas find no node and stay Pending.',
    docs: [
      'Runs only when `nodes.count` is set in `.vsphere-csi.yaml`. The estimate is the best case: ceil(replicas x per-replica volumes / nodes), assuming a perfect spread and no other volumes on the nodes.',
      '',
      '```yaml',
      '# .vsphere-csi.yaml: nodes: {count: 3}',
      'kind: StatefulSet',
      'spec:',
      '  replicas: 100           # 100 x 2 / 3 = 67 volumes per node > 59',
      '  volumeClaimTemplates:',
      '    - metadata: {name: data}',
      '    - metadata: {name: logs}',
      '```',
      '',
      'Add nodes, reduce replicas or templates, or on vSphere 8 enable `high-pv-node-density` (255 per node). See workload-volumes-per-node for where the limit comes from.',
    ].join('\n'),
    citations: [volumesCitations.nodeInfo, volumesCitations.post, volumesCitations.scheduler],
    fixable: false,
  },
  kinds: ['StatefulSet'],
  check(context) {
    const nodes = context.config.nodes.count;
    if (nodes === undefined || nodes < 1) return;
    if (context.config.driver.flavor === 'supervisor' && context.config.nodes.maxVolumesPerNode === undefined) return;
    const count = countPodVolumes(context);
    if (!count) return;
    const { limit, reason } = volumeLimit(context.config, context.index);
    if (count.volumes.length > limit) return; // one pod alone is too much: workload-volumes-per-node says so
    const perReplica = count.volumes.filter((v) => v.perPod).length;
    const replicasNode = getNode(context.object.node, ['spec', 'replicas'], context.doc);
    const replicasValue = asScalar(replicasNode, context.doc)?.value;
    const replicas = replicasNode === undefined ? 1 : typeof replicasValue === 'number' && Number.isInteger(replicasValue) ? replicasValue : undefined;
    if (replicas === undefined || perReplica === 0) return;
    const total = replicas * perReplica;
    const perNode = Math.ceil(total / nodes);
    if (perNode <= limit) return;
    const spec = asMap(getNode(context.object.node, ['spec'], context.doc), context.doc);
    context.report({
      node: replicasNode ?? findPair(spec, 'volumeClaimTemplates')?.key,
      message: `${replicas} replicas x ${perReplica} volume(s) each = ${total} vSphere volumes on ${nodes} node(s) (nodes.count): at least ${perNode} per node, above the limit of ${limit} (${reason}). The replicas past the limit stay Pending.`,
    });
  },
};
