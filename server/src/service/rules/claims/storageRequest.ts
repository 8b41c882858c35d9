import { volumeCitations } from '../../knowledge/volumes.js';
import { asMap, asScalar, findPair, scalarText } from '../../yaml/ast.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Fix } from '../../types.js';
import type { Rule } from '../rule.js';
import { claimSpecs, CLAIM_KINDS } from './claimSpecs.js';
import { diagnoseStorage } from './storageQuantity.js';

export const pvcStorageRequest: Rule = {
  meta: {
    id: 'pvc-storage-request',
    defaultSeverity: 'error',
    category: 'PersistentVolumeClaim',
    description: 'A claim without `resources.requests.storage`, or with a value that is not a valid, positive Kubernetes quantity (`10GB`, `20 Gi`, `5gi`, `100GiB`, `0`).',
    why: 'Kubernetes refuses a claim without a storage request or with a malformed or non-positive one, so `kubectl apply` fails (for StatefulSet templates and ephemeral volumes, the claim is never created and the pods never start). A lower-case `m` is accepted but means thousandths of a byte.',
    docs: [
      'A quantity is a number followed directly by a binary unit (`Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`) or a decimal one (`k`, `M`, `G`, `T`, `P`, `E`). Prefer binary units with vSphere: the driver rounds sizes up to whole MiB.',
      '',
      '```yaml',
      'resources:',
      '  requests:',
      '    storage: 10GB    # wrong: not a unit (10Gi or 10G?)',
      '    storage: 20 Gi   # wrong: no space allowed',
      '    storage: 5gi     # wrong: units are case-sensitive',
      '    storage: 500m    # wrong: half a byte',
      '    storage: 10Gi    # right',
      '```',
      '',
      'Safe fixes are offered only when the intent is unambiguous: removing the space (`20 Gi` → `20Gi`), correcting the case of a binary unit (`5gi` → `5Gi`) and dropping a trailing B after a binary unit (`100GiB` → `100Gi`). For `10GB`, `5g`, `5K` or `500m` the unit could be decimal or binary, so both spellings are offered as suggestions and nothing is changed automatically.',
    ].join('\n'),
    citations: [volumeCitations.storageRequired, volumeCitations.quantity],
    fixable: true,
    hasSuggestions: true,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    const { doc } = context;
    for (const claim of claimSpecs(context.object)) {
      const resources = findPair(claim.spec, 'resources');
      const requests = findPair(asMap(resources?.value, doc), 'requests');
      const storage = findPair(asMap(requests?.value, doc), 'storage');
      if (!storage) {
        context.report({
          node: requests?.key ?? resources?.key ?? claim.specKey,
          message: `The ${claim.source === 'claim' ? 'claim' : claim.owner} has no resources.requests.storage; Kubernetes refuses a claim without a storage request.`,
        });
        continue;
      }
      // Null, mappings and sequences are type errors that k8s-schema reports.
      const valueNode = asScalar(storage.value, doc);
      if (!valueNode || valueNode.value === null) continue;
      const text = scalarText(valueNode, doc) ?? '';
      const diagnosis = diagnoseStorage(text);
      if (!diagnosis) continue;
      const fixEdit = diagnosis.fix ? replaceScalarValue(valueNode, diagnosis.fix) : undefined;
      const suggestions: Fix[] = diagnosis.suggestions.flatMap((candidate) => {
        const edit = replaceScalarValue(valueNode, candidate);
        return edit ? [{ title: `Change to ${candidate}`, edits: [edit] }] : [];
      });
      const hint = diagnosis.fix ? ` Write ${diagnosis.fix}.` : diagnosis.suggestions.length ? ` Did you mean ${diagnosis.suggestions.join(' or ')}?` : '';
      context.report({
        node: valueNode,
        message: `The storage request "${text}" ${diagnosis.problem}.${hint}`,
        ...(fixEdit ? { fix: { title: `Change to ${diagnosis.fix}`, edits: [fixEdit] } } : {}),
        suggestions,
      });
    }
  },
};
