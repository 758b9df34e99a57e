// The CLI on inputs that go wrong: unreadable files, folders, binary files, empty files, standard
// input, files that disappear mid-run, devices, failed writes. Each gives one clear line on
// standard error and the documented exit status (2 for unusable input), and every other file is
// still linted or formatted. Mostly through the in-memory Io (the CI runs as root, where chmod
// cannot make a file unreadable), plus a few runs against the real file system.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '@attls/cli';
import { nodeIo, type Io } from '@attls/cli/io';
import { memoryIo, type MemoryIo } from '../support/memory-io.js';

const GOOD = `TTLSRule r1
{
  LocalPortRange 443
  Direction Inbound
  TTLSGroupActionRef g1
}
TTLSGroupAction g1
{
  TTLSEnabled Off
}
`;
const BAD = GOOD.replace('TTLSEnabled Off', 'TLLSEnabled Off');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);

function errno(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

/** An Io whose file operations fail for chosen paths, the way the operating system fails them. */
function failing(io: MemoryIo, failures: { read?: Record<string, string>; stat?: Record<string, string>; write?: Record<string, string>; readdir?: Record<string, string> }): MemoryIo {
  return {
    ...io,
    readFile: async (p) => {
      if (failures.read?.[p]) throw errno(failures.read[p]!, p);
      return io.readFile(p);
    },
    stat: async (p) => {
      if (failures.stat?.[p]) throw errno(failures.stat[p]!, p);
      return io.stat(p);
    },
    writeFile: async (p, t) => {
      if (failures.write?.[p]) throw errno(failures.write[p]!, p);
      return io.writeFile(p, t);
    },
    readdir: async (p) => {
      if (failures.readdir?.[p]) throw errno(failures.readdir[p]!, p);
      return io.readdir(p);
    },
  };
}

const lines = (s: string): string[] => s.split('\n').filter(Boolean);

describe('cli: robustness of inputs', () => {
  describe('attls lint', () => {
    it('an unreadable file: one line, exit 2, the other files still linted', async () => {
      const io = failing(memoryIo({ '/p/secret.ttls': GOOD, '/p/bad.ttls': BAD }), { read: { '/p/secret.ttls': 'EACCES' } });
      assert.equal(await run(['lint', '/p/secret.ttls', '/p/bad.ttls'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /p/secret.ttls: permission denied']);
      assert.match(io.out(), /\/p\/bad\.ttls[\s\S]*unknown-parameter/);
    });

    it('an unreadable folder inside a walked folder: one line, exit 2, the rest of the walk linted', async () => {
      const io = failing(memoryIo({ '/p/locked/a.ttls': GOOD, '/p/open/b.ttls': BAD }), { readdir: { '/p/locked': 'EACCES' } });
      assert.equal(await run(['lint', '/p'], io), 2);
      assert.deepEqual(lines(io.err()), ["attls: /p/locked: permission denied"]);
      assert.match(io.out(), /\/p\/open\/b\.ttls[\s\S]*unknown-parameter/);
    });

    it('a file that disappears between the folder listing and the read: one line, exit 2, the rest linted', async () => {
      const base = memoryIo({ '/p/a-gone.ttls': GOOD, '/p/b.ttls': BAD });
      // Listed by readdir, then deleted before it is opened.
      const io: MemoryIo = {
        ...base,
        stat: async (p) => {
          const s = await base.stat(p);
          if (p === '/p/a-gone.ttls') base.files.delete(p);
          return s;
        },
        readFile: (p) => base.readFile(p),
      };
      assert.equal(await run(['lint', '/p'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /p/a-gone.ttls: no such file or directory']);
      assert.match(io.out(), /\/p\/b\.ttls[\s\S]*unknown-parameter/);
    });

    it('a named file deleted before it is read, or replaced by a folder: one line each, exit 2', async () => {
      const io = failing(memoryIo({ '/p/x.ttls': GOOD, '/p/y.ttls': GOOD, '/p/ok.ttls': BAD }), { read: { '/p/x.ttls': 'ENOENT', '/p/y.ttls': 'EISDIR' } });
      assert.equal(await run(['lint', '/p/x.ttls', '/p/y.ttls', '/p/ok.ttls'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /p/x.ttls: no such file or directory', 'attls: /p/y.ttls: is a directory']);
      assert.match(io.out(), /unknown-parameter/);
    });

    it('a folder given where a file is expected is walked like any folder', async () => {
      const io = memoryIo({ '/p/policy.ttls/inner.ttls': BAD });
      assert.equal(await run(['lint', '/p/policy.ttls'], io), 1);
      assert.match(io.out(), /\/p\/policy\.ttls\/inner\.ttls/);
      assert.equal(io.err(), '');
    });

    it('a binary file: one line naming it, exit 2, nothing printed for it, the other files linted', async () => {
      const io = memoryIo({ '/p/logo.ttls': PNG, '/p/bad.ttls': BAD });
      assert.equal(await run(['lint', '--format', 'json', '/p/logo.ttls', '/p/bad.ttls'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /p/logo.ttls: it is a binary file, not a policy (a NUL byte at offset 8)']);
      const json = JSON.parse(io.out()) as { file: string }[];
      assert.deepEqual(json.map((f) => f.file), ['/p/bad.ttls']);
      assert.doesNotMatch(io.out(), /\u0000/);
    });

    it('binary files in a walked folder: reported when named like a policy, skipped silently otherwise', async () => {
      const io = memoryIo({ '/p/a.conf': PNG, '/p/core': PNG, '/p/b.ttls': GOOD });
      assert.equal(await run(['lint', '/p'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /p/a.conf: it is a binary file, not a policy (a NUL byte at offset 8)']);
    });

    it('an empty file or empty standard input: the no-rules warning, exit 0', async () => {
      for (const [argv, files, stdin] of [
        [['lint', '/p/empty.ttls'], { '/p/empty.ttls': '' }, undefined],
        [['lint', '/p/blank.ttls'], { '/p/blank.ttls': '\n  \n\t\n' }, undefined],
        [['lint', '-'], {}, ''],
      ] as const) {
        const io = memoryIo(files, { stdin });
        assert.equal(await run([...argv], io), 0, argv.join(' '));
        assert.match(io.out(), /no-rules/);
        assert.equal(io.err(), '');
      }
    });

    it('standard input: linted under its name, or one line when it is binary or cannot be read', async () => {
      let io = memoryIo({ '/p/b.ttls': BAD }, { stdin: BAD });
      assert.equal(await run(['lint', '--format', 'json', '--stdin-filename', 'piped.ttls', '-', '/p/b.ttls'], io), 1);
      assert.deepEqual((JSON.parse(io.out()) as { file: string }[]).map((f) => f.file), ['piped.ttls', '/p/b.ttls']);
      io = memoryIo({ '/p/b.ttls': BAD });
      const binary: MemoryIo = { ...io, readStdin: async () => PNG };
      assert.equal(await run(['lint', '-', '/p/b.ttls'], binary), 2);
      assert.deepEqual(lines(binary.err()), ['attls: <stdin>: it is a binary file, not a policy (a NUL byte at offset 8)']);
      assert.match(binary.out(), /unknown-parameter/);
      const broken: MemoryIo = { ...memoryIo({}), readStdin: async () => Promise.reject(errno('EIO', 'stdin')) };
      assert.equal(await run(['lint', '-'], broken), 2);
      assert.deepEqual(lines(broken.err()), ['attls: <stdin>: EIO: stdin']);
    });

    it('a device or socket named on the command line is refused rather than read forever', async () => {
      const base = memoryIo({ '/p/b.ttls': BAD });
      const io: MemoryIo = {
        ...base,
        stat: async (p) => (p === '/dev/zero' ? { isDirectory: () => false, isFile: () => false, isFIFO: () => false } : base.stat(p)),
        readFile: async (p) => (p === '/dev/zero' ? assert.fail('a device must not be read') : base.readFile(p)),
      };
      assert.equal(await run(['lint', '/dev/zero', '/p/b.ttls'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /dev/zero: not a regular file']);
      assert.match(io.out(), /unknown-parameter/);
    });

    it('a file with more findings of one code than anyone reads: the rest are counted, the output stays valid JSON', async () => {
      const io = memoryIo({ '/p/braces.ttls': `${'}'.repeat(25_000)}\n` });
      assert.equal(await run(['lint', '--format', 'json', '/p/braces.ttls'], io), 1);
      const [file] = JSON.parse(io.out()) as { diagnostics: { code: string; message: string }[] }[];
      const stray = file!.diagnostics.filter((d) => d.code === 'syntax-unexpected-brace');
      assert.equal(stray.length, 10_000);
      assert.match(stray[stray.length - 1]!.message, /\(15,000 more syntax-unexpected-brace findings in this file are not listed\.\)$/);
    });

    it('a UTF-16 file with a byte-order mark is decoded, not refused as binary', async () => {
      const utf16 = new Uint8Array([0xff, 0xfe, ...[...BAD].flatMap((c) => [c.charCodeAt(0), 0])]);
      const io = memoryIo({ '/p/win.ttls': utf16 });
      assert.equal(await run(['lint', '/p/win.ttls'], io), 1);
      assert.match(io.out(), /Unknown parameter 'TLLSEnabled'/);
      assert.equal(io.err(), '');
    });

    it('--fix that cannot write a file: one line, exit 2, the other files fixed', async () => {
      const lower = GOOD.replace('Direction Inbound', 'direction Inbound');
      const io = failing(memoryIo({ '/p/ro.ttls': lower, '/p/rw.ttls': lower }), { write: { '/p/ro.ttls': 'EROFS' } });
      assert.equal(await run(['lint', '--fix', '/p/ro.ttls', '/p/rw.ttls'], io), 2);
      assert.match(io.err(), /^attls: \/p\/ro\.ttls: cannot write it: EROFS/);
      assert.equal(lines(io.err()).length, 1);
      assert.match(String(io.files.get('/p/rw.ttls')), /^ {2}Direction Inbound$/m);
      assert.equal(io.files.get('/p/ro.ttls'), lower);
    });
  });

  describe('attls fmt', () => {
    it('never rewrites a binary file, reports it, and formats the others', async () => {
      const messy = 'TTLSGroupAction g\n{\nTTLSEnabled On\n}\n';
      const io = memoryIo({ '/p/logo.conf': PNG, '/p/a.ttls': messy });
      assert.equal(await run(['fmt', '--write', '/p'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /p/logo.conf: it is a binary file, not a policy (a NUL byte at offset 8)']);
      assert.equal(io.files.get('/p/logo.conf'), PNG);
      assert.match(String(io.files.get('/p/a.ttls')), /^ {2}TTLSEnabled +On$/m);
    });

    it('an unreadable file and an empty one: one line for the first, the empty one is already formatted', async () => {
      const io = failing(memoryIo({ '/p/locked.ttls': GOOD, '/p/empty.ttls': '' }), { read: { '/p/locked.ttls': 'EACCES' } });
      assert.equal(await run(['fmt', '--check', '/p/locked.ttls', '/p/empty.ttls'], io), 2);
      assert.deepEqual(lines(io.err()), ['attls: /p/locked.ttls: permission denied']);
      assert.equal(io.out(), '');
    });
  });

  describe('attls match', () => {
    it('an unreadable or binary policy: one line, exit 2', async () => {
      for (const [files, failures, reason] of [
        [{ '/p/a.ttls': GOOD }, { read: { '/p/a.ttls': 'EACCES' } }, 'permission denied'],
        [{ '/p/a.ttls': PNG }, {}, 'it is a binary file, not a policy (a NUL byte at offset 8)'],
      ] as const) {
        const io = failing(memoryIo(files), failures);
        assert.equal(await run(['match', '/p/a.ttls', '--direction', 'inbound', '--local-port', '443'], io), 2);
        assert.equal(lines(io.err()).length, 1, io.err());
        assert.ok(io.err().includes(reason), io.err());
      }
    });
  });

  describe('on the real file system', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'attls-robust-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const io = (): Io & { out: () => string; err: () => string } => {
      let out = '';
      let err = '';
      return { ...nodeIo(), stdout: (t) => void (out += t), stderr: (t) => void (err += t), out: () => out, err: () => err };
    };

    it('a file deleted after the folder was listed, a binary file and an empty file', async () => {
      mkdirSync(join(dir, 'p'));
      writeFileSync(join(dir, 'p', 'a-gone.ttls'), GOOD);
      writeFileSync(join(dir, 'p', 'b-bad.ttls'), BAD);
      writeFileSync(join(dir, 'p', 'c-logo.ttls'), PNG);
      writeFileSync(join(dir, 'p', 'd-empty.ttls'), '');
      const t = io();
      const real = t.stat;
      const deleting: typeof t = {
        ...t,
        stat: async (p) => {
          const s = await real(p);
          if (p.endsWith('a-gone.ttls')) unlinkSync(p);
          return s;
        },
      };
      assert.equal(await run(['lint', '--format', 'compact', join(dir, 'p')], deleting), 2);
      assert.deepEqual(lines(t.err()), [
        `attls: ${join(dir, 'p', 'a-gone.ttls')}: no such file or directory`,
        `attls: ${join(dir, 'p', 'c-logo.ttls')}: it is a binary file, not a policy (a NUL byte at offset 8)`,
      ]);
      assert.match(t.out(), /b-bad\.ttls:\d+:\d+: error unknown-parameter/);
      assert.match(t.out(), /d-empty\.ttls:1:1: warning no-rules/);
    });

    it('a directory and a missing path next to a good file', async () => {
      mkdirSync(join(dir, 'empty-folder'));
      writeFileSync(join(dir, 'bad.ttls'), BAD);
      const t = io();
      assert.equal(await run(['lint', join(dir, 'empty-folder'), join(dir, 'nope.ttls'), join(dir, 'bad.ttls')], t), 2);
      assert.deepEqual(lines(t.err()), [`attls: ${join(dir, 'empty-folder')}: no policy files found in this folder`, `attls: ${join(dir, 'nope.ttls')}: no such file or directory`]);
      assert.match(t.out(), /unknown-parameter/);
      assert.equal(readFileSync(join(dir, 'bad.ttls'), 'utf8'), BAD);
    });
  });
});
