import { MIB, roundUpMiB, volumeCitations } from '../../knowledge/volumes.js';
import { toBinaryQuantity } from '../../util/quantity.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS } from './claimSpecs.js';
import { restoreFacts } from './restore.js';

export const pvcRestoreDecimalSize: Rule = {
  meta: {
    id: 'pvc-restore-decimal-size',
    defaultSeverity: 'warning',
    category: 'PersistentVolumeClaim',
    description: 'A claim restored from a VolumeSnapshot requests a size that is not a whole number of MiB (decimal units such as `5G` or `500M`).',
    why: 'The driver rounds every volume up to whole MiB, so a snapshot\'s size is always whole MiB, and it restores only into a request of exactly that many bytes. `5G` is 5,000,000,000 bytes while the snapshot of a `5G` volume is 4769 MiB: the restore fails with "snapshot size mismatch" and the claim stays Pending.',
    docs: [
      'Write restore sizes (and preferably all sizes) in binary units.',
      '',
      '```yaml',
      'spec:',
      '  dataSource:',
      '    apiGroup: snapshot.storage.k8s.io',
      '    kind: VolumeSnapshot',
      '    name: data-snap',
      '  resources:',
      '    requests:',
      '      storage: 5G       # wrong: 5,000,000,000 bytes',
      '      storage: 4769Mi   # right: what a 5G source volume really got',
      '```',
      '',
      'The fix writes the request rounded up to whole MiB, which is the size a source volume requested with the same value was given. When the source claim is in the workspace and has a different size, pvc-restore-size-mismatch reports it instead.',
    ].join('\n'),
    citations: [volumeCitations.restoreSize, volumeCitations.roundUp],
    fixable: true,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    for (const claim of analyzedClaims(context)) {
      if (!claim.vsphere) continue;
      const facts = restoreFacts(context, claim);
      if (!facts || facts.requestedBytes % MIB === 0) continue;
      if (facts.sourceBytes !== undefined && roundUpMiB(facts.sourceBytes) !== roundUpMiB(facts.requestedBytes)) continue;
      const binary = toBinaryQuantity(facts.requestedBytes);
      const edit = replaceScalarValue(facts.storageNode, binary);
      context.report({
        node: facts.storageNode,
        message: `"${facts.requestedText}" is ${facts.requestedBytes.toLocaleString('en-US')} bytes, not a whole number of MiB, but a vSphere snapshot is always whole MiB and a restore must request exactly its size: this restore fails with "snapshot size mismatch". Request ${binary}.`,
        ...(edit ? { fix: { title: `Change to ${binary}`, edits: [edit] } } : {}),
      });
    }
  },
};
