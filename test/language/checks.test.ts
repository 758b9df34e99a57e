// Built-in checks, proved by annotated fixtures: each file under test/fixtures/checks carries its
// expected diagnostics as `#` annotations, compared both ways. A first line
// `# attls-test: targetRelease=2.4` sets the model options. UPDATE_EXPECTATIONS=1 rewrites the
// annotations from the actual findings, for review with git diff.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, modelFindings, parse, type TargetRelease } from '@attls/language';
import { compareAnnotations, expectationsOf, readAnnotations, render } from '../support/annotations.js';
import { repoRoot } from '../support/shared.js';

const dir = join(repoRoot, 'test', 'fixtures', 'checks');

describe('built-in checks (annotated fixtures)', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ttls')).sort();
  it('has fixtures', () => assert.ok(files.length >= 8));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const release = /^# attls-test: targetRelease=(\S+)/.exec(text)?.[1] as TargetRelease | undefined;
      const p = parse(text);
      const model = buildModel([{ uri: f, parse: p }], { targetRelease: release });
      const report = compareAnnotations(text, modelFindings(model, f), p.lineIndex);
      if (report && process.env.UPDATE_EXPECTATIONS) {
        // Rewrites the annotations from the actual findings; review the result with git diff.
        writeFileSync(join(dir, f), render(text, expectationsOf(modelFindings(model, f), p.lineIndex)) + (text.endsWith('\n') ? '\n' : ''));
        return;
      }
      assert.equal(report, '', `${f}:\n${report}`);
    });
  }

  it('covers every built-in diagnostic code with at least one fixture', () => {
    const seen = new Set<string>();
    for (const f of files) for (const e of readAnnotations(readFileSync(join(dir, f), 'utf8'))) seen.add(e.code);
    const codes = [
      'syntax-unclosed-brace', 'syntax-unexpected-brace', 'syntax-orphan-block', 'brace-placement',
      'unknown-statement', 'unknown-parameter', 'misplaced-parameter', 'misplaced-statement',
      'block-expected', 'block-unexpected', 'invalid-value', 'missing-value', 'questionable-value',
      'unknown-cipher', 'trailing-text', 'placeholder', 'duplicate-parameter', 'conflicting-parameters',
      'release-mismatch', 'missing-required', 'undefined-reference', 'duplicate-definition',
      'unused-definition', 'no-rules',
    ];
    const missing = codes.filter((c) => !seen.has(c));
    assert.deepEqual(missing, []);
  });
});
