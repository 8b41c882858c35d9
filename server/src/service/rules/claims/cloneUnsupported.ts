import { volumeCitations } from '../../knowledge/volumes.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS, dataSources } from './claimSpecs.js';

export const pvcCloneUnsupported: Rule = {
  meta: {
    id: 'pvc-clone-unsupported',
    defaultSeverity: 'error',
    category: 'PersistentVolumeClaim',
    description: 'A vSphere claim with a `dataSource`/`dataSourceRef` of kind PersistentVolumeClaim (a clone).',
    why: 'The vSphere CSI driver does not offer volume cloning (no CLONE_VOLUME capability). external-provisioner refuses the claim ("CSI driver does not support clone operations") and it stays Pending.',
    docs: [
      'Copy a volume through a snapshot instead: take a VolumeSnapshot of the source claim and restore it into the new claim.',
      '',
      '```yaml',
      '# wrong',
      'spec:',
      '  dataSource:',
      '    kind: PersistentVolumeClaim',
      '    name: source-pvc',
      '# right',
      'spec:',
      '  dataSource:',
      '    apiGroup: snapshot.storage.k8s.io',
      '    kind: VolumeSnapshot',
      '    name: source-pvc-snap',
      '```',
      '',
      'Snapshots need vCenter 7.0U3 or later, and the restore must request exactly the snapshot\'s size (see pvc-restore-size-mismatch).',
    ].join('\n'),
    citations: [volumeCitations.noClone, volumeCitations.provisionerClone],
    fixable: false,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    for (const claim of analyzedClaims(context)) {
      if (!claim.vsphere) continue;
      const clone = dataSources(claim.spec, context.doc).find((ref) => ref.kind === 'PersistentVolumeClaim' && !ref.apiGroup);
      if (!clone) continue;
      context.report({
        node: clone.kindNode,
        message: `The vSphere CSI driver cannot clone volumes, so this claim${clone.name ? ` (a copy of "${clone.name}")` : ''} is refused by external-provisioner and stays Pending. Snapshot the source claim and restore from the VolumeSnapshot instead.`,
      });
    }
  },
};
