// The node VM setting rules, in the order they appear in the docs.
import type { FragmentRule } from '../../types.js';
import type { VmSettings } from '../model.js';
import { vmCapvValueNotString } from './capvValueNotString.js';
import { vmDisksOverVolumeLimit } from './disksOverVolumeLimit.js';
import { vmDiskUuidDisabled } from './diskUuidDisabled.js';
import { vmHardwareVersionOld } from './hardwareVersionOld.js';
import { vmHotplugDisabled } from './hotplugDisabled.js';
import { vmNonPvscsiController } from './nonPvscsiController.js';
import { vmStaticMacOutOfRange } from './staticMacOutOfRange.js';
import { vmSwitchoverTimeout } from './switchoverTimeout.js';
import { vmTooManyScsiControllers } from './tooManyScsiControllers.js';

export const vmSettingsRules: readonly FragmentRule<VmSettings>[] = [
  vmHotplugDisabled,
  vmDiskUuidDisabled,
  vmHardwareVersionOld,
  vmTooManyScsiControllers,
  vmNonPvscsiController,
  vmDisksOverVolumeLimit,
  vmCapvValueNotString,
  vmSwitchoverTimeout,
  vmStaticMacOutOfRange,
];
