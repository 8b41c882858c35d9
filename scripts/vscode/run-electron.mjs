// `npm run test:electron`: the same extension-host suite (test/vscode/suite) in desktop VS Code,
// through @vscode/test-electron, for contributors with internet access (it downloads VS Code into
// .vscode-test/ on first use). The extension is loaded from this checkout (extensionDevelopmentPath)
// instead of a .vsix; `npm run build` must have run (the npm script does it).
//
// env: VSCODE_VERSION (default: the oldest release engines.vscode allows, 1.91.0; "stable" for the newest),
//      VSCODE_TEST_GREP (mocha grep)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSuite, root } from './build-suite.mjs';

let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch (error) {
  console.error(`@vscode/test-electron is not installed (${error.message}); run npm install first.`);
  process.exit(2);
}

const { index } = await buildSuite();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-electron-'));
const workspace = path.join(tmp, 'workspace');
fs.cpSync(path.join(root, 'test', 'vscode', 'fixture'), workspace, { recursive: true });
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const version = process.env.VSCODE_VERSION ?? manifest.engines.vscode.replace(/^\^/, '');

let code = 0;
try {
  await testElectron.runTests({
    version,
    cachePath: path.join(root, '.vscode-test', 'electron'),
    extensionDevelopmentPath: root,
    extensionTestsPath: index,
    extensionTestsEnv: process.env.VSCODE_TEST_GREP ? { VSCODE_TEST_GREP: process.env.VSCODE_TEST_GREP } : {},
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(tmp, 'user-data')],
  });
} catch (error) {
  console.error(`extension tests failed: ${error?.message ?? error}`);
  code = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
