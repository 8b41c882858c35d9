import { driver } from '../../knowledge/citations.js';
import type { Node } from 'yaml';
import { KNOWN_FSTYPES, UNSUPPORTED_FILESYSTEMS, checkFstype } from '../../knowledge/parameters.js';
import { editDistance } from '../../util/similarity.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import { valueSuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';
import { isCsiClass, isInTreeClass, parameterPairs, plainFstypePairs, prefixedFstypePairs } from './common.js';

/** Near misses only (`ext10`, `xsf`): another real filesystem (`btrfs`) is no typo of a supported one. */
function fstypeSuggestions(node: Node, value: string) {
  const lower = value.trim().toLowerCase();
  if (UNSUPPORTED_FILESYSTEMS.includes(lower)) return [];
  const close = KNOWN_FSTYPES.filter((known) => {
    const distance = editDistance(lower, known);
    return distance <= 1 || (distance === 2 && lower[0] === known[0]);
  });
  return valueSuggestions(node, value, close, { ignoreCase: true });
}

export const scInvalidFstype: Rule = {
  meta: {
    id: 'sc-invalid-fstype',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'The filesystem type of a vSphere StorageClass is not one the driver supports, or is in the wrong letter case.',
    why: 'The driver checks the requested filesystem at CreateVolume and refuses anything else ("fstype ... not supported for ReadWriteOnce volume creation"), so every PVC of the class stays Pending. The comparison is case-sensitive: `EXT4` fails where `ext4` works.',
    docs: [
      'Accepted values of `csi.storage.k8s.io/fstype` (and of the deprecated `fstype`):',
      '',
      '- `ext4`, `ext3`, `xfs` for block (ReadWriteOnce) volumes on Linux nodes, in lower case only;',
      '- `ntfs` (any letter case) for volumes of Windows nodes;',
      '- `nfs4` or `nfs` for file volumes (ReadWriteMany/ReadOnlyMany on vSAN File Services);',
      '- empty or unset: external-provisioner\'s default (`ext4` in the vanilla manifest).',
      '',
      '```yaml',
      'parameters:',
      '  csi.storage.k8s.io/fstype: EXT4   # wrong: the driver compares case-sensitively',
      '  csi.storage.k8s.io/fstype: btrfs  # wrong: not supported',
      '  csi.storage.k8s.io/fstype: ext4   # right',
      '```',
      '',
      'A value that differs only in letter case gets a safe fix to the lower-case spelling. Whether `nfs4` suits the access modes of the claims that use the class is checked on the claims.',
      'The rule also looks at the `fstype` of in-tree (`kubernetes.io/vsphere-volume`) classes: since CSI migration the same driver check applies to them.',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/common/util.go (validateVolumeCapabilities)', 'v2.0.0 – v3.8.0-rc.1', 'ext4/ext3/xfs (and empty) for block volumes, compared case-sensitively; ntfs case-insensitively; nfs4/nfs/ext4 for file volumes.'),
      driver('pkg/csi/service/osutils/linux_os_utils.go (GetVolumeCapabilityFsType)', 'v3.0.0 – v3.8.0-rc.1', 'the node refuses other filesystem types as well.'),
    ],
    fixable: true,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    const csi = isCsiClass(context);
    if (!csi && !isInTreeClass(context)) return;
    const parameters = parameterPairs(context);
    const fstypes = csi ? [...plainFstypePairs(parameters), ...prefixedFstypePairs(parameters)] : plainFstypePairs(parameters);
    for (const parameter of fstypes) {
      const { value, valueNode } = parameter;
      if (value === undefined || !valueNode) continue;
      const verdict = checkFstype(value);
      if (verdict.kind === 'ok') continue;
      if (verdict.kind === 'case') {
        const edit = replaceScalarValue(valueNode, verdict.canonical);
        context.report({
          node: valueNode,
          message: `Filesystem type "${value}" must be written "${verdict.canonical}": the driver compares it case-sensitively and refuses "${value}", so PVCs stay Pending.`,
          ...(edit ? { fix: { title: `Change to "${verdict.canonical}"`, edits: [edit] } } : {}),
        });
        continue;
      }
      const suggestions = fstypeSuggestions(valueNode, value);
      const hint = suggestions.length ? ` Did you mean "${suggestions[0]!.title.replace(/^Change to "|"$/g, '')}"?` : '';
      context.report({
        node: valueNode,
        message: `Filesystem type "${value}" is not supported by the vSphere CSI driver (ext4, ext3 or xfs for block volumes, ntfs on Windows, nfs4 or nfs for file volumes); CreateVolume fails and PVCs stay Pending.${hint}`,
        suggestions,
      });
    }
  },
};
