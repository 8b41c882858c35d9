#!/usr/bin/env node
'use strict';
// Launcher for the bundled language server (`--stdio` for Neovim, Helix, Emacs and other
// editors; the VS Code client starts server/dist/server.js over IPC itself).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('vsphere-csi-lsp: not built yet; run `npm run build` in the repository root first.\n');
  process.exit(2);
}
require(bundle);
