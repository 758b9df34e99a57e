// Locates the shared reference material (corpus, seeds, references) that tests read.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (tests run from test/out/..., two or more levels below it). */
export const repoRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'tsconfig.base.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

/**
 * The shared folder next to the checkout (`../shared`), or $ATTLS_SHARED. Tests that need it fail
 * loudly when it is missing rather than skipping.
 */
export function sharedDir(): string {
  const candidates = [process.env.ATTLS_SHARED, resolve(repoRoot, '..', 'shared'), '/work/shared'].filter(
    (c): c is string => !!c,
  );
  for (const c of candidates) if (existsSync(join(c, 'reference', 'statements.json'))) return c;
  throw new Error(`shared reference folder not found (tried ${candidates.join(', ')}); set ATTLS_SHARED`);
}
