#!/usr/bin/env node
'use strict';
// Launcher for the bundled CLI, so the bin exists before the first build.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('vsphere-csi-lint: not built yet; run `npm run build` in the repository root first.\n');
  process.exit(2);
}
require(bundle);
