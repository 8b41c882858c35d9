// Kubernetes access modes as the vSphere CSI driver sees them. external-provisioner maps every
// mode of a claim to one CSI capability: ReadWriteOnce and ReadWriteOncePod become a single-node
// writer (a block volume, an FCD), ReadOnlyMany and ReadWriteMany become multi-node capabilities
// (a file volume, a vSAN File Services NFS 4.1 share). Source: pkg/csi/service/common/util.go
// (IsFileVolumeRequest, validateVolumeCapabilities) and common/types.go.
import { driver, kubernetes } from './citations.js';

export const READ_WRITE_ONCE = 'ReadWriteOnce';
export const READ_WRITE_ONCE_POD = 'ReadWriteOncePod';
export const READ_ONLY_MANY = 'ReadOnlyMany';
export const READ_WRITE_MANY = 'ReadWriteMany';

/** Modes that make the driver create a file volume. */
export const MULTI_NODE_MODES: readonly string[] = [READ_ONLY_MANY, READ_WRITE_MANY];
/** Modes the driver serves with a block volume. */
export const SINGLE_NODE_MODES: readonly string[] = [READ_WRITE_ONCE, READ_WRITE_ONCE_POD];

export function isMultiNodeMode(mode: string): boolean {
  return MULTI_NODE_MODES.includes(mode);
}

export function isSingleNodeMode(mode: string): boolean {
  return SINGLE_NODE_MODES.includes(mode);
}

/** Whether the driver treats a claim with these modes as a file-volume request. */
export function isFileVolumeRequest(modes: readonly string[]): boolean {
  return modes.some(isMultiNodeMode);
}

/** fstype values the driver accepts for a file volume (exact match; ext4 and empty become nfs4 on the node). */
export const FILE_VOLUME_FSTYPES: readonly string[] = ['nfs4', 'nfs', 'ext4', ''];
/** fstype values that only make sense for file volumes. */
export const NFS_FSTYPES: readonly string[] = ['nfs4', 'nfs'];

export const accessModeCitations = {
  capabilities: driver(
    'pkg/csi/service/common/util.go (IsFileVolumeRequest, validateVolumeCapabilities)',
    'v2.1.0 – v3.8.0-rc.1',
    'any ReadOnlyMany/ReadWriteMany mode turns the request into a file volume, and a single-node-writer mode next to it is refused (error: <mode> access mode is not supported for "FILE" volumes).',
  ),
  fstype: driver(
    'pkg/csi/service/common/util.go (validateVolumeCapabilities)',
    'v3.0.0 – v3.8.0-rc.1',
    'ReadWriteOnce accepts ext4, ext3, xfs, ntfs or empty; ReadWriteMany/ReadOnlyMany accept nfs4, nfs, ext4 or empty. v2.1.0 – v2.7.x only refused nfs for ReadWriteOnce.',
  ),
  blockMultiNode: driver(
    'pkg/csi/service/common/util.go (validateVolumeCapabilities)',
    'v3.0.0 – v3.8.0-rc.1',
    'refuses raw block with ReadWriteMany or ReadOnlyMany on vanilla clusters: "block volume mode is not supported for ReadWriteMany or ReadOnlyMany volume creation".',
  ),
  toCsiModes: kubernetes(
    'kubernetes-csi/csi-lib-utils',
    'accessmodes/access_modes.go (ToCSIAccessMode)',
    'maps ReadWriteOnce and ReadWriteOncePod to SINGLE_NODE_WRITER for drivers without SINGLE_NODE_MULTI_WRITER, and refuses ReadWriteOncePod combined with other modes.',
  ),
  apiValidation: kubernetes(
    'kubernetes/kubernetes',
    'pkg/apis/core/validation/validation.go (ValidatePersistentVolumeClaimSpec)',
    'the API server refuses ReadWriteOncePod together with any other access mode.',
  ),
} as const;
