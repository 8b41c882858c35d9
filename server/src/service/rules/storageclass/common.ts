// What the StorageClass rules share: finding the parameters map and the class's flavor keys.
import type { YAMLMap } from 'yaml';
import { asMap, getNode, getString, keyText, pairsOf } from '../../yaml/ast.js';
import type { RuleContext, PairNode } from '../rule.js';
import { VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';

export interface ParameterPair {
  pair: PairNode;
  key: string;
  lower: string;
}

export function provisionerOf(context: RuleContext): string | undefined {
  return getString(context.object.node, ['provisioner'], context.doc);
}

export function isCsiClass(context: RuleContext): boolean {
  return provisionerOf(context) === VSPHERE_CSI_DRIVER;
}

export function parametersMap(context: RuleContext): YAMLMap | undefined {
  return asMap(getNode(context.object.node, ['parameters'], context.doc), context.doc);
}

export function parameterPairs(context: RuleContext): ParameterPair[] {
  const map = parametersMap(context);
  if (!map) return [];
  const out: ParameterPair[] = [];
  for (const pair of pairsOf(map)) {
    const key = keyText(pair);
    if (key !== undefined) out.push({ pair, key, lower: key.toLowerCase() });
  }
  return out;
}
