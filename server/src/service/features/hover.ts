// Hover: what a field means (provisioner, every StorageClass parameter key and value, fstype,
// access and volume modes, storageClassName with the class it resolves to, topology keys,
// snapshot classes, feature states), what a finding under the cursor means, with **Source** lines
// citing the notes and the driver. Inside an embedded fragment (csi-vsphere.conf, VM settings,
// ESXi commands) the fragment language's own hover answers. Pure.
import type { ResolvedConfig } from '../config.js';
import { HIGH_DENSITY_FEATURE, LEGACY_HIGH_DENSITY_FEATURE } from '../knowledge/limits.js';
import type { ParsedFile } from '../parse.js';
import { resolveClaimClass } from '../rules/helpers.js';
import { ruleDocsUrl } from '../rules/docs.js';
import type { RuleRegistry } from '../rules/index.js';
import type { Finding } from '../types.js';
import type { Location, StorageClassEntry, WorkspaceIndex } from '../workspaceIndex.js';
import { getNode, getString } from '../yaml/ast.js';
import { cursorAt, fragmentAt, type CursorInfo } from './cursor.js';
import {
  ACCESS_MODES,
  BINDING_MODES,
  PROVISIONERS,
  SNAPSHOT_CLASS,
  VOLUME_MODES,
  fstypeTopic,
  parameterTopic,
  renderTopic,
  sourceLines,
  topologyKeyTopic,
  volumeLimitTopic,
  type Topic,
} from './reference.js';

export interface HoverContext {
  /** The parsed document(s) around the offset. */
  file: ParsedFile;
  offset: number;
  /** The findings of the whole file (those under the cursor are explained). */
  findings: readonly Finding[];
  config: ResolvedConfig;
  index: WorkspaceIndex;
  registry: RuleRegistry;
  /** How to name a file in text (e.g. relative to the workspace folder). */
  describeUri?: (uri: string) => string;
}

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

const SEPARATOR = '\n\n---\n\n';

function link(location: Location, describe: (uri: string) => string): string {
  const line = location.range.start.line + 1;
  return `[${describe(location.uri)}:${line}](${location.uri}#L${line})`;
}

/**
 * Explains the findings under the cursor: the rule, what it means in our words, sources, docs
 * link. The message itself is not repeated: editors show it next to the hover already. Only a
 * finding whose rule has no documentation falls back to its message.
 */
export function findingHover(findings: readonly Finding[], offset: number, registry: RuleRegistry): { markdown: string; start: number; end: number } | undefined {
  const here = findings.filter((f) => f.start <= offset && offset <= Math.max(f.end, f.start + 1));
  if (here.length === 0) return undefined;
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const finding of here) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const meta = registry.meta(finding.ruleId);
    if (!meta) {
      sections.push(`**${finding.ruleId}** (${finding.severity}): ${finding.message}`);
      continue;
    }
    const lines = [`**${finding.ruleId}** (${finding.severity})`, '', `_What it means:_ ${meta.why}`];
    const sources = sourceLines(meta.citations);
    if (sources.length) lines.push('', ...sources.flatMap((s) => [s, '']));
    lines.push(`[Rule documentation](${ruleDocsUrl(meta.id)})`);
    sections.push(lines.join('\n').trimEnd());
  }
  return { markdown: sections.join(SEPARATOR), start: Math.min(...here.map((f) => f.start)), end: Math.max(...here.map((f) => f.end)) };
}

function classSummary(entry: StorageClassEntry, describe: (uri: string) => string): string {
  const p = entry.parameters;
  const rows = [
    `- provisioner: \`${entry.provisioner ?? '(none)'}\``,
    ...(p['storagepolicyname'] !== undefined ? [`- storage policy: \`${p['storagepolicyname']}\``] : []),
    ...(p['datastoreurl'] !== undefined ? [`- datastore: \`${p['datastoreurl']}\``] : []),
    ...((p['csi.storage.k8s.io/fstype'] ?? p['fstype']) !== undefined ? [`- fstype: \`${p['csi.storage.k8s.io/fstype'] ?? p['fstype']}\``] : []),
    ...(entry.volumeBindingMode ? [`- volumeBindingMode: \`${entry.volumeBindingMode}\``] : []),
    ...(entry.allowVolumeExpansion !== undefined ? [`- allowVolumeExpansion: \`${String(entry.allowVolumeExpansion)}\``] : []),
    ...(entry.isDefault ? ['- the default StorageClass'] : []),
  ];
  return [`StorageClass \`${entry.name}\` in ${link(entry.location, describe)}`, '', ...rows].join('\n');
}

