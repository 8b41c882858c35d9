// Incremental analysis for the language server. Pure: text in, findings out; no I/O.
//
// An open YAML file is kept as its document chunks (parse.ts splitDocumentChunks). An edit
// re-parses and re-lints only the chunks it touched; the others keep their findings, stored
// relative to the chunk start so they move with it, and their index entries, whose locations are
// computed from the chunk's current start. Each chunk is linted through a tracking view of the
// workspace index (dependencies.ts) that records which facts its rules read; when an edit changes
// a file's index entries (a class renamed, a parameter changed), only the chunks, in any open
// file, whose reads intersect the change are linted again. When entries merely move (lines
// inserted above them) the related locations that point at them are moved the same way.
// Suppression comments, syntax findings and the final ordering are applied file-wide on every
// assembly (analyze.ts finishFindings), so the result equals a fresh analysis of the whole text.
//
// Files that are not YAML (csi-vsphere.conf, .vmx, scripts), Helm templates and oversized files
// are analysed whole on each change; files that are not open contribute only their index entries
// and class references.
import type { Document } from 'yaml';
import { finishFindings, lintFileLevel, lintFragments, lintObjects, lintParsedFile, type LintOptions } from '../analyze.js';
import type { ResolvedConfig } from '../config.js';
import type { LanguageService } from '../index.js';
import { languageForPath } from '../languages.js';
import { CSI_CONF_SECRET_KEY, FEATURE_STATES_CONFIGMAP, collectDocument, parseDocumentChunk, splitDocumentChunks, type DocumentChunk, type K8sObject, type ParsedFile, type ParsedFragment, type SyntaxProblem } from '../parse.js';
import { objectFragments } from '../parseFile.js';
import type { FileLanguage, Finding, Fix, Range, SeveritySetting } from '../types.js';
import { LineIndex } from '../util/lineIndex.js';
import type { FileIndexEntries, Location, WorkspaceIndex } from '../workspaceIndex.js';
import { classReferences, type ClassReference, type LocatedReference } from './definition.js';
import { ChangeSet, diffIndexes, sameLocation, trackingIndex, type Dep, type OwnedLocations } from './dependencies.js';
import { EditMapper, diffRegion, type EditRegion } from './positions.js';
import { patchIndex, updateSortedUris } from './indexPatch.js';
import { documentSymbols, shiftSymbols, type SymbolData } from './symbols.js';

export interface FileSettings {
  config: ResolvedConfig;
  /** Editor settings (`vsphereCsi.rules`), over the config's `rules`. */
  ruleOverrides?: Record<string, SeveritySetting>;
}

export interface SessionOptions {
  /** Called when a rule throws (the analysis goes on; the finding is internal-error). */
  onRuleError?: (ruleId: string, error: unknown, uri: string) => void;
}

type Entry = { location: Location };

const KNOWN_ENTRY_FIELDS = new Set(['uri', 'topologyCategories', 'storageClasses', 'claims', 'snapshots', 'snapshotClasses', 'featureStates']);

interface Holder {
  doc: OpenDocument;
  deps: Set<Dep> | undefined;
  stale: boolean;
  /** URIs that findings' related locations point into. */
  relatedUris: Set<string>;
}

/** Findings of a chunk with absolute offsets and ranges, valid while the chunk starts at `start` on `line`. */
interface Materialized {
  start: number;
  line: number;
  objectFindings: Finding[];
  fragmentFindings: Finding[];
  problems: SyntaxProblem[];
}

interface Chunk extends Holder {
  start: number;
  end: number;
  docCount: number;
  /** Syntax problems, offsets relative to `start`. */
  problems: SyntaxProblem[];
  /** Findings of the object rules and of the fragment rules, offsets relative to `start` (related locations absolute). */
  objectFindings: Finding[];
  fragmentFindings: Finding[];
  /** Rules that threw in lintObjects (later chunks skip them, as one whole-file run would). */
  failed: string[];
  /** Index entries; their locations follow the chunk (see bindEntries). */
  entries: FileIndexEntries;
  references: ClassReference[];
  symbols: SymbolData[];
  /** Something reaches outside the chunk: re-parse it whenever the file changes. */
  volatile: boolean;
  materialized: Materialized | undefined;
}

interface Whole extends Holder {
  parsed: ParsedFile;
  findings: Finding[];
  entries: FileIndexEntries;
  references: ClassReference[];
  symbols: SymbolData[];
}

interface OpenDocument {
  uri: string;
  text: string;
  /** Increases on every change; keys cached entry locations. */
  version: number;
  language: FileLanguage;
  settings: FileSettings;
  lines: LineIndex;
  chunks: Chunk[];
  whole: Whole | undefined;
  /** Flattened entries of the file (what the index holds). */
  entries: FileIndexEntries;
  assembled: Finding[] | undefined;
  /** Whether the text has `{{` (a possible Helm template: analysed whole). */
  braces: boolean;
}

/** What a file that is not open contributes: its index entries and class references. */
export interface DiskFile {
  entries: FileIndexEntries;
  references: LocatedReference[];
}

interface ParsedChunk {
  docs: Document.Parsed[];
  objects: K8sObject[];
  fragments: ParsedFragment[];
  /** Absolute offsets. */
  problems: SyntaxProblem[];
  view: ParsedFile;
}

/** Where a chunk entry's location lives: offsets relative to its chunk. */
interface Binding {
  chunk: Chunk;
  start: number;
  end: number;
  version: number;
  cached: Location | undefined;
}

const BINDING = Symbol('vsphere-csi-lint.binding');

function emptyEntries(uri: string): FileIndexEntries {
  return { uri, topologyCategories: [], storageClasses: [], claims: [], snapshots: [], snapshotClasses: [], featureStates: [] };
}

