// Every code a user can meet is listed: the code literals in the packages' sources are rules or
// built-in codes. The codes of a whole Policy Agent configuration (missing-file, no-attls-policy,
// ...) end to end: `attls rules --all` lists them with their docs page, and `attls lint pagent.conf`
// applies the .attlslintrc.json of the main file to them (severity, off) and its directives.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '@attls/cli';
import { docsUrl } from '@attls/language';
import { BUILTIN_CODES, RULES } from '@attls/lint';
import { memoryIo } from '../support/io.js';
import { repoRoot } from '../support/shared.js';

const CHAIN_CODES = ['duplicate-config', 'ignored-statement', 'image-is-policy', 'missing-file', 'no-attls-policy'];
/** Codes of reading a file the configuration names (source 'input'), which the loader reports too. */
const INPUT_CODES = ['unreadable-file'];

/** Stack A's image file is missing; stack B's image file has no TTLSConfig. */
const SET = {
  '/sys/etc/pagent.conf': 'TcpImage TCPIPA /etc/pagent/tcpipa.image FLUSH PURGE\nTcpImage TCPIPB /etc/pagent/tcpipb.image FLUSH PURGE\n',
  '/sys/etc/pagent/tcpipb.image': 'IpSecConfig /etc/pagent/tcpipb.ipsec\n',
};

interface JsonResult {
  readonly file: string;
  readonly diagnostics: readonly { code: string; severity: string }[];
}

async function lint(files: Record<string, string>, extra: readonly string[] = []): Promise<{ code: number; found: string[]; err: string }> {
  const io = memoryIo(files);
  const code = await run(['lint', '--format', 'json', ...extra, '/sys/etc/pagent.conf'], io.io);
  const out = code === 2 ? [] : (JSON.parse(io.out()) as JsonResult[]);
  return { code, found: out.flatMap((r) => r.diagnostics.map((d) => `${d.code}:${d.severity}`)).sort(), err: io.err() };
}

/** Diagnostic codes written as literals in a source file: `code: 'x-y'` and `diag(node, 'x-y', ...)`. */
function codeLiterals(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bcode: '([a-z]+(?:-[a-z0-9]+)+)'|\bdiag\([^,()]+, '([a-z]+(?:-[a-z0-9]+)+)'/g)].map((m) => (m[1] ?? m[2])!);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('every code a user can meet is listed', () => {
  it('the code literals in packages/*/src are rule ids or built-in codes', () => {
    const known = new Set([...RULES.map((r) => r.meta.id), ...BUILTIN_CODES.map((b) => b.id)]);
    const packages = join(repoRoot, 'packages');
    const unknown: string[] = [];
    let seen = 0;
    for (const pkg of readdirSync(packages)) {
      const src = join(packages, pkg, 'src');
      if (!existsSync(src)) continue;
      for (const file of sources(src)) {
        for (const code of codeLiterals(file)) {
          seen++;
          if (!known.has(code)) unknown.push(`${file.slice(repoRoot.length + 1)}: ${code}`);
        }
      }
    }
    assert.ok(seen > 20, `only ${seen} code literals found: has the way codes are written changed?`);
    assert.deepEqual(unknown, []);
  });
});

