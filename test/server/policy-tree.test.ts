// The language server on a folder that mirrors z/OS (ROOT/etc/pagent.conf, ROOT/SYS1.TCPPARMS/
// members): with only a stack's policy file open, references reach the common file through the
// main and image configuration files, even though image files and data set members have no policy
// file extension for the workspace scan to find. A file several stacks read (the common file)
// shows every stack's findings, as `attls lint` prints them.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from '@attls/cli';
import { nodeIo } from '@attls/cli/io';
import { nodeFiles } from '@attls/server/files';
import type { Diagnostic, Location } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lsp-client.js';
import { POLICY_TREE } from '../support/policy-tree.js';

describe('language server: a folder that mirrors z/OS', function () {
  this.timeout(20_000);
  let dir: string;
  let client: TestClient;
  const uri = (p: string): string => pathToFileURL(join(dir, p)).href;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'attls-tree-'));
    cpSync(POLICY_TREE, dir, { recursive: true });
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

  it('the common file gets the findings of every stack that reads it, the same as attls lint', async () => {
    const common = uri('etc/pagent/common.ttls');
    await client.open(common, readFileSync(join(dir, 'etc/pagent/common.ttls'), 'utf8'), 1);
    // Stack B's findings appear once the scan has followed pagent.conf to SYS1.TCPPARMS(TTLSB);
    // before that the common file is read alone.
    const diagnostics = await client.until(
      () => {
        const last = client.published.filter((p) => p.uri === common).at(-1);
        return last?.diagnostics.some((d) => String(d.message).endsWith('(for stack TCPIPB)')) ? last.diagnostics : undefined;
      },
      10_000,
      'common.ttls with stack B findings',
    );
    const message = (code: string): string[] => diagnostics.filter((d: Diagnostic) => d.code === code).map((d) => String(d.message));
    assert.deepEqual(message('undefined-reference').map((m) => / \(for stack TCPIPB\)$/.test(m) && m.includes("'eStack'")), [true], message('undefined-reference').join('\n'));
    assert.ok(message('unused-definition').some((m) => m.includes("'gClear'") && m.endsWith(' (for stack TCPIPB)')), message('unused-definition').join('\n'));
    const duplicate = message('duplicate-definition');
    assert.equal(duplicate.length, 1);
    assert.match(duplicate[0]!, /defined again in etc\/pagent\/tcpipa\.ttls, which Policy Agent reads later.*\(for stack TCPIPA\)$/);
    assert.ok(!duplicate[0]!.includes('file:'), duplicate[0]);

    // attls lint on the same tree, from its root folder: the same findings, word for word.
    const out: string[] = [];
    const io = { ...nodeIo(), cwd: dir, stdout: (t: string) => void out.push(t), stderr: () => undefined };
    assert.equal(await run(['lint', '--format', 'json', join(dir, 'etc/pagent.conf')], io), 1);
    const cli = (JSON.parse(out.join('')) as { file: string; diagnostics: { code: string; message: string; range: { start: { line: number } } }[] }[]).find((r) => r.file === 'etc/pagent/common.ttls')!;
    const key = (code: unknown, line: number, msg: string): string => `${String(code)} ${line} ${msg}`;
    assert.deepEqual(
      diagnostics.map((d) => key(d.code, d.range.start.line, String(d.message))).sort(),
      cli.diagnostics.map((d) => key(d.code, d.range.start.line, String(d.message))).sort(),
    );
  });
});
