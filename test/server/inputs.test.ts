// What the language server reads and edits: nothing outside its workspace folders (whatever a
// configuration, a setting or a symbolic link names), files decoded as `attls` decodes them
// (IBM-1047 downloads), and sequence numbers in columns 73-80 ignored and kept by formatting.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFiles, type FileAccess } from '@attls/server/files';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { encodeIbm1047 } from '../support/ebcdic.js';
import { TestClient } from '../support/lsp-client.js';
import { numbered } from '../support/zos.js';

const SECRET = 'TTLSRule leaked\n{\n  TLLSSecret yes\n}\n';

describe('language server: inputs', function () {
  this.timeout(20_000);
  let dir: string;
  let ws: string;
  let client: TestClient | undefined;
  let reads: string[];
  const uri = (p: string): string => pathToFileURL(join(ws, p)).href;
  const recording = (): FileAccess => ({
    ...nodeFiles,
    readFile: (p) => {
      reads.push(p);
      return nodeFiles.readFile(p);
    },
  });
  const outsideReads = (): string[] =>
    reads.filter((p) => {
      let real = p;
      try {
        real = realpathSync(p);
      } catch {
        // gone or never there
      }
      const rel = relative(realpathSync(ws), real);
      return rel.startsWith('..');
    });
  const last = (u: string): Diagnostic[] | undefined => client!.published.filter((p) => p.uri === u).at(-1)?.diagnostics;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'attls-srv-inputs-'));
    ws = join(dir, 'ws');
    mkdirSync(join(ws, 'etc', 'pagent'), { recursive: true });
    mkdirSync(join(dir, 'outside', 'etc'), { recursive: true });
    writeFileSync(join(dir, 'outside', 'etc', 'tcpip.image'), 'TTLSConfig /etc/secret.ttls\n');
    writeFileSync(join(dir, 'outside', 'etc', 'secret.ttls'), SECRET);
    writeFileSync(join(dir, '.attlslintrc.json'), '{ "rules": {} }\n');
    reads = [];
  });
  afterEach(async () => {
    await client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(settings: Record<string, unknown> = {}): Promise<TestClient> {
    client = TestClient.inProcess({ files: recording() });
    await client.initialize({ settings: { debounceMs: 0, ...settings } }, {}, pathToFileURL(ws).href);
    return client;
  }

  it('reads nothing outside its workspace folders: not a symbolic link out of them, not a configuration file above them', async () => {
    writeFileSync(join(ws, 'etc', 'pagent.conf'), 'TTLSConfig /etc/pagent/link.ttls\n');
    symlinkSync(join(dir, 'outside', 'etc', 'secret.ttls'), join(ws, 'etc', 'pagent', 'link.ttls'));
    const c = await start();
    const conf = uri('etc/pagent.conf');
    await c.open(conf, 'TTLSConfig /etc/pagent/link.ttls\n');
    // Following the configuration is part of the document's first validation.
    const found = (await c.diagnosticsFor(conf, 1, 0, 10_000)).diagnostics;
    assert.deepEqual(outsideReads(), []);
    assert.ok(found.some((d) => d.code === 'unreadable-file' && /outside the workspace folders/.test(String(d.message))), JSON.stringify(found));
    assert.ok(!c.published.some((p) => p.uri.includes('secret') || p.diagnostics.some((d) => String(d.message).includes('TLLSSecret'))));
  });

  it('a root setting outside the workspace folders leads to nothing being read there', async () => {
    writeFileSync(join(ws, 'pagent.conf'), 'TcpImage TCPIPA /etc/tcpip.image\n');
    const c = await start({ root: join(dir, 'outside') });
    const conf = uri('pagent.conf');
    await c.open(conf, 'TcpImage TCPIPA /etc/tcpip.image\n');
    const found = (await c.diagnosticsFor(conf, 1, 0, 10_000)).diagnostics;
    assert.deepEqual(outsideReads(), []);
    assert.deepEqual(found.filter((d) => d.code === 'unreadable-file').map((d) => d.range.start), [{ line: 0, character: 16 }]);
  });

  it('never returns a rename or a fix for a file outside its folders', async () => {
    mkdirSync(join(dir, 'other'));
    const outsideUri = pathToFileURL(join(dir, 'other', 'p.ttls')).href;
    const text = 'TTLSRule r1\n{\n  LocalPortRange 443\n  direction Inbound\n  TTLSGroupActionRef g1\n}\nTTLSGroupAction g1\n{\n  TTLSEnabled Off\n}\n';
    const c = await start({ scanWorkspace: false });
    await c.open(outsideUri, text);
    await c.diagnosticsFor(outsideUri);
    await assert.rejects(c.request('textDocument/rename', { textDocument: { uri: outsideUri }, position: { line: 6, character: 17 }, newName: 'g2' }), /outside the workspace folders/);
    const actions = await c.request<{ edit?: unknown }[]>('textDocument/codeAction', {
      textDocument: { uri: outsideUri },
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 11 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions.filter((a) => a.edit), []);
    // Inside the folder both work.
    const inside = uri('p.ttls');
    await c.open(inside, text);
    await c.diagnosticsFor(inside);
    const edit = await c.request<{ changes: Record<string, unknown[]> }>('textDocument/rename', { textDocument: { uri: inside }, position: { line: 6, character: 17 }, newName: 'g2' });
    assert.deepEqual(Object.keys(edit.changes), [inside]);
  });

  it('reads an IBM-1047 file of the workspace as `attls lint` does', async () => {
    writeFileSync(join(ws, 'etc', 'pagent.conf'), 'CommonTTLSConfig /etc/common.ttls\nTTLSConfig /etc/stack.ttls\n');
    writeFileSync(join(ws, 'etc', 'common.ttls'), encodeIbm1047('# copied in binary\nTTLSGroupAction gCommon\n{\n  TTLSEnabled Off\n}\n'));
    const stack = 'TTLSRule r1\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef gCommon\n}\n';
    writeFileSync(join(ws, 'etc', 'stack.ttls'), stack);
    const c = await start();
    await c.open(uri('etc/stack.ttls'), stack);
    await c.until(() => (last(uri('etc/stack.ttls')) && !last(uri('etc/stack.ttls'))!.some((d) => d.code === 'undefined-reference') ? true : undefined), 10_000, 'gCommon found in the IBM-1047 common file');
  });

  it('ignores sequence numbers in an open document, says so once, and formatting keeps them', async () => {
    const lines = numbered(['TTLSGroupAction g1', '{', 'TTLSEnabled Off', '}', 'TTLSRule r1', '{', 'LocalPortRange 443', 'Direction Inbound', 'TTLSGroupActionRef g1', '}']);
    const text = lines.join('\n') + '\n';
    const c = await start({ scanWorkspace: false });
    const u = uri('ttls.policy');
    await c.open(u, text);
    const ds = (await c.diagnosticsFor(u)).diagnostics;
    assert.deepEqual(ds.map((d) => d.code), ['sequence-numbers']);
    assert.deepEqual(ds[0]!.range.start, { line: 0, character: 72 });
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits.length, 1);
    const out = edits[0]!.newText.split('\n').filter(Boolean);
    assert.ok(out.every((l) => l.length === 80 && /\d{8}$/.test(l)), out.join('\n'));
    assert.equal(out[1], lines[1], 'an unchanged line keeps its number');
    assert.match(out[0]!, /^TTLSGroupAction +g1 +00000100$/);
    assert.match(out[2]!, /^ {2}TTLSEnabled +Off +00000300$/);
  });

  it('the sequence-numbers note can be turned off like any code', async () => {
    const text = numbered(['TTLSGroupAction g1', '{', '  TTLSEnabled Off', '}']).join('\n') + '\n';
    const c = await start({ scanWorkspace: false, rules: { 'sequence-numbers': 'off' } });
    const u = uri('ttls.policy');
    await c.open(u, text);
    const ds = (await c.diagnosticsFor(u)).diagnostics;
    assert.deepEqual(ds.filter((d) => d.code === 'sequence-numbers' || d.code === 'trailing-text'), []);
  });
});
