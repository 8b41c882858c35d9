import type { Rule } from '../rule.js';
import { pvcAccessModeConflict } from './accessModeConflict.js';
import { pvcBlockMultiNode } from './blockMultiNode.js';
import { pvcCloneUnsupported } from './cloneUnsupported.js';
import { pvcFileServicesMissing } from './fileServicesMissing.js';
import { pvcFileVolumeExpansion } from './fileVolumeExpansion.js';
import { pvcFstypeAccessMode } from './fstypeAccessMode.js';
import { pvFileVolumeNodeAffinity } from './pvFileVolumeNodeAffinity.js';
import { pvcRestoreDecimalSize } from './restoreDecimalSize.js';
import { pvcRestoreSizeMismatch } from './restoreSizeMismatch.js';
import { pvcStorageClassNotFound } from './storageClassNotFound.js';
import { pvcStorageRequest } from './storageRequest.js';
import { pvcVolumeAttributesClass } from './volumeAttributesClass.js';

export const claimRules: Rule[] = [
  pvcStorageClassNotFound,
  pvcBlockMultiNode,
  pvcAccessModeConflict,
  pvcFstypeAccessMode,
  pvcFileServicesMissing,
  pvcCloneUnsupported,
  pvcRestoreDecimalSize,
  pvcRestoreSizeMismatch,
  pvcStorageRequest,
  pvcVolumeAttributesClass,
  pvcFileVolumeExpansion,
  pvFileVolumeNodeAffinity,
];
