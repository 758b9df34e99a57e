// attls lint through run(argv, io): configuration, suppressions, failing the run, formats, fixes.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parse } from '@attls/language';
import { defineRule, fixText, Glob, lintText, RULES, runRules } from '@attls/lint';
import { memoryIo } from '../support/io.js';
import { BASE_ADV, policy } from '../support/policies.js';
import { corpusDir } from '../support/shared.js';

const weak = policy({ adv: 'TLSv1 On\nTLSv1.1 Off\nTLSv1.2 On' }); // one weak-protocol error
const clean = policy();
const warnOnly = policy({ group: 'Trace 255' }); // one trace-too-verbose warning

async function lint(files: Record<string, string>, argv: string[], options: Parameters<typeof memoryIo>[1] = {}) {
  const m = memoryIo(files, options);
  const code = await run(['lint', ...argv], m.io);
  return { code, out: m.out(), err: m.err(), files: m.files };
}

describe('attls lint: exit codes and failing the run', () => {
  it('0 clean, 1 errors, warnings alone pass', async () => {
    assert.equal((await lint({ '/work/a.ttls': clean }, ['a.ttls'])).code, 0);
    assert.equal((await lint({ '/work/a.ttls': weak }, ['a.ttls'])).code, 1);
    assert.equal((await lint({ '/work/a.ttls': warnOnly }, ['a.ttls'])).code, 0);
  });
  it('--max-warnings and --fail-level warning', async () => {
    assert.equal((await lint({ '/work/a.ttls': warnOnly }, ['--max-warnings', '1', 'a.ttls'])).code, 0);
    const r = await lint({ '/work/a.ttls': warnOnly }, ['--max-warnings', '0', 'a.ttls']);
    assert.equal(r.code, 1);
    assert.match(r.err, /more than --max-warnings 0/);
    assert.equal((await lint({ '/work/a.ttls': warnOnly }, ['--fail-level', 'warning', 'a.ttls'])).code, 1);
  });
  it('--quiet shows errors only', async () => {
    const r = await lint({ '/work/a.ttls': warnOnly + '' }, ['--quiet', '--format', 'compact', 'a.ttls']);
    assert.equal(r.out, '');
    assert.equal(r.code, 0);
  });
  it('2 for a missing file and for bad options', async () => {
    assert.equal((await lint({}, ['missing.ttls'])).code, 2);
    assert.equal((await lint({ '/work/a.ttls': clean }, ['--format', 'xml', 'a.ttls'])).code, 2);
    assert.equal((await lint({ '/work/a.ttls': clean }, ['--max-warnings', 'x', 'a.ttls'])).code, 2);
  });
});

