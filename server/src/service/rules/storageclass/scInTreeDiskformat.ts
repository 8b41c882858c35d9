import { driver, kubernetes } from '../../knowledge/citations.js';
import { MIGRATED_DISKFORMAT } from '../../knowledge/parameters.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { isInTreeClass, parameterPairs, valueOrKey } from './common.js';

export const scInTreeDiskformat: Rule = {
  meta: {
    id: 'sc-in-tree-diskformat',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'An in-tree vSphere StorageClass sets `diskformat` to something other than `thin`.',
    why: 'Since CSI migration the vSphere CSI driver provisions in-tree classes and accepts `diskformat` only when it is exactly `thin`; `zeroedthick`, `eagerzeroedthick` (or `Thin`) fail with "invalid parameter. key:diskformat-migrationparam" and PVCs stay Pending.',
    docs: [
      'Thick provisioning is a storage-policy rule in the CSI world: create an SPBM policy with thick provisioning (for vSAN: object space reservation 100%) and name it in `storagepolicyname`.',
      '',
      '```yaml',
      'provisioner: kubernetes.io/vsphere-volume',
      'parameters:',
      '  diskformat: zeroedthick          # wrong: refused after migration',
      '  diskformat: thin                 # right (or leave it out: thin is the default)',
      '```',
      '',
      'A value that is `thin` in another letter case gets a safe fix.',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes/kubernetes', 'staging/src/k8s.io/csi-translation-lib/plugins/vsphere_volume.go (TranslateInTreeStorageClassToCSI)', 'diskformat becomes diskformat-migrationparam with the value unchanged.'),
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v3.0.0 – v3.8.0-rc.1', 'diskformat-migrationparam is accepted only with the exact value "thin".'),
    ],
    fixable: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isInTreeClass(context)) return;
    for (const parameter of parameterPairs(context)) {
      const { lower, value, valueNode } = parameter;
      if (lower !== 'diskformat' || value === MIGRATED_DISKFORMAT) continue;
      const caseOnly = value !== undefined && value.trim().toLowerCase() === MIGRATED_DISKFORMAT;
      const edit = caseOnly && valueNode ? replaceScalarValue(valueNode, MIGRATED_DISKFORMAT) : undefined;
      context.report({
        node: valueOrKey(parameter),
        message: caseOnly
          ? `diskformat "${value}" must be written "${MIGRATED_DISKFORMAT}": since CSI migration the driver accepts exactly "${MIGRATED_DISKFORMAT}" and refuses this class, so PVCs stay Pending.`
          : `diskformat "${value ?? ''}" is refused since CSI migration (the driver accepts only "${MIGRATED_DISKFORMAT}"), so PVCs stay Pending. For thick disks use an SPBM storage policy with thick provisioning and name it in storagepolicyname.`,
        ...(edit ? { fix: { title: `Change to "${MIGRATED_DISKFORMAT}"`, edits: [edit] } } : {}),
      });
    }
  },
};
