import type { Rule } from '../rule.js';
import { scDatastoreUrlFormat } from './scDatastoreUrlFormat.js';
import { scEmptyParameter } from './scEmptyParameter.js';
import { scFstypeConflict } from './scFstypeConflict.js';
import { scFstypeDeprecated } from './scFstypeDeprecated.js';
import { scInTreeDiskformat } from './scInTreeDiskformat.js';
import { scInTreeDroppedParameter } from './scInTreeDroppedParameter.js';
import { scInTreeProvisioner } from './scInTreeProvisioner.js';
import { scInTreeVsanParameter } from './scInTreeVsanParameter.js';
import { scInvalidFstype } from './scInvalidFstype.js';
import { scMigrationParameter } from './scMigrationParameter.js';
import { scMultipleDefaults } from './scMultipleDefaults.js';
import { scProvisionerTypo } from './scProvisionerTypo.js';
import { scTopologyImmediateBinding } from './scTopologyImmediateBinding.js';
import { scTopologyKey } from './scTopologyKey.js';
import { scUnknownDatastore } from './scUnknownDatastore.js';
import { scUnknownParameter } from './scUnknownParameter.js';
import { scUnknownReservedParameter } from './scUnknownReservedParameter.js';
import { scUnknownStoragePolicy } from './scUnknownStoragePolicy.js';
import { scWrongFlavorParameter } from './scWrongFlavorParameter.js';

export const storageClassRules: Rule[] = [
  scProvisionerTypo,
  scUnknownParameter,
  scUnknownReservedParameter,
  scWrongFlavorParameter,
  scMigrationParameter,
  scFstypeConflict,
  scFstypeDeprecated,
  scInvalidFstype,
  scEmptyParameter,
  scUnknownStoragePolicy,
  scDatastoreUrlFormat,
  scUnknownDatastore,
  scTopologyKey,
  scTopologyImmediateBinding,
  scMultipleDefaults,
  scInTreeProvisioner,
  scInTreeVsanParameter,
  scInTreeDiskformat,
  scInTreeDroppedParameter,
];
