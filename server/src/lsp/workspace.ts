// Finds and reads the files of the workspace folders the server indexes: every YAML file and
// every other file the linter analyses (csi-vsphere.conf, .vmx, scripts, kickstart), skipping
// node_modules and .git. Asynchronous and gentle: reads a few files at a time so requests are
// served meanwhile.
import fs from 'node:fs';
import path from 'node:path';
import { languageForPath } from '../service/index.js';
import { CONFIG_NAMES } from './configs.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** Whether a file name may hold something the linter analyses (`.conf` files are decided by content). */
export function isCandidateName(name: string): boolean {
  if ((CONFIG_NAMES as readonly string[]).includes(name)) return false;
  if (name.toLowerCase().endsWith('.conf')) return true;
  return languageForPath(name) !== undefined;
}

/** Every candidate file below `root`, depth first, in name order. Directory links are not followed. */
export async function listFiles(root: string, maxBytes: number, onProblem: (message: string) => void): Promise<string[]> {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (dir === root) onProblem(`cannot read ${dir}: ${(error as Error).message}`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(full);
        continue;
      }
      if (!isCandidateName(entry.name)) continue;
      if (entry.isFile() || entry.isSymbolicLink()) out.push(full);
    }
  }
  out.reverse();
  // Sizes in parallel batches; oversized files are left out (the service would not analyse them).
  const kept: string[] = [];
  for (let i = 0; i < out.length; i += 64) {
    const batch = out.slice(i, i + 64);
    const stats = await Promise.all(batch.map((p) => fs.promises.stat(p).catch(() => undefined)));
    batch.forEach((p, j) => {
      const stat = stats[j];
      if (stat?.isFile() && stat.size <= maxBytes) kept.push(p);
    });
  }
  return kept;
}

/** Reads files with bounded concurrency, in order, handing each to `each` (undefined: unreadable). */
export async function readFiles(paths: readonly string[], each: (filePath: string, text: string | undefined) => Promise<void> | void, concurrency = 16): Promise<void> {
  let next = 0;
  const results = new Map<number, string | undefined>();
  let delivered = 0;
  let waiting: (() => void) | undefined;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      let text: string | undefined;
      try {
        text = await fs.promises.readFile(paths[index]!, 'utf8');
      } catch {
        text = undefined;
      }
      results.set(index, text);
      waiting?.();
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, paths.length) }, worker);
  while (delivered < paths.length) {
    if (!results.has(delivered)) {
      await new Promise<void>((resolve) => (waiting = resolve));
      waiting = undefined;
      continue;
    }
    const text = results.get(delivered);
    results.delete(delivered);
    await each(paths[delivered]!, text);
    delivered++;
  }
  await Promise.all(workers);
}

export function isAnalysable(filePath: string, text: string): boolean {
  return languageForPath(filePath, text) !== undefined;
}
