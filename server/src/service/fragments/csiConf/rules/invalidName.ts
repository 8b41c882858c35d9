import { closestMatches } from '../../../util/similarity.js';
import { CONF_SECTIONS, citations, keyInfo, sectionInfo } from '../knowledge.js';
import { CRASH, meta, replaceFix, report, type CsiConfRule } from '../report.js';

/** The known spelling an `_` name most likely meant: `_` as `-`, or `_` dropped. */
function repaired(name: string, known: (lower: string) => string | undefined): string | undefined {
  for (const candidate of [name.replace(/_/g, '-'), name.replace(/_/g, '')]) {
    if (candidate !== '' && known(candidate.toLowerCase())) return candidate;
  }
  return undefined;
}

export const csiConfInvalidName: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-invalid-name',
    defaultSeverity: 'error',
    description: 'A section or key name in csi-vsphere.conf with a character gcfg does not allow in names, such as `_` in `insecure_flag`.',
    why: 'gcfg names are letters, digits and `-` only. An `_` is a syntax error for the driver: the vsphere-csi-controller pod crash-loops until the Secret is fixed. (A legal but wrong name, such as `insecureflag`, is silently ignored instead: see csi-conf-unknown-key.)',
    docs: [
      '```ini',
      '[Global]',
      'insecure_flag = true   # wrong: "_" stops the driver at start-up',
      'insecure-flag = true   # right',
      '```',
      '',
      'When replacing `_` by `-` (or dropping it) gives a name the driver reads, the fix renames it.',
    ],
    citations: [citations.gcfgScanner, citations.readConfig],
    fixable: true,
    hasSuggestions: true,
  }),
  check(context) {
    const { doc } = context.fragment.parsed;
    for (const section of doc.sections) {
      if (section.invalidName) {
        const fixed = repaired(section.name, (lower) => sectionInfo(lower)?.name);
        const alternatives = fixed ? [] : closestMatches(section.name.replace(/_/g, ''), CONF_SECTIONS.map((s) => s.name), { ignoreCase: true });
        report(
          context,
          [section.nameStart, section.nameEnd],
          `Section name "${section.name}" contains "_", which gcfg does not allow in names, so ${CRASH}.${fixed ? ` Did you mean [${fixed}]?` : ''}`,
          {
            ...(fixed ? { fix: replaceFix(`Rename to ${fixed}`, section.nameStart, section.nameEnd, fixed) } : {}),
            suggestions: alternatives.map((name) => replaceFix(`Rename to ${name}`, section.nameStart, section.nameEnd, name)),
          },
        );
      }
      const info = section.invalidName ? undefined : sectionInfo(section.lower);
      for (const entry of section.entries) {
        if (!entry.invalidName) continue;
        const fixed = info ? repaired(entry.name, (lower) => keyInfo(info, lower)?.name) : undefined;
        const alternatives = !fixed && info ? closestMatches(entry.name.replace(/_/g, '-'), info.keys.filter((k) => !k.internal).map((k) => k.name), { ignoreCase: true }) : [];
        report(
          context,
          [entry.nameStart, entry.nameEnd],
          `Key "${entry.name}" contains "_", which gcfg does not allow in names (only letters, digits and "-"), so ${CRASH}.${fixed ? ` Did you mean "${fixed}"?` : ''}`,
          {
            ...(fixed ? { fix: replaceFix(`Rename to ${fixed}`, entry.nameStart, entry.nameEnd, fixed) } : {}),
            suggestions: alternatives.map((name) => replaceFix(`Rename to ${name}`, entry.nameStart, entry.nameEnd, name)),
          },
        );
      }
    }
  },
};