describe('attls lint: configuration', () => {
  it('finds .attlslintrc.json from the file folder upward and applies severities', async () => {
    const files = { '/work/.attlslintrc.json': JSON.stringify({ rules: { 'weak-protocol': 'warning' } }), '/work/sub/a.ttls': weak };
    const r = await lint(files, ['--format', 'compact', 'sub/a.ttls']);
    assert.equal(r.code, 0);
    assert.match(r.out, /warning weak-protocol/);
  });
  it('raises a hint to an error and lowers an error to a hint', async () => {
    const styleOnly = policy().replace('TTLSRule SrvRule', 'ttlsrule SrvRule'); // one keyword-case hint
    assert.equal((await lint({ '/work/a.ttls': styleOnly }, ['a.ttls'])).code, 0);
    const raised = await lint({ '/work/.attlslintrc.json': '{"rules": {"keyword-case": "error"}}', '/work/a.ttls': styleOnly }, ['--format', 'compact', 'a.ttls']);
    assert.match(raised.out, /:1:1: error keyword-case /);
    assert.equal(raised.code, 1);
    const lowered = await lint({ '/work/.attlslintrc.json': '{"rules": {"weak-protocol": "hint"}}', '/work/a.ttls': weak }, ['--format', 'compact', 'a.ttls']);
    assert.match(lowered.out, /: hint weak-protocol /);
    assert.equal(lowered.code, 0);
  });
  it('a protocol On by default is a warning, one coded On an error, unless the configuration says otherwise', async () => {
    const byDefault = policy({ adv: 'TLSv1.1 Off\nTLSv1.2 On' }); // TLSv1 left to its default, On on z/OS 3.1
    const severities = async (files: Record<string, string>) =>
      [...(await lint(files, ['--format', 'compact', '--target-release', '3.1', 'a.ttls'])).out.matchAll(/: (\w+) weak-protocol /g)].map((m) => m[1]);
    assert.deepEqual(await severities({ '/work/a.ttls': byDefault }), ['warning']);
    assert.deepEqual(await severities({ '/work/a.ttls': weak }), ['error']);
    assert.deepEqual(await severities({ '/work/.attlslintrc.json': '{"rules": {"weak-protocol": "error"}}', '/work/a.ttls': byDefault }), ['error']);
  });
  it('--fail-level info and hint make notes fail the run', async () => {
    const styleOnly = policy().replace('TTLSRule SrvRule', 'ttlsrule SrvRule');
    assert.equal((await lint({ '/work/a.ttls': styleOnly }, ['--fail-level', 'info', 'a.ttls'])).code, 0);
    assert.equal((await lint({ '/work/a.ttls': styleOnly }, ['--fail-level', 'hint', 'a.ttls'])).code, 1);
    assert.equal((await lint({ '/work/a.ttls': styleOnly }, ['--fail-level', 'note', 'a.ttls'])).code, 2);
  });
  it('turns rules and built-in codes off, and options reach the rule', async () => {
    const cfg = { rules: { 'trace-too-verbose': ['warning', { production: false }], 'unknown-parameter': 'off' } };
    const text = policy({ group: 'Trace 255', adv: BASE_ADV + '\nHandshakeTimout 3' });
    const r = await lint({ '/work/.attlslintrc.json': JSON.stringify(cfg), '/work/a.ttls': text }, ['--format', 'compact', 'a.ttls']);
    assert.equal(r.out, '');
    assert.equal(r.code, 0);
  });
  it('targetRelease in the configuration, overridden by --target-release', async () => {
    const text = policy({ adv: 'TLSv1.2 On' });
    const files = { '/work/.attlslintrc.json': '{"targetRelease": "3.2"}', '/work/a.ttls': text };
    // TLSv1 and TLSv1.1 are On by default up to z/OS 3.1 only: a warning each there, none on 3.2.
    const weakOn = async (argv: string[]) => {
      const r = await lint(files, ['--format', 'json', ...argv, 'a.ttls']);
      return (JSON.parse(r.out) as { diagnostics: { code: string; severity: string }[] }[])[0]!.diagnostics.filter((d) => d.code === 'weak-protocol').map((d) => d.severity);
    };
    assert.deepEqual(await weakOn([]), []);
    assert.deepEqual(await weakOn(['--target-release', '3.1']), ['warning', 'warning']);
  });
  it('ignore globs relative to the configuration folder', async () => {
    const files = { '/work/.attlslintrc.json': '{"ignore": ["legacy/**", "*.old.ttls"]}', '/work/legacy/x.ttls': weak, '/work/y.old.ttls': weak, '/work/z.ttls': clean };
    const r = await lint(files, ['--format', 'json', '.']);
    assert.equal(r.code, 0);
    assert.deepEqual((JSON.parse(r.out) as { file: string }[]).map((f) => f.file), ['z.ttls']);
    assert.equal(r.err, '', 'files found in a folder are skipped quietly');
    // Named on the command line: skipped, with a notice that says why.
    const named = await lint(files, ['--format', 'json', 'y.old.ttls', 'z.ttls']);
    assert.equal(named.code, 0);
    assert.deepEqual((JSON.parse(named.out) as { file: string }[]).map((f) => f.file), ['z.ttls']);
    assert.equal(named.err, 'attls: y.old.ttls is not linted: it matches "ignore" in /work/.attlslintrc.json\n');
  });
  it('--config FILE instead of discovery', async () => {
    const files = { '/work/strict.json': '{"rules": {"trace-too-verbose": "error"}}', '/work/a.ttls': warnOnly };
    assert.equal((await lint(files, ['--config', 'strict.json', 'a.ttls'])).code, 1);
  });
  for (const [name, text, reason] of [
    ['invalid JSON', '{"rules": ', /not valid JSON/],
    ['an unknown rule', '{"rules": {"no-such-rule": "error"}}', /unknown rule "no-such-rule"/],
    ['a bad severity', '{"rules": {"weak-protocol": "fatal"}}', /severity must be one of/],
    ['a bad option type', '{"rules": {"trace-too-verbose": ["warning", {"production": "yes"}]}}', /option "production" must be a boolean/],
    ['an unknown option', '{"rules": {"weak-cipher": ["warning", {"x": 1}]}}', /unknown option "x"/],
    ['a syntax code', '{"rules": {"syntax-unclosed-brace": "off"}}', /cannot be configured/],
    ['an unknown setting', '{"rulez": {}}', /unknown setting "rulez"/],
    ['a bad release', '{"targetRelease": "9.9"}', /targetRelease/],
  ] as const) {
    it(`a configuration with ${name} is exit 2 with the reason`, async () => {
      const r = await lint({ '/work/.attlslintrc.json': text, '/work/a.ttls': clean }, ['a.ttls']);
      assert.equal(r.code, 2);
      assert.match(r.err, /^attls: \/work\/\.attlslintrc\.json: /);
      assert.match(r.err, reason);
    });
  }
});

