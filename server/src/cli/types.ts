// Plain data shared by the CLI's main thread, its workers and its formatters. Everything here
// crosses worker boundaries by structured clone, so no classes, functions or Maps.
import type { Finding, FileIndexEntries, ResolvedConfig, SeveritySetting } from '../service/index.js';

/** 1-based position of a finding as the CLI prints it; endColumn is exclusive (one after the last character). */
export interface Loc {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliFinding extends Finding {
  loc: Loc;
  /** The trimmed text of the finding's first line (SARIF fingerprints). */
  lineText: string;
}

/** One file a processor reads, parses, lints and (with --fix) writes. */
export interface WorkFile {
  id: number;
  /** Absolute path the file is read from and written to (symlinks resolved). */
  realPath: string;
  uri: string;
  /** Index into ProcessorInit.configs. */
  config: number;
  /** Pre-read text (stdin); never sent to workers. */
  text?: string;
  /** Whether --fix may write the file (false for stdin). */
  writable: boolean;
}

export interface ProcessorInit {
  files: WorkFile[];
  configs: ResolvedConfig[];
  ruleOverrides: Record<string, SeveritySetting>;
  /** With --quiet, --fix applies only the fixes of errors. */
  fixErrorsOnly: boolean;
  /**
   * Lint in two phases (no --fix): what needs no cross-file facts right after each file is parsed,
   * the rest once the index is built; only what the second phase needs stays in memory.
   */
  twoPhase: boolean;
}

export interface FileProblem {
  id: number;
  message: string;
}

export interface ParseReply {
  entries: FileIndexEntries[];
  problems: FileProblem[];
}

export interface LintReply {
  results: Array<{ id: number; findings: CliFinding[] }>;
  /** New index entries of the files a fix pass changed (empty when nothing changed). */
  changed: FileIndexEntries[];
  changedIds: number[];
  problems: FileProblem[];
}

export interface WriteReply {
  written: number[];
  problems: FileProblem[];
}

/** Messages between the main thread and a worker. */
export type WorkerRequest =
  | { seq: number; op: 'parse' }
  | { seq: number; op: 'parseRest'; definitions: FileIndexEntries[] }
  | { seq: number; op: 'lint'; entries: FileIndexEntries[]; fix: boolean }
  | { seq: number; op: 'write' };

export type WorkerResponse = { seq: number; ok: true; result: unknown } | { seq: number; ok: false; error: string };
