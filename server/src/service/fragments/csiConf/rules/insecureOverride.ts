import { driver } from '../../../knowledge/citations.js';
import { ALL_VERSIONS, CONFIG_GO } from '../knowledge.js';
import { boolOf, lastEntry, sectionsNamed, vcenters } from '../model.js';
import { meta, report, type CsiConfRule } from '../report.js';

export const csiConfInsecureOverride: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-insecure-override',
    defaultSeverity: 'warning',
    description: '`insecure-flag = false` in a csi-vsphere.conf `[VirtualCenter]` section while `[Global] insecure-flag = true`: the vCenter stays insecure.',
    why: 'The driver copies `[Global] insecure-flag` into every vCenter whose own value is false, so a per-vCenter `false` cannot switch verification back on. The certificate of that vCenter is still not checked, contrary to what the file says.',
    docs: [
      '```ini',
      '[Global]',
      'insecure-flag = true',
      '',
      '[VirtualCenter "prod-vc.example.com"]',
      'insecure-flag = false    # has no effect: still insecure',
      '```',
      '',
      'Set `insecure-flag` per vCenter only, and leave it out of `[Global]` (or set it false there).',
    ],
    citations: [driver(CONFIG_GO, ALL_VERSIONS, 'a vCenter whose InsecureFlag is false gets the [Global] InsecureFlag.')],
    fixable: false,
  }),
  check(context) {
    const { doc } = context.fragment.parsed;
    const globalFlag = lastEntry(sectionsNamed(doc, 'global'), 'insecure-flag');
    if (boolOf(globalFlag) !== true) return;
    for (const vc of vcenters(doc)) {
      const own = lastEntry(vc.sections, 'insecure-flag');
      if (!own || boolOf(own) !== false) continue;
      report(
        context,
        [own.nameStart, own.end],
        `insecure-flag = false here does not override [Global] insecure-flag = true: the driver copies the [Global] value whenever a vCenter’s own value is false, so the certificate of "${vc.host}" is still not verified.`,
      );
    }
  },
};
