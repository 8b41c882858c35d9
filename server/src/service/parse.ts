// Parses a YAML file once (all documents, ranges and comments kept) and recognises the
// Kubernetes objects in it by content, never by file name.
import { parseAllDocuments, isMap, type Document, type YAMLMap } from 'yaml';
import { asMap, getString, seqItems, getNode } from './yaml/ast.js';
import { LineIndex } from './util/lineIndex.js';
import type { SourceFile } from './types.js';

export type ObjectKind =
  | 'StorageClass'
  | 'PersistentVolumeClaim'
  | 'PersistentVolume'
  | 'StatefulSet'
  | 'Deployment'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob'
  | 'Pod'
  | 'VolumeSnapshotClass'
  | 'VolumeSnapshot'
  | 'VolumeSnapshotContent'
  | 'CSIDriver'
  | 'FeatureStates';

/** API groups each kind is served from; a document with another group is a different kind. */
const KIND_GROUPS: Record<Exclude<ObjectKind, 'FeatureStates'>, readonly string[]> = {
  StorageClass: ['storage.k8s.io'],
  PersistentVolumeClaim: [''],
  PersistentVolume: [''],
  StatefulSet: ['apps'],
  Deployment: ['apps', 'extensions'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Job: ['batch'],
  CronJob: ['batch'],
  Pod: [''],
  VolumeSnapshotClass: ['snapshot.storage.k8s.io'],
  VolumeSnapshot: ['snapshot.storage.k8s.io'],
  VolumeSnapshotContent: ['snapshot.storage.k8s.io'],
  CSIDriver: ['storage.k8s.io'],
};

export const FEATURE_STATES_CONFIGMAP = 'internal-feature-states.csi.vsphere.vmware.com';

/** One Kubernetes object: a whole document, or an item of a `kind: List`. */
export interface K8sObject {
  kind: ObjectKind;
  apiVersion: string;
  name: string | undefined;
  namespace: string | undefined;
  node: YAMLMap;
  doc: Document.Parsed;
  /** Index of the YAML document within the file. */
  docIndex: number;
  /** Index within `items` when the object came from a List. */
  listIndex?: number;
}

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
  code: string;
}

export interface ParsedFile {
  uri: string;
  text: string;
  docs: Document.Parsed[];
  objects: K8sObject[];
  /** The first syntax error of each broken document; such documents are not analysed further. */
  syntaxProblems: SyntaxProblem[];
  /** Documents (by index) whose syntax errors keep rules away from them. */
  brokenDocs: ReadonlySet<number>;
  /** Set when the file is a Go/Helm template and was skipped. */
  template?: { start: number; end: number };
  lines(): LineIndex;
}

/** `{{ ... }}` outside of a comment marks a Go/Helm template that is not YAML until rendered. */
const TEMPLATE_ACTION = /\{\{-?[\s\S]*?-?\}\}/;

function findTemplateAction(text: string): { start: number; end: number } | undefined {
  let offset = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trimStart();
    if (!trimmed.startsWith('#')) {
      const match = TEMPLATE_ACTION.exec(line);
      if (match) return { start: offset + match.index, end: offset + match.index + match[0].length };
    }
    offset += line.length + 1;
  }
  return undefined;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function recognise(map: YAMLMap, doc: Document.Parsed): { kind: ObjectKind; apiVersion: string } | undefined {
  const kind = getString(map, ['kind'], doc);
  const apiVersion = getString(map, ['apiVersion'], doc);
  if (!kind || apiVersion === undefined) return undefined;
  const { group } = splitApiVersion(apiVersion);
  if (kind === 'ConfigMap' && group === '' && getString(map, ['metadata', 'name'], doc) === FEATURE_STATES_CONFIGMAP) {
    return { kind: 'FeatureStates', apiVersion };
  }
  const groups = (KIND_GROUPS as Record<string, readonly string[] | undefined>)[kind];
  return groups && groups.includes(group) ? { kind: kind as ObjectKind, apiVersion } : undefined;
}

function objectFrom(map: YAMLMap, doc: Document.Parsed, docIndex: number, listIndex?: number): K8sObject | undefined {
  const found = recognise(map, doc);
  if (!found) return undefined;
  return {
    kind: found.kind,
    apiVersion: found.apiVersion,
    name: getString(map, ['metadata', 'name'], doc),
    namespace: getString(map, ['metadata', 'namespace'], doc),
    node: map,
    doc,
    docIndex,
    ...(listIndex !== undefined ? { listIndex } : {}),
  };
}

export interface ParseLimits {
  /** Largest text parsed; larger files get one finding instead of a parse. */
  maxBytes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxBytes: 10 * 1024 * 1024 };

export function parseYamlFile(file: SourceFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedFile {
  const { uri, text } = file;
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(text));
  const base = { uri, text, lines };

  if (text.length > limits.maxBytes) {
    return {
      ...base,
      docs: [],
      objects: [],
      brokenDocs: new Set(),
      syntaxProblems: [{ code: 'TOO_LARGE', message: `File is larger than ${Math.round(limits.maxBytes / 1048576)} MB and was not analysed.`, start: 0, end: 0 }],
    };
  }
  const template = text.includes('{{') ? findTemplateAction(text) : undefined;
  if (template) return { ...base, docs: [], objects: [], brokenDocs: new Set(), syntaxProblems: [], template };

  // YAML 1.1 is what Kubernetes' decoder speaks: `yes`/`on` are booleans, `0777` is octal.
  const docs = parseAllDocuments(text, { version: '1.1', prettyErrors: false, keepSourceTokens: false, strict: true }) as
    | Document.Parsed[]
    | { empty: true };
  const parsedDocs: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const syntaxProblems: SyntaxProblem[] = [];
  const brokenDocs = new Set<number>();
  const objects: K8sObject[] = [];

  parsedDocs.forEach((doc, docIndex) => {
    if (doc.errors.length > 0) {
      const error = doc.errors[0]!;
      const [start, end] = error.pos;
      syntaxProblems.push({ code: error.code, message: firstLine(error.message), start, end: Math.max(end, start) });
      brokenDocs.add(docIndex);
      return;
    }
    const root = doc.contents;
    if (!isMap(root)) return;
    const kind = getString(root, ['kind'], doc);
    if (kind === 'List' || (kind?.endsWith('List') && getNode(root, ['items'], doc))) {
      seqItems(getNode(root, ['items'], doc), doc).forEach((item, listIndex) => {
        const map = asMap(item, doc);
        const object = map && objectFrom(map, doc, docIndex, listIndex);
        if (object) objects.push(object);
      });
      return;
    }
    const object = objectFrom(root, doc, docIndex);
    if (object) objects.push(object);
  });

  return { ...base, docs: parsedDocs, objects, syntaxProblems, brokenDocs };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
