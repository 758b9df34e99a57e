// Bundles the CLI into one file: loading the packages' modules and Chevrotain's hundreds of ES
// modules one by one costs a few hundred milliseconds at every start; one bundle loads in tens.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'packages/cli/out/main.js' },
  outdir: 'packages/cli/dist',
  outExtension: { '.js': '.mjs' },
  // Code loaded by a dynamic import (the YAML reader of `attls test`) goes to a chunk of its own,
  // so that other commands do not compile it at start.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Compiling the module is paid at every start: without blanks and with shorter syntax the
  // source is about half the size. Identifiers keep their names (stack traces, profiles).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  // CommonJS dependencies (yaml) call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __attlsCreateRequire } from 'node:module'; const require = __attlsCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The language server as one self-contained CommonJS file: the VS Code extension ships and
// starts it as it is (no node_modules), and it starts in milliseconds.
await build({
  entryPoints: ['packages/server/out/main.js'],
  outfile: 'packages/server/dist/server.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
});

// The VS Code extension: the client as one CommonJS file ('vscode' is provided by the editor), next
// to the language server bundle and the grammar, so the .vsix needs no node_modules.
await build({
  entryPoints: ['extension/out/extension.js'],
  outfile: 'extension/dist/extension.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
mkdirSync('extension/dist', { recursive: true });
copyFileSync('grammars/attls.tmLanguage.json', 'extension/dist/attls.tmLanguage.json');
copyFileSync('packages/server/dist/server.cjs', 'extension/dist/server.cjs');