describe('attls lint: inline suppressions', () => {
  const lines = weak.split('\n');
  const at = lines.findIndex((l) => l.includes('TLSv1 On'));
  const withLine = (l: string) => [...lines.slice(0, at), l, ...lines.slice(at)].join('\n');
  it('disable-next-line with a reason, disable-line, and disable for the file', async () => {
    for (const text of [
      withLine('    # attls-lint-disable-next-line weak-protocol, weak-cipher -- partner upgrade due in May'),
      weak.replace('TLSv1 On', 'TLSv1 On # attls-lint-disable-line weak-protocol'),
      `# attls-lint-disable weak-protocol\n${weak}`,
    ]) {
      assert.equal((await lint({ '/work/a.ttls': text }, ['a.ttls'])).code, 0, text);
    }
  });
  it('--no-inline-config ignores them', async () => {
    const text = `# attls-lint-disable weak-protocol\n${weak}`;
    assert.equal((await lint({ '/work/a.ttls': text }, ['--no-inline-config', 'a.ttls'])).code, 1);
  });
  it('--report-unused-disable reports ids that suppress nothing, at the id', async () => {
    const text = withLine('    # attls-lint-disable-next-line weak-protocol, weak-cipher, nonsense');
    const r = await lint({ '/work/a.ttls': text }, ['--report-unused-disable', '--format', 'compact', 'a.ttls']);
    const found = r.out.trim().split('\n');
    assert.equal(found.length, 2, r.out);
    assert.match(found[0]!, new RegExp(`^a.ttls:${at + 1}:51: warning unused-disable .*weak-cipher`));
    assert.match(found[1]!, /unused-disable 'nonsense' is not a rule/);
  });
  it('never suppresses syntax errors', async () => {
    const r = await lint({ '/work/a.ttls': `# attls-lint-disable\n${clean}}\n` }, ['--format', 'compact', 'a.ttls']);
    assert.equal(r.code, 1);
    assert.match(r.out, /syntax-unexpected-brace/);
  });
});

