import { kubernetes, note, notes } from '../../knowledge/citations.js';
import { getNode, stringValue } from '../../yaml/ast.js';
import { valueSuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';
import { analyzedClaims, CLAIM_KINDS } from './claimSpecs.js';

export const pvcStorageClassNotFound: Rule = {
  meta: {
    id: 'pvc-storage-class-not-found',
    defaultSeverity: 'warning',
    category: 'PersistentVolumeClaim',
    description: 'A claim names a StorageClass that is neither in the linted files nor in `storageClasses` of `.vsphere-csi.yaml`.',
    why: 'Kubernetes accepts the claim, but no provisioner picks it up: it stays Pending ("storageclass … not found") and every pod that mounts it waits with it. A one-letter typo in `storageClassName` is enough.',
    docs: [
      'Checks PersistentVolumeClaims, StatefulSet `volumeClaimTemplates` and generic ephemeral volumes. `storageClassName: ""` (static binding) and a missing `storageClassName` (the default class) are left alone.',
      '',
      '```yaml',
      'kind: StorageClass',
      'metadata:',
      '  name: vsan-gold',
      '---',
      'kind: PersistentVolumeClaim',
      'spec:',
      '  storageClassName: vsan-glod   # wrong: no such class',
      '  storageClassName: vsan-gold   # right',
      '```',
      '',
      'When the name is close to a known class the finding is a warning with a did-you-mean. When nothing is close the class may simply live in the cluster: the finding is only a note. List such classes under `storageClasses:` in `.vsphere-csi.yaml` to silence it and to let the other claim rules treat them as vSphere classes.',
    ].join('\n'),
    citations: [
      note(notes.csiDriverPost, 'provisioning is two steps: the StorageClass (a mapping to a vSphere storage policy) must exist, then the claim asks for storage against it.'),
      kubernetes('kubernetes-csi/external-provisioner', 'pkg/controller/controller.go', 'looks the class up by name when it provisions; a missing class leaves the claim Pending.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: CLAIM_KINDS,
  check(context) {
    for (const claim of analyzedClaims(context)) {
      if (claim.resolution.kind !== 'missing') continue;
      const node = getNode(claim.spec, ['storageClassName'], context.doc);
      const name = stringValue(node, context.doc);
      if (name === undefined) continue; // not a string: k8s-schema reports the type
      const candidates = [...new Set([...context.index.storageClassNames, ...context.config.storageClasses])];
      const suggestions = valueSuggestions(node, name, candidates);
      const closest = suggestions[0]?.title.replace(/^Change to /, '');
      context.report({
        node,
        message: closest
          ? `StorageClass "${name}" is not defined in the linted files or in .vsphere-csi.yaml; the claim would stay Pending. Did you mean ${closest}?`
          : `StorageClass "${name}" is not defined in the linted files. If it exists in the cluster, list it under storageClasses in .vsphere-csi.yaml; otherwise the claim stays Pending.`,
        suggestions,
        ...(closest ? {} : { severity: 'info' as const }),
      });
    }
  },
};
