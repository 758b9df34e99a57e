#!/usr/bin/env node
// `attls`: the command-line interface (see start.js for how it starts).
import { start } from './start.js';
await start('attls');
