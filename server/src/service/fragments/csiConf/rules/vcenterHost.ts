import { citations } from '../knowledge.js';
import { CRASH, meta, replaceFix, report, type CsiConfRule } from '../report.js';

export const csiConfVcenterHost: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-vcenter-host',
    defaultSeverity: 'error',
    description: 'A `[VirtualCenter]` section without the vCenter host as a double-quoted subsection name.',
    why: 'The vCenter host is the subsection name of its section. `[VirtualCenter]` alone gives an empty host and the driver stops with "vsphere.conf does not have the VirtualCenter IP address specified"; an unquoted host (`[VirtualCenter 10.0.0.1]`) is a syntax error. Either way the vsphere-csi-controller pod crash-loops.',
    docs: [
      '```ini',
      '[VirtualCenter]                   # wrong: no host',
      'host = "vc.example.com"           # (not a key the driver reads)',
      '',
      '[VirtualCenter vc.example.com]    # wrong: the host needs double quotes',
      '',
      '[VirtualCenter "vc.example.com"]  # right',
      '```',
      '',
      'The fix adds the missing quotes.',
    ],
    citations: [citations.validate, citations.gcfgScanner],
    fixable: true,
  }),
  check(context) {
    for (const section of context.fragment.parsed.doc.sections) {
      if (section.lower !== 'virtualcenter' || section.invalidName) continue;
      if (section.subsection === undefined) {
        report(
          context,
          [section.start, section.end],
          `[${section.name}] names no vCenter: the host goes in double quotes in the header, e.g. [VirtualCenter "vc.example.com"]. Without it the driver stops with "vsphere.conf does not have the VirtualCenter IP address specified", so ${CRASH}.`,
        );
      } else if (!section.subQuoted && section.subStart !== undefined && section.subEnd !== undefined) {
        const quoted = `"${section.subsection.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
        report(context, [section.subStart, section.subEnd], `The vCenter host must be in double quotes ([VirtualCenter ${quoted}]); gcfg cannot read the header otherwise, so ${CRASH}.`, {
          fix: replaceFix(`Write ${quoted}`, section.subStart, section.subEnd, quoted),
        });
      }
    }
  },
};
