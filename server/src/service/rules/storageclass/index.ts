import type { Rule } from '../rule.js';
import { scUnknownParameter } from './scUnknownParameter.js';

export const storageClassRules: Rule[] = [scUnknownParameter];
