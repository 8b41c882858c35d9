import { volumeCitations } from '../../knowledge/volumes.js';
import { getNode, stringValue } from '../../yaml/ast.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS } from './claimSpecs.js';

export const pvcVolumeAttributesClass: Rule = {
  meta: {
    id: 'pvc-volume-attributes-class',
    defaultSeverity: 'error',
    category: 'PersistentVolumeClaim',
    description: 'A vSphere claim sets `volumeAttributesClassName` on a vanilla cluster.',
    why: 'VolumeAttributesClasses need a driver that can modify volumes (MODIFY_VOLUME). The vanilla vSphere driver does not offer it, so external-provisioner refuses to provision the claim ("CSI driver does not support VolumeAttributesClass") and it stays Pending; on a bound claim the modification never happens.',
    docs: [
      'On vanilla clusters, change volume properties through the StorageClass (its storage policy) rather than a VolumeAttributesClass.',
      '',
      '```yaml',
      '# wrong on vanilla',
      'spec:',
      '  storageClassName: vsan-gold',
      '  volumeAttributesClassName: gold-iops',
      '# right: the class carries the storage policy',
      'spec:',
      '  storageClassName: vsan-gold-iops',
      '```',
      '',
      'Supervisor and guest clusters can advertise MODIFY_VOLUME (storage-policy changes); the rule only runs for the vanilla flavor.',
    ].join('\n'),
    citations: [volumeCitations.noModify, volumeCitations.provisionerModify],
    fixable: false,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    if (context.config.driver.flavor !== 'vanilla') return;
    for (const claim of analyzedClaims(context)) {
      if (!claim.vsphere) continue;
      const node = getNode(claim.spec, ['volumeAttributesClassName'], context.doc);
      const name = stringValue(node, context.doc);
      if (!name) continue;
      context.report({
        node,
        message: `volumeAttributesClassName "${name}" needs a driver that can modify volumes; the vSphere CSI driver on vanilla Kubernetes cannot, so external-provisioner refuses the claim and it stays Pending. Remove the field and pick the storage policy through the StorageClass.`,
      });
    }
  },
};
