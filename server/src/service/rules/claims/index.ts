import type { Rule } from '../rule.js';

export const claimRules: Rule[] = [];
