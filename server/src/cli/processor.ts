// The per-file work of a run: read and parse (phase 1), lint against the whole run's index
// (phase 2), apply safe fixes, write. The same class runs in the main thread for small runs and
// inside each worker for large ones, so results cannot differ between the two modes.
import fs from 'node:fs';
import {
  createLanguageService,
  LineIndex,
  type FileIndexEntries,
  type Finding,
  type LanguageService,
  type LocalLint,
  type ParsedFile,
  type WorkspaceIndex,
  hasIndexDefinitions,
} from '../service/index.js';
import { writeFileAtomic } from './atomicWrite.js';
import { describeFsError, readSource, type SourceText } from './readSource.js';
import type { CliFinding, FileProblem, LintReply, ParseReply, ProcessorInit, WorkFile, WriteReply } from './types.js';

/** --fix: whole files stay parsed for the fix passes and the final write. */
interface FixState {
  file: WorkFile;
  source: SourceText;
  original: string;
  parsed: ParsedFile;
  entries: FileIndexEntries;
}

/**
 * Without --fix each file is linted in two phases: right after parsing, whatever needs no
 * cross-file facts beyond the run's index definitions (service.lintLocal), so only the objects
 * that rules needing the rest of the workspace index look at stay in memory until the index is
 * built; the rest after (service.lintDeferred).
 */
interface LintState {
  file: WorkFile;
  /** Phase 1's outcome while rule runs wait for the index. */
  local?: LocalLint;
  /** The file's findings once it is done. */
  findings?: CliFinding[];
  /** An internal error while linting (reported by lint(), as in fix mode). */
  error?: string;
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** Adds the 1-based location and the line text the formatters need. */
export function toCliFinding(finding: Finding, lines: LineIndex): CliFinding {
  const { start } = finding.range;
  let { end } = finding.range;
  // A range that stops at the very start of a line really ends at the end of the line before.
  if (end.character === 0 && end.line > start.line) {
    const line = end.line - 1;
    end = { line, character: lines.lineEnd(line) - lines.lineStart(line) };
  }
  const loc = {
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.line === start.line ? Math.max(end.character, start.character) + 1 : end.character + 1,
  };
  return { ...finding, loc, lineText: lines.lineText(start.line).trim() };
}

/** Whether round 1's definitions of a file (none when `scanned` is undefined) are those of its full parse. */
function sameDefinitions(scanned: FileIndexEntries | undefined, full: FileIndexEntries): boolean {
  if (!scanned) return !hasIndexDefinitions(full);
  const pick = (e: FileIndexEntries) => JSON.stringify([e.storageClasses, e.snapshotClasses, e.featureStates]);
  return pick(scanned) === pick(full);
}

export class FileProcessor {
  private readonly service: LanguageService = createLanguageService();
  private readonly states = new Map<number, FixState>();
  private readonly lintStates: LintState[] = [];
  /** Files read in round 1 whose parse waits for round 2; `scanned`: the index definitions round 1 found in them. */
  private waiting: Array<{ file: WorkFile; text: string; scanned?: FileIndexEntries }> = [];

  constructor(private readonly init: ProcessorInit) {}

  /**
   * Round 1: reads every file. With --fix, parses all of them. Without, only collects the
   * StorageClasses, VolumeSnapshotClasses and feature states the files define (parsing just the
   * documents that may define them) and returns those entries; every file waits for parseRest,
   * which has the definitions of the whole run and parses each file once, in full.
   */
  parse(): ParseReply {
    const entries: FileIndexEntries[] = [];
    const problems: FileProblem[] = [];
    for (const file of this.init.files) {
      let source: SourceText;
      try {
        if (file.text !== undefined) {
          source = { text: file.text, bom: false, mtimeMs: 0, size: file.text.length, mode: 0o644, uid: 0, gid: 0 };
        } else {
          const read = readSource(file.realPath);
          if (!read.ok) {
            problems.push({ id: file.id, message: read.reason });
            continue;
          }
          source = read.source;
        }
      } catch (error) {
        problems.push({ id: file.id, message: `internal error while parsing: ${errorMessage(error)}` });
        continue;
      }
      if (this.init.twoPhase) {
        let scanned: FileIndexEntries;
        try {
          scanned = this.service.scanIndexDefinitions({ uri: file.uri, text: source.text });
        } catch (error) {
          problems.push({ id: file.id, message: `internal error while parsing: ${errorMessage(error)}` });
          continue;
        }
        if (hasIndexDefinitions(scanned)) {
          entries.push(scanned);
          this.waiting.push({ file, text: source.text, scanned });
        } else this.waiting.push({ file, text: source.text });
        continue;
      }
      const parsed = this.parseFile(file, source.text, entries, problems);
      if (!parsed) continue;
      this.states.set(file.id, { file, source, original: source.text, parsed: parsed.parsed, entries: parsed.entries });
    }
    return { entries, problems };
  }

  /**
   * Round 2 (without --fix): `definitions` are the index definitions round 1 found in every
   * processor's files. Parses every file, extracts its index entries and lints it in phase 1.
   */
  parseRest(definitions: FileIndexEntries[]): ParseReply {
    const entries: FileIndexEntries[] = [];
    const problems: FileProblem[] = [];
    if (!this.init.twoPhase) return { entries, problems };
    const index = this.service.buildIndex(definitions);
    const waiting = this.waiting;
    this.waiting = [];
    for (const { file, text, scanned } of waiting) {
      const parsed = this.parseFile(file, text, entries, problems);
      if (!parsed) continue;
      if (!sameDefinitions(scanned, parsed.entries)) {
        // Round 1 missed or misread definitions of this file: a bug, and the other files may have been linted without them.
        problems.push({ id: file.id, message: 'internal error while parsing: the first round read other StorageClass, VolumeSnapshotClass or feature-state definitions than the full parse' });
      }
      this.lintStates.push(this.lintLocal(file, parsed.parsed, index));
    }
    return { entries, problems };
  }

