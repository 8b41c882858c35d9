// The csi-vsphere.conf rules (the syntax rule's id is csiConfSyntax, reported by the analyzer).
import type { CsiConfRule } from '../report.js';
import { csiConfCredentials } from './credentials.js';
import { csiConfDuplicateKey } from './duplicateKey.js';
import { csiConfEscape } from './escape.js';
import { csiConfInsecureOverride } from './insecureOverride.js';
import { csiConfInsecureTls } from './insecureTls.js';
import { csiConfInvalidName } from './invalidName.js';
import { csiConfMultiVcenterTopology } from './multiVcenterTopology.js';
import { csiConfNetPermissions } from './netPermissions.js';
import { csiConfNoVcenter } from './noVcenter.js';
import { csiConfRemovedKey } from './removedKey.js';
import { csiConfTooManyCategories } from './tooManyCategories.js';
import { csiConfTooManyVcenters } from './tooManyVcenters.js';
import { csiConfTopologyConflict } from './topologyConflict.js';
import { csiConfTopologyLabel } from './topologyLabel.js';
import { csiConfUnknownKey } from './unknownKey.js';
import { csiConfUnknownSection } from './unknownSection.js';
import { csiConfUsernameFormat } from './usernameFormat.js';
import { csiConfValueTooLong } from './valueTooLong.js';
import { csiConfValueType } from './valueType.js';
import { csiConfVcenterHost } from './vcenterHost.js';
import { csiConfZoneRegionIncomplete } from './zoneRegionIncomplete.js';

export { csiConfSyntax } from './syntax.js';

export const csiConfRules: readonly CsiConfRule[] = [
  csiConfInvalidName,
  csiConfEscape,
  csiConfValueType,
  csiConfUnknownSection,
  csiConfUnknownKey,
  csiConfRemovedKey,
  csiConfDuplicateKey,
  csiConfNoVcenter,
  csiConfVcenterHost,
  csiConfCredentials,
  csiConfUsernameFormat,
  csiConfValueTooLong,
  csiConfTooManyVcenters,
  csiConfMultiVcenterTopology,
  csiConfTopologyConflict,
  csiConfTooManyCategories,
  csiConfTopologyLabel,
  csiConfZoneRegionIncomplete,
  csiConfNetPermissions,
  csiConfInsecureTls,
  csiConfInsecureOverride,
];