function entryLists(entries: FileIndexEntries): Array<[string, Entry[]]> {
  const out: Array<[string, Entry[]]> = [];
  for (const key in entries) {
    if (key === 'uri') continue;
    const value = (entries as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) out.push([key, value as Entry[]]);
  }
  return out;
}

function allEntries(entries: FileIndexEntries): Entry[] {
  return entryLists(entries).flatMap(([, list]) => list);
}

function concatEntries(uri: string, parts: readonly FileIndexEntries[]): FileIndexEntries {
  const out = emptyEntries(uri) as unknown as Record<string, unknown[]>;
  for (const part of parts) {
    for (const [key, list] of entryLists(part)) {
      if (list.length === 0) continue;
      const target = (out[key] ??= []);
      for (const entry of list) target.push(entry);
    }
  }
  return out as unknown as FileIndexEntries;
}

const withoutLocation = (key: string, value: unknown) => (key === 'location' ? undefined : value);

/** Whether two sets of entries say the same, the old ones located by `oldLocation`. */
function equivalentEntries(before: FileIndexEntries, after: FileIndexEntries, oldLocation: (entry: Entry) => Location | undefined): boolean {
  const a = entryLists(before).filter(([, list]) => list.length > 0);
  const b = new Map(entryLists(after).filter(([, list]) => list.length > 0));
  if (a.length !== b.size) return false;
  for (const [key, list] of a) {
    const other = b.get(key);
    if (!other || other.length !== list.length) return false;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      const y = other[i]!;
      if (!sameLocation(oldLocation(x), y.location)) return false;
      if (JSON.stringify(x, withoutLocation) !== JSON.stringify(y, withoutLocation)) return false;
    }
  }
  return true;
}

function shiftFix(fix: Fix, delta: number): Fix {
  return { title: fix.title, edits: fix.edits.map((e) => ({ start: e.start + delta, end: e.end + delta, newText: e.newText })) };
}

function shiftFinding(finding: Finding, delta: number): Finding {
  const out: Finding = { ...finding, start: finding.start + delta, end: finding.end + delta };
  if (finding.fix) out.fix = shiftFix(finding.fix, delta);
  if (finding.suggestions) out.suggestions = finding.suggestions.map((s) => shiftFix(s, delta));
  return out;
}

function shiftRange(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

function reachesOutside(finding: Finding, start: number, end: number): boolean {
  const outside = (offset: number) => offset < start || offset > end;
  if (outside(finding.start) || outside(finding.end)) return true;
  for (const fix of [finding.fix, ...(finding.suggestions ?? [])]) {
    if (fix?.edits.some((e) => outside(e.start) || outside(e.end))) return true;
  }
  return false;
}

const INTERNAL_ERROR_RULE = /^Rule (\S+) failed/;

/**
 * A deep copy whose strings share nothing with the parsed text. Strings cut from a YAML source
 * are slices that keep the whole text of that version alive; what a chunk keeps across edits
 * (findings, entries, references, symbols) must not pin every version of a large file.
 */
function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Kinds and keys a document must mention to contribute index entries or class references. */
const INDEX_WORDS = ['StorageClass', 'PersistentVolume', 'VolumeSnapshot', 'storageClassName', 'volumeSnapshotClassName', FEATURE_STATES_CONFIGMAP, CSI_CONF_SECRET_KEY];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Binds entries' locations to a chunk: from now on they are computed from the chunk's start when
 * read. `locations` are where the entries are now (absolute). Returns false when one lies outside
 * the chunk (it would not move with it).
 */
function bindEntries(chunk: Chunk, entries: readonly Entry[], locations: readonly Location[]): boolean {
  let inside = true;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const location = locations[i]!;
    if (location.start < chunk.start || location.end > chunk.end) inside = false;
    const binding: Binding = { chunk, start: location.start - chunk.start, end: location.end - chunk.start, version: chunk.doc.version, cached: location };
    const existing = (entry as unknown as Record<symbol, Binding | undefined>)[BINDING];
    if (existing) {
      Object.assign(existing, binding);
      continue;
    }
    Object.defineProperty(entry, BINDING, { value: binding, enumerable: false, writable: true });
    Object.defineProperty(entry, 'location', {
      enumerable: true,
      configurable: true,
      get(this: Record<symbol, Binding>): Location {
        const b = this[BINDING]!;
        const doc = b.chunk.doc;
        if (b.cached && b.version === doc.version) return b.cached;
        const start = b.chunk.start + b.start;
        const end = b.chunk.start + b.end;
        b.cached = { uri: doc.uri, start, end, range: doc.lines.range(start, end) };
        b.version = doc.version;
        return b.cached;
      },
    });
  }
  return inside;
}

export class AnalysisSession {
  private readonly docs = new Map<string, OpenDocument>();
  private readonly disk = new Map<string, DiskFile>();
  private readonly current = new Map<string, FileIndexEntries>();
  private readonly sortedUris: string[] = [];
  private workspaceIndex: WorkspaceIndex;
  /** dep base (`sc:gold`, `dsc:`, `sc:*`, `?`) → holders that read it. */
  private readonly readers = new Map<string, Set<Holder>>();
  /** uri → holders whose findings have related locations there. */
  private readonly relatedHolders = new Map<string, Set<Holder>>();
  private readonly astCache = new Map<Chunk, { start: number; parsed: ParsedChunk }>();
  private readonly indexFilter: RegExp;
  private prefilter = true;

