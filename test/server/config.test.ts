// The language server finishes findings as `attls lint` does: the document's .attlslintrc.json,
// the editor's settings over it, and inline `# attls-lint-disable` directives.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFiles } from '@attls/server/files';
import { applyEdits } from '../support/markers.js';
import { TestClient } from '../support/lsp-client.js';

const POLICY = `TTLSRule r1
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
    TLSv1.2 On
    TLSv1 On # attls-lint-disable-line weak-protocol -- old partner, retired in Q3
    TLSv1.1 Off
  }
}
`;

describe('language server: lint configuration', function () {
  this.timeout(20_000);
  let dir: string;
  let client: TestClient;
  const codes = async (uri: string, from: number, version?: number): Promise<string[]> =>
    (await client.diagnosticsFor(uri, version, from)).diagnostics.map((d) => String(d.code));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'attls-cfg-'));
    client = TestClient.inProcess({ files: nodeFiles });
    await client.initialize({ settings: { debounceMs: 0, scanWorkspace: false } });
  });
  afterEach(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies .attlslintrc.json and inline directives', async () => {
    const uri = pathToFileURL(join(dir, 'p.ttls')).href;
    // Without a configuration: the inline directive hides the explicit TLSv1 On.
    const plain = pathToFileURL(join(dir, 'plain.ttls')).href;
    await client.open(plain, POLICY.replace(/ # attls-lint-disable-line.*/, ''));
    assert.ok((await codes(plain, 0)).includes('weak-protocol'), 'found without the directive');
    writeFileSync(join(dir, 'p.ttls'), POLICY);
    const start = client.published.length;
    await client.open(uri, POLICY);
    assert.ok(!(await codes(uri, start)).includes('weak-protocol'), 'the directive suppresses it in the editor too');
    await client.close(uri);

    writeFileSync(join(dir, '.attlslintrc.json'), JSON.stringify({ rules: { 'unused-definition': 'off', 'application-controlled-note': 'error' }, targetRelease: '3.2' }));
    const text = POLICY + 'TTLSGroupAction unused\n{\n  TTLSEnabled Off\n}\n';
    const from = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.attlslintrc.json')).href, type: 1 }] });
    await client.open(uri, text, 2);
    const after = await codes(uri, from, 2);
    assert.ok(!after.includes('unused-definition'), `switched off in the file: ${after.join(', ')}`);
    const hover = (await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 21, character: 5 } }))!;
    assert.match(hover.contents.value, /target 3\.2: \*\*Off\*\*/, 'the target release of the file applies');
  });

  it('lets the editor settings win over the file', async () => {
    writeFileSync(join(dir, '.attlslintrc.json'), JSON.stringify({ rules: { 'unused-definition': 'off' } }));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { attls: { rules: { 'unused-definition': 'error' }, debounceMs: 0 } } });
    const uri = pathToFileURL(join(dir, 'q.ttls')).href;
    await client.open(uri, POLICY + 'TTLSGroupAction unused\n{\n  TTLSEnabled Off\n}\n');
    const found = (await client.diagnosticsFor(uri)).diagnostics.find((d) => d.code === 'unused-definition');
    assert.equal(found?.severity, 1);
  });

  it('formats with the "format" of .attlslintrc.json, the editor settings over it', async () => {
    const ragged = 'TTLSGroupAction g\n{\nTTLSEnabled On\n   Trace 2\n}\n';
    const formatted = async (uri: string): Promise<string> => {
      const edits = await client.request<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      return applyEdits(ragged, edits);
    };
    const uri = pathToFileURL(join(dir, 'f.ttls')).href;
    await client.open(uri, ragged);
    // No configuration: the longest keyword (with its indentation) plus one blank.
    assert.equal(await formatted(uri), 'TTLSGroupAction g\n{\n  TTLSEnabled   On\n  Trace         2\n}\n');
    writeFileSync(join(dir, '.attlslintrc.json'), JSON.stringify({ format: { valueColumn: 20 } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.attlslintrc.json')).href, type: 1 }] });
    assert.equal(await formatted(uri), 'TTLSGroupAction    g\n{\n  TTLSEnabled      On\n  Trace            2\n}\n');
    // attls.format.mode keepLayout: only the indentation moves.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { attls: { format: { mode: 'keepLayout', valueColumn: 0 }, debounceMs: 0 } } });
    assert.equal(await formatted(uri), 'TTLSGroupAction g\n{\n  TTLSEnabled On\n  Trace 2\n}\n');
    // attls.format.valueColumn wins over the file's; a bad value is ignored, and said in the log.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { attls: { format: { mode: '', valueColumn: 18 }, debounceMs: 0 } } });
    assert.equal(await formatted(uri), 'TTLSGroupAction  g\n{\n  TTLSEnabled    On\n  Trace          2\n}\n');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { attls: { format: { valueColumn: 1000 }, debounceMs: 0 } } });
    assert.equal(await formatted(uri), 'TTLSGroupAction    g\n{\n  TTLSEnabled      On\n  Trace            2\n}\n');
    const logged = await client.until(() => client.logs.find((l) => /format\.valueColumn" must be a whole number/.test(l.message)), 2000, 'the bad setting logged');
    assert.match(logged.message, /ignored/);
    client.logs.length = 0;
  });

  it('shows a broken configuration on the configuration file and goes on with defaults', async () => {
    writeFileSync(join(dir, '.attlslintrc.json'), '{ "rules": { "no-such-rule": "off" } }');
    const uri = pathToFileURL(join(dir, 'r.ttls')).href;
    await client.open(uri, POLICY);
    const cfg = await client.diagnosticsFor(pathToFileURL(join(dir, '.attlslintrc.json')).href);
    assert.equal(cfg.diagnostics[0]?.code, 'config-error');
    assert.match(String(cfg.diagnostics[0]!.message), /unknown rule "no-such-rule"/);
    await client.diagnosticsFor(uri);
  });

  it('shows what following a pagent.conf finds: missing files and a TcpImage naming a policy', async () => {
    writeFileSync(join(dir, 'pagent.conf'), '');
    const policy = 'TTLSRule r\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef g\n}\nTTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n';
    writeFileSync(join(dir, 'direct.ttls'), policy);
    const text = 'TcpImage TCPIPA /etc/pagent/gone.image\nTcpImage TCPIPB /etc/pagent/direct.ttls\n';
    const uri = pathToFileURL(join(dir, 'pagent.conf')).href;
    await client.open(uri, text);
    const found = (await client.diagnosticsFor(uri)).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
    assert.deepEqual(found.sort(), ['image-is-policy@1:16', 'missing-file@0:16']);
  });
});
