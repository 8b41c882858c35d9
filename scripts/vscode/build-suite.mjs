// Bundles the extension-host suite (test/vscode/suite/*.ts) into .vscode-test/suite with esbuild:
// index.js (the run() entry) and one *.e2e.js per suite file. `vscode` comes from the extension
// host and `mocha` from the repository's node_modules at run time.
// Also writes .vscode-test/runner/package.json: an empty extension the code-server launcher uses as
// extensionDevelopmentPath, so that the extension under test is the installed .vsix.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const suiteDir = path.join(root, '.vscode-test', 'suite');
export const runnerDir = path.join(root, '.vscode-test', 'runner');
export const helpersDir = path.join(root, '.vscode-test', 'helpers');

export async function buildSuite() {
  const src = path.join(root, 'test', 'vscode', 'suite');
  const entries = fs.readdirSync(src).filter((f) => f === 'index.ts' || f.endsWith('.e2e.ts'));
  fs.rmSync(suiteDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries.map((f) => path.join(src, f)),
    outdir: suiteDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.mkdirSync(runnerDir, { recursive: true });
  fs.writeFileSync(
    path.join(runnerDir, 'package.json'),
    JSON.stringify({ name: 'vsphere-csi-lint-test-runner', publisher: 'vsphere-csi-lint', version: '0.0.0', engines: { vscode: manifest.engines.vscode } }, null, 2),
  );
  return { index: path.join(suiteDir, 'index.js'), runner: runnerDir };
}

/**
 * Bundles test/helpers/vcsim.ts, the vCenter simulator harness of the vitest tests, into
 * .vscode-test/helpers/vcsim.cjs for run-tests.mjs (one harness for both; it finds the repository
 * from its own directory, two levels down as in test/helpers). Returns the bundle's path.
 */
export async function buildVcsimHelper() {
  const outfile = path.join(helpersDir, 'vcsim.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'helpers', 'vcsim.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { index } = await buildSuite();
  console.log(`built ${path.relative(root, index)}`);
}
