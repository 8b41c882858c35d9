// Writes what `inventory pull` read from vCenter into the inventory part of `.vsphere-csi.yaml`
// (storagePolicies, datastores, topology.categories, vsphere.version), through the `yaml`
// Document API so the user's comments, key order and other keys stay as they are. Pure: text in,
// text and a list of changes out.
//
// How each section is updated:
// - storagePolicies: the names vCenter has. Names still there keep their place (and comments),
//   names gone are removed, new names are appended in alphabetical order.
// - datastores: matched by URL (a trailing slash does not matter). Matched entries get vCenter's
//   url, name and type; fileServices only when vCenter says (a value the user wrote is kept when
//   vCenter does not know). Gone entries are removed, new ones appended by name. Entries without a
//   url are left alone. With a datacenter filter the list is that datacenter's datastores.
// - topology.categories: the categories csi-vsphere.conf names ([Labels] topology-categories),
//   which vCenter cannot know. A category can serve when its tags may be attached to datacenters,
//   clusters or hosts (the objects whose tags the driver reads for a node's zone and region), or
//   to every type. An existing list keeps the categories that still exist and can serve (others
//   are removed) and gains none: new ones are reported as available. Without a list, the usable
//   categories are written when there are at most five (the driver's maximum); with more, none
//   are written and all are reported as available.
// - vsphere.version: the lowest of the vCenter and ESXi versions, as major.minor.patch; left as
//   written when it names the same version (`7.0U3` and `7.0.3`).
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { DatastoreFacts, PulledInventory, TagCategoryInfo } from '../../vcenter/types.js';
import { compareVersions, parseVersion, type VersionTriple } from '../util/version.js';

/** The most categories csi-vsphere.conf may list in topology-categories (schema maxItems). */
export const MAX_TOPOLOGY_CATEGORIES = 5;

/** Associable types (vSphere managed object types) whose tags the driver reads for topology. */
export const TOPOLOGY_OBJECT_TYPES: readonly string[] = ['Datacenter', 'ClusterComputeResource', 'HostSystem'];

const DATASTORE_TYPES = ['vsan', 'vmfs', 'nfs', 'nfs41', 'vvol', 'vsanD', 'pmem', 'other'] as const;

export interface MergeOptions {
  /** Shown in the header comment of a new file (e.g. the vCenter host name). */
  source?: string;
}

export interface SectionChanges {
  added: string[];
  removed: string[];
  /** Entries whose fields changed (datastores: by URL). */
  updated: string[];
  unchanged: string[];
}

export interface InventoryChanges {
  storagePolicies: SectionChanges;
  /** Datastores by URL. */
  datastores: SectionChanges;
  topologyCategories: SectionChanges & {
    /** Usable categories vCenter has that the file does not list (not added, see above). */
    available: string[];
  };
  vsphereVersion: { before?: string; after?: string; changed: boolean };
}

export interface MergeResult {
  text: string;
  changes: InventoryChanges;
}

/** The existing file cannot be updated without losing or guessing at what it says. */
export class InventoryMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryMergeError';
  }
}

const emptySection = (): SectionChanges => ({ added: [], removed: [], updated: [], unchanged: [] });

export function hasChanges(changes: InventoryChanges): boolean {
  const section = (s: SectionChanges) => s.added.length + s.removed.length + s.updated.length > 0;
  return section(changes.storagePolicies) || section(changes.datastores) || section(changes.topologyCategories) || changes.vsphereVersion.changed;
}

/** Whether a tag category's tags may be attached to an object the driver reads topology from. */
export function isTopologyCategory(category: Pick<TagCategoryInfo, 'associableTypes'>): boolean {
  if (category.associableTypes.length === 0) return true;
  return category.associableTypes.some((type) => {
    const bare = type.trim().replace(/^.*[:.]/, '');
    return bare === '' || bare.toLowerCase() === 'all' || TOPOLOGY_OBJECT_TYPES.some((t) => t.toLowerCase() === bare.toLowerCase());
  });
}

/** The schema's datastore type for what vCenter reports (`VMFS`, `NFS41`, `vsan`, `VVOL`, ...). */
export function datastoreType(reported: string): (typeof DATASTORE_TYPES)[number] {
  const lower = reported.trim().toLowerCase();
  return DATASTORE_TYPES.find((t) => t.toLowerCase() === lower) ?? 'other';
}

