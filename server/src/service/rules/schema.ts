// Structural checks from the JSON Schemas in schemas/ (compiled ahead of time by ajv). Each
// problem points at the offending key or value.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node } from 'yaml';
import allowedKeys from '../schema/generated/allowedKeys.cjs';
import dataShapes from '../schema/generated/dataShapes.cjs';
import * as validators from '../schema/generated/validators.cjs';
import { schemaErrorsToProblems } from '../schema/locate.js';
import { renameKey } from '../yaml/edits.js';
import { closestMatches } from '../util/similarity.js';
import type { ObjectKind } from '../parse.js';
import type { Rule } from './rule.js';
import { kubernetes } from '../knowledge/citations.js';

const VALIDATOR_BY_KIND: Partial<Record<ObjectKind, keyof typeof validators>> = {
  StorageClass: 'validateStorageClass',
  PersistentVolumeClaim: 'validatePersistentVolumeClaim',
  StatefulSet: 'validateStatefulSet',
  VolumeSnapshotClass: 'validateVolumeSnapshotClass',
  VolumeSnapshot: 'validateVolumeSnapshot',
  FeatureStates: 'validateFeatureStates',
};

/** Alias expansion bound for converting one object to plain data (defends against alias bombs). */
const MAX_ALIAS_COUNT = 100;

/** Thrown inside plainData for a tree it leaves to yaml's own toJS. */
const NOT_PLAIN: unknown = Object.freeze({ reason: 'not a plain tree' });

/** plainData's mark for an anchored collection it has walked without building it. */
const UNBUILT: unknown = Object.freeze({ reason: 'walked, not built' });

/** Alias uses of one anchor that plainData handles; more are left to toJS and its alias-count guard. */
const MAX_PLAIN_ALIAS_USES = 20;

/**
 * What `node.toJS(doc, { maxAliasCount })` gives, for the trees Kubernetes objects almost always
 * are: untagged maps and sequences, scalars, and aliases of alias-free anchored nodes used a few
 * times (an alias gives the very object its anchor's node gave, as in toJS). Throws NOT_PLAIN for
 * anything else — merge keys, tags on collections, collection or anchored keys, nested or cyclic
 * aliases — and the caller uses toJS. It skips toJS's per-node context work, which made the schema
 * check one of the costliest rules. With `rootShape` (see DataShape), the values the validator
 * never reads are walked (for the same NOT_PLAIN outcome) but not built.
 */
