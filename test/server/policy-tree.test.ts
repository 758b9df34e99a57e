// The language server on a folder that mirrors z/OS (ROOT/etc/pagent.conf, ROOT/SYS1.TCPPARMS/
// members): with only a stack's policy file open, references reach the common file through the
// main and image configuration files, even though image files and data set members have no policy
// file extension for the workspace scan to find.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFiles } from '@attls/server/files';
import type { Location } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lsp-client.js';
import { repoRoot } from '../support/shared.js';

describe('language server: a folder that mirrors z/OS', function () {
  this.timeout(20_000);
  let dir: string;
  let client: TestClient;
  const uri = (p: string): string => pathToFileURL(join(dir, p)).href;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'attls-tree-'));
    cpSync(join(repoRoot, 'test', 'fixtures', 'policy-set'), dir, { recursive: true });
    client = TestClient.inProcess({ files: nodeFiles });
    await client.initialize({ settings: { debounceMs: 0 } }, {}, pathToFileURL(dir).href);
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a file, waits for its diagnostics (after the workspace scan), and finds a word's position. */
  async function open(path: string, word: string): Promise<{ position: { line: number; character: number }; codes: () => string[] }> {
    const text = readFileSync(join(dir, path), 'utf8');
    await client.open(uri(path), text, 1);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('Ref') && l.includes(word));
    // Diagnostics are published again once the scan has followed pagent.conf; wait for the last.
    await client.until(() => client.published.find((p) => p.uri === uri(path) && !p.diagnostics.some((d) => d.code === 'undefined-reference')), 10_000, `${path} without undefined-reference`);
    const codes = (): string[] => client.published.filter((p) => p.uri === uri(path)).at(-1)!.diagnostics.map((d) => String(d.code));
    return { position: { line, character: lines[line]!.lastIndexOf(word) + 1 }, codes };
  }

  it('a stack file under /etc reaches the common file through pagent.conf and the image file', async () => {
    const { position, codes } = await open('etc/pagent/tcpipa.ttls', 'eShared');
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('etc/pagent/tcpipa.ttls') }, position });
    assert.equal(defs[0]!.uri, uri('etc/pagent/common.ttls'));
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: uri('etc/pagent/tcpipa.ttls') }, position, context: { includeDeclaration: true } });
    assert.ok(refs.some((r) => r.uri === uri('etc/pagent/common.ttls')));
    assert.ok(!codes().includes('undefined-reference'));
  });

  it('a data set member without extension (TTLSB of SYS1.TCPPARMS) is part of its stack too', async () => {
    const { position } = await open('SYS1.TCPPARMS/TTLSB', 'eShared');
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('SYS1.TCPPARMS/TTLSB') }, position });
    assert.equal(defs[0]!.uri, uri('etc/pagent/common.ttls'));
    const edit = await client.request<{ changes: Record<string, unknown[]> }>('textDocument/rename', { textDocument: { uri: uri('SYS1.TCPPARMS/TTLSB') }, position, newName: 'eCommon2' });
    assert.ok(edit.changes[uri('etc/pagent/common.ttls')], 'rename reaches the common file');
  });
});
