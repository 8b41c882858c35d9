// Report output shared by the lint run and `inventory audit`: the same formatters, colours and
// atomic --output file.
import path from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { FORMATTERS, type Report } from './formatters/index.js';
import { describeFsError } from './readSource.js';

export function useColor(option: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (option !== undefined) return option;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  return Boolean(isTTY);
}

export interface ReportIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/**
 * Formats the report to standard output, or atomically to `output` (without colours).
 * Returns false when the file could not be written (the message is already on stderr).
 */
export function emitReport(report: Report, options: { format: string; output: string | undefined; color: boolean | undefined }, io: ReportIo, program: string, display: (abs: string) => string): boolean {
  const formatter = FORMATTERS[options.format]!;
  if (options.output === undefined) {
    io.stdout.write(formatter(report, { color: useColor(options.color, io.env, io.stdout.isTTY) }));
    return true;
  }
  const target = path.resolve(io.cwd, options.output);
  try {
    writeFileAtomic(target, formatter(report, { color: false }));
    return true;
  } catch (error) {
    io.stderr.write(`${program}: ${display(target)}: cannot write the report: ${describeFsError(error)}\n`);
    return false;
  }
}
