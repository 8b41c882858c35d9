// Which workspace facts a piece of analysis read, and which facts an edit changed. The language
// server lints each YAML document through a tracking view of the workspace index that records
// what the rules looked at (the StorageClass "gold", its `provisioner`, its parameter `fstype`, the
// list of default classes...). When a file's index entries change, only the documents whose
// recorded reads intersect the changed facts are linted again. Pure: no I/O, no module state.
import type { Location, WorkspaceIndex } from '../workspaceIndex.js';

/**
 * A read or a change, as a string: `<facet>:<rest>`.
 * - `sc:gold` which entries the name "gold" has; `sc:gold#0.provisioner` one field of the first;
 *   `sc:gold#0.parameters.fstype` one parameter; `sc:gold#0.parameters.*` the parameter keys;
 * - `dsc:` the default classes; `dsc:#1.name` a field of one of them; `scn:` the class names;
 * - `claims:data`, `snap:s1`, `vsc:c1`, `fs:<key>`, `topo:` other facets, per key;
 * - `<facet>:*` the whole facet was enumerated; `*` as a change means everything changed.
 */
export type Dep = string;

type KeyedFacet = 'storageClasses' | 'claims' | 'snapshots' | 'snapshotClasses' | 'featureStates';

const FACET_PREFIX: Record<KeyedFacet, string> = {
  storageClasses: 'sc',
  claims: 'claims',
  snapshots: 'snap',
  snapshotClasses: 'vsc',
  featureStates: 'fs',
};

/** Facets whose entries are tracked field by field (the others per key). */
const FIELD_TRACKED = new Set(['sc', 'dsc']);

function trackedEntry<T extends object>(entry: T, base: string, record: (dep: Dep) => void): T {
  let parameters: unknown;
  return new Proxy(entry, {
    get(target, prop, receiver) {
      if (typeof prop !== 'string') return Reflect.get(target, prop, receiver);
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'parameters' && value && typeof value === 'object') {
        parameters ??= trackedRecord(value as Record<string, unknown>, `${base}.parameters`, record);
        return parameters;
      }
      record(`${base}.${prop}`);
      return value;
    },
    has(target, prop) {
      if (typeof prop === 'string') record(`${base}.${prop}`);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      record(`${base}.*`);
      return Reflect.ownKeys(target);
    },
  });
}

function trackedRecord(record: Record<string, unknown>, base: string, sink: (dep: Dep) => void): Record<string, unknown> {
  return new Proxy(record, {
    get(target, prop, receiver) {
      if (typeof prop === 'string') sink(`${base}.${prop}`);
      return Reflect.get(target, prop, receiver);
    },
    has(target, prop) {
      if (typeof prop === 'string') sink(`${base}.${prop}`);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      sink(`${base}.*`);
      return Reflect.ownKeys(target);
    },
  });
}

class TrackedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly inner: ReadonlyMap<string, V>,
    private readonly prefix: string,
    private readonly record: (dep: Dep) => void,
  ) {}

  private wrap(key: string, value: V): V {
    if (!FIELD_TRACKED.has(this.prefix) || !Array.isArray(value)) return value;
    return value.map((entry: object, i: number) => trackedEntry(entry, `${this.prefix}:${key}#${i}`, this.record)) as V;
  }

  get(key: string): V | undefined {
    this.record(`${this.prefix}:${key}`);
    const value = this.inner.get(key);
    return value === undefined ? undefined : this.wrap(key, value);
  }

  has(key: string): boolean {
    this.record(`${this.prefix}:${key}`);
    return this.inner.has(key);
  }

  get size(): number {
    this.record(`${this.prefix}:*`);
    return this.inner.size;
  }

  entries(): MapIterator<[string, V]> {
    this.record(`${this.prefix}:*`);
    return this.inner.entries();
  }

  keys(): MapIterator<string> {
    this.record(`${this.prefix}:*`);
    return this.inner.keys();
  }

  values(): MapIterator<V> {
    this.record(`${this.prefix}:*`);
    return this.inner.values();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.record(`${this.prefix}:*`);
    this.inner.forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/** A view of `index` that reports every fact read through it to `record`. Values are the index's own. */
export function trackingIndex(index: WorkspaceIndex, record: (dep: Dep) => void): WorkspaceIndex {
  const maps = new Map<string, unknown>();
  return new Proxy(index, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string') return value;
      const cached = maps.get(prop);
      if (cached !== undefined) return cached;
      let view: unknown;
      if (prop in FACET_PREFIX) {
        view = new TrackedMap(value as ReadonlyMap<string, unknown>, FACET_PREFIX[prop as KeyedFacet], record);
      } else if (prop === 'defaultStorageClasses') {
        record('dsc:');
        view = (value as object[]).map((entry, i) => trackedEntry(entry, `dsc:#${i}`, record));
      } else if (prop === 'storageClassNames') {
        record('scn:');
        return value;
      } else if (prop === 'topologyCategories') {
        record('topo:');
        return value;
      } else {
        // A facet this module does not know yet: any change of the index counts for it.
        record(`?${prop}:`);
        return value;
      }
      maps.set(prop, view);
      return view;
    },
  });
}

