// Provisioner names a StorageClass may carry that concern this linter, and the annotations that make
// a class the cluster default.
import { IN_TREE_PROVISIONER, VSPHERE_CSI_DRIVER } from '../workspaceIndex.js';

/** Names a mistyped provisioner is compared with. */
export const VSPHERE_PROVISIONERS: readonly string[] = [VSPHERE_CSI_DRIVER, IN_TREE_PROVISIONER];

/**
 * The name early (pre-1.0, 2019) builds of the vSphere CSI driver registered, still used by a few
 * third-party forks. Their classes take `parent_type`/`parent_name` parameters.
 */
export const PRE_GA_DRIVER_NAME = 'vsphere.csi.vmware.com';
export const PRE_GA_DRIVER_PARAMETERS: readonly string[] = ['parent_type', 'parent_name'];

/** The annotation that marks the default class, and its beta predecessor (still honoured). */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
