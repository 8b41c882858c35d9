import { citations } from '../knowledge.js';
import { lastEntry, sectionsNamed, stringOf, vcenters } from '../model.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

export const csiConfNoVcenter: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-no-vcenter',
    defaultSeverity: 'error',
    description: 'A csi-vsphere.conf with no `[VirtualCenter "<host>"]` section (and no legacy `[Global] vcenterip`).',
    why: 'The driver needs at least one vCenter. Without one it stops with "no Virtual Center hosts defined" and the vsphere-csi-controller pod crash-loops. Keys such as `server` (from the cloud provider’s config) or a misspelt `[VCenter "…"]` section do not count.',
    docs: [
      '```ini',
      '[Global]',
      'cluster-id = "prod-1"',
      '',
      '[VirtualCenter "vc.example.com"]   # the host is the section’s subsection name, in double quotes',
      'user = "administrator@vsphere.local"',
      'password = "…"',
      'datacenters = "dc1"',
      '```',
      '',
      'Deployments that pass the vCenter through environment variables (`VSPHERE_VCENTER`, `VSPHERE_VCENTER_<id>`) instead of the Secret can turn this rule off.',
    ],
    citations: [citations.validate, citations.types],
    fixable: false,
  }),
  check(context) {
    const { doc, unreadable } = context.fragment.parsed;
    if (unreadable || vcenters(doc).length > 0) return;
    if (stringOf(lastEntry(sectionsNamed(doc, 'global'), 'vcenterip')) !== '') return;
    const global = sectionsNamed(doc, 'global')[0] ?? doc.sections[0];
    const server = lastEntry(sectionsNamed(doc, 'global'), 'server');
    const span: [number, number] = global ? [global.start, global.end] : [0, Math.min(context.fragment.text.indexOf('\n') === -1 ? context.fragment.text.length : context.fragment.text.indexOf('\n'), context.fragment.text.length)];
    const hint = server ? ` ([Global] server is a cloud provider key; the CSI driver ignores it.)` : '';
    report(
      context,
      span,
      `No [VirtualCenter "<host>"] section: the driver stops with "no Virtual Center hosts defined", so ${CRASH}. Add a section named after the vCenter, e.g. [VirtualCenter "vc.example.com"], with user and password.${hint}`,
    );
  },
};
