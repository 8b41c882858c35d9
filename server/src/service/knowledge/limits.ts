// The per-node volume limit the driver reports to the scheduler (CSINode allocatable.count).
// Source: pkg/csi/service/node.go NodeGetInfo across releases; see rule workload-volumes-per-node.
import type { ResolvedConfig } from '../config.js';
import { atLeast } from '../util/version.js';
import type { WorkspaceIndex } from '../workspaceIndex.js';

export const DEFAULT_VOLUME_LIMIT = 59;
export const HIGH_DENSITY_VOLUME_LIMIT = 255;
export const HIGH_DENSITY_FEATURE = 'high-pv-node-density';
/** The feature-state name of the same switch in v2.6 – v3.5. */
export const LEGACY_HIGH_DENSITY_FEATURE = 'max-pvscsi-targets-per-vm';

export interface VolumeLimit {
  limit: number;
  /** Human explanation of where the number comes from. */
  reason: string;
}

/** The feature-state key that raises the limit to 255 for the configured driver release. */
export function highDensityFeatureFor(config: ResolvedConfig): string {
  return atLeast(config.driver.version, '3.7.1') !== false ? HIGH_DENSITY_FEATURE : LEGACY_HIGH_DENSITY_FEATURE;
}

export function volumeLimit(config: ResolvedConfig, index: WorkspaceIndex): VolumeLimit {
  if (config.nodes.maxVolumesPerNode !== undefined) {
    return { limit: config.nodes.maxVolumesPerNode, reason: 'nodes.maxVolumesPerNode in .vsphere-csi.yaml' };
  }
  const feature = highDensityFeatureFor(config);
  const enabled = index.featureStates.get(feature)?.value === 'true';
  const vsphere8 = atLeast(config.vsphere.version, '8.0.0') === true;
  if (enabled && vsphere8) {
    return { limit: HIGH_DENSITY_VOLUME_LIMIT, reason: `"${feature}" is "true" in the feature-state ConfigMap and vSphere is ${config.vsphere.version}` };
  }
  if (enabled) {
    return {
      limit: DEFAULT_VOLUME_LIMIT,
      reason: `"${feature}" is on, but 255 volumes per node needs vSphere 8 on every host and ${config.vsphere.version ? `the config says vSphere ${config.vsphere.version}` : 'the config does not state vsphere.version'}`,
    };
  }
  return { limit: DEFAULT_VOLUME_LIMIT, reason: `the driver's default in v${config.driver.version}` };
}
