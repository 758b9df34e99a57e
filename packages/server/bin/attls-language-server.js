#!/usr/bin/env node
// `attls-language-server --stdio | --node-ipc`: runs the bundled server when built (fast start),
// else the compiled modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const bundle = new URL('../dist/server.cjs', import.meta.url);
// A file path, not the URL's pathname: that keeps %20 for a space (and a leading / before a
// Windows drive), which require cannot find.
if (existsSync(bundle)) createRequire(import.meta.url)(fileURLToPath(bundle));
else await import('../out/main.js');
