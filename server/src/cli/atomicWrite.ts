// Atomic file replacement: write a temporary file next to the target, then rename it over the
// target, so a crash or a full disk never leaves a half-written manifest or report behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WriteOptions {
  /** File mode for the new file; defaults to the existing file's mode, or 0o666 minus the umask. */
  mode?: number;
  uid?: number;
  gid?: number;
}

export function writeFileAtomic(target: string, data: string, options: WriteOptions = {}): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let mode = options.mode;
  let owner: { uid: number; gid: number } | undefined =
    options.uid !== undefined && options.gid !== undefined ? { uid: options.uid, gid: options.gid } : undefined;
  if (mode === undefined) {
    try {
      const stat = fs.statSync(target);
      mode = stat.mode;
      owner ??= { uid: stat.uid, gid: stat.gid };
    } catch {
      // New file: the default mode (and the umask) apply.
    }
  }
  try {
    fs.writeFileSync(temp, data, { flag: 'wx', ...(mode !== undefined ? { mode: mode & 0o7777 } : {}) });
    if (mode !== undefined) fs.chmodSync(temp, mode & 0o7777);
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) {
      try {
        fs.chownSync(temp, owner.uid, owner.gid);
      } catch {
        // Best effort: ownership is kept when we may change it.
      }
    }
    fs.renameSync(temp, target);
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // The temporary file may not exist.
    }
    throw error;
  }
}
