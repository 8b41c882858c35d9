// Entry point of the extension-host test suite. The extension host (desktop VS Code through
// @vscode/test-electron, or code-server through scripts/vscode/run-tests.mjs) requires this file
// and awaits run(); the suites are the *.e2e.js files bundled next to it.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 90_000, slow: 2_000 });
  // VSCODE_TEST_GREP narrows the run (the launchers pass the environment through).
  if (process.env.VSCODE_TEST_GREP) mocha.grep(process.env.VSCODE_TEST_GREP);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js')).sort()) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
