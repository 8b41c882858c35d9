import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { CONFIG_GO, MAX_TOPOLOGY_CATEGORIES } from '../knowledge.js';
import { lastEntry, sectionsNamed } from '../model.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

export const csiConfTooManyCategories: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-too-many-categories',
    defaultSeverity: 'error',
    description: 'More than 5 tag categories in csi-vsphere.conf `[Labels] topology-categories`.',
    why: 'The driver allows at most 5 topology categories; with more it stops with "maximum limit of topology categories exceeded. Only 5 allowed." and the vsphere-csi-controller pod crash-loops.',
    docs: [
      'The value is split at every comma, so an empty item (`"k8s-region,,k8s-zone"` or a trailing comma) counts too.',
      '',
      '```ini',
      '[Labels]',
      'topology-categories = "k8s-region,k8s-zone"   # at most 5',
      '```',
    ],
    citations: [driver(CONFIG_GO, 'v2.4.0 – v3.8.0-rc.1', 'strings.Split(topology-categories, ",") longer than 5: "maximum limit of topology categories exceeded. Only 5 allowed."')],
    fixable: false,
  }),
  check(context) {
    if (atLeast(context.config.driver.version, '2.4.0') === false) return;
    const entry = lastEntry(sectionsNamed(context.fragment.parsed.doc, 'labels'), 'topology-categories');
    const value = entry?.value;
    if (!value || value.text.trim() === '') return;
    const count = value.text.split(',').length;
    if (count <= MAX_TOPOLOGY_CATEGORIES) return;
    report(context, [value.start, value.end], `topology-categories lists ${count} categories (empty items between commas count); the driver allows ${MAX_TOPOLOGY_CATEGORIES} and stops with "maximum limit of topology categories exceeded. Only 5 allowed.", so ${CRASH}.`);
  },
};