  constructor(
    private readonly service: LanguageService,
    private readonly options: SessionOptions = {},
  ) {
    this.workspaceIndex = service.buildIndex([]);
    const words = [...INDEX_WORDS];
    for (const support of service.registry.fragmentSupports.values()) {
      if (!support.indexFacts) continue;
      for (const kind of support.objectKinds) words.push(kind === 'VsphereConfigSecret' ? CSI_CONF_SECRET_KEY : kind === 'FeatureStates' ? FEATURE_STATES_CONFIGMAP : kind);
    }
    this.indexFilter = new RegExp(words.map(escapeRegExp).join('|'));
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  get index(): WorkspaceIndex {
    return this.workspaceIndex;
  }

  isOpen(uri: string): boolean {
    return this.docs.has(uri);
  }

  openUris(): string[] {
    return [...this.docs.keys()];
  }

  text(uri: string): string | undefined {
    return this.docs.get(uri)?.text;
  }

  lines(uri: string): LineIndex | undefined {
    return this.docs.get(uri)?.lines;
  }

  settings(uri: string): FileSettings | undefined {
    return this.docs.get(uri)?.settings;
  }

  /** Whether the workspace knows a file on disk. */
  hasDiskFile(uri: string): boolean {
    return this.disk.has(uri);
  }

  diskUris(): string[] {
    return [...this.disk.keys()];
  }

  /** The findings of an open document (suppressions applied, sorted), bringing stale parts up to date. */
  findings(uri: string): Finding[] | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    if (doc.assembled && !this.hasStale(doc)) return doc.assembled;
    doc.assembled = this.assemble(doc);
    return doc.assembled;
  }

