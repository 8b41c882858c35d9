import type { Rule } from '../rule.js';
import { csidriverEphemeralMode } from './csidriverEphemeralMode.js';
import { featureStateHighDensityVsphere7 } from './featureStateHighDensity.js';

export const driverObjectRules: Rule[] = [csidriverEphemeralMode, featureStateHighDensityVsphere7];
