// The pipeline formats agree with the exit status: GitLab code quality, JUnit and SARIF, each with
// what fails the run, the unreadable inputs, and what a CI server needs to track findings.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '@attls/cli';
import { memoryIo } from '../support/io.js';
import { policy } from '../support/policies.js';
import { repoRoot } from '../support/shared.js';

const weak = policy({ adv: 'TLSv1 On\nTLSv1.1 Off\nTLSv1.2 On' }); // one weak-protocol error
const clean = policy();
const warnOnly = policy({ group: 'Trace 255' }); // one trace-too-verbose warning
const noteOnly = policy().replace('TTLSRule SrvRule', 'ttlsrule SrvRule'); // one keyword-case note (a hint)
const infoOnly = policy() + 'TTLSGroupAction Unused\n{\n  TTLSEnabled On\n}\n'; // one unused-definition note (info)

async function lint(files: Record<string, string>, argv: string[], cwd = '/work') {
  const m = memoryIo(files, { cwd });
  const code = await run(['lint', ...argv], m.io);
  return { code, out: m.out(), err: m.err() };
}

interface CodeQuality {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

async function gitlab(files: Record<string, string>, argv: string[], cwd = '/work') {
  const r = await lint(files, ['--format', 'gitlab', ...argv], cwd);
  return { ...r, issues: JSON.parse(r.out) as CodeQuality[] };
}

describe('attls lint --format gitlab (code quality report)', () => {
  it('has exactly the fields GitLab reads, with its severities and 1-based lines', async () => {
    const { code, issues } = await gitlab({ '/work/p/a.ttls': weak + 'TTLSGroupAction unused\n{\n  TTLSEnabled Off\n}\n', '/work/p/b.ttls': noteOnly, '/work/p/c.ttls': warnOnly }, ['p']);
    assert.equal(code, 1);
    assert.ok(issues.length >= 3, JSON.stringify(issues));
    for (const i of issues) {
      assert.deepEqual(Object.keys(i).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
      assert.deepEqual(Object.keys(i.location).sort(), ['lines', 'path']);
      assert.deepEqual(Object.keys(i.location.lines), ['begin']);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity), i.severity);
      assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
      assert.equal(typeof i.description, 'string');
    }
    const weakIssue = issues.find((i) => i.check_name === 'weak-protocol')!;
    assert.deepEqual(weakIssue.location, { path: 'p/a.ttls', lines: { begin: 22 } });
    assert.equal(weakIssue.severity, 'major');
    assert.match(weakIssue.description, /TLSv1 is switched On/);
    assert.equal(issues.find((i) => i.check_name === 'trace-too-verbose')?.severity, 'minor');
    assert.equal(issues.find((i) => i.check_name === 'unused-definition')?.severity, 'info');
    assert.equal(issues.find((i) => i.check_name === 'keyword-case')?.severity, 'info', 'a hint is information on GitLab\'s scale');
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'one fingerprint per issue');
  });