describe('attls lint: formats', () => {
  it('compact: file:line:col: severity code message', async () => {
    const r = await lint({ '/work/a.ttls': weak }, ['--format', 'compact', 'a.ttls']);
    assert.match(r.out, /^a\.ttls:22:11: error weak-protocol TLSv1 is switched On here/);
  });
  it('github: exactly ::level file=F,line=L,col=C,title=<id>::message', async () => {
    const r = await lint({ '/work/a.ttls': weak }, ['--format', 'github', 'a.ttls']);
    const first = r.out.split('\n')[0]!;
    // The whole property list is compared, so no field can slip in between col and title.
    assert.equal(first.slice(0, first.indexOf('::', 2)), '::error file=a.ttls,line=22,col=11,title=weak-protocol');
    assert.match(first, /::TLSv1 is switched On/);
    for (const line of r.out.trim().split('\n')) {
      assert.match(line, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z0-9-]+::/);
    }
  });
  it('junit: a testcase per finding (or clean file), a failure for each finding that fails the run', async () => {
    const r = await lint({ '/work/a.ttls': weak, '/work/b.ttls': clean }, ['--format', 'junit', 'a.ttls', 'b.ttls']);
    assert.match(r.out, /<testsuite name="attls-lint" tests="2" failures="1"/);
    assert.equal((r.out.match(/<testcase /g) ?? []).length, 2);
    assert.match(r.out, /<failure type="weak-protocol" message="error: TLSv1 is switched On/);
  });
  it('json keeps the shape of the core issue', async () => {
    const r = await lint({ '/work/a.ttls': weak }, ['--format', 'json', 'a.ttls']);
    const j = JSON.parse(r.out) as { file: string; diagnostics: Record<string, unknown>[] }[];
    assert.deepEqual(Object.keys(j[0]!), ['file', 'diagnostics']);
    assert.deepEqual(Object.keys(j[0]!.diagnostics[0]!), ['code', 'severity', 'message', 'range']);
  });
  it('stylish: colours only on a terminal, and a summary line', async () => {
    const plain = await lint({ '/work/a.ttls': weak }, ['a.ttls']);
    assert.doesNotMatch(plain.out, /\u001b\[/);
    assert.match(plain.out, /1 problem \(1 error, 0 warnings\) in 1 file/);
    const tty = await lint({ '/work/a.ttls': weak }, ['a.ttls'], { tty: true });
    assert.match(tty.out, /\u001b\[31m/);
  });
});

describe('attls lint: fixes', () => {
  const messy = policy({ enabled: 'ON', keyringBlock: 'TTLSKeyRingParms\n{\nKeyring TCPIP/SrvRing\n}', adv: BASE_ADV + '\nHandshakeTimeout 30' });
  const tidy = policy({ adv: BASE_ADV + '\nHandshakeTimeout 30' });
  it('--fix writes the safe fixes, and the result lints without them', async () => {
    const r = await lint({ '/work/a.ttls': messy }, ['--fix', 'a.ttls']);
    assert.equal(r.files.get('/work/a.ttls'), tidy);
    assert.equal(r.code, 0, r.out);
  });
  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const r = await lint({ '/work/a.ttls': messy }, ['--fix-dry-run', 'a.ttls']);
    assert.equal(r.files.get('/work/a.ttls'), messy);
    assert.match(r.out, /^--- a\.ttls\n\+\+\+ a\.ttls\n@@ -\d+,\d+ \+\d+,\d+ @@/);
    assert.match(r.out, /\n-  TTLSEnabled ON\n\+  TTLSEnabled On\n/);
    assert.match(r.out, /\n-  TTLSKeyRingParms\n\+  TTLSKeyringParms\n/);
  });
  it('behaviour-changing suggestions are never applied', async () => {
    const r = await lint({ '/work/a.ttls': weak }, ['--fix', 'a.ttls']);
    assert.equal(r.files.get('/work/a.ttls'), weak);
  });
  describe('a did-you-mean is never applied by --fix; the editor prefers a near miss (at most two edits, one candidate)', () => {
    // Policy Agent ignores the misspelt line: renaming it switches on whatever it says, here TLS off.
    const typo = policy({ enabled: 'On', group: 'TLLSEnabled Off' }).replace('  TTLSEnabled On\n  TLLSEnabled Off', '  TLLSEnabled Off');
    const twoEdits = policy({ adv: BASE_ADV + '\nHandshakTimout 30' });
    // Corpus 007: an invented parameter three edits from ClientHandshakeSNI, which means something else.
    const invented = policy({ adv: BASE_ADV + '\nClientHandshake Required' });
    const unknownParams = (text: string) => lintText('a.ttls', text).diagnostics.filter((d) => d.code === 'unknown-parameter');
    const offered = (text: string) => unknownParams(text).map((d) => ({ fix: d.fix, suggestions: d.suggestions?.map((f) => `${f.title}${f.preferred ? ' (preferred)' : ''}`) }));
    it('TLLSEnabled Off stays as written: TTLSEnabled Off would put the connections in the clear', async () => {
      assert.match(typo, /\n  TLLSEnabled Off\n/);
      const r = await lint({ '/work/a.ttls': typo }, ['--fix', 'a.ttls']);
      assert.equal(r.files.get('/work/a.ttls'), typo);
      assert.deepEqual(offered(typo), [{ fix: undefined, suggestions: ["Change to 'TTLSEnabled' (preferred)"] }]);
    });
    it('two edits away is still a typo: preferred in the editor, left by --fix', async () => {
      const r = await lint({ '/work/a.ttls': twoEdits }, ['--fix', 'a.ttls']);
      assert.equal(r.files.get('/work/a.ttls'), twoEdits);
      assert.deepEqual(offered(twoEdits), [{ fix: undefined, suggestions: ["Change to 'HandshakeTimeout' (preferred)"] }]);
    });
    it('ClientHandshake is not turned into ClientHandshakeSNI; the editor offers it without preferring it', async () => {
      const r = await lint({ '/work/a.ttls': invented }, ['--fix', 'a.ttls']);
      assert.equal(r.files.get('/work/a.ttls'), invented);
      const [d, ...rest] = unknownParams(invented);
      assert.ok(d && rest.length === 0);
      assert.deepEqual(offered(invented), [{ fix: undefined, suggestions: ["Change to 'ClientHandshakeSNI'"] }]);
      assert.match(d.message, /did you mean 'ClientHandshakeSNI'\?/);
    });
    it('corpus 007 keeps its ClientHandshake line through --fix', () => {
      const text = readFileSync(join(corpusDir, '007-legacytel-cdp-outbound-errors.conf'), 'utf8');
      const out = fixText('007.conf', text).output;
      assert.match(out, /^\s*ClientHandshake\s+Required\s*$/m);
      assert.doesNotMatch(out, /ClientHandshakeSNI/);
    });
    it('enumerated values follow the same line: a near miss preferred, a farther one only offered, neither fixed', () => {
      const valueFinding = (role: string) => lintText('a', policy({ role })).diagnostics.find((x) => x.code === 'invalid-value')!;
      const near = valueFinding('ServrWithClientAuth');
      assert.equal(near.fix, undefined);
      assert.deepEqual(near.suggestions?.map((f) => [f.edits[0]!.newText, f.preferred]), [['ServerWithClientAuth', true]]);
      const far = valueFinding('ServerWithCliAuth');
      assert.equal(far.fix, undefined);
      assert.deepEqual(far.suggestions?.map((f) => [f.edits[0]!.newText, f.preferred]), [['ServerWithClientAuth', undefined]]);
      for (const role of ['ServrWithClientAuth', 'ServerWithCliAuth']) assert.equal(fixText('a', policy({ role })).output, policy({ role }));
    });
  });
  it('removes repeated trailing text but keeps other trailing words for the editor', () => {
    const out = lintText('a', policy({ enabled: 'On On', role: 'Server Client' }));
    const trailing = out.diagnostics.filter((d) => d.code === 'trailing-text');
    assert.equal(trailing.length, 2);
    assert.ok(trailing[0]!.fix && !trailing[1]!.fix && trailing[1]!.suggestions);
  });
});

