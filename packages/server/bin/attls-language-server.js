#!/usr/bin/env node
// `attls-language-server --stdio | --node-ipc`: runs the bundled server when built (fast start),
// else the compiled modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
const bundle = new URL('../dist/server.cjs', import.meta.url);
if (existsSync(bundle)) createRequire(import.meta.url)(bundle.pathname);
else await import('../out/main.js');
