// What the vSphere CSI driver does with snapshots on vanilla clusters.
import { driver, kubernetes } from './citations.js';

export const SNAPSHOT_API_GROUP = 'snapshot.storage.k8s.io';
/** The oldest vCenter release with CNS snapshots. */
export const SNAPSHOT_MIN_VSPHERE = '7.0.3';
export const SNAPSHOT_MIN_VSPHERE_LABEL = '7.0U3';

export const snapshotCitations = {
  parametersIgnored: driver(
    'pkg/csi/service/vanilla/controller.go (CreateSnapshot)',
    'v2.5.0 – v3.8.0-rc.1',
    'CreateSnapshot never reads the request parameters; the driver examples define snapshot classes without any.',
  ),
  vcenterVersion: driver(
    'pkg/csi/service/vanilla/controller.go (CreateSnapshot), pkg/common/cns-lib/vsphere/utils.go (IsvSphereVersion70U3orAbove)',
    'v2.5.0 – v3.8.0-rc.1',
    'snapshots need vCenter 7.0U3 or later, else "VC version does not support snapshot operations".',
  ),
  driverName: driver('pkg/csi/types/constants.go (Name)', 'v2.0.0 – v3.8.0-rc.1', 'the driver registers as csi.vsphere.vmware.com.'),
  snapshotter: kubernetes(
    'kubernetes-csi/external-snapshotter',
    'pkg/sidecar-controller/snapshot_controller.go',
    'the sidecar of a driver only handles snapshot classes and contents whose driver field equals its driver name exactly.',
  ),
} as const;
