import { kubernetes } from '../../knowledge/citations.js';
import { BETA_DEFAULT_CLASS_ANNOTATION, DEFAULT_CLASS_ANNOTATION } from '../../knowledge/storageClassProvisioners.js';
import { asScalar, getPair } from '../../yaml/ast.js';
import { classRelated } from '../helpers.js';
import type { Rule } from '../rule.js';

export const scMultipleDefaults: Rule = {
  meta: {
    id: 'sc-multiple-defaults',
    defaultSeverity: 'warning',
    category: 'StorageClass',
    description: 'More than one StorageClass in the linted files is annotated as the default class.',
    why: 'A PVC without `storageClassName` gets the default class. With several defaults Kubernetes 1.26 and later silently pick the most recently created one, so which class (and which storage policy) a claim gets depends on the order the classes were applied; older versions refuse such PVCs outright.',
    docs: [
      'Keep `storageclass.kubernetes.io/is-default-class: "true"` on one class only and set it to `"false"` (or remove it) on the others. The beta annotation `storageclass.beta.kubernetes.io/is-default-class` counts too. Classes of any provisioner are considered; the same class name defined in several files counts once.',
      '',
      '```yaml',
      'metadata:',
      '  name: gold',
      '  annotations:',
      '    storageclass.kubernetes.io/is-default-class: "true"   # wrong: "silver" is also the default',
      '```',
      '',
      '```yaml',
      'metadata:',
      '  name: gold',
      '  annotations:',
      '    storageclass.kubernetes.io/is-default-class: "false"  # right: only one default',
      '```',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes/website', 'content/en/docs/concepts/storage/storage-classes.md (Default StorageClass)', 'with several default classes, a PVC without storageClassName gets the most recently created one.'),
      kubernetes('kubernetes/kubernetes', 'plugin/pkg/admission/storage/storageclass/setdefault/admission.go', 'the DefaultStorageClass admission plugin picks the newest of several defaults; before 1.26 it rejected the PVC.', 'v1.26+'),
    ],
    fixable: false,
  },
  kinds: ['StorageClass'],
  check(context) {
    const name = context.object.name;
    if (!name) return;
    // The object's own annotation first: only default classes look at the other files (the index).
    for (const annotation of [DEFAULT_CLASS_ANNOTATION, BETA_DEFAULT_CLASS_ANNOTATION]) {
      const pair = getPair(context.object.node, ['metadata', 'annotations', annotation], context.doc);
      const value = pair ? asScalar(pair.value, context.doc) : undefined;
      if (!value || value.value !== 'true') continue;
      const others = context.index.defaultStorageClasses.filter((entry) => entry.name !== name);
      if (others.length === 0) return;
      const otherNames = [...new Set(others.map((entry) => entry.name))];
      context.report({
        node: value,
        message: `StorageClass "${name}" is a default class, and so ${otherNames.length === 1 ? 'is' : 'are'} ${otherNames.map((n) => `"${n}"`).join(', ')}; PVCs without storageClassName get whichever default was created last (Kubernetes 1.26+) or are refused (older versions). Keep one default.`,
        related: others.map((entry) => classRelated(entry, `"${entry.name}" is also a default StorageClass`)),
      });
      break;
    }
  },
};