  it('is an empty list when nothing is found', async () => {
    const { code, out } = await lint({ '/work/a.ttls': clean }, ['--format', 'gitlab', 'a.ttls']);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), []);
  });

  it('fingerprints are the same in every run and in every checkout folder, paths relative to it', async () => {
    const here = await gitlab({ '/work/p/a.ttls': weak }, ['p/a.ttls']);
    const again = await gitlab({ '/work/p/a.ttls': weak }, ['p/a.ttls']);
    const elsewhere = await gitlab({ '/builds/group/project/p/a.ttls': weak }, ['/builds/group/project/p/a.ttls'], '/builds/group/project');
    assert.deepEqual(again.issues, here.issues);
    assert.deepEqual(elsewhere.issues, here.issues, 'an absolute path inside the checkout is reported relative to it');
  });

  it('a finding keeps its fingerprint when lines are added above it; equal findings get their own', async () => {
    const before = await gitlab({ '/work/a.ttls': weak }, ['a.ttls']);
    const after = await gitlab({ '/work/a.ttls': `# a comment\n# another\n${weak}` }, ['a.ttls']);
    const w0 = before.issues.find((i) => i.check_name === 'weak-protocol')!;
    const w1 = after.issues.find((i) => i.check_name === 'weak-protocol')!;
    assert.equal(w1.location.lines.begin, w0.location.lines.begin + 2);
    assert.equal(w1.fingerprint, w0.fingerprint);
    // Two rules with the same weak setting, word for word: two issues, two fingerprints.
    const twice = weak + weak.replace(/SrvRule/g, 'SrvRule2').replace(/SecureGroup/g, 'G2').replace(/ServerEnv/g, 'E2');
    const { issues } = await gitlab({ '/work/a.ttls': twice }, ['a.ttls']);
    const weakOnes = issues.filter((i) => i.check_name === 'weak-protocol');
    assert.equal(weakOnes.length, 2);
    assert.notEqual(weakOnes[0]!.fingerprint, weakOnes[1]!.fingerprint);
  });

  it('lists a file that cannot be read, and the run exits 2', async () => {
    const { code, issues, err } = await gitlab({ '/work/a.ttls': clean }, ['a.ttls', 'missing.ttls']);
    assert.equal(code, 2);
    assert.match(err, /^attls: missing\.ttls: no such file or directory$/m);
    assert.deepEqual(issues.map((i) => [i.check_name, i.severity, i.location.path]), [['unreadable-file', 'blocker', 'missing.ttls']]);
  });
});

/** Counts of the root element of a JUnit report. */
function junitCounts(xml: string): { tests: number; failures: number; errors: number } {
  const m = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)"/.exec(xml);
  assert.ok(m, xml);
  return { tests: Number(m[1]), failures: Number(m[2]), errors: Number(m[3]) };
}

describe('attls lint --format junit counts what fails the run', () => {
  const cases: { name: string; files: Record<string, string>; argv: string[]; code: number; failures: number; errors: number }[] = [
    { name: 'a clean file', files: { '/work/a.ttls': clean }, argv: [], code: 0, failures: 0, errors: 0 },
    { name: 'a warning, by default', files: { '/work/a.ttls': warnOnly }, argv: [], code: 0, failures: 0, errors: 0 },
    { name: 'a note, with --fail-level warning', files: { '/work/a.ttls': noteOnly }, argv: ['--fail-level', 'warning'], code: 0, failures: 0, errors: 0 },
    { name: 'a note, with --max-warnings 0', files: { '/work/a.ttls': noteOnly }, argv: ['--max-warnings', '0'], code: 0, failures: 0, errors: 0 },
    { name: 'a warning, with --fail-level warning', files: { '/work/a.ttls': warnOnly }, argv: ['--fail-level', 'warning'], code: 1, failures: 1, errors: 0 },
    { name: 'a hint, with --fail-level info', files: { '/work/a.ttls': noteOnly }, argv: ['--fail-level', 'info'], code: 0, failures: 0, errors: 0 },
    { name: 'an info note, with --fail-level info', files: { '/work/a.ttls': infoOnly }, argv: ['--fail-level', 'info'], code: 1, failures: 1, errors: 0 },
    { name: 'a hint, with --fail-level hint', files: { '/work/a.ttls': noteOnly }, argv: ['--fail-level', 'hint'], code: 1, failures: 1, errors: 0 },
    { name: 'a warning, with --max-warnings 0', files: { '/work/a.ttls': warnOnly }, argv: ['--max-warnings', '0'], code: 1, failures: 1, errors: 0 },
    { name: 'a warning, with --max-warnings 1', files: { '/work/a.ttls': warnOnly }, argv: ['--max-warnings', '1'], code: 0, failures: 0, errors: 0 },
    { name: 'an error and a warning', files: { '/work/a.ttls': weak, '/work/b.ttls': warnOnly }, argv: [], code: 1, failures: 1, errors: 0 },
    { name: 'an unreadable file', files: { '/work/a.ttls': warnOnly }, argv: ['missing.ttls'], code: 2, failures: 0, errors: 1 },
  ];
  for (const c of cases) {
    it(`${c.name}: exit ${c.code}, ${c.failures} failure(s), ${c.errors} error(s)`, async () => {
      const files = Object.keys(c.files).map((f) => f.slice('/work/'.length));
      const r = await lint(c.files, ['--format', 'junit', ...c.argv, ...files]);
      assert.equal(r.code, c.code, r.err);
      const counts = junitCounts(r.out);
      assert.equal(counts.failures, c.failures, r.out);
      assert.equal(counts.errors, c.errors, r.out);
      assert.equal(counts.failures + counts.errors > 0, r.code !== 0, 'the report fails exactly when the run fails');
      assert.equal(counts.tests, (r.out.match(/<testcase /g) ?? []).length);
      assert.equal((r.out.match(/<failure /g) ?? []).length, c.failures);
      assert.equal((r.out.match(/<error /g) ?? []).length, c.errors);
    });
  }

  it('a note that fails the run by --fail-level says so in its failure', async () => {
    const r = await lint({ '/work/a.ttls': noteOnly }, ['--format', 'junit', '--fail-level', 'hint', 'a.ttls']);
    assert.match(r.out, /<failure type="keyword-case" message="hint: [^"]*">a\.ttls:\d+:\d+ hint keyword-case: [^<]* \(--fail-level hint\)<\/failure>/);
  });

  it('a finding that does not fail the run is still listed, as a passed case with its text', async () => {
    const r = await lint({ '/work/a.ttls': warnOnly }, ['--format', 'junit', 'a.ttls']);
    assert.match(r.out, /<testcase classname="a\.ttls" name="trace-too-verbose at \d+:\d+" file="a\.ttls" line="\d+">\s*<system-out>a\.ttls:\d+:\d+ warning trace-too-verbose: /);
  });

  it('an unreadable file is a test case with an error that says why', async () => {
    const r = await lint({}, ['--format', 'junit', 'missing.ttls']);
    assert.match(r.out, /<testcase classname="missing\.ttls" name="missing\.ttls" file="missing\.ttls">\s*<error type="unreadable-file" message="no such file or directory"/);
  });
});

