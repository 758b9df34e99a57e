// Property test: generated and mutated policies never make the parser, the model or the linter
// throw, every span stays inside the text, and the parser drops no word or brace.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, modelFindings, LineIndex, parse, walkItems, type Item, type Word } from '@attls/language';
import { lintText } from '@attls/lint';
import { generatePolicy } from '../bench/generate.js';
import { mutate } from '../support/mutate.js';
import { pick, random } from '../support/random.js';
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
      const model = buildModel([{ uri: 'm', parse: p }]);
      for (const d of modelFindings(model, 'm')) assert.ok(d.span.start >= 0 && d.span.end <= text.length, `case ${i}: ${d.code}`);
      lintText('m', text);
      // Beyond the nesting limit braces become stray items, still counted.
      assert.equal(countTree(text), countTokens(text), `case ${i}: tokens lost`);
    }
  });

  it('drops no token on the unmutated corpus either', () => {
    for (const text of corpus) assert.equal(countTree(text), countTokens(text));
  });

  it('builds well-formed trees: every word is its text, every node spans its parts, items in order (corpus and 400 mutations)', () => {
    const check = (text: string, label: string): void => {
      const p = parse(text);
      const word = (w: Word): void => {
        const slice = text.slice(w.start, w.end);
        assert.equal(slice, w.quoted ? `"${w.text}"` : w.text, `${label}: word at ${w.start}`);
      };
      const items = (list: readonly Item[], from: number, to: number): void => {
        let at = from;
        for (const it of list) {
          assert.ok(it.start >= at && it.end <= to && it.start <= it.end, `${label}: ${it.kind} at ${it.start} lies in order inside its parent`);
          at = it.end;
          if (it.kind === 'parameter') {
            word(it.keyword);
            it.values.forEach(word);
            assert.equal(it.start, it.keyword.start);
            assert.equal(it.end, (it.values[it.values.length - 1] ?? it.keyword).end);
          } else if (it.kind === 'stray') {
            assert.equal(text[it.start], it.text);
          } else {
            if (it.kind === 'statement') {
              word(it.keyword);
              if (it.name) word(it.name);
              it.extra.forEach(word);
            }
            assert.equal(text[it.open], '{', `${label}: open brace`);
            if (it.close !== undefined) {
              assert.equal(text[it.close], '}', `${label}: close brace`);
              assert.equal(it.end, it.close + 1);
            }
            items(it.items, it.open + 1, it.end);
          }
        }
      };
      items(p.file.items, 0, text.length);
      for (const c of p.comments) assert.equal(text.slice(c.start, c.end), c.text, `${label}: comment`);
    };
    corpus.forEach((text, i) => check(text, `corpus ${i}`));
    const rnd = random(4242);
    for (let i = 0; i < 400; i++) check(mutate(pick(rnd, seeds), rnd), `case ${i}`);
    check('{'.repeat(100) + '}'.repeat(120), 'deep');
    check(generatePolicy({ rules: 400, seed: 3 }), 'generated');
  });
});
