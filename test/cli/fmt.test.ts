// `attls fmt` in memory: print, --check, --diff, --write, standard input, and refusal of files
// whose structure is broken.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { memoryIo as memory } from '../support/memory-io.js';

/** The memory Io with its files as a plain object, for comparisons. */
function memoryIo(files: Record<string, string>, stdin = ''): { io: ReturnType<typeof memory>; out: () => string; err: () => string; files: Record<string, string> } {
  const io = memory(files, { stdin });
  return { io, out: io.out, err: io.err, get files() { return Object.fromEntries([...io.files].map(([k, v]) => [k, String(v)])); } };
}

const UGLY = 'TTLSRule r {\ndirection inbound\n}\n';
const PRETTY = 'TTLSRule    r\n{\n  Direction inbound\n}\n';

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
    assert.equal(m.out(), '--- a/a.ttls\n+++ b/a.ttls\n@@ -1,3 +1,4 @@\n-TTLSRule r {\n-direction inbound\n+TTLSRule    r\n+{\n+  Direction inbound\n }\n');
  });

  it('--diff names an absolute path as git does: a/tmp/..., not a//tmp/...', async () => {
    const m = memoryIo({ '/tmp/policies/a.ttls': UGLY });
    assert.equal(await run(['fmt', '--diff', '/tmp/policies/a.ttls'], m.io), 0);
    assert.match(m.out(), /^--- a\/tmp\/policies\/a\.ttls\n\+\+\+ b\/tmp\/policies\/a\.ttls\n@@ /);
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

  it('--value-column N starts values in column N, --keep-layout only re-indents', async () => {
    const m = memoryIo({ 'a.ttls': UGLY });
    assert.equal(await run(['fmt', '--value-column', '16', 'a.ttls'], m.io), 0);
    assert.equal(m.out(), 'TTLSRule       r\n{\n  Direction    inbound\n}\n');
    const k = memoryIo({ 'a.ttls': 'TTLSRule   r {\ndirection    inbound\n   }\n' });
    assert.equal(await run(['fmt', '--keep-layout', 'a.ttls'], k.io), 0);
    assert.equal(k.out(), 'TTLSRule   r {\n  direction    inbound\n}\n');
  });

  it('takes "format" from the nearest .attlslintrc.json, the command line over it', async () => {
    const files = { '/p/.attlslintrc.json': '{ "format": { "valueColumn": 14 } }', '/p/a.ttls': UGLY };
    const m = memoryIo(files);
    assert.equal(await run(['fmt', '/p/a.ttls'], m.io), 0);
    assert.equal(m.out(), 'TTLSRule     r\n{\n  Direction  inbound\n}\n');
    const over = memoryIo(files);
    assert.equal(await run(['fmt', '--value-column', '20', '/p/a.ttls'], over.io), 0);
    assert.match(over.out(), /^ {2}Direction {8}inbound$/m);
    const keep = memoryIo({ '/p/.attlslintrc.json': '{ "format": { "mode": "keepLayout" } }', '/p/a.ttls': 'TTLSRule r {\ndirection   inbound\n}\n' });
    assert.equal(await run(['fmt', '--check', '/p/a.ttls'], keep.io), 1);
    assert.equal(await run(['fmt', '--write', '/p/a.ttls'], keep.io), 0);
    assert.equal(keep.files['/p/a.ttls'], 'TTLSRule r {\n  direction   inbound\n}\n');
    // --config names the configuration instead.
    const named = memoryIo({ '/c.json': '{ "format": { "valueColumn": 12 } }', 'a.ttls': UGLY });
    assert.equal(await run(['fmt', '--config', '/c.json', 'a.ttls'], named.io), 0);
    assert.match(named.out(), /^TTLSRule {3}r$/m);
  });

  it('refuses a bad "format" in the configuration with one line, and bad columns', async () => {
    for (const [config, reason] of [
      ['{ "format": { "valueColumn": 1 } }', /format\.valueColumn" must be a whole number from 2 to 200/],
      ['{ "format": { "mode": "tidy" } }', /format\.mode" must be one of "align", "keepLayout"/],
      ['{ "format": { "column": 30 } }', /"format": unknown setting "column"/],
      ['{ "format": 35 }', /"format" must be an object/],
    ] as const) {
      const m = memoryIo({ '/p/.attlslintrc.json': config, '/p/a.ttls': UGLY });
      assert.equal(await run(['fmt', '/p/a.ttls'], m.io), 2, config);
      assert.match(m.err(), reason);
      assert.equal(m.err().trim().split('\n').length, 1);
    }
    assert.equal(await run(['fmt', '--value-column', '0', 'a.ttls'], memoryIo({ 'a.ttls': UGLY }).io), 2);
    assert.equal(await run(['fmt', '--value-column', '20', '--keep-layout', 'a.ttls'], memoryIo({ 'a.ttls': UGLY }).io), 2);
  });

  it('refuses unusable options', async () => {
    assert.equal(await run(['fmt'], memoryIo({}).io), 2);
    assert.equal(await run(['fmt', 'a.ttls', 'b.ttls'], memoryIo({ 'a.ttls': UGLY, 'b.ttls': UGLY }).io), 2);
    assert.equal(await run(['fmt', '--write', '-'], memoryIo({}, UGLY).io), 2);
    assert.equal(await run(['fmt', 'missing.ttls'], memoryIo({}).io), 2);
  });
});
