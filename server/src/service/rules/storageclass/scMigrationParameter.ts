import { driver } from '../../knowledge/citations.js';
import { MIGRATION_KEYS } from '../../knowledge/parameters.js';
import { removePair } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { isCsiClass, parameterPairs, parametersMap } from './common.js';

function isMigrationKey(lower: string): boolean {
  return lower === 'csimigration' || lower.endsWith('-migrationparam');
}

export const scMigrationParameter: Rule = {
  meta: {
    id: 'sc-migration-parameter',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'A vSphere CSI StorageClass sets `csimigration` or a `*-migrationparam` key, which only the in-tree-to-CSI translation may set.',
    why: 'These keys are how Kubernetes hands a translated in-tree class to the driver. In a class of your own the driver\'s validating webhook refuses `kubectl apply`; spellings the webhook misses are still read by the controller, which then either refuses the class or applies in-tree rules to it.',
    docs: [
      'The driver\'s webhook (deployed by the vanilla manifests) denies CREATE and UPDATE of a `csi.vsphere.vmware.com` class that has `csimigration`, `datastore-migrationparam`, `diskformat-migrationparam` or one of the vSAN `*-migrationparam` keys: "Invalid StorageClass Parameters. Migration specific parameters should not be used in the StorageClass".',
      '',
      'The webhook compares keys exactly, so `CSIMigration` or `Datastore-MigrationParam` get past it; the controller lower-cases keys and still treats them as migration keys. Without `csimigration: "true"` every `*-migrationparam` key is refused as an invalid parameter at provisioning time.',
      '',
      '```yaml',
      'parameters:',
      '  csimigration: "true"                      # wrong',
      '  datastore-migrationparam: "datastore1"    # wrong',
      '  datastoreurl: "ds:///vmfs/volumes/5c9bb20e-009c1e46-4b85-0200483b2a97/"   # right: name the datastore by URL',
      '```',
      '',
      'The fix removes the key. Use `storagepolicyname` or `datastoreurl` to get the placement the key was meant to give.',
    ].join('\n'),
    citations: [
      driver('pkg/syncer/admissionhandler/validatestorageclass.go (validateStorageClass)', 'v3.0.0 – v3.8.0-rc.1', 'denies the nine migration keys on csi.vsphere.vmware.com classes, by exact key.'),
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v2.0.0 – v3.8.0-rc.1', 'lower-cases keys; *-migrationparam keys are only honoured with csimigration "true".'),
    ],
    fixable: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const map = parametersMap(context);
    if (!map) return;
    for (const { pair, key, lower } of parameterPairs(context)) {
      if (!isMigrationKey(lower)) continue;
      const caughtByWebhook = MIGRATION_KEYS.includes(key);
      const consequence = caughtByWebhook
        ? 'the driver\'s validating webhook refuses the class on apply ("Migration specific parameters should not be used in the StorageClass")'
        : 'this spelling gets past the driver\'s webhook (it compares keys exactly), but the controller lower-cases keys and treats it as a migration key, so provisioning fails or follows in-tree rules';
      const edit = removePair(context.file.text, map, pair);
      context.report({
        node: pair.key,
        message: `"${key}" is an internal key of the in-tree-to-CSI translation and must not be set in a StorageClass: ${consequence}. Remove it.`,
        ...(edit ? { fix: { title: `Remove ${key}`, edits: [edit] } } : {}),
      });
    }
  },
};
