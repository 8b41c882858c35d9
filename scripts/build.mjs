// Builds everything `npm start`, `npm test` and the VSIX need: schema validators, then the
// esbuild bundles (CLI, CLI worker, language server, VS Code client).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-schemas.mjs')], { stdio: 'inherit' });

const serverDist = path.join(root, 'server', 'dist');
fs.rmSync(serverDist, { recursive: true, force: true });
const clientDist = path.join(root, 'client', 'dist');
fs.rmSync(clientDist, { recursive: true, force: true });
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

// The server bundles take `yaml`'s ESM build (the one its package.json offers browsers): esbuild
// then hoists it into the bundle, so `isMap`/`isScalar` are plain calls instead of getters on a
// CommonJS namespace, and the parser does not read process.env.LOG_TOKENS for every token as the
// CommonJS build does. The one difference that can show, how warnings are logged, is kept as in
// the Node build (process.emitWarning).
const yamlDir = path.dirname(createRequire(import.meta.url).resolve('yaml/package.json'));
const yamlEsm = {
  name: 'yaml-esm',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: path.join(yamlDir, 'browser', 'dist', 'index.js') }));
    build.onLoad({ filter: /[\\/]yaml[\\/]browser[\\/]dist[\\/]log\.js$/ }, () => ({
      loader: 'js',
      contents: [
        'function debug(logLevel, ...messages) { if (logLevel === "debug") console.log(...messages); }',
        'function warn(logLevel, warning) {',
        '  if (logLevel === "debug" || logLevel === "warn") {',
        '    if (typeof process.emitWarning === "function") process.emitWarning(warning);',
        '    else console.warn(warning);',
        '  }',
        '}',
        'export { debug, warn };',
      ].join('\n'),
    }));
  },
};
const server = { ...common, plugins: [yamlEsm] };

await esbuild.build({
  ...server,
  entryPoints: {
    cli: path.join(root, 'server', 'src', 'cli', 'main.ts'),
    worker: path.join(root, 'server', 'src', 'cli', 'worker.ts'),
  },
  outdir: serverDist,
  banner: { js: '#!/usr/bin/env node' },
});
fs.chmodSync(path.join(serverDist, 'cli.js'), 0o755);
console.log(`built ${path.relative(root, serverDist)}/cli.js and worker.js`);

// The language server (stdio for other editors, IPC for the VS Code client). Built once its
// entry exists, so the build works while the server is being written.
const lspEntry = path.join(root, 'server', 'src', 'lsp', 'main.ts');
if (fs.existsSync(lspEntry)) {
  await esbuild.build({
    ...server,
    entryPoints: { server: lspEntry },
    outdir: serverDist,
  });
  console.log(`built ${path.relative(root, serverDist)}/server.js`);
}

// The VS Code extension's client; `vscode` is provided by the extension host.
await esbuild.build({
  ...common,
  entryPoints: { extension: path.join(root, 'client', 'src', 'extension.ts') },
  outdir: clientDist,
  external: ['vscode'],
  loader: { '.yaml': 'text' },
  minify: true,
});
console.log(`built ${path.relative(root, clientDist)}/extension.js`);
