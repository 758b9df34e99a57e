// Parsing again after an edit: `reparse` parses only the top-level statements an edit touched and
// must give exactly what parsing the whole new text gives, through any run of edits an editor sends
// (including ones that break the structure and mend it again).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, reparse, type ParseResult } from '@attls/language';
import { Workspace } from '@attls/service';
import { generatePolicy } from '../bench/generate.js';
import { PIECES } from '../support/mutate.js';
import { int, pick, random } from '../support/random.js';
import { corpusDir } from '../support/shared.js';

const shape = (r: ParseResult): unknown => ({ file: r.file, comments: r.comments, diagnostics: r.diagnostics });

/** One edit as an editor sends it: typing, deleting a few characters, pasting or cutting lines. */
function edit(text: string, rnd: () => number): string {
  const at = int(rnd, 0, text.length);
  switch (int(rnd, 0, 4)) {
    case 0:
      return text.slice(0, at) + pick(rnd, ['a', 'Z', '1', ' ', '\t', '\n', '\r\n', '#', '"', '-']) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + int(rnd, 1, 12)));
    case 2:
      return text.slice(0, at) + pick(rnd, ['  Priority 5\n', '\nTTLSRule r\n{\n  Priority 2\n}\n', '# note\n', 'x { y }', '}\n', '{\n']) + text.slice(at);
    case 3:
      return text.slice(0, at) + pick(rnd, PIECES) + text.slice(at);
    default: {
      // Overtype one character, which keeps the length.
      const c = pick(rnd, ['{', '}', 'x', '\n', ' ']);
      return text.slice(0, at) + c + text.slice(at + 1);
    }
  }
}

describe('reparse: parsing again after an edit', () => {
  const corpus = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.conf'))
    .map((f) => readFileSync(join(corpusDir, f), 'utf8'))
    .filter((t) => parse(t).file.items.length >= 8);
  const seeds = [generatePolicy({ rules: 20, seed: 3 }), generatePolicy({ rules: 12, seed: 5 }).replace(/\n/g, '\r\n'), ...corpus.slice(0, 6)];

  it('gives what a whole parse gives, through long runs of edits', () => {
    const rnd = random(2026);
    let checked = 0;
    let reused = 0;
    for (const seed of seeds) {
      let text = seed;
      let current = parse(text);
      // The last text without a structural error, to go back to as an undo does.
      let good = text;
      for (let i = 0; i < 150; i++) {
        // Mostly one edit; now and then several at once (a paste), or undo back to a sound text.
        if (rnd() < 0.3) text = good;
        else for (let k = rnd() < 0.85 ? 1 : int(rnd, 2, 4); k > 0; k--) text = edit(text, rnd);
        const previous = current;
        current = reparse(previous, text);
        assert.deepEqual(shape(current), shape(parse(text)), `edit ${i} of a seed of ${seed.length} characters`);
        assert.equal(current.text, text);
        if (current.file.items[0] !== undefined && current.file.items[0] === previous.file.items[0]) reused++;
        if (!current.diagnostics.some((d) => d.code.startsWith('syntax-'))) good = text;
        checked++;
      }
    }
    assert.ok(checked >= 900);
    // The runs must mostly go through the partial parse, or they would prove nothing about it.
    assert.ok(reused > checked / 3, `${reused} of ${checked} edits reused earlier statements`);
  });

  it('keeps the statements before the edit and moves those after it', () => {
    const text = generatePolicy({ rules: 20, seed: 9 });
    const before = parse(text);
    const middle = before.file.items[Math.floor(before.file.items.length / 2)]!;
    assert.equal(middle.kind, 'statement');
    // Type one character into the middle statement's keyword line.
    const at = middle.start + 4;
    const after = reparse(before, text.slice(0, at) + 'X' + text.slice(at));
    assert.equal(after.file.items[0], before.file.items[0], 'the first statement is reused, not parsed again');
    const lastBefore = before.file.items[before.file.items.length - 1]!;
    const lastAfter = after.file.items[after.file.items.length - 1]!;
    assert.notEqual(lastAfter, lastBefore);
    assert.equal(lastAfter.start, lastBefore.start + 1);
  });

  it('parses the whole text again while the file has a structural error', () => {
    const text = generatePolicy({ rules: 10, seed: 4 });
    const broken = `${text}}\n`;
    const first = parse(broken);
    assert.ok(first.diagnostics.some((d) => d.code === 'syntax-unexpected-brace'));
    const mended = reparse(first, text);
    assert.deepEqual(shape(mended), shape(parse(text)));
    assert.notEqual(mended.file.items[0], first.file.items[0]);
  });

  it('is what the editor service uses for a new version of an open document', () => {
    const uri = 'file:///w/policy.ttls';
    const text = generatePolicy({ rules: 20, seed: 1 });
    const ws = new Workspace();
    ws.setDocument(uri, text, 1);
    const v1 = ws.document(uri)!.parse;
    const at = text.lastIndexOf('Priority') + 9;
    ws.setDocument(uri, text.slice(0, at) + '7' + text.slice(at), 2);
    const v2 = ws.document(uri)!.parse;
    assert.equal(v2.file.items[0], v1.file.items[0]);
    assert.deepEqual(shape(v2), shape(parse(ws.document(uri)!.text)));
  });
});