/** What changed in the workspace facts. */
export class ChangeSet {
  readonly changes = new Set<Dep>();
  /** Facets with any change (for reads that enumerated a whole facet). */
  readonly facets = new Set<string>();
  all = false;

  add(dep: Dep): void {
    if (dep === '*') {
      this.all = true;
      return;
    }
    this.changes.add(dep);
    this.facets.add(dep.slice(0, dep.indexOf(':')));
  }

  get empty(): boolean {
    return !this.all && this.changes.size === 0;
  }

  merge(other: ChangeSet): void {
    if (other.all) this.all = true;
    for (const dep of other.changes) this.add(dep);
  }

  /** Whether a recorded read is affected. */
  hits(dep: Dep): boolean {
    if (this.all) return true;
    if (dep.startsWith('?')) return !this.empty;
    if (this.changes.has(dep)) return true;
    const colon = dep.indexOf(':');
    const facet = dep.slice(0, colon);
    if (!this.facets.has(facet)) return false;
    const rest = dep.slice(colon + 1);
    if (rest === '*' || this.changes.has(`${facet}:`)) return true;
    const hash = dep.indexOf('#');
    if (hash !== -1 && this.changes.has(dep.slice(0, hash))) return true;
    // `x.parameters.*` (the keys were enumerated) is hit by `x.parameters.*` only, handled above.
    return false;
  }

  hitsAny(deps: Iterable<Dep> | undefined): boolean {
    if (this.empty) return false;
    if (deps === undefined) return true;
    for (const dep of deps) if (this.hits(dep)) return true;
    return false;
  }
}

/** Whether two locations are the same place (offsets and range); false when either is missing. */
export function sameLocation(a: Location | undefined, b: Location | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.uri === b.uri &&
    a.start === b.start &&
    a.end === b.end &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

/**
 * The changed file's previous entries, each with its location moved through the edit (undefined
 * where the edit touched it). Other entries are compared with their own location.
 */
export type OwnedLocations = ReadonlyMap<object, Location | undefined>;

interface DiffContext {
  owned: OwnedLocations;
}

function location(entry: { location?: Location }, context: DiffContext): Location | undefined {
  return context.owned.has(entry) ? context.owned.get(entry) : entry.location;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/** Field-level differences of two entries (same position of the same key). */
function diffFields(base: string, before: Record<string, unknown>, after: Record<string, unknown>, context: DiffContext, out: ChangeSet): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'location') {
      if (!sameLocation(location(before as { location?: Location }, context), after.location as Location | undefined)) out.add(`${base}.location`);
      continue;
    }
    const a = before[key];
    const b = after[key];
    if (key === 'parameters' && a && b && typeof a === 'object' && typeof b === 'object') {
      const pa = a as Record<string, unknown>;
      const pb = b as Record<string, unknown>;
      const pkeys = new Set([...Object.keys(pa), ...Object.keys(pb)]);
      let keysChanged = false;
      for (const k of pkeys) {
        if (!(k in pa) || !(k in pb)) keysChanged = true;
        if (pa[k] !== pb[k]) out.add(`${base}.parameters.${k}`);
      }
      if (keysChanged || Object.keys(pa).join('\0') !== Object.keys(pb).join('\0')) out.add(`${base}.parameters.*`);
      continue;
    }
    if (a === b) continue;
    if (typeof a === 'object' || typeof b === 'object' ? stableJson(a) !== stableJson(b) : true) {
      out.add(`${base}.${key}`);
    }
  }
}

