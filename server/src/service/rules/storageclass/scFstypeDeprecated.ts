import { driver, kubernetes } from '../../knowledge/citations.js';
import { renameKey } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { PREFIXED_FSTYPE_KEY, flavorOf, isCsiClass, parameterPairs, plainFstypePairs, prefixedFstypePairs } from './common.js';

export const scFstypeDeprecated: Rule = {
  meta: {
    id: 'sc-fstype-deprecated',
    defaultSeverity: 'warning',
    category: 'StorageClass',
    description: 'A vSphere CSI StorageClass uses the deprecated plain `fstype` parameter instead of `csi.storage.k8s.io/fstype`.',
    why: 'external-provisioner still reads the plain key, but logs a deprecation warning and passes the key on to the driver, which ignores it (and a guest-cluster driver refuses it outright). `csi.storage.k8s.io/fstype` is the supported spelling.',
    docs: [
      'The fix renames the key and keeps its value. It is not offered when `csi.storage.k8s.io/fstype` is already set (see `sc-fstype-conflict`).',
      '',
      '```yaml',
      'parameters:',
      '  fstype: xfs                       # deprecated',
      '  csi.storage.k8s.io/fstype: xfs    # right',
      '```',
      '',
      'With `driver.flavor: guest` the plain key is an error: the guest-cluster driver accepts only `svStorageClass` and `storageTopologyType` and refuses every other key that reaches it.',
      '',
      'Classes of the in-tree provisioner (`kubernetes.io/vsphere-volume`) use `fstype` legitimately; `sc-in-tree-provisioner` converts them.',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes-csi/external-provisioner', 'pkg/controller/controller.go (prepareProvision)', 'the plain fstype key is read with a deprecation warning.'),
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v2.0.0 – v3.8.0-rc.1', 'the vanilla driver ignores fstype and logs that csi.storage.k8s.io/fstype should be used instead.'),
      driver('pkg/csi/service/wcpguest/controller_helper.go (validateGuestClusterCreateVolumeRequest)', 'v3.8.0-rc.1', 'the guest-cluster driver refuses keys other than svstorageclass and storagetopologytype.'),
    ],
    fixable: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const parameters = parameterPairs(context);
    const plain = plainFstypePairs(parameters);
    const conflict = prefixedFstypePairs(parameters).length > 0;
    const guest = flavorOf(context) === 'guest';
    for (const parameter of plain) {
      const edit = !conflict && plain.length === 1 ? renameKey(parameter.pair, PREFIXED_FSTYPE_KEY) : undefined;
      context.report({
        node: parameter.pair.key,
        message: guest
          ? `"${parameter.key}" is the deprecated spelling of "${PREFIXED_FSTYPE_KEY}", and the guest-cluster driver refuses it as "not a valid GC CSI parameter": PVCs stay Pending. Use "${PREFIXED_FSTYPE_KEY}".`
          : `"${parameter.key}" is deprecated: external-provisioner still reads it, with a warning, and may stop doing so. Use "${PREFIXED_FSTYPE_KEY}".`,
        severity: guest ? 'error' : 'warning',
        tags: ['deprecated'],
        ...(edit ? { fix: { title: `Rename to ${PREFIXED_FSTYPE_KEY}`, edits: [edit] } } : {}),
      });
    }
  },
};
