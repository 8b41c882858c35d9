import { kubernetes } from '../../knowledge/citations.js';
import { nodeSpan } from '../../yaml/ast.js';
import type { Rule } from '../rule.js';
import { PREFIXED_FSTYPE_KEY, isCsiClass, parameterPairs, plainFstypePairs, prefixedFstypePairs } from './common.js';

export const scFstypeConflict: Rule = {
  meta: {
    id: 'sc-fstype-conflict',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'A vSphere CSI StorageClass sets both `fstype` and `csi.storage.k8s.io/fstype`.',
    why: 'external-provisioner refuses a class that names the filesystem twice ("fstype specified in parameters with both \\"fstype\\" and \\"csi.storage.k8s.io/fstype\\" keys"), even when both say the same; every PVC of the class stays Pending.',
    docs: [
      'Keep only `csi.storage.k8s.io/fstype`; the plain `fstype` key (any letter case) is its deprecated predecessor.',
      '',
      '```yaml',
      'parameters:',
      '  fstype: ext4                      # wrong: together with the key below',
      '  csi.storage.k8s.io/fstype: ext4',
      '```',
      '',
      '```yaml',
      'parameters:',
      '  csi.storage.k8s.io/fstype: ext4   # right',
      '```',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes-csi/external-provisioner', 'pkg/controller/controller.go (prepareProvision)', 'reads `fstype` case-insensitively and `csi.storage.k8s.io/fstype` exactly, and fails when both are present.'),
    ],
    fixable: false,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const parameters = parameterPairs(context);
    const prefixed = prefixedFstypePairs(parameters)[0];
    if (!prefixed) return;
    const span = nodeSpan(prefixed.pair.key);
    for (const plain of plainFstypePairs(parameters)) {
      context.report({
        node: plain.pair.key,
        message: `"${plain.key}" and "${PREFIXED_FSTYPE_KEY}" are both set; external-provisioner refuses such a class and PVCs stay Pending. Remove "${plain.key}".`,
        ...(span
          ? { related: [{ uri: context.file.uri, range: context.file.lines().range(span[0], span[1]), message: `${PREFIXED_FSTYPE_KEY} is set here` }] }
          : {}),
      });
    }
  },
};
