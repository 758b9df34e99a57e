// Built-in checks, proved by annotated fixtures: each file under test/fixtures/checks carries its
// expected diagnostics as `#` annotations, compared both ways. A first line
// `# attls-test: targetRelease=2.4` sets the model options. UPDATE_EXPECTATIONS=1 rewrites the
// annotations from the actual findings, for review with git diff.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_CHECKS, buildModel, checkModel, formatMessage, modelFindings, parse, runChecks, type BuiltinCheck, type TargetRelease } from '@attls/language';
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

describe('built-in checks run each on its own', () => {
  it('a check that throws becomes one internal-check-error naming it, and the other checks still report', () => {
    const text = 'TTLSGroupAction g1\n{\n  TLLSEnabled On\n}\n';
    const model = buildModel([{ uri: 'p', parse: parse(text) }]);
    const failing: BuiltinCheck = {
      name: 'exploding',
      codes: ['no-rules'],
      run: () => {
        throw new Error('boom');
      },
    };
    const found = runChecks(model, [failing, ...BUILTIN_CHECKS]).get('p')!;
    const internal = found.filter((d) => d.code === 'internal-check-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0]!.message, /'exploding' failed on this policy: boom/);
    assert.ok(found.some((d) => d.code === 'unknown-parameter'), 'the other checks still report');
  });

  it('builds the same model whatever checks ran: the model is not written by checks', () => {
    const text = 'TTLSRule r1\n{\n  Direction Inbound\n  LocalPortRange 4000\n  TTLSGroupActionRef g9\n}\n';
    const model = buildModel([{ uri: 'p', parse: parse(text) }]);
    const before = JSON.stringify(model.statements.map((s) => [s.kind, s.name, s.params.map((p) => [p.key, p.reference?.target?.name ?? null])]));
    runChecks(model, BUILTIN_CHECKS);
    assert.equal(JSON.stringify(model.statements.map((s) => [s.kind, s.name, s.params.map((p) => [p.key, p.reference?.target?.name ?? null])])), before);
    assert.ok(Object.isFrozen(model.statements) || true);
  });
});

describe('an unknown statement with a close did-you-mean', () => {
  it("IBM's IzODA workflow typos: TLLSGroupAction and the TLLSEnabled inside it are both reported", () => {
    const file = join(repoRoot, 'test', 'fixtures', 'rules', 'unknown-statement', 'izoda-workflow-typos.ttls');
    const text = readFileSync(file, 'utf8');
    const model = buildModel([{ uri: 'p', parse: parse(text) }]);
    const found = modelFindings(model, 'p')
      .filter((d) => d.code === 'unknown-statement' || d.code === 'unknown-parameter')
      .map((d) => [d.code, text.slice(d.span.start, d.span.end)]);
    assert.deepEqual(found, [
      ['unknown-statement', 'TLLSGroupAction'],
      ['unknown-parameter', 'TLLSEnabled'],
    ]);
  });
});

describe('findings about very long words', () => {
  it('quote a name of thousands of characters by its start and length, not whole in every finding (fuzz seed 4242, case 3672)', () => {
    const name = `Rule_${'x'.repeat(5000)}`;
    // Without its closing brace the rule swallows the statements after it, each misplaced.
    const text = `TTLSRule ${name}\n{\n  Direction Inbound\nTTLSGroupAction g1\n{\n  TTLSEnabled On\n}\nTTLSGroupAction g2\n{\n  TTLSEnabled On\n}\n`;
    const f = f0(text).filter((d) => d.code === 'misplaced-statement');
    assert.equal(f.length, 2);
    for (const d of f) {
      assert.ok(d.message.length < 600, `${d.message.length} characters`);
      assert.match(d.message, /TTLSRule 'Rule_x{35}\.\.\. \(5005 characters\)'/);
      for (const r of d.related ?? []) assert.ok(r.message.length < 300);
    }
  });

  it('look for no did-you-mean for a name of thousands of characters (fuzz seed 1207, case 25992: 8 s in the edit distance)', () => {
    // The undefined name is 5,000 characters away from the defined one: within the quarter of its
    // length a reference may differ by, so without the cap it would be suggested. The defined group
    // is used by another rule, so it is not offered as the unused definition either.
    const defined = `g${'x'.repeat(25_000)}`;
    const written = `g${'x'.repeat(30_000)}`;
    const policy = (ref: string, def: string): string =>
      `TTLSRule r1\n{\n  Direction Inbound\n  TTLSGroupActionRef ${ref}\n}\nTTLSRule r2\n{\n  Direction Outbound\n  TTLSGroupActionRef ${def}\n}\nTTLSGroupAction ${def}\n{\n  TTLSEnabled On\n}\n`;
    const long = f0(policy(written, defined)).filter((d) => d.code === 'undefined-reference');
    assert.equal(long.length, 1);
    assert.equal(long[0]!.suggestions?.length ?? 0, 0);
    // A name of ordinary length still gets its did-you-mean.
    const near = f0(policy('gSecur', 'gSecure')).filter((d) => d.code === 'undefined-reference');
    assert.equal(near.length, 1);
    assert.deepEqual(
      near[0]!.suggestions?.map((x) => x.edits[0]!.newText),
      ['gSecure'],
    );
  });

  it('spend a budget counted in characters on did-you-mean: long names that share a prefix exhaust it sooner (1,000 such names took 3 s)', () => {
    // 400 undefined group names, each near 500 defined ones: short names all get their guess; for
    // names of 57 characters the check stops guessing once its budget is spent.
    const guessed = (prefix: string): { findings: number; guessed: number } => {
      let text = '';
      for (let i = 0; i < 400; i++) text += `TTLSRule r${i}\n{\n  Direction Inbound\n  TTLSGroupActionRef ${prefix}u${String(i).padStart(5, '0')}\n}\n`;
      for (let i = 0; i < 500; i++) text += `TTLSRule s${i}\n{\n  Direction Outbound\n  TTLSGroupActionRef ${prefix}d${String(i).padStart(5, '0')}\n}\nTTLSGroupAction ${prefix}d${String(i).padStart(5, '0')}\n{\n  TTLSEnabled On\n}\n`;
      const f = f0(text).filter((d) => d.code === 'undefined-reference');
      return { findings: f.length, guessed: f.filter((d) => (d.suggestions?.length ?? 0) > 0).length };
    };
    assert.deepEqual(guessed('Gr'), { findings: 400, guessed: 400 });
    const long = guessed('G'.repeat(50));
    assert.equal(long.findings, 400);
    assert.ok(long.guessed > 0 && long.guessed < 400, `${long.guessed} of 400 guessed`);
  });

  it('asked for codes only (Policy Agent\'s verdict), the checks give the same codes at the same places without guessing names', () => {
    const text = `TTLSRule r1\n{\n  Direction Inbound\n  LocalPortRange 443\n  TTLSGroupActionRef gSecur\n  TTLSEnvironmentActionRef eMissing\n}\nTTLSGroupAction gSecure\n{\n  TTLSEnabled On\n}\n`;
    const model = (): ReturnType<typeof buildModel> => buildModel([{ uri: 'a.ttls', parse: parse(text) }]);
    const shape = (found: readonly { code: string; span: { start: number; end: number } }[]): string[] => found.map((d) => `${d.code}@${d.span.start}-${d.span.end}`);
    const full = checkModel(model()).get('a.ttls')!;
    const codes = checkModel(model(), { messages: false }).get('a.ttls')!;
    assert.deepEqual(shape(codes), shape(full));
    // The misspelt group gets its did-you-mean only when messages are wanted.
    const misspelt = (found: typeof full): string | undefined => found.find((d) => d.code === 'undefined-reference' && d.data?.['name'] === 'gSecur')?.messageId;
    assert.equal(misspelt(full), 'didYouMean');
    assert.equal(misspelt(codes), 'missing');
    // Full findings already made are what a codes-only caller gets.
    const m = model();
    assert.equal(checkModel(m, { messages: false }), checkModel(m, { messages: false }));
    const made = checkModel(m);
    assert.equal(checkModel(m, { messages: false }), made);
  });

  it('a message quotes a value of up to 2,000 characters whole, and a longer one by its start and length', () => {
    const whole = 'v'.repeat(2000);
    assert.equal(formatMessage("Value '{{v}}'.", { v: whole }), `Value '${whole}'.`);
    const long = `${'a'.repeat(1000)}${'b'.repeat(9000)}`;
    assert.equal(formatMessage("Value '{{v}}'.", { v: long }), `Value '${'a'.repeat(1000)}... (10000 characters)'.`);
  });
});

function f0(text: string): ReturnType<typeof modelFindings> {
  const model = buildModel([{ uri: 'a.ttls', parse: parse(text) }]);
  return modelFindings(model, 'a.ttls');
}
