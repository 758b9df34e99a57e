// Packages the VS Code extension as extension/attls-<version>.vsix with @vscode/vsce, from the
// bundles that `npm run build` leaves in extension/dist (client, server, grammar): no node_modules
// go in. README pictures stay relative links to media/ inside the package (no repository URL yet).
// Refuses to package a half-built extension and checks the result's size and contents.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listZip } from './zip-list.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXT = join(ROOT, 'extension');
const MAX_BYTES = 3 * 1024 * 1024;

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8'));
  return join(EXT, `${name}-${version}.vsix`);
}

/** Problems with a packaged .vsix: size, node_modules, missing bundles. Empty when it is fine. */
export function checkVsix(file) {
  const problems = [];
  const size = statSync(file).size;
  if (size >= MAX_BYTES) problems.push(`${file} is ${size} bytes, over the 3 MB limit`);
  const names = listZip(readFileSync(file)).map((e) => e.name);
  if (names.some((n) => /(^|\/)node_modules\//.test(n))) problems.push('the .vsix contains node_modules');
  for (const need of ['extension/package.json', 'extension/dist/extension.cjs', 'extension/dist/server.cjs', 'extension/dist/attls.tmLanguage.json', 'extension/language-configuration.json', 'extension/readme.md']) {
    if (!names.some((n) => n.toLowerCase() === need.toLowerCase())) problems.push(`the .vsix lacks ${need}`);
  }
  return problems;
}

function main() {
  for (const f of ['dist/extension.cjs', 'dist/server.cjs', 'dist/attls.tmLanguage.json']) {
    if (!existsSync(join(EXT, f))) {
      console.error(`package-extension: extension/${f} is missing; run npm run build first${f.includes('server') ? ' (the language server bundle comes from packages/server)' : ''}`);
      process.exit(2);
    }
  }
  const require = createRequire(import.meta.url);
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const out = vsixPath();
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', out], {
    cwd: EXT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const problems = checkVsix(out);
  if (problems.length) {
    for (const p of problems) console.error(`package-extension: ${p}`);
    process.exit(1);
  }
  console.log(`package-extension: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
