import { driver, kubernetes } from '../../knowledge/citations.js';
import {
  FLAVOR_KEYS,
  FLAVOR_REJECTION,
  IN_TREE_KEYS,
  MIGRATION_KEYS,
  RESERVED_PREFIX,
  flavorsAccepting,
} from '../../knowledge/parameters.js';
import { keySuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';
import { PREFIXED_FSTYPE_KEY, flavorName, flavorOf, isCsiClass, parameterPairs } from './common.js';

/** Keys another rule explains better (reserved prefix, migration-internal, fstype, other flavors). */
export function handledByOtherParameterRules(lower: string, key: string): boolean {
  if (key.startsWith(RESERVED_PREFIX)) return true; // sc-unknown-reserved-parameter
  if (MIGRATION_KEYS.includes(lower) || lower === 'csimigration' || lower.endsWith('-migrationparam')) return true; // sc-migration-parameter
  if (lower === 'fstype') return true; // sc-fstype-deprecated
  return flavorsAccepting(lower).length > 0; // sc-wrong-flavor-parameter (or accepted)
}

export const scUnknownParameter: Rule = {
  meta: {
    id: 'sc-unknown-parameter',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'A `parameters` key of a vSphere CSI StorageClass that the driver does not accept.',
    why: 'The API server stores any parameter, so `kubectl apply` succeeds; the driver then refuses every CreateVolume for the class and each PVC using it stays Pending.',
    docs: [
      'On vanilla Kubernetes the driver accepts, case-insensitively, `storagepolicyname`, `datastoreurl` and the deprecated `fstype`, plus the reserved `csi.storage.k8s.io/fstype` and `csi.storage.k8s.io/*-secret-name|-secret-namespace` keys that external-provisioner consumes. Anything else fails at provisioning time with "invalid parameters".',
      '',
      'With `driver.flavor` set in `.vsphere-csi.yaml` the accepted set changes:',
      '',
      '- `supervisor` (vSphere with Tanzu): `storagePolicyID`, `fstype`, `storageTopologyType`, `storagepool`, `hostLocal`, `hostLocalPolicy`, `csi.vsphere.k8s.io/linked-clone`; anything else is "not a valid WCP CSI parameter".',
      '- `guest` (TKG/TKGS): `svStorageClass` and `storageTopologyType`; anything else is "not a valid GC CSI parameter".',
      '',
      '```yaml',
      'parameters:',
      '  storagePolicy: "Gold"          # wrong: not a driver key',
      '  storagepolicyname: "Gold"      # right (vanilla)',
      '```',
      '',
      'Keys of the in-tree plugin (`diskformat`, `datastore`, vSAN capabilities) are not CSI parameters: express them as an SPBM storage policy and name it in `storagepolicyname`.',
      '',
      'Keys of another flavor, `csi.storage.k8s.io/` keys, the plain `fstype` key and migration-internal keys have their own rules (`sc-wrong-flavor-parameter`, `sc-unknown-reserved-parameter`, `sc-fstype-deprecated`, `sc-migration-parameter`).',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v2.0.0 – v3.8.0-rc.1', 'keys are lower-cased and anything but storagepolicyname, datastoreurl, fstype (and migration keys) is refused with "invalid parameters".'),
      driver('pkg/csi/service/wcp/controller_helper.go (validateCreateBlockReqParam, validateCreateFileReqParam)', 'v3.8.0-rc.1', 'the Supervisor accepted set; other keys are "not a valid WCP CSI parameter".'),
      driver('pkg/csi/service/wcpguest/controller_helper.go (validateGuestClusterCreateVolumeRequest)', 'v3.8.0-rc.1', 'the guest-cluster accepted set; other keys are "not a valid GC CSI parameter".'),
      kubernetes('kubernetes-csi/external-provisioner', 'pkg/controller/controller.go', 'strips the known csi.storage.k8s.io/ keys before calling the driver.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const flavor = flavorOf(context);
    const parameters = parameterPairs(context);
    const keys = [...Object.values(FLAVOR_KEYS[flavor]).filter((k) => k !== 'fstype'), PREFIXED_FSTYPE_KEY];
    for (const parameter of parameters) {
      const { pair, key, lower } = parameter;
      if (handledByOtherParameterRules(lower, key)) continue;
      // Renaming to a key the class already has would only make a duplicate.
      const candidates = keys.filter(
        (k) => !parameters.some((p) => p !== parameter && (k.startsWith(RESERVED_PREFIX) ? p.key === k : p.lower === k.toLowerCase())),
      );
      const suggestions = keySuggestions(pair, key, candidates, { ignoreCase: true });
      const hint = suggestions.length ? ` Did you mean "${suggestions[0]!.title.replace(/^Rename to /, '')}"?` : '';
      const inTree = IN_TREE_KEYS.includes(lower)
        ? ' It is a key of the removed in-tree plugin (kubernetes.io/vsphere-volume): put the setting into an SPBM storage policy and name that policy instead.'
        : '';
      context.report({
        node: pair.key,
        message: `"${key}" is not a vSphere CSI StorageClass parameter for this ${flavorName(flavor)} cluster; ${FLAVOR_REJECTION[flavor]} at provisioning time and PVCs stay Pending.${inTree}${hint}`,
        suggestions,
      });
    }
  },
};
