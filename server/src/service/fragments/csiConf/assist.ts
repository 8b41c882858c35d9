// Hover and completion for csi-vsphere.conf: every section and key explains its type, default,
// effect and source; completion offers section names, the keys of the current section and the
// values of booleans and enumerations.
import type { ResolvedConfig } from '../../config.js';
import type { Fragment, FragmentCompletion, FragmentHover } from '../types.js';
import {
  CONF_SECTIONS,
  FOREIGN_KEYS,
  FOREIGN_SECTIONS,
  TOPOLOGY_LABEL_DOMAINS,
  TYPES_GO,
  keyInfo,
  removedKey,
  sectionInfo,
  type ConfKeyInfo,
  type ConfSectionInfo,
} from './knowledge.js';
import type { CsiConf } from './model.js';
import type { ConfSection } from './parser.js';

const TYPE_NAMES = { string: 'text', bool: 'boolean', int: 'whole number' } as const;
const SOURCE = `Source: kubernetes-sigs/vsphere-csi-driver \`${TYPES_GO.replace(' (Config)', '')}\``;

function typeLabel(key: ConfKeyInfo): string {
  if (key.values) return key.values.map((v) => `\`${v}\``).join(' | ');
  if (key.format === 'port') return 'port number (text converted with strconv.Atoi)';
  if (key.format === 'list' || key.format === 'categories') return 'comma-separated text';
  return TYPE_NAMES[key.type];
}

export function keyMarkdown(section: ConfSectionInfo, key: ConfKeyInfo): string {
  const facts = [`**\`${key.name}\`** in \`[${section.name}]\``, typeLabel(key)];
  if (key.default !== undefined) facts.push(`default \`${key.default}\``);
  const lines = [facts.join(' · '), '', key.doc];
  if (key.type === 'bool') lines.push('', 'Accepted: `true`, `yes`, `on`, `1`, `false`, `no`, `off`, `0` (any case); the name alone means true.');
  lines.push('', `${key.since ? `Read by driver v${key.since} and later. ` : ''}${SOURCE}.`);
  return lines.join('\n');
}

export function sectionMarkdown(section: ConfSectionInfo): string {
  const lines = [`**\`${section.example}\`**`, '', section.doc];
  if (section.subsectionDoc) lines.push('', `Subsection name: ${section.subsectionDoc}`);
  const keys = section.keys.filter((k) => !k.internal).map((k) => `\`${k.name}\``);
  if (keys.length) lines.push('', `Keys: ${keys.join(', ')}.`);
  lines.push('', `${section.since ? `Read by driver v${section.since} and later. ` : ''}${SOURCE}.`);
  return lines.join('\n');
}

function unknownKeyMarkdown(section: ConfSection, name: string): string {
  const lower = name.toLowerCase();
  const removed = removedKey(section.lower, lower);
  if (removed) return `**\`${name}\`** — ${removed.doc} Last read by driver v${removed.lastVersion}.`;
  const foreign = FOREIGN_KEYS[lower];
  if (foreign) return `**\`${name}\`** is ${foreign.says}. The CSI driver ignores it.`;
  return `**\`${name}\`** is not a key the vSphere CSI driver reads in \`[${section.name}]\`; gcfg ignores it without a word.`;
}

function within(offset: number, start: number | undefined, end: number | undefined): boolean {
  return start !== undefined && end !== undefined && offset >= start && offset <= end;
}

export function hover(fragment: Fragment<CsiConf>, offset: number): FragmentHover | undefined {
  for (const section of fragment.parsed.doc.sections) {
    const info = sectionInfo(section.lower);
    if (within(offset, section.nameStart, section.nameEnd)) {
      const contents = info
        ? sectionMarkdown(info)
        : FOREIGN_SECTIONS[section.lower]
          ? `\`[${section.name}]\`: ${FOREIGN_SECTIONS[section.lower]}. The CSI driver ignores it.`
          : `\`[${section.name}]\` is not a section the vSphere CSI driver reads; gcfg ignores it and every key in it.`;
      return { contents, span: [section.nameStart, section.nameEnd] };
    }
    if (within(offset, section.subStart, section.subEnd) && info?.subsectionDoc) {
      return { contents: `**\`${section.subsection}\`** — ${info.subsectionDoc}`, span: [section.subStart!, section.subEnd!] };
    }
    for (const entry of section.entries) {
      const onName = within(offset, entry.nameStart, entry.nameEnd);
      const onValue = entry.value !== undefined && within(offset, entry.value.start, entry.value.end);
      if (!onName && !onValue) continue;
      const key = info && keyInfo(info, entry.lower);
      let contents = key ? keyMarkdown(info!, key) : unknownKeyMarkdown(section, entry.name);
      if (onValue && entry.value && entry.value.raw !== entry.value.text) {
        contents += `\n\nThe driver reads the value as \`${JSON.stringify(entry.value.text).slice(1, -1)}\`.`;
      }
      const span: [number, number] = onName ? [entry.nameStart, entry.nameEnd] : [entry.value!.start, entry.value!.end];
      return { contents, span };
    }
  }
  return undefined;
}

