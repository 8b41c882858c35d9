// Parses a YAML file once (all documents, ranges and comments kept) and recognises the
// Kubernetes objects in it by content, never by file name.
import { Composer, Parser, isMap, type Document, type YAMLMap } from 'yaml';
import { asMap, getString, seqItems, getNode } from './yaml/ast.js';
import { LineIndex } from './util/lineIndex.js';
import type { FileLanguage, SourceFile } from './types.js';
import type { Fragment, FragmentIndexFacts, FragmentLanguage, FragmentProblem } from './fragments/types.js';

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
  | 'FeatureStates'
  /** A Secret carrying the driver's csi-vsphere.conf (data or stringData key `csi-vsphere.conf`). */
  | 'VsphereConfigSecret'
  /** Cluster API vSphere machine objects (node VM settings such as customVMXKeys). */
  | 'VSphereMachineTemplate'
  | 'VSphereVM';

/** API groups each kind is served from; a document with another group is a different kind. */
const KIND_GROUPS: Record<Exclude<ObjectKind, 'FeatureStates' | 'VsphereConfigSecret'>, readonly string[]> = {
  VSphereMachineTemplate: ['infrastructure.cluster.x-k8s.io'],
  VSphereVM: ['infrastructure.cluster.x-k8s.io'],
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
/** The Secret key the driver mounts as /etc/cloud/csi-vsphere.conf. */
export const CSI_CONF_SECRET_KEY = 'csi-vsphere.conf';

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

export interface ParsedFragment {
  support: FragmentLanguage;
  fragment: Fragment;
  problems: FragmentProblem[];
  facts?: Partial<FragmentIndexFacts>;
}

export interface ParsedFile {
  uri: string;
  text: string;
  language: FileLanguage;
  /** csi-vsphere.conf, VM settings and ESXi commands found in the file (fragments/). */
  fragments: ParsedFragment[];
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
    const code = line.slice(0, commentStart(line));
    const match = code.includes('{{') ? TEMPLATE_ACTION.exec(code) : null;
    if (match) return { start: offset + match.index, end: offset + match.index + match[0].length };
    offset += line.length + 1;
  }
  return undefined;
}

/** Where a line's `#` comment starts (line length when none): a `#` at the start or after a space, outside quotes. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:\[{,-]/.test(line[i - 1]!)) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return i;
    }
  }
  return line.length;
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
  if (kind === 'Secret' && group === '' && (getNode(map, ['stringData', CSI_CONF_SECRET_KEY], doc) || getNode(map, ['data', CSI_CONF_SECRET_KEY], doc))) {
    return { kind: 'VsphereConfigSecret', apiVersion };
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

/**
 * Parses a YAML file. With `chunkFilter`, only the documents whose chunk (splitDocumentChunks) text
 * passes it are parsed: each comes out exactly as in a whole parse, but `docs`, `objects`,
 * `syntaxProblems` and `brokenDocs` then cover those documents alone, and `docIndex` counts only
 * them. Size limit and template rule are the same either way.
 */
export function parseYamlFile(file: SourceFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS, chunkFilter?: (chunkText: string) => boolean): ParsedFile {
  const { uri, text } = file;
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(text));
  const base = { uri, text, lines, language: 'yaml' as FileLanguage, fragments: [] as ParsedFragment[] };

  if (text.length > limits.maxBytes) {
    return {
      ...base,
      docs: [],
      objects: [],
      brokenDocs: new Set(),
      syntaxProblems: [{ code: 'TOO_LARGE', message: `File is larger than ${formatSize(limits.maxBytes)} and was not analysed.`, start: 0, end: 0 }],
    };
  }
  const template = text.includes('{{') ? findTemplateAction(text) : undefined;
  if (template) return { ...base, docs: [], objects: [], brokenDocs: new Set(), syntaxProblems: [], template };

  const parsedDocs = chunkFilter ? parseYamlDocuments(text, chunkFilter) : parseYamlDocuments(text);
  const syntaxProblems: SyntaxProblem[] = [];
  const brokenDocs = new Set<number>();
  const objects: K8sObject[] = [];
  const sink = { objects, syntaxProblems, brokenDocs };
  parsedDocs.forEach((doc, docIndex) => collectDocument(text, doc, docIndex, sink));

  return { ...base, docs: parsedDocs, objects, syntaxProblems, brokenDocs };
}

