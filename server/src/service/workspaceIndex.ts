// Facts every file contributes to cross-file checks (classes by name, default classes, claims,
// snapshots, feature states). Entries are plain data, so CLI workers can send them to the main
// thread and the language server can replace one file's entries when it changes.
import type { Document, Node } from 'yaml';
import { asMap, getNode, getString, nodeSpan, pairsOf, keyText, scalarText, seqItems, stringValue } from './yaml/ast.js';
import { FEATURE_STATES_CONFIGMAP, type K8sObject, type ParsedFile } from './parse.js';
import type { Range } from './types.js';

export const VSPHERE_CSI_DRIVER = 'csi.vsphere.vmware.com';
export const IN_TREE_PROVISIONER = 'kubernetes.io/vsphere-volume';

export interface Location {
  uri: string;
  start: number;
  end: number;
  range: Range;
}

export interface StorageClassEntry {
  name: string;
  provisioner: string | undefined;
  /** Parameter keys lower-cased (the driver matches them case-insensitively), values as text. */
  parameters: Record<string, string>;
  isDefault: boolean;
  volumeBindingMode: string | undefined;
  allowVolumeExpansion: boolean | undefined;
  location: Location;
}

export interface ClaimEntry {
  name: string;
  namespace: string | undefined;
  storageClassName: string | null | undefined;
  accessModes: string[];
  volumeMode: string | undefined;
  storage: string | undefined;
  location: Location;
}

export interface SnapshotEntry {
  name: string;
  namespace: string | undefined;
  sourceClaim: string | undefined;
  snapshotClassName: string | undefined;
  location: Location;
}

export interface SnapshotClassEntry {
  name: string;
  driver: string | undefined;
  isDefault: boolean;
  location: Location;
}

export interface FeatureStateEntry {
  key: string;
  value: string;
  location: Location;
}

export interface TopologyCategoriesEntry {
  categories: string[];
  location: Location;
}

export interface FileIndexEntries {
  uri: string;
  /** `[Labels] topology-categories` declared by csi-vsphere.conf fragments of the file. */
  topologyCategories: TopologyCategoriesEntry[];
  storageClasses: StorageClassEntry[];
  claims: ClaimEntry[];
  snapshots: SnapshotEntry[];
  snapshotClasses: SnapshotClassEntry[];
  featureStates: FeatureStateEntry[];
}

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];
const DEFAULT_SNAPSHOT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';

function locate(file: ParsedFile, node: Node | undefined, fallback: Node): Location {
  const [start, end] = nodeSpan(node) ?? nodeSpan(fallback) ?? [0, 0];
  return { uri: file.uri, start, end, range: file.lines().range(start, end) };
}

function isAnnotatedDefault(object: K8sObject, annotations: readonly string[]): boolean {
  return annotations.some((a) => getString(object.node, ['metadata', 'annotations', a], object.doc) === 'true');
}

function nameNode(object: K8sObject): Node | undefined {
  return getNode(object.node, ['metadata', 'name'], object.doc);
}

export function parameterMap(node: unknown, doc: Document): Record<string, string> {
  const map = asMap(node, doc);
  const out: Record<string, string> = {};
  if (!map) return out;
  for (const pair of pairsOf(map)) {
    const key = keyText(pair);
    if (key === undefined) continue;
    out[key.toLowerCase()] = scalarText(pair.value, doc) ?? '';
  }
  return out;
}

export function claimFacts(spec: unknown, doc: Document) {
  const classNode = getNode(spec, ['storageClassName'], doc);
  let storageClassName: string | null | undefined;
  if (classNode !== undefined) {
    const text = scalarText(classNode, doc);
    storageClassName = text === undefined || (classNode as { value?: unknown }).value === null ? null : text;
  }
  return {
    storageClassName,
    accessModes: seqItems(getNode(spec, ['accessModes'], doc), doc)
      .map((n) => stringValue(n, doc))
      .filter((m): m is string => m !== undefined),
    volumeMode: getString(spec, ['volumeMode'], doc),
    storage: scalarText(getNode(spec, ['resources', 'requests', 'storage'], doc), doc),
  };
}

