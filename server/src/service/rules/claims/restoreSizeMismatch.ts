import { roundUpMiB, volumeCitations } from '../../knowledge/volumes.js';
import { toBinaryQuantity } from '../../util/quantity.js';
import type { RelatedLocation } from '../../types.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS } from './claimSpecs.js';
import { restoreFacts } from './restore.js';

export const pvcRestoreSizeMismatch: Rule = {
  meta: {
    id: 'pvc-restore-size-mismatch',
    defaultSeverity: 'warning',
    category: 'PersistentVolumeClaim',
    description: 'A claim restored from a VolumeSnapshot asks for a different size than the claim the snapshot was taken of (both in the workspace).',
    why: 'The vSphere driver restores a snapshot only into a volume of exactly the snapshot\'s size; a bigger or smaller request fails with "snapshot size mismatch" and the claim stays Pending. Kubernetes itself would allow a bigger request.',
    docs: [
      'Restore at the source size, then expand the restored claim if it must grow (with `allowVolumeExpansion: true` on its class).',
      '',
      '```yaml',
      'kind: PersistentVolumeClaim',
      'metadata: {name: data}',
      'spec: {resources: {requests: {storage: 10Gi}}}',
      '---',
      'kind: VolumeSnapshot',
      'metadata: {name: data-snap}',
      'spec: {source: {persistentVolumeClaimName: data}}',
      '---',
      'kind: PersistentVolumeClaim',
      'spec:',
      '  dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: data-snap}',
      '  resources:',
      '    requests:',
      '      storage: 20Gi   # wrong: the snapshot is 10Gi',
      '      storage: 10Gi   # right',
      '```',
      '',
      'The comparison uses the source claim\'s request rounded up to whole MiB, as the driver allocates it. A source claim expanded after creation makes its snapshots bigger than its manifest says; suppress the finding in that case.',
    ].join('\n'),
    citations: [volumeCitations.restoreSize, volumeCitations.roundUp],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    for (const claim of analyzedClaims(context)) {
      if (!claim.vsphere) continue;
      const facts = restoreFacts(context, claim);
      if (!facts || facts.sourceBytes === undefined || !facts.snapshot || !facts.sourceClaim) continue;
      const sourceMiB = roundUpMiB(facts.sourceBytes);
      if (sourceMiB === roundUpMiB(facts.requestedBytes)) continue;
      const expected = toBinaryQuantity(facts.sourceBytes);
      const edit = replaceScalarValue(facts.storageNode, expected);
      const related: RelatedLocation[] = [
        { uri: facts.snapshot.location.uri, range: facts.snapshot.location.range, message: `VolumeSnapshot "${facts.snapshot.name}"` },
        { uri: facts.sourceClaim.location.uri, range: facts.sourceClaim.location.range, message: `source claim "${facts.sourceClaim.name}" requests ${facts.sourceClaim.storage}` },
      ];
      context.report({
        node: facts.storageNode,
        message: `The restore requests ${facts.requestedText}, but snapshot "${facts.snapshot.name}" is of claim "${facts.sourceClaim.name}" (${facts.sourceClaim.storage}, ${sourceMiB} MiB); the driver restores only into exactly the snapshot's size, so CreateVolume fails with "snapshot size mismatch". Request ${expected} and expand the claim afterwards if it must be bigger.`,
        related,
        ...(edit ? { suggestions: [{ title: `Change to ${expected} (the snapshot's size)`, edits: [edit] }] } : {}),
      });
    }
  },
};
