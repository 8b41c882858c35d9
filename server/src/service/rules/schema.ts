// Structural checks from the JSON Schemas in schemas/ (compiled ahead of time by ajv). Each
// problem points at the offending key or value.
import type { Node } from 'yaml';
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
      data = context.object.node.toJS(context.doc, { maxAliasCount: MAX_ALIAS_COUNT });
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