export function extractIndexEntries(file: ParsedFile): FileIndexEntries {
  const entries: FileIndexEntries = { uri: file.uri, topologyCategories: [], storageClasses: [], claims: [], snapshots: [], snapshotClasses: [], featureStates: [] };
  for (const fragment of file.fragments) {
    for (const declared of fragment.facts?.topologyCategories ?? []) {
      entries.topologyCategories.push({
        categories: declared.categories,
        location: { uri: declared.uri, start: declared.start, end: declared.end, range: file.lines().range(declared.start, declared.end) },
      });
    }
  }
  for (const object of file.objects) {
    const { doc, node } = object;
    switch (object.kind) {
      case 'StorageClass': {
        if (!object.name) break;
        const expansion = getNode(node, ['allowVolumeExpansion'], doc) as { value?: unknown } | undefined;
        entries.storageClasses.push({
          name: object.name,
          provisioner: getString(node, ['provisioner'], doc),
          parameters: parameterMap(getNode(node, ['parameters'], doc), doc),
          isDefault: isAnnotatedDefault(object, DEFAULT_CLASS_ANNOTATIONS),
          volumeBindingMode: getString(node, ['volumeBindingMode'], doc),
          allowVolumeExpansion: typeof expansion?.value === 'boolean' ? expansion.value : undefined,
          location: locate(file, nameNode(object), node),
        });
        break;
      }
      case 'PersistentVolumeClaim': {
        if (!object.name) break;
        entries.claims.push({
          name: object.name,
          namespace: object.namespace,
          ...claimFacts(getNode(node, ['spec'], doc), doc),
          location: locate(file, nameNode(object), node),
        });
        break;
      }
      case 'VolumeSnapshot': {
        if (!object.name) break;
        entries.snapshots.push({
          name: object.name,
          namespace: object.namespace,
          sourceClaim: getString(node, ['spec', 'source', 'persistentVolumeClaimName'], doc),
          snapshotClassName: getString(node, ['spec', 'volumeSnapshotClassName'], doc),
          location: locate(file, nameNode(object), node),
        });
        break;
      }
      case 'VolumeSnapshotClass': {
        if (!object.name) break;
        entries.snapshotClasses.push({
          name: object.name,
          driver: getString(node, ['driver'], doc),
          isDefault: isAnnotatedDefault(object, [DEFAULT_SNAPSHOT_CLASS_ANNOTATION]),
          location: locate(file, nameNode(object), node),
        });
        break;
      }
      case 'FeatureStates': {
        const data = asMap(getNode(node, ['data'], doc), doc);
        for (const pair of data ? pairsOf(data) : []) {
          const key = keyText(pair);
          if (key === undefined) continue;
          entries.featureStates.push({ key, value: scalarText(pair.value, doc) ?? '', location: locate(file, pair.value ?? pair.key, node) });
        }
        break;
      }
      default:
        break;
    }
  }
  return entries;
}

