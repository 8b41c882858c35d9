import { driver } from '../../../knowledge/citations.js';
import { ALL_VERSIONS } from '../knowledge.js';
import { lastEntry, sectionsNamed, stringOf } from '../model.js';
import { meta, report, type CsiConfRule } from '../report.js';

export const csiConfZoneRegionIncomplete: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-zone-region-incomplete',
    defaultSeverity: 'warning',
    description: 'Only one of the deprecated `[Labels] zone` and `region` in csi-vsphere.conf (and no `topology-categories`).',
    why: 'The driver uses `zone` and `region` only as a pair. With just one, nodes get no topology labels at all, and StorageClasses with `allowedTopologies` match no node: their PVCs stay Pending.',
    docs: [
      '```ini',
      '[Labels]',
      'zone = "k8s-zone"          # wrong alone: add region = "k8s-region"',
      '',
      '[Labels]',
      'topology-categories = "k8s-zone"   # better: one category is fine here',
      '```',
    ],
    citations: [
      driver('pkg/syncer/cnsoperator/controller/csinodetopology/csinodetopology_controller.go (getNodeTopologyInfo)', ALL_VERSIONS, 'zone and region are used only when both are set.'),
      driver('pkg/csi/service/common/topology.go (DiscoverTagEntities)', ALL_VERSIONS, 'the same pairing when tags are discovered.'),
    ],
    fixable: false,
  }),
  check(context) {
    const labels = sectionsNamed(context.fragment.parsed.doc, 'labels');
    if (stringOf(lastEntry(labels, 'topology-categories')).trim() !== '') return;
    const zone = lastEntry(labels, 'zone');
    const region = lastEntry(labels, 'region');
    const hasZone = stringOf(zone).trim() !== '';
    const hasRegion = stringOf(region).trim() !== '';
    if (hasZone === hasRegion) return;
    const [present, missing] = hasZone ? [zone!, 'region'] : [region!, 'zone'];
    report(
      context,
      [present.nameStart, present.end],
      `"${present.name}" without "${missing}": the driver uses zone and region only as a pair, so nodes get no topology labels and StorageClasses with allowedTopologies match no node. Add ${missing}, or use topology-categories = "${stringOf(present).trim()}".`,
    );
  },
};
