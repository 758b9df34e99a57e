// The commands run the bundled CLI (dist/cli.cjs); the YAML reader is a bundle of its own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';

const cliDir = join(repoRoot, 'packages', 'cli');
const example = join(repoRoot, 'examples', 'sysa-attls.ttls');

function run(bin: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: the bundle', function () {
  this.timeout(60_000);

  it('runs attls test from the bundle, with the YAML reader in a bundle of its own', () => {
    // The other commands neither read nor load the YAML reader's code.
    assert.doesNotMatch(readFileSync(join(cliDir, 'dist', 'cli.cjs'), 'utf8'), /YAMLParseError/);
    assert.match(readFileSync(join(cliDir, 'dist', 'yaml.cjs'), 'utf8'), /YAMLParseError/);
    const r = run(join(cliDir, 'bin', 'attls.js'), ['test', join(repoRoot, 'examples', 'sysa-cases.yaml')]);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /4 cases: 4 passed, 0 failed/);
  });
});

describe('cli: start-up', function () {
  this.timeout(60_000);

  it('starts both commands without setting up the ES module loader', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attls-start-'));
    try {
      // Preloaded into the command's process: lists the built-in modules it loaded, at its exit.
      const probe = join(dir, 'modules.cjs');
      writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n");
      for (const [bin, args] of [['attls.js', ['lint', example]], ['attls-lint.js', [example]]] as const) {
        const r = spawnSync(process.execPath, ['-r', probe, join(cliDir, 'bin', bin), ...args], { encoding: 'utf8', cwd: repoRoot });
        assert.equal(r.status, 1, `${bin}: the example policy has findings`);
        const loaded = JSON.parse(r.stderr) as string[];
        assert.ok(loaded.length > 0, `${bin}: the probe lists the modules loaded`);
        assert.deepEqual(loaded.filter((m) => m.includes('internal/modules/esm/module_job')), [], bin);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
