// attls lint / attls-lint from the command line: output shapes, inputs and exit codes.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../support/memory-io.js';
import { memoryIo as cwdIo } from '../support/io.js';
import { repoRoot } from '../support/shared.js';
import { encodeIbm1047 } from '../support/ebcdic.js';

const GOOD = `TTLSRule r1
{
  LocalPortRange 443
  Direction Inbound
  TTLSGroupActionRef g1
  TTLSEnvironmentActionRef e1
}
TTLSGroupAction g1
{
  TTLSEnabled On
}
TTLSEnvironmentAction e1
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring SRV/RING
  }
  TTLSEnvironmentAdvancedParms
  {
    TLSv1 Off
    TLSv1.1 Off
    TLSv1.2 On
  }
}
`;
const BAD = GOOD.replace('TTLSEnabled On', 'TLLSEnabled On');
// TLSv1 left to its default, On up to z/OS 3.1: a warning, not an error.
const WARN_ONLY = GOOD.replace('    TLSv1 Off\n', '');

describe('cli: attls lint', () => {
  it('exits 0 and says so when a file is clean', async () => {
    const io = memoryIo({ '/p/good.ttls': GOOD });
    assert.equal(await run(['lint', '/p/good.ttls'], io), 0);
    assert.match(io.out(), /No problems found in 1 file/);
  });

  it('exits 1 on errors and reports position, message and code', async () => {
    const io = memoryIo({ '/p/bad.ttls': BAD });
    assert.equal(await run(['lint', '/p/bad.ttls'], io), 1);
    assert.match(io.out(), /^\/p\/bad\.ttls\n {2}8:17 +error +TTLSGroupAction 'g1' has no TTLSEnabled.* missing-required\n/);
    assert.match(io.out(), /\n {2}10:3 +error +Unknown parameter 'TLLSEnabled' in TTLSGroupAction; did you mean 'TTLSEnabled'\?.* unknown-parameter\n/);
    assert.match(io.out(), /2 problems \(2 errors, 0 warnings\)/);
  });

  it('exits 0 when there are only warnings', async () => {
    const io = memoryIo({ '/p/w.ttls': WARN_ONLY });
    assert.equal(await run(['lint', '/p/w.ttls'], io), 0);
    assert.match(io.out(), /1 problem \(0 errors, 1 warning\)/);
  });

  it('prints the stable JSON shape with 0-based LSP positions', async () => {
    const io = memoryIo({ '/p/bad.ttls': BAD });
    assert.equal(await run(['lint', '--format', 'json', '/p/bad.ttls'], io), 1);
    const json = JSON.parse(io.out());
    assert.equal(json.length, 1);
    assert.equal(json[0].file, '/p/bad.ttls');
    const d = json[0].diagnostics.find((x: { code: string }) => x.code === 'unknown-parameter');
    assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity']);
    assert.deepEqual(d.range, { start: { line: 9, character: 2 }, end: { line: 9, character: 13 } });
    assert.equal(d.severity, 'error');
  });

  it('counts no column for a byte-order mark, as editors show the file', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('ttlsrule r1\n{\n  LocalPortRange 443\n}\n')]);
    const io = memoryIo({ '/p/bom.ttls': bytes });
    await run(['lint', '--format', 'json', '/p/bom.ttls'], io);
    const d = JSON.parse(io.out())[0].diagnostics.find((x: { code: string }) => x.code === 'keyword-case');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    // Compact output is 1-based: column 1.
    const compact = memoryIo({ '/p/bom.ttls': bytes });
    await run(['lint', '--format', 'compact', '/p/bom.ttls'], compact);
    assert.match(compact.out(), /bom\.ttls:1:1: \w+ keyword-case/);
  });

  it('includes related locations in JSON', async () => {
    const text = GOOD + 'TTLSGroupAction g1\n{\n  TTLSEnabled Off\n}\n';
    const io = memoryIo({ '/p/dup.ttls': text });
    await run(['lint', '--format', 'json', '/p/dup.ttls'], io);
    const d = JSON.parse(io.out())[0].diagnostics.find((x: { code: string }) => x.code === 'duplicate-definition');
    assert.deepEqual(d.related, [{ message: 'The definition Policy Agent uses', file: '/p/dup.ttls', range: { start: { line: 25, character: 16 }, end: { line: 25, character: 18 } } }]);
  });

  it('walks folders for policy files and skips other files', async () => {
    const io = memoryIo({
      '/p/a.ttls': GOOD,
      '/p/sub/b.conf': BAD,
      '/p/sub/readme.md': 'not a policy {',
      '/p/sub/MEMBER1': '# copied from a data set\nTTLSRule r\n{\n}\n',
      '/p/sub/notes': 'just some notes',
      '/p/.git/config': '[core]',
    });
    assert.equal(await run(['lint', '--format', 'json', '/p'], io), 1);
    const files = JSON.parse(io.out()).map((r: { file: string }) => r.file);
    assert.deepEqual(files, ['/p/a.ttls', '/p/sub/MEMBER1', '/p/sub/b.conf']);
  });

  it('reads standard input for -', async () => {
    const io = memoryIo({}, { stdin: BAD });
    assert.equal(await run(['lint', '--stdin-filename', 'from-pipe.ttls', '-'], io), 1);
    assert.match(io.out(), /^from-pipe\.ttls\n/);
  });

  it('exits 2 with one line for a missing file, after linting the other files', async () => {
    const io = memoryIo({ '/p/bad.ttls': BAD });
    assert.equal(await run(['lint', '/p/missing.ttls', '/p/bad.ttls'], io), 2);
    assert.equal(io.err(), 'attls: /p/missing.ttls: no such file or directory\n');
    assert.match(io.out(), /unknown-parameter/);
  });

  it('exits 2 with one line on a bad option or value', async () => {
    for (const argv of [['lint', '--bogus', 'x'], ['lint', '--format', 'xml', 'x'], ['lint', '--target-release', '1.13', 'x']]) {
      const io = memoryIo({ x: GOOD });
      assert.equal(await run(argv, io), 2, argv.join(' '));
      assert.equal(io.err().split('\n').length, 2, io.err());
      assert.match(io.err(), /^attls: /);
    }
  });

  describe('with no files or folders: the current folder, as a folder argument', () => {
    // This Io resolves relative paths against its cwd, as the real one does.
    it('lints the policy files found there, by the folder rules, with paths relative to it', async () => {
      const m = cwdIo({ '/work/a.ttls': BAD, '/work/sub/b.conf': GOOD, '/work/notes.txt': 'x', '/work/.git/x.ttls': BAD }, { cwd: '/work' });
      assert.equal(await run(['lint', '--format', 'json'], m.io), 1);
      assert.equal(m.err(), '');
      assert.deepEqual(JSON.parse(m.out()).map((r: { file: string }) => r.file), ['a.ttls', 'sub/b.conf']);
    });
    it('attls-lint alone does the same', async () => {
      const m = cwdIo({ '/work/a.ttls': GOOD }, { cwd: '/work' });
      assert.equal(await run(['--format', 'compact'], m.io, 'attls-lint'), 0);
    });
    it('exits 2 with one line when nothing lintable is there', async () => {
      const m = cwdIo({ '/work/readme.md': 'x' }, { cwd: '/work' });
      assert.equal(await run(['lint'], m.io), 2);
      assert.equal(m.err(), 'attls: .: no policy files found in the current folder; give files or folders to lint, or - for standard input\n');
    });
    it('the real command in a real folder', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'attls-here-'));
      try {
        writeFileSync(join(dir, 'p.ttls'), BAD);
        const r = spawnSync(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'attls.js'), 'lint', '--format', 'compact'], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 1, r.stderr);
        assert.match(r.stdout, /^p\.ttls:10:3: error unknown-parameter /m);
        mkdirSync(join(dir, 'empty'));
        const empty = spawnSync(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'attls.js'), 'lint'], { cwd: join(dir, 'empty'), encoding: 'utf8' });
        assert.equal(empty.status, 2);
        assert.equal(empty.stderr, 'attls: .: no policy files found in the current folder; give files or folders to lint, or - for standard input\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('exits 2 for a folder with no policy files', async () => {
    const io = memoryIo({ '/p/readme.md': 'x' });
    assert.equal(await run(['lint', '/p'], io), 2);
    assert.equal(io.err(), 'attls: /p: no policy files found in this folder\n');
  });

  it('attls-lint is attls lint', async () => {
    const a = memoryIo({ '/p/bad.ttls': BAD });
    const b = memoryIo({ '/p/bad.ttls': BAD });
    assert.equal(await run(['/p/bad.ttls'], a, 'attls-lint'), await run(['lint', '/p/bad.ttls'], b));
    assert.equal(a.out(), b.out());
  });

  it('colours output on a terminal unless NO_COLOR is set', async () => {
    const tty = memoryIo({ '/p/bad.ttls': BAD }, { tty: true });
    await run(['lint', '/p/bad.ttls'], tty);
    assert.match(tty.out(), /\u001b\[31m/);
    const nocolor = memoryIo({ '/p/bad.ttls': BAD }, { tty: true, env: { NO_COLOR: '1' } });
    await run(['lint', '/p/bad.ttls'], nocolor);
    assert.doesNotMatch(nocolor.out(), /\u001b\[/);
  });

  it('applies the target release', async () => {
    const text = GOOD.replace('    Keyring SRV/RING\n  }', '    Keyring SRV/RING\n  }\n  TTLSGskAdvancedParms\n  {\n    CrlSigAlgPairs 0401\n  }');
    const old = memoryIo({ '/p/r.ttls': text });
    await run(['lint', '--format', 'json', '--target-release', '3.1', '/p/r.ttls'], old);
    assert.ok(JSON.parse(old.out())[0].diagnostics.some((d: { code: string }) => d.code === 'release-mismatch'));
    const current = memoryIo({ '/p/r.ttls': text });
    await run(['lint', '--format', 'json', '--target-release', '3.2', '/p/r.ttls'], current);
    assert.ok(!JSON.parse(current.out())[0].diagnostics.some((d: { code: string }) => d.code === 'release-mismatch'));
  });

  it('reads a policy copied from z/OS in binary (IBM-1047)', async () => {
    const io = memoryIo({ '/p/MEMBER': encodeIbm1047(BAD) });
    assert.equal(await run(['lint', '--format', 'json', '/p/MEMBER'], io), 1);
    const codes = JSON.parse(io.out())[0].diagnostics.map((d: { code: string }) => d.code);
    assert.deepEqual(codes, ['missing-required', 'unknown-parameter']);
  });

  it('prints help and version', async () => {
    const io = memoryIo();
    assert.equal(await run(['lint', '--help'], io), 0);
    assert.match(io.out(), /Usage: attls lint/);
    const v = memoryIo();
    assert.equal(await run(['--version'], v), 0);
    assert.match(v.out(), /^\d+\.\d+\.\d+\n$/);
    const u = memoryIo();
    assert.equal(await run(['frobnicate'], u), 2);
    assert.match(u.err(), /unknown command 'frobnicate'/);
  });
});
