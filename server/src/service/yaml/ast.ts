// Small, allocation-light accessors over the `yaml` AST. Rules navigate nodes (never plain JS
// copies) so every finding keeps the exact source range of the key or value it is about.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from 'yaml';

/** How many alias hops a single lookup may follow; guards against alias cycles and bombs. */
const MAX_ALIAS_HOPS = 16;

export type AnyNode = Node | null | undefined;

/** Follows aliases to the node they name. Returns undefined for dangling or runaway aliases. */
export function deref(node: unknown, doc: Document): Node | undefined {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops >= MAX_ALIAS_HOPS) return undefined;
    current = current.resolve(doc);
  }
  return (current ?? undefined) as Node | undefined;
}

export function asMap(node: unknown, doc: Document): YAMLMap | undefined {
  const target = deref(node, doc);
  return isMap(target) ? target : undefined;
}

export function asSeq(node: unknown, doc: Document): YAMLSeq | undefined {
  const target = deref(node, doc);
  return isSeq(target) ? target : undefined;
}

export function asScalar(node: unknown, doc: Document): Scalar | undefined {
  const target = deref(node, doc);
  return isScalar(target) ? target : undefined;
}

/** The key of a pair as text, whatever its scalar type (`1: x` gives "1"). */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** The pairs of a mapping, merge keys (`<<`) not expanded. */
export function pairsOf(map: YAMLMap): Pair<Node, Node>[] {
  return map.items as Pair<Node, Node>[];
}

export function findPair(map: YAMLMap | undefined, key: string): Pair<Node, Node> | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    if (isPair(item) && keyText(item) === key) return item as Pair<Node, Node>;
  }
  return undefined;
}

/** Walks a path of mapping keys and sequence indexes. */
export function getNode(root: unknown, path: ReadonlyArray<string | number>, doc: Document): Node | undefined {
  let current: Node | undefined = deref(root, doc);
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (typeof segment === 'number') {
      const seq = asSeq(current, doc);
      current = seq ? deref(seq.items[segment], doc) : undefined;
    } else {
      const map = asMap(current, doc);
      const pair = findPair(map, segment);
      current = pair ? deref(pair.value, doc) : undefined;
    }
  }
  return current;
}

export function getPair(root: unknown, path: ReadonlyArray<string>, doc: Document): Pair<Node, Node> | undefined {
  if (path.length === 0) return undefined;
  const parent = asMap(getNode(root, path.slice(0, -1), doc), doc);
  return findPair(parent, path[path.length - 1]!);
}

/** The string value of a scalar, or undefined when the node is not a string scalar. */
export function stringValue(node: unknown, doc: Document): string | undefined {
  const scalar = asScalar(node, doc);
  return scalar && typeof scalar.value === 'string' ? scalar.value : undefined;
}

/** A scalar's value as text, for numbers and booleans too (source text when available). */
export function scalarText(node: unknown, doc: Document): string | undefined {
  const scalar = asScalar(node, doc);
  if (!scalar) return undefined;
  if (typeof scalar.value === 'string') return scalar.value;
  if (scalar.source !== undefined) return scalar.source;
  return scalar.value === null ? '' : String(scalar.value);
}

export function getString(root: unknown, path: ReadonlyArray<string | number>, doc: Document): string | undefined {
  return stringValue(getNode(root, path, doc), doc);
}

export function seqItems(node: unknown, doc: Document): Node[] {
  const seq = asSeq(node, doc);
  if (!seq) return [];
  const out: Node[] = [];
  for (const item of seq.items) {
    const target = deref(item, doc);
    if (target) out.push(target);
  }
  return out;
}

/** [start, end) of a node's value, without trailing comments. */
export function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return [range[0], range[1]];
}

/** The span from a pair's key to the end of its value. */
export function pairSpan(pair: Pair): [number, number] | undefined {
  const key = nodeSpan(pair.key as Node);
  if (!key) return undefined;
  const value = nodeSpan(pair.value as Node);
  return [key[0], value && value[1] > key[1] ? value[1] : key[1]];
}
