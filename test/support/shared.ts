// Locates the repository and the third-party material copied into test/fixtures (corpus, seeds,
// reference data): tests read only files inside the repository, so a clone anywhere passes.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** test/fixtures, where copied material lives next to each copy's SOURCE.md. */
export const fixturesDir: string = join(repoRoot, 'test', 'fixtures');

/** Real policies written by others (test/fixtures/corpus, sources in its SOURCES.tsv). */
export const corpusDir: string = join(fixturesDir, 'corpus');

/** Seed documents with policy snippets (test/fixtures/seeds). */
export const seedsDir: string = join(fixturesDir, 'seeds');

/** Language reference data: statements.json, return-codes.json (test/fixtures/reference). */
export const referenceDir: string = join(fixturesDir, 'reference');
