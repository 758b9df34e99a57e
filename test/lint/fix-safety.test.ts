// --fix keeps what the policy does. Over the fuzz corpus (mutated real policies and generated
// ones) the fixed text has no error finding the input did not have, and `attls match` answers every
// sample connection as before (test/fuzz/fix-property.ts says what is compared). Then the cases
// that broke it, the check every pass goes through (with rules whose fixes are deliberately bad),
// and what that check relies on from the semantic core.
import assert from 'node:assert/strict';
import { compilePolicy, diffRules, effectiveSetting, type CompiledPolicy } from '@attls/evaluate';
import { buildModel, loadPolicySet, parse } from '@attls/language';
import { defineRule, fixPolicySetTexts, fixText, lintText, RULES, sameBehaviour, type Rule } from '@attls/lint';
import { generatePolicy } from '../bench/generate.js';
import { checkFix } from '../fuzz/fix-property.js';
import { makeInput } from '../fuzz/harness.js';
import { fuzzSeeds } from '../fuzz/seeds.js';
import { policy } from '../support/policies.js';
import { random } from '../support/random.js';

const policyOf = (text: string): CompiledPolicy => compilePolicy(buildModel([{ uri: 'a.ttls', parse: parse(text) }]));
const errors = (text: string): string[] => lintText('a.ttls', text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('--fix: safe on fuzzed policies (property)', function () {
  this.timeout(120_000);

  it('1,500 fuzzed policies: no new error finding, the same match answers', () => {
    const rnd = random(18_4);
    const seeds = fuzzSeeds();
    const failing: string[] = [];
    let changed = 0;
    for (let i = 0; i < 1500; i++) {
      const input = makeInput(rnd, seeds, false);
      const r = checkFix(input.text);
      if (r.fixed > 0) changed++;
      if (r.problems.length > 0) failing.push(`case ${i} (${input.label}): ${r.problems.slice(0, 2).map((p) => `${p.kind} ${p.detail.slice(0, 160)}`).join('; ')}`);
    }
    assert.equal(failing.length, 0, `${failing.length} of 1500 --fix runs broke the property:\n${failing.slice(0, 20).join('\n')}`);
    // Not vacuous: --fix does change a good share of these texts.
    assert.ok(changed >= 250, `only ${changed} of 1500 texts were changed by --fix`);
  });
});

describe('--fix: the cases that broke it', () => {
  it('a misspelt statement Policy Agent ignores stays misspelt: renamed, its broken body would count', () => {
    // TTLSGroupAction needs TTLSEnabled; as TLLSGroupAction the statement is ignored.
    const text = policy({ refs: 'TTLSGroupActionRef gTypo\nTTLSEnvironmentActionRef ServerEnv', extra: 'TLLSGroupAction gTypo\n{\n  Trace 2\n}' });
    assert.equal(fixText('a.ttls', text).output, text);
    const d = lintText('a.ttls', text).diagnostics.find((x) => x.code === 'unknown-statement')!;
    assert.equal(d.fix, undefined);
    assert.deepEqual(d.suggestions?.map((s) => [s.title, s.preferred]), [["Change to 'TTLSGroupAction'", true]]);
    // What the rename would have done.
    const renamed = text.replace('TLLSGroupAction', 'TTLSGroupAction');
    assert.ok(!sameBehaviour(policyOf(text), policyOf(renamed)));
  });

  it('a misspelt parameter stays misspelt, valid value or not', () => {
    for (const value of ['abc', '30']) {
      const text = policy({ adv: `TLSv1.2 On\nHandshakeTimout ${value}` });
      assert.equal(fixText('a.ttls', text).output, text, value);
    }
    // With abc, the rename would have made a rejected value out of an ignored line.
    assert.ok(errors(policy({ adv: 'TLSv1.2 On\nHandshakeTimeout abc' })).includes('invalid-value'));
  });

  const ciphers = (lines: string): string => policy({ env: `TTLSCipherParms\n{\n${lines}\n}` });

  it('a line of 4-character codes all listed earlier goes whole: the list is never left empty', () => {
    const text = ciphers('  V3CipherSuites4Char C02FC030\n  V3CipherSuites4Char C030C02F');
    const out = fixText('a.ttls', text).output;
    assert.equal(out, ciphers('  V3CipherSuites4Char C02FC030'));
    assert.deepEqual(errors(out), []);
    const d = lintText('a.ttls', text).diagnostics.filter((x) => x.code === 'duplicate-cipher');
    assert.deepEqual(d.map((x) => x.fix?.title), ['Remove the V3CipherSuites4Char line', 'Remove the V3CipherSuites4Char line']);
  });

  it('a run with more than five later copies gets one finding, whose fix cuts them all (fuzz seed 77123, case 797)', () => {
    const first = 'C02FC030C02BC02CC027C028';
    const text = ciphers(`  V3CipherSuites4Char ${first}\n  V3CipherSuites4Char ${first}1301`);
    const d = lintText('a.ttls', text).diagnostics.filter((x) => x.code === 'duplicate-cipher');
    assert.equal(d.length, 1);
    assert.match(d[0]!.message, /^6 suites of this run are already listed earlier in TTLSCipherParms \(inline\) \(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, .* and 1 more\); the later copies change nothing\.$/);
    assert.equal(d[0]!.fix?.title, 'Remove the 6 later copies from the list');
    assert.equal(d[0]!.related?.length, 5);
    assert.equal(fixText('a.ttls', text).output, ciphers(`  V3CipherSuites4Char ${first}\n  V3CipherSuites4Char 1301`));
    // Five copies are still reported one by one.
    const five = ciphers(`  V3CipherSuites4Char ${first}\n  V3CipherSuites4Char ${first.slice(4)}1301`);
    assert.equal(lintText('a.ttls', five).diagnostics.filter((x) => x.code === 'duplicate-cipher').length, 5);
  });

  it('a copy in a run that keeps other codes is cut from the run, first occurrences in order', () => {
    const text = ciphers('  V3CipherSuites4Char C02FC030C02F1301');
    assert.equal(fixText('a.ttls', text).output, ciphers('  V3CipherSuites4Char C02FC0301301'));
  });

  it('a copy in a run with a code System SSL does not know is only suggested', () => {
    // FFFF is no suite: the list is already wrong, and rearranging it is not --fix's to do.
    const text = ciphers('  V3CipherSuites4Char C02FFFFFC02F');
    assert.equal(fixText('a.ttls', text).output, text);
    const d = lintText('a.ttls', text).diagnostics.find((x) => x.code === 'duplicate-cipher')!;
    assert.equal(d.fix, undefined);
    assert.deepEqual(d.suggestions?.map((s) => s.title), ['Remove C02F from the list']);
  });

  it('a copy on a line that also holds a brace is left alone: removing the line would take the brace', () => {
    const text = policy({ env: 'TTLSCipherParms\n{\n  V3CipherSuites4Char C02F\n  V3CipherSuites4Char C02F }' });
    assert.equal(fixText('a.ttls', text).output, text);
    const d = lintText('a.ttls', text).diagnostics.find((x) => x.code === 'duplicate-cipher')!;
    assert.equal(d.fix, undefined);
    assert.equal(d.suggestions, undefined);
    // weak-cipher's editor suggestion to remove the line holds back the same way.
    const weak = policy({ env: 'TTLSCipherParms\n{\n  V3CipherSuites4Char C02F\n  V3CipherSuites4Char 000A }' });
    const w = lintText('a.ttls', weak).diagnostics.find((x) => x.code === 'weak-cipher')!;
    assert.deepEqual(w.suggestions, []);
    const alone = lintText('a.ttls', weak.replace('000A }', '000A\n}')).diagnostics.find((x) => x.code === 'weak-cipher')!;
    assert.deepEqual(alone.suggestions?.map((f) => f.title), ['Remove the V3CipherSuites4Char line']);
  });
});

/** A rule with a fix of the Priority lines (of the rules named `only`, or all) to `Priority <to>`: reorders rules. */
function priorityRule(to: string, only?: string): Rule {
  return defineRule({
    meta: { id: 'bad-priority', category: 'style', defaultSeverity: 'info', description: 'Rewrites Priority lines.', fixable: true },
    check(ctx) {
      for (const s of ctx.model.statementsOf('TTLSRule')) {
        const w = s.param('Priority')?.values[0];
        if (!w || w.text === to || (only !== undefined && s.name !== only)) continue;
        ctx.report({ uri: s.doc.uri, span: { start: w.start, end: w.end }, message: 'Priority rewritten.', fix: { title: `Priority ${to}`, edits: [{ span: { start: w.start, end: w.end }, newText: to }] } });
      }
    },
  });
}

/** A rule whose fix deletes the last closing brace of the file: a syntax error. */
const braceRule = defineRule({
  meta: { id: 'bad-brace', category: 'style', defaultSeverity: 'info', description: 'Deletes a brace.', fixable: true },
  check(ctx) {
    for (const d of ctx.model.documents) {
      const at = d.parse.text.lastIndexOf('}');
      if (at >= 0) ctx.report({ uri: d.uri, span: { start: at, end: at + 1 }, message: 'Brace.', fix: { title: 'Delete the brace', edits: [{ span: { start: at, end: at + 1 }, newText: '' }] } });
    }
  },
});

describe('--fix: every pass is checked against the input', () => {
  const two = `${policy({ priority: '100' })}\nTTLSRule Other\n{\n  LocalPortRange 4001\n  Direction Inbound\n  Priority 50\n  TTLSGroupActionRef SecureGroup\n  TTLSEnvironmentActionRef ServerEnv\n}\n`;

  it('a fix that reorders the rules is left out, and the safe fixes of the same pass are kept', () => {
    const text = two.replace('TTLSEnabled On', 'TTLSEnabled ON');
    const r = fixText('a.ttls', text, { rules: [...RULES, priorityRule('100')] });
    assert.equal(r.output, two);
    assert.equal(r.rejected, 1);
    // The finding stays, its fix now a suggestion: the summary does not promise it to --fix again.
    const left = r.result.diagnostics.find((d) => d.code === 'bad-priority')!;
    assert.equal(left.fix, undefined);
    assert.deepEqual(left.suggestions?.map((f) => f.title), ['Priority 100']);
  });

  it('a fix that adds an error is left out', () => {
    const text = two.replace('TTLSEnabled On', 'TTLSEnabled ON');
    const r = fixText('a.ttls', text, { rules: [...RULES, braceRule] });
    assert.equal(r.output, two);
    assert.equal(r.rejected, 1);
  });

  it('one bad fix among many costs a few checks, not one per fix, and is not tried again', () => {
    const text = generatePolicy({ rules: 60, seed: 4 }).replace(/^(\s*)Direction\b/gm, '$1direction');
    const r = fixText('a.ttls', text, { rules: [...RULES, priorityRule('7', 'Rule_00030~Cli')] });
    assert.match(text, /^\s*TTLSRule\s+Rule_00030~Cli$/m);
    assert.doesNotMatch(r.output, /^\s*direction\b/m);
    assert.doesNotMatch(r.output, /Priority\s+7$/m);
    assert.equal(r.fixed, 60);
    assert.equal(r.rejected, 1);
    // The whole pass, then two checks for each halving down to the one bad fix; none after it.
    assert.ok(r.checks <= 1 + 2 * Math.ceil(Math.log2(61)), `${r.checks} checks`);
  });

  it('a run out of checks keeps what was shown safe and leaves the rest', () => {
    // Every Priority fix is bad on its own, one per rule next to a safe one: bisecting them all
    // takes more checks than the budget allows.
    const text = generatePolicy({ rules: 60, seed: 4 }).replace(/^(\s*)Direction\b/gm, '$1direction');
    const r = fixText('a.ttls', text, { rules: [...RULES, priorityRule('7')] });
    assert.ok(r.checks <= 64, `${r.checks} checks`);
    assert.doesNotMatch(r.output, /Priority\s+7$/m);
    assert.ok(r.fixed > 0 && r.rejected > 0, `${r.fixed} fixed, ${r.rejected} left out`);
    assert.equal(r.fixed + r.rejected, 120);
    assert.equal(r.output.match(/^\s*direction\b/gm)?.length ?? 0, 60 - r.fixed);
  });

  it('through a main configuration: a bad fix is left out of every file, the safe ones are written', async () => {
    const files = new Map<string, string>([
      ['/p/pagent.conf', 'TcpImage TCPIP /p/tcpip.conf\n'],
      ['/p/tcpip.conf', 'TTLSConfig /p/a.ttls\n'],
      ['/p/a.ttls', two.replace('TTLSEnabled On', 'TTLSEnabled ON')],
    ]);
    const changed = new Map<string, string>();
    const load = () => loadPolicySet('/p/pagent.conf', files.get('/p/pagent.conf')!, { root: '/', read: async (p) => changed.get(p) ?? files.get(p) });
    const r = await fixPolicySetTexts(load, (uri, text) => changed.set(uri, text), { rules: [...RULES, priorityRule('100')] });
    assert.equal(r.changed.get('/p/a.ttls'), two);
    assert.equal(changed.get('/p/a.ttls'), two);
    assert.equal(r.rejected, 1);
    const left = r.results.find((x) => x.uri === '/p/a.ttls')!.diagnostics.find((d) => d.code === 'bad-priority')!;
    assert.equal(left.fix, undefined);
  });
});

describe('--fix: what the check relies on from the semantic core', () => {
  it('a repeated trailing word is no part of the value: TTLSEnabled On On is On', () => {
    const text = policy({ enabled: 'On On' });
    const p = policyOf(text);
    assert.equal(effectiveSetting(p.model, p.rules[0]!.actions, 'TTLSEnabled')?.value, 'On');
    const out = fixText('a.ttls', text).output;
    assert.equal(out, policy({ enabled: 'On' }));
    assert.ok(sameBehaviour(p, policyOf(out)));
  });

  it('a later copy of a cipher suite changes no setting; moving a suite ahead does', () => {
    const list = (codes: string): CompiledPolicy => policyOf(policy({ env: `TTLSCipherParms\n{\n  V3CipherSuites4Char ${codes}\n}` }));
    const base = list('C02FC030');
    assert.deepEqual(diffRules(base, list('C02FC030C02F')).changed, []);
    assert.deepEqual(diffRules(base, list('C030C02F')).changed.map((c) => c.changes.map((x) => x.name)), [['V3CipherSuites']]);
  });
});