describe('codes of a whole configuration', () => {
  it('are built-in codes that come from following a configuration, each with a docs page', () => {
    for (const id of CHAIN_CODES) {
      const b = BUILTIN_CODES.find((c) => c.id === id);
      assert.equal(b?.source, 'policy-set', id);
      assert.ok(existsSync(join(repoRoot, 'docs', 'rules', `${id}.md`)), id);
    }
  });

  it('every code the policy-set loader emits is one of them, or a code of reading a file it names', () => {
    const emitted = codeLiterals(join(repoRoot, 'packages', 'language', 'src', 'policy-set.ts'));
    assert.deepEqual([...new Set(emitted)].sort(), [...CHAIN_CODES, ...INPUT_CODES].sort());
  });

  it('attls rules --all lists them and the editor’s config-error, with their docs', async () => {
    const io = memoryIo();
    assert.equal(await run(['rules', '--all', '--format', 'json'], io.io), 0);
    const listed = JSON.parse(io.out()) as { id: string; docs: string }[];
    for (const id of [...CHAIN_CODES, 'config-error']) assert.equal(listed.find((e) => e.id === id)?.docs, docsUrl(id), id);
    const text = memoryIo();
    assert.equal(await run(['rules', '--all'], text.io), 0);
    for (const id of CHAIN_CODES) assert.match(text.out(), new RegExp(`^${id} `, 'm'));
    const plain = memoryIo();
    assert.equal(await run(['rules', '--format', 'json'], plain.io), 0);
    assert.ok(!(JSON.parse(plain.out()) as { id: string }[]).some((e) => CHAIN_CODES.includes(e.id)), 'without --all only the rules');
  });

  it('report with their default severities without a configuration', async () => {
    const r = await lint(SET);
    assert.equal(r.code, 1);
    assert.deepEqual(r.found, ['missing-file:error', 'no-attls-policy:warning']);
  });

  it("take the severity set in the main file's .attlslintrc.json", async () => {
    const r = await lint({ ...SET, '/sys/etc/.attlslintrc.json': JSON.stringify({ rules: { 'missing-file': 'warning', 'no-attls-policy': 'error' } }) });
    assert.deepEqual(r.found, ['missing-file:warning', 'no-attls-policy:error']);
    assert.equal(r.code, 1, 'no-attls-policy is an error now');
  });

  it('can be turned off, and the run then passes', async () => {
    const r = await lint({ ...SET, '/sys/.attlslintrc.json': JSON.stringify({ rules: { 'missing-file': 'off', 'no-attls-policy': 'off' } }) });
    assert.deepEqual(r.found, []);
    assert.equal(r.code, 0);
  });

  it('take the severity from --config as well', async () => {
    const r = await lint({ ...SET, '/cfg/strict.json': JSON.stringify({ rules: { 'no-attls-policy': 'off' } }) }, ['--config', '/cfg/strict.json']);
    assert.deepEqual(r.found, ['missing-file:error']);
  });

  it('the severity applies in the image file too, where ignored-statement and duplicate-config land', async () => {
    const files = {
      '/sys/etc/pagent.conf': 'TcpImage TCPIPA /etc/pagent/tcpipa.image FLUSH PURGE\n',
      '/sys/etc/pagent/tcpipa.image': 'TTLSConfig /etc/pagent/old.ttls\nTTLSConfig /etc/pagent/a.ttls\nTcpImage TCPIPB /etc/pagent/b.image\n',
      '/sys/etc/pagent/a.ttls': 'TTLSRule r\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef g\n}\nTTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n',
    };
    assert.deepEqual((await lint(files)).found, ['duplicate-config:error', 'ignored-statement:error']);
    const configured = await lint({ ...files, '/sys/etc/.attlslintrc.json': JSON.stringify({ rules: { 'ignored-statement': 'info', 'duplicate-config': 'off' } }) });
    assert.deepEqual(configured.found, ['ignored-statement:info']);
    assert.equal(configured.code, 0);
  });

  it('are suppressed by a directive in the main file', async () => {
    const r = await lint({ ...SET, '/sys/etc/pagent.conf': `# attls-lint-disable missing-file -- stack A is not copied here\n${SET['/sys/etc/pagent.conf']}` }, ['--report-unused-disable']);
    assert.deepEqual(r.found, ['no-attls-policy:warning']);
  });

  it('config-error and syntax-* cannot be configured', async () => {
    for (const [id, reason] of [
      ['config-error', /"config-error" cannot be configured: it reports that a configuration cannot be used/],
      ['syntax-unclosed-brace', /"syntax-unclosed-brace" cannot be configured: Policy Agent rejects a file with a syntax error/],
    ] as const) {
      const r = await lint({ ...SET, '/sys/etc/.attlslintrc.json': JSON.stringify({ rules: { [id]: 'off' } }) });
      assert.equal(r.code, 2, id);
      assert.match(r.err, reason);
    }
  });
});
