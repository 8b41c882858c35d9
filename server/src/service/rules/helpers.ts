// Helpers shared by rules: resolving a claim's class, telling vSphere classes apart, building
// did-you-mean suggestions.
import type { Node, Pair } from 'yaml';
import type { ResolvedConfig } from '../config.js';
import type { Fix, RelatedLocation } from '../types.js';
import { closestMatches } from '../util/similarity.js';
import { renameKey, replaceScalarValue } from '../yaml/edits.js';
import { IN_TREE_PROVISIONER, VSPHERE_CSI_DRIVER, type StorageClassEntry, type WorkspaceIndex } from '../workspaceIndex.js';

export function isVsphereProvisioner(provisioner: string | undefined): boolean {
  return provisioner === VSPHERE_CSI_DRIVER || provisioner === IN_TREE_PROVISIONER;
}

export type ClassResolution =
  /** Defined in the linted files. */
  | { kind: 'workspace'; entry: StorageClassEntry; viaDefault: boolean }
  /** Listed in the config's storageClasses (exists in the cluster); assumed to be a vSphere class. */
  | { kind: 'cluster'; name: string }
  /** Named but found nowhere. */
  | { kind: 'missing'; name: string }
  /** storageClassName: "" — static binding, no class. */
  | { kind: 'none' }
  /** No storageClassName and no default class in the workspace: the cluster's default decides. */
  | { kind: 'cluster-default' };

export function resolveClaimClass(storageClassName: string | null | undefined, index: WorkspaceIndex, config: ResolvedConfig): ClassResolution {
  if (storageClassName === '') return { kind: 'none' };
  if (storageClassName === undefined || storageClassName === null) {
    const fallback = index.defaultStorageClasses[0];
    return fallback ? { kind: 'workspace', entry: fallback, viaDefault: true } : { kind: 'cluster-default' };
  }
  const entry = index.storageClasses.get(storageClassName)?.[0];
  if (entry) return { kind: 'workspace', entry, viaDefault: false };
  if (config.storageClasses.includes(storageClassName)) return { kind: 'cluster', name: storageClassName };
  return { kind: 'missing', name: storageClassName };
}

/** The workspace class behind a resolution when it is served by the vSphere CSI driver (or in-tree, via migration). */
export function vsphereClass(resolution: ClassResolution): StorageClassEntry | undefined {
  return resolution.kind === 'workspace' && isVsphereProvisioner(resolution.entry.provisioner) ? resolution.entry : undefined;
}

/** Whether rules specific to the vSphere driver should apply to a claim with this class. */
export function isVsphereClaim(resolution: ClassResolution): boolean {
  return vsphereClass(resolution) !== undefined || resolution.kind === 'cluster';
}

export function classRelated(entry: StorageClassEntry, message: string): RelatedLocation {
  return { uri: entry.location.uri, range: entry.location.range, message };
}

/** Did-you-mean fixes that replace a scalar value. */
export function valueSuggestions(node: Node | undefined, input: string, candidates: readonly string[], options: { ignoreCase?: boolean } = {}): Fix[] {
  if (!node) return [];
  return closestMatches(input, candidates, options).flatMap((candidate) => {
    const edit = replaceScalarValue(node, candidate);
    return edit ? [{ title: `Change to "${candidate}"`, edits: [edit] }] : [];
  });
}

/** Did-you-mean fixes that rename a key. */
export function keySuggestions(pair: Pair, input: string, candidates: readonly string[], options: { ignoreCase?: boolean } = {}): Fix[] {
  return closestMatches(input, candidates, options).flatMap((candidate) => {
    const edit = renameKey(pair, candidate);
    return edit ? [{ title: `Rename to ${candidate}`, edits: [edit] }] : [];
  });
}
