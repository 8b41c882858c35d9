// The ESXi host command rules, one per file.
import { advancedOptionName } from './advancedOptionName.js';
import { advancedValueType } from './advancedValueType.js';
import type { EsxiRule } from './helpers.js';
import { i40enLldp } from './i40enLldp.js';
import { memShareForceSalting } from './memShareForceSalting.js';
import { profileDepot } from './profileDepot.js';
import { profileDowngrade } from './profileDowngrade.js';
import { profileSecurityOnly } from './profileSecurityOnly.js';
import { pspLatencyPolicy } from './pspLatencyPolicy.js';
import { scratchLocation } from './scratchLocation.js';
import { systemMediaSize } from './systemMediaSize.js';
import { teamPolicyUpDelay } from './teamPolicyUpDelay.js';
import { toolsRamdisk } from './toolsRamdisk.js';
import { vmkpingFragmentation } from './vmkpingFragmentation.js';
import { vmkpingPayloadSize } from './vmkpingPayloadSize.js';

export { esxiCommandSyntax } from './syntax.js';

export const esxiRules: readonly EsxiRule[] = [
  advancedOptionName,
  advancedValueType,
  memShareForceSalting,
  pspLatencyPolicy,
  teamPolicyUpDelay,
  scratchLocation,
  toolsRamdisk,
  i40enLldp,
  systemMediaSize,
  vmkpingPayloadSize,
  vmkpingFragmentation,
  profileDepot,
  profileDowngrade,
  profileSecurityOnly,
];