interface SarifRun {
  invocations?: { executionSuccessful: boolean; exitCode: number; toolExecutionNotifications?: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

describe('attls lint --format sarif: invocations', () => {
  type Validate = ((data: unknown) => boolean) & { errors?: unknown };
  const Ajv = createRequire(import.meta.url)('ajv-draft-04') as new (options: object) => { compile(schema: object): Validate };
  const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(schema);

  for (const [name, files, argv, code, ok] of [
    ['a clean run', { '/work/a.ttls': clean }, ['a.ttls'], 0, true],
    ['a run that finds errors', { '/work/a.ttls': weak }, ['a.ttls'], 1, true],
    ['a run with warnings past --max-warnings', { '/work/a.ttls': warnOnly }, ['--max-warnings', '0', 'a.ttls'], 1, true],
    ['a run with an unreadable file', { '/work/a.ttls': weak }, ['a.ttls', 'missing.ttls', 'gone/b.ttls'], 2, false],
  ] as const) {
    it(`${name}: exit code ${code}, executionSuccessful ${ok}, valid against the schema`, async () => {
      const r = await lint(files, ['--format', 'sarif', ...argv]);
      assert.equal(r.code, code);
      const log = JSON.parse(r.out) as { runs: SarifRun[] };
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const [inv, ...more] = log.runs[0]!.invocations ?? [];
      assert.equal(more.length, 0);
      assert.equal(inv!.exitCode, code);
      assert.equal(inv!.executionSuccessful, ok);
      const notes = inv!.toolExecutionNotifications ?? [];
      if (code === 2) {
        assert.deepEqual(
          notes.map((n) => [n.level, n.locations[0]!.physicalLocation.artifactLocation.uri, n.message.text]),
          [
            ['error', 'missing.ttls', 'no such file or directory'],
            ['error', 'gone/b.ttls', 'no such file or directory'],
          ],
        );
      } else assert.deepEqual(notes, []);
    });
  }
});
