import { accessModeCitations, isMultiNodeMode, READ_WRITE_ONCE, READ_WRITE_ONCE_POD } from '../../knowledge/accessModes.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS, relatedHere } from './claimSpecs.js';

export const pvcAccessModeConflict: Rule = {
  meta: {
    id: 'pvc-access-mode-conflict',
    defaultSeverity: 'error',
    category: 'PersistentVolumeClaim',
    description: 'Access modes that cannot be requested together: ReadWriteOncePod with any other mode, or ReadWriteOnce with ReadOnlyMany/ReadWriteMany on a vSphere claim.',
    why: 'Kubernetes refuses a claim that lists ReadWriteOncePod next to another mode. The vSphere driver turns any claim with ReadOnlyMany or ReadWriteMany into a file volume and then refuses the single-node mode beside it (error: SINGLE_NODE_WRITER access mode is not supported for "FILE" volumes), so the claim stays Pending.',
    docs: [
      'On vSphere the access modes decide the kind of volume: ReadWriteOnce/ReadWriteOncePod give a block volume (a First Class Disk), ReadWriteMany/ReadOnlyMany a vSAN File Services share. A claim cannot be both.',
      '',
      '```yaml',
      '# wrong',
      'accessModes: [ReadWriteOnce, ReadWriteMany]',
      'accessModes: [ReadWriteOncePod, ReadWriteOnce]',
      '# right',
      'accessModes: [ReadWriteOnce]      # block volume, one node',
      'accessModes: [ReadWriteMany]      # file share, many nodes',
      'accessModes: [ReadWriteOncePod]   # block volume, one pod',
      '```',
      '',
      'The ReadWriteOncePod check applies to every claim (it is Kubernetes validation); the ReadWriteOnce check applies to claims of vSphere classes on vanilla clusters.',
    ].join('\n'),
    citations: [accessModeCitations.apiValidation, accessModeCitations.toCsiModes, accessModeCitations.capabilities],
    fixable: false,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    for (const claim of analyzedClaims(context)) {
      const modes = claim.accessModes;
      const pod = modes.find((item) => item.mode === READ_WRITE_ONCE_POD);
      if (pod && modes.length > 1) {
        const others = [...new Set(modes.filter((item) => item !== pod).map((item) => item.mode))].join(', ');
        context.report({
          node: pod.node,
          message: `ReadWriteOncePod must be the only access mode of a claim; Kubernetes refuses it together with ${others}.`,
        });
        continue;
      }
      if (context.config.driver.flavor !== 'vanilla' || !claim.vsphere) continue;
      const single = modes.find((item) => item.mode === READ_WRITE_ONCE);
      const shared = modes.filter((item) => isMultiNodeMode(item.mode));
      if (!single || shared.length === 0) continue;
      const sharedNames = [...new Set(shared.map((item) => item.mode))].join(' and ');
      context.report({
        node: single.node,
        message: `ReadWriteOnce cannot be combined with ${sharedNames} on vSphere: the driver makes a file volume for any shared mode and then refuses the single-node one, so the claim stays Pending. Keep ReadWriteOnce alone for a block disk, or only ${sharedNames} for a file share.`,
        related: shared.flatMap((item) => relatedHere(context, item.node, `${item.mode} requested here`) ?? []),
      });
    }
  },
};
