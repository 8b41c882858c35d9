// Builds everything `npm start`, `npm test` and the VSIX need: schema validators, then the
// esbuild bundles (CLI, CLI worker).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-schemas.mjs')], { stdio: 'inherit' });

const serverDist = path.join(root, 'server', 'dist');
fs.rmSync(serverDist, { recursive: true, force: true });
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __VSPHERE_CSI_LINT_VERSION__: JSON.stringify(version) },
};

await esbuild.build({
  ...common,
  entryPoints: {
    cli: path.join(root, 'server', 'src', 'cli', 'main.ts'),
    worker: path.join(root, 'server', 'src', 'cli', 'worker.ts'),
  },
  outdir: serverDist,
  banner: { js: '#!/usr/bin/env node' },
});
fs.chmodSync(path.join(serverDist, 'cli.js'), 0o755);
console.log(`built ${path.relative(root, serverDist)}/cli.js and worker.js`);
