#!/usr/bin/env node
// Baseline for the benchmark: the least a YAML linter has to do. Single-threaded, it walks the
// given directory (or takes the given file), reads every .yaml/.yml file and calls the same
// `yaml` package's parseAllDocuments with the options the linter's parser uses
// (server/src/service/parse.ts). No rules, no output beyond one JSON summary line.
// Hidden files and folders (such as .vsphere-csi.yaml, the linter's config) are skipped.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const PARSE_OPTIONS = { version: '1.1', prettyErrors: false, keepSourceTokens: false, strict: true };

function walk(dir, out) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error('usage: node bench/baseline-parse.mjs <dir-or-file>...');
  process.exit(2);
}
const files = targets.flatMap((t) => (fs.statSync(t).isDirectory() ? walk(t, []) : [t]));
let docs = 0;
let bytes = 0;
let errors = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(text);
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  if (!Array.isArray(parsed)) continue; // { empty: true } for an empty stream
  docs += parsed.length;
  for (const d of parsed) errors += d.errors.length;
}
process.stdout.write(JSON.stringify({ files: files.length, docs, bytes, errors }) + '\n');
