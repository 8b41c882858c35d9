import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { CONFIG_GO } from '../knowledge.js';
import { headerLabel, lastEntry, legacyVcenterIp, sectionsNamed, stringOf, vcenters } from '../model.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

export const csiConfMultiVcenterTopology: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-multi-vcenter-topology',
    defaultSeverity: 'error',
    description: 'Several vCenters in csi-vsphere.conf without `[Labels] topology-categories`.',
    why: 'With more than one vCenter the driver places volumes by topology, so it requires `topology-categories`; without it the driver stops with "vsphere CSI config requires topology-categories to be specified for multi vCenter deployment" and the vsphere-csi-controller pod crash-loops.',
    docs: [
      '```ini',
      '[VirtualCenter "vc1.example.com"]',
      '…',
      '[VirtualCenter "vc2.example.com"]',
      '…',
      '[Labels]',
      'topology-categories = "k8s-region,k8s-zone"   # required with two or more vCenters',
      '```',
      '',
      'StorageClasses then restrict placement with `allowedTopologies` keys `topology.csi.vmware.com/k8s-region` / `k8s-zone`, and volumes need a topology requirement (WaitForFirstConsumer or allowedTopologies).',
    ],
    citations: [driver(CONFIG_GO, 'v3.0.0 – v3.8.0-rc.1', 'more than one VirtualCenter and an empty topology-categories: "vsphere CSI config requires topology-categories to be specified for multi vCenter deployment".')],
    fixable: false,
  }),
  check(context) {
    if (atLeast(context.config.driver.version, '3.0.0') === false) return;
    const { doc } = context.fragment.parsed;
    const all = vcenters(doc);
    if (all.length + (legacyVcenterIp(doc) ? 1 : 0) < 2) return;
    if (stringOf(lastEntry(sectionsNamed(doc, 'labels'), 'topology-categories')).trim() !== '') return;
    const second = all[1] ?? all[0];
    if (!second) return;
    report(
      context,
      [second.header.start, second.header.end],
      `${headerLabel(second.header)} makes this a multi-vCenter config, which needs [Labels] topology-categories: without it the driver stops with "vsphere CSI config requires topology-categories to be specified for multi vCenter deployment", so ${CRASH}.`,
    );
  },
};
