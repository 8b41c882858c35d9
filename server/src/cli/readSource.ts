// Reads a file the way the linter needs it: bounded in size, refused when binary or not UTF-8,
// with a one-line reason instead of an exception.
import fs from 'node:fs';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8 * 1024;

export interface SourceText {
  text: string;
  /** Whether the file started with a UTF-8 byte order mark (kept on write, hidden from the parser). */
  bom: boolean;
  mtimeMs: number;
  size: number;
  mode: number;
  uid: number;
  gid: number;
}

export type ReadResult = { ok: true; source: SourceText } | { ok: false; reason: string };

/** A short, human reason for a file system error (no stack, no errno numbers). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return message.split('\n')[0] ?? message;
    }
  }
}

/** Checks the bytes of a file and decodes them; `size` limits apply to stdin too. */
export function decodeSource(bytes: Uint8Array): { ok: true; text: string; bom: boolean } | { ok: false; reason: string } {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; skipped` };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'file is UTF-16 encoded; only UTF-8 is supported; skipped' };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { ok: false, reason: 'binary file (NUL byte found); skipped' };
  let text: string;
  try {
    // ignoreBOM keeps a BOM in the text so it can be detected and restored on write.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'file is not valid UTF-8; skipped' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}

export function readSource(path: string): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
  if (!stat.isFile()) return { ok: false, reason: 'not a regular file; skipped' };
  if (stat.size > MAX_FILE_BYTES) return { ok: false, reason: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; skipped` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return decoded;
  return {
    ok: true,
    source: { text: decoded.text, bom: decoded.bom, mtimeMs: stat.mtimeMs, size: stat.size, mode: stat.mode, uid: stat.uid, gid: stat.gid },
  };
}
