#!/usr/bin/env node
// `attls`: the command-line interface (see start.js for how it starts).
require('./start.js').start('attls');
