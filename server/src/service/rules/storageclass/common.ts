// What the StorageClass rules share: finding the parameters map, the class's provisioner and
// flavor, and the pairs the rules look at.
import { isAlias, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { DriverFlavor } from '../../config.js';
import { FLAVOR_LABEL } from '../../knowledge/parameters.js';
import { asMap, asScalar, findPair, getNode, getString, keyText, pairsOf, scalarText } from '../../yaml/ast.js';
import type { RuleContext, PairNode } from '../rule.js';
import { IN_TREE_PROVISIONER, VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';

export interface ParameterPair {
  pair: PairNode;
  key: string;
  lower: string;
  /** The value as text (numbers and booleans too); undefined for maps, sequences and missing values. */
  value: string | undefined;
  /** The value's scalar node, when it is one written in place (undefined for aliases). */
  valueNode: Scalar | undefined;
}

export function provisionerOf(context: RuleContext): string | undefined {
  return getString(context.object.node, ['provisioner'], context.doc);
}

export function isCsiClass(context: RuleContext): boolean {
  return provisionerOf(context) === VSPHERE_CSI_DRIVER;
}

export function isInTreeClass(context: RuleContext): boolean {
  return provisionerOf(context) === IN_TREE_PROVISIONER;
}

export function flavorOf(context: RuleContext): DriverFlavor {
  return context.config.driver.flavor;
}

/** "vanilla", "Supervisor", "guest": how messages name the cluster ("this Supervisor cluster"). */
export function flavorName(flavor: DriverFlavor): string {
  return flavor === 'supervisor' ? 'Supervisor' : flavor;
}

/** "vanilla (upstream Kubernetes on vSphere)" etc., for messages. */
export function flavorLabel(flavor: DriverFlavor): string {
  return FLAVOR_LABEL[flavor];
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
    if (key === undefined) continue;
    const scalar = asScalar(pair.value, context.doc);
    // An alias's target may sit elsewhere and serve other keys too: findings and edits stay off it.
    const valueNode = isAlias(pair.value) ? undefined : scalar;
    out.push({ pair, key, lower: key.toLowerCase(), value: scalar ? scalarText(scalar, context.doc) : undefined, valueNode });
  }
  return out;
}

/** A top-level field of the StorageClass (`provisioner`, `volumeBindingMode`, ...). */
export function rootPair(context: RuleContext, key: string): PairNode | undefined {
  return findPair(context.object.node, key);
}

/** The node a finding about a pair's value should point at: the value, or the key when the value is empty. */
export function valueOrKey(parameter: ParameterPair): Node {
  const range = parameter.valueNode?.range;
  return (range && range[1] > range[0] ? parameter.valueNode : parameter.pair.key) as Node;
}

/** The plain `fstype` keys (any case) of a class. */
export function plainFstypePairs(parameters: readonly ParameterPair[]): ParameterPair[] {
  return parameters.filter((p) => p.lower === 'fstype');
}

export const PREFIXED_FSTYPE_KEY = 'csi.storage.k8s.io/fstype';

/** The `csi.storage.k8s.io/fstype` keys (exact spelling: external-provisioner compares it exactly). */
export function prefixedFstypePairs(parameters: readonly ParameterPair[]): ParameterPair[] {
  return parameters.filter((p) => p.key === PREFIXED_FSTYPE_KEY);
}
