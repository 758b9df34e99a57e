// The formatter: layout rules on small inputs, refusal on broken structure, and on every corpus
// file: idempotence, no token or comment lost, and the same policy model before and after.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parse, type StatementInfo, spanOf } from '@attls/language';
import { diffLines, format, formatIntact, formatRange, formatText, splitLinesKeepEnds, unifiedDiff, Workspace } from '@attls/service';
import { corpusDir, repoRoot } from '../support/shared.js';
import { applyEdits } from '../support/markers.js';

const fmt = (text: string): string => formatText(text).text;

/** A normalised dump of the model: statements, names, parameters and values, keywords case-folded. */
export function modelDump(text: string): string {
  const model = buildModel([{ uri: 'x', parse: parse(text) }]);
  const out: string[] = [];
  const dump = (s: StatementInfo, depth: number): void => {
    const kw = (s.kind ?? s.keyword.text).toLowerCase();
    const values = s.node.kind === 'parameter' ? s.node.values.map((v) => v.text) : [s.name ?? '', ...s.node.extra.map((w) => w.text)];
    out.push(`${'  '.repeat(depth)}${kw} ${values.join(' ')}`);
    const parts: { at: number; line?: string; child?: StatementInfo }[] = [];
    for (const p of s.params) parts.push({ at: p.node.start, line: `${(p.spec?.name ?? p.keyword.text).toLowerCase()} ${p.values.map((v) => v.text).join(' ')}` });
    for (const c of s.children) parts.push({ at: c.node.start, child: c });
    parts.sort((a, b) => a.at - b.at);
    for (const p of parts) {
      if (p.child) dump(p.child, depth + 1);
      else out.push(`${'  '.repeat(depth + 1)}${p.line}`);
    }
  };
  for (const s of model.statements) if (!s.parent) dump(s, 0);
  out.push(`references: ${model.references.map((r) => `${r.refKind}:${r.name}->${r.target ? 'ok' : 'missing'}`).join(',')}`);
  return out.join('\n');
}

/** Every word and comment of a text, in order (what the formatter must never lose). */
function tokensOf(text: string): string[] {
  const p = parse(text);
  const out: { at: number; t: string }[] = p.comments.map((c) => ({ at: c.start, t: c.text.trimEnd() }));
  const walk = (items: typeof p.file.items): void => {
    for (const it of items) {
      if (it.kind === 'parameter') for (const w of [it.keyword, ...it.values]) out.push({ at: w.start, t: w === it.keyword ? w.text.toLowerCase() : text.slice(w.start, w.end) });
      if (it.kind === 'statement') {
        for (const w of [it.keyword, ...(it.name ? [it.name] : []), ...it.extra]) out.push({ at: w.start, t: w === it.keyword ? w.text.toLowerCase() : text.slice(w.start, w.end) });
        out.push({ at: it.open, t: '{' });
        walk(it.items);
        if (it.close) out.push({ at: it.close, t: '}' });
      }
    }
  };
  walk(p.file.items);
  return out.sort((a, b) => a.at - b.at).map((x) => x.t);
}

