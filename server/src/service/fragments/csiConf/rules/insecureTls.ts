import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { ALL_VERSIONS } from '../knowledge.js';
import { boolOf, lastEntry, legacyVcenterIp, sectionsNamed, stringOf, vcenters, type VCenter } from '../model.js';
import type { ConfEntry } from '../parser.js';
import { meta, report, type CsiConfRule } from '../report.js';

export const csiConfInsecureTls: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-insecure-tls',
    defaultSeverity: 'warning',
    description: '`insecure-flag = true` in csi-vsphere.conf: the driver does not verify the vCenter certificate (and ignores any `ca-file` or `thumbprint`).',
    why: 'With verification off, anyone who can answer at the vCenter’s address (DNS spoofing, a man in the middle) receives the vCenter user and password the driver logs in with. While `insecure-flag` is true the driver also ignores `ca-file` and `thumbprint`, so adding them alone does not help.',
    docs: [
      '```ini',
      '[VirtualCenter "vc.example.com"]',
      'insecure-flag = true                       # TLS verification off',
      '',
      '[VirtualCenter "vc.example.com"]',
      'insecure-flag = false',
      'ca-file = "/etc/cloud/vcenter-ca.pem"      # verify against the vCenter CA (mount it into the driver pods)',
      '# or: thumbprint = "AA:BB:…"',
      '```',
      '',
      'Per-vCenter `ca-file` and `thumbprint` are read from v3.3.0; older releases use the `[Global]` ones.',
    ],
    citations: [
      driver('pkg/common/cns-lib/vsphere/virtualcenter.go (NewClient)', ALL_VERSIONS, 'the CA file and thumbprint are applied only when Insecure is false.'),
      driver('pkg/common/cns-lib/vsphere/utils.go (GetVirtualCenterConfigs)', 'v3.3.0 – v3.8.0-rc.1', 'per-vCenter ca-file and thumbprint, falling back to [Global].'),
    ],
    fixable: false,
  }),
  check(context) {
    const { doc } = context.fragment.parsed;
    const global = sectionsNamed(doc, 'global');
    const perVc = atLeast(context.config.driver.version, '3.3.0') !== false;
    const globalFlag = lastEntry(global, 'insecure-flag');
    const trust = (vc: VCenter | undefined) => {
      const pick = (key: string) => (perVc && vc && stringOf(lastEntry(vc.sections, key)) !== '' ? stringOf(lastEntry(vc.sections, key)) : stringOf(lastEntry(global, key)));
      return pick('ca-file') !== '' || pick('thumbprint') !== '';
    };
    const byEntry = new Map<ConfEntry, { hosts: string[]; trusted: boolean }>();
    const note = (entry: ConfEntry, host: string, trusted: boolean) => {
      const found = byEntry.get(entry);
      if (found) {
        found.hosts.push(host);
        found.trusted ||= trusted;
      } else byEntry.set(entry, { hosts: [host], trusted });
    };
    for (const vc of vcenters(doc)) {
      if (vc.host === '') continue;
      const own = lastEntry(vc.sections, 'insecure-flag');
      // The driver keeps a vCenter's own true, and otherwise copies [Global]'s value.
      const responsible = boolOf(own) === true ? own : boolOf(globalFlag) === true ? globalFlag : undefined;
      if (responsible) note(responsible, vc.host, trust(vc));
    }
    const legacy = legacyVcenterIp(doc);
    if (legacy && boolOf(globalFlag) === true) note(globalFlag!, stringOf(legacy), trust(undefined));
    for (const [entry, { hosts, trusted }] of byEntry) {
      const names = hosts.map((h) => `"${h}"`).join(', ');
      const message = trusted
        ? `insecure-flag = true turns off verification of the vCenter certificate for ${names}; the ca-file/thumbprint set for it are ignored while the flag is true. Set insecure-flag = false so they are used.`
        : `insecure-flag = true turns off TLS verification of the vCenter certificate for ${names}: whoever answers at that address receives the driver’s vCenter user and password. Provide ca-file (or thumbprint) and set insecure-flag = false.`;
      report(context, [entry.nameStart, entry.end], message);
    }
  },
};
