// Bundles the CLI into one file: loading the packages' modules and Chevrotain's hundreds of ES
// modules one by one costs a few hundred milliseconds at every start; one bundle loads in tens.
// The bundles are also what the CLI's npm package ships: plain JavaScript with every dependency
// inside, so that it installs without a registry and runs wherever Node does (z/OS UNIX too).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// What every Node bundle here shares. Compiling a module is paid at every start: without blanks and
// with shorter syntax the source is about half the size. Identifiers keep their names (stack
// traces, profiles).
const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

// The CLI as one CommonJS file, which packages/cli/bin/start.js requires.
rmSync('packages/cli/dist', { recursive: true, force: true });
await build({
  ...NODE_BUNDLE,
  entryPoints: ['packages/cli/out/main.js'],
  outfile: 'packages/cli/dist/cli.cjs',
  plugins: [yamlApart()],
  sourcemap: true,
});
// The YAML reader, which only `attls test` uses: in the CLI's bundle every command would load it.
await build({ ...NODE_BUNDLE, entryPoints: ['yaml'], outfile: 'packages/cli/dist/yaml.cjs' });

// The language server as one self-contained CommonJS file: the VS Code extension ships and
// starts it as it is (no node_modules), and it starts in milliseconds. The CLI's package carries
// the same file, so that `npm pack --workspace packages/cli` gives all three commands in one
// package with no dependency to install.
await build({ ...NODE_BUNDLE, entryPoints: ['packages/server/out/main.js'], outfile: 'packages/server/dist/server.cjs', sourcemap: true });
copyFileSync('packages/server/dist/server.cjs', 'packages/cli/dist/server.cjs');

// The VS Code extension: the client as one CommonJS file ('vscode' is provided by the editor), next
// to the language server bundle and the grammar, so the .vsix needs no node_modules.
await build({ ...NODE_BUNDLE, entryPoints: ['extension/out/extension.js'], outfile: 'extension/dist/extension.cjs', external: ['vscode'], minify: true });
mkdirSync('extension/dist', { recursive: true });
copyFileSync('grammars/attls.tmLanguage.json', 'extension/dist/attls.tmLanguage.json');
copyFileSync('packages/server/dist/server.cjs', 'extension/dist/server.cjs');

/** Replaces the CLI's `import('yaml')` with a module that requires dist/yaml.cjs when it runs. */
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
