// Soak/property test through the real server: thousands of random edits to a multi-document file
// (incremental didChange, sometimes several changes at once or a full replacement), checked at
// checkpoints and at the end against a fresh full analysis of the text by the language service
// itself. The server must never crash or log a failed handler.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Diagnostic, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { xorshift32 } from '../../bench/lib/random.mjs';
import { createLanguageService, parseConfigText, type Finding } from '../../server/src/service/index.js';
import { LspClient, ROOT, fileUri, positionAt, serverBuilt } from './client.js';
import { CLAIM, CLASSES, CONFIG, STATEFULSET, createWorkspace, type Workspace } from './fixtures.js';

if (!serverBuilt()) throw new Error('server/dist/server.js is missing: run `npm run build` first (npm test does).');

const EDITS = Number(process.env.SOAK_EDITS ?? 3000);
const SEED = Number(process.env.SOAK_SEED ?? 20251121);

function rng(seed: number) {
  const next = xorshift32(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

/** A multi-document file: the benchmark generator's documents when it is there, else the fixtures repeated. */
function multiDocument(dir: string): string {
  const out = path.join(dir, 'generated.yaml');
  const generator = path.join(ROOT, 'bench', 'gen-corpus.mjs');
  if (fs.existsSync(generator)) {
    const run = spawnSync(process.execPath, [generator, '--big', '80', '--out', out, '--seed', '7', '--force'], { encoding: 'utf8' });
    if (run.status === 0 && fs.existsSync(out)) {
      const text = fs.readFileSync(out, 'utf8');
      fs.rmSync(out);
      fs.rmSync(`${out}.truth.json`, { force: true });
      return text;
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < 20; i++) parts.push(CLASSES.replace(/name: (gold|files)/g, `name: $1-${i}`), CLAIM.replace('name: shared', `name: shared-${i}`), STATEFULSET.replace('name: db\n', `name: db-${i}\n`));
  return parts.join('---\n');
}

const WORDS = ['gold', 'files', 'vsan-gold', 'vsan-default', 'missing', 'ReadWriteMany', 'ReadWriteOnce', 'Block', 'xfs', 'EXT4', 'nfs4', 'StorageClass', 'PersistentVolumeClaim', 'csi.vsphere.vmware.com', 'kubernetes.io/vsphere-volume', 'storagePolicy', 'true', '10Gi', '1G'];
const SNIPPETS = ['\n---\n', '---\n', '\n', '  ', '# note\n', '# vsphere-csi-lint-disable-next-line sc-invalid-fstype -- test\n', 'key: value\n', '- item\n', '"', "'", ':', '{', '}', '[', ']', '&a ', '*a', '\t'];

function project(d: { range: Diagnostic['range']; severity?: number | undefined; code?: unknown; message: string | { value: string }; tags?: number[] | undefined; relatedInformation?: Diagnostic['relatedInformation'] }) {
  return JSON.stringify({
    range: d.range,
    severity: d.severity,
    code: d.code,
    message: d.message,
    tags: d.tags ?? [],
    related: (d.relatedInformation ?? []).map((r) => ({ uri: r.location.uri, range: r.location.range, message: r.message })),
  });
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;
const TAG = { deprecated: 2, unnecessary: 1 } as const;

function expected(findings: readonly Finding[]): string[] {
  return findings.map((f) =>
    project({
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      message: f.message,
      ...(f.tags ? { tags: f.tags.map((t) => TAG[t]) } : {}),
      ...(f.related ? { relatedInformation: f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message })) } : {}),
    }),
  );
}

let ws: Workspace;
let client: LspClient;

beforeAll(async () => {
  ws = createWorkspace({ '.vsphere-csi.yaml': CONFIG, 'storage/classes.yaml': CLASSES, 'apps/claim.yaml': CLAIM });
  ws.write('apps/soak.yaml', multiDocument(ws.root));
  client = await LspClient.start({ folders: [ws.root], settings: { enable: true, rules: {}, configFile: '' } });
  await client.indexed();
});

afterAll(async () => {
  await client?.stop();
  ws?.remove();
});

test(`${EDITS} random edits through the server end with the diagnostics of a fresh analysis (seed ${SEED})`, { timeout: 600_000 }, async () => {
  const service = createLanguageService();
  const config = parseConfigText(CONFIG, fileUri(ws.file('.vsphere-csi.yaml'))).config;
  const uri = fileUri(ws.file('apps/soak.yaml'));
  const others = ['storage/classes.yaml', 'apps/claim.yaml'].map((rel) => ({ uri: fileUri(ws.file(rel)), text: fs.readFileSync(ws.file(rel), 'utf8') }));
  const fresh = (text: string) => expected(service.lintFiles([{ uri, text }, ...others], { configFor: () => config }).get(uri) ?? []);
  const random = rng(SEED);
  client.open(uri, fs.readFileSync(ws.file('apps/soak.yaml'), 'utf8'));
  await client.diagnosticsOf(uri);

  const oneEdit = (text: string): { range: Range; text: string } => {
    const r = random.next();
    const at = random.int(text.length + 1);
    let start = at;
    let end = at;
    let insert = '';
    if (r < 0.3) insert = String.fromCharCode(97 + random.int(26));
    else if (r < 0.5) end = Math.min(text.length, at + 1 + random.int(3));
    else if (r < 0.6) insert = random.pick(SNIPPETS);
    else if (r < 0.75) {
      // Replace the word under `at` with a meaningful one (class names, modes, fstypes...).
      while (start > 0 && /[\w.\-/]/.test(text[start - 1]!)) start--;
      while (end < text.length && /[\w.\-/]/.test(text[end]!)) end++;
      insert = random.pick(WORDS);
    } else if (r < 0.85) {
      // Delete or duplicate a whole line.
      start = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      end = lineEnd === -1 ? text.length : lineEnd + 1;
      if (random.next() < 0.5) {
        insert = text.slice(start, end);
        end = start;
      }
    } else if (r < 0.95) {
      // Paste a piece of the file somewhere else.
      const from = random.int(text.length);
      insert = text.slice(from, from + random.int(120));
    } else {
      end = Math.min(text.length, at + random.int(400));
    }
    return { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: insert };
  };

  let text = client.textOf(uri);
  const originals = text.split(/^---$/m).filter((d) => d.trim() !== '');
  for (let i = 1; i <= EDITS; i++) {
    const kind = random.next();
    if (kind < 0.15) {
      // Repair: a document of the file replaced by one of the original (valid) documents.
      const starts = [0, ...[...text.matchAll(/^---$/gm)].map((m) => m.index! + 4)];
      const k = random.int(starts.length);
      const start = Math.min(starts[k]!, text.length);
      const end = k + 1 < starts.length ? starts[k + 1]! - 4 : text.length;
      client.change(uri, [{ range: { start: positionAt(text, start), end: positionAt(text, Math.max(start, end)) }, text: random.pick(originals).replace(/^\n/, '') }]);
    } else if (kind < 0.18) {
      // A full replacement (no range), as some clients send.
      const changed = text.replace(/storageClassName: \S+/, `storageClassName: ${random.pick(WORDS)}`);
      client.change(uri, [{ text: changed }]);
    } else if (kind < 0.25) {
      // Several changes in one notification, each against the text the previous one left.
      const changes: TextDocumentContentChangeEvent[] = [];
      let scratch = text;
      for (let k = 0; k < 2 + random.int(3); k++) {
        const change = oneEdit(scratch);
        changes.push(change);
        const s = positionToOffset(scratch, change.range.start);
        const e = positionToOffset(scratch, change.range.end);
        scratch = scratch.slice(0, s) + change.text + scratch.slice(e);
      }
      client.change(uri, changes);
    } else {
      client.change(uri, [oneEdit(text)]);
    }
    text = client.textOf(uri);
    // Now and then a Helm template marker (the file is then skipped as a whole), mostly taken out again soon.
    const marker = text.indexOf('{{');
    if (marker !== -1 && random.next() < 0.15) {
      client.change(uri, [{ range: { start: positionAt(text, marker), end: positionAt(text, marker + 2) }, text: '{' }]);
      text = client.textOf(uri);
    } else if (marker === -1 && random.next() < 0.004) {
      const at = random.int(text.length);
      client.change(uri, [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: '{{ .Values.x }}' }]);
      text = client.textOf(uri);
    }
    // Keep the file from growing without bound.
    if (text.length > 60_000) {
      client.change(uri, [{ range: { start: positionAt(text, 40_000), end: positionAt(text, text.length) }, text: '' }]);
      text = client.textOf(uri);
    }
    if (i % 500 === 0 || i === EDITS) {
      const got = (await client.diagnosticsOf(uri, () => true, 60_000)).map(project);
      if (process.env.SOAK_VERBOSE) console.log(i, got.length, text.length, got.map((g) => JSON.parse(g).code).join(","));
      expect(got, `after ${i} edits (seed ${SEED})`).toEqual(fresh(text));
    } else if (i % 50 === 0) {
      // Let the server publish now and then, as it would between keystrokes.
      await client.diagnosticsOf(uri, () => true, 60_000);
    }
  }
  expect(client.exited).toBeUndefined();
  expect(client.logs.filter((l) => /^(textDocument|workspace|vsphereCsi)\/\S+ failed|Uncaught|Unhandled/.test(l))).toEqual([]);

  // The same text opened fresh in the server gives the same diagnostics too.
  const copy = fileUri(ws.file('apps/soak-copy.yaml'));
  client.open(copy, text);
  const again = (await client.diagnosticsOf(copy)).map((d) => project(d).replaceAll(copy, uri));
  expect(again).toEqual(fresh(text).map((d) => d.replaceAll(copy, uri)));
});

function positionToOffset(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + position.character, lineEnd === -1 ? text.length : lineEnd);
}