function entryIdentity(entry: { location?: Location; name?: string }): string {
  return `${entry.location?.uri ?? ''}\0${entry.name ?? ''}`;
}

/** Compares two lists of entries of one key: membership, then fields (field-tracked facets) or the whole. */
function diffList(prefix: string, key: string, before: readonly object[] | undefined, after: readonly object[] | undefined, context: DiffContext, out: ChangeSet): void {
  const a = before ?? [];
  const b = after ?? [];
  const member = `${prefix}:${key}`;
  if (a.length !== b.length || a.some((entry, i) => entryIdentity(entry) !== entryIdentity(b[i]!))) {
    out.add(member);
    return;
  }
  if (FIELD_TRACKED.has(prefix)) {
    a.forEach((entry, i) => {
      if (entry !== b[i]) diffFields(`${prefix}:${key}#${i}`, entry as Record<string, unknown>, b[i] as Record<string, unknown>, context, out);
    });
    return;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>;
    const y = b[i] as Record<string, unknown>;
    if (x === y) continue;
    const lx = location(x as { location?: Location }, context);
    const { location: _x, ...restX } = x as { location?: Location };
    const { location: ly, ...restY } = y as { location?: Location };
    if (!sameLocation(lx, ly) || stableJson(restX) !== stableJson(restY)) {
      out.add(member);
      return;
    }
  }
}

/**
 * The changes between two builds of the index, looking only at `keys` (the names and keys whose
 * entries the changed file had before or has now).
 */
export function diffIndexes(
  before: WorkspaceIndex,
  after: WorkspaceIndex,
  keys: { [F in KeyedFacet]: ReadonlySet<string> } & { topology: boolean; unknown: boolean },
  owned: OwnedLocations,
): ChangeSet {
  const out = new ChangeSet();
  const context: DiffContext = { owned };
  if (keys.unknown) out.add('*');
  for (const facet of Object.keys(FACET_PREFIX) as KeyedFacet[]) {
    const prefix = FACET_PREFIX[facet];
    for (const key of keys[facet]) {
      if (facet === 'featureStates') {
        const x = before.featureStates.get(key);
        const y = after.featureStates.get(key);
        diffList(prefix, key, x ? [x] : [], y ? [y] : [], context, out);
      } else {
        const map0 = before[facet] as ReadonlyMap<string, readonly object[]>;
        const map1 = after[facet] as ReadonlyMap<string, readonly object[]>;
        diffList(prefix, key, map0.get(key), map1.get(key), context, out);
      }
    }
  }
  // Default classes: a short list, compared whole.
  const d0 = before.defaultStorageClasses;
  const d1 = after.defaultStorageClasses;
  if (d0.length !== d1.length || d0.some((entry, i) => entryIdentity(entry) !== entryIdentity(d1[i]!))) out.add('dsc:');
  else d0.forEach((entry, i) => entry !== d1[i] && diffFields(`dsc:#${i}`, entry as unknown as Record<string, unknown>, d1[i] as unknown as Record<string, unknown>, context, out));
  if (before.storageClassNames.join('\0') !== after.storageClassNames.join('\0')) out.add('scn:');
  if (keys.topology) {
    const t0 = before.topologyCategories;
    const t1 = after.topologyCategories;
    const same =
      t0.length === t1.length &&
      t0.every((entry, i) => {
        const other = t1[i]!;
        return entry.categories.join('\0') === other.categories.join('\0') && sameLocation(location(entry, context), other.location);
      });
    if (!same) out.add('topo:');
  }
  return out;
}
