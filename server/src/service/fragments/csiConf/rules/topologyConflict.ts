import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { CONFIG_GO } from '../knowledge.js';
import { lastEntry, sectionsNamed, stringOf } from '../model.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

export const csiConfTopologyConflict: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-topology-conflict',
    defaultSeverity: 'error',
    description: '`[Labels] topology-categories` together with the deprecated `zone` or `region` in csi-vsphere.conf.',
    why: 'The two ways of declaring topology exclude each other. With both, the driver stops with "zone and region parameters should be skipped when topologyCategories is specified." and the vsphere-csi-controller pod crash-loops.',
    docs: [
      '```ini',
      '[Labels]',
      'topology-categories = "k8s-region,k8s-zone"',
      'zone = "k8s-zone"       # wrong: remove zone and region',
      'region = "k8s-region"',
      '```',
      '',
      'Keep `topology-categories` (nodes get `topology.csi.vmware.com/<category>` labels), or keep only `zone` and `region` (nodes get `failure-domain.beta.kubernetes.io/zone|region`); StorageClass `allowedTopologies` keys must match whichever you keep.',
    ],
    citations: [driver(CONFIG_GO, 'v2.4.0 – v3.8.0-rc.1', 'topology-categories with zone or region: "zone and region parameters should be skipped when topologyCategories is specified."')],
    fixable: false,
  }),
  check(context) {
    if (atLeast(context.config.driver.version, '2.4.0') === false) return;
    const labels = sectionsNamed(context.fragment.parsed.doc, 'labels');
    if (stringOf(lastEntry(labels, 'topology-categories')).trim() === '') return;
    for (const key of ['zone', 'region']) {
      const entry = lastEntry(labels, key);
      if (!entry || stringOf(entry).trim() === '') continue;
      report(context, [entry.nameStart, entry.end], `"${entry.name}" cannot be combined with topology-categories: the driver stops with "zone and region parameters should be skipped when topologyCategories is specified.", so ${CRASH}. Remove zone and region.`);
    }
  },
};