/**
 * Recognises the objects of one parsed document (or records its first syntax error). Exported so
 * the language server can analyse the documents of a changed chunk alone (parseDocumentChunk)
 * with exactly the results of a whole-file parse.
 */
export function collectDocument(
  text: string,
  doc: Document.Parsed,
  docIndex: number,
  out: { objects: K8sObject[]; syntaxProblems: SyntaxProblem[]; brokenDocs: Set<number> },
): void {
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    // The parser may point one past the end (an unclosed quote at EOF); findings stay inside the text.
    const start = Math.min(Math.max(error.pos[0], 0), text.length);
    const end = Math.min(Math.max(error.pos[1], start), text.length);
    out.syntaxProblems.push({ code: error.code, message: firstLine(error.message), start, end: tokenEnd(text, start, end) });
    out.brokenDocs.add(docIndex);
    return;
  }
  const root = doc.contents;
  if (!isMap(root)) return;
  const kind = getString(root, ['kind'], doc);
  if (kind === 'List' || (kind?.endsWith('List') && getNode(root, ['items'], doc))) {
    seqItems(getNode(root, ['items'], doc), doc).forEach((item, listIndex) => {
      const map = asMap(item, doc);
      const object = map && objectFrom(map, doc, docIndex, listIndex);
      if (object) out.objects.push(object);
    });
    return;
  }
  const object = objectFrom(root, doc, docIndex);
  if (object) out.objects.push(object);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}

function formatSize(bytes: number): string {
  if (bytes >= 1048576) return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} characters`;
}

/** The parser points at one character; widen such a span to the word there (a duplicated key, a stray token). */
function tokenEnd(text: string, start: number, end: number): number {
  if (end - start > 1 || start >= text.length || /[\s:,[\]{}#]/.test(text[start]!)) return end;
  let i = start + 1;
  while (i < text.length && !/[\s:,[\]{}#]/.test(text[i]!)) i++;
  return i;
}

/** YAML 1.1 is what Kubernetes' decoder speaks: `yes`/`on` are booleans, `0777` is octal. */
export const YAML_OPTIONS = { version: '1.1', prettyErrors: false, keepSourceTokens: false, strict: true } as const;

/** A stretch of the file holding one YAML document (from its `---` or directives to the next one). */
export interface DocumentChunk {
  start: number;
  end: number;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/**
 * Splits a file at its document-start markers. A `---` at the start of a line always begins a
 * document (it even ends a block scalar), so each chunk parses on its own exactly as it would in
 * the whole stream. Directives (`%YAML`) stay with the document they precede; leading comments
 * stay with the first document.
 */
export function splitDocumentChunks(text: string): DocumentChunk[] {
  const starts = [0];
  DOCUMENT_START.lastIndex = 0;
  for (let match = DOCUMENT_START.exec(text); match; match = DOCUMENT_START.exec(text)) {
    let start = match.index;
    while (start > 0) {
      const previousLine = text.lastIndexOf('\n', start - 2) + 1;
      if (text[previousLine] !== '%') break;
      start = previousLine;
    }
    if (start > starts[starts.length - 1]!) starts.push(start);
  }
  // A first chunk of only comments and blank lines belongs to the document after it.
  if (starts.length > 1 && isCommentsOnly(text.slice(0, starts[1]))) starts.splice(1, 1);
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

function isCommentsOnly(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(#.*)?$/.test(line.replace(/^\uFEFF/, '')));
}

/**
 * Parses one chunk of `text`; node ranges and error positions are offsets into the whole file.
 * The parser counts offsets from where it is told to start, so the chunk's tokens carry file
 * offsets from the start (no pass over the token tree to shift them), and they stream into the
 * composer without being collected first.
 */
export function parseDocumentChunk(text: string, chunk: DocumentChunk): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = chunk.start;
  return [...new Composer(YAML_OPTIONS).compose(parser.parse(text.slice(chunk.start, chunk.end)), true, chunk.end)] as Document.Parsed[];
}

/**
 * All documents of a file, parsed chunk by chunk (same result as one parse of the stream); with
 * `chunkFilter`, only those of the chunks whose text passes it.
 */
export function parseYamlDocuments(text: string, chunkFilter?: (chunkText: string) => boolean): Document.Parsed[] {
  const docs: Document.Parsed[] = [];
  for (const chunk of splitDocumentChunks(text)) {
    if (chunkFilter && !chunkFilter(text.slice(chunk.start, chunk.end))) continue;
    docs.push(...parseDocumentChunk(text, chunk));
  }
  return docs;
}
