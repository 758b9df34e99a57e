// Meta-tests of the rule fixtures: every rule and every built-in code has a folder under
// test/fixtures/rules with a case that finds it and a clean case, nothing else is there, and the
// comparison the runner makes is strict (a dropped, added or altered annotation is reported).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_CODES, lintText, RULES } from '@attls/lint';
import { compareWith, readAnnotations } from '../support/annotations.js';
import { fixtureCases, fixtureCodes, lintOptionsFor, readSettings, type FixtureCase } from '../support/fixtures.js';

/** Codes no policy or configuration can produce, with the reason and where they are tested instead. */
const NO_FIXTURE: Readonly<Record<string, string>> = {
  'syntax-unexpected-token': 'the grammar accepts any token sequence, so only a parser defect produces it (test/language/parser.test.ts)',
  'config-error': 'the language server reports it on a broken .attlslintrc.json, not on a policy (test/server/config.test.ts)',
  'internal-check-error': 'only a defect in a built-in check produces it; test/language/checks.test.ts makes a check throw and sees one finding naming it',
  'sequence-numbers': 'it comes from decoding the bytes of a file, before any text a fixture holds (test/language/input.test.ts, test/cli/inputs.test.ts)',
  'unreadable-file': 'it needs a device, a FIFO or a path outside the root on disk (test/cli/inputs.test.ts, test/language/policy-set.test.ts)',
};

const annotationCount = (c: FixtureCase): number => c.files.reduce((n, f) => n + readAnnotations(readFileSync(f, 'utf8')).length, 0);

describe('rule fixtures: coverage', () => {
  const codes = [...RULES.map((r) => r.meta.id), ...BUILTIN_CODES.map((b) => b.id)].sort();

  it('every folder under test/fixtures/rules is named after a rule or a built-in code', () => {
    assert.deepEqual(fixtureCodes().filter((c) => !codes.includes(c)), []);
  });

  it('every rule and built-in code has a case that finds it and a clean case', () => {
    const present = new Set(fixtureCodes());
    const gaps: string[] = [];
    for (const code of codes) {
      if (NO_FIXTURE[code]) continue;
      if (!present.has(code)) {
        gaps.push(`${code}: no folder test/fixtures/rules/${code}/`);
        continue;
      }
      const cases = fixtureCases(code);
      if (!cases.some((c) => annotationCount(c) > 0)) gaps.push(`${code}: no case with a finding`);
      if (!cases.some((c) => annotationCount(c) === 0)) gaps.push(`${code}: no clean case`);
    }
    assert.deepEqual(gaps, []);
  });

  it('the codes without fixtures are still codes, and have no folder', () => {
    for (const code of Object.keys(NO_FIXTURE)) {
      assert.ok(codes.includes(code), code);
      assert.ok(!fixtureCodes().includes(code), `${code} has fixtures now: take it off NO_FIXTURE`);
    }
  });
});

describe('rule fixtures: default severities', () => {
  // Where a case configures no severity, each finding has its message's default severity: the
  // metadata (`defaultSeverity`, `severities` by message id) is what users read in the docs and
  // `attls rules`, and what the checks, the policy-set reader and the rules must report.
  const metaOf = (code: string) => RULES.find((r) => r.meta.id === code)?.meta ?? BUILTIN_CODES.find((b) => b.id === code)!;

  it('every annotation without a configured severity has its message default, and every lower default is shown', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (const code of fixtureCodes()) {
      const meta = metaOf(code);
      for (const c of fixtureCases(code)) {
        const settings = readSettings(readFileSync(c.files[0]!, 'utf8'));
        if (settings.severity !== undefined || settings.options !== undefined) continue;
        for (const f of c.files) {
          for (const a of readAnnotations(readFileSync(f, 'utf8'))) {
            if (a.code !== code) continue;
            const expected = (a.messageId !== undefined ? meta.severities?.[a.messageId] : undefined) ?? meta.defaultSeverity;
            // A rule's finding that rests on recalled facts is shown as a warning at most.
            const capped = RULES.some((r) => r.meta.id === code) && expected === 'error' && a.severity === 'warning';
            if (a.severity !== expected && !capped) wrong.push(`${code}/${c.name}: line ${a.line + 1} is ${a.severity}, the default of (${a.messageId ?? ''}) is ${expected}`);
            if (a.messageId !== undefined && meta.severities?.[a.messageId] === a.severity) seen.add(`${code}:${a.messageId}`);
          }
        }
      }
    }
    assert.deepEqual(wrong, []);
    const shown = [...RULES.map((r) => r.meta), ...BUILTIN_CODES]
      .flatMap((m) => Object.keys(m.severities ?? {}).map((id) => `${m.id}:${id}`))
      .filter((k) => !seen.has(k));
    assert.deepEqual(shown, [], 'a fixture shows each lower default severity');
  });
});

