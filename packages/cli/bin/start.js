// Shared start of the `attls` and `attls-lint` commands: tune V8 for a short-lived process, then
// run the bundled CLI when it has been built (fast start), else the compiled modules.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

export async function start(prog) {
  // A command runs once and exits, so most of its functions never get hot enough to repay
  // optimising them. Waiting twice as long before V8 optimises a function cut the instructions of
  // a cold 2,000-rule `attls lint` by 14% (callgrind; 1x 5.42 G, 1.5x 4.77 G, 2x 4.67 G, 3x 4.84 G,
  // 4x 4.98 G) and left `attls match --batch` unchanged. Only on V8 11 (Node 20), where it was
  // measured; the flag must be set before the code is loaded.
  if (process.versions.v8.startsWith('11.')) setFlagsFromString('--interrupt-budget=270336');
  const bundle = new URL('../dist/cli.mjs', import.meta.url);
  const { main } = await import(existsSync(bundle) ? bundle.href : '../out/main.js');
  process.exitCode = await main(process.argv.slice(2), prog);
}