/** The whole run's facts. Built from entries sorted by URI, so results never depend on file order. */
export interface WorkspaceIndex {
  /** Topology categories declared by csi-vsphere.conf files in the run (in URI order). */
  topologyCategories: readonly TopologyCategoriesEntry[];
  storageClasses: ReadonlyMap<string, readonly StorageClassEntry[]>;
  defaultStorageClasses: readonly StorageClassEntry[];
  claims: ReadonlyMap<string, readonly ClaimEntry[]>;
  snapshots: ReadonlyMap<string, readonly SnapshotEntry[]>;
  snapshotClasses: ReadonlyMap<string, readonly SnapshotClassEntry[]>;
  featureStates: ReadonlyMap<string, FeatureStateEntry>;
  /** Every StorageClass name, for did-you-mean. */
  storageClassNames: readonly string[];
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildWorkspaceIndex(files: readonly FileIndexEntries[]): WorkspaceIndex {
  const sorted = [...files].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const storageClasses = new Map<string, StorageClassEntry[]>();
  const claims = new Map<string, ClaimEntry[]>();
  const snapshots = new Map<string, SnapshotEntry[]>();
  const snapshotClasses = new Map<string, SnapshotClassEntry[]>();
  const featureStates = new Map<string, FeatureStateEntry>();
  const defaults: StorageClassEntry[] = [];
  const topologyCategories: TopologyCategoriesEntry[] = [];
  for (const file of sorted) {
    topologyCategories.push(...(file.topologyCategories ?? []));
    for (const sc of file.storageClasses) {
      pushTo(storageClasses, sc.name, sc);
      if (sc.isDefault) defaults.push(sc);
    }
    for (const claim of file.claims) pushTo(claims, claim.name, claim);
    for (const snapshot of file.snapshots) pushTo(snapshots, snapshot.name, snapshot);
    for (const vsc of file.snapshotClasses) pushTo(snapshotClasses, vsc.name, vsc);
    for (const state of file.featureStates) if (!featureStates.has(state.key)) featureStates.set(state.key, state);
  }
  return {
    topologyCategories,
    storageClasses,
    defaultStorageClasses: defaults,
    claims,
    snapshots,
    snapshotClasses,
    featureStates,
    storageClassNames: [...storageClasses.keys()].sort(),
  };
}

/** Claims in the same namespace, or in no stated namespace (they take the namespace they are applied to). */
export function findClaim(index: WorkspaceIndex, name: string, namespace: string | undefined): ClaimEntry | undefined {
  const candidates = index.claims.get(name) ?? [];
  return candidates.find((c) => c.namespace === namespace) ?? candidates.find((c) => c.namespace === undefined || namespace === undefined);
}

export function findSnapshot(index: WorkspaceIndex, name: string, namespace: string | undefined): SnapshotEntry | undefined {
  const candidates = index.snapshots.get(name) ?? [];
  return candidates.find((c) => c.namespace === namespace) ?? candidates.find((c) => c.namespace === undefined || namespace === undefined);
}

// ---------------------------------------------------------------------------------------------
// Definitions first. StorageClasses, VolumeSnapshotClasses and the feature-state ConfigMap are
// what most cross-file checks look up (a claim's class), and few files define them. A run can
// parse the files that may define them first, build these parts of the index, and then lint the
// other files with them at hand instead of keeping their claims' YAML trees for later.

/** The parts of WorkspaceIndex that only StorageClass, VolumeSnapshotClass and feature-state objects feed. */
export const DEFINITION_KEYS = ['storageClasses', 'defaultStorageClasses', 'storageClassNames', 'snapshotClasses', 'featureStates'] as const satisfies ReadonlyArray<keyof WorkspaceIndex>;

/**
 * Whether a file's text may define a StorageClass, a VolumeSnapshotClass or the feature-state
 * ConfigMap. Objects are recognised by their `kind` (and the ConfigMap by its name), and YAML can
 * only spell those values without the literal text through escapes in double-quoted scalars, so
 * a text with neither the names nor a backslash defines none of them. False positives are fine.
 */
export function mayDefineIndexDefinitions(text: string): boolean {
  return text.includes('StorageClass') || text.includes('VolumeSnapshotClass') || text.includes(FEATURE_STATES_CONFIGMAP) || text.includes('\\');
}

/** Whether entries hold anything for the DEFINITION_KEYS parts of the index. */
export function hasIndexDefinitions(entries: FileIndexEntries): boolean {
  return entries.storageClasses.length > 0 || entries.snapshotClasses.length > 0 || entries.featureStates.length > 0;
}

/** Only what the DEFINITION_KEYS parts are built from (less to send between threads). */
export function definitionEntries(entries: FileIndexEntries): FileIndexEntries {
  return {
    uri: entries.uri,
    topologyCategories: [],
    storageClasses: entries.storageClasses,
    claims: [],
    snapshots: [],
    snapshotClasses: entries.snapshotClasses,
    featureStates: entries.featureStates,
  };
}
