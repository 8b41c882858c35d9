import type { Rule } from '../rule.js';
import { stsVolumesPerNode } from './stsVolumesPerNode.js';
import { workloadVolumesPerNode } from './volumesPerNode.js';

export const workloadRules: Rule[] = [workloadVolumesPerNode, stsVolumesPerNode];
