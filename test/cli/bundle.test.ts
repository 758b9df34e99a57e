// The commands run the bundled CLI through bin/bundle.js, with the V8 code cache the build makes
// for it. The cache must be one V8 takes, and a cache V8 refuses must change nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/shared.js';

const cliDir = join(repoRoot, 'packages', 'cli');
const example = join(repoRoot, 'examples', 'sysa-attls.ttls');

function run(bin: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: the bundle and its code cache', function () {
  this.timeout(60_000);

  it("has a code cache from the build that V8 takes under the commands' flags", () => {
    assert.ok(existsSync(join(cliDir, 'dist', 'cli.cjs.cache')), 'npm run build makes dist/cli.cjs.cache');
    const probe = [
      `const { applyV8Flags } = await import(${JSON.stringify(pathToFileURL(join(cliDir, 'bin', 'v8-flags.js')).href)});`,
      `const { loadBundle } = await import(${JSON.stringify(pathToFileURL(join(cliDir, 'bin', 'bundle.js')).href)});`,
      'applyV8Flags();',
      'const { script, exports } = loadBundle();',
      "process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected, main: typeof exports.main }));",
    ].join(' ');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(r.stdout), { rejected: false, main: 'function' }, r.stderr);
  });

  it('gives the same answers with a refused or missing cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attls-bundle-'));
    try {
      cpSync(join(cliDir, 'bin'), join(dir, 'bin'), { recursive: true });
      cpSync(join(cliDir, 'dist'), join(dir, 'dist'), { recursive: true });
      const args = ['lint', '--format', 'json', example];
      const expected = run(join(cliDir, 'bin', 'attls.js'), args);
      assert.equal(expected.status, 1, 'the example policy has findings');
      writeFileSync(join(dir, 'dist', 'cli.cjs.cache'), Buffer.from('not a code cache'));
      assert.deepEqual(run(join(dir, 'bin', 'attls.js'), args), expected, 'with a cache V8 refuses');
      rmSync(join(dir, 'dist', 'cli.cjs.cache'));
      assert.deepEqual(run(join(dir, 'bin', 'attls.js'), args), expected, 'without a cache');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

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
        assert.ok(loaded.includes('NativeModule vm'), `${bin}: the probe sees the bundle loaded through node:vm`);
        assert.deepEqual(loaded.filter((m) => m.includes('internal/modules/esm/module_job')), [], bin);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
