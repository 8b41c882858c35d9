import { driver } from '../../../knowledge/citations.js';
import { ALL_VERSIONS, CONFIG_GO } from '../knowledge.js';
import { headerLabel, lastEntry, sectionsNamed } from '../model.js';
import type { ConfSection } from '../parser.js';
import { CRASH, meta, replaceFix, report, type CsiConfRule } from '../report.js';

const PERMISSIONS = ['READ_WRITE', 'READ_ONLY', 'NO_ACCESS'];

export const csiConfNetPermissions: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-net-permissions',
    defaultSeverity: 'error',
    description: 'A csi-vsphere.conf `[NetPermissions] permissions` value other than `READ_WRITE`, `READ_ONLY` or `NO_ACCESS` (exactly, in upper case).',
    why: 'The driver compares the value exactly; anything else (`read_only`, `RW`, `READ-ONLY`) makes it stop with "invalid value for Permissions under NetPermission Config" and the vsphere-csi-controller pod crash-loops.',
    docs: [
      '```ini',
      '[NetPermissions "lab"]',
      'ips = "10.20.0.0/16"',
      'permissions = "read_only"   # wrong: case matters',
      'permissions = "READ_ONLY"   # right',
      'rootsquash = true',
      '```',
      '',
      'The key names are case-insensitive (`Permissions` works); the value is not. When the value differs from an allowed one only in case or separators, the fix writes the allowed spelling. Leaving `permissions` out means `READ_WRITE`.',
    ],
    citations: [driver(CONFIG_GO, ALL_VERSIONS, 'Permissions must be READ_WRITE, READ_ONLY or NO_ACCESS, else "invalid value for Permissions under NetPermission Config".')],
    fixable: true,
  }),
  check(context) {
    const bySubsection = new Map<string, ConfSection[]>();
    for (const section of sectionsNamed(context.fragment.parsed.doc, 'netpermissions')) {
      const key = section.subsection ?? '';
      bySubsection.set(key, [...(bySubsection.get(key) ?? []), section]);
    }
    for (const sections of bySubsection.values()) {
      const entry = lastEntry(sections, 'permissions');
      const value = entry?.value;
      if (!entry || !value || value.text === '' || PERMISSIONS.includes(value.text) || value.escapeIssues.length > 0) continue;
      const normalised = value.text.trim().toUpperCase().replace(/[-\s]+/g, '_');
      const fixed = PERMISSIONS.includes(normalised) ? normalised : undefined;
      const newText = fixed && (value.quoted ? `"${fixed}"` : fixed);
      report(
        context,
        [value.start, value.end],
        `permissions = ${value.raw} in ${headerLabel(sections[0]!)} is not READ_WRITE, READ_ONLY or NO_ACCESS (compared exactly): the driver stops with "invalid value for Permissions under NetPermission Config", so ${CRASH}.${fixed ? ` Write ${fixed}.` : ''}`,
        newText ? { fix: replaceFix(`Write ${newText}`, value.start, value.end, newText) } : {},
      );
    }
  },
};
