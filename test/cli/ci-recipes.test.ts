// The CI recipes of docs/ci.md, read out of the page and run word for word: every shell line of
// the GitHub Actions, GitLab CI and Jenkins recipes runs with `sh` in a folder laid out like a
// policy repository, with the packed CLI and no registry; the reports they write are checked
// against what the CI server reads, and the file each recipe writes is the file it hands over.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { policy } from '../support/policies.js';
import { repoRoot } from '../support/shared.js';

const page = readFileSync(join(repoRoot, 'docs', 'ci.md'), 'utf8');

/** The fenced block of docs/ci.md whose first line names the file it is. */
function recipe(firstLine: string): string {
  for (const m of page.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)) if (m[1]!.startsWith(`${firstLine}\n`)) return m[1]!;
  throw new Error(`docs/ci.md has no block starting with ${firstLine}`);
}

/** The file a shell line writes with `> file`. */
function written(line: string): string {
  const m = / > (\S+)/.exec(line);
  assert.ok(m, `no report file in: ${line}`);
  return m[1]!;
}

interface Recipe {
  readonly name: string;
  /** The shell lines, in order. */
  readonly lines: readonly string[];
  /** The report file the CI server is given. */
  readonly report: string;
}

const github = ((): Recipe => {
  const wf = parseYaml(recipe('# .github/workflows/attls.yml')) as { permissions: Record<string, string>; jobs: { attls: { steps: { run?: string; uses?: string; if?: string; with?: Record<string, string> }[] } } };
  const steps = wf.jobs.attls.steps;
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'the workflow uploads SARIF');
  assert.equal(wf.permissions['security-events'], 'write');
  assert.match(upload.if ?? '', /!cancelled\(\)|always\(\)/, 'the upload runs after a failed lint step');
  return { name: 'GitHub Actions', lines: steps.flatMap((s) => (s.run ? [s.run.trim()] : [])), report: upload.with!['sarif_file']! };
})();

const gitlab = ((): Recipe => {
  const ci = parseYaml(recipe('# .gitlab-ci.yml')) as { attls: { script: string[]; artifacts: { when: string; reports: { codequality: string } } } };
  assert.equal(ci.attls.artifacts.when, 'always', 'the report of a failing job is kept');
  return { name: 'GitLab CI', lines: ci.attls.script, report: ci.attls.artifacts.reports.codequality };
})();

const jenkins = ((): Recipe => {
  const text = recipe('// Jenkinsfile');
  const lines = [...text.matchAll(/^\s*sh '([^']*)'$/gm)].map((m) => m[1]!);
  const junit = /post \{\s*always \{\s*junit '([^']+)'/.exec(text);
  assert.ok(junit, 'the JUnit report is read in post/always');
  return { name: 'Jenkins', lines, report: junit[1]! };
})();

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as new (options: object) => { compile(schema: object): Validate };
const sarifSchema = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

const WITH_ERRORS = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');
const CLEAN = policy();

