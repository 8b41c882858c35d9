import { citations } from '../knowledge.js';
import { headerLabel, knownEntries } from '../model.js';
import type { ConfEntry } from '../parser.js';
import { lineLabel, meta, report, type CsiConfRule } from '../report.js';

export const csiConfDuplicateKey: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-duplicate-key',
    defaultSeverity: 'warning',
    description: 'A csi-vsphere.conf key set more than once in the same section (repeated sections of the same name count as one), so all but the last value are ignored.',
    why: 'gcfg merges repeated sections and lets a later value overwrite an earlier one without a word. Editing the first occurrence of a key (say, a new password) then changes nothing.',
    docs: [
      '```ini',
      '[VirtualCenter "vc.example.com"]',
      'password = "new-password"   # has no effect ...',
      '...',
      '[VirtualCenter "vc.example.com"]',
      'password = "old-password"   # ... because this later value wins',
      '```',
      '',
      'Keep one value per key and vCenter.',
    ],
    citations: [{ kind: 'driver', repo: 'go-gcfg/gcfg', path: 'set.go (set)', versions: 'v1.2.3 (gopkg.in/gcfg.v1, used by every driver release)', says: 'a section seen again is the same object; a single-valued variable set again is overwritten.' }, citations.readConfig],
    fixable: false,
  }),
  check(context) {
    const seen = new Map<string, ConfEntry[]>();
    for (const { section, entry } of knownEntries(context.fragment.parsed.doc)) {
      const id = `${section.lower}\u0000${section.subsection ?? ''}\u0000${entry.lower}`;
      const list = seen.get(id);
      if (list) list.push(entry);
      else seen.set(id, [entry]);
    }
    const { doc } = context.fragment.parsed;
    for (const entries of seen.values()) {
      const last = entries[entries.length - 1]!;
      for (const entry of entries.slice(0, -1)) {
        const section = doc.sections[entry.section]!;
        report(context, [entry.nameStart, entry.end], `"${entry.name}" is set again in ${headerLabel(section)} on ${lineLabel(context, last.nameStart)}; gcfg keeps the last value, so this one has no effect.`, {
          tags: ['unnecessary'],
        });
      }
    }
  },
};
