// `npm start`: lint the bundled examples the way a user would. examples/broken is wrong on
// purpose, so exit code 1 (errors found) is the expected outcome here; 2 (usage, config or I/O
// problem) still fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, [path.join(root, 'server', 'dist', 'cli.js'), ...(process.argv.slice(2).length ? process.argv.slice(2) : ['examples'])], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status === 1) {
  console.log('\nexamples/broken holds deliberate mistakes, so the CLI exited 1 (errors found), as it would fail a CI job.');
  console.log('Try: npx vsphere-csi-lint examples/good   |   npx vsphere-csi-lint --explain sc-unknown-parameter');
  process.exit(0);
}
process.exit(result.status ?? 2);
