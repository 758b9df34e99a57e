// How files get into `attls`: files a configuration names stay inside --root and get the refusals
// a file named on the command line gets; members come in as z/OS gives them (fixed records without
// line ends, sequence numbers, IBM-1047, a STDENV member naming the main file) and are written back
// the same way; a folder that holds a main configuration is linted through it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '@attls/cli';
import { nodeIo, type Io } from '@attls/cli/io';
import { decodeIbm1047 } from '@attls/language';
import { encodeIbm1047 } from '../support/ebcdic.js';
import { memoryIo, type MemoryIo } from '../support/memory-io.js';
import { numbered, records } from '../support/zos.js';

interface Finding {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
}
interface FileResult {
  file: string;
  diagnostics: Finding[];
}

const json = (io: { out: () => string }): FileResult[] => JSON.parse(io.out()) as FileResult[];
const codesIn = (results: FileResult[], file: string): string[] => (results.find((r) => r.file === file)?.diagnostics ?? []).map((d) => d.code);

/** Records every path the CLI reads. */
function counting(io: MemoryIo): MemoryIo & { reads: string[] } {
  const reads: string[] = [];
  return {
    ...io,
    reads,
    readFile: async (p) => {
      reads.push(p);
      return io.readFile(p);
    },
  };
}

const POLICY = [
  '# SYS1.TCPPARMS(TTLS), as ISPF keeps it',
  'TTLSRule r1',
  '{',
  '  LocalPortRange 443',
  '  Direction Inbound',
  '  TTLSGroupActionRef g1',
  '}',
  'TTLSGroupAction g1',
  '{',
  '  TLLSEnabled Off',
  '}',
];