  /** A parsed view of the part of an open document around an offset (its chunk), for hover, completion, definition. */
  parsedAt(uri: string, offset: number): ParsedFile | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    if (doc.whole) return doc.whole.parsed;
    const chunk = this.chunkAt(doc, offset);
    return chunk ? this.parseCached(doc, chunk).view : undefined;
  }

  /** Document symbols (absolute offsets) of an open document. */
  symbols(uri: string): SymbolData[] {
    const doc = this.docs.get(uri);
    if (!doc) return [];
    if (doc.whole) return doc.whole.symbols;
    return doc.chunks.flatMap((chunk) => shiftSymbols(chunk.symbols, chunk.start));
  }

  /** Class references of an open document (absolute offsets). */
  references(uri: string): ClassReference[] {
    const doc = this.docs.get(uri);
    if (!doc) return [];
    if (doc.whole) return doc.whole.references;
    return doc.chunks.flatMap((chunk) => chunk.references.map((r) => ({ ...r, start: r.start + chunk.start, end: r.end + chunk.start })));
  }

  /** Every class reference of the workspace: open documents as edited, other files as on disk. */
  *allReferences(): Generator<LocatedReference> {
    for (const doc of this.docs.values()) {
      for (const reference of this.references(doc.uri)) yield { ...reference, uri: doc.uri, range: doc.lines.range(reference.start, reference.end) };
    }
    for (const [uri, file] of this.disk) if (!this.docs.has(uri)) yield* file.references;
  }

  // ---------------------------------------------------------------------------------------------
  // Workspace files (not open): index entries and references only

  /**
   * Sets what files say on disk (text) or that they are gone (undefined). Returns the open
   * documents whose findings may have changed.
   */
  setDiskFiles(files: ReadonlyArray<{ uri: string; text: string | undefined }>): Set<string> {
    return this.applyDiskFiles(files.map(({ uri, text }) => ({ uri, file: text === undefined ? undefined : this.indexText(uri, text) })));
  }

  /** Like setDiskFiles, with files already read by indexText (the server indexes in slices, then applies once). */
  applyDiskFiles(files: ReadonlyArray<{ uri: string; file: DiskFile | undefined }>): Set<string> {
    const affected = new Set<string>();
    const oldOwned: FileIndexEntries[] = [];
    const newOwned: FileIndexEntries[] = [];
    for (const { uri, file } of files) {
      const previous = this.disk.get(uri);
      if (file === undefined) this.disk.delete(uri);
      else this.disk.set(uri, file);
      if (this.docs.has(uri)) continue; // the open document's entries stay in charge
      const next = this.disk.get(uri);
      if (previous && next && equivalentEntries(previous.entries, next.entries, (e) => e.location)) {
        // Same facts: keep the old entry objects so the index needs no rebuild.
        next.entries = previous.entries;
        continue;
      }
      if (previous) oldOwned.push(previous.entries);
      if (next) newOwned.push(next.entries);
      if (next) this.setCurrent(uri, next.entries);
      else this.setCurrent(uri, undefined);
    }
    if (oldOwned.length || newOwned.length) this.reindex(oldOwned, newOwned, identityLocations(oldOwned), affected);
    return affected;
  }

  /** Parses a file for its index entries and class references, keeping nothing else. */
  indexText(uri: string, text: string): DiskFile {
    const language = languageForPath(uri, text) ?? 'yaml';
    const limits = this.service.limits;
    if (language !== 'yaml' || text.includes('{{') || text.length > limits.maxBytes || !this.prefilter) {
      const parsed = this.service.parse({ uri, text, language });
      const entries = this.checkEntries(this.service.extractIndexEntries(parsed));
      const lines = parsed.lines();
      return detach({ entries, references: classReferences(parsed.objects).map((r) => ({ ...r, uri, range: lines.range(r.start, r.end) })) });
    }
    if (!this.indexFilter.test(text)) return { entries: emptyEntries(uri), references: [] };
    let lineIndex: LineIndex | undefined;
    const lines = () => (lineIndex ??= new LineIndex(text));
    const objects: K8sObject[] = [];
    const fragments: ParsedFragment[] = [];
    const sink = { objects, syntaxProblems: [] as SyntaxProblem[], brokenDocs: new Set<number>() };
    const view: ParsedFile = { uri, text, language: 'yaml', fragments, docs: [], objects, syntaxProblems: sink.syntaxProblems, brokenDocs: sink.brokenDocs, lines };
    let docIndex = 0;
    for (const chunk of splitDocumentChunks(text)) {
      if (!this.indexFilter.test(text.slice(chunk.start, chunk.end))) {
        docIndex++;
        continue;
      }
      for (const doc of parseDocumentChunk(text, chunk)) collectDocument(text, doc, docIndex++, sink);
    }
    for (const object of objects) {
      if (!sink.brokenDocs.has(object.docIndex)) fragments.push(...objectFragments(view, object, this.service.registry.fragmentSupports));
    }
    const entries = this.checkEntries(this.service.extractIndexEntries(view));
    return detach({ entries, references: classReferences(objects).map((r) => ({ ...r, uri, range: lines().range(r.start, r.end) })) });
  }

  /** Entries with fields this module does not know switch the document filter off (it could miss them). */
  private checkEntries(entries: FileIndexEntries): FileIndexEntries {
    if (this.prefilter && Object.keys(entries).some((key) => !KNOWN_ENTRY_FIELDS.has(key))) this.prefilter = false;
    return entries;
  }

  // ---------------------------------------------------------------------------------------------
  // Open documents

  open(uri: string, text: string, settings: FileSettings, language?: FileLanguage): Set<string> {
    const affected = new Set<string>([uri]);
    if (this.docs.has(uri)) this.close(uri);
    const doc: OpenDocument = {
      uri,
      text,
      version: 0,
      language: language ?? languageForPath(uri, text) ?? 'yaml',
      settings,
      lines: new LineIndex(text),
      chunks: [],
      whole: undefined,
      entries: emptyEntries(uri),
      assembled: undefined,
      braces: text.includes('{{'),
    };
    this.docs.set(uri, doc);
    this.analyse(doc, undefined, this.current.get(uri), affected);
    return affected;
  }

  /** Applies a new text. `hint` is the region an editor reported as changed (old offsets), when there was one. */
  update(uri: string, text: string, hint?: EditRegion): Set<string> {
    const doc = this.docs.get(uri);
    if (!doc) return new Set();
    const affected = new Set<string>([uri]);
    if (text === doc.text) return affected;
    const region = diffRegion(doc.text, text, hint);
    const mapper = new EditMapper(region, doc.lines, text, uri);
    this.moveRelated(uri, mapper, affected);
    const oldLines = doc.lines;
    doc.text = text;
    doc.version++;
    // Only the edit can add `{{`; only a full look can tell it is gone.
    doc.braces = doc.braces ? text.includes('{{') : text.slice(Math.max(0, region.start - 1), region.newEnd + 1).includes('{{');
    doc.lines = LineIndex.afterEdit(oldLines, text, region.start, region.oldEnd, region.newEnd);
    doc.assembled = undefined;
    this.analyse(doc, { region, mapper, oldLines }, undefined, affected);
    return affected;
  }

  setSettings(uri: string, settings: FileSettings): Set<string> {
    const doc = this.docs.get(uri);
    if (!doc) return new Set();
    if (JSON.stringify(doc.settings) === JSON.stringify(settings)) return new Set();
    doc.settings = settings;
    for (const holder of this.holders(doc)) holder.stale = true;
    doc.assembled = undefined;
    return new Set([uri]);
  }

  close(uri: string): Set<string> {
    const doc = this.docs.get(uri);
    const affected = new Set<string>();
    if (!doc) return affected;
    for (const holder of this.holders(doc)) this.unregister(holder);
    for (const chunk of doc.chunks) this.astCache.delete(chunk);
    this.docs.delete(uri);
    const disk = this.disk.get(uri);
    const owned = identityLocations([doc.entries]);
    if (disk && equivalentEntries(doc.entries, disk.entries, (e) => owned.get(e))) {
      this.setCurrent(uri, disk.entries);
      this.refreshIndex([doc.entries], [disk.entries]);
      return affected;
    }
    if (disk) this.setCurrent(uri, disk.entries);
    else this.setCurrent(uri, undefined);
    this.reindex([doc.entries], disk ? [disk.entries] : [], owned, affected);
    return affected;
  }

  // ---------------------------------------------------------------------------------------------
  // Analysis

  private holders(doc: OpenDocument): Holder[] {
    return doc.whole ? [doc.whole] : doc.chunks;
  }

  private hasStale(doc: OpenDocument): boolean {
    if (doc.whole) return doc.whole.stale;
    for (const chunk of doc.chunks) if (chunk.stale) return true;
    return false;
  }

  private needsWhole(doc: OpenDocument): boolean {
    return doc.language !== 'yaml' || doc.text.length > this.service.limits.maxBytes || doc.braces;
  }

  /**
   * Analyses `doc` at its (new) text. `edit` is what changed (undefined: everything). `before`
   * are the entries the index had for the file when they do not come from `doc` itself
   * (opening); `owned` their locations moved through the edit.
   */
  private analyse(doc: OpenDocument, edit: Edit | undefined, before: FileIndexEntries | undefined, affected: Set<string>): void {
    if (this.needsWhole(doc)) {
      const oldEntries = before ?? doc.entries;
      const owned = ownedLocations(oldEntries, edit);
      for (const holder of this.holders(doc)) this.unregister(holder);
      for (const chunk of doc.chunks) this.astCache.delete(chunk);
      doc.chunks = [];
      const parsed = this.service.parse({ uri: doc.uri, text: doc.text, language: doc.language });
      const lines = doc.lines;
      parsed.lines = () => lines;
      const whole: Whole = {
        doc,
        parsed,
        findings: [],
        entries: this.checkEntries(this.service.extractIndexEntries(parsed)),
        references: classReferences(parsed.objects),
        symbols: documentSymbols(parsed.docs),
        deps: undefined,
        stale: true,
        relatedUris: new Set(),
      };
      doc.whole = whole;
      doc.entries = whole.entries;
      this.setCurrent(doc.uri, doc.entries);
      this.reindex([oldEntries], [whole.entries], owned, affected);
      this.lintWhole(whole);
      return;
    }
    if (doc.whole) {
      // Leaving whole-file mode: every chunk is new.
      const oldEntries = doc.whole.entries;
      this.unregister(doc.whole);
      doc.whole = undefined;
      this.rechunk(doc, undefined, oldEntries, edit, affected);
      return;
    }
    this.rechunk(doc, edit, before, edit, affected);
  }

  /**
   * Re-chunks `doc`: `edit` (when given) lets unchanged chunks be kept; `before` are old entries
   * that do not come from the chunks (opening, leaving whole-file mode); `move` moves old
   * locations to the new text.
   */
  private rechunk(doc: OpenDocument, edit: Edit | undefined, before: FileIndexEntries | undefined, move: Edit | undefined, affected: Set<string>): void {
    const text = doc.text;
    const oldChunks = doc.chunks;
    const bounds = splitDocumentChunks(text);
    let prefix = 0;
    let suffix = 0;
    if (edit) {
      const { region } = edit;
      while (prefix < oldChunks.length && prefix < bounds.length) {
        const o = oldChunks[prefix]!;
        const n = bounds[prefix]!;
        if (o.start !== n.start || o.end !== n.end || o.end > region.start || o.volatile) break;
        prefix++;
      }
      const delta = region.newEnd - region.oldEnd;
      while (suffix < oldChunks.length - prefix && suffix < bounds.length - prefix) {
        const o = oldChunks[oldChunks.length - 1 - suffix]!;
        const n = bounds[bounds.length - 1 - suffix]!;
        if (o.start + delta !== n.start || o.end + delta !== n.end || o.start < region.oldEnd || o.start <= region.start || o.volatile) break;
        suffix++;
      }
      if (delta !== 0) {
        for (let i = oldChunks.length - suffix; i < oldChunks.length; i++) {
          const chunk = oldChunks[i]!;
          chunk.start += delta;
          chunk.end += delta;
        }
      }
    }
    const removed = oldChunks.slice(prefix, oldChunks.length - suffix);
    for (const chunk of removed) {
      this.unregister(chunk);
      this.astCache.delete(chunk);
    }
    let docBase = 0;
    for (let i = 0; i < prefix; i++) docBase += oldChunks[i]!.docCount;
    const created: Array<{ chunk: Chunk; parsed: ParsedChunk }> = [];
    for (const bound of bounds.slice(prefix, bounds.length - suffix)) {
      const parsed = this.parseChunk(doc, bound, docBase);
      docBase += parsed.docs.length;
      const chunk: Chunk = {
        doc,
        start: bound.start,
        end: bound.end,
        docCount: parsed.docs.length,
        problems: detach(parsed.problems.map((p) => ({ ...p, start: p.start - bound.start, end: p.end - bound.start }))),
        objectFindings: [],
        fragmentFindings: [],
        failed: [],
        entries: detach(this.checkEntries(this.service.extractIndexEntries(parsed.view))),
        references: detach(classReferences(parsed.objects).map((r) => ({ ...r, start: r.start - bound.start, end: r.end - bound.start }))),
        symbols: detach(shiftSymbols(documentSymbols(parsed.docs), -bound.start)),
        deps: undefined,
        stale: true,
        relatedUris: new Set(),
        volatile: false,
        materialized: undefined,
      };
      created.push({ chunk, parsed });
    }
    doc.chunks = prefix === 0 && suffix === 0 ? created.map((c) => c.chunk) : [...oldChunks.slice(0, prefix), ...created.map((c) => c.chunk), ...oldChunks.slice(oldChunks.length - suffix)];
    const oldRegion = before ?? concatEntries(doc.uri, removed.map((c) => c.entries));
    const newRegion = concatEntries(doc.uri, created.map((c) => c.chunk.entries));
    const owned = ownedLocations(oldRegion, move);
    const same = equivalentEntries(oldRegion, newRegion, (e) => owned.get(e));
    const fresh = created.map(({ chunk }) => allEntries(chunk.entries).map((e) => e.location));
    const bind = () => created.forEach(({ chunk }, i) => bindEntries(chunk, allEntries(chunk.entries), fresh[i]!) || (chunk.volatile = true));
    if (same && before === undefined) {
      // The same facts, at most moved: the old entry objects (which the index holds) take the new chunks' places.
      this.adoptEntries(oldRegion, created.map((c) => c.chunk.entries));
      bind();
    } else {
      bind();
      if (before === undefined && edit) this.spliceEntries(doc, oldRegion, newRegion, prefix);
      else doc.entries = concatEntries(doc.uri, doc.chunks.map((c) => c.entries));
      this.setCurrent(doc.uri, doc.entries);
      if (same) this.refreshIndex([oldRegion], [newRegion]);
      else this.reindex([oldRegion], [newRegion], owned, affected);
    }
    for (const { chunk, parsed } of created) {
      this.lintChunk(chunk, parsed);
      this.remember(chunk, parsed);
    }
  }

  /**
   * Replaces the entries of the re-parsed chunks in the file's flattened entries (a new container,
   * so the previous one stays as it was), without walking every chunk of a large file.
   */
  private spliceEntries(doc: OpenDocument, oldRegion: FileIndexEntries, newRegion: FileIndexEntries, prefix: number): void {
    const next = { ...doc.entries } as unknown as Record<string, Entry[]>;
    const oldLists = new Map(entryLists(oldRegion));
    for (const [key, list] of entryLists(newRegion)) if (!oldLists.has(key)) oldLists.set(key, []);
    for (const [key, removed] of oldLists) {
      const added = ((newRegion as unknown as Record<string, Entry[] | undefined>)[key] ?? []) as Entry[];
      if (removed.length === 0 && added.length === 0) continue;
      const current = ((doc.entries as unknown as Record<string, Entry[] | undefined>)[key] ?? []) as Entry[];
      let at: number;
      if (removed.length > 0) {
        at = current.indexOf(removed[0]!);
      } else {
        at = 0;
        for (let i = 0; i < prefix; i++) at += ((doc.chunks[i]!.entries as unknown as Record<string, Entry[] | undefined>)[key] ?? []).length;
      }
      if (at === -1) {
        // Out of step (should not happen): fall back to a full concatenation.
        doc.entries = concatEntries(doc.uri, doc.chunks.map((c) => c.entries));
        return;
      }
      next[key] = [...current.slice(0, at), ...added, ...current.slice(at + removed.length)];
    }
    doc.entries = next as unknown as FileIndexEntries;
  }

  /** Puts the old entry objects into the new chunks' entry lists (they are then bound to the new chunks). */
  private adoptEntries(old: FileIndexEntries, parts: FileIndexEntries[]): void {
    const cursors = new Map<string, number>();
    const oldLists = new Map(entryLists(old));
    for (const part of parts) {
      for (const [key, list] of entryLists(part)) {
        const source = oldLists.get(key)!;
        for (let i = 0; i < list.length; i++) {
          const at = cursors.get(key) ?? 0;
          cursors.set(key, at + 1);
          list[i] = source[at]!;
        }
      }
    }
  }

  private setCurrent(uri: string, entries: FileIndexEntries | undefined): void {
    if (entries) this.current.set(uri, entries);
    else this.current.delete(uri);
    updateSortedUris(this.sortedUris, uri, entries !== undefined);
  }

  /** The index after the entries of some files changed: patched for the names involved, or rebuilt when there are many. */
  private refreshIndex(oldOwned: readonly FileIndexEntries[], newOwned: readonly FileIndexEntries[]): ReturnType<typeof keysOf> {
    const keys = keysOf([...oldOwned, ...newOwned]);
    const count = keys.storageClasses.size + keys.claims.size + keys.snapshots.size + keys.snapshotClasses.size;
    if (keys.unknown || count > 200 || oldOwned.length + newOwned.length > 8) {
      this.workspaceIndex = this.service.buildIndex([...this.current.values()]);
    } else {
      const changed = new Set([...oldOwned, ...newOwned].map((e) => e.uri));
      this.workspaceIndex = patchIndex(this.workspaceIndex, this.current, this.sortedUris, changed, keys);
    }
    return keys;
  }

  private reindex(oldOwned: readonly FileIndexEntries[], newOwned: readonly FileIndexEntries[], owned: OwnedLocations, affected: Set<string>): void {
    const before = this.workspaceIndex;
    const keys = this.refreshIndex(oldOwned, newOwned);
    const changes = diffIndexes(before, this.workspaceIndex, keys, owned);
    this.markStale(changes, affected);
  }

  private markStale(changes: ChangeSet, affected: Set<string>): void {
    if (changes.empty) return;
    const candidates = new Set<Holder>();
    const add = (base: string) => {
      for (const holder of this.readers.get(base) ?? []) candidates.add(holder);
    };
    if (changes.all) {
      for (const doc of this.docs.values()) for (const holder of this.holders(doc)) candidates.add(holder);
    } else {
      for (const change of changes.changes) add(depBase(change));
      for (const facet of changes.facets) {
        add(`${facet}:*`);
        add(`${facet}:`);
      }
      add('?');
    }
    for (const holder of candidates) {
      if (holder.stale || !changes.hitsAny(holder.deps)) continue;
      holder.stale = true;
      holder.doc.assembled = undefined;
      affected.add(holder.doc.uri);
    }
  }

  /** Moves related locations that point into `uri` through its edit; findings whose target moved differently are re-linted. */
  private moveRelated(uri: string, mapper: EditMapper, affected: Set<string>): void {
    const holders = this.relatedHolders.get(uri);
    if (!holders) return;
    for (const holder of holders) {
      const findingLists = isChunk(holder) ? [holder.objectFindings, holder.fragmentFindings] : [(holder as Whole).findings];
      let changed = false;
      for (const list of findingLists) {
        for (let i = 0; i < list.length; i++) {
          const finding = list[i]!;
          if (!finding.related?.some((r) => r.uri === uri)) continue;
          let moved = false;
          const related = finding.related.map((r) => {
            if (r.uri !== uri) return r;
            const range = mapper.range(r.range);
            if (!range) {
              holder.stale = true;
              return r;
            }
            if (range === r.range) return r;
            moved = true;
            return { ...r, range };
          });
          if (!moved) continue;
          list[i] = { ...finding, related };
          changed = true;
        }
      }
      if (changed || holder.stale) {
        if (isChunk(holder)) holder.materialized = undefined;
        holder.doc.assembled = undefined;
        affected.add(holder.doc.uri);
      }
    }
  }

  private register(holder: Holder): void {
    for (const dep of holder.deps ?? []) {
      const base = depBase(dep);
      let set = this.readers.get(base);
      if (!set) this.readers.set(base, (set = new Set()));
      set.add(holder);
    }
    for (const uri of holder.relatedUris) {
      let set = this.relatedHolders.get(uri);
      if (!set) this.relatedHolders.set(uri, (set = new Set()));
      set.add(holder);
    }
  }

  private unregister(holder: Holder): void {
    for (const dep of holder.deps ?? []) {
      const base = depBase(dep);
      const set = this.readers.get(base);
      if (set) {
        set.delete(holder);
        if (set.size === 0) this.readers.delete(base);
      }
    }
    for (const uri of holder.relatedUris) {
      const set = this.relatedHolders.get(uri);
      if (set) {
        set.delete(holder);
        if (set.size === 0) this.relatedHolders.delete(uri);
      }
    }
  }

  private lintOptions(doc: OpenDocument, index: WorkspaceIndex, failed?: string[]): LintOptions {
    return {
      config: doc.settings.config,
      index,
      ...(doc.settings.ruleOverrides ? { ruleOverrides: doc.settings.ruleOverrides } : {}),
      onRuleError: (ruleId, error, uri) => {
        failed?.push(ruleId);
        this.options.onRuleError?.(ruleId, error, uri);
      },
    };
  }

  private parseChunk(doc: OpenDocument, bound: DocumentChunk, docBase: number): ParsedChunk {
    const text = doc.text;
    const docs = parseDocumentChunk(text, bound);
    const objects: K8sObject[] = [];
    const problems: SyntaxProblem[] = [];
    const brokenDocs = new Set<number>();
    const sink = { objects, syntaxProblems: problems, brokenDocs };
    docs.forEach((d, i) => collectDocument(text, d, docBase + i, sink));
    const fragments: ParsedFragment[] = [];
    const lines = doc.lines;
    const view: ParsedFile = { uri: doc.uri, text, language: 'yaml', fragments, docs, objects, syntaxProblems: problems, brokenDocs, lines: () => lines };
    for (const object of objects) {
      if (brokenDocs.has(object.docIndex)) continue;
      fragments.push(...objectFragments(view, object, this.service.registry.fragmentSupports));
    }
    return { docs, objects, fragments, problems, view };
  }

  private lintChunk(chunk: Chunk, parsed: ParsedChunk): void {
    this.unregister(chunk);
    const doc = chunk.doc;
    const deps = new Set<Dep>();
    const index = trackingIndex(this.workspaceIndex, (dep) => deps.add(dep));
    const failed: string[] = [];
    const registry = this.service.registry;
    const objectFindings = lintObjects(parsed.view, parsed.objects, registry, this.lintOptions(doc, index, failed));
    const fragmentFindings = lintFragments(parsed.view, parsed.fragments, registry, this.lintOptions(doc, index));
    const relative = (list: Finding[]) => (list.length ? detach(list.map((f) => shiftFinding(f, -chunk.start))) : []);
    if ([...objectFindings, ...fragmentFindings].some((f) => reachesOutside(f, chunk.start, chunk.end))) chunk.volatile = true;
    chunk.objectFindings = relative(objectFindings);
    chunk.fragmentFindings = relative(fragmentFindings);
    chunk.failed = failed;
    chunk.deps = deps;
    chunk.stale = false;
    chunk.materialized = undefined;
    chunk.relatedUris = relatedUrisOf([...objectFindings, ...fragmentFindings]);
    this.register(chunk);
  }

  private lintWhole(whole: Whole): void {
    this.unregister(whole);
    const doc = whole.doc;
    const deps = new Set<Dep>();
    const index = trackingIndex(this.workspaceIndex, (dep) => deps.add(dep));
    whole.findings = lintParsedFile(whole.parsed, this.service.registry, this.lintOptions(doc, index));
    whole.deps = deps;
    whole.stale = false;
    whole.relatedUris = relatedUrisOf(whole.findings);
    this.register(whole);
  }

  private chunkAt(doc: OpenDocument, offset: number): Chunk | undefined {
    const chunks = doc.chunks;
    let low = 0;
    let high = chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (chunks[mid]!.start <= offset) low = mid;
      else high = mid - 1;
    }
    return chunks[low];
  }

  private docBases(doc: OpenDocument): Map<Chunk, number> {
    const bases = new Map<Chunk, number>();
    let base = 0;
    for (const chunk of doc.chunks) {
      bases.set(chunk, base);
      base += chunk.docCount;
    }
    return bases;
  }

  private parseCached(doc: OpenDocument, chunk: Chunk): ParsedChunk {
    const cached = this.cachedParse(chunk);
    if (cached) return cached;
    const parsed = this.parseChunk(doc, chunk, this.docBases(doc).get(chunk) ?? 0);
    this.remember(chunk, parsed);
    return parsed;
  }

  /**
   * A chunk's parse from the cache. Valid while the chunk object lives (its text is unchanged)
   * and has not moved; the view is pointed at the current text and lines.
   */
  private cachedParse(chunk: Chunk): ParsedChunk | undefined {
    const cached = this.astCache.get(chunk);
    if (!cached || cached.start !== chunk.start) return undefined;
    this.astCache.delete(chunk);
    this.astCache.set(chunk, cached);
    const doc = chunk.doc;
    cached.parsed.view.text = doc.text;
    const lines = doc.lines;
    cached.parsed.view.lines = () => lines;
    return cached.parsed;
  }

  private remember(chunk: Chunk, parsed: ParsedChunk): void {
    this.astCache.delete(chunk);
    this.astCache.set(chunk, { start: chunk.start, parsed });
    // A few parses for hover and completion near the cursor (each pins its version of the text).
    while (this.astCache.size > 4) this.astCache.delete(this.astCache.keys().next().value!);
  }

  /** A chunk's findings and problems with absolute offsets and ranges (cached; chunks start at a line start, so a move shifts lines only). */
  private materialize(chunk: Chunk, lines: LineIndex): Materialized {
    const line = lines.positionAt(chunk.start).line;
    const previous = chunk.materialized;
    if (previous && previous.start === chunk.start && previous.line === line) return previous;
    const atLineStart = lines.lineStart(line) === chunk.start;
    // Moved: the previous absolute findings shift by whole lines. Otherwise the chunk's relative
    // findings are placed afresh.
    const moved = previous !== undefined && atLineStart && previous.problems.length + previous.objectFindings.length + previous.fragmentFindings.length > 0;
    const from: Pick<Materialized, 'objectFindings' | 'fragmentFindings' | 'problems'> = moved ? previous : chunk;
    const delta = moved ? chunk.start - previous.start : chunk.start;
    const lineDelta = moved ? line - previous.line : 0;
    const place = (finding: Finding): Finding => {
      const out = shiftFinding(finding, delta);
      out.range = moved ? shiftRange(finding.range, lineDelta) : lines.range(out.start, out.end);
      return out;
    };
    const result: Materialized = {
      start: chunk.start,
      line,
      objectFindings: from.objectFindings.map(place),
      fragmentFindings: from.fragmentFindings.map(place),
      problems: from.problems.map((p) => ({ ...p, start: p.start + delta, end: p.end + delta })),
    };
    if (!atLineStart) return result;
    chunk.materialized = result;
    return result;
  }

  private assemble(doc: OpenDocument): Finding[] {
    if (doc.whole) {
      if (doc.whole.stale) this.lintWhole(doc.whole);
      return doc.whole.findings;
    }
    let bases: Map<Chunk, number> | undefined;
    for (const chunk of doc.chunks) {
      if (!chunk.stale) continue;
      bases ??= this.docBases(doc);
      const parsed = this.cachedParse(chunk) ?? this.parseChunk(doc, chunk, bases.get(chunk) ?? 0);
      this.lintChunk(chunk, parsed);
    }
    const lines = doc.lines;
    const uri = doc.uri;
    const problems: SyntaxProblem[] = [];
    const registry = this.service.registry;
    const internalError = registry.fileRules.internalError.id;
    const objectFindings: Finding[] = [];
    const fragmentFindings: Finding[] = [];
    const failedSoFar = new Set<string>();
    for (const chunk of doc.chunks) {
      if (chunk.objectFindings.length + chunk.fragmentFindings.length + chunk.problems.length === 0 && chunk.failed.length === 0) continue;
      const materialized = this.materialize(chunk, lines);
      for (const p of materialized.problems) problems.push(p);
      for (const finding of materialized.objectFindings) {
        if (failedSoFar.size > 0) {
          if (failedSoFar.has(finding.ruleId)) continue;
          if (finding.ruleId === internalError) {
            const rule = INTERNAL_ERROR_RULE.exec(finding.message)?.[1];
            if (rule && failedSoFar.has(rule)) continue;
          }
        }
        objectFindings.push(finding);
      }
      for (const finding of materialized.fragmentFindings) fragmentFindings.push(finding);
      for (const rule of chunk.failed) failedSoFar.add(rule);
    }
    const view: ParsedFile = { uri, text: doc.text, language: 'yaml', fragments: [], docs: [], objects: [], syntaxProblems: problems, brokenDocs: new Set(), lines: () => lines };
    const options = this.lintOptions(doc, this.workspaceIndex);
    const fileLevel = lintFileLevel(view, registry, options);
    return finishFindings(view, [...fileLevel, ...objectFindings, ...fragmentFindings], registry, options);
  }
}

