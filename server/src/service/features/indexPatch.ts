// Rebuilding the workspace index after one keystroke would walk every entry of every file (tens
// of thousands in a large workspace). When only a few names changed, the new index is the old one
// with the lists of those names rebuilt; the short derived lists (default classes, feature states,
// topology categories) are recomputed from the files. The result equals buildWorkspaceIndex on
// the same files (test/unit/features checks it), except for the insertion order of map keys,
// which nothing reads (class names are listed sorted).
import type { FileIndexEntries, WorkspaceIndex } from '../workspaceIndex.js';

export interface ChangedKeys {
  storageClasses: ReadonlySet<string>;
  claims: ReadonlySet<string>;
  snapshots: ReadonlySet<string>;
  snapshotClasses: ReadonlySet<string>;
}

type KeyedFacet = keyof ChangedKeys;

const byUri = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The index of `files` (uri → entries, `sortedUris` their keys in order), built from `before` (the
 * index of the same files except those in `changed`) by rebuilding the lists of `keys`.
 */
export function patchIndex(before: WorkspaceIndex, files: ReadonlyMap<string, FileIndexEntries>, sortedUris: readonly string[], changed: ReadonlySet<string>, keys: ChangedKeys): WorkspaceIndex {
  const keyed = <T extends { name: string }>(facet: KeyedFacet): Map<string, T[]> => {
    const old = before[facet] as unknown as ReadonlyMap<string, readonly T[]>;
    const names = keys[facet];
    if (names.size === 0) return old as Map<string, T[]>;
    const out = new Map(old as ReadonlyMap<string, T[]>);
    for (const name of names) {
      // Files that had the name, and the changed files (which may have it now).
      const uris = new Set<string>(changed);
      for (const entry of old.get(name) ?? []) uris.add((entry as unknown as { location: { uri: string } }).location.uri);
      const list: T[] = [];
      for (const uri of [...uris].sort(byUri)) {
        const file = files.get(uri);
        if (!file) continue;
        for (const entry of file[facet] as unknown as T[]) if (entry.name === name) list.push(entry);
      }
      if (list.length) out.set(name, list);
      else out.delete(name);
    }
    return out;
  };
  const storageClasses = keyed<WorkspaceIndex['storageClasses'] extends ReadonlyMap<string, readonly (infer E)[]> ? E : never>('storageClasses');
  const defaults: Array<WorkspaceIndex['defaultStorageClasses'][number]> = [];
  const topologyCategories: Array<WorkspaceIndex['topologyCategories'][number]> = [];
  const featureStates = new Map<string, WorkspaceIndex['featureStates'] extends ReadonlyMap<string, infer E> ? E : never>();
  for (const uri of sortedUris) {
    const file = files.get(uri);
    if (!file) continue;
    topologyCategories.push(...(file.topologyCategories ?? []));
    for (const sc of file.storageClasses) if (sc.isDefault) defaults.push(sc);
    for (const state of file.featureStates) if (!featureStates.has(state.key)) featureStates.set(state.key, state);
  }
  const namesChanged = [...keys.storageClasses].some((name) => before.storageClasses.has(name) !== storageClasses.has(name));
  return {
    topologyCategories,
    storageClasses,
    defaultStorageClasses: defaults,
    claims: keyed('claims'),
    snapshots: keyed('snapshots'),
    snapshotClasses: keyed('snapshotClasses'),
    featureStates,
    storageClassNames: namesChanged ? [...storageClasses.keys()].sort() : before.storageClassNames,
  };
}

/** Inserts or removes a URI in a sorted list (in place). */
export function updateSortedUris(sorted: string[], uri: string, present: boolean): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < uri) low = mid + 1;
    else high = mid;
  }
  const there = sorted[low] === uri;
  if (present && !there) sorted.splice(low, 0, uri);
  else if (!present && there) sorted.splice(low, 1);
}
