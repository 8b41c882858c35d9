import { snapshotCitations } from '../../knowledge/snapshots.js';
import { VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';
import { asMap, getNode, getString, keyText, pairsOf } from '../../yaml/ast.js';
import { removePair } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';

const RESERVED_PREFIX = 'csi.storage.k8s.io/';

export const vscParametersIgnored: Rule = {
  meta: {
    id: 'vsc-parameters-ignored',
    defaultSeverity: 'warning',
    category: 'Snapshots',
    description: 'A VolumeSnapshotClass of `csi.vsphere.vmware.com` with `parameters` on a vanilla cluster: the driver never reads them.',
    why: 'The parameters look like they configure snapshots (a policy, a datastore, a consistency level), but the vanilla driver ignores them; every snapshot comes out the same whatever they say.',
    docs: [
      'The driver\'s own examples define snapshot classes with only `driver` and `deletionPolicy`.',
      '',
      '```yaml',
      'apiVersion: snapshot.storage.k8s.io/v1',
      'kind: VolumeSnapshotClass',
      'metadata: {name: vsphere-snapclass}',
      'driver: csi.vsphere.vmware.com',
      'deletionPolicy: Delete',
      'parameters:                 # wrong: ignored by the driver',
      '  storagePolicyName: gold',
      '# right: no parameters block at all',
      '```',
      '',
      'Keys under `csi.storage.k8s.io/` are read by external-snapshotter itself and are not reported. Guest clusters read `svvolumesnapshotclass`; the rule only runs for the vanilla flavor.',
    ].join('\n'),
    citations: [snapshotCitations.parametersIgnored],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['VolumeSnapshotClass'],
  check(context) {
    const { doc, node } = context.object;
    if (context.config.driver.flavor !== 'vanilla' || getString(node, ['driver'], doc) !== VSPHERE_CSI_DRIVER) return;
    const parameters = asMap(getNode(node, ['parameters'], doc), doc);
    if (!parameters) return;
    for (const pair of pairsOf(parameters)) {
      const key = keyText(pair);
      if (key === undefined || key.startsWith(RESERVED_PREFIX)) continue;
      const edit = removePair(context.file.text, parameters, pair);
      context.report({
        node: pair.key,
        message: `The vSphere CSI driver ignores VolumeSnapshotClass parameters on vanilla clusters; "${key}" has no effect on the snapshots.`,
        tags: ['unnecessary'],
        ...(edit ? { suggestions: [{ title: `Remove "${key}"`, edits: [edit] }] } : {}),
      });
    }
  },
};
