// Shared start of the `attls` and `attls-lint` commands: runs the bundled CLI (dist/cli.cjs, one
// file that loads in milliseconds) when it has been built, else the compiled modules.
// The bin scripts are CommonJS (bin/package.json says so): with an ES module as its entry, Node sets
// up its module loader and builds the export list of every built-in module the scripts import.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'cli.cjs');
const COMPILED = join(__dirname, '..', 'out', 'main.js');

async function start(prog) {
  // A checkout installed with --ignore-scripts (or --omit=dev) has neither: say so in one line.
  if (!existsSync(BUNDLE) && !existsSync(COMPILED)) {
    process.stderr.write(`${prog}: not built yet: run \`npm run build\` in the attls repository (it needs the dev dependencies)\n`);
    process.exit(2);
  }
  const { main } = existsSync(BUNDLE) ? require(BUNDLE) : await import('../out/main.js');
  const code = await main(process.argv.slice(2), prog);
  // The command is done once its output has reached the OS. Ending the process here skips the
  // orderly tear-down of the JavaScript heap that a natural exit does. main() has awaited
  // everything it started, so there is nothing else to wait for.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves once everything written to the stream so far has been handed to the OS (or failed). */
function flushed(stream) {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

module.exports = { start, BUNDLE };
