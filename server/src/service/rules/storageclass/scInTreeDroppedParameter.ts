import { kubernetes } from '../../knowledge/citations.js';
import { removePair } from '../../yaml/edits.js';
import type { Fix } from '../../types.js';
import { keySuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';
import { isInTreeClass, parameterPairs, parametersMap } from './common.js';
import { IN_TREE_KEY_SPELLINGS, inTreePairs } from './inTree.js';

export const scInTreeDroppedParameter: Rule = {
  meta: {
    id: 'sc-in-tree-dropped-parameter',
    defaultSeverity: 'warning',
    category: 'StorageClass',
    description: 'A parameter of an in-tree vSphere StorageClass that the in-tree-to-CSI translation drops without a word.',
    why: 'Since CSI migration, in-tree classes are translated for the CSI driver on every request. The translation keeps only `fstype`, `storagepolicyname`, `datastore`, `diskformat` and the raw vSAN keys; anything else (a typo, a CSI key such as `datastoreurl` or `csi.storage.k8s.io/fstype`) is silently discarded, so the setting has no effect at all.',
    docs: [
      '```yaml',
      'provisioner: kubernetes.io/vsphere-volume',
      'parameters:',
      '  storagePolicy: "Gold"                # wrong: dropped, volumes get no policy',
      '  storagepolicyname: "Gold"            # right',
      '```',
      '',
      'Suggestions rename a near miss to the in-tree key it resembles, or remove the key. To use CSI parameters, convert the class to `csi.vsphere.vmware.com` (see `sc-in-tree-provisioner`).',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes/kubernetes', 'staging/src/k8s.io/csi-translation-lib/plugins/vsphere_volume.go (TranslateInTreeStorageClassToCSI)', 'keys other than the known in-tree ones are skipped (logged at verbosity 2 only).'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isInTreeClass(context)) return;
    const map = parametersMap(context);
    const parameters = parameterPairs(context);
    const candidates = IN_TREE_KEY_SPELLINGS.filter((k) => !parameters.some((p) => p.lower === k.toLowerCase()));
    for (const { pair, key, lower } of inTreePairs(parameters, 'dropped')) {
      // datastoreurl is not a spelling of datastore: one takes a URL, the other a name.
      const csiOnly = lower === 'datastoreurl';
      const suggestions: Fix[] = csiOnly ? [] : keySuggestions(pair, key, candidates, { ignoreCase: true });
      const renames = suggestions.length;
      const removal = map && removePair(context.file.text, map, pair);
      if (removal) suggestions.push({ title: `Remove ${key}`, edits: [removal] });
      const hint = csiOnly
        ? ' It is a parameter of csi.vsphere.vmware.com classes: convert the class to use it.'
        : renames
          ? ` Did you mean "${suggestions[0]!.title.replace(/^Rename to /, '')}"?`
          : '';
      context.report({
        node: pair.key,
        message: `"${key}" is not an in-tree vSphere parameter; the in-tree-to-CSI translation drops it silently, so it has no effect on the volumes.${hint}`,
        tags: ['unnecessary'],
        suggestions,
      });
    }
  },
};
