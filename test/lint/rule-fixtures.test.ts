// The rule fixtures (test/fixtures/rules/<code>/): every case is linted with every rule on, and
// the findings of the folder's code are compared with the annotations both ways -- position,
// severity and message id. ATTLS_UPDATE_FIXTURES=1 (npm run fixtures:update) rewrites the
// annotations of the cases that differ from the actual findings instead; review with git diff.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { compareWith, readAnnotations } from '../support/annotations.js';
import { fixtureCases, fixtureCodes, fixtureLabel, lintCase, type FixtureCase, type FixtureFile } from '../support/fixtures.js';

const UPDATE = process.env.ATTLS_UPDATE_FIXTURES === '1';

/** One file of a case against its annotations: '' when they agree, else a report. */
function compareFile(code: string, file: FixtureFile): { report: string; actualText: string } {
  const own = file.diagnostics.filter((d) => d.code === code);
  return compareWith(file.text, own, file.lineIndex, { messageIds: true });
}

describe('rule fixtures (test/fixtures/rules)', () => {
  for (const code of fixtureCodes()) {
    describe(code, () => {
      for (const c of fixtureCases(code)) {
        // A case is linted once for all its files (a configuration with its image and policy files).
        let linted: Promise<FixtureFile[]> | undefined;
        const lint = (): Promise<FixtureFile[]> => (linted ??= lintCase(c));
        for (const path of c.files) {
          it(fixtureLabel(path), async () => {
            const file = (await lint()).find((f) => f.path === path)!;
            const foreign = readAnnotations(file.text).filter((e) => e.code !== code);
            assert.deepEqual(
              foreign.map((e) => `line ${e.line + 1}: ${e.code}`),
              [],
              `a fixture under rules/${code}/ annotates only ${code}; move the case to the other code's folder`,
            );
            const { report, actualText } = compareFile(code, file);
            if (report && UPDATE) {
              writeFileSync(path, actualText);
              await verifyUpdate(c, path);
              return;
            }
            assert.equal(report, '', `${fixtureLabel(path)} (set ATTLS_UPDATE_FIXTURES=1 to rewrite the annotations):\n${report}`);
          });
        }
      }
    });
  }
});

/**
 * After a rewrite the case must agree with its new annotations: an annotation is a comment, and a
 * rule that reads comments (application-controlled-note) could see it. Then the fixture needs
 * another layout rather than a second rewrite.
 */
async function verifyUpdate(c: FixtureCase, path: string): Promise<void> {
  const again = (await lintCase(c)).find((f) => f.path === path)!;
  const { report } = compareFile(c.code, again);
  assert.equal(report, '', `${fixtureLabel(path)}: the rewritten annotations change the findings themselves:\n${report}`);
}
