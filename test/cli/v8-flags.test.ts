// The commands tune V8 for a short-lived process (packages/cli/bin/v8-flags.js). These tests check
// that the tuning really reaches the process that runs a command, by V8's own trace of inlining.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generatePolicy } from '../bench/generate.js';
import { repoRoot } from '../support/shared.js';

const binDir = join(repoRoot, 'packages', 'cli', 'bin');
const onV8With = process.versions.v8.startsWith('11.');

/** Lines of V8's inlining trace while `attls lint` runs over a policy, started as `args` say. */
function inliningTrace(args: readonly string[]): string[] {
  const r = spawnSync(process.execPath, ['--trace-turbo-inlining', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return r.stdout.split('\n').filter((l) => /for inlining/.test(l));
}

describe('cli: V8 flags for a short-lived command', function () {
  this.timeout(60_000);
  let dir = '';
  let file = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'attls-v8-'));
    file = join(dir, 'p.ttls');
    // Large enough for V8 to optimise the scanner and the model's loops.
    writeFileSync(file, generatePolicy({ rules: 300, seed: 5 }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the flags for the V8 of Node 20 and none for another V8', async () => {
    const { V8_FLAGS } = (await import(pathToFileURL(join(binDir, 'v8-flags.js')).href)) as { V8_FLAGS: readonly string[] };
    assert.deepEqual(V8_FLAGS, onV8With ? ['--interrupt-budget=270336', '--no-turbo-inlining', '--semi-space-growth-factor=1'] : []);
  });

  it('keeps the young generation of both commands at its first size (on Node 20)', () => {
    // Preloaded into the process: the young generation's size when Node starts and at the exit.
    const probe = join(dir, 'young.cjs');
    writeFileSync(
      probe,
      [
        "const size = () => require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;",
        'const first = size();',
        "process.on('exit', () => process.stderr.write(JSON.stringify({ first, last: size() })));",
      ].join('\n'),
    );
    const young = (args: readonly string[]): { first: number; last: number } => {
      const r = spawnSync(process.execPath, ['-r', probe, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
      return JSON.parse(r.stderr) as { first: number; last: number };
    };
    const grown = young(['-e', `require(${JSON.stringify(join(repoRoot, 'packages', 'cli', 'dist', 'cli.cjs'))}).main(['lint', '--format', 'json', ${JSON.stringify(file)}], 'attls');`]);
    assert.ok(grown.last >= 8 * grown.first, `without the flags, V8 grows it for this lint (${grown.first} -> ${grown.last})`);
    for (const bin of [[join(binDir, 'attls.js'), 'lint'], [join(binDir, 'attls-lint.js')]]) {
      const kept = young([...bin, '--format', 'json', file]);
      // Its two halves may be set up at the first collection; it does not grow past that.
      if (onV8With) assert.ok(kept.last <= 2 * kept.first, `${bin[0]}: ${kept.first} -> ${kept.last}`);
      else assert.ok(kept.last >= 8 * kept.first, bin[0]);
    }
  });

  it('applies them in the attls and attls-lint processes (on Node 20, TurboFan considers no inlining)', () => {
    // The same lint with the bundle loaded directly, without start.js: TurboFan does inline.
    const direct = inliningTrace(['-e', `require(${JSON.stringify(join(repoRoot, 'packages', 'cli', 'dist', 'cli.cjs'))}).main(['lint', '--format', 'json', ${JSON.stringify(file)}], 'attls');`]);
    assert.ok(direct.length > 0, 'without the flags, TurboFan considers functions for inlining');
    for (const bin of [[join(binDir, 'attls.js'), 'lint'], [join(binDir, 'attls-lint.js')]]) {
      const traced = inliningTrace([...bin, '--format', 'json', file]);
      // Another V8 is left as it is.
      if (onV8With) assert.deepEqual(traced, [], bin[0]);
      else assert.ok(traced.length > 0, bin[0]);
    }
  });

  it('start.js applies them before it imports the CLI', () => {
    const start = readFileSync(join(binDir, 'start.js'), 'utf8');
    // A call on a line of its own (not commented out), before the line that loads the CLI.
    const applied = start.search(/^\s*applyV8Flags\(\);/m);
    const loaded = start.search(/^.*(loadBundle\(|await import\()/m);
    assert.ok(applied > 0 && loaded > applied);
  });
});
