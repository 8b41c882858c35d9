import { accessModeCitations, FILE_VOLUME_FSTYPES, isMultiNodeMode, isSingleNodeMode, NFS_FSTYPES } from '../../knowledge/accessModes.js';
import { classFstype } from '../../knowledge/parameters.js';
import { atLeast } from '../../util/version.js';
import { classRelated } from '../helpers.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS } from './claimSpecs.js';

export const pvcFstypeAccessMode: Rule = {
  meta: {
    id: 'pvc-fstype-access-mode',
    defaultSeverity: 'error',
    category: 'PersistentVolumeClaim',
    description: 'The fstype of the claim\'s vSphere StorageClass does not fit its access mode: a block filesystem (xfs, ext3, ntfs) for ReadWriteMany/ReadOnlyMany, or nfs/nfs4 for ReadWriteOnce.',
    why: 'The driver checks the fstype against the kind of volume the access mode asks for. A shared claim becomes a vSAN File Services NFS share, which only takes nfs4, nfs, ext4 (rewritten to nfs4) or no fstype; a single-node claim becomes a disk, which cannot be nfs. Either mismatch fails CreateVolume ("fstype … not supported for … volume creation") and the claim stays Pending.',
    docs: [
      'The fstype comes from the class: `csi.storage.k8s.io/fstype`, or the deprecated `fstype` key. Without one, external-provisioner passes ext4, which both kinds of volume accept.',
      '',
      '```yaml',
      'kind: StorageClass',
      'metadata: {name: shared}',
      'provisioner: csi.vsphere.vmware.com',
      'parameters:',
      '  csi.storage.k8s.io/fstype: xfs    # wrong for the claim below',
      '  csi.storage.k8s.io/fstype: nfs4   # right',
      '---',
      'kind: PersistentVolumeClaim',
      'spec:',
      '  storageClassName: shared',
      '  accessModes: [ReadWriteMany]',
      '```',
      '',
      'Use separate classes for block (ReadWriteOnce, ext4/xfs) and file (ReadWriteMany, nfs4) claims. Raw block claims (`volumeMode: Block`) ignore the fstype and are not checked. The ReadWriteMany check applies from driver v3.0.0; v2.1 – v2.7 only refused nfs for ReadWriteOnce.',
    ].join('\n'),
    citations: [accessModeCitations.fstype, accessModeCitations.capabilities],
    fixable: false,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    if (context.config.driver.flavor !== 'vanilla') return;
    const version = context.config.driver.version;
    for (const claim of analyzedClaims(context)) {
      const sc = claim.vsphereClass;
      if (!sc || claim.volumeMode === 'Block') continue;
      const fstype = classFstype(sc.parameters);
      if (fstype === undefined) continue;
      const lower = fstype.toLowerCase();
      const shared = claim.accessModes.find((item) => isMultiNodeMode(item.mode));
      if (shared) {
        // Case-only variants (NFS4) are the StorageClass rules' business.
        if (FILE_VOLUME_FSTYPES.includes(lower) || atLeast(version, '3.0.0') === false) continue;
        context.report({
          node: shared.node,
          message: `${shared.mode} makes this a vSAN File Services (NFS) volume, but StorageClass "${sc.name}" sets fstype "${fstype}"; the driver accepts only nfs4, nfs, ext4 or no fstype for shared volumes, so CreateVolume fails and the claim stays Pending.`,
          related: [classRelated(sc, `StorageClass "${sc.name}" sets fstype "${fstype}"`)],
        });
        continue;
      }
      const single = claim.accessModes.find((item) => isSingleNodeMode(item.mode));
      if (!single || !NFS_FSTYPES.includes(lower) || atLeast(version, '2.1.0') === false) continue;
      context.report({
        node: single.node,
        message: `${single.mode} makes this a block volume (a disk on one node), but StorageClass "${sc.name}" sets fstype "${fstype}", which the driver only accepts for ReadWriteMany/ReadOnlyMany file volumes; CreateVolume fails and the claim stays Pending.`,
        related: [classRelated(sc, `StorageClass "${sc.name}" sets fstype "${fstype}"`)],
      });
    }
  },
};
