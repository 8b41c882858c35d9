// Sorting the parameters of an in-tree (kubernetes.io/vsphere-volume) class the way the
// in-tree-to-CSI translation does.
import { IN_TREE_TRANSLATED, IN_TREE_VSAN_KEYS } from '../../knowledge/parameters.js';
import type { ParameterPair } from './common.js';

export type InTreeKind = 'translated' | 'vsan' | 'dropped';

export function inTreeKind(lower: string): InTreeKind {
  if (lower in IN_TREE_TRANSLATED) return 'translated';
  if (IN_TREE_VSAN_KEYS.includes(lower)) return 'vsan';
  return 'dropped';
}

export function inTreePairs(parameters: readonly ParameterPair[], kind: InTreeKind): ParameterPair[] {
  return parameters.filter((p) => inTreeKind(p.lower) === kind);
}

/** The spellings the in-tree plugin's documentation used, for did-you-mean. */
export const IN_TREE_KEY_SPELLINGS: readonly string[] = [
  'fstype',
  'storagepolicyname',
  'datastore',
  'diskformat',
  'hostFailuresToTolerate',
  'forceProvisioning',
  'cacheReservation',
  'diskStripes',
  'objectSpaceReservation',
  'iopsLimit',
];