describe('cli: files a configuration names stay inside --root', () => {
  const secret = 'root:x:0:0:root:/root:/bin/bash\nTTLSRule leaked\n';

  it("a TTLSConfig that climbs out with '..' is looked up under the root, as z/OS resolves it", async () => {
    for (const [main, image] of [
      ['TcpImage TCPIP /etc/pagent/tcpip.image\n', 'TTLSConfig /../../../../etc/passwd\n'],
      ['TTLSConfig /../../../../etc/passwd\n', undefined],
    ] as const) {
      const io = counting(memoryIo({ '/copy/etc/pagent.conf': main, ...(image ? { '/copy/etc/pagent/tcpip.image': image } : {}), '/etc/passwd': secret }));
      await run(['lint', '--format', 'json', '--root', '/copy', '/copy/etc/pagent.conf'], io);
      assert.ok(!io.reads.includes('/etc/passwd'), io.reads.join(', '));
      assert.ok(!io.out().includes('root:x') && !io.out().includes('leaked'), io.out());
      const out = json(io);
      const missing = out.flatMap((r) => r.diagnostics).find((d) => d.code === 'missing-file')!;
      assert.match(missing.message, /looked at \/copy\/etc\/passwd/);
    }
  });

  it('a device, a binary file and a file too large are refused on the line that names them, without reading them', async () => {
    const base = memoryIo({
      '/copy/etc/pagent.conf': 'TcpImage A /etc/a.image\nTcpImage B /etc/b.image\nTcpImage C /etc/c.image\n',
      '/copy/etc/a.image': 'TTLSConfig /dev/zero\n',
      '/copy/dev/zero': '',
      '/copy/etc/b.image': 'TTLSConfig /etc/logo.ttls\n',
      '/copy/etc/logo.ttls': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      '/copy/etc/c.image': 'TTLSConfig /etc/huge.ttls\n',
      '/copy/etc/huge.ttls': 'TTLSRule r\n{\n}\n',
    });
    const io: MemoryIo = {
      ...base,
      stat: async (p) => {
        if (p === '/copy/dev/zero') return { isDirectory: () => false, isFile: () => false, isFIFO: () => false };
        if (p === '/copy/etc/huge.ttls') return { isDirectory: () => false, isFile: () => true, size: 3_000_000_000 };
        return base.stat(p);
      },
      readFile: async (p) => (p === '/copy/dev/zero' || p === '/copy/etc/huge.ttls' ? assert.fail(`${p} must not be read`) : base.readFile(p)),
    };
    assert.equal(await run(['lint', '--format', 'json', '--root', '/copy', '/copy/etc/pagent.conf'], io), 1);
    assert.equal(io.err(), '');
    const refused = json(io).flatMap((r) => r.diagnostics.filter((d) => d.code === 'unreadable-file').map((d) => `${r.file}:${d.range.start.line}: ${d.message}`));
    assert.deepEqual(refused, [
      '/copy/etc/a.image:0: /dev/zero is not read: /copy/dev/zero: not a regular file.',
      '/copy/etc/b.image:0: /etc/logo.ttls is not read: /copy/etc/logo.ttls: it is a binary file, not a policy (a NUL byte at offset 8).',
      '/copy/etc/c.image:0: /etc/huge.ttls is not read: /copy/etc/huge.ttls: it is 2861 MiB, larger than the 64 MiB a policy file may be.',
    ]);
  });

  it('a file too large named on the command line gets the same reason, as one line, without being read', async () => {
    const base = memoryIo({ '/p/huge.ttls': 'TTLSRule r\n{\n}\n', '/p/b.ttls': 'TTLSRule r\n{\n  TLLSEnabled On\n}\n' });
    const io: MemoryIo = {
      ...base,
      stat: async (p) => (p === '/p/huge.ttls' ? { isDirectory: () => false, isFile: () => true, size: 3_000_000_000 } : base.stat(p)),
      readFile: async (p) => (p === '/p/huge.ttls' ? assert.fail('a file too large must not be read') : base.readFile(p)),
    };
    assert.equal(await run(['lint', '/p/huge.ttls', '/p/b.ttls'], io), 2);
    assert.deepEqual(io.err().split('\n').filter(Boolean), ['attls: /p/huge.ttls: it is 2861 MiB, larger than the 64 MiB a policy file may be']);
    assert.match(io.out(), /unknown-parameter/);
  });

  it('the refusal can be configured like any built-in code', async () => {
    const io = memoryIo({
      '/copy/.attlslintrc.json': JSON.stringify({ rules: { 'unreadable-file': 'warning' } }),
      '/copy/etc/pagent.conf': 'TTLSConfig /etc/logo.ttls\n',
      '/copy/etc/logo.ttls': new Uint8Array([0, 1, 2]),
    });
    assert.equal(await run(['lint', '--format', 'json', '--root', '/copy', '/copy/etc/pagent.conf'], io), 0, io.out() + io.err());
    assert.deepEqual(json(io)[0]!.diagnostics.map((d) => `${d.code}:${d.severity}`), ['unreadable-file:warning']);
  });

  it('10,000 TcpImage lines naming one image file: every file is read once', async () => {
    const stacks = Array.from({ length: 10_000 }, (_, i) => `TcpImage TCP${i} /etc/tcpip.image\n`).join('');
    const io = counting(
      memoryIo({
        '/copy/etc/pagent.conf': `CommonTTLSConfig /etc/common.ttls\n${stacks}`,
        '/copy/etc/tcpip.image': 'TTLSConfig /etc/stack.ttls\n',
        '/copy/etc/common.ttls': 'TTLSGroupAction g1\n{\n  TTLSEnabled Off\n}\nTTLSGroupAction unused\n{\n  TTLSEnabled Off\n}\n',
        '/copy/etc/stack.ttls': 'TTLSRule r1\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef g1\n}\n',
      }),
    );
    assert.equal(await run(['lint', '--format', 'json', '--root', '/copy', '/copy/etc/pagent.conf'], io), 0, io.err());
    const counts = new Map<string, number>();
    for (const p of io.reads) counts.set(p, (counts.get(p) ?? 0) + 1);
    assert.deepEqual([...counts.values()].filter((n) => n > 1), [], JSON.stringify([...counts]));
    // The common file's finding once, holding for every stack (no list of 10,000 names).
    const common = json(io).find((r) => r.file === '/copy/etc/common.ttls')!;
    assert.deepEqual(common.diagnostics.map((d) => d.code), ['unused-definition']);
    assert.ok(!common.diagnostics[0]!.message.includes('(for stack'));
  });

  describe('on the real file system', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'attls-inputs-'));
      mkdirSync(join(dir, 'root', 'etc', 'pagent'), { recursive: true });
      mkdirSync(join(dir, 'outside'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const io = (): Io & { out: () => string; err: () => string } => {
      let out = '';
      let err = '';
      return { ...nodeIo(), stdout: (t) => void (out += t), stderr: (t) => void (err += t), out: () => out, err: () => err };
    };

    it('a symbolic link inside the root that leads out of it is not followed', async () => {
      writeFileSync(join(dir, 'outside', 'secret.ttls'), 'TTLSRule leaked\n{\n  TLLSSecret yes\n}\n');
      symlinkSync(join(dir, 'outside', 'secret.ttls'), join(dir, 'root', 'etc', 'pagent', 'tcpip.ttls'));
      writeFileSync(join(dir, 'root', 'etc', 'pagent.conf'), 'TTLSConfig /etc/pagent/tcpip.ttls\n');
      const t = io();
      assert.equal(await run(['lint', '--format', 'json', '--root', join(dir, 'root'), join(dir, 'root', 'etc', 'pagent.conf')], t), 1);
      assert.ok(!t.out().includes('TLLSSecret') && !t.out().includes('leaked'), t.out());
      const [main, ...others] = json(t);
      assert.deepEqual(others, []);
      assert.deepEqual(main!.diagnostics.map((d) => d.code), ['unreadable-file']);
      assert.match(main!.diagnostics[0]!.message, /leads to .*outside.*secret\.ttls, outside .*root/);
    });

    it('a named pipe (FIFO) a configuration names is refused rather than waited on', async function () {
      this.timeout(10_000);
      execFileSync('mkfifo', [join(dir, 'root', 'etc', 'pagent', 'tcpip.ttls')]);
      writeFileSync(join(dir, 'root', 'etc', 'pagent.conf'), 'TTLSConfig /etc/pagent/tcpip.ttls\n');
      const t = io();
      assert.equal(await run(['lint', '--format', 'compact', '--root', join(dir, 'root'), join(dir, 'root', 'etc', 'pagent.conf')], t), 1);
      assert.match(t.out(), /pagent\.conf:1:12: error unreadable-file .*tcpip\.ttls: not a regular file/);
    });

    it('/dev/zero named by a configuration, with / as the root, is refused', async function () {
      this.timeout(10_000);
      writeFileSync(join(dir, 'root', 'pagent.conf'), 'TTLSConfig /dev/zero\n');
      const t = io();
      assert.equal(await run(['lint', '--format', 'compact', '--root', '/', join(dir, 'root', 'pagent.conf')], t), 1);
      assert.match(t.out(), /error unreadable-file \/dev\/zero is not read: \/dev\/zero: not a regular file/);
    });

    it('a symbolic link loop in a folder is said once, and the files are linted once', async () => {
      mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
      writeFileSync(join(dir, 'tree', 'sub', 'a.ttls'), 'TTLSRule r\n{\n}\n');
      symlinkSync(join(dir, 'tree'), join(dir, 'tree', 'sub', 'loop'));
      const t = io();
      await run(['lint', '--format', 'json', join(dir, 'tree')], t);
      assert.deepEqual(json(t).map((r) => r.file), [join(dir, 'tree', 'sub', 'a.ttls')]);
      assert.deepEqual(t.err().split('\n').filter(Boolean), [`attls: ${join(dir, 'tree', 'sub', 'loop')}: a symbolic link loop (it leads back to ${join(dir, 'tree')}); not followed`]);
    });
  });
});

