import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { CONFIG_GO, MAX_VCENTERS } from '../knowledge.js';
import { legacyVcenterIp, vcenters } from '../model.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

export const csiConfTooManyVcenters: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-too-many-vcenters',
    defaultSeverity: 'error',
    description: 'More than 5 vCenters in csi-vsphere.conf.',
    why: 'Multi-vCenter deployments (v3.0.0 and later) support at most 5 vCenters. With more, the driver stops with "max 5 vCenters are supported for multi vCenter deployment" and the vsphere-csi-controller pod crash-loops.',
    docs: [
      'Each distinct `[VirtualCenter "<host>"]` counts once (repeated sections for the same host merge), and so does a legacy `[Global] vcenterip` that no section names.',
      '',
      'Split the clusters so that each talks to at most five vCenters.',
    ],
    citations: [driver(CONFIG_GO, 'v3.0.0 – v3.8.0-rc.1', 'more than 5 VirtualCenter entries: "max 5 vCenters are supported for multi vCenter deployment".')],
    fixable: false,
  }),
  check(context) {
    if (atLeast(context.config.driver.version, '3.0.0') === false) return;
    const { doc } = context.fragment.parsed;
    const all = vcenters(doc);
    const total = all.length + (legacyVcenterIp(doc) ? 1 : 0);
    if (total <= MAX_VCENTERS) return;
    for (const vc of all.slice(MAX_VCENTERS)) {
      report(context, [vc.header.start, vc.header.end], `This is vCenter number ${all.indexOf(vc) + 1} of ${total}; the driver supports at most ${MAX_VCENTERS} and stops with "max 5 vCenters are supported for multi vCenter deployment", so ${CRASH}.`);
    }
  },
};
