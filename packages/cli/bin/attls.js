#!/usr/bin/env node
// `attls`: runs the bundled CLI when it has been built (fast start), else the compiled modules.
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/cli.mjs', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../out/main.js');
process.exitCode = await main(process.argv.slice(2), 'attls');
