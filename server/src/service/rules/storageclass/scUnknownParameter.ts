import { driver, kubernetes } from '../../knowledge/citations.js';
import { EXTRA_METADATA_KEYS, FLAVOR_KEYS, MIGRATION_KEYS, RESERVED_KEYS, RESERVED_PREFIX } from '../../knowledge/parameters.js';
import { keySuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';
import { isCsiClass, parameterPairs } from './common.js';

/** Keys another rule explains better (other flavors, migration-internal, reserved prefix). */
function handledElsewhere(lower: string, key: string): boolean {
  if (key.startsWith(RESERVED_PREFIX)) return true;
  if (MIGRATION_KEYS.includes(lower) || lower.endsWith('-migrationparam')) return true;
  return Object.values(FLAVOR_KEYS).some((keys) => lower in keys) || EXTRA_METADATA_KEYS.includes(key);
}

export const scUnknownParameter: Rule = {
  meta: {
    id: 'sc-unknown-parameter',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'A `parameters` key of a vSphere CSI StorageClass that the driver does not accept.',
    why: 'The API server stores any parameter, so `kubectl apply` succeeds; the driver then refuses every CreateVolume for the class with "invalid parameters" and each PVC using it stays Pending.',
    docs: [
      'On vanilla Kubernetes the driver accepts, case-insensitively, `storagepolicyname`, `datastoreurl` and the deprecated `fstype`, plus the reserved `csi.storage.k8s.io/fstype` and `csi.storage.k8s.io/*-secret-name|-secret-namespace` keys that external-provisioner consumes. Anything else fails at provisioning time.',
      '',
      '```yaml',
      'parameters:',
      '  storagePolicy: "Gold"          # wrong: not a driver key',
      '  storagepolicyname: "Gold"      # right',
      '```',
      '',
      'Keys of the in-tree plugin (`diskformat`, `datastore`, vSAN capabilities) are not CSI parameters: express them as an SPBM storage policy and name it in `storagepolicyname`.',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v2.0.0 – v3.8.0-rc.1', 'keys are lower-cased and anything but storagepolicyname, datastoreurl, fstype (and migration keys) is refused with "invalid parameters".'),
      kubernetes('kubernetes-csi/external-provisioner', 'pkg/controller/controller.go', 'strips the known csi.storage.k8s.io/ keys before calling the driver.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context) || context.config.driver.flavor !== 'vanilla') return;
    const accepted = Object.values(FLAVOR_KEYS.vanilla);
    const candidates = [...accepted, ...RESERVED_KEYS.filter((k) => k === 'csi.storage.k8s.io/fstype')];
    for (const { pair, key, lower } of parameterPairs(context)) {
      if (lower in FLAVOR_KEYS.vanilla || RESERVED_KEYS.includes(key) || handledElsewhere(lower, key)) continue;
      const suggestions = keySuggestions(pair, key, candidates, { ignoreCase: true });
      const hint = suggestions.length ? ` Did you mean "${suggestions[0]!.title.replace(/^Rename to /, '')}"?` : '';
      context.report({
        node: pair.key,
        message: `"${key}" is not a vSphere CSI StorageClass parameter; the driver rejects the class at provisioning time and PVCs stay Pending.${hint}`,
        suggestions,
      });
    }
  },
};
