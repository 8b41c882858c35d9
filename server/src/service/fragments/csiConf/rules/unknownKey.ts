import { closestMatches } from '../../../util/similarity.js';
import { atLeast } from '../../../util/version.js';
import { FOREIGN_KEYS, citations, keyInfo, removedKey, sectionInfo, sectionsWithKey } from '../knowledge.js';
import { headerLabel, isEffective } from '../model.js';
import { IGNORED, meta, replaceFix, report, type CsiConfRule } from '../report.js';

export const csiConfUnknownKey: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-unknown-key',
    defaultSeverity: 'warning',
    description: 'A csi-vsphere.conf key the driver does not read in its section: a typo, a key of another section, or a key of the vSphere cloud provider’s config.',
    why: 'gcfg silently drops keys the driver has no field for. The setting never applies and nothing is logged: a misspelt `insecureflag` leaves certificate checks on, a CPI-style `server` key defines no vCenter, `datacenter` (singular) restricts nothing.',
    docs: [
      'Keys are matched without regard to case (`Ips`, `RootSquash` are fine), but otherwise must be spelt exactly as the driver names them, in the right section.',
      '',
      '```ini',
      '[Global]',
      'server = "vc.example.com"          # wrong: a cloud provider (CPI) key; the CSI driver reads [VirtualCenter "<host>"]',
      'topology-categories = "k8s-zone"   # wrong section: belongs in [Labels]',
      '',
      '[VirtualCenter "vc.example.com"]',
      'datacenter = "dc1"                 # wrong: the key is datacenters',
      'secret-name = "vsphere-creds"      # wrong: CPI only; put user and password here',
      '```',
      '',
      'The vSphere cloud provider (CPI) and the old in-tree provider have INI files of their own with keys such as `server`, `secret-name`, `secret-namespace`, `soap-roundtrip-count`, `ip-family`, `datastore`, `working-dir`; copying them into csi-vsphere.conf does nothing. Keys added in a newer driver release than `driver.version` in `.vsphere-csi.yaml` are reported too, since that driver ignores them.',
    ],
    citations: [citations.readConfig, citations.types, citations.gcfgSet, citations.cpi],
    fixable: false,
    hasSuggestions: true,
  }),
  check(context) {
    const version = context.config.driver.version;
    for (const section of context.fragment.parsed.doc.sections) {
      if (!isEffective(section)) continue; // csi-conf-unknown-section / csi-conf-invalid-name
      const info = sectionInfo(section.lower)!;
      if (info.guestOnly && context.config.driver.flavor !== 'guest') continue;
      for (const entry of section.entries) {
        if (entry.invalidName || entry.broken) continue;
        const span: [number, number] = [entry.nameStart, entry.nameEnd];
        const known = keyInfo(info, entry.lower);
        if (known) {
          if (known.since && atLeast(version, known.since) === false) {
            report(context, span, `"${known.name}" in [${info.name}] is read from driver v${known.since}; driver v${version} (driver.version in .vsphere-csi.yaml) ignores it.`);
          }
          continue;
        }
        if (removedKey(section.lower, entry.lower)) continue; // csi-conf-removed-key
        const rename = (name: string) => replaceFix(`Rename to ${name}`, entry.nameStart, entry.nameEnd, name);
        const candidates = closestMatches(entry.name, info.keys.filter((k) => !k.internal).map((k) => k.name), { ignoreCase: true });
        const foreign = FOREIGN_KEYS[entry.lower];
        if (foreign) {
          report(context, span, `"${entry.name}" is ${foreign.says}. In ${headerLabel(section)} ${IGNORED}.`, { suggestions: candidates.map(rename) });
          continue;
        }
        const elsewhere = sectionsWithKey(entry.lower).filter((s) => s.name.toLowerCase() !== section.lower);
        if (elsewhere.length > 0) {
          const where = elsewhere.map((s) => (s.subsection === 'map' ? `[${s.name} "…"]` : `[${s.name}]`)).join(' or ');
          report(context, span, `"${entry.name}" belongs in ${where}. In ${headerLabel(section)} ${IGNORED}.`);
          continue;
        }
        const hint = candidates.length ? ` Did you mean "${candidates[0]}"?` : '';
        report(context, span, `The driver reads no key "${entry.name}" in [${info.name}]: ${IGNORED}.${hint}`, { suggestions: candidates.map(rename) });
      }
    }
  },
};
