import { snapshotCitations } from '../../knowledge/snapshots.js';
import { VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';
import { sameWordsReordered } from '../../util/similarity.js';
import { getNode, stringValue } from '../../yaml/ast.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import { valueSuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';

export const vscDriverTypo: Rule = {
  meta: {
    id: 'vsc-driver-typo',
    defaultSeverity: 'error',
    category: 'Snapshots',
    description: 'The `driver` of a VolumeSnapshotClass (or VolumeSnapshotContent) is close to, but not exactly, `csi.vsphere.vmware.com`.',
    why: 'The snapshot sidecar of the vSphere driver only handles objects whose driver name matches its own exactly. A misspelt name is accepted by the API server, and then no controller ever takes the snapshots: they stay not ready to use.',
    docs: [
      '```yaml',
      'kind: VolumeSnapshotClass',
      'driver: csi.vsphere.vmware.co    # wrong',
      'driver: vsphere.csi.vmware.com   # wrong: words swapped (the pre-1.0 driver name)',
      'driver: csi.vsphere.vmware.com   # right',
      '```',
      '',
      'The name is case-sensitive.',
    ].join('\n'),
    citations: [snapshotCitations.driverName, snapshotCitations.snapshotter],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['VolumeSnapshotClass', 'VolumeSnapshotContent'],
  check(context) {
    const { doc, node, kind } = context.object;
    const driverNode = getNode(node, kind === 'VolumeSnapshotClass' ? ['driver'] : ['spec', 'driver'], doc);
    const value = stringValue(driverNode, doc);
    if (value === undefined || value === VSPHERE_CSI_DRIVER) return;
    let suggestions = valueSuggestions(driverNode, value, [VSPHERE_CSI_DRIVER], { ignoreCase: true });
    if (suggestions.length === 0 && driverNode && sameWordsReordered(value, VSPHERE_CSI_DRIVER)) {
      // Too far apart by edit distance, but the same words: `vsphere.csi.vmware.com` (the pre-1.0 driver name).
      const edit = replaceScalarValue(driverNode, VSPHERE_CSI_DRIVER);
      if (edit) suggestions = [{ title: `Change to "${VSPHERE_CSI_DRIVER}"`, edits: [edit] }];
    }
    if (suggestions.length === 0) return;
    context.report({
      node: driverNode,
      message: `Driver "${value}" looks like a misspelling of "${VSPHERE_CSI_DRIVER}"; no snapshot controller handles this name, so snapshots of this ${kind} never become ready.`,
      suggestions,
    });
  },
};
