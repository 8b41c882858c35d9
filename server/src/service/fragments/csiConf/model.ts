// What the driver ends up with after gcfg has read a csi-vsphere.conf: which sections count (known
// names; a subsection on a plain section makes gcfg drop the whole section), which entry wins when a
// key is repeated (the last one), and the vCenters with their settings after the [Global] fallback.
import type { ConfDocument, ConfEntry, ConfSection } from './parser.js';
import { keyInfo, sectionInfo, TRUE_VALUES, type ConfKeyInfo, type ConfSectionInfo } from './knowledge.js';

export interface CsiConf {
  doc: ConfDocument;
  /** The embedded value could not be decoded (bad base64): the doc is empty and absence proves nothing. */
  unreadable?: boolean;
}

/** A section the driver stores: a known name, and a subsection exactly where the driver expects one. */
export function isEffective(section: ConfSection): boolean {
  if (section.invalidName) return false;
  const info = sectionInfo(section.lower);
  if (!info) return false;
  return info.subsection === 'map' || section.subsection === undefined;
}

/** Effective sections of one (lower-case) name, in file order. */
export function sectionsNamed(doc: ConfDocument, lower: string): ConfSection[] {
  return doc.sections.filter((s) => s.lower === lower && isEffective(s));
}

/** The entry that wins for a key across sections (the last one written, as gcfg overwrites). */
export function lastEntry(sections: readonly ConfSection[], keyLower: string): ConfEntry | undefined {
  let found: ConfEntry | undefined;
  for (const section of sections) for (const entry of section.entries) if (entry.lower === keyLower && !entry.invalidName) found = entry;
  return found;
}

/** The text a string key holds ('' when absent or bare). */
export function stringOf(entry: ConfEntry | undefined): string {
  return entry?.value?.text ?? '';
}

/** A boolean as gcfg reads it; undefined when absent or unreadable. */
export function boolOf(entry: ConfEntry | undefined): boolean | undefined {
  if (!entry || entry.broken) return undefined;
  if (!entry.value) return true;
  const lower = entry.value.text.toLowerCase();
  if (TRUE_VALUES.includes(lower)) return true;
  if (['false', 'no', 'off', '0'].includes(lower)) return false;
  return undefined;
}

export interface VCenter {
  host: string;
  /** Every section for this host (gcfg merges repeated sections). */
  sections: ConfSection[];
  /** The first header naming it (where findings about the vCenter go). */
  header: ConfSection;
}

export function vcenters(doc: ConfDocument): VCenter[] {
  const byHost = new Map<string, VCenter>();
  for (const section of sectionsNamed(doc, 'virtualcenter')) {
    const host = section.subsection ?? '';
    const existing = byHost.get(host);
    if (existing) existing.sections.push(section);
    else byHost.set(host, { host, sections: [section], header: section });
  }
  return [...byHost.values()];
}

/** The legacy `[Global] vcenterip` entry when it adds a vCenter no section names. */
export function legacyVcenterIp(doc: ConfDocument): ConfEntry | undefined {
  const entry = lastEntry(sectionsNamed(doc, 'global'), 'vcenterip');
  const host = stringOf(entry);
  if (!entry || host === '') return undefined;
  return vcenters(doc).some((vc) => vc.host === host) ? undefined : entry;
}

/** A vCenter's setting, falling back to [Global] the way validateConfig does for that key. */
export function vcSetting(doc: ConfDocument, vc: VCenter | undefined, keyLower: string): ConfEntry | undefined {
  const own = vc ? lastEntry(vc.sections, keyLower) : undefined;
  if (own && stringOf(own) !== '') return own;
  return lastEntry(sectionsNamed(doc, 'global'), keyLower) ?? own;
}

/** Section and key knowledge for an entry, when both are known. */
export function describeEntry(doc: ConfDocument, entry: ConfEntry): { section: ConfSectionInfo; key: ConfKeyInfo } | undefined {
  const section = doc.sections[entry.section];
  if (!section) return undefined;
  const info = sectionInfo(section.lower);
  const key = info && keyInfo(info, entry.lower);
  return info && key ? { section: info, key } : undefined;
}

/** Entries of effective sections whose key the driver reads (name, section and subsection all valid). */
export function* knownEntries(doc: ConfDocument): Generator<{ section: ConfSection; info: ConfSectionInfo; entry: ConfEntry; key: ConfKeyInfo }> {
  for (const section of doc.sections) {
    if (!isEffective(section)) continue;
    const info = sectionInfo(section.lower)!;
    for (const entry of section.entries) {
      if (entry.invalidName || entry.broken) continue;
      const key = keyInfo(info, entry.lower);
      if (key) yield { section, info, entry, key };
    }
  }
}

/** UTF-8 length (Go's len() of a string). */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Header text as written for messages, e.g. `[VirtualCenter "vc1"]`. */
export function headerLabel(section: ConfSection): string {
  return section.subsection === undefined ? `[${section.name}]` : `[${section.name} "${section.subsection}"]`;
}
