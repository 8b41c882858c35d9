import { accessModeCitations, isMultiNodeMode } from '../../knowledge/accessModes.js';
import { getNode } from '../../yaml/ast.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS, relatedHere } from './claimSpecs.js';

export const pvcBlockMultiNode: Rule = {
  meta: {
    id: 'pvc-block-multi-node',
    defaultSeverity: 'error',
    category: 'PersistentVolumeClaim',
    description: '`volumeMode: Block` together with ReadWriteMany or ReadOnlyMany on a vSphere claim (vanilla clusters).',
    why: 'On vanilla Kubernetes the driver serves shared (multi-node) claims with vSAN File Services NFS shares, which have no raw block form. CreateVolume fails with "block volume mode is not supported for ReadWriteMany or ReadOnlyMany volume creation" and the claim stays Pending.',
    docs: [
      'A raw block device on vSphere is a First Class Disk attached to one node VM at a time, so it is ReadWriteOnce (or ReadWriteOncePod) only.',
      '',
      '```yaml',
      '# wrong',
      'spec:',
      '  volumeMode: Block',
      '  accessModes: [ReadWriteMany]',
      '# right: a raw block disk for one node',
      'spec:',
      '  volumeMode: Block',
      '  accessModes: [ReadWriteOnce]',
      '# right: a shared file volume',
      'spec:',
      '  volumeMode: Filesystem',
      '  accessModes: [ReadWriteMany]',
      '```',
      '',
      'Supervisor clusters can share raw block disks with VM Service VMs; the rule only runs for the vanilla flavor.',
    ].join('\n'),
    citations: [accessModeCitations.blockMultiNode, accessModeCitations.capabilities],
    fixable: false,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    if (context.config.driver.flavor !== 'vanilla') return;
    for (const claim of analyzedClaims(context)) {
      if (!claim.vsphere || claim.volumeMode !== 'Block') continue;
      const shared = claim.accessModes.filter((item) => isMultiNodeMode(item.mode));
      if (shared.length === 0) continue;
      const modes = [...new Set(shared.map((item) => item.mode))].join(' and ');
      context.report({
        node: getNode(claim.spec, ['volumeMode'], context.doc),
        message: `volumeMode: Block cannot be combined with ${modes} on vSphere: shared volumes are vSAN File Services NFS shares with no raw block form, so CreateVolume fails and the claim stays Pending. Use ReadWriteOnce for a raw block disk, or volumeMode: Filesystem for a shared volume.`,
        related: shared.flatMap((item) => relatedHere(context, item.node, `${item.mode} requested here`) ?? []),
      });
    }
  },
};
