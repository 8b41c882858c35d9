// Facts about volume sizes and volume features of the vSphere CSI driver that claim rules share.
import { driver, kubernetes } from './citations.js';

export const MIB = 2 ** 20;

/** Whole MiB the driver allocates for a request (it rounds up). */
export function roundUpMiB(bytes: number): number {
  return Math.ceil(bytes / MIB);
}

/** First driver release whose vanilla controller no longer refuses to expand file volumes explicitly. */
export const FILE_EXPANSION_CHECK_REMOVED_IN = '3.8.0';

export const volumeCitations = {
  roundUp: driver(
    'pkg/csi/service/vanilla/controller.go (createBlockVolumeWithPlacementEngineForMultiVC, createFileVolume)',
    'v2.0.0 – v3.8.0-rc.1',
    'the requested capacity is rounded up to whole MiB before CNS creates the disk.',
  ),
  restoreSize: driver(
    'pkg/csi/service/vanilla/controller.go (createBlockVolumeWithPlacementEngineForMultiVC)',
    'v3.0.0 – v3.8.0-rc.1',
    'a restore must request exactly the snapshot size in bytes (whole MiB), else "snapshot size mismatch, requested volume size: <n> but source snapshot size: <m>".',
  ),
  noClone: driver(
    'pkg/csi/service/vanilla/controller.go (ControllerGetCapabilities)',
    'v2.0.0 – v3.8.0-rc.1',
    'no controller of the driver reports CLONE_VOLUME; only VolumeSnapshot data sources are served.',
  ),
  provisionerClone: kubernetes(
    'kubernetes-csi/external-provisioner',
    'pkg/controller/controller.go',
    'refuses a PersistentVolumeClaim data source with "CSI driver does not support clone operations: controller CLONE_VOLUME capability is not reported".',
  ),
  noModify: driver(
    'pkg/csi/service/vanilla/controller.go (ControllerGetCapabilities)',
    'v3.0.0 – v3.8.0-rc.1',
    'the vanilla controller does not report MODIFY_VOLUME (only the Supervisor and guest controllers do).',
  ),
  provisionerModify: kubernetes(
    'kubernetes-csi/external-provisioner',
    'pkg/controller/controller.go (checkDriverCapabilities)',
    'refuses a claim with volumeAttributesClassName when the driver does not report MODIFY_VOLUME.',
  ),
  fileExpansion: driver(
    'pkg/csi/service/common/common_controller_helper.go (ValidateControllerExpandVolumeRequest)',
    'v2.1.0 – v3.7.3',
    'expansion of file volumes is refused with Unimplemented "volume expansion is only supported for block volume type"; v3.8.0-rc.1 dropped the explicit check but vanilla file shares are still not grown.',
  ),
  pvWebhook: driver(
    'pkg/syncer/admissionhandler/validatepv.go (validatePv)',
    'v3.2.0 – v3.8.0-rc.1',
    'the vanilla validating webhook denies a ReadWriteMany/ReadOnlyMany PersistentVolume with spec.nodeAffinity: "Invalid configuration. File volumes cannot have node affinity rules".',
  ),
  fileServices: driver(
    'pkg/csi/service/vanilla/controller.go (createFileVolume)',
    'v3.2.0 – v3.8.0-rc.1',
    'file volumes are placed only on vSAN datastores with File Services enabled; with none, CreateVolume fails with "no datastores found to create file volume, vSAN file service may be disabled".',
  ),
  quantity: kubernetes('kubernetes/apimachinery', 'pkg/api/resource/quantity.go (ParseQuantity)', 'the quantity grammar: a number, then one of Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or an exponent.'),
  storageRequired: kubernetes(
    'kubernetes/kubernetes',
    'pkg/apis/core/validation/validation.go (ValidatePersistentVolumeClaimSpec)',
    'a claim must request resources.requests.storage, and the value must be greater than zero.',
  ),
} as const;
