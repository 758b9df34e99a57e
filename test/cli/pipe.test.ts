// A reader that stops early (`attls ... | head`) closes the pipe; attls must end quietly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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
