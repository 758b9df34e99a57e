// V8 settings for a short-lived command. start.js applies them before it loads the CLI's code
// (they affect only code compiled afterwards); the bench starts its stage-split processes with
// them. Measured on V8 11 (Node 20) only, and applied there only; another V8 has other tiers and
// other trade-offs.
const { setFlagsFromString } = require('node:v8');

/**
 * - `--interrupt-budget=270336`: V8 waits twice as long before optimising a function. Most
 *   functions of a command never get hot enough to repay optimising them; callgrind counted 14%
 *   fewer instructions for a cold 2,000-rule `attls lint` (1x 5.42 G, 1.5x 4.77 G, 2x 4.67 G,
 *   3x 4.84 G, 4x 4.98 G).
 * - `--no-turbo-inlining`: TurboFan compiles each function on its own. A command's optimised
 *   code runs for a second at most, while inlining made TurboFan's work several times larger
 *   (about 350 ms of compiler-thread time in that lint, on a machine with two cores). Without it,
 *   interleaved runs of that lint took 60 ms less wall time (895 -> 835 ms median) and 130 ms
 *   less CPU time; 500- and 8,000-rule lints and `match --batch` of 100,000 connections were
 *   faster too.
 * - `--semi-space-growth-factor=1`: the young generation keeps its first size (1 MB semi-spaces)
 *   instead of growing to 16 MB ones. Nearly everything a command allocates survives (the tree,
 *   the model, the analysis), so a larger young generation saves few copies, while each of its
 *   fresh pages costs a page fault (on the bench machine, touching 100 MB of fresh memory took
 *   270 ms). Interleaved runs, code cache made under the same flags: a 2,000-rule lint 800 ->
 *   750 ms median, 500 rules 370 -> 305 ms, `match --batch` of 100,000 connections 975 -> 920 ms,
 *   peak memory 18 MB lower; an 8,000-rule lint (10 MB) is 7% slower (2,250 -> 2,420 ms), its
 *   many more collections copying more than the page faults saved.
 */
const V8_FLAGS = process.versions.v8.startsWith('11.') ? ['--interrupt-budget=270336', '--no-turbo-inlining', '--semi-space-growth-factor=1'] : [];

/** Sets V8_FLAGS in this process. */
function applyV8Flags() {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

module.exports = { V8_FLAGS, applyV8Flags };