/** The section whose header comes last before `offset`. */
function sectionAt(fragment: Fragment<CsiConf>, offset: number): ConfSection | undefined {
  let found: ConfSection | undefined;
  for (const section of fragment.parsed.doc.sections) if (section.end <= offset) found = section;
  return found;
}

export function complete(fragment: Fragment<CsiConf>, offset: number, config: ResolvedConfig): FragmentCompletion[] {
  const { text } = fragment;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lineEnd = text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset);
  const after = text.slice(offset, lineEnd);
  const sections = CONF_SECTIONS.filter((s) => !s.guestOnly || config.driver.flavor === 'guest');

  const header = /^\s*\[\s*([\p{L}\p{Nd}_-]*)$/u.exec(before);
  if (header) {
    const partial = header[1]!;
    const closes = after.includes(']');
    return sections.map((s) => ({
      label: s.name,
      insertText: closes ? s.name : s.subsection === 'map' ? s.example.slice(1) : `${s.name}]`,
      documentation: sectionMarkdown(s),
      detail: s.subsection === 'map' ? 'section with a quoted subsection name' : 'section',
      kind: 'section' as const,
      replace: [offset - partial.length, offset] as [number, number],
    }));
  }

  const current = sectionAt(fragment, lineStart);
  const keyPosition = /^\s*([\p{L}\p{Nd}_-]*)$/u.exec(before);
  if (keyPosition) {
    const partial = keyPosition[1]!;
    const replace: [number, number] = [offset - partial.length, offset];
    const info = current && sectionInfo(current.lower);
    if (!info) {
      return sections.map((s) => ({ label: s.example, insertText: s.example, documentation: sectionMarkdown(s), kind: 'section' as const, replace }));
    }
    const present = new Set(current!.entries.filter((e) => e.nameEnd < replace[0] || e.nameStart > offset).map((e) => e.lower));
    return info.keys
      .filter((k) => !k.internal && !present.has(k.name.toLowerCase()))
      .map((k) => ({
        label: k.name,
        insertText: `${k.name} = `,
        documentation: keyMarkdown(info, k),
        detail: typeLabel(k),
        kind: 'key' as const,
        replace,
      }));
  }

  const valuePosition = /^\s*([\p{L}\p{Nd}_-]+)\s*=\s*("?)([^"#;]*)$/u.exec(before);
  const info = current && sectionInfo(current.lower);
  if (!valuePosition || !info) return [];
  const key = keyInfo(info, valuePosition[1]!.toLowerCase());
  if (!key) return [];
  const quoted = valuePosition[2] === '"';
  const partial = valuePosition[3]!;
  const replace: [number, number] = [offset - partial.length, offset];
  const values: Array<{ label: string; documentation?: string }> = [];
  if (key.type === 'bool') values.push({ label: 'true' }, { label: 'false' });
  if (key.values) values.push(...key.values.map((label) => ({ label })));
  if (key.format === 'label') values.push(...TOPOLOGY_LABEL_DOMAINS.flatMap((d) => [`${d}/zone`, `${d}/region`]).map((label) => ({ label })));
  if (key.format === 'port' && info.name !== 'GC') values.push({ label: '443', documentation: 'The default vCenter port.' });
  if (key.format === 'categories') values.push({ label: 'k8s-region,k8s-zone', documentation: 'The categories the driver’s examples use.' });
  return values.map(({ label, documentation }) => ({
    label,
    insertText: key.type === 'bool' || quoted || key.type === 'int' ? label : `"${label}"`,
    ...(documentation ? { documentation } : {}),
    detail: `${key.name} value`,
    kind: 'value' as const,
    replace,
  }));
}