/** The lowest of the vCenter and ESXi versions, as `major.minor.patch`; undefined when none parses. */
export function lowestVersion(pulled: Pick<PulledInventory, 'vcenter' | 'esxiVersions'>): string | undefined {
  let lowest: VersionTriple | undefined;
  for (const text of [pulled.vcenter.version, ...pulled.esxiVersions]) {
    const version = parseVersion(text);
    if (version && (!lowest || compareVersions(version, lowest) < 0)) lowest = version;
  }
  return lowest?.join('.');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const urlKey = (url: string) => url.trim().replace(/\/+$/, '');

function quoted(doc: Document, value: string): Scalar {
  const node = doc.createNode(value) as Scalar;
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function plainString(doc: Document, value: string): Node {
  return doc.createNode(value) as Node;
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}

function describe(path: string, expected: string): InventoryMergeError {
  return new InventoryMergeError(`${path} in the configuration is not ${expected}; fix it by hand first, it is left as it is.`);
}

/** The value of `key` in `map` as a sequence, creating it (appended) when missing. */
function seqAt(doc: Document, map: YAMLMap, key: string, path: string, create: boolean): YAMLSeq | undefined {
  const value = map.get(key, true);
  if (value === undefined || (isScalar(value) && value.value === null)) {
    if (!create) return undefined;
    const seq = new YAMLSeq(doc.schema);
    map.set(key, seq);
    return seq;
  }
  if (!isSeq(value)) throw describe(path, 'a list');
  return value;
}

function mapAt(doc: Document, map: YAMLMap, key: string, path: string, create: boolean): YAMLMap | undefined {
  const value = map.get(key, true);
  if (value === undefined || (isScalar(value) && value.value === null)) {
    if (!create) return undefined;
    const created = new YAMLMap(doc.schema);
    map.set(key, created);
    return created;
  }
  if (!isMap(value)) throw describe(path, 'a mapping');
  return value;
}

/** Appends in place of an empty flow sequence (`[]`): a block list reads better once it has items. */
function blockIfEmpty(seq: YAMLSeq): void {
  if (seq.items.length === 0) seq.flow = false;
}

function mergePolicies(doc: Document, root: YAMLMap, pulled: PulledInventory): SectionChanges {
  const changes = emptySection();
  const names = [...new Set(pulled.storagePolicies.map((p) => p.name))];
  const wanted = new Set(names);
  const seq = seqAt(doc, root, 'storagePolicies', 'storagePolicies', names.length > 0);
  if (!seq) return changes;
  const seen = new Set<string>();
  seq.items = seq.items.filter((item) => {
    const name = scalarString(item);
    if (name === undefined) return true; // not a name: the config parser reports it; keep it
    if (wanted.has(name) && !seen.has(name)) {
      seen.add(name);
      changes.unchanged.push(name);
      return true;
    }
    changes.removed.push(name);
    return false;
  });
  const added = names.filter((n) => !seen.has(n)).sort(compare);
  if (added.length) blockIfEmpty(seq);
  for (const name of added) {
    seq.items.push(plainString(doc, name));
    changes.added.push(name);
  }
  return changes;
}

function datastoreNode(doc: Document, facts: DatastoreFacts): YAMLMap {
  const map = new YAMLMap(doc.schema);
  if (facts.name) map.set('name', plainString(doc, facts.name));
  map.set('url', plainString(doc, facts.url));
  map.set('type', plainString(doc, datastoreType(facts.type)));
  if (facts.fileServices !== undefined) map.set('fileServices', facts.fileServices);
  return map;
}

/** Sets `key` to `value` in an existing datastore entry; whether anything changed. */
function setField(doc: Document, map: YAMLMap, key: string, value: string | boolean): boolean {
  const existing = map.get(key, true);
  if (isScalar(existing) && existing.value === value) return false;
  if (isScalar(existing)) {
    existing.value = value;
    // A quoted style stays quoted; a plain one is re-chosen by the library when needed.
    return true;
  }
  map.set(key, typeof value === 'string' ? plainString(doc, value) : value);
  return true;
}

function mergeDatastores(doc: Document, root: YAMLMap, pulled: PulledInventory): SectionChanges {
  const changes = emptySection();
  const byUrl = new Map<string, DatastoreFacts>();
  for (const ds of pulled.datastores) if (!byUrl.has(urlKey(ds.url))) byUrl.set(urlKey(ds.url), ds);
  const seq = seqAt(doc, root, 'datastores', 'datastores', byUrl.size > 0);
  if (!seq) return changes;
  const seen = new Set<string>();
  seq.items = seq.items.filter((item, i) => {
    if (!isMap(item)) throw describe(`datastores[${i}]`, 'a mapping');
    const url = scalarString(item.get('url', true));
    if (url === undefined) return true; // no url: the config parser reports it; keep it
    const facts = byUrl.get(urlKey(url));
    if (!facts || seen.has(urlKey(url))) {
      changes.removed.push(url);
      return false;
    }
    seen.add(urlKey(url));
    let changed = setField(doc, item, 'url', facts.url);
    if (facts.name) changed = setField(doc, item, 'name', facts.name) || changed;
    changed = setField(doc, item, 'type', datastoreType(facts.type)) || changed;
    if (facts.fileServices !== undefined) changed = setField(doc, item, 'fileServices', facts.fileServices) || changed;
    (changed ? changes.updated : changes.unchanged).push(facts.url);
    return true;
  });
  const added = [...byUrl.entries()]
    .filter(([key]) => !seen.has(key))
    .map(([, facts]) => facts)
    .sort((a, b) => compare(a.name, b.name) || compare(a.url, b.url));
  if (added.length) blockIfEmpty(seq);
  for (const facts of added) {
    seq.items.push(datastoreNode(doc, facts));
    changes.added.push(facts.url);
  }
  return changes;
}

function mergeCategories(doc: Document, root: YAMLMap, pulled: PulledInventory): InventoryChanges['topologyCategories'] {
  const changes = { ...emptySection(), available: [] as string[] };
  const usable = [...new Set(pulled.tagCategories.filter(isTopologyCategory).map((c) => c.name))];
  const usableSet = new Set(usable);
  const topology = mapAt(doc, root, 'topology', 'topology', false);
  const existing = topology ? seqAt(doc, topology, 'categories', 'topology.categories', false) : undefined;
  if (existing) {
    const seen = new Set<string>();
    existing.items = existing.items.filter((item) => {
      const name = scalarString(item);
      if (name === undefined) return true;
      if (usableSet.has(name) && !seen.has(name)) {
        seen.add(name);
        changes.unchanged.push(name);
        return true;
      }
      changes.removed.push(name);
      return false;
    });
    changes.available = usable.filter((n) => !seen.has(n)).sort(compare);
    return changes;
  }
  const sorted = [...usable].sort(compare);
  if (sorted.length === 0) return changes;
  if (sorted.length > MAX_TOPOLOGY_CATEGORIES) {
    changes.available = sorted;
    return changes;
  }
  const seq = seqAt(doc, mapAt(doc, root, 'topology', 'topology', true)!, 'categories', 'topology.categories', true)!;
  blockIfEmpty(seq);
  for (const name of sorted) {
    seq.items.push(plainString(doc, name));
    changes.added.push(name);
  }
  return changes;
}

function mergeVersion(doc: Document, root: YAMLMap, pulled: PulledInventory): InventoryChanges['vsphereVersion'] {
  const lowest = lowestVersion(pulled);
  const vsphere = mapAt(doc, root, 'vsphere', 'vsphere', false);
  const node = vsphere?.get('version', true);
  const before = scalarString(node);
  if (lowest === undefined) return { ...(before !== undefined ? { before } : {}), changed: false };
  const parsedBefore = parseVersion(before);
  if (before !== undefined && parsedBefore && compareVersions(parsedBefore, parseVersion(lowest)!) === 0) return { before, after: before, changed: false };
  if (isScalar(node)) {
    node.value = lowest;
    if (node.type === Scalar.PLAIN) node.type = Scalar.QUOTE_DOUBLE;
  } else {
    mapAt(doc, root, 'vsphere', 'vsphere', true)!.set('version', quoted(doc, lowest));
  }
  return { ...(before !== undefined ? { before } : {}), after: lowest, changed: true };
}

/** Whether the existing text writes block lists at the parent key's indentation (`key:\n- item`). */
function unindentedLists(text: string): boolean {
  return /^([ \t]*)[^\s#][^\n]*:[ \t]*(#[^\n]*)?\r?\n\1- /m.test(text);
}

/**
 * Updates (or creates, when `existingText` is undefined or blank) `.vsphere-csi.yaml` text with
 * the pulled inventory. Throws InventoryMergeError when the existing text is not valid YAML or a
 * section it would update has another shape; the text is then not to be written.
 */
export function mergeInventory(existingText: string | undefined, pulled: PulledInventory, options: MergeOptions = {}): MergeResult {
  const fresh = existingText === undefined || existingText.trim() === '';
  const doc = parseDocument(fresh ? '' : existingText, { version: '1.1', prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const offset = Math.min(error.pos[0], existingText!.length);
    const line = existingText!.slice(0, offset).split('\n').length;
    throw new InventoryMergeError(`the configuration is not valid YAML${line ? ` (line ${line})` : ''}: ${error.message.split('\n')[0]}. It was not changed.`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    doc.contents = new YAMLMap(doc.schema) as never;
    if (fresh) {
      doc.commentBefore = ` vSphere CSI lint configuration.${options.source ? ` Inventory read from ${options.source}` : ' Inventory read from vCenter'} by \`vsphere-csi-lint inventory pull\`;\n run it again to refresh storagePolicies, datastores, topology.categories and vsphere.version.`;
    }
  }
  if (!isMap(doc.contents)) throw new InventoryMergeError('the configuration is not a mapping of keys (driver, vsphere, storagePolicies, ...). It was not changed.');
  const root = doc.contents as YAMLMap;

  const changes: InventoryChanges = {
    vsphereVersion: mergeVersion(doc, root, pulled),
    storagePolicies: mergePolicies(doc, root, pulled),
    datastores: mergeDatastores(doc, root, pulled),
    topologyCategories: mergeCategories(doc, root, pulled),
  };
  if (!fresh && !hasChanges(changes)) return { text: existingText, changes };
  const text = doc.toString({ lineWidth: 0, indentSeq: fresh ? true : !unindentedLists(existingText) });
  return { text, changes };
}

/**
 * Throws the InventoryMergeError mergeInventory would throw for this text, whatever vCenter says:
 * lets a caller refuse a file before connecting anywhere.
 */
export function checkMergeable(existingText: string | undefined): void {
  mergeInventory(existingText, { vcenter: { version: '' }, esxiVersions: [], storagePolicies: [], datastores: [], tagCategories: [] });
}

/** Lines for people: what changed per section (for the CLI's summary on stderr). */
export function summarizeChanges(changes: InventoryChanges): string[] {
  const lines: string[] = [];
  const section = (title: string, s: SectionChanges) => {
    const parts = [
      s.added.length ? `${s.added.length} added (${s.added.join(', ')})` : '',
      s.removed.length ? `${s.removed.length} removed (${s.removed.join(', ')})` : '',
      s.updated.length ? `${s.updated.length} updated (${s.updated.join(', ')})` : '',
      s.unchanged.length ? `${s.unchanged.length} unchanged` : '',
    ].filter(Boolean);
    lines.push(`${title}: ${parts.length ? parts.join(', ') : 'none'}`);
  };
  section('storagePolicies', changes.storagePolicies);
  section('datastores', changes.datastores);
  section('topology.categories', changes.topologyCategories);
  if (changes.topologyCategories.available.length) {
    lines.push(
      `  usable tag categories not listed: ${changes.topologyCategories.available.join(', ')} (add those csi-vsphere.conf names in [Labels] topology-categories; at most ${MAX_TOPOLOGY_CATEGORIES})`,
    );
  }
  const v = changes.vsphereVersion;
  lines.push(
    v.changed
      ? `vsphere.version: ${v.before !== undefined ? `${v.before} -> ` : ''}${v.after}`
      : `vsphere.version: ${v.before ?? v.after ?? 'unknown'} (unchanged)`,
  );
  return lines;
}
