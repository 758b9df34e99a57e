// Shared start of the `attls` and `attls-lint` commands: tune V8 for a short-lived process, then
// run the bundled CLI when it has been built (fast start, see bundle.js), else the compiled modules.
import { existsSync } from 'node:fs';
import { BUNDLE, loadBundle } from './bundle.js';
import { applyV8Flags } from './v8-flags.js';

export async function start(prog) {
  // Before the CLI's code is loaded: the flags affect only code compiled after them.
  applyV8Flags();
  const { main } = existsSync(BUNDLE) ? loadBundle().exports : await import('../out/main.js');
  process.exitCode = await main(process.argv.slice(2), prog);
}
