import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { ALL_VERSIONS, CONFIG_GO, TOPOLOGY_LABEL_DOMAINS } from '../knowledge.js';
import { headerLabel, lastEntry, sectionsNamed, stringOf } from '../model.js';
import type { ConfSection } from '../parser.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

export const csiConfTopologyLabel: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-topology-label',
    defaultSeverity: 'error',
    description: 'A csi-vsphere.conf `[TopologyCategory]` section whose `label` is missing or outside the allowed label domains, or that maps a category the driver never uses.',
    why: 'Every `[TopologyCategory "<category>"]` needs a `label` in `failure-domain.beta.kubernetes.io`, `topology.kubernetes.io` or `topology.csi.vmware.com`; otherwise the driver stops with "unrecognised topology label" and the vsphere-csi-controller pod crash-loops. The mapping is used only for the deprecated `[Labels] zone`/`region` categories; anywhere else it has no effect.',
    docs: [
      '```ini',
      '[Labels]',
      'zone = "k8s-zone"',
      'region = "k8s-region"',
      '',
      '[TopologyCategory "k8s-zone"]',
      'label = "topology.kubernetes.io/zone"   # right',
      '',
      '[TopologyCategory "k8s-region"]',
      'label = "example.com/region"            # wrong: domain not allowed, the driver stops',
      '```',
      '',
      'With `topology-categories`, nodes always get `topology.csi.vmware.com/<category>` and `[TopologyCategory]` sections are not used (a warning).',
    ],
    citations: [
      driver(CONFIG_GO, 'v2.5.0 – v3.8.0-rc.1', 'a label whose domain is not one of the three: "unrecognised topology label %q used for topology category %q".'),
      driver('pkg/syncer/cnsoperator/controller/csinodetopology/csinodetopology_controller.go (getNodeTopologyInfo)', ALL_VERSIONS, 'TopologyCategory labels are looked up only for the zone and region categories.'),
    ],
    fixable: false,
  }),
  check(context) {
    if (atLeast(context.config.driver.version, '2.5.0') === false) return;
    const { doc } = context.fragment.parsed;
    const labels = sectionsNamed(doc, 'labels');
    const zoneRegion = [stringOf(lastEntry(labels, 'zone')).trim(), stringOf(lastEntry(labels, 'region')).trim()];
    const categories = stringOf(lastEntry(labels, 'topology-categories')).trim();
    const bySubsection = new Map<string, ConfSection[]>();
    for (const section of sectionsNamed(doc, 'topologycategory')) {
      const key = section.subsection ?? '';
      bySubsection.set(key, [...(bySubsection.get(key) ?? []), section]);
    }
    for (const [category, sections] of bySubsection) {
      const header = sections[0]!;
      const entry = lastEntry(sections, 'label');
      const label = stringOf(entry);
      const domain = label.split('/')[0]!;
      if (!TOPOLOGY_LABEL_DOMAINS.includes(domain)) {
        const span: [number, number] = entry?.value ? [entry.value.start, entry.value.end] : [header.start, header.end];
        const what = label === '' ? `${headerLabel(header)} sets no label` : `label "${label}" is not in ${TOPOLOGY_LABEL_DOMAINS.join(', ')}`;
        report(context, span, `${what}: the driver stops with 'unrecognised topology label "${label}" used for topology category "${category}"', so ${CRASH}.`);
        continue;
      }
      if (categories !== '') {
        report(context, [header.start, header.end], `${headerLabel(header)} has no effect: with [Labels] topology-categories nodes always get topology.csi.vmware.com/<category> labels; [TopologyCategory] maps only the deprecated zone/region categories.`, {
          severity: 'warning',
        });
      } else if (!zoneRegion.includes(category)) {
        report(context, [header.start, header.end], `${headerLabel(header)} has no effect: [Labels] zone and region do not name the category "${category}", and the driver uses this mapping only for them.`, {
          severity: 'warning',
        });
      }
    }
  },
};