  /** Parses one file and extracts its index entries (pushed to `entries`); undefined after an internal error. */
  private parseFile(file: WorkFile, text: string, entries: FileIndexEntries[], problems: FileProblem[]): { parsed: ParsedFile; entries: FileIndexEntries } | undefined {
    try {
      const parsed = this.service.parse({ uri: file.uri, text });
      const fileEntries = this.service.extractIndexEntries(parsed);
      entries.push(fileEntries);
      return { parsed, entries: fileEntries };
    } catch (error) {
      problems.push({ id: file.id, message: `internal error while parsing: ${errorMessage(error)}` });
      return undefined;
    }
  }

  private lintLocal(file: WorkFile, parsed: ParsedFile, definitions?: WorkspaceIndex): LintState {
    const state: LintState = { file };
    try {
      const config = this.init.configs[file.config]!;
      this.settle(state, this.service.lintLocal(parsed, config, this.init.ruleOverrides, definitions));
    } catch (error) {
      state.error = errorMessage(error);
    }
    return state;
  }

  /** Keeps a file's deferred runs, or finishes the file when nothing is deferred any more. */
  private settle(state: LintState, local: LocalLint): void {
    if (local.deferred.length > 0) {
      state.local = local;
      return;
    }
    state.local = undefined;
    const findings = this.service.lintDeferred(local, this.init.configs[state.file.config]!, undefined, this.init.ruleOverrides);
    const lines = local.file.lines();
    state.findings = findings.map((f) => toCliFinding(f, lines));
  }

  /** Lints every file against the run's index; with `fix`, applies safe fixes in memory. */
  lint(allEntries: FileIndexEntries[], fix: boolean): LintReply {
    if (this.init.twoPhase) return this.lintDeferred(allEntries);
    const index = this.service.buildIndex(allEntries);
    const reply: LintReply = { results: [], changed: [], changedIds: [], problems: [] };
    for (const state of this.states.values()) {
      const { file } = state;
      try {
        const config = this.init.configs[file.config]!;
        const findings = this.service.lint(state.parsed, config, index, this.init.ruleOverrides);
        const lines = state.parsed.lines();
        reply.results.push({ id: file.id, findings: findings.map((f) => toCliFinding(f, lines)) });
        if (fix && file.writable && this.fixable(state)) {
          const wanted = this.init.fixErrorsOnly ? findings.filter((f) => f.severity === 'error') : findings;
          const result = this.service.applyFixes(file.uri, state.parsed.text, wanted);
          if (result.safe && result.applied.length > 0 && result.text !== state.parsed.text) {
            state.parsed = this.service.parse({ uri: file.uri, text: result.text });
            state.entries = this.service.extractIndexEntries(state.parsed);
            reply.changed.push(state.entries);
            reply.changedIds.push(file.id);
          }
        }
      } catch (error) {
        reply.problems.push({ id: file.id, message: `internal error while linting: ${errorMessage(error)}` });
      }
    }
    return reply;
  }

  /** Phase 2: the rule runs that waited for the index. */
  private lintDeferred(allEntries: FileIndexEntries[]): LintReply {
    const index = this.lintStates.some((s) => s.local) ? this.service.buildIndex(allEntries) : undefined;
    const reply: LintReply = { results: [], changed: [], changedIds: [], problems: [] };
    for (const state of this.lintStates) {
      const { file, local } = state;
      if (local) {
        state.local = undefined;
        try {
          const findings = this.service.lintDeferred(local, this.init.configs[file.config]!, index, this.init.ruleOverrides);
          const lines = local.file.lines();
          state.findings = findings.map((f) => toCliFinding(f, lines));
        } catch (error) {
          state.error = errorMessage(error);
        }
      }
      if (state.error !== undefined) reply.problems.push({ id: file.id, message: `internal error while linting: ${state.error}` });
      else if (state.findings) reply.results.push({ id: file.id, findings: state.findings });
    }
    return reply;
  }

  /** Never touch a file whose YAML does not parse, or a template. */
  private fixable(state: FixState): boolean {
    return state.parsed.syntaxProblems.length === 0 && !state.parsed.template;
  }

  /** Writes the files whose text fixes changed, atomically, keeping mode and BOM. */
  write(): WriteReply {
    const reply: WriteReply = { written: [], problems: [] };
    for (const state of this.states.values()) {
      const { file, source } = state;
      if (!file.writable || state.parsed.text === state.original) continue;
      try {
        const now = fs.statSync(file.realPath);
        if (now.mtimeMs !== source.mtimeMs || now.size !== source.size) {
          reply.problems.push({ id: file.id, message: 'file changed on disk during the run; fixes not written' });
          continue;
        }
        writeFileAtomic(file.realPath, (source.bom ? '\uFEFF' : '') + state.parsed.text, { mode: source.mode, uid: source.uid, gid: source.gid });
        reply.written.push(file.id);
      } catch (error) {
        reply.problems.push({ id: file.id, message: `fixes not written: ${describeFsError(error)}` });
      }
    }
    return reply;
  }
}