describe('lint engine', () => {
  it('a failing rule becomes one internal-rule-error; the others still run', () => {
    const boom = defineRule({ meta: { id: 'boom', category: 'correctness', defaultSeverity: 'error', description: 'Fails.', fixable: false }, check: () => { throw new Error('kaput'); } });
    const r = lintText('a', weak, { rules: [boom, ...RULES] });
    assert.ok(r.diagnostics.some((d) => d.code === 'internal-rule-error' && /boom.*kaput/.test(d.message)));
    assert.ok(r.diagnostics.some((d) => d.code === 'weak-protocol'));
  });
  it('uncertain findings default to a warning, unless the severity is configured', () => {
    const text = policy({ adv: BASE_ADV + '\nHandshakeTimeout 0' });
    const rule = RULES.find((r) => r.meta.id === 'handshake-timeout-zero')!;
    assert.equal(lintText('a', text).diagnostics.find((d) => d.code === rule.meta.id)?.severity, 'warning');
    const config = { rules: new Map([[rule.meta.id, { severity: 'error' as const }]]), ignore: [] };
    assert.equal(lintText('a', text, { config }).diagnostics.find((d) => d.code === rule.meta.id)?.severity, 'error');
  });
  it('rules configured off do not run', () => {
    let ran = false;
    const spy = defineRule({ meta: { id: 'spy', category: 'style', defaultSeverity: 'info', description: 'Spies.', fixable: false }, check: () => void (ran = true) });
    const model = buildModel([{ uri: 'a', parse: parse(clean) }]);
    runRules(model, [spy], { rules: new Map([['spy', { severity: 'off' }]]), ignore: [] });
    assert.equal(ran, false);
  });
  it('glob matcher: *, ?, ** and folder patterns, without pathological slowness', () => {
    assert.ok(new Glob('*.ttls').matches('a/b/c.ttls'));
    assert.ok(new Glob('legacy/**').matches('legacy/x/y.ttls'));
    assert.ok(new Glob('legacy').matches('legacy/y.ttls'));
    assert.ok(new Glob('a/?.ttls').matches('a/b.ttls'));
    assert.ok(!new Glob('a/?.ttls').matches('a/bc.ttls'));
    assert.ok(!new Glob('/top.ttls').matches('sub/top.ttls'));
    const t = performance.now();
    assert.ok(!new Glob(`${'*a'.repeat(30)}b`).matches('a'.repeat(200)));
    assert.ok(!new Glob(`${'**/'.repeat(30)}x`).matches(`${'d/'.repeat(100)}y`));
    assert.ok(performance.now() - t < 500);
  });
});
