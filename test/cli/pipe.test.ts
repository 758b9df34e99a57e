// A reader that stops early (`attls ... | head`) closes the pipe; attls must end quietly. A slow
// reader gets all of the output: the commands end the process themselves, after it is flushed.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePolicy } from '../bench/generate.js';
import { repoRoot } from '../support/shared.js';

describe('cli: output pipe closed early', function () {
  this.timeout(30_000);

  it('exits without a stack trace when stdout closes before the output ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attls-pipe-'));
    try {
      const file = join(dir, 'p.ttls');
      // Far more than a pipe buffer of JSON findings.
      writeFileSync(file, generatePolicy({ rules: 300, seed: 3 }).replace(/TLSv1 {2,}Off/g, 'TLSv1 On'));
      const child = spawn(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'attls.js'), 'lint', '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      assert.equal(stderr, '', 'nothing on stderr');
      assert.ok(code === 0 || code === 1, `exit status ${code}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cli: the end of a command', function () {
  this.timeout(60_000);

  it('ends the process itself, and only once a slow reader has all of the output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attls-exit-'));
    try {
      const file = join(dir, 'p.ttls');
      writeFileSync(file, generatePolicy({ rules: 300, seed: 5 }).replace(/TLSv1 {2,}Off/g, 'TLSv1 On'));
      const bin = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');
      const args = ['lint', '--format', 'json', file];
      const expected = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.ok(expected.stdout.length > 3 * 65536, `several pipe buffers of findings (${expected.stdout.length} characters)`);
      // --trace-exit makes Node report a process.exit() call, with the stack that made it.
      const child = spawn(process.execPath, ['--trace-exit', bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const chunks: Buffer[] = [];
      // Read a chunk at a time, with a pause after each, so that the pipe stays full for a while.
      const ended = new Promise<void>((resolve) => child.stdout.on('end', () => resolve()));
      child.stdout.on('data', (d: Buffer) => {
        chunks.push(d);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 2);
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      await ended;
      assert.equal(code, expected.status);
      assert.equal(Buffer.concat(chunks).toString('utf8'), expected.stdout, 'the whole output, in order');
      assert.match(stderr, /Exited the environment with code 1/, stderr);
      assert.match(stderr, /start\.js/, 'the exit comes from the shared start of the commands');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