function storageClassNameHover(name: string | null | undefined, context: HoverContext, describe: (uri: string) => string): string {
  const resolution = resolveClaimClass(name, context.index, context.config);
  switch (resolution.kind) {
    case 'workspace': {
      const all = resolution.viaDefault ? context.index.defaultStorageClasses : (context.index.storageClasses.get(resolution.entry.name) ?? []);
      const head = resolution.viaDefault ? `**No storageClassName:** the default class applies.` : `**storageClassName: ${resolution.entry.name}** resolves to`;
      const more = all.length > 1 ? `\n\n${all.length} ${resolution.viaDefault ? 'default classes' : 'classes of that name'} in the workspace: ${all.map((e) => link(e.location, describe)).join(', ')}; the first is used here.` : '';
      return `${head}\n\n${classSummary(resolution.entry, describe)}${more}`;
    }
    case 'cluster':
      return `**storageClassName: ${resolution.name}**\n\nNot in the workspace; \`.vsphere-csi.yaml\` lists it under \`storageClasses\` (it exists in the cluster and is treated as a vSphere class).`;
    case 'missing':
      return `**storageClassName: ${resolution.name}**\n\nNo StorageClass of this name in the workspace or in \`storageClasses\` of \`.vsphere-csi.yaml\`: unless it exists in the cluster, the claim stays Pending.`;
    case 'none':
      return '**storageClassName: ""**\n\nNo class: the claim binds only to an existing PersistentVolume without a class (static provisioning).';
    case 'cluster-default':
      return '**No storageClassName**\n\nNo default StorageClass in the workspace: the cluster\'s default class decides.';
  }
}

/** Claims of the workspace that use a class, by access mode. */
function claimsOfClass(name: string | undefined, index: WorkspaceIndex): string | undefined {
  if (!name) return undefined;
  const modes = new Map<string, number>();
  let count = 0;
  for (const list of index.claims.values()) {
    for (const claim of list) {
      if (claim.storageClassName !== name) continue;
      count++;
      for (const mode of claim.accessModes) modes.set(mode, (modes.get(mode) ?? 0) + 1);
    }
  }
  if (count === 0) return undefined;
  return `Claims of this class in the workspace: ${count} (${[...modes].map(([m, n]) => `${m} ${n}`).join(', ')}).`;
}

function inventoryNote(key: string, value: string, config: ResolvedConfig): string | undefined {
  if (key === 'storagepolicyname') {
    if (!config.storagePolicies) return 'No `storagePolicies` inventory in `.vsphere-csi.yaml`: the name is not checked.';
    return config.storagePolicies.includes(value)
      ? `\`${value}\` is in the inventory (\`storagePolicies\` of \`.vsphere-csi.yaml\`).`
      : `**\`${value}\` is not in the inventory** (\`storagePolicies\`: ${config.storagePolicies.map((p) => `\`${p}\``).join(', ') || 'none'}).`;
  }
  if (key === 'datastoreurl') {
    if (!config.datastores) return 'No `datastores` inventory in `.vsphere-csi.yaml`: the URL is not checked.';
    const known = config.datastores.find((d) => d.url === value);
    if (!known) return `**Not in the inventory** (\`datastores\` of \`.vsphere-csi.yaml\`).`;
    const facts = [known.name && `name \`${known.name}\``, known.type && `type ${known.type}`, known.fileServices !== undefined && `vSAN File Services ${known.fileServices ? 'enabled' : 'disabled'}`].filter(Boolean);
    return `In the inventory${facts.length ? `: ${facts.join(', ')}` : ''}.`;
  }
  return undefined;
}