describe('rule fixtures: the comparison is strict', () => {
  // A case with one finding, written here so that this test does not depend on any fixture.
  const text = ['TTLSGroupAction g', '{', '  TTLSEnabled On', '  CtraceClearText On', '#                 ^^ warning ctrace-clear-text (on)', '}', ''].join('\n');
  const lint = (t: string) => {
    const r = lintText('strict.ttls', t);
    return compareWith(t, r.diagnostics.filter((d) => d.code === 'ctrace-clear-text'), r.lineIndex, { messageIds: true });
  };

  it('agrees with a correct annotation', () => {
    assert.equal(lint(text).report, '');
  });

  it('reports a finding without annotation', () => {
    const r = lint(text.replace(/^#.*\n/m, ''));
    assert.equal(r.extra.length, 1);
    assert.equal(r.missing.length, 0);
  });

  it('reports an annotation without finding', () => {
    const r = lint(text.replace('  CtraceClearText On\n#', '  CtraceClearText Off\n#'));
    assert.equal(r.missing.length, 1);
  });

  it('reports a different range, severity or message id', () => {
    for (const altered of [text.replace('^^ warning', '^^^ warning'), text.replace('warning ctrace', 'error ctrace'), text.replace('(on)', '(off)')]) {
      const r = lint(altered);
      assert.equal(r.missing.length, 1, altered);
      assert.equal(r.extra.length, 1, altered);
    }
  });

  it('rewrites annotations from the findings, keeping the other lines', () => {
    const r = lint(text.replace(/^#.*\n/m, '# a note that stays\n'));
    const lines = text.split('\n');
    assert.equal(r.actualText, [...lines.slice(0, 5), '# a note that stays', ...lines.slice(5)].join('\n'));
  });

  it('reads the settings line and refuses what it does not know', () => {
    assert.deepEqual(readSettings('# attls-fixture: release=3.2 severity=warning options={"max": 2, "x": "a}b"} failing-rule\n'), {
      release: '3.2',
      severity: 'warning',
      options: { max: 2, x: 'a}b' },
      failingRule: true,
    });
    assert.deepEqual(readSettings('TTLSRule r\n'), {});
    assert.throws(() => readSettings('# attls-fixture: relase=3.2\n'), /unknown setting 'relase'/);
    assert.throws(() => readSettings('# attls-fixture: release=9.9\n'), /release must be one of/);
    assert.throws(() => readSettings('# attls-fixture: options={"max": 2\n'), /not a complete JSON object/);
  });

  it('checks fixture options like a configuration file', () => {
    assert.throws(() => lintOptionsFor('too-many-groups', { options: { maximum: 2 } }), /unknown option "maximum"/);
    assert.throws(() => lintOptionsFor('missing-file', { options: { x: 1 } }), /has no options/);
    assert.equal(lintOptionsFor('too-many-groups', { options: { max: 2 } }).config?.rules.get('too-many-groups')?.severity, 'info');
    assert.equal(lintOptionsFor('missing-file', { severity: 'warning' }).config?.rules.get('missing-file')?.severity, 'warning');
  });
});
