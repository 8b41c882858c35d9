import type { Rule } from '../rule.js';

export const driverObjectRules: Rule[] = [];
