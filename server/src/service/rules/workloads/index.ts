import type { Rule } from '../rule.js';

export const workloadRules: Rule[] = [];