function topicFor(cursor: CursorInfo, context: HoverContext, describe: (uri: string) => string): string | undefined {
  const object = cursor.object;
  if (!object) return undefined;
  const { doc, node } = object;
  const path = cursor.path;
  const value = cursor.role === 'value' && cursor.scalar ? (cursor.scalar.value === null ? '' : String(cursor.scalar.value)) : undefined;
  const last = path[path.length - 1];
  const render = (topic: Topic | undefined, extra?: string) => (topic ? `${renderTopic(topic, context.registry)}${extra ? `\n\n${extra}` : ''}` : undefined);
  switch (object.kind) {
    case 'StorageClass': {
      const provisioner = getString(node, ['provisioner'], doc);
      if (path.length === 1 && last === 'provisioner') {
        if (value !== undefined) {
          return render(PROVISIONERS[value]) ?? `**provisioner: ${value}**\n\nNot the vSphere CSI driver (\`csi.vsphere.vmware.com\`): the vSphere rules leave this class alone.`;
        }
        return render(PROVISIONERS['csi.vsphere.vmware.com']);
      }
      if (path[0] === 'parameters' && path.length === 2 && typeof last === 'string') {
        const lower = last.toLowerCase();
        const topic = parameterTopic(last, context.config.driver.flavor, provisioner);
        if (cursor.role === 'key' || value === undefined) return render(topic) ?? `**parameters: ${last}**\n\nNot a parameter the vSphere CSI driver knows.`;
        if (lower === 'fstype' || last === 'csi.storage.k8s.io/fstype') {
          return render(fstypeTopic(value), claimsOfClass(object.name, context.index));
        }
        const note = inventoryNote(lower, value, context.config);
        return render(topic, note) ?? note;
      }
      if (path.length === 1 && last === 'volumeBindingMode' && value !== undefined) return render(BINDING_MODES[value]);
      if (path[0] === 'allowedTopologies' && last === 'key' && value !== undefined) {
        const categories = [...(context.config.topology?.categories ?? []), ...context.index.topologyCategories.flatMap((e) => e.categories)];
        return render(topologyKeyTopic(value, [...new Set(categories)]));
      }
      return undefined;
    }
    case 'VolumeSnapshotClass': {
      if (path.length === 1 && (last === 'driver' || last === 'deletionPolicy' || last === 'kind')) return render(SNAPSHOT_CLASS[last]);
      if (path[0] === 'parameters') return render(SNAPSHOT_CLASS['parameters']);
      return undefined;
    }
    case 'VolumeSnapshot': {
      if (last === 'volumeSnapshotClassName' && value !== undefined) {
        const entries = context.index.snapshotClasses.get(value) ?? [];
        if (entries.length === 0) return `**volumeSnapshotClassName: ${value}**\n\nNo VolumeSnapshotClass of this name in the workspace.`;
        const entry = entries[0]!;
        return `**volumeSnapshotClassName: ${value}** resolves to\n\nVolumeSnapshotClass \`${entry.name}\` in ${link(entry.location, describe)} (driver \`${entry.driver ?? '(none)'}\`)`;
      }
      return undefined;
    }
    case 'FeatureStates': {
      if (path[0] === 'data' && (last === HIGH_DENSITY_FEATURE || last === LEGACY_HIGH_DENSITY_FEATURE)) return render(volumeLimitTopic(last));
      return undefined;
    }
    default:
      break;
  }
  // Claims: PersistentVolumeClaim specs, volumeClaimTemplates, ephemeral volumes, PersistentVolumes.
  const modeIndex = path.lastIndexOf('accessModes');
  if (modeIndex !== -1 && modeIndex >= path.length - 2) {
    if (value !== undefined && ACCESS_MODES[value]) return render(ACCESS_MODES[value]);
    if (cursor.role === 'key') return Object.values(ACCESS_MODES).map((t) => `**${t.title.replace('accessModes: ', '')}**: ${t.markdown}`).join('\n\n');
    return undefined;
  }
  if (last === 'volumeMode' && value !== undefined) return render(VOLUME_MODES[value]);
  if (last === 'storageClassName') {
    if (cursor.role === 'value') return storageClassNameHover(value, context, describe);
    const spec = getNode(node, path.slice(0, -1), doc);
    const current = spec ? getString(spec, ['storageClassName'], doc) : undefined;
    return storageClassNameHover(current, context, describe);
  }
  return undefined;
}

export function hover(context: HoverContext): HoverResult | undefined {
  const { file, offset } = context;
  const describe = context.describeUri ?? ((uri: string) => uri.slice(uri.lastIndexOf('/') + 1));
  const parts: string[] = [];
  let span: [number, number] | undefined;
  const found = findingHover(context.findings, offset, context.registry);
  if (found) {
    parts.push(found.markdown);
    span = [found.start, found.end];
  }
  const inFragment = fragmentAt(file.fragments, offset);
  if (inFragment) {
    const support = context.registry.fragmentSupports.get(inFragment.parsed.support);
    const result = support?.hover?.(inFragment.parsed.fragment, inFragment.offset, context.config);
    if (result) {
      parts.push(result.contents);
      const start = inFragment.parsed.fragment.toFileOffset(result.span[0]);
      const end = inFragment.parsed.fragment.toFileOffset(result.span[1]);
      if (start !== undefined && end !== undefined && end >= start) span = [start, end];
    }
  } else {
    const cursor = cursorAt(file, offset);
    const topic = cursor && topicFor(cursor, context, describe);
    if (topic && cursor) {
      parts.push(topic);
      if (cursor.span) span = cursor.span;
    }
  }
  if (parts.length === 0 || !span) return undefined;
  return { markdown: parts.join(SEPARATOR), start: span[0], end: span[1] };
}
