// Document symbols: an outline with one entry per YAML document (kind/name), the items of a
// `kind: List` as its children. Offsets only; the caller turns them into positions.
import { isMap, type Document, type Node } from 'yaml';
import { asMap, getNode, getString, nodeSpan, seqItems } from '../yaml/ast.js';

export type SymbolCategory = 'class' | 'claim' | 'volume' | 'snapshot' | 'workload' | 'config' | 'list' | 'object';

export interface SymbolData {
  /** `StorageClass/gold`. */
  name: string;
  /** apiVersion (and namespace when set). */
  detail: string;
  category: SymbolCategory;
  /** The whole document or item. */
  start: number;
  end: number;
  /** What to select: the name, else the kind. */
  selectionStart: number;
  selectionEnd: number;
  children?: SymbolData[];
}

const CATEGORIES: Record<string, SymbolCategory> = {
  StorageClass: 'class',
  VolumeSnapshotClass: 'class',
  VolumeAttributesClass: 'class',
  CSIDriver: 'class',
  PersistentVolumeClaim: 'claim',
  PersistentVolume: 'volume',
  VolumeSnapshot: 'snapshot',
  VolumeSnapshotContent: 'snapshot',
  StatefulSet: 'workload',
  Deployment: 'workload',
  DaemonSet: 'workload',
  ReplicaSet: 'workload',
  ReplicationController: 'workload',
  Job: 'workload',
  CronJob: 'workload',
  Pod: 'workload',
  ConfigMap: 'config',
  Secret: 'config',
};

function symbolOf(map: unknown, doc: Document, span: [number, number]): SymbolData | undefined {
  const node = asMap(map, doc);
  if (!node) return undefined;
  const kind = getString(node, ['kind'], doc);
  if (!kind) return undefined;
  const name = getString(node, ['metadata', 'name'], doc) ?? getString(node, ['metadata', 'generateName'], doc);
  const namespace = getString(node, ['metadata', 'namespace'], doc);
  const apiVersion = getString(node, ['apiVersion'], doc);
  const selection = nodeSpan(getNode(node, ['metadata', 'name'], doc)) ?? nodeSpan(getNode(node, ['kind'], doc)) ?? span;
  const isList = kind === 'List' || (kind.endsWith('List') && getNode(node, ['items'], doc) !== undefined);
  const symbol: SymbolData = {
    name: name ? `${kind}/${name}` : kind,
    detail: [apiVersion, namespace ? `namespace ${namespace}` : undefined].filter(Boolean).join(', '),
    category: isList ? 'list' : (CATEGORIES[kind] ?? 'object'),
    start: span[0],
    end: span[1],
    selectionStart: Math.max(span[0], Math.min(selection[0], span[1])),
    selectionEnd: Math.max(span[0], Math.min(selection[1], span[1])),
  };
  if (isList) {
    const children: SymbolData[] = [];
    for (const item of seqItems(getNode(node, ['items'], doc), doc)) {
      const itemSpan = nodeSpan(item as Node);
      const child = itemSpan && symbolOf(item, doc, itemSpan);
      if (child) children.push(child);
    }
    symbol.children = children;
  }
  return symbol;
}

/** One symbol per document that has a `kind`, in document order. */
export function documentSymbols(docs: readonly Document.Parsed[]): SymbolData[] {
  const out: SymbolData[] = [];
  for (const doc of docs) {
    if (!isMap(doc.contents)) continue;
    const contents = nodeSpan(doc.contents);
    if (!contents) continue;
    // The document from its first content to the end of its last node (trailing comments excluded).
    const span: [number, number] = [contents[0], Math.max(contents[1], doc.contents.range?.[2] ?? contents[1])];
    const symbol = symbolOf(doc.contents, doc, span);
    if (symbol) out.push(symbol);
  }
  return out;
}

/** Moves symbol offsets by `delta` (a copy). */
export function shiftSymbols(symbols: readonly SymbolData[], delta: number): SymbolData[] {
  if (delta === 0) return symbols as SymbolData[];
  return symbols.map((s) => ({
    ...s,
    start: s.start + delta,
    end: s.end + delta,
    selectionStart: s.selectionStart + delta,
    selectionEnd: s.selectionEnd + delta,
    ...(s.children ? { children: shiftSymbols(s.children, delta) } : {}),
  }));
}