describe('docs/ci.md: the recipes, run as written', function () {
  this.timeout(120_000);
  let dir: string;
  let tarball: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'attls-ci-'));
    const npmCli = process.env['npm_execpath'];
    const [cmd, pre] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
    const out = execFileSync(cmd, [...pre, 'pack', '--workspace', 'packages/cli', '--pack-destination', dir, '--ignore-scripts', '--json'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tarball = join(dir, (JSON.parse(out) as { filename: string }[])[0]!.filename);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A policy repository with the packed CLI in tools/; runs the install line once. */
  function checkout(r: Recipe): { root: string; run: (line: string) => number } {
    const root = join(dir, r.name.replace(/\W+/g, '-'));
    mkdirSync(join(root, 'tools'), { recursive: true });
    copyFileSync(tarball, join(root, 'tools', tarball.slice(dir.length + 1)));
    // No registry and an empty cache: a line that needs the network fails.
    const env = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: join(root, '.npm-cache'), npm_config_update_notifier: 'false' };
    const run = (line: string): number => {
      return spawnSync('sh', ['-e', '-c', line], { cwd: root, env, encoding: 'utf8' }).status ?? -1;
    };
    return { root, run };
  }

  /** Fills policies/ with these files (and nothing else). */
  function policies(root: string, files: Record<string, string | Uint8Array>): void {
    rmSync(join(root, 'policies'), { recursive: true, force: true });
    mkdirSync(join(root, 'policies'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'policies', name), text);
  }

  for (const r of [github, gitlab, jenkins]) {
    it(`${r.name}: two lines, an install and a lint that writes the report handed over`, () => {
      assert.equal(r.lines.length, 2, r.lines.join('\n'));
      assert.match(r.lines[0]!, /^npm install --no-save --offline .*\.\/tools\/attls-cli-\*\.tgz$/);
      assert.match(r.lines[1]!, /^npx attls lint --format \w+ policies\/ > /);
      assert.equal(written(r.lines[1]!), r.report);
    });
  }

  it('GitHub Actions: SARIF for code scanning, valid against the schema, exit 1 on errors and 0 when clean', () => {
    const { root, run } = checkout(github);
    assert.equal(run(github.lines[0]!), 0, 'install');
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(sarifSchema);
    for (const [files, code] of [[{ 'sysa-attls.ttls': WITH_ERRORS }, 1], [{ 'clean.ttls': CLEAN }, 0]] as const) {
      policies(root, files);
      assert.equal(run(github.lines[1]!), code);
      const log = JSON.parse(readFileSync(join(root, github.report), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]; invocations: { exitCode: number }[] }[] };
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      assert.equal(log.runs[0]!.invocations[0]!.exitCode, code);
      for (const res of log.runs[0]!.results) assert.equal(res.locations[0]!.physicalLocation.artifactLocation.uri, 'policies/sysa-attls.ttls');
      assert.equal(log.runs[0]!.results.length > 0, code === 1);
    }
  });

  it('GitLab CI: a code quality report with paths inside the repository, exit 1 on errors and 0 when clean', () => {
    const { root, run } = checkout(gitlab);
    assert.equal(run(gitlab.lines[0]!), 0, 'install');
    for (const [files, code] of [[{ 'sysa-attls.ttls': WITH_ERRORS }, 1], [{ 'clean.ttls': CLEAN }, 0]] as const) {
      policies(root, files);
      assert.equal(run(gitlab.lines[1]!), code);
      const issues = JSON.parse(readFileSync(join(root, gitlab.report), 'utf8')) as { check_name: string; fingerprint: string; severity: string; description: string; location: { path: string; lines: { begin: number } } }[];
      assert.equal(issues.length > 0, code === 1);
      for (const i of issues) {
        assert.deepEqual(Object.keys(i).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
        assert.equal(i.location.path, 'policies/sysa-attls.ttls');
        assert.ok(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1);
        assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
      }
      assert.ok(issues.some((i) => i.check_name === 'weak-protocol' && i.severity === 'major') || code === 0);
    }
  });

  it('Jenkins: findings leave the step green for the JUnit report to judge; an unreadable file fails it', () => {
    const { root, run } = checkout(jenkins);
    assert.equal(run(jenkins.lines[0]!), 0, 'install');
    const counts = (): number[] => {
      const xml = readFileSync(join(root, jenkins.report), 'utf8');
      const m = /<testsuites [^>]*failures="(\d+)" errors="(\d+)"/.exec(xml);
      assert.ok(m, xml);
      return [Number(m[1]), Number(m[2])];
    };
    policies(root, { 'sysa-attls.ttls': WITH_ERRORS });
    assert.equal(run(jenkins.lines[1]!), 0, 'exit 1 is left to the report');
    assert.equal(counts()[0]! > 0, true, 'the errors are failed test cases');
    policies(root, { 'clean.ttls': CLEAN });
    assert.equal(run(jenkins.lines[1]!), 0);
    assert.deepEqual(counts(), [0, 0]);
    policies(root, { 'clean.ttls': CLEAN, 'binary.ttls': new Uint8Array([0x54, 0x00, 0x01, 0x02]) });
    assert.notEqual(run(jenkins.lines[1]!), 0, 'a file that cannot be read fails the step');
    assert.deepEqual(counts(), [0, 1], 'and is an error in the report');
  });
});
