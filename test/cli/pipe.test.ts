// A reader that stops early (`attls ... | head`) closes the pipe; attls must end quietly. A slow
// reader gets all of the output: the commands end the process themselves, after it is flushed.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { generatePolicy } from '../bench/generate.js';
import { repoRoot } from '../support/shared.js';

const bin = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');

/** Runs `test` on a generated policy with far more than a pipe buffer of JSON findings. */
async function withNoisyPolicy(seed: number, test: (file: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'attls-pipe-'));
  try {
    const file = join(dir, 'p.ttls');
    writeFileSync(file, generatePolicy({ rules: 300, seed }).replace(/TLSv1 {2,}Off/g, 'TLSv1 On'));
    await test(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `node [nodeArgs] attls lint --format json file`, its stdout a pipe, its stderr collected. */
function lint(file: string, nodeArgs: readonly string[] = []): { child: ChildProcessByStdio<null, Readable, Readable>; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [...nodeArgs, bin, 'lint', '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { child, stderr: () => stderr, exit };
}

describe('cli: output pipe closed early', function () {
  this.timeout(30_000);

  it('exits without a stack trace when stdout closes before the output ends', () =>
    withNoisyPolicy(3, async (file) => {
      const run = lint(file);
      await new Promise<void>((resolve) => run.child.stdout.once('data', () => resolve()));
      run.child.stdout.destroy();
      const code = await run.exit;
      assert.equal(run.stderr(), '', 'nothing on stderr');
      assert.ok(code === 0 || code === 1, `exit status ${code}`);
    }));
});

describe('cli: the end of a command', function () {
  this.timeout(60_000);

  it('ends the process itself, and only once a slow reader has all of the output', () =>
    withNoisyPolicy(5, async (file) => {
      const expected = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.ok(expected.stdout.length > 3 * 65536, `several pipe buffers of findings (${expected.stdout.length} characters)`);
      // --trace-exit makes Node report a process.exit() call, with the stack that made it.
      const run = lint(file, ['--trace-exit']);
      const out = run.child.stdout;
      const chunks: Buffer[] = [];
      // Read a chunk at a time, with a pause after each, so that the pipe stays full for a while.
      const ended = new Promise<void>((resolve) => out.on('end', () => resolve()));
      out.on('data', (d: Buffer) => {
        chunks.push(d);
        out.pause();
        setTimeout(() => out.resume(), 2);
      });
      const code = await run.exit;
      await ended;
      assert.equal(code, expected.status);
      assert.equal(Buffer.concat(chunks).toString('utf8'), expected.stdout, 'the whole output, in order');
      assert.match(run.stderr(), /Exited the environment with code 1/, run.stderr());
      assert.match(run.stderr(), /start\.js/, 'the exit comes from the shared start of the commands');
    }));
});
