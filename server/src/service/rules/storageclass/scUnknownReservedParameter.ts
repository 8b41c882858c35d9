import { driver, kubernetes } from '../../knowledge/citations.js';
import { EXTRA_METADATA_KEYS, RESERVED_KEYS, RESERVED_PREFIX } from '../../knowledge/parameters.js';
import { keySuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';
import { isCsiClass, parameterPairs } from './common.js';

export const scUnknownReservedParameter: Rule = {
  meta: {
    id: 'sc-unknown-reserved-parameter',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'A `csi.storage.k8s.io/` parameter that external-provisioner does not know.',
    why: 'external-provisioner consumes every parameter under `csi.storage.k8s.io/` itself and refuses keys it does not know ("found unknown parameter key ... with reserved namespace csi.storage.k8s.io/"). The class is accepted by the API server, but every PVC using it stays Pending.',
    docs: [
      'The prefix is reserved for the CSI sidecar, and it compares keys exactly (letter case included). It knows `csi.storage.k8s.io/fstype` and the secret pairs `csi.storage.k8s.io/<operation>-secret-name` / `-secret-namespace` for `provisioner`, `controller-publish`, `node-stage`, `node-publish`, `controller-expand`, `node-expand` and `controller-modify`, plus the plain `csi.storage.k8s.io/secret-name` / `secret-namespace` pair.',
      '',
      '```yaml',
      'parameters:',
      '  csi.storage.k8s.io/fs-type: ext4        # wrong: not a reserved key',
      '  csi.storage.k8s.io/pvc/name: data      # wrong: external-provisioner adds this itself',
      '  csi.storage.k8s.io/fstype: ext4         # right',
      '```',
      '',
      '`csi.storage.k8s.io/pvc/name`, `pvc/namespace`, `pv/name` (and `sc/name`) are metadata that external-provisioner adds to the request on its own when it runs with `--extra-create-metadata` (the Supervisor and guest-cluster deployments do, the vanilla manifest does not). Written into a StorageClass they are refused like any other unknown reserved key, on every flavor.',
      '',
      'A key that only looks like the prefix in another letter case (`CSI.storage.k8s.io/fstype`) is not consumed by external-provisioner; it reaches the driver, which refuses it (see `sc-unknown-parameter`).',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes-csi/external-provisioner', 'pkg/controller/controller.go (removePrefixedParameters)', 'parameters with the reserved prefix that are not well known fail the provisioning request.'),
      driver('manifests/vanilla/vsphere-csi-driver.yaml (csi-provisioner args)', 'v3.8.0-rc.1', 'the vanilla deployment does not pass --extra-create-metadata, so the driver never sees pv/pvc metadata keys.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const parameters = parameterPairs(context);
    const candidates = RESERVED_KEYS.filter((k) => !parameters.some((p) => p.key === k));
    for (const { pair, key } of parameters) {
      if (!key.startsWith(RESERVED_PREFIX) || RESERVED_KEYS.includes(key)) continue;
      if (EXTRA_METADATA_KEYS.includes(key)) {
        context.report({
          node: pair.key,
          message: `"${key}" is metadata external-provisioner adds to the request by itself (only when started with --extra-create-metadata); set in a StorageClass it is refused as an unknown reserved key and PVCs stay Pending. Remove it.`,
        });
        continue;
      }
      const suggestions = keySuggestions(pair, key, candidates);
      const hint = suggestions.length ? ` Did you mean "${suggestions[0]!.title.replace(/^Rename to /, '')}"?` : '';
      context.report({
        node: pair.key,
        message: `"${key}" uses the reserved csi.storage.k8s.io/ prefix but is not a key external-provisioner knows; it refuses the class and PVCs stay Pending.${hint}`,
        suggestions,
      });
    }
  },
};
