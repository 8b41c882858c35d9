import type { RuleMeta } from '../../service/index.js';
import type { CliFinding } from '../types.js';

export interface FileReport {
  /** Path relative to the working directory, with forward slashes (or `<stdin>`). */
  displayPath: string;
  findings: CliFinding[];
}

/** A usage, configuration or I/O problem of the run (also printed on stderr). */
export interface ReportProblem {
  displayPath?: string;
  line?: number;
  column?: number;
  message: string;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings with a safe fix. */
  fixable: number;
}

export interface Report {
  /** Absolute working directory; output paths are relative to it. */
  cwd: string;
  /** Sorted by path; findings sorted by position (and already filtered by --quiet). */
  files: FileReport[];
  problems: ReportProblem[];
  counts: Counts;
  /** Every rule that can appear in results (SARIF tool.driver.rules). */
  rules: readonly RuleMeta[];
  version: string;
  /** False when the run exits with code 2. */
  executionSuccessful: boolean;
  exitCode: number;
  /** Output path of a URI (related locations may point at other files). */
  pathOfUri(uri: string): string;
}

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
