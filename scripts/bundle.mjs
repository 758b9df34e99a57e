// Bundles the CLI into one file: loading the packages' modules and Chevrotain's hundreds of ES
// modules one by one costs a few hundred milliseconds at every start; one bundle loads in tens.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// What every Node bundle here shares. Compiling a module is paid at every start (without a code
// cache): without blanks and with shorter syntax the source is about half the size. Identifiers
// keep their names (stack traces, profiles).
const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

// The CLI as one CommonJS file: packages/cli/bin/bundle.js runs it through a vm.Script, which can
// take V8's code cache (made below).
rmSync('packages/cli/dist', { recursive: true, force: true });
await build({
  ...NODE_BUNDLE,
  entryPoints: ['packages/cli/out/main.js'],
  outfile: 'packages/cli/dist/cli.cjs',
  plugins: [yamlApart()],
  sourcemap: true,
});
// The YAML reader, which only `attls test` uses: in the CLI's bundle it made every command read,
// and load from the code cache, a fifth more (one-rule lint, interleaved runs: 156 -> 153 ms).
await build({ ...NODE_BUNDLE, entryPoints: ['yaml'], outfile: 'packages/cli/dist/yaml.cjs' });
// The code cache, in a process of its own with the CLI's V8 flags.
const cache = spawnSync(process.execPath, ['scripts/code-cache.mjs'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (cache.status !== 0) throw new Error(`making the CLI's code cache failed (status ${cache.status}): ${cache.stderr}`);

// The language server as one self-contained CommonJS file: the VS Code extension ships and
// starts it as it is (no node_modules), and it starts in milliseconds.
await build({ ...NODE_BUNDLE, entryPoints: ['packages/server/out/main.js'], outfile: 'packages/server/dist/server.cjs', sourcemap: true });

// The VS Code extension: the client as one CommonJS file ('vscode' is provided by the editor), next
// to the language server bundle and the grammar, so the .vsix needs no node_modules.
await build({ ...NODE_BUNDLE, entryPoints: ['extension/out/extension.js'], outfile: 'extension/dist/extension.cjs', external: ['vscode'], minify: true });
mkdirSync('extension/dist', { recursive: true });
copyFileSync('grammars/attls.tmLanguage.json', 'extension/dist/attls.tmLanguage.json');
copyFileSync('packages/server/dist/server.cjs', 'extension/dist/server.cjs');

/**
 * Replaces the CLI's `import('yaml')` with a module that requires dist/yaml.cjs when it runs. A
 * vm.Script has no loader for a dynamic import, but the bundle has a require() (bin/bundle.js).
 */
function yamlApart() {
  return {
    name: 'yaml-apart',
    setup(b) {
      b.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'yaml-apart' }));
      b.onLoad({ filter: /.*/, namespace: 'yaml-apart' }, () => ({ contents: 'module.exports = require("./yaml.cjs");', loader: 'js' }));
      b.onResolve({ filter: /^\.\/yaml\.cjs$/ }, () => ({ path: './yaml.cjs', external: true }));
    },
  };
}
