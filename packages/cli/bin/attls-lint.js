#!/usr/bin/env node
// `attls-lint`: the same as `attls lint`.
require('./start.js').start('attls-lint');
