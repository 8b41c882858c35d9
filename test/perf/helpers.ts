// Inputs for the equivalence tests of the performance work: the examples, the CLI fixtures and a
// small generated benchmark corpus (bench/gen-corpus.mjs), read into memory.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageForPath, type SourceFile } from '../../server/src/service/index.js';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Tree {
  name: string;
  files: SourceFile[];
  /** Text of the `.vsphere-csi.yaml` at the tree's root, if any. */
  config?: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Every file of `dir` the linter reads (YAML and the fragment languages). */
export function readTree(name: string, dir: string): Tree {
  const files: SourceFile[] = [];
  for (const file of walk(dir)) {
    if (path.basename(file).startsWith('.vsphere-csi.')) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (languageForPath(file, text) === undefined) continue;
    files.push({ uri: pathToFileURL(file).href, text });
  }
  const configPath = path.join(dir, '.vsphere-csi.yaml');
  return { name, files, ...(fs.existsSync(configPath) ? { config: fs.readFileSync(configPath, 'utf8') } : {}) };
}

/** The benchmark corpus generator's output for a few files, in a temporary folder (removed here). */
export function generatedCorpus(files: number, seed: string): Tree {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-lint-perf-')));
  const out = path.join(dir, 'corpus');
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'bench', 'gen-corpus.mjs'), '--out', out, '--files', String(files), '--seed', seed], { stdio: 'ignore' });
    return readTree(`generated corpus (seed ${seed})`, out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function repositoryTrees(): Tree[] {
  return [
    readTree('examples', path.join(ROOT, 'examples')),
    ...fs
      .readdirSync(path.join(ROOT, 'test', 'fixtures', 'cli'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => readTree(`fixture ${e.name}`, path.join(ROOT, 'test', 'fixtures', 'cli', e.name))),
  ];
}
