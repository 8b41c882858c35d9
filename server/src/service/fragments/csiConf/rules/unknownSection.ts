import { closestMatches } from '../../../util/similarity.js';
import { atLeast } from '../../../util/version.js';
import { CONF_SECTIONS, FOREIGN_SECTIONS, SECTION_ALIASES, citations, sectionInfo } from '../knowledge.js';
import { headerLabel } from '../model.js';
import { meta, replaceFix, report, type CsiConfRule } from '../report.js';

export const csiConfUnknownSection: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-unknown-section',
    defaultSeverity: 'warning',
    description: 'A csi-vsphere.conf section the driver does not read (a typo, a section of the vSphere cloud provider’s config, or a subsection on a plain section), so every key in it is ignored.',
    why: 'gcfg silently drops sections the driver has no field for, and a plain section written with a subsection (`[Global "x"]`) as well. Nothing in the logs says so: the settings simply never apply, which often surfaces later as "no Virtual Center hosts defined", a missing user or wrong topology.',
    docs: [
      'The driver reads `[Global]`, `[VirtualCenter "<host>"]`, `[Labels]`, `[TopologyCategory "<category>"]`, `[NetPermissions "<name>"]` and `[Snapshot]` (plus `[GC]` in the guest-cluster driver’s own file). Names are matched without regard to case.',
      '',
      '```ini',
      '[VCenter "vc.example.com"]       # wrong: ignored, did you mean [VirtualCenter "vc.example.com"]?',
      '[Workspace]                      # wrong here: a vSphere cloud provider (CPI/in-tree) section',
      '[Global "cluster"]               # wrong: [Global] takes no subsection, so all of it is ignored',
      '```',
      '',
      'Sections of the vSphere cloud provider’s file (`[Workspace]`, `[Disk]`, `[Network]`, `[Nodes]`) are explained as such: the CSI driver and the cloud provider have separate config files with overlapping but different keys.',
    ],
    citations: [citations.readConfig, citations.types, citations.gcfgSet, citations.cpi],
    fixable: false,
    hasSuggestions: true,
  }),
  check(context) {
    const { config } = context;
    for (const section of context.fragment.parsed.doc.sections) {
      if (section.invalidName) continue; // csi-conf-invalid-name
      const info = sectionInfo(section.lower);
      const nameSpan: [number, number] = [section.nameStart, section.nameEnd];
      if (!info) {
        const foreign = FOREIGN_SECTIONS[section.lower];
        const alias = SECTION_ALIASES[section.lower];
        const candidates = alias ? [alias] : closestMatches(section.name, CONF_SECTIONS.filter((s) => !s.guestOnly).map((s) => s.name), { ignoreCase: true });
        const hint = foreign ? ` ${foreign}.` : candidates.length ? ` Did you mean [${candidates[0]}]?` : '';
        report(context, nameSpan, `The driver reads no section [${section.name}]: gcfg drops it, every key in it included, without a word (the driver reads the file with FatalOnly), so none of its settings has any effect.${hint}`, {
          suggestions: foreign ? [] : candidates.map((name) => replaceFix(`Rename to ${name}`, section.nameStart, section.nameEnd, name)),
        });
        continue;
      }
      if (info.subsection === 'none' && section.subsection !== undefined && section.subEnd !== undefined) {
        report(
          context,
          [section.nameStart, section.subEnd],
          `[${info.name}] takes no subsection: gcfg ignores all of ${headerLabel(section)}, every key in it included. Write [${info.name}].`,
          { suggestions: [replaceFix(`Write [${section.name}]`, section.nameEnd, section.subEnd, '')] },
        );
        continue;
      }
      if (info.guestOnly && config.driver.flavor !== 'guest') {
        report(context, nameSpan, `[${info.name}] is read only by the guest-cluster (pvCSI) driver, from its own cns-csi.conf; the ${config.driver.flavor} driver ignores it.`, {
          severity: 'info',
        });
        continue;
      }
      if (info.since && atLeast(config.driver.version, info.since) === false) {
        report(context, nameSpan, `[${info.name}] is read from driver v${info.since}; driver v${config.driver.version} (driver.version in .vsphere-csi.yaml) ignores it.`);
      }
    }
  },
};
