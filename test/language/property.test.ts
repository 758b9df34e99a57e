// Property test: generated and mutated policies never make the parser, the model or the linter
// throw, every span stays inside the text, and the parser drops no word or brace.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, parse, walkItems } from '@attls/language';
import { lintText } from '@attls/lint';
import { generatePolicy } from '../bench/generate.js';
import { int, pick, random } from '../support/random.js';
import { sharedDir } from '../support/shared.js';

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

const PIECES = ['{', '}', '\n', '\r\n', '#', '"', ' ', '\t', 'TTLSRule', 'Ref', '\u0000', '\ufeff', '\ud800', '?x?', '<a b>', 'All', '::', '1-2', '…'];

function mutate(text: string, rnd: () => number): string {
  let t = text;
  const rounds = int(rnd, 1, 8);
  for (let k = 0; k < rounds; k++) {
    const at = int(rnd, 0, t.length);
    switch (int(rnd, 0, 7)) {
      case 0: // byte flip
        t = t.slice(0, at) + String.fromCharCode(int(rnd, 0, 0xffff)) + t.slice(at + 1);
        break;
      case 1: // truncation
        t = t.slice(0, at);
        break;
      case 2: {
        // delete a brace
        const b = t.indexOf(pick(rnd, ['{', '}']), at);
        if (b >= 0) t = t.slice(0, b) + t.slice(b + 1);
        break;
      }
      case 3: {
        // double a brace
        const b = t.indexOf(pick(rnd, ['{', '}']), at);
        if (b >= 0) t = t.slice(0, b) + t[b] + t.slice(b);
        break;
      }
      case 4: // random insertion
        t = t.slice(0, at) + pick(rnd, PIECES) + t.slice(at);
        break;
      case 5: // a very long line
        t = t.slice(0, at) + 'x'.repeat(int(rnd, 1000, 50000)) + t.slice(at);
        break;
      case 6: // deep nesting
        t = t.slice(0, at) + '{\n'.repeat(int(rnd, 10, 200)) + t.slice(at);
        break;
      case 7: // repeat a slice
        t = t + t.slice(at, at + int(rnd, 0, 2000)).repeat(int(rnd, 1, 5));
        break;
    }
  }
  return t;
}

describe('property: generated and mutated policies', () => {
  const corpus = readdirSync(join(sharedDir(), 'corpus'))
    .filter((f) => f.endsWith('.conf'))
    .map((f) => readFileSync(join(sharedDir(), 'corpus', f), 'utf8'));
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
});
