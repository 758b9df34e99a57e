// The CLI's npm package as a user gets it: `npm pack --workspace packages/cli`, installed into an
// empty folder with no registry (an unreachable one and an empty cache), gives working attls,
// attls-lint and attls-language-server commands, in plain JavaScript with nothing else to install.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from '../support/lsp-client.js';
import { repoRoot } from '../support/shared.js';

/** The npm that runs this test (npm sets npm_execpath for `npm test`), else the one on PATH. */
function npm(args: readonly string[], cwd: string): string {
  const cli = process.env['npm_execpath'];
  const [cmd, argv] = cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', [...args]];
  return execFileSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
}

describe('cli: the npm package', function () {
  this.timeout(120_000);
  let dir: string;
  let tarball: string;
  let installed: string;
  let packedFiles: string[];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'attls-package-'));
    // Built already (npm test builds first): --ignore-scripts skips the prepack build.
    const packed = JSON.parse(npm(['pack', '--workspace', 'packages/cli', '--pack-destination', dir, '--ignore-scripts', '--json'], repoRoot)) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, packed[0]!.filename);
    packedFiles = packed[0]!.files.map((f) => f.path).sort();
    installed = join(dir, 'empty');
    mkdirSync(installed);
    // An unreachable registry and an empty cache: whatever the package needed from outside would fail.
    npm(['install', '--offline', '--registry', 'http://127.0.0.1:9/', '--cache', join(dir, 'cache'), tarball], installed);
    copyFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), join(installed, 'sysa-attls.ttls'));
    copyFileSync(join(repoRoot, 'examples', 'sysa-cases.yaml'), join(installed, 'sysa-cases.yaml'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const bin = (name: string) => join(installed, 'node_modules', '.bin', name);
  const run = (name: string, args: readonly string[]) => spawnSync(bin(name), args, { cwd: installed, encoding: 'utf8' });

  it('holds the bins and the bundles, and nothing that needs the workspace', () => {
    assert.equal(tarball.endsWith('attls-cli-0.1.0.tgz'), true, tarball);
    assert.deepEqual(packedFiles, ['bin/attls-language-server.js', 'bin/attls-lint.js', 'bin/attls.js', 'bin/package.json', 'bin/start.js', 'dist/cli.cjs', 'dist/server.cjs', 'dist/yaml.cjs', 'package.json']);
    const manifest = JSON.parse(readFileSync(join(installed, 'node_modules', '@attls', 'cli', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest['dependencies'], undefined, 'no runtime dependency at all');
    assert.deepEqual(Object.keys(manifest['bin'] as object).sort(), ['attls', 'attls-language-server', 'attls-lint']);
    assert.deepEqual(readdirSync(join(installed, 'node_modules')).filter((n) => !n.startsWith('.')), ['@attls']);
    assert.deepEqual(readdirSync(join(installed, 'node_modules', '@attls')), ['cli']);
  });

  it('is plain JavaScript: no native module, no workspace package required at run time', () => {
    for (const file of ['cli.cjs', 'server.cjs', 'yaml.cjs']) {
      const code = readFileSync(join(installed, 'node_modules', '@attls', 'cli', 'dist', file), 'utf8');
      assert.doesNotMatch(code, /require\(["']@attls\//, `${file} requires a workspace package`);
      assert.doesNotMatch(code, /\.node["']\)|process\.dlopen/, `${file} loads a native module`);
      // Every require left in a bundle is one of Node's own modules or the YAML bundle beside it.
      const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
      for (const r of requires) assert.ok(/^(node:)?[a-z_]+(\/[a-z_]+)?$/.test(r) || r === './yaml.cjs', `${file} requires ${r}`);
    }
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : files.push(e.name);
    };
    walk(join(installed, 'node_modules'));
    assert.deepEqual(files.filter((f) => f.endsWith('.node')), []);
  });

  it('attls lints the example policy, says its version, and runs attls test with the YAML bundle', () => {
    const lint = run('attls', ['lint', '--format', 'compact', 'sysa-attls.ttls']);
    assert.equal(lint.status, 1, lint.stderr);
    assert.match(lint.stdout, /^sysa-attls\.ttls:\d+:\d+: error weak-protocol /m);
    const version = run('attls', ['--version']);
    assert.deepEqual([version.status, version.stdout], [0, '0.1.0\n']);
    const test = run('attls', ['test', 'sysa-cases.yaml']);
    assert.equal(test.status, 0, test.stdout + test.stderr);
    assert.match(test.stdout, /4 cases: 4 passed, 0 failed/);
  });

  it('attls-lint is attls lint', () => {
    const a = run('attls-lint', ['--format', 'json', 'sysa-attls.ttls']);
    const b = run('attls', ['lint', '--format', 'json', 'sysa-attls.ttls']);
    assert.equal(a.status, 1);
    assert.equal(a.stdout, b.stdout);
  });

  it('attls-language-server says its version and answers initialize over stdio', async () => {
    const v = run('attls-language-server', ['--version']);
    assert.deepEqual([v.status, v.stdout], [0, '0.1.0\n']);
    const client = TestClient.spawn(bin('attls-language-server'), ['--stdio']);
    try {
      const init = await client.initialize();
      assert.equal(init.serverInfo?.name, 'attls-language-server');
      assert.equal(init.capabilities.hoverProvider, true);
    } finally {
      await client.dispose();
    }
  });

  it('a checkout that was never built says so in one line', () => {
    // The bins of the package, without the bundles: as after `npm ci --ignore-scripts`.
    const bare = join(dir, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    for (const f of ['attls.js', 'start.js', 'package.json', 'attls-language-server.js']) copyFileSync(join(installed, 'node_modules', '@attls', 'cli', 'bin', f), join(bare, 'bin', f));
    assert.equal(existsSync(join(bare, 'dist')), false);
    for (const [file, prog] of [['attls.js', 'attls'], ['attls-language-server.js', 'attls-language-server']]) {
      const r = spawnSync(process.execPath, [join(bare, 'bin', file), '--version'], { encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.equal(r.stderr, `${prog}: not built yet: run \`npm run build\` in the attls repository${prog === 'attls' ? ' (it needs the dev dependencies)' : ''}\n`);
    }
  });

  it('npm ci without the dev dependencies stops at the build with one line that says why', () => {
    // The check the prepare script runs first, where TypeScript and esbuild cannot be found.
    const lone = join(dir, 'lone');
    mkdirSync(lone);
    copyFileSync(join(repoRoot, 'scripts', 'check-dev.mjs'), join(lone, 'check-dev.mjs'));
    const r = spawnSync(process.execPath, [join(lone, 'check-dev.mjs')], { encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    assert.equal(r.status, 1);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.match(r.stderr, /^attls: cannot build: typescript and esbuild \(dev dependencies\) are not installed; /);
    const here = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'check-dev.mjs')], { encoding: 'utf8' });
    assert.deepEqual([here.status, here.stderr], [0, ''], 'in the checkout, with the dev dependencies, it passes');
  });
});
