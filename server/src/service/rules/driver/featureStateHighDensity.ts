import { driver } from '../../knowledge/citations.js';
import { highDensityFeatureFor } from '../../knowledge/limits.js';
import { atLeast } from '../../util/version.js';
import { asMap, findPair, getNode, stringValue } from '../../yaml/ast.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';

export const featureStateHighDensityVsphere7: Rule = {
  meta: {
    id: 'feature-state-high-density-vsphere7',
    defaultSeverity: 'warning',
    category: 'Driver objects',
    description: '`high-pv-node-density: "true"` in the driver\'s feature-state ConfigMap while `vsphere.version` in `.vsphere-csi.yaml` is older than 8.',
    why: 'With the switch on, the driver tells the scheduler that 255 volumes fit on a node. Only vSphere 8 attaches that many to a VM; on vSphere 7 attaches start failing after about 59, and pods placed past that hang in ContainerCreating with attach errors.',
    docs: [
      'The ConfigMap is `internal-feature-states.csi.vsphere.vmware.com` (namespace `vmware-system-csi`). Driver v3.7.1 and later read `high-pv-node-density`; v2.6 – v3.5 used `max-pvscsi-targets-per-vm` for the same purpose, and the rule checks the key of the configured driver version.',
      '',
      '```yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: internal-feature-states.csi.vsphere.vmware.com',
      '  namespace: vmware-system-csi',
      'data:',
      '  high-pv-node-density: "true"    # wrong until every host runs vSphere 8',
      '  high-pv-node-density: "false"   # right on vSphere 7',
      '```',
      '',
      'Runs only when `vsphere.version` is set; set it to the lowest ESXi/vCenter version of the cluster.',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/node.go (NodeGetInfo)', 'v3.7.1 – v3.8.0-rc.1', 'reports 255 volumes per node when "high-pv-node-density" is enabled and 59 otherwise, without checking the vSphere version; its comment notes that only vCenter 8.0 supports 255.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['FeatureStates'],
  check(context) {
    const version = context.config.vsphere.version;
    if (context.config.driver.flavor === 'supervisor' || atLeast(version, '8.0.0') !== false) return;
    const feature = highDensityFeatureFor(context.config);
    const pair = findPair(asMap(getNode(context.object.node, ['data'], context.doc), context.doc), feature);
    if (!pair || stringValue(pair.value, context.doc) !== 'true') return;
    const edit = replaceScalarValue(pair.value!, 'false');
    context.report({
      node: pair.value,
      message: `"${feature}" is "true", but vSphere ${version} is older than 8: the driver will let the scheduler place up to 255 volumes on a node while a vSphere 7 VM attaches only about 59, so pods past that hang with attach errors. Keep it "false" until every host runs vSphere 8.`,
      ...(edit ? { suggestions: [{ title: 'Change to "false"', edits: [edit] }] } : {}),
    });
  },
};
