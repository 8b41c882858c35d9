import type { Rule } from '../rule.js';
import { vscDriverTypo } from './driverTypo.js';
import { vscParametersIgnored } from './parametersIgnored.js';
import { vscSnapshotsUnsupported } from './snapshotsUnsupported.js';
import { vsSourceUnsupported } from './snapshotSourceUnsupported.js';

export const snapshotRules: Rule[] = [vscParametersIgnored, vscSnapshotsUnsupported, vscDriverTypo, vsSourceUnsupported];
