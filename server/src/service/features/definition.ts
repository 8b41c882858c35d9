// Go to definition and find references between the names that refer to classes and the classes:
// `storageClassName` (claims, StatefulSet volumeClaimTemplates, ephemeral volumes, volumes) →
// StorageClass `metadata.name`, and `volumeSnapshotClassName` → VolumeSnapshotClass. Pure: the
// caller hands in the workspace index and every file's references.
import type { Node } from 'yaml';
import type { K8sObject, ParsedFile } from '../parse.js';
import { claimSpecs } from '../rules/claims/claimSpecs.js';
import type { Range } from '../types.js';
import type { Location, WorkspaceIndex } from '../workspaceIndex.js';
import { getNode, nodeSpan, stringValue } from '../yaml/ast.js';
import { cursorAt } from './cursor.js';

export type ReferenceTarget = 'storageClass' | 'snapshotClass';

/** One name that refers to a class, with the offsets of its value. */
export interface ClassReference {
  target: ReferenceTarget;
  name: string;
  start: number;
  end: number;
}

/** A reference with its file and range (what the workspace keeps for files that are not open). */
export interface LocatedReference extends ClassReference {
  uri: string;
  range: Range;
}

/** The class references of some objects of a file. */
export function classReferences(objects: readonly K8sObject[]): ClassReference[] {
  const out: ClassReference[] = [];
  const push = (target: ReferenceTarget, node: Node | undefined, doc: K8sObject['doc']) => {
    const name = stringValue(node, doc);
    const span = nodeSpan(node);
    if (name && span) out.push({ target, name, start: span[0], end: span[1] });
  };
  for (const object of objects) {
    const { doc, node } = object;
    if (object.kind === 'PersistentVolume') push('storageClass', getNode(node, ['spec', 'storageClassName'], doc), doc);
    else if (object.kind === 'VolumeSnapshot') push('snapshotClass', getNode(node, ['spec', 'volumeSnapshotClassName'], doc), doc);
    for (const claim of claimSpecs(object)) push('storageClass', getNode(claim.spec, ['storageClassName'], doc), doc);
  }
  return out;
}

/** What the cursor is on: a reference to a class, or a class's own name. */
export interface SymbolAtCursor {
  target: ReferenceTarget;
  name: string;
  /** Whether the cursor is on the declaration (the class's metadata.name). */
  declaration: boolean;
  start: number;
  end: number;
}

export function classSymbolAt(file: Pick<ParsedFile, 'docs' | 'objects'>, references: readonly ClassReference[], offset: number): SymbolAtCursor | undefined {
  const reference = references.find((r) => r.start <= offset && offset <= r.end);
  if (reference) return { target: reference.target, name: reference.name, declaration: false, start: reference.start, end: reference.end };
  const cursor = cursorAt(file, offset);
  const object = cursor?.object;
  if (!cursor || !object || cursor.role !== 'value' || cursor.path.join('.') !== 'metadata.name' || !object.name) return undefined;
  const target: ReferenceTarget | undefined = object.kind === 'StorageClass' ? 'storageClass' : object.kind === 'VolumeSnapshotClass' ? 'snapshotClass' : undefined;
  if (!target || !cursor.span) return undefined;
  return { target, name: object.name, declaration: true, start: cursor.span[0], end: cursor.span[1] };
}

/** Where the class a symbol names is defined (every definition when the name is defined twice). */
export function definitionsOf(symbol: Pick<SymbolAtCursor, 'target' | 'name'>, index: WorkspaceIndex): Location[] {
  const entries = symbol.target === 'storageClass' ? index.storageClasses.get(symbol.name) : index.snapshotClasses.get(symbol.name);
  return (entries ?? []).map((entry) => entry.location);
}

export interface ReferenceLocation {
  uri: string;
  range: Range;
}

/** Every place that names the class, plus its definitions when asked. */
export function referencesOf(
  symbol: Pick<SymbolAtCursor, 'target' | 'name'>,
  index: WorkspaceIndex,
  allReferences: Iterable<LocatedReference>,
  includeDeclaration: boolean,
): ReferenceLocation[] {
  const out: ReferenceLocation[] = [];
  if (includeDeclaration) for (const location of definitionsOf(symbol, index)) out.push({ uri: location.uri, range: location.range });
  for (const reference of allReferences) {
    if (reference.target === symbol.target && reference.name === symbol.name) out.push({ uri: reference.uri, range: reference.range });
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}
