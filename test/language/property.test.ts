// Property test: generated and mutated policies never make the parser, the model or the linter
// throw, every span stays inside the text, and the parser drops no word or brace.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, LineIndex, parse, walkItems } from '@attls/language';
import { lintText } from '@attls/lint';
import { generatePolicy } from '../bench/generate.js';
import { mutate } from '../support/mutate.js';
import { pick, random } from '../support/random.js';
import { fusedParse } from '../support/fused-parser.js';
import { corpusDir } from '../support/shared.js';

/** Words and braces outside comments, counted straight from the text. */
function countTokens(text: string): number {
  let n = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    let i = 0;
    while (i < line.length) {
      const c = line[i]!;
      if (/[\s\u0085]/.test(c)) {
        i++;
      } else if (c === '{' || c === '}') {
        n++;
        i++;
      } else if (c === '#') {
        break;
      } else {
        if (c === '"') {
          const close = line.indexOf('"', i + 1);
          if (close > 0) {
            n++;
            i = close + 1;
            continue;
          }
        }
        while (i < line.length && !/[\s\u0085{}]/.test(line[i]!)) i++;
        n++;
      }
    }
  }
  return n;
}

function countTree(text: string): number {
  const r = parse(text);
  let n = 0;
  walkItems(r.file.items, (item) => {
    if (item.kind === 'statement') n += 1 + (item.name ? 1 : 0) + item.extra.length + 1 + (item.close ? 1 : 0);
    else if (item.kind === 'parameter') n += 1 + item.values.length;
    else if (item.kind === 'orphan') n += 1 + (item.close ? 1 : 0);
    else n += 1;
  });
  return n;
}

describe('property: generated and mutated policies', () => {
  const corpus = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.conf'))
    .map((f) => readFileSync(join(corpusDir, f), 'utf8'));
  const seeds = [generatePolicy({ rules: 5, seed: 7 }), generatePolicy({ rules: 20, seed: 11 }), ...corpus];

  it('never throws, keeps spans in the text and drops no token (600 fixed-seed cases)', () => {
    const rnd = random(20261121);
    for (let i = 0; i < 600; i++) {
      const text = mutate(pick(rnd, seeds), rnd);
      const p = parse(text);
      for (const d of p.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end, `case ${i}`);
      const model = analyse([{ uri: 'm', parse: p }]);
      for (const d of model.diagnostics('m')) assert.ok(d.span.start >= 0 && d.span.end <= text.length, `case ${i}: ${d.code}`);
      lintText('m', text);
      // Beyond the nesting limit braces become stray items, still counted.
      assert.equal(countTree(text), countTokens(text), `case ${i}: tokens lost`);
    }
  });

  it('drops no token on the unmutated corpus either', () => {
    for (const text of corpus) assert.equal(countTree(text), countTokens(text));
  });

  const plain = (tree: unknown): unknown => JSON.parse(JSON.stringify(tree));

  it('builds the same trees and structural findings as an independent hand-written parser (corpus and 400 mutations)', () => {
    const same = (text: string, label: string): void => {
      const p = parse(text);
      const r = fusedParse(text);
      // Compared as plain data: the product's nodes keep their spans behind getters (toJSON gives
      // the plain shape), the oracle writes them out.
      assert.deepEqual(plain(p.file), plain(r.file), `${label}: tree`);
      assert.deepEqual(p.comments, r.comments, `${label}: comments`);
      assert.deepEqual(p.diagnostics, r.diagnostics, `${label}: diagnostics`);
    };
    corpus.forEach((text, i) => same(text, `corpus ${i}`));
    const rnd = random(4242);
    for (let i = 0; i < 400; i++) same(mutate(pick(rnd, seeds), rnd), `case ${i}`);
    same('{'.repeat(100) + '}'.repeat(120), 'deep');
    // Long enough for the scanner to gather its tokens and line starts in several chunks (8,192 each).
    const long = generatePolicy({ rules: 400, seed: 3 });
    same(long, 'several chunks');
    assert.ok(long.split('\n').length > 2 * 8192, 'the generated policy spans several chunks of line starts');
    assert.deepEqual([...parse(long).lineIndex.lineStarts], [...new LineIndex(long).lineStarts]);
    same('a { b } c\n{ } }\n"q r" "s\n{', 'brace placement');
  });
});
