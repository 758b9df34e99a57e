#!/usr/bin/env node
// `attls-lint`: the same as `attls lint`.
import { start } from './start.js';
await start('attls-lint');
