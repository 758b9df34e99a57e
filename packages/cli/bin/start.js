// Shared start of the `attls` and `attls-lint` commands: tune V8 for a short-lived process, then
// run the bundled CLI when it has been built (fast start, see bundle.js), else the compiled modules.
// The bin scripts are CommonJS (bin/package.json says so): with an ES module as its entry, Node sets
// up its module loader and builds the export list of every built-in module the scripts import,
// which cost 7 ms at every start (one-rule lint, interleaved runs: 165 -> 157 ms median).
const { existsSync } = require('node:fs');
const { BUNDLE, loadBundle } = require('./bundle.js');
const { applyV8Flags } = require('./v8-flags.js');

async function start(prog) {
  // Before the CLI's code is loaded: the flags affect only code compiled after them.
  applyV8Flags();
  const { main } = existsSync(BUNDLE) ? loadBundle().exports : await import('../out/main.js');
  const code = await main(process.argv.slice(2), prog);
  // The command is done once its output has reached the OS. Ending the process here skips the
  // orderly tear-down of the JavaScript heap that a natural exit does: about 20 ms after a
  // 2,000-rule lint, whose process holds over 100 MB by then. main() has awaited everything it
  // started, so there is nothing else to wait for.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves once everything written to the stream so far has been handed to the OS (or failed). */
function flushed(stream) {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

module.exports = { start };
