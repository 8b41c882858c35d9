// Runs the whole vitest suite and ends with one plain summary line
// ("Tests: N passed, N failed, N skipped") that any CI log reader understands.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-lint-tests-')), 'vitest.json');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
let summary = 'Tests: no report was written';
try {
  const data = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0);
  summary = `Tests: ${data.numPassedTests} passed, ${data.numFailedTests} failed, ${skipped} skipped`;
} catch {
  // vitest failed before writing its report; its own output says why.
}
console.log(summary);
process.exit(result.status ?? 1);
