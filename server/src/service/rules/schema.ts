// Structural checks from the JSON Schemas in schemas/ (compiled ahead of time by ajv). Each
// problem points at the offending key or value.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node } from 'yaml';
import allowedKeys from '../schema/generated/allowedKeys.cjs';
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

/** Alias uses of one anchor that plainData handles; more are left to toJS and its alias-count guard. */
const MAX_PLAIN_ALIAS_USES = 20;

/**
 * What `node.toJS(doc, { maxAliasCount })` gives, for the trees Kubernetes objects almost always
 * are: untagged maps and sequences, scalars, and aliases of alias-free anchored nodes used a few
 * times (an alias gives the very object its anchor's node gave, as in toJS). Throws NOT_PLAIN for
 * anything else — merge keys, tags on collections, collection or anchored keys, nested or cyclic
 * aliases — and the caller uses toJS. It skips toJS's per-node context work, which made the schema
 * check one of the costliest rules.
 */
function plainData(root: Node, doc: Document): unknown {
  const converted = new Map<object, unknown>();
  const inProgress = new Set<object>();
  const uses = new Map<object, number>();
  const aliasFree = new Map<object, boolean>();
  let anchoredNodes: unknown[] | undefined;

  /** The node an alias stands for: the last node with its anchor before it (Alias#resolve). */
  const resolve = (alias: Alias): unknown => {
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
    const known = aliasFree.get(node);
    if (known !== undefined) return known;
    let free = !isAlias(node);
    if (free && isCollection(node)) free = node.items.every((item) => (isPair(item) ? hasNoAlias(item.key) && hasNoAlias(item.value) : hasNoAlias(item)));
    aliasFree.set(node, free);
    return free;
  };

  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return node;
    if (isAlias(node)) {
      const found = resolve(node);
      if (!found || typeof found !== 'object' || inProgress.has(found) || !hasNoAlias(found)) throw NOT_PLAIN;
      const count = (uses.get(found) ?? 0) + 1;
      if (count > MAX_PLAIN_ALIAS_USES) throw NOT_PLAIN;
      uses.set(found, count);
      return converted.has(found) ? converted.get(found) : convert(found);
    }
    if (isScalar(node)) {
      if (node.anchor) converted.set(node, node.value);
      return node.value; // toJS keeps scalar values as they are (Node#toJS sets keep: true)
    }
    let out: unknown;
    if (isMap(node)) {
      if (node.tag !== undefined) throw NOT_PLAIN;
      const map: Record<string, unknown> = {};
      out = map;
      if (node.anchor) {
        converted.set(node, map);
        inProgress.add(node);
      }
      for (const pair of node.items) {
        const key = pair.key as unknown;
        let name: string;
        if (key === null || key === undefined) name = '';
        else if (isScalar(key)) {
          const value = key.value;
          if (key.anchor || (key as { addToJSMap?: unknown }).addToJSMap || value === '<<' || typeof value === 'symbol') throw NOT_PLAIN;
          if (value === null) name = '';
          else if (typeof value === 'object') throw NOT_PLAIN;
          else name = String(value);
        } else throw NOT_PLAIN;
        const value = convert(pair.value);
        if (name in map) Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
        else map[name] = value;
      }
    } else if (isSeq(node)) {
      if (node.tag !== undefined) throw NOT_PLAIN;
      const seq: unknown[] = [];
      out = seq;
      if (node.anchor) {
        converted.set(node, seq);
        inProgress.add(node);
      }
      for (const item of node.items) {
        if (isPair(item)) throw NOT_PLAIN;
        seq.push(convert(item));
      }
    } else throw NOT_PLAIN;
    inProgress.delete(node);
    return out;
  };
  return convert(root);
}

/** The object as plain data for the validators: exactly `node.toJS(doc, { maxAliasCount })`. */
export function objectData(node: Node, doc: Document): unknown {
  try {
    return plainData(node, doc);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
  }
  return node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
}

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
      data = objectData(context.object.node, context.doc);
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
