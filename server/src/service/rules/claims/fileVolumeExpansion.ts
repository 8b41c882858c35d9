import { isMultiNodeMode } from '../../knowledge/accessModes.js';
import { FILE_EXPANSION_CHECK_REMOVED_IN, volumeCitations } from '../../knowledge/volumes.js';
import { atLeast } from '../../util/version.js';
import { classRelated } from '../helpers.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS } from './claimSpecs.js';

export const pvcFileVolumeExpansion: Rule = {
  meta: {
    id: 'pvc-file-volume-expansion',
    defaultSeverity: 'info',
    category: 'PersistentVolumeClaim',
    description: 'A ReadWriteMany/ReadOnlyMany claim on a vSphere class with `allowVolumeExpansion: true`: file volumes cannot be expanded.',
    why: 'The class promises growth, but the driver refuses to expand vSAN File Services volumes ("volume expansion is only supported for block volume type"). Raising the claim\'s storage later leaves it stuck in a failed resize.',
    docs: [
      '`allowVolumeExpansion` only helps block (ReadWriteOnce) claims. Size shared claims for their lifetime, or move the data to a new, bigger claim when it fills up.',
      '',
      '```yaml',
      'kind: StorageClass',
      'metadata: {name: shared}',
      'provisioner: csi.vsphere.vmware.com',
      'allowVolumeExpansion: true     # does not apply to the claim below',
      '---',
      'kind: PersistentVolumeClaim',
      'spec:',
      '  storageClassName: shared',
      '  accessModes: [ReadWriteMany]',
      '  resources: {requests: {storage: 100Gi}}   # choose the final size now',
      '```',
      '',
      'Releases up to v3.7.3 refuse the expansion explicitly. v3.8.0-rc.1 removed that check for the Supervisor file service, but vanilla file shares are still not grown; the rule runs for driver versions below 3.8.0.',
    ].join('\n'),
    citations: [volumeCitations.fileExpansion],
    fixable: false,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    if (context.config.driver.flavor !== 'vanilla' || atLeast(context.config.driver.version, FILE_EXPANSION_CHECK_REMOVED_IN) === true) return;
    for (const claim of analyzedClaims(context)) {
      const sc = claim.vsphereClass;
      if (!sc || sc.allowVolumeExpansion !== true || claim.volumeMode === 'Block') continue;
      const shared = claim.accessModes.find((item) => isMultiNodeMode(item.mode));
      if (!shared) continue;
      context.report({
        node: shared.node,
        message: `StorageClass "${sc.name}" allows volume expansion, but driver v${context.config.driver.version} cannot expand ${shared.mode} file volumes: a later size increase of this claim fails. Request the size the share will need.`,
        related: [classRelated(sc, `allowVolumeExpansion: true on StorageClass "${sc.name}"`)],
      });
    }
  },
};
