// Completion: StorageClass parameter keys with their docs (per flavor), fstype values valid for
// the access modes of the claims using the class, storagepolicyname values and datastore URLs from
// the inventory, storageClassName from the workspace's classes, topology keys from the configured
// categories, provisioner names, and the enumerations (access modes, volume modes, binding
// modes). Works on the text around the cursor, so half-typed, unparsable YAML still completes.
// Inside an embedded fragment the fragment language's own completion answers. Pure.
import type { ResolvedConfig } from '../config.js';
import { IN_TREE_PROVISIONER, VSPHERE_CSI_DRIVER, type WorkspaceIndex } from '../workspaceIndex.js';
import type { ParsedFile } from '../parse.js';
import type { RuleRegistry } from '../rules/index.js';
import { CSI_TOPOLOGY_PREFIX, LEGACY_TOPOLOGY_KEYS } from '../knowledge/topologyKeys.js';
import { formatString } from '../yaml/edits.js';
import { fragmentAt } from './cursor.js';
import { ACCESS_MODES, BINDING_MODES, PROVISIONERS, RECLAIM_POLICIES, SNAPSHOT_CLASS, VOLUME_MODES, fstypesFor, parameterKeysFor, renderTopic, topologyKeyTopic } from './reference.js';

export type CompletionKind = 'key' | 'value' | 'class' | 'enum' | 'file' | 'snippet' | 'section';

export interface CompletionItemData {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces [replaceStart, replaceEnd). */
  insertText: string;
  replaceStart: number;
  replaceEnd: number;
  sortText?: string;
  deprecated?: boolean;
}

export interface CompletionContext {
  text: string;
  offset: number;
  /** The parsed chunk around the offset, when there is one (for fragments). */
  file?: ParsedFile;
  config: ResolvedConfig;
  index: WorkspaceIndex;
  registry: RuleRegistry;
  describeUri?: (uri: string) => string;
}

interface Line {
  start: number;
  text: string;
}

/** Where the cursor is, read from the lines of its YAML document. */
export interface LineContext {
  /** Keys from the document root to the cursor's key; `-` marks a sequence item. */
  path: string[];
  /** Completing a key (true) or the value of `path`'s last key. */
  atKey: boolean;
  /** Start and end of the word being completed (offsets), and whether it is inside quotes. */
  wordStart: number;
  wordEnd: number;
  quote: '"' | "'" | undefined;
  /** The document's top-level `kind`. */
  kind: string | undefined;
  /** The document's `metadata.name`. */
  name: string | undefined;
  /** Keys already present beside the cursor's key (same parent and indentation). */
  siblings: Set<string>;
  /** The StorageClass provisioner of the document. */
  provisioner: string | undefined;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  return { start, text: text.slice(start, end).replace(/\r$/, '') };
}

function docBounds(text: string, offset: number): [number, number] {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let end = text.length;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index < offset) start = m.index;
    else {
      end = m.index;
      break;
    }
    if (m.index >= offset) break;
  }
  return [start, end];
}

