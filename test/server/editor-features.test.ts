// Completion in context, folding regions and the outline of a main configuration file over LSP, as
// an editor receives them: cursor markers in the policy text, answers read off the wire.
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { TestClient } from '../support/lsp-client.js';
import { markers } from '../support/markers.js';

const URI = 'file:///ws/policy.ttls';

describe('language server: completion in context, regions and the outline over LSP', function () {
  this.timeout(20000);
  let client: TestClient;
  beforeEach(async () => {
    client = TestClient.inProcess({ files: null });
    await client.initialize(undefined, { textDocument: { completion: { completionItem: { snippetSupport: true } } } });
  });
  afterEach(async () => {
    assert.deepEqual(client.errors(), [], 'the server logged no error');
    await client.dispose();
  });

  let version = 0;
  /** Opens the marked text and asks for completion at its cursor; labels in the order shown. */
  async function complete(source: string): Promise<CompletionItem[]> {
    const m = markers(source);
    const uri = `file:///ws/c${++version}.ttls`;
    await client.open(uri, m.text, 1);
    const before = m.text.slice(0, m.indices[0]);
    const line = before.split('\n').length - 1;
    const character = before.length - before.lastIndexOf('\n') - 1;
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    return [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  }

  it('completion: templates where a statement starts, parameters by importance in a block, names of the right kind after a ...Ref', async () => {
    const top = await complete('TTLSGroupAction g\n{\n  TTLSEnabled On\n}\n<|>\n');
    assert.equal(top[0]!.label, 'TTLSRule with actions');
    assert.equal(top[0]!.insertTextFormat, 2, 'a snippet for a client that takes them');
    const advanced = await complete('TTLSEnvironmentAdvancedParms a\n{\n  <|>\n}\n');
    assert.deepEqual(advanced.slice(0, 2).map((i) => i.label), ['TLSv1.3', 'TLSv1.2']);
    assert.deepEqual(advanced.slice(-4).map((i) => [i.label, i.tags]), [['TLSv1.1', [1]], ['TLSv1', [1]], ['SSLv3', [1]], ['SSLv2', [1]]]);
    assert.ok(!advanced.some((i) => i.kind === 15 || i.kind === 14), 'no template or statement keyword inside advanced parms');
    const ref = await complete('TTLSRule r\n{\n  TTLSEnvironmentActionRef <|>\n}\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\nTTLSEnvironmentAction e\n{\n  HandshakeRole Client\n}\n');
    assert.deepEqual(ref.map((i) => i.label), ['e']);
  });

  it('folding: #region sections as regions; outline: TcpImage lines under their stack', async () => {
    await client.open(URI, '#region Inbound\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\n#endregion\n# region is a word here\n# and a comment\n', 1);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual(folds.map((f) => `${f.startLine}-${f.endLine}${f.kind ? `:${f.kind}` : ''}`), ['0-5:region', '1-3', '6-7:comment']);
    const main = 'file:///ws/pagent.conf';
    await client.open(main, 'TcpImage TCPIPA /etc/a.image\nTcpImage TCPIPB /etc/b.image\n', 1);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: main } });
    assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['TCPIPA', ['TcpImage']], ['TCPIPB', ['TcpImage']]]);
  });
});
