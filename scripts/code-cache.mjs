// Makes V8's code cache for the CLI bundle (see packages/cli/bin/bundle.js). Run by bundle.mjs in
// a process of its own, with the CLI's V8 flags (a cache made under other flags is rejected).
// The CLI first lints, matches, formats and tests the example policy, so that the functions a
// command uses are compiled, and so cached; its output goes nowhere (bundle.mjs discards this
// process's stdout).
import { writeFileSync } from 'node:fs';
import { CODE_CACHE, loadBundle } from '../packages/cli/bin/bundle.js';
import { applyV8Flags } from '../packages/cli/bin/v8-flags.js';

applyV8Flags();
const { exports, script } = loadBundle(false);
const main = exports.main;
await main(['lint', '--format', 'json', 'examples/sysa-attls.ttls'], 'attls');
await main(['lint', 'examples/sysa-attls.ttls'], 'attls');
await main(['match', 'examples/sysa-attls.ttls', '--direction', 'inbound', '--local-port', '992', '--remote-addr', '203.0.113.25', '--jobname', 'TN3270A'], 'attls');
await main(['fmt', '--check', 'examples/sysa-attls.ttls'], 'attls');
await main(['test', 'examples/sysa-cases.yaml'], 'attls');
writeFileSync(CODE_CACHE, script.createCachedData());
process.exitCode = 0;
