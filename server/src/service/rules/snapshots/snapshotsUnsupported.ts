import { SNAPSHOT_MIN_VSPHERE, SNAPSHOT_MIN_VSPHERE_LABEL, snapshotCitations } from '../../knowledge/snapshots.js';
import { atLeast } from '../../util/version.js';
import { findClaim, VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';
import { findPair, getNode, getString, asMap } from '../../yaml/ast.js';
import { isVsphereClaim, resolveClaimClass } from '../helpers.js';
import type { Rule, RuleContext } from '../rule.js';
import type { Node } from 'yaml';

function vsphereSnapshotTarget(context: RuleContext): { node: Node | undefined; what: string } | undefined {
  const { doc, node, kind } = context.object;
  if (kind === 'VolumeSnapshotClass') {
    const driverNode = getNode(node, ['driver'], doc);
    return getString(node, ['driver'], doc) === VSPHERE_CSI_DRIVER ? { node: driverNode, what: 'This VolumeSnapshotClass is' } : undefined;
  }
  if (kind === 'VolumeSnapshotContent') {
    const driverNode = getNode(node, ['spec', 'driver'], doc);
    return getString(node, ['spec', 'driver'], doc) === VSPHERE_CSI_DRIVER ? { node: driverNode, what: 'This VolumeSnapshotContent is' } : undefined;
  }
  // VolumeSnapshot: by its class, else by the claim it snapshots.
  const className = getString(node, ['spec', 'volumeSnapshotClassName'], doc);
  if (className !== undefined) {
    const entry = context.index.snapshotClasses.get(className)?.[0];
    return entry?.driver === VSPHERE_CSI_DRIVER ? { node: getNode(node, ['spec', 'volumeSnapshotClassName'], doc), what: `VolumeSnapshotClass "${className}" is` } : undefined;
  }
  const claimNode = getNode(node, ['spec', 'source', 'persistentVolumeClaimName'], doc);
  const claimName = getString(node, ['spec', 'source', 'persistentVolumeClaimName'], doc);
  const claim = claimName ? findClaim(context.index, claimName, context.object.namespace) : undefined;
  if (!claim || !isVsphereClaim(resolveClaimClass(claim.storageClassName, context.index, context.config))) return undefined;
  return { node: claimNode ?? findPair(asMap(getNode(node, ['spec'], doc), doc), 'source')?.key, what: `Claim "${claim.name}" is` };
}

export const vscSnapshotsUnsupported: Rule = {
  meta: {
    id: 'vsc-snapshots-unsupported',
    defaultSeverity: 'error',
    category: 'Snapshots',
    description: 'vSphere CSI snapshot objects while `vsphere.version` in `.vsphere-csi.yaml` is older than 7.0U3.',
    why: 'CNS snapshots need vCenter 7.0U3 or later. On older releases every CreateSnapshot fails ("VC version does not support snapshot operations") and the VolumeSnapshots never become ready to use.',
    docs: [
      'Runs only when `vsphere.version` is set. Reports VolumeSnapshotClasses and VolumeSnapshotContents of `csi.vsphere.vmware.com`, and VolumeSnapshots that use such a class or snapshot a claim of a vSphere class.',
      '',
      '```yaml',
      '# .vsphere-csi.yaml',
      'vsphere:',
      '  version: "7.0U2"   # wrong for snapshots: no VolumeSnapshotClass of csi.vsphere.vmware.com works',
      '  version: "7.0U3"   # right: the oldest release with CNS snapshots',
      '```',
      '',
      'Upgrade vCenter (and ESXi) to 7.0U3 or later before relying on snapshots, or back up volumes another way.',
    ].join('\n'),
    citations: [snapshotCitations.vcenterVersion],
    fixable: false,
  },
  kinds: ['VolumeSnapshotClass', 'VolumeSnapshot', 'VolumeSnapshotContent'],
  check(context) {
    const version = context.config.vsphere.version;
    if (context.config.driver.flavor !== 'vanilla' || atLeast(version, SNAPSHOT_MIN_VSPHERE) !== false) return;
    const target = vsphereSnapshotTarget(context);
    if (!target) return;
    context.report({
      node: target.node,
      message: `${target.what} served by the vSphere CSI driver, which can take snapshots only on vCenter ${SNAPSHOT_MIN_VSPHERE_LABEL} or later; with vSphere ${version} every snapshot fails ("VC version does not support snapshot operations").`,
    });
  },
};
