#!/usr/bin/env node
// `attls-language-server --stdio | --node-ipc`: the language server, one bundled file that the
// build copies next to the CLI's bundle (scripts/bundle.mjs).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const SERVER = join(__dirname, '..', 'dist', 'server.cjs');
if (existsSync(SERVER)) require(SERVER);
else {
  process.stderr.write('attls-language-server: not built yet: run `npm run build` in the attls repository\n');
  process.exitCode = 2;
}
