import { driver } from '../../knowledge/citations.js';
import { DATASTORE_URL_PATTERN } from '../../knowledge/parameters.js';
import { valueSuggestions } from '../helpers.js';
import type { Rule } from '../rule.js';
import { flavorOf, isCsiClass, parameterPairs } from './common.js';

export const scUnknownDatastore: Rule = {
  meta: {
    id: 'sc-unknown-datastore',
    defaultSeverity: 'warning',
    category: 'StorageClass',
    description: '`datastoreurl` is a well-formed URL that is not among the `datastores` of `.vsphere-csi.yaml`.',
    why: 'A datastore URL that vCenter does not know, or one not shared by all node VMs, fails every CreateVolume ("... specified in the storage class is not found" / "is not accessible to all nodes") and PVCs stay Pending.',
    docs: [
      'The rule runs only when `.vsphere-csi.yaml` lists `datastores` (with their `url` as vCenter shows it). It is a warning because the inventory may be incomplete.',
      '',
      '```yaml',
      '# .vsphere-csi.yaml',
      'datastores:',
      '  - url: "ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/"',
      '    name: vsanDatastore',
      '```',
      '',
      '```yaml',
      'parameters:',
      '  datastoreurl: "ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc78/"   # wrong: unknown (typo in the id)',
      '  datastoreurl: "ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/"   # right',
      '```',
      '',
      'Malformed URLs are reported by `sc-datastore-url-format` instead.',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/common/vsphereutil.go (CreateBlockVolumeUtil)', 'v2.0.0 – v3.8.0-rc.1', 'the URL must belong to a datastore shared by all node VMs, else the request fails.'),
      driver('pkg/common/cns-lib/vsphere/datacenter.go (GetDatastoreInfoByURL)', 'v2.0.0 – v3.8.0-rc.1', 'URLs are compared exactly.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    const datastores = context.config.datastores;
    if (!datastores || !isCsiClass(context) || flavorOf(context) !== 'vanilla') return;
    const urls = datastores.map((d) => d.url);
    for (const { lower, value, valueNode } of parameterPairs(context)) {
      if (lower !== 'datastoreurl' || value === undefined || !valueNode || !DATASTORE_URL_PATTERN.test(value) || urls.includes(value)) continue;
      const suggestions = valueSuggestions(valueNode, value, urls);
      const hint = suggestions.length ? ` Did you mean "${suggestions[0]!.title.replace(/^Change to "|"$/g, '')}"?` : '';
      context.report({
        node: valueNode,
        message: `Datastore URL "${value}" is not among the datastores listed in .vsphere-csi.yaml; if vCenter has no datastore with exactly this URL shared by all nodes, provisioning fails and PVCs stay Pending.${hint}`,
        suggestions,
      });
    }
  },
};
