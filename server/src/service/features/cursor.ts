// What is under the cursor in a parsed YAML file: the object, the path of keys from the object
// to the node, and whether the cursor is on a key or a value. Hover, definition and completion
// start from here.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar } from 'yaml';
import type { K8sObject, ParsedFile, ParsedFragment } from '../parse.js';
import { keyText, nodeSpan } from '../yaml/ast.js';

export interface CursorInfo {
  doc: Document.Parsed;
  /** The recognised object the cursor is in, if any. */
  object: K8sObject | undefined;
  /** Keys (and sequence indexes) from the object (or document) root to the node. */
  path: Array<string | number>;
  role: 'key' | 'value';
  /** The scalar under the cursor (the key itself when role is 'key'). */
  scalar: Scalar | undefined;
  /** The pair whose key or value holds the cursor. */
  pair: Pair<Node, Node> | undefined;
  /** [start, end) of the scalar (or the node) under the cursor. */
  span: [number, number] | undefined;
}

function contains(span: [number, number] | undefined, offset: number): boolean {
  return span !== undefined && span[0] <= offset && offset <= span[1];
}

/** The document of a parsed file holding an offset. */
export function documentAt(file: Pick<ParsedFile, 'docs'>, offset: number): Document.Parsed | undefined {
  for (const doc of file.docs) {
    const range = doc.range;
    if (range && range[0] <= offset && offset <= range[2]) return doc;
  }
  return undefined;
}

export function cursorAt(file: Pick<ParsedFile, 'docs' | 'objects'>, offset: number): CursorInfo | undefined {
  const doc = documentAt(file, offset);
  if (!doc) return undefined;
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  let role: 'key' | 'value' = 'value';
  let pair: Pair<Node, Node> | undefined;
  let scalar: Scalar | undefined;
  let span: [number, number] | undefined = nodeSpan(doc.contents as Node);
  for (let depth = 0; depth < 64 && node; depth++) {
    if (isAlias(node)) break;
    if (isMap(node)) {
      let next: unknown;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keySpan = nodeSpan(item.key as Node);
        if (contains(keySpan, offset)) {
          const key = keyText(item);
          if (key !== undefined) path.push(key);
          role = 'key';
          pair = item as Pair<Node, Node>;
          scalar = isScalar(item.key) ? item.key : undefined;
          span = keySpan;
          next = undefined;
          node = undefined;
          break;
        }
        const valueSpan = nodeSpan(item.value as Node);
        if (contains(valueSpan, offset)) {
          const key = keyText(item);
          path.push(key ?? '');
          pair = item as Pair<Node, Node>;
          next = item.value;
          span = valueSpan;
          break;
        }
      }
      if (next === undefined) break;
      node = next;
      continue;
    }
    if (isSeq(node)) {
      let next: unknown;
      node.items.forEach((item, index) => {
        if (next === undefined && contains(nodeSpan(item as Node), offset)) {
          path.push(index);
          next = item;
          span = nodeSpan(item as Node);
        }
      });
      if (next === undefined) break;
      node = next;
      continue;
    }
    if (isScalar(node)) {
      scalar = node;
      role = 'value';
    }
    break;
  }
  // The object: a whole document, or the List item the path goes through.
  let object: K8sObject | undefined;
  let objectPath = path;
  for (const candidate of file.objects) {
    if (candidate.doc !== doc) continue;
    if (candidate.listIndex === undefined) {
      object = candidate;
      break;
    }
    if (path[0] === 'items' && path[1] === candidate.listIndex) {
      object = candidate;
      objectPath = path.slice(2);
      break;
    }
  }
  return { doc, object, path: objectPath, role, scalar, pair, span };
}

/** The fragment (csi-vsphere.conf, VM settings, ESXi commands) holding a file offset, with the offset inside it. */
export function fragmentAt(fragments: readonly ParsedFragment[], offset: number): { parsed: ParsedFragment; offset: number } | undefined {
  for (const parsed of fragments) {
    const { fragment } = parsed;
    const start = fragment.toFileOffset(0);
    const end = fragment.toFileOffset(fragment.text.length);
    const inAnchor = fragment.anchor[0] <= offset && offset <= fragment.anchor[1];
    if (!inAnchor && !(start !== undefined && end !== undefined && start <= offset && offset <= end)) continue;
    const inner = toFragmentOffset(fragment, offset);
    if (inner !== undefined) return { parsed, offset: inner };
  }
  return undefined;
}

/** Inverse of `toFileOffset`: binary search where the mapping is monotonic, else a scan. */
function toFragmentOffset(fragment: ParsedFragment['fragment'], fileOffset: number): number | undefined {
  const length = fragment.text.length;
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const mapped = fragment.toFileOffset(mid);
    if (mapped === undefined) break;
    if (mapped < fileOffset) low = mid + 1;
    else high = mid;
  }
  if (low <= length && fragment.toFileOffset(low) === fileOffset) return low;
  if (length > 200_000) return undefined;
  for (let i = 0; i <= length; i++) if (fragment.toFileOffset(i) === fileOffset) return i;
  return undefined;
}