describe('cli: z/OS data as it comes', () => {
  it('a binary download of an 80-byte-record member (IBM-1047, no line ends) that starts with a comment', async () => {
    const io = memoryIo({ '/p/TTLS': encodeIbm1047(records(POLICY, 80)) });
    assert.equal(await run(['lint', '--format', 'compact', '/p/TTLS'], io), 1);
    assert.match(io.out(), /^\/p\/TTLS:10:3: error unknown-parameter /m);
  });

  it('--record-length gives other record lengths', async () => {
    const bytes = encodeIbm1047(records(POLICY, 120));
    const io = memoryIo({ '/p/TTLS': bytes });
    assert.equal(await run(['lint', '--format', 'compact', '--record-length', '120', '/p/TTLS'], io), 1);
    assert.match(io.out(), /^\/p\/TTLS:10:3: error unknown-parameter /m);
    const bad = memoryIo({ '/p/TTLS': bytes });
    assert.equal(await run(['lint', '--record-length', '0', '/p/TTLS'], bad), 2);
    assert.match(bad.err(), /--record-length' needs a record length from 1 to 32760/);
  });

  it('sequence numbers in columns 73-80 are ignored, and said once', async () => {
    const io = memoryIo({ '/p/ttls.policy': numbered(POLICY).join('\n') + '\n' });
    assert.equal(await run(['lint', '--format', 'json', '/p/ttls.policy'], io), 1);
    const ds = json(io)[0]!.diagnostics;
    assert.deepEqual(ds.map((d) => d.code).sort(), ['missing-required', 'sequence-numbers', 'unknown-parameter']);
    const note = ds.find((d) => d.code === 'sequence-numbers')!;
    assert.equal(note.severity, 'warning');
    assert.deepEqual(note.range.start, { line: 0, character: 72 });
    assert.deepEqual(ds.find((d) => d.code === 'unknown-parameter')!.range.start, { line: 9, character: 2 });
  });

  it("follows a PAGENT STDENV member's PAGENT_CONFIG_FILE to the main configuration", async () => {
    const files = {
      '/r/USER.TCPPARMS/PAGENTEN': "PAGENT_CONFIG_FILE=//'USER.TCPPARMS(PAGENTCF)'\nLIBPATH=/usr/lib\n",
      '/r/USER.TCPPARMS/PAGENTCF': "tcpImage TCPIP   //'USER.TCPPARMS(PAGENTT)'\n",
      '/r/USER.TCPPARMS/PAGENTT': "TTLSConfig //'USER.TCPPARMS(PAGENTZ)' FLUSH PURGE\n",
      '/r/USER.TCPPARMS/PAGENTZ': POLICY.join('\n') + '\n',
    };
    const io = memoryIo(files);
    assert.equal(await run(['lint', '--format', 'json', '--root', '/r', '/r/USER.TCPPARMS/PAGENTEN'], io), 1);
    const out = json(io);
    assert.deepEqual(out.map((r) => r.file), ['/r/USER.TCPPARMS/PAGENTEN', '/r/USER.TCPPARMS/PAGENTCF', '/r/USER.TCPPARMS/PAGENTT', '/r/USER.TCPPARMS/PAGENTZ']);
    assert.deepEqual(codesIn(out, '/r/USER.TCPPARMS/PAGENTEN'), []);
    assert.deepEqual(codesIn(out, '/r/USER.TCPPARMS/PAGENTZ'), ['missing-required', 'unknown-parameter']);
    // A z/OS UNIX path works too, and a member that is not there is said on the line naming it.
    const unix = memoryIo({ '/r/etc/pagent.env': 'PAGENT_CONFIG_FILE=/etc/pagent.conf\n', '/r/etc/pagent.conf': "TcpImage TCPIP //'USER.TCPPARMS(PAGENTT)'\n", ...files });
    await run(['lint', '--format', 'json', '--root', '/r', '/r/etc/pagent.env'], unix);
    assert.deepEqual(codesIn(json(unix), '/r/USER.TCPPARMS/PAGENTZ'), ['missing-required', 'unknown-parameter']);
    const gone = memoryIo({ '/r/PAGENTEN': "PAGENT_CONFIG_FILE=//'USER.TCPPARMS(NONE)'\n" });
    assert.equal(await run(['lint', '--format', 'compact', '--root', '/r', '/r/PAGENTEN'], gone), 1);
    assert.match(gone.out(), /^\/r\/PAGENTEN:1:20: error missing-file No local copy of \/\/'USER\.TCPPARMS\(NONE\)'/m);
  });
});

describe('cli: writing files back as they were stored', () => {
  const messy = ['TTLSGroupAction g1', '{', 'TTLSEnabled Off', '}', 'TTLSRule r1', '{', 'LocalPortRange 443', 'Direction Inbound', 'TTLSGroupActionRef g1', '}'];

  it('fmt --write keeps an IBM-1047 file IBM-1047, with its NL line ends', async () => {
    const io = memoryIo({ '/p/a.ttls': encodeIbm1047(messy.join('\n') + '\n') });
    assert.equal(await run(['fmt', '--write', '/p/a.ttls'], io), 0, io.err());
    const bytes = io.files.get('/p/a.ttls') as Uint8Array;
    assert.ok(bytes instanceof Uint8Array, 'written as bytes, not as UTF-8 text');
    assert.ok(bytes.includes(0x15) && !bytes.includes(0x0a));
    assert.match(decodeIbm1047(bytes), /^ {2}TTLSEnabled +Off$/m);
    assert.equal(await run(['fmt', '--check', '/p/a.ttls'], io), 0, 'formatted now');
  });

  it('fmt --write keeps fixed records and sequence numbers; an unchanged line keeps its number', async () => {
    const original = numbered(messy);
    const io = memoryIo({ '/p/TTLS': encodeIbm1047(original.join('')) });
    assert.equal(await run(['fmt', '--write', '/p/TTLS'], io), 0, io.err());
    const text = decodeIbm1047(io.files.get('/p/TTLS') as Uint8Array);
    assert.ok(!text.includes('\n'), 'no line ends: records');
    assert.equal(text.length % 80, 0);
    const recs = text.match(/.{80}/g)!;
    assert.ok(recs.every((r) => /\d{8}$/.test(r)), recs.join('\n'));
    assert.equal(recs[1], original[1], 'the brace line is unchanged, number and all');
    assert.match(recs[2]!, /^ {2}TTLSEnabled +Off +00000300$/);
    assert.equal(await run(['fmt', '--check', '/p/TTLS'], io), 0, 'formatted now, blanks and numbers notwithstanding');
  });

  it('lint --fix keeps an IBM-1047 file IBM-1047', async () => {
    const lower = POLICY.map((l) => l.replace('TLLSEnabled', 'TTLSEnabled').replace('Direction', 'direction'));
    const io = memoryIo({ '/p/TTLS': encodeIbm1047(records(lower, 80)) });
    assert.equal(await run(['lint', '--fix', '/p/TTLS'], io), 0, io.out());
    const text = decodeIbm1047(io.files.get('/p/TTLS') as Uint8Array);
    assert.equal(text.length, lower.length * 80);
    assert.match(text, /  Direction Inbound {3}/);
  });
});

describe('cli: a folder that holds a main configuration', () => {
  const tree = {
    '/f/pagent.conf': 'CommonTTLSConfig /etc/common.ttls\nTcpImage TCPIPA /etc/a.image\nTcpImage TCPIPB /etc/b.image\n',
    '/f/etc/a.image': 'TTLSConfig /etc/a.ttls\n',
    '/f/etc/b.image': 'TTLSConfig /etc/b.ttls\n',
    // On its own: no-rules and unused definitions; through the configuration: used by both stacks.
    '/f/etc/common.ttls': 'TTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\n',
    '/f/etc/a.ttls': 'TTLSRule A\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\n',
    '/f/etc/b.ttls': 'TTLSRule B\n{\n  LocalPortRange 25\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\n',
  };

  it('lints every policy in the context of its stacks, each file once, and counts each file once', async () => {
    const io = memoryIo(tree);
    assert.equal(await run(['lint', '--max-warnings', '0', '/f'], io), 0, io.out());
    assert.match(io.out(), /^No problems found in 6 files\.$/m);
    const j = memoryIo(tree);
    await run(['lint', '--format', 'json', '/f'], j);
    const files = json(j).map((r) => r.file);
    assert.equal(new Set(files).size, files.length, files.join(', '));
  });

  it('lints on their own only the files no configuration reaches', async () => {
    const io = memoryIo({ ...tree, '/f/lone.ttls': 'TTLSGroupAction lonely\n{\n  TTLSEnabled Off\n}\n' });
    assert.equal(await run(['lint', '--format', 'json', '/f'], io), 0);
    const out = json(io);
    assert.deepEqual(codesIn(out, '/f/lone.ttls'), ['no-rules', 'unused-definition']);
    assert.deepEqual(codesIn(out, '/f/etc/common.ttls'), []);
  });

  it('--fix through the main configuration fixes the files it reaches, and the summary says what is left', async () => {
    const io = memoryIo({ ...tree, '/f/etc/a.ttls': tree['/f/etc/a.ttls'].replace('Direction', 'direction') });
    const dry = memoryIo({ ...tree, '/f/etc/a.ttls': tree['/f/etc/a.ttls'].replace('Direction', 'direction') });
    await run(['lint', '/f/pagent.conf'], dry);
    assert.match(dry.out(), /1 of them can be fixed safely with --fix/);
    assert.equal(await run(['lint', '--fix', '/f/pagent.conf'], io), 0, io.out());
    assert.match(String(io.files.get('/f/etc/a.ttls')), /^ {2}Direction Inbound$/m);
    assert.match(io.out(), /^No problems found in 6 files\.$/m);
    const preview = memoryIo({ ...tree, '/f/etc/a.ttls': tree['/f/etc/a.ttls'].replace('Direction', 'direction') });
    await run(['lint', '--fix-dry-run', '/f/pagent.conf'], preview);
    assert.match(preview.out(), /^-  direction Inbound$/m);
    assert.match(preview.out(), /^\+  Direction Inbound$/m);
  });
});

describe('cli: fmt and STDENV members', () => {
  it('leaves a STDENV member found in a folder as it is', async () => {
    // The formatter would close up the blanks and blank lines of these NAME=value lines.
    const env = "PAGENT_CONFIG_FILE=//'USER.TCPPARMS(PAGENTCF)'\n\n\n\nexport   TZ=GMT0\n";
    const io = memoryIo({ '/p/PAGENTEN': env, '/p/a.ttls': 'TTLSGroupAction g\n{\nTTLSEnabled On\n}\n' });
    assert.equal(await run(['fmt', '--write', '/p'], io), 0, io.err());
    assert.equal(io.files.get('/p/PAGENTEN'), env);
    assert.match(String(io.files.get('/p/a.ttls')), /^ {2}TTLSEnabled +On$/m);
  });
});
