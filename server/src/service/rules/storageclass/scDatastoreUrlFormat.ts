import { driver } from '../../knowledge/citations.js';
import { DATASTORE_URL_PATTERN, DATASTORE_URL_PREFIX, repairDatastoreUrl } from '../../knowledge/parameters.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Fix } from '../../types.js';
import type { Rule } from '../rule.js';
import { flavorOf, isCsiClass, parameterPairs } from './common.js';

export const scDatastoreUrlFormat: Rule = {
  meta: {
    id: 'sc-datastore-url-format',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: '`datastoreurl` is not a datastore URL of the form `ds:///vmfs/volumes/<id>/`.',
    why: 'The driver compares `datastoreurl` with the URLs vCenter reports, character for character. A datastore name, a path without the `ds:///` scheme or a URL without its trailing slash never matches, so every CreateVolume fails ("DatastoreURL ... specified in the storage class is not found") and PVCs stay Pending.',
    docs: [
      'vCenter shows the URL on the datastore\'s Summary tab. It always has the form `ds:///vmfs/volumes/<id>/`, where `<id>` is a UUID for VMFS and NFS datastores, `vsan:<hex>-<hex>` for vSAN and `vvol:<hex>-<hex>` for vVols, and it ends with a slash.',
      '',
      '```yaml',
      'parameters:',
      '  datastoreurl: "vsanDatastore"                                              # wrong: a name',
      '  datastoreurl: "ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77"   # wrong: no trailing slash',
      '  datastoreurl: "ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/"  # right',
      '```',
      '',
      'When the only problems are a missing trailing slash, spaces around the URL or the letter case of the fixed `ds:///vmfs/volumes/` part, a safe fix repairs the value. When `.vsphere-csi.yaml` lists `datastores` with names, a datastore name gets a suggestion to use its URL.',
    ].join('\n'),
    citations: [
      driver('pkg/common/cns-lib/vsphere/datacenter.go (GetDatastoreInfoByURL)', 'v2.0.0 – v3.8.0-rc.1', 'the URL is compared exactly with the datastore\'s Info.Url.'),
      driver('pkg/csi/service/common/constants.go (AttributeDatastoreURL)', 'v3.8.0-rc.1', 'documents the ds:///vmfs/volumes/<id>/ form.'),
    ],
    fixable: true,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context) || flavorOf(context) !== 'vanilla') return;
    for (const { lower, value, valueNode } of parameterPairs(context)) {
      if (lower !== 'datastoreurl' || value === undefined || value === '' || !valueNode || DATASTORE_URL_PATTERN.test(value)) continue;
      const repaired = repairDatastoreUrl(value);
      if (repaired) {
        const edit = replaceScalarValue(valueNode, repaired);
        const problems = [
          ...(value.trim() !== value ? ['has spaces around it'] : []),
          ...(!value.trim().startsWith(DATASTORE_URL_PREFIX) ? ['writes the fixed ds:///vmfs/volumes/ part in another letter case'] : []),
          ...(!value.trim().endsWith('/') ? ['lacks the trailing slash'] : []),
        ];
        const what = problems.join(' and ');
        context.report({
          node: valueNode,
          message: `Datastore URL "${value}" ${what}; the driver compares URLs exactly with vCenter's, so this one matches no datastore and PVCs stay Pending. Use "${repaired}".`,
          ...(edit ? { fix: { title: `Change to "${repaired}"`, edits: [edit] } } : {}),
        });
        continue;
      }
      const byName = context.config.datastores?.find((d) => d.name !== undefined && d.name === value.trim());
      const suggestions: Fix[] = [];
      if (byName) {
        const edit = replaceScalarValue(valueNode, byName.url);
        if (edit) suggestions.push({ title: `Change to "${byName.url}"`, edits: [edit] });
      }
      context.report({
        node: valueNode,
        message: `"${value}" is not a datastore URL (ds:///vmfs/volumes/<id>/ as shown in vCenter); the driver matches no datastore and PVCs stay Pending.${byName ? ` The datastore "${byName.name}" has the URL "${byName.url}".` : ''}`,
        suggestions,
      });
    }
  },
};
