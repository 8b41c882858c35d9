import { driver } from '../../knowledge/citations.js';
import { isFileVolumeRequest } from '../../knowledge/accessModes.js';
import { findClaim, IN_TREE_PROVISIONER } from '../../workspaceIndex.js';
import { getNode, getString } from '../../yaml/ast.js';
import { resolveClaimClass, vsphereClass } from '../helpers.js';
import type { Rule } from '../rule.js';

export const vsSourceUnsupported: Rule = {
  meta: {
    id: 'vs-source-unsupported',
    defaultSeverity: 'error',
    category: 'Snapshots',
    description: 'A VolumeSnapshot of a claim the vSphere CSI driver cannot snapshot: a ReadWriteMany/ReadOnlyMany file volume, or a volume of an in-tree (migrated) class.',
    why: 'CNS snapshots exist only for block volumes (First Class Disks). A snapshot of a vSAN File Services share fails because the volume is not of the expected type, and a volume that came through CSI migration (a .vmdk path, not an FCD) is refused with "cannot snapshot migrated vSphere volume". The VolumeSnapshot never becomes ready.',
    docs: [
      'Checked when the source claim is in the linted files and its class resolves to a vSphere class.',
      '',
      '```yaml',
      'apiVersion: snapshot.storage.k8s.io/v1',
      'kind: VolumeSnapshot',
      'metadata: {name: shared-backup}',
      'spec:',
      '  volumeSnapshotClassName: vsphere-snapshots',
      '  source:',
      '    persistentVolumeClaimName: shared   # wrong: "shared" is ReadWriteMany (a file share)',
      '    persistentVolumeClaimName: db-data  # right: a ReadWriteOnce block volume',
      '```',
      '',
      'Back up file shares at the file level (or through vSAN File Services tooling). For in-tree classes, move the data to a volume of a `csi.vsphere.vmware.com` class first.',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/vanilla/controller.go (CreateSnapshot)', 'v2.5.0 – v3.8.0-rc.1', 'only block volumes can be snapshotted ("queried volume doesn\'t have the expected volume type"); migrated volumes are refused ("cannot snapshot migrated vSphere volume").'),
      driver('pkg/csi/service/common/util.go (IsFileVolumeRequest)', 'v2.0.0 – v3.8.0-rc.1', 'a claim with a ReadWriteMany or ReadOnlyMany mode becomes a vSAN File Services file volume.'),
    ],
    fixable: false,
  },
  kinds: ['VolumeSnapshot'],
  check(context) {
    if (context.config.driver.flavor !== 'vanilla') return;
    const { node, doc } = context.object;
    const claimName = getString(node, ['spec', 'source', 'persistentVolumeClaimName'], doc);
    if (!claimName) return;
    const claim = findClaim(context.index, claimName, context.object.namespace);
    if (!claim) return;
    const entry = vsphereClass(resolveClaimClass(claim.storageClassName, context.index, context.config));
    if (!entry) return;
    const target = getNode(node, ['spec', 'source', 'persistentVolumeClaimName'], doc);
    const related = [{ uri: claim.location.uri, range: claim.location.range, message: `Claim "${claim.name}" (${claim.accessModes.join(', ') || 'no access modes'}, class "${entry.name}")` }];
    if (isFileVolumeRequest(claim.accessModes)) {
      context.report({
        node: target,
        message: `Claim "${claimName}" is ${claim.accessModes.filter((m) => m !== 'ReadWriteOnce').join('/')}, so it is a vSAN File Services share; the vSphere CSI driver snapshots only block volumes and this VolumeSnapshot never becomes ready.`,
        related,
      });
    } else if (entry.provisioner === IN_TREE_PROVISIONER) {
      context.report({
        node: target,
        message: `Claim "${claimName}" uses the in-tree class "${entry.name}"; its volume comes through CSI migration and the driver refuses to snapshot migrated volumes ("cannot snapshot migrated vSphere volume").`,
        related,
      });
    }
  },
};
