// Document links over LSP on a folder that mirrors z/OS (test/fixtures/policy-set): every path and
// data set name of pagent.conf and of an image file links to its local copy, found as following
// the configuration finds it; a name whose copy is missing, or lies outside the workspace folders,
// stays plain text.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFiles } from '@attls/server/files';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lsp-client.js';
import { POLICY_TREE } from '../support/policy-tree.js';

describe('language server: document links of configuration files', function () {
  this.timeout(20_000);
  let dir: string;
  let outside: string;
  let client: TestClient;
  const uri = (p: string): string => pathToFileURL(join(dir, p)).href;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'attls-links-'));
    outside = mkdtempSync(join(tmpdir(), 'attls-outside-'));
    cpSync(POLICY_TREE, dir, { recursive: true });
    client = TestClient.inProcess({ files: nodeFiles });
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  /** The links of a file, as "line:word -> target relative to the workspace". */
  async function links(path: string): Promise<string[]> {
    const text = readFileSync(join(dir, path), 'utf8');
    await client.open(uri(path), text);
    await client.diagnosticsFor(uri(path));
    const got = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uri(path) } });
    const lines = text.split('\n');
    return got.map((l) => {
      const word = lines[l.range.start.line]!.slice(l.range.start.character, l.range.end.character);
      return `${l.range.start.line + 1}:${word} -> ${l.target!.startsWith(pathToFileURL(dir).href) ? l.target!.slice(pathToFileURL(dir).href.length + 1) : l.target}`;
    });
  }

  it('links the paths and data set names of pagent.conf and of an image file', async () => {
    await client.initialize({ settings: { debounceMs: 0, scanWorkspace: false } }, {}, pathToFileURL(dir).href);
    assert.deepEqual(await links('etc/pagent.conf'), [
      '4:/etc/pagent/common.ttls -> etc/pagent/common.ttls',
      '5:/etc/pagent/tcpipa.image -> etc/pagent/tcpipa.image',
      "6://'SYS1.TCPPARMS(IMAGEB)' -> SYS1.TCPPARMS/IMAGEB",
      // 7: /etc/pagent/tcpipc.image has no copy: no link.
      '8:/etc/pagent/direct.ttls -> etc/pagent/direct.ttls',
    ]);
    assert.deepEqual(await links('etc/pagent/tcpipa.image'), ['2:/etc/pagent/tcpipa.ttls -> etc/pagent/tcpipa.ttls']);
    // An image file that is a data set member, naming another member.
    assert.deepEqual(await links('SYS1.TCPPARMS/IMAGEB'), ["1://'SYS1.TCPPARMS(TTLSB)' -> SYS1.TCPPARMS/TTLSB"]);
    assert.deepEqual(await links('etc/pagent/common.ttls'), [], 'a policy file has none');
  });

  it('follows attls.root, and never links a file outside the workspace folders', async () => {
    mkdirSync(join(outside, 'etc'), { recursive: true });
    writeFileSync(join(outside, 'etc', 'secret.ttls'), 'TTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n');
    mkdirSync(join(dir, 'copy', 'etc'), { recursive: true });
    writeFileSync(join(dir, 'copy', 'etc', 'inside.ttls'), 'TTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n');
    writeFileSync(join(dir, 'main.conf'), 'TTLSConfig /etc/secret.ttls\nCommonTTLSConfig /etc/inside.ttls\n');
    await client.initialize({ settings: { debounceMs: 0, scanWorkspace: false, root: outside } }, {}, pathToFileURL(dir).href);
    assert.deepEqual(await links('main.conf'), [], 'the root lies outside the workspace: nothing is linked');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { attls: { root: join(dir, 'copy'), debounceMs: 0 } } });
    const got = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uri('main.conf') } });
    assert.deepEqual(got.map((l) => l.target), [uri('copy/etc/inside.ttls')]);
    assert.match(got[0]!.tooltip!, /local copy of \/etc\/inside\.ttls/);
  });
});
