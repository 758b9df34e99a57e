// `attls fmt` in memory: print, --check, --diff, --write, standard input, and refusal of files
// whose structure is broken.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import type { Io } from '../../packages/cli/src/io.js';

function memoryIo(files: Record<string, string>, stdin = ''): { io: Io; out: () => string; err: () => string; files: Record<string, string> } {
  let out = '';
  let err = '';
  const enoent = (p: string): Error => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  const io: Io = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: async (p) => {
      if (!(p in files)) throw enoent(p);
      return new TextEncoder().encode(files[p]);
    },
    writeFile: async (p, t) => void (files[p] = t),
    stat: async (p) => {
      if (!(p in files)) throw enoent(p);
      return { isDirectory: () => false, isFile: () => true };
    },
    readdir: async () => [],
    readStdin: async () => new TextEncoder().encode(stdin),
    stdoutIsTTY: false,
    env: {},
    cwd: '/',
  };
  return { io, out: () => out, err: () => err, files };
}

const UGLY = 'TTLSRule r {\ndirection inbound\n}\n';
const PRETTY = 'TTLSRule r\n{\n  Direction inbound\n}\n';

describe('attls fmt', () => {
  it('prints the formatted text of one file', async () => {
    const m = memoryIo({ 'a.ttls': UGLY });
    assert.equal(await run(['fmt', 'a.ttls'], m.io), 0);
    assert.equal(m.out(), PRETTY);
  });

  it('reads standard input with -', async () => {
    const m = memoryIo({}, UGLY);
    assert.equal(await run(['fmt', '-'], m.io), 0);
    assert.equal(m.out(), PRETTY);
  });

  it('--check lists unformatted files and exits 1, 0 when all are formatted', async () => {
    const m = memoryIo({ 'a.ttls': UGLY, 'b.ttls': PRETTY });
    assert.equal(await run(['fmt', '--check', 'a.ttls', 'b.ttls'], m.io), 1);
    assert.equal(m.out(), 'a.ttls\n');
    assert.equal(await run(['fmt', '--check', 'b.ttls'], memoryIo({ 'b.ttls': PRETTY }).io), 0);
  });

  it('--diff prints a unified diff', async () => {
    const m = memoryIo({ 'a.ttls': UGLY });
    assert.equal(await run(['fmt', '--diff', 'a.ttls'], m.io), 0);
    assert.equal(m.out(), '--- a/a.ttls\n+++ b/a.ttls\n@@ -1,3 +1,4 @@\n-TTLSRule r {\n-direction inbound\n+TTLSRule r\n+{\n+  Direction inbound\n }\n');
  });

  it('--write rewrites only files that change', async () => {
    const m = memoryIo({ 'a.ttls': UGLY, 'b.ttls': PRETTY });
    assert.equal(await run(['fmt', '--write', 'a.ttls', 'b.ttls'], m.io), 0);
    assert.deepEqual(m.files, { 'a.ttls': PRETTY, 'b.ttls': PRETTY });
  });

  it('leaves a file with an unclosed brace alone and exits 2', async () => {
    const broken = 'TTLSRule r\n{\n  Direction Inbound\n';
    const m = memoryIo({ 'a.ttls': broken, 'b.ttls': UGLY });
    assert.equal(await run(['fmt', '--write', 'a.ttls', 'b.ttls'], m.io), 2);
    assert.equal(m.files['a.ttls'], broken);
    assert.equal(m.files['b.ttls'], PRETTY);
    assert.match(m.err(), /a\.ttls: not formatted \(line 2\).*syntax-unclosed-brace/);
  });

  it('refuses unusable options', async () => {
    assert.equal(await run(['fmt'], memoryIo({}).io), 2);
    assert.equal(await run(['fmt', 'a.ttls', 'b.ttls'], memoryIo({ 'a.ttls': UGLY, 'b.ttls': UGLY }).io), 2);
    assert.equal(await run(['fmt', '--write', '-'], memoryIo({}, UGLY).io), 2);
    assert.equal(await run(['fmt', 'missing.ttls'], memoryIo({}).io), 2);
  });
});
