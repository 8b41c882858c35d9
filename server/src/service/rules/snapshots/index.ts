import type { Rule } from '../rule.js';

export const snapshotRules: Rule[] = [];
