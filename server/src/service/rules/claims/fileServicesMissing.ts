import { isMultiNodeMode } from '../../knowledge/accessModes.js';
import { volumeCitations } from '../../knowledge/volumes.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS } from './claimSpecs.js';

export const pvcFileServicesMissing: Rule = {
  meta: {
    id: 'pvc-file-services-missing',
    defaultSeverity: 'info',
    category: 'PersistentVolumeClaim',
    description: 'A ReadWriteMany/ReadOnlyMany vSphere claim while no datastore in the `.vsphere-csi.yaml` inventory has vSAN File Services enabled.',
    why: 'Shared vSphere volumes are vSAN File Services NFS shares. Without File Services on some vSAN cluster, CreateVolume fails ("no datastores found to create file volume, vSAN file service may be disabled") and the claim stays Pending.',
    docs: [
      'Runs only when `.vsphere-csi.yaml` lists `datastores`; it stays silent without an inventory.',
      '',
      '```yaml',
      '# .vsphere-csi.yaml',
      'datastores:',
      '  - url: ds:///vmfs/volumes/vsan:52cd.../',
      '    type: vsan',
      '    fileServices: true   # needed for ReadWriteMany/ReadOnlyMany claims',
      '```',
      '',
      'If File Services really is off, enable it on the vSAN cluster, or use ReadWriteOnce claims.',
    ].join('\n'),
    citations: [volumeCitations.fileServices],
    fixable: false,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    const datastores = context.config.datastores;
    if (context.config.driver.flavor !== 'vanilla' || !datastores?.length || datastores.some((d) => d.fileServices === true)) return;
    for (const claim of analyzedClaims(context)) {
      if (!claim.vsphere || claim.volumeMode === 'Block') continue;
      const shared = claim.accessModes.find((item) => isMultiNodeMode(item.mode));
      if (!shared) continue;
      context.report({
        node: shared.node,
        message: `${shared.mode} needs a vSAN datastore with File Services enabled, and none of the ${datastores.length} datastore(s) in .vsphere-csi.yaml has fileServices: true; CreateVolume would find no place for the share and the claim would stay Pending.`,
      });
    }
  },
};