/** Where a chunk-bound entry was before an edit (its chunk has not moved yet), per the old line index. */
function locationBefore(entry: Entry, oldLines: LineIndex): Location {
  const binding = (entry as unknown as Record<symbol, Binding | undefined>)[BINDING];
  if (!binding) return entry.location;
  const start = binding.chunk.start + binding.start;
  const end = binding.chunk.start + binding.end;
  return { uri: binding.chunk.doc.uri, start, end, range: oldLines.range(start, end) };
}

interface Edit {
  region: EditRegion;
  mapper: EditMapper;
  oldLines: LineIndex;
}

/** The old entries of a file with their locations moved through the edit (undefined where it touched them). */
function ownedLocations(entries: FileIndexEntries | undefined, edit: Edit | undefined): Map<object, Location | undefined> {
  const out = new Map<object, Location | undefined>();
  if (!entries) return out;
  for (const entry of allEntries(entries)) {
    const before = edit ? locationBefore(entry, edit.oldLines) : entry.location;
    out.set(entry, edit ? edit.mapper.location(before) : before);
  }
  return out;
}

function keysOf(lists: readonly FileIndexEntries[]) {
  const keys = {
    storageClasses: new Set<string>(),
    claims: new Set<string>(),
    snapshots: new Set<string>(),
    snapshotClasses: new Set<string>(),
    featureStates: new Set<string>(),
    topology: false,
    unknown: false,
  };
  for (const entries of lists) {
    for (const [key, list] of entryLists(entries)) {
      if (list.length === 0) continue;
      if (!KNOWN_ENTRY_FIELDS.has(key)) {
        keys.unknown = true;
        continue;
      }
      if (key === 'topologyCategories') {
        keys.topology = true;
        continue;
      }
      const set = keys[key as 'storageClasses'];
      for (const entry of list as unknown as Array<{ name?: string; key?: string }>) set.add((key === 'featureStates' ? entry.key : entry.name) ?? '');
    }
  }
  return keys;
}

function identityLocations(lists: readonly FileIndexEntries[]): Map<object, Location | undefined> {
  const out = new Map<object, Location | undefined>();
  for (const entries of lists) for (const entry of allEntries(entries)) out.set(entry, entry.location);
  return out;
}

function isChunk(holder: Holder): holder is Chunk {
  return 'objectFindings' in holder;
}

function relatedUrisOf(findings: readonly Finding[]): Set<string> {
  const uris = new Set<string>();
  for (const finding of findings) for (const related of finding.related ?? []) uris.add(related.uri);
  return uris;
}

/** The part of a dependency that readers are indexed by: `sc:gold#0.provisioner` → `sc:gold`. */
function depBase(dep: Dep): string {
  if (dep.startsWith('?')) return '?';
  const hash = dep.indexOf('#');
  return hash === -1 ? dep : dep.slice(0, hash);
}