function plainData(root: Node, doc: Document, rootShape: DataShape = true): unknown {
  // Bookkeeping for anchors and aliases, created when the first one shows up (most objects have none).
  let anchorState:
    | { converted: Map<object, unknown>; inProgress: Set<object>; uses: Map<object, number>; aliasFree: Map<object, boolean>; seenAnchors: Map<string, object> | undefined }
    | undefined;
  const anchors = () =>
    (anchorState ??= {
      converted: new Map(),
      inProgress: new Set(),
      uses: new Map(),
      aliasFree: new Map(),
      seenAnchors: root === doc.contents ? new Map() : undefined,
    });
  let anchoredNodes: unknown[] | undefined;
  /**
   * When `root` is the whole document, the conversion meets its nodes in document order (keys
   * carry no anchors: such keys are not plain), so the last node seen with an anchor is the one
   * an alias names; `seenAnchors` records them (not while an alias's node is converted again).
   */
  let expandingAlias = false;
  const noteAnchor = (node: { anchor?: string }): void => {
    const seenAnchors = anchors().seenAnchors;
    if (seenAnchors && !expandingAlias && node.anchor) seenAnchors.set(node.anchor, node);
  };

  /** The node an alias stands for: the last node with its anchor before it (Alias#resolve). */
  const resolve = (alias: Alias): unknown => {
    const seenAnchors = anchors().seenAnchors;
    if (seenAnchors) return seenAnchors.get(alias.source);
    if (!anchoredNodes) {
      const nodes: unknown[] = [];
      visit(doc, { Node: (_key, node) => void ((isAlias(node) || ((isScalar(node) || isCollection(node)) && node.anchor)) && nodes.push(node)) });
      anchoredNodes = nodes;
    }
    let found: unknown;
    for (const node of anchoredNodes) {
      if (node === alias) break;
      if ((node as { anchor?: string }).anchor === alias.source) found = node;
    }
    return found;
  };
  const hasNoAlias = (node: unknown): boolean => {
    if (!node || typeof node !== 'object') return true;
    const { aliasFree } = anchors();
    const known = aliasFree.get(node);
    if (known !== undefined) return known;
    let free = !isAlias(node);
    if (free && isCollection(node)) free = node.items.every((item) => (isPair(item) ? hasNoAlias(item.key) && hasNoAlias(item.value) : hasNoAlias(item)));
    aliasFree.set(node, free);
    return free;
  };

  /** The property name toJS gives a map key; NOT_PLAIN for keys it would treat specially. */
  const keyName = (key: unknown): string => {
    if (key === null || key === undefined) return '';
    if (!isScalar(key)) throw NOT_PLAIN;
    const value = key.value;
    if (key.anchor || (key as { addToJSMap?: unknown }).addToJSMap || value === '<<' || typeof value === 'symbol') throw NOT_PLAIN;
    if (value === null) return '';
    if (typeof value === 'object') throw NOT_PLAIN;
    return String(value);
  };

  /** convert(node), keeping of maps only the keys `shape` says the validator reads. */
  const convertShaped = (node: unknown, shape: DataShape): unknown => {
    if (shape === true || !node || typeof node !== 'object' || (node as { anchor?: string }).anchor) return convert(node);
    if (isMap(node) && node.tag === undefined) {
      const map: Record<string, unknown> = {};
      for (const pair of node.items) {
        const name = keyName(pair.key);
        const sub = Object.hasOwn(shape.props, name) ? shape.props[name]! : shape.rest || undefined;
        if (sub === undefined) {
          convert(pair.value, false);
          continue;
        }
        const value = convertShaped(pair.value, sub);
        if (name in map) Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
        else map[name] = value;
      }
      return map;
    }
    if (isSeq(node) && node.tag === undefined && shape.items !== undefined) {
      const seq: unknown[] = [];
      for (const item of node.items) {
        if (isPair(item)) throw NOT_PLAIN;
        seq.push(convertShaped(item, shape.items));
      }
      return seq;
    }
    return convert(node);
  };

  /**
   * The plain data of `node`. With `build` false, only walks it as building it would (the same
   * checks, alias resolutions and counts, so the same NOT_PLAIN outcome) and returns undefined:
   * for values the validator never reads.
   */
  const convert = (node: unknown, build = true): unknown => {
    if (node === null || node === undefined) return node;
    if (isAlias(node)) {
      const { converted, inProgress, uses } = anchors();
      const found = resolve(node);
      if (!found || typeof found !== 'object' || inProgress.has(found) || !hasNoAlias(found)) throw NOT_PLAIN;
      const count = (uses.get(found) ?? 0) + 1;
      if (count > MAX_PLAIN_ALIAS_USES) throw NOT_PLAIN;
      uses.set(found, count);
      if (converted.has(found)) {
        const known = converted.get(found);
        // Only walked so far: an alias-free plain tree, which converts now as it would have then.
        if (known !== UNBUILT) return known;
        if (!build) return undefined;
      }
      // `found` is alias-free: nothing in it resolves another alias.
      expandingAlias = true;
      const value = convert(found, build);
      expandingAlias = false;
      return value;
    }
    if (isScalar(node)) {
      if (node.anchor) {
        anchors().converted.set(node, node.value);
        noteAnchor(node);
      }
      return node.value; // toJS keeps scalar values as they are (Node#toJS sets keep: true)
    }
    let out: unknown;
    if (isMap(node)) {
      if (node.tag !== undefined) throw NOT_PLAIN;
      const map: Record<string, unknown> | undefined = build ? {} : undefined;
      out = map;
      if (node.anchor) {
        const { converted, inProgress } = anchors();
        converted.set(node, map ?? UNBUILT);
        inProgress.add(node);
        noteAnchor(node);
      }
      for (const pair of node.items) {
        const name = keyName(pair.key);
        const value = convert(pair.value, build);
        if (!map) continue;
        if (name in map) Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
        else map[name] = value;
      }
    } else if (isSeq(node)) {
      if (node.tag !== undefined) throw NOT_PLAIN;
      const seq: unknown[] | undefined = build ? [] : undefined;
      out = seq;
      if (node.anchor) {
        const { converted, inProgress } = anchors();
        converted.set(node, seq ?? UNBUILT);
        inProgress.add(node);
        noteAnchor(node);
      }
      for (const item of node.items) {
        if (isPair(item)) throw NOT_PLAIN;
        const value = convert(item, build);
        if (seq) seq.push(value);
      }
    } else throw NOT_PLAIN;
    if (node.anchor) anchors().inProgress.delete(node);
    return out;
  };
  return convertShaped(root, rootShape);
}