describe('formatter', () => {
  it('puts every brace on a line of its own and indents by nesting', () => {
    const input = 'TTLSEnvironmentAction e {\nHandshakeRole Server\nTTLSKeyringParms { Keyring R }\n}\n';
    assert.equal(
      fmt(input),
      ['TTLSEnvironmentAction e', '{', '  HandshakeRole       Server', '  TTLSKeyringParms', '  {', '    Keyring           R', '  }', '}', ''].join('\n'),
    );
  });

  it('keeps a quoted keyword as written, quotes and blanks included', () => {
    const input = 'TTLSRule r\n{\n"odd key\tword" value\n}\n';
    const out = fmt(input);
    assert.match(out, /^ {2}"odd key\tword" value$/m);
    assert.equal(fmt(out), out);
  });

  it('writes keywords in catalogue spelling and leaves values and unknown words alone', () => {
    const out = fmt('ttlsrule r1\n{\n  direction inbound\n  PRIORITY 10\n  Frobnicate yes\n  ttlsgroupactionref gAct\n}\n');
    assert.match(out, /^TTLSRule +r1$/m);
    assert.match(out, /^ {2}Direction +inbound$/m);
    assert.match(out, /^ {2}Priority +10$/m);
    assert.match(out, /^ {2}Frobnicate +yes$/m);
    assert.match(out, /^ {2}TTLSGroupActionRef gAct$/m);
  });

  it('aligns values in one column: the longest keyword with its indentation, plus one blank', () => {
    const out = fmt('TTLSRule r\n{\nDirection Inbound\nTTLSGroupActionRef g\n}\n');
    const lines = out.split('\n');
    assert.equal(lines[2]!.indexOf('Inbound'), lines[3]!.indexOf('g'));
    assert.equal(lines[0]!.indexOf('r'), lines[3]!.indexOf('g'), 'the statement name too');
    assert.equal(lines[3], '  TTLSGroupActionRef g');
  });

  it('keeps comments where they were: own-line comments indented, trailing comments on their line', () => {
    const out = fmt('# head\nTTLSRule r\n{\n# inside\n  LocalPortRange 21   # ftp control\nDirection Inbound\n}   # end\n');
    assert.equal(out, ['# head', 'TTLSRule         r', '{', '  # inside', '  LocalPortRange 21 # ftp control', '  Direction      Inbound', '} # end', ''].join('\n'));
  });

  it('keeps at most one blank line, and none just inside braces', () => {
    const out = fmt('\n\nTTLSGroupAction a\n{\n\n  TTLSEnabled On\n\n}\n\n\n\nTTLSGroupAction b\n{\n  TTLSEnabled Off\n}\n\n\n');
    assert.equal(out, 'TTLSGroupAction a\n{\n  TTLSEnabled   On\n}\n\nTTLSGroupAction b\n{\n  TTLSEnabled   Off\n}\n');
  });

  it('adds no blank line between top-level statements, and aligns their names with the values', () => {
    // As the README says: blank lines are only ever reduced, and statement names stand in the one
    // value column of the file.
    const out = fmt('TTLSGroupAction a\n{\n  TTLSEnabled On\n}\nTTLSEnvironmentAction longer\n{\n  HandshakeRole Server\n}\n\n\nTTLSRule r\n{\n  Direction Inbound\n}\n');
    assert.equal(
      out,
      [
        'TTLSGroupAction       a',
        '{',
        '  TTLSEnabled         On',
        '}',
        'TTLSEnvironmentAction longer',
        '{',
        '  HandshakeRole       Server',
        '}',
        '',
        'TTLSRule              r',
        '{',
        '  Direction           Inbound',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps the line breaks (CRLF), a byte-order mark, and quoted values as written', () => {
    const out = fmt('\ufeffTTLSRule r\r\n{\r\n  Jobname "A B"\r\n}\r\n');
    assert.equal(out, '\ufeffTTLSRule  r\r\n{\r\n  Jobname "A B"\r\n}\r\n');
  });

  it('indents with tabs when asked', () => {
    assert.equal(formatText('TTLSGroupAction a\n{\nTTLSEnabled On\n}\n', { insertSpaces: false }).text, 'TTLSGroupAction a\n{\n\tTTLSEnabled   On\n}\n');
  });

  it('leaves a file with broken structure unchanged and says why', () => {
    for (const broken of ['TTLSRule r\n{\n  Direction Inbound\n', 'TTLSRule r\n{\n}\n}\n', '{\n  Direction Inbound\n}\n']) {
      const r = formatText(broken);
      assert.equal(r.ok, false);
      assert.equal(r.text, broken);
      assert.match(r.reason ?? '', /syntax-/);
    }
  });

  it('in the editor, formats the statements before a structural problem and keeps the rest as typed', () => {
    const done = 'TTLSGroupAction a\n{\nTTLSEnabled On\n}\n\n# being typed\n';
    const typing = 'TTLSRule r\n{\n Direction  Inbound\n  TTLSGroupActionRef a\n';
    const text = done + typing;
    assert.equal(formatText(text).ok, false, 'the CLI still refuses');
    const r = formatIntact(text);
    assert.equal(r.ok, true);
    assert.equal(r.text, 'TTLSGroupAction a\n{\n  TTLSEnabled   On\n}\n\n# being typed\n' + typing);
    assert.equal(r.text.slice(r.keptFrom), typing);
    assert.match(r.reason ?? '', /syntax-unclosed-brace/);
    assert.equal(formatIntact(r.text).text, r.text, 'idempotent');
    const ws = new Workspace();
    ws.setDocument('file:///t.ttls', text, 1);
    assert.equal(applyEdits(text, format(ws.document('file:///t.ttls')!)), r.text);
    // A stray brace after complete statements: those are formatted, the brace kept.
    assert.equal(formatIntact('TTLSRule r\n{\nDirection Inbound\n}\n}\n').text, 'TTLSRule    r\n{\n  Direction Inbound\n}\n}\n');
    // Broken from the first statement on, or the broken statement on the line of a complete one:
    // nothing to format.
    for (const broken of ['TTLSRule r\n{\n  Direction Inbound\n', '}\nTTLSRule r\n{\n}\n', 'TTLSGroupAction a\n{\n} TTLSRule r\n{\n']) {
      assert.equal(formatIntact(broken).ok, false, broken);
      assert.equal(formatIntact(broken).text, broken);
    }
  });

  it('returns minimal line edits for the editor, and only the lines of a range for range formatting', () => {
    const text = 'TTLSGroupAction a\n{\nTTLSEnabled On\n}\nTTLSGroupAction b\n{\nTTLSEnabled Off\n}\n';
    const ws = new Workspace();
    ws.setDocument('file:///a.ttls', text, 1);
    const doc = ws.document('file:///a.ttls')!;
    const edits = format(doc);
    assert.equal(applyEdits(text, edits), fmt(text));
    assert.ok(edits.every((e) => e.newText !== text), 'edits are per hunk, not the whole text');
    const ranged = formatRange(doc, { start: { line: 5, character: 0 }, end: { line: 7, character: 1 } });
    const after = applyEdits(text, ranged);
    assert.match(after, /^TTLSEnabled On$/m, 'first block untouched');
    assert.match(after, /^ {2}TTLSEnabled +Off$/m, 'second block formatted');
    assert.deepEqual(format(ws.document('file:///a.ttls')!), edits);
  });

  it('diffs lines minimally and writes unified diffs', () => {
    const a = splitLinesKeepEnds('a\nb\nc\nd\n');
    const b = splitLinesKeepEnds('a\nB\nc\nd\ne\n');
    assert.deepEqual(diffLines(a, b), [
      { aStart: 1, aEnd: 2, bStart: 1, bEnd: 2 },
      { aStart: 4, aEnd: 4, bStart: 4, bEnd: 5 },
    ]);
    assert.equal(unifiedDiff('a\nb\n', 'a\nc\n', 'a/x', 'b/x'), '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
    assert.equal(unifiedDiff('same\n', 'same\n', 'a', 'b'), '');
  });

  describe('one value column for the whole file, or the layout kept', () => {
    /** Columns (0-based) where the first value of each keyword line starts, comments left out. */
    const valueColumns = (text: string): number[] => {
      const cols = new Set<number>();
      for (const line of text.split(/\r?\n/)) {
        const m = /^([ \t]*[^\s#]+[ \t]+)[^\s#]/.exec(line);
        if (m) cols.add(m[1]!.length);
      }
      return [...cols].sort((a, b) => a - b);
    };
    const corpusFile = (name: string): string => readFileSync(join(corpusDir, name), 'utf8');

    it('gives a ragged file one column: the longest keyword with its indentation, plus one blank', () => {
      const ragged = corpusFile('017-idug-db2-ddf-server-and-clientauth.conf');
      assert.ok(valueColumns(ragged).length > 5, 'the file is ragged to start with');
      const out = fmt(ragged);
      // TTLSEnvironmentActionRef (24) at indentation 2, plus one blank.
      assert.deepEqual(valueColumns(out), [27]);
      assert.match(out, /^TTLSRule {19}DBC1SecureServer$/m);
      assert.match(out, /^ {2}TTLSEnvironmentActionRef DB2SecureEnvAct$/m);
      assert.match(out, /^ {4}Keyring {16}DBC1KEYRING$/m);
    });

    it('keeps the column of an IBM-style file, whose values already stand in one', () => {
      for (const name of ['018-sunil390-zowe-server-rule-skill.conf', '006-zowe-v1-zss-server-tilde-names.conf']) {
        const text = corpusFile(name);
        const out = fmt(text);
        assert.deepEqual(valueColumns(out), [34], name);
        // Every line that was not a brace or a trailing comment is untouched (but trailing blanks).
        const before = text.split('\n').filter((l) => !/^\s*[{}]/.test(l) && !/\S\s+#/.test(l)).map((l) => l.trimEnd());
        const after = new Set(out.split('\n'));
        assert.deepEqual(before.filter((l) => !after.has(l)), [], name);
      }
      // A keyword too long for the column is followed by one blank; the column stays.
      const text = [
        'TTLSEnvironmentAction   eAct',
        '{',
        '  HandshakeRole         Server',
        '  TTLSEnvironmentAdvancedParmsRef eAdv',
        '  TTLSKeyringParms',
        '  {',
        '    Keyring             RING',
        '  }',
        '}',
        'TTLSEnvironmentAdvancedParms eAdv',
        '{',
        '  TLSv1.2               On',
        '  ServerHandshakeSNIMatch Optional',
        '}',
        '',
      ].join('\n');
      assert.equal(fmt(text), text);
    });

    it('does not keep a column that no line is padded to once indented (fuzz case 75 of seed 20261207)', () => {
      // One line indented by a single blank pads its value to column 4; every other value follows
      // its keyword after one blank, so column 4 is no column: it is made, and made once.
      const text = 'TTLSGroupAction g\n{\n    TTLSEnabled On\n x  Trace 31\n}\n';
      const once = fmt(text);
      assert.equal(once, 'TTLSGroupAction g\n{\n  TTLSEnabled   On\n  x             Trace 31\n}\n');
      assert.equal(fmt(once), once, 'idempotent');
    });

    it('keeps the column of known keywords when a line starts with a word longer than any keyword (fuzz case 3476)', () => {
      const long = 'X'.repeat(60);
      const text = `TTLSGroupAction g\n{\n  TTLSEnabled On\n  ${long} 1\n  Trace 2\n}\n`;
      const once = fmt(text);
      assert.equal(once, `TTLSGroupAction g\n{\n  TTLSEnabled   On\n  ${long} 1\n  Trace         2\n}\n`);
      assert.equal(fmt(once), once, 'idempotent');
      // A file whose values all stand far out keeps no column past the one a user may ask for.
      const far = `TTLSGroupAction${' '.repeat(300 - 15)}g\n{\n  TTLSEnabled${' '.repeat(300 - 13)}On\n}\n`;
      assert.equal(fmt(far), 'TTLSGroupAction g\n{\n  TTLSEnabled   On\n}\n');
    });

    it('does not take a column from a file aligned block by block, or laid out with tabs', () => {
      const perBlock = 'TTLSRule r\n{\n  Direction          Inbound\n  TTLSGroupActionRef g\n}\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\n';
      assert.deepEqual(valueColumns(fmt(perBlock)), [21]);
      const tabs = 'TTLSGroupAction\tg\n{\n  TTLSEnabled\tOn\n  Trace\t\t2\n}\n';
      assert.deepEqual(valueColumns(fmt(tabs)), [16]);
    });

    it('puts values in the column asked for (1-based, as editors count)', () => {
      const text = 'TTLSRule r\n{\n  Direction Inbound\n  TTLSEnvironmentActionRef e\n}\n';
      const out = formatText(text, { valueColumn: 20 }).text;
      assert.equal(out, 'TTLSRule           r\n{\n  Direction        Inbound\n  TTLSEnvironmentActionRef e\n}\n');
      assert.equal(formatText(out, { valueColumn: 20 }).text, out, 'stable');
      // Without the option the file's column is kept: it is consistent now.
      assert.equal(fmt(out), out);
      // IBM's samples use column 35.
      assert.deepEqual(valueColumns(formatText(corpusFile('017-idug-db2-ddf-server-and-clientauth.conf'), { valueColumn: 35 }).text), [34]);
    });

    it('keep layout: changes the indentation and nothing else', () => {
      const text = 'TTLSRule   r {\nDirection    Inbound\n      # a comment\n\n\n  ttlsgroupactionref g   # trailing\n        }\nTTLSGroupAction g\n{\n TTLSKeyringParms\n {\nKeyring R\n }\n}\n';
      const out = formatText(text, { mode: 'keepLayout' }).text;
      assert.equal(
        out,
        'TTLSRule   r {\n  Direction    Inbound\n  # a comment\n\n\n  ttlsgroupactionref g   # trailing\n}\nTTLSGroupAction g\n{\n  TTLSKeyringParms\n  {\n    Keyring R\n  }\n}\n',
      );
      assert.equal(formatText(out, { mode: 'keepLayout' }).text, out, 'stable');
      assert.equal(formatText('TTLSGroupAction g\r\n{\r\nTTLSEnabled On\r\n}', { mode: 'keepLayout', insertSpaces: false }).text, 'TTLSGroupAction g\r\n{\r\n\tTTLSEnabled On\r\n}');
      assert.equal(formatText('TTLSRule r\n{\n', { mode: 'keepLayout' }).ok, false, 'broken structure is refused in this mode too');
    });
  });

  describe('on every corpus file and the example', () => {
    const corpus = corpusDir;
    const files = readdirSync(corpus).filter((f) => f.endsWith('.conf')).map((f) => join(corpus, f));
    files.push(join(repoRoot, 'examples', 'sysa-attls.ttls'));
    it('finds the corpus', () => assert.ok(files.length >= 19, `only ${files.length} files`));
    for (const file of files) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      it(`${name}: idempotent, lossless, same model`, () => {
        const text = readFileSync(file, 'utf8');
        const once = formatText(text);
        const twice = formatText(once.text);
        assert.equal(twice.text, once.text, 'format(format(x)) == format(x)');
        assert.deepEqual(tokensOf(once.text), tokensOf(text), 'every word, brace and comment kept, in order');
        assert.equal(modelDump(once.text), modelDump(text), 'the same policy model');
        for (const options of [{ mode: 'keepLayout' as const }, { valueColumn: 35 }, { valueColumn: 12 }]) {
          const first = formatText(text, options);
          assert.equal(formatText(first.text, options).text, first.text, `stable with ${JSON.stringify(options)}`);
          assert.equal(modelDump(first.text), modelDump(text), `the same policy model with ${JSON.stringify(options)}`);
          if (options.mode === 'keepLayout') {
            const trimmed = (t: string): string[] => t.split(/\r?\n/).map((l) => l.replace(/^[ \t]+/, ''));
            assert.deepEqual(trimmed(first.text), trimmed(text), 'keep layout changes indentation only');
          }
        }
        if (once.ok) {
          // Policy Agent's layout: every brace alone on its line.
          for (const line of once.text.split(/\r?\n/)) if (/[{}]/.test(line.replace(/#.*$/, '').replace(/"[^"]*"/g, ''))) assert.match(line, /^\s*[{}]( #.*)?$/, line);
        } else assert.equal(once.text, text);
      });
    }
  });
});
