import { isMultiNodeMode } from '../../knowledge/accessModes.js';
import { volumeCitations } from '../../knowledge/volumes.js';
import { VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';
import { asMap, findPair, getNode, getString, seqItems, stringValue } from '../../yaml/ast.js';
import { removePair } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';

export const pvFileVolumeNodeAffinity: Rule = {
  meta: {
    id: 'pv-file-volume-node-affinity',
    defaultSeverity: 'error',
    category: 'PersistentVolumeClaim',
    description: 'A PersistentVolume of the vSphere driver with ReadWriteMany/ReadOnlyMany (a file volume) and `spec.nodeAffinity`.',
    why: 'The driver\'s validating webhook denies the PersistentVolume ("Invalid configuration. File volumes cannot have node affinity rules"), so `kubectl apply` fails. File volumes are NFS shares reachable from every node; node affinity has no meaning for them.',
    docs: [
      'Typical when a static file-share PV is written from a block-volume example.',
      '',
      '```yaml',
      'kind: PersistentVolume',
      'spec:',
      '  accessModes: [ReadWriteMany]',
      '  csi:',
      '    driver: csi.vsphere.vmware.com',
      '    volumeHandle: "file:236b3e6b-..."',
      '  nodeAffinity:            # wrong: remove for file volumes',
      '    required: {...}',
      '# right: the same PV without nodeAffinity',
      '```',
      '',
      'The webhook ships with the vanilla driver (manifests/vanilla/validatingwebhook.yaml); the rule runs for the vanilla flavor.',
    ].join('\n'),
    citations: [volumeCitations.pvWebhook],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['PersistentVolume'],
  check(context) {
    const { doc, node } = context.object;
    if (context.config.driver.flavor !== 'vanilla') return;
    if (getString(node, ['spec', 'csi', 'driver'], doc) !== VSPHERE_CSI_DRIVER) return;
    if (getString(node, ['spec', 'volumeMode'], doc) === 'Block') return;
    const modes = seqItems(getNode(node, ['spec', 'accessModes'], doc), doc).map((n) => stringValue(n, doc) ?? '');
    const shared = modes.find(isMultiNodeMode);
    if (!shared) return;
    const spec = asMap(getNode(node, ['spec'], doc), doc);
    const pair = findPair(spec, 'nodeAffinity');
    if (!spec || !pair || getNode(pair.value, [], doc) === undefined || (pair.value as { value?: unknown } | null)?.value === null) return;
    const edit = removePair(context.file.text, spec, pair);
    context.report({
      node: pair.key,
      message: `This ${shared} vSphere file volume has nodeAffinity, which the driver's validating webhook denies ("File volumes cannot have node affinity rules"), so the PersistentVolume cannot be created. Remove nodeAffinity: the NFS share is reachable from every node.`,
      ...(edit ? { suggestions: [{ title: 'Remove spec.nodeAffinity', edits: [edit] }] } : {}),
    });
  },
};