const KEY_LINE = /^(\s*)((?:-\s+)*)([^\s#'"{[\]}][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s|$)/;

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/** Reads the YAML structure around `offset` from indentation (no parser needed). */
export function lineContext(text: string, offset: number): LineContext | undefined {
  const [docStart, docEnd] = docBounds(text, offset);
  const doc = text.slice(docStart, docEnd);
  const line = lineAt(text, offset);
  const beforeCursor = text.slice(line.start, offset);
  if (/^\s*#/.test(beforeCursor) || /\s#/.test(beforeCursor)) return undefined;
  // The indentation of the cursor's key, counting `- ` as indentation.
  const indentMatch = /^(\s*(?:-\s+)*)/.exec(beforeCursor)!;
  const keyIndent = indentMatch[1]!.length;
  const dashes = (indentMatch[1]!.match(/-/g) ?? []).length;
  const colon = /^(\s*(?:-\s+)*)([^:#]*?)\s*:(\s+|$)/.exec(line.text);
  let atKey = true;
  let ownKey: string | undefined;
  let wordStart: number;
  let wordEnd: number;
  let quote: '"' | "'" | undefined;
  if (colon && line.start + colon[0].length <= offset) {
    atKey = false;
    ownKey = unquote(colon[2]!.trim());
    const valueStart = line.start + colon[0].length;
    const rest = text.slice(valueStart, line.start + line.text.length);
    const commentAt = rest.search(/\s#/);
    const value = commentAt === -1 ? rest : rest.slice(0, commentAt);
    quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : undefined;
    wordStart = valueStart + (quote ? 1 : 0);
    const body = value.replace(/\s+$/, '');
    wordEnd = valueStart + (quote && body.endsWith(quote) && body.length > 1 ? body.length - 1 : body.length);
    if (offset < wordStart) wordStart = offset;
    if (wordEnd < offset) wordEnd = offset;
  } else {
    // A key being typed, or a sequence item value (`- Read|`).
    wordStart = line.start + keyIndent;
    const tail = /^[^:#\s]*/.exec(text.slice(offset, line.start + line.text.length))?.[0] ?? '';
    wordEnd = offset + tail.length;
    const itemValue = dashes > 0 && !colon;
    if (itemValue) atKey = false;
  }
  // Parents: walk up to lines with smaller indentation.
  const path: string[] = [];
  let indent = keyIndent;
  const linesAbove = text.slice(docStart, line.start).split('\n');
  linesAbove.pop(); // the empty remainder before the cursor's line
  const siblings = new Set<string>();
  let siblingIndent: number | undefined = keyIndent;
  for (let i = linesAbove.length - 1; i >= 0 && indent > 0; i--) {
    const raw = linesAbove[i]!.replace(/\r$/, '');
    if (/^\s*(#.*)?$/.test(raw) || /^---/.test(raw)) continue;
    const m = KEY_LINE.exec(raw);
    const lead = /^(\s*)/.exec(raw)![1]!.length;
    const dashPrefix = /^(\s*(?:-\s+)*)/.exec(raw)![1]!.length;
    if (siblingIndent !== undefined && dashPrefix === siblingIndent && m) siblings.add(unquote(m[3]!.trim()));
    if (lead < indent) {
      if (dashPrefix >= indent && dashPrefix > lead) {
        // `- key: v` whose item holds the cursor's key: the item is the parent.
        path.unshift('-');
        indent = lead;
        siblingIndent = undefined;
        if (m) {
          // The item's own first key is at the cursor's level: it is a sibling.
          siblings.add(unquote(m[3]!.trim()));
        }
        continue;
      }
      if (m) path.unshift(unquote(m[3]!.trim()));
      else if (/^\s*-\s*$/.test(raw)) path.unshift('-');
      indent = lead;
      siblingIndent = undefined;
    }
  }
  // Keys below the cursor at the same level are siblings too.
  const linesBelow = text.slice(line.start + line.text.length + 1, docEnd).split('\n');
  for (const raw of linesBelow) {
    if (/^\s*(#.*)?$/.test(raw)) continue;
    const lead = /^(\s*(?:-\s+)*)/.exec(raw)![1]!.length;
    if (lead < keyIndent || (lead === keyIndent && /^\s*-/.test(raw) && dashes === 0)) break;
    const m = KEY_LINE.exec(raw);
    if (lead === keyIndent && m) siblings.add(unquote(m[3]!.trim()));
  }
  for (let d = 0; d < dashes; d++) path.push('-');
  if (ownKey !== undefined) path.push(ownKey);
  const top = (key: string) => new RegExp(`^${key}:[ \\t]*["']?([^"'#\\r\\n]*?)["']?[ \\t]*(?:#.*)?$`, 'm').exec(doc)?.[1]?.trim() || undefined;
  const name = /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:[ \t]*["']?([^"'#\r\n]+?)["']?[ \t]*(?:#.*)?$/m.exec(doc)?.[1];
  return { path, atKey, wordStart, wordEnd, quote, kind: top('kind'), name, siblings, provisioner: top('provisioner') };
}

function valueText(value: string, quote: '"' | "'" | undefined): string {
  if (quote === '"') return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (quote === "'") return value.replace(/'/g, "''");
  return formatString(value);
}

const CLAIM_CONTEXT = new Set(['PersistentVolumeClaim', 'StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod', 'PersistentVolume']);

const STORAGE_CLASS_FIELDS: Array<{ key: string; detail: string; snippet: string }> = [
  { key: 'provisioner', detail: 'the driver that creates the volumes', snippet: `provisioner: ${VSPHERE_CSI_DRIVER}` },
  { key: 'parameters', detail: 'driver parameters (storage policy, datastore, fstype)', snippet: 'parameters:\n  ' },
  { key: 'reclaimPolicy', detail: 'Delete or Retain', snippet: 'reclaimPolicy: Delete' },
  { key: 'allowVolumeExpansion', detail: 'whether claims can grow', snippet: 'allowVolumeExpansion: true' },
  { key: 'volumeBindingMode', detail: 'Immediate or WaitForFirstConsumer', snippet: 'volumeBindingMode: WaitForFirstConsumer' },
  { key: 'allowedTopologies', detail: 'restrict volumes to zones', snippet: 'allowedTopologies:\n  - matchLabelExpressions:\n      - key: topology.csi.vmware.com/k8s-zone\n        values: []' },
];

export function complete(context: CompletionContext): CompletionItemData[] {
  const { text, offset, config, index, registry } = context;
  const inFragment = context.file ? fragmentAt(context.file.fragments, offset) : undefined;
  if (inFragment) {
    const support = registry.fragmentSupports.get(inFragment.parsed.support);
    const fragment = inFragment.parsed.fragment;
    const items = support?.complete?.(fragment, inFragment.offset, config) ?? [];
    return items.flatMap((item) => {
      const replace = item.replace ?? [inFragment.offset, inFragment.offset];
      const start = fragment.toFileOffset(replace[0]);
      const end = fragment.toFileOffset(replace[1]);
      if (start === undefined || end === undefined) return [];
      return [
        {
          label: item.label,
          kind: item.kind === 'key' ? 'key' : item.kind === 'section' ? 'section' : item.kind === 'snippet' ? 'snippet' : 'value',
          insertText: item.insertText ?? item.label,
          replaceStart: start,
          replaceEnd: end,
          ...(item.detail ? { detail: item.detail } : {}),
          ...(item.documentation ? { documentation: item.documentation } : {}),
        } satisfies CompletionItemData,
      ];
    });
  }
  const at = lineContext(text, offset);
  if (!at) return [];
  const describe = context.describeUri ?? ((uri: string) => uri.slice(uri.lastIndexOf('/') + 1));
  const { path, atKey, kind } = at;
  const last = path[path.length - 1];
  const parent = atKey ? last : path[path.length - 2];
  const out: CompletionItemData[] = [];
  const push = (label: string, itemKind: CompletionKind, extra: Partial<CompletionItemData> = {}) =>
    out.push({ label, kind: itemKind, insertText: atKey ? label : valueText(label, at.quote), replaceStart: at.wordStart, replaceEnd: at.wordEnd, ...extra });
  const value = (label: string, extra: Partial<CompletionItemData> = {}) => push(label, 'value', extra);
  const flavor = config.driver.flavor;

  if (kind === 'StorageClass') {
    if (atKey && path.length === 1 && parent === 'parameters') {
      for (const { key, topic } of parameterKeysFor(flavor)) {
        if (at.siblings.has(key) || [...at.siblings].some((s) => s.toLowerCase() === key.toLowerCase())) continue;
        out.push({ label: key, kind: 'key', detail: `StorageClass parameter (${flavor})`, documentation: renderTopic(topic, registry), insertText: `${key}: `, replaceStart: at.wordStart, replaceEnd: at.wordEnd });
      }
      return out;
    }
    if (atKey && path.length === 0) {
      for (const field of STORAGE_CLASS_FIELDS) {
        if (at.siblings.has(field.key)) continue;
        out.push({ label: field.key, kind: 'key', detail: field.detail, insertText: field.snippet, replaceStart: at.wordStart, replaceEnd: at.wordEnd });
      }
      return out;
    }
    if (!atKey && path.length === 1 && last === 'provisioner') {
      for (const [name, topic] of Object.entries(PROVISIONERS)) {
        if (name !== VSPHERE_CSI_DRIVER && name !== IN_TREE_PROVISIONER) continue;
        value(name, { detail: name === VSPHERE_CSI_DRIVER ? 'vSphere CSI driver' : 'removed in-tree plugin (deprecated)', documentation: renderTopic(topic, registry), deprecated: name === IN_TREE_PROVISIONER, sortText: name === VSPHERE_CSI_DRIVER ? '0' : '1' });
      }
      return out;
    }
    if (!atKey && path.length === 2 && path[0] === 'parameters' && last) {
      const lower = last.toLowerCase();
      if (lower === 'storagepolicyname') {
        for (const policy of config.storagePolicies ?? []) value(policy, { detail: 'storage policy (inventory)' });
      } else if (lower === 'datastoreurl') {
        for (const ds of config.datastores ?? []) {
          value(ds.url, {
            detail: [ds.name, ds.type, ds.fileServices ? 'File Services' : undefined].filter(Boolean).join(' · ') || 'datastore (inventory)',
            documentation: `Datastore${ds.name ? ` \`${ds.name}\`` : ''} from \`.vsphere-csi.yaml\`${ds.type ? `, type ${ds.type}` : ''}${ds.fileServices !== undefined ? `, vSAN File Services ${ds.fileServices ? 'enabled' : 'disabled'}` : ''}.`,
          });
        }
      } else if (lower === 'fstype' || last === 'csi.storage.k8s.io/fstype') {
        const modes = new Set<string>();
        for (const list of index.claims.values()) for (const claim of list) if (at.name && claim.storageClassName === at.name) for (const m of claim.accessModes) modes.add(m);
        const why = modes.size ? ` (claims of this class use ${[...modes].join(', ')})` : '';
        fstypesFor(modes).forEach((f, i) => value(f.value, { detail: `${f.detail}${why}`, sortText: String(i) }));
      }
      return out;
    }
    if (!atKey && last === 'volumeBindingMode') {
      for (const [mode, topic] of Object.entries(BINDING_MODES)) value(mode, { documentation: renderTopic(topic, registry) });
      return out;
    }
    if (!atKey && last === 'reclaimPolicy') {
      for (const policy of RECLAIM_POLICIES) value(policy);
      return out;
    }
    if (!atKey && last === 'key' && path[0] === 'allowedTopologies') {
      const categories = [...new Set([...(config.topology?.categories ?? []), ...index.topologyCategories.flatMap((e) => e.categories)])];
      const keys = [...(categories.length ? categories : ['k8s-region', 'k8s-zone']).map((c) => `${CSI_TOPOLOGY_PREFIX}${c}`), ...LEGACY_TOPOLOGY_KEYS];
      keys.forEach((key, i) => value(key, { detail: i < (categories.length || 2) ? (categories.length ? 'configured category' : 'driver default categories') : 'legacy zone/region labels', documentation: renderTopic(topologyKeyTopic(key, categories), registry), sortText: String(i).padStart(3, '0') }));
      return out;
    }
  }
  if (kind === 'VolumeSnapshotClass' && !atKey && path.length === 1) {
    if (last === 'driver') value(VSPHERE_CSI_DRIVER, { documentation: renderTopic(SNAPSHOT_CLASS['driver']!, registry) });
    else if (last === 'deletionPolicy') for (const policy of RECLAIM_POLICIES) value(policy);
    return out;
  }
  if (!atKey && last === 'volumeSnapshotClassName') {
    for (const [name, entries] of index.snapshotClasses) value(name, { detail: `VolumeSnapshotClass · ${describe(entries[0]!.location.uri)}` });
    return out;
  }
  if (kind && CLAIM_CONTEXT.has(kind)) {
    if (!atKey && last === 'storageClassName') {
      const names = new Set<string>();
      for (const name of index.storageClassNames) {
        names.add(name);
        const entry = index.storageClasses.get(name)![0]!;
        value(name, {
          kind: 'class',
          detail: `${entry.provisioner ?? 'StorageClass'} · ${describe(entry.location.uri)}`,
          documentation: [
            `StorageClass \`${name}\`${entry.isDefault ? ' (default)' : ''}`,
            ...Object.entries(entry.parameters).map(([k, v]) => `- ${k}: \`${v}\``),
          ].join('\n'),
        });
      }
      for (const name of config.storageClasses) if (!names.has(name)) value(name, { kind: 'class', detail: 'in the cluster (.vsphere-csi.yaml storageClasses)' });
      return out;
    }
    if (!atKey && (last === 'accessModes' || (last === '-' && path[path.length - 2] === 'accessModes'))) {
      for (const [mode, topic] of Object.entries(ACCESS_MODES)) push(mode, 'enum', { documentation: renderTopic(topic, registry) });
      return out;
    }
    if (!atKey && last === 'volumeMode') {
      for (const [mode, topic] of Object.entries(VOLUME_MODES)) push(mode, 'enum', { documentation: renderTopic(topic, registry) });
      return out;
    }
  }
  return out;
}
