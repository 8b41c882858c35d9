import { driver, kubernetes } from '../../knowledge/citations.js';
import { asScalar } from '../../yaml/ast.js';
import { appendPair, replaceScalarValue } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { isCsiClass, rootPair } from './common.js';
import { allowedTopologyTerms, segmentCount } from './topology.js';

const WAIT = 'WaitForFirstConsumer';

export const scTopologyImmediateBinding: Rule = {
  meta: {
    id: 'sc-topology-immediate-binding',
    defaultSeverity: 'warning',
    category: 'StorageClass',
    description: 'A vSphere CSI StorageClass allows several topology segments (zones) but binds volumes immediately.',
    why: 'With `Immediate` binding (the default) the volume is created as soon as the PVC exists, in a zone picked without knowing where the pod will run. The pod is then tied to that zone; if its own constraints (node selectors, anti-affinity, resources) rule the zone out, it stays Pending. `WaitForFirstConsumer` lets the scheduler pick the node first and creates the volume where the pod can run.',
    docs: [
      'Reported when `allowedTopologies` leaves more than one zone/region combination and `volumeBindingMode` is `Immediate` or absent. A class pinned to a single segment gains nothing from waiting and is not reported.',
      '',
      '```yaml',
      'volumeBindingMode: Immediate            # wrong with several zones',
      'allowedTopologies:',
      '  - matchLabelExpressions:',
      '      - key: topology.csi.vmware.com/k8s-zone',
      '        values: [zone-a, zone-b]',
      '```',
      '',
      '```yaml',
      'volumeBindingMode: WaitForFirstConsumer # right',
      '```',
      '',
      'The fix sets (or adds) `volumeBindingMode: WaitForFirstConsumer`. `volumeBindingMode` cannot be changed on an existing class: delete and re-create it (bound volumes are not affected). The driver\'s topology guide also recommends running csi-provisioner with `--strict-topology` in multi-zone clusters.',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes/website', 'content/en/docs/concepts/storage/storage-classes.md (Volume binding mode)', 'Immediate binding provisions without knowledge of the pod\'s scheduling requirements and can leave pods unschedulable.'),
      driver('docs/book/features/volume_topology.md (removed in 2023, in git history)', 'v2.x – v3.x', 'recommends WaitForFirstConsumer (with --strict-topology) for topology-aware provisioning across zones.'),
    ],
    fixable: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const terms = allowedTopologyTerms(context);
    if (segmentCount(terms) <= 1) return;
    const modePair = rootPair(context, 'volumeBindingMode');
    const modeNode = modePair ? asScalar(modePair.value, context.doc) : undefined;
    const mode = modeNode && typeof modeNode.value === 'string' ? modeNode.value : undefined;
    if (modePair && mode !== 'Immediate') return; // WaitForFirstConsumer, or an invalid value the schema rule reports
    const edit = modeNode ? replaceScalarValue(modeNode, WAIT) : appendPair(context.file.text, context.object.node, 'volumeBindingMode', WAIT);
    const topologies = rootPair(context, 'allowedTopologies');
    context.report({
      node: modeNode ?? topologies?.key ?? context.object.node,
      message: `${modeNode ? 'volumeBindingMode is Immediate' : 'volumeBindingMode is not set, so it is Immediate'} although allowedTopologies allows several zones: each volume's zone is chosen before the pod is scheduled, and a pod that cannot run there stays Pending. Use WaitForFirstConsumer.`,
      ...(edit ? { fix: { title: `Set volumeBindingMode: ${WAIT}`, edits: [edit] } } : {}),
    });
  },
};