/**
 * What a validator reads of an object (generated from the schemas by scripts/build-schemas.mjs):
 * `true` for the whole value; for a mapping, the shapes of the keys it reads (`rest`: whether it
 * reads the other keys too); for a sequence, the shape of its items (absent: whole items).
 */
export type DataShape = true | { props: Record<string, DataShape>; rest: boolean; items?: DataShape };

/**
 * The object as plain data for the validators: exactly `node.toJS(doc, { maxAliasCount })`.
 * With a `shape`, the parts the validator never reads are left out of mappings (they are still
 * walked, so an object that is not a plain tree gets toJS as before): the validator then gives the
 * same result and errors as on the whole data.
 */
export function objectData(node: Node, doc: Document, shape: DataShape = true): unknown {
  try {
    return plainData(node, doc, shape);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
  }
  return node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
}

/** The generated shapes, typed. */
const DATA_SHAPES = dataShapes as Record<string, DataShape | undefined>;

function keysAt(validator: string, path: Array<string | number>): string[] {
  const table = allowedKeys[validator] ?? {};
  const pattern = path.length === 0 ? '' : '/' + path.map((p) => (typeof p === 'number' ? '*' : p)).join('/');
  return table[pattern] ?? table[pattern.replace(/\/[^/]+$/, '/*')] ?? [];
}

export const schemaRule: Rule = {
  meta: {
    id: 'k8s-schema',
    defaultSeverity: 'error',
    category: 'Driver objects',
    description: 'Fields of StorageClass, PVC, StatefulSet claim templates and snapshot objects have the types and values Kubernetes accepts, and no unknown fields.',
    why: 'The API server rejects wrong types and enum values outright; an unknown field (a typo such as `storageClasName`) is dropped with at most a warning, so the claim silently uses the default class.',
    docs: [
      'Checks, among others:',
      '- StorageClass `parameters` values are strings (quote `"true"` and numbers), `volumeBindingMode` is `Immediate` or `WaitForFirstConsumer`, `reclaimPolicy` is `Delete` or `Retain`, `allowVolumeExpansion` is a boolean;',
      '- PVC `accessModes` are the four Kubernetes modes, `volumeMode` is `Filesystem` or `Block`;',
      '- VolumeSnapshotClass has `driver` and `deletionPolicy`; a VolumeSnapshot names exactly one source;',
      '- the feature-state ConfigMap holds only `"true"`/`"false"` strings;',
      '- no unknown fields where Kubernetes has a closed set (with a did-you-mean).',
    ].join('\n'),
    citations: [kubernetes('kubernetes/api', 'storage/v1/types.go, core/v1/types.go', 'StorageClass and PersistentVolumeClaim field definitions.')],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: Object.keys(VALIDATOR_BY_KIND) as ObjectKind[],
  check(context) {
    const validatorName = VALIDATOR_BY_KIND[context.object.kind];
    if (!validatorName) return;
    const validate = validators[validatorName];
    let data: unknown;
    try {
      data = objectData(context.object.node, context.doc, DATA_SHAPES[validatorName]);
    } catch (error) {
      context.report({ node: context.object.node, message: `The object could not be read: ${(error as Error).message}.` });
      return;
    }
    if (validate(data)) return;
    const problems = schemaErrorsToProblems(validate.errors ?? [], context.object.node as Node, context.doc, (path) => keysAt(validatorName, path));
    for (const problem of problems) {
      const unknown = problem.unknownKey;
      const suggestions = unknown
        ? closestMatches(unknown.key, unknown.allowed).flatMap((candidate) => {
            const edit = renameKey({ key: unknown.keyNode } as never, candidate);
            return edit ? [{ title: `Rename to ${candidate}`, edits: [edit] }] : [];
          })
        : [];
      context.report({ span: [problem.start, problem.end], message: problem.message, suggestions });
    }
  },
};
