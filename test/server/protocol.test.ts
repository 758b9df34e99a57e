// The server over LSP, in this process: capabilities, diagnostics as attls-lint reports them,
// every request, debouncing and coalescing, settings, custom requests, and bad input.
import assert from 'node:assert/strict';
import { lintText } from '@attls/lint';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { TestClient } from '../support/lsp-client.js';
import { applyEdits } from '../support/markers.js';

const URI = 'file:///ws/policy.ttls';
const TEXT = `TTLSRule Web
{
  LocalPortRange 443
  Direction Inbound
  TTLSGroupActionRef gWeb
  TTLSEnvironmentActionRef eWeb
}
TTLSGroupAction gWeb
{
  TLLSEnabled On
}
TTLSEnvironmentAction eWeb
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring WEB/Ring
  }
}
TTLSGroupAction gWeb
{
  TTLSEnabled On
}
`;

const pos = (line: number, character: number): { line: number; character: number } => ({ line, character });

describe('language server (in process)', function () {
  this.timeout(20000);
  let client: TestClient;

  beforeEach(async () => {
    client = TestClient.inProcess();
  });
  afterEach(async () => {
    assert.deepEqual(client.errors(), [], 'the server logged no error');
    await client.dispose();
  });

  it('announces every feature', async () => {
    const { capabilities, serverInfo } = await client.initialize();
    assert.equal(serverInfo?.name, 'attls-language-server');
    for (const k of [
      'hoverProvider',
      'completionProvider',
      'definitionProvider',
      'referencesProvider',
      'renameProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'semanticTokensProvider',
      'codeActionProvider',
      'codeLensProvider',
      'inlayHintProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'documentLinkProvider',
    ] as const) {
      assert.ok(capabilities[k], k);
    }
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes what attls-lint reports on open, with the same codes and ranges, docs links and related locations', async () => {
    await client.initialize();
    await client.open(URI, TEXT, 1);
    const published = await client.diagnosticsFor(URI, 1);
    const lint = lintText(URI, TEXT).diagnostics;
    assert.deepEqual(
      published.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`),
      lint.map((d) => {
        const r = lintText(URI, TEXT).lineIndex.rangeOf(d.span);
        return `${d.code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
      }),
    );
    const typo = published.diagnostics.find((d) => d.code === 'unknown-parameter')!;
    assert.equal(typo.severity, 1);
    assert.equal(typo.source, 'attls');
    assert.match(typo.codeDescription!.href, /docs\/rules\/unknown-parameter\.md$/);
    const dup = published.diagnostics.find((d) => d.code === 'duplicate-definition')!;
    assert.equal(dup.relatedInformation![0]!.location.uri, URI);
    assert.equal(dup.relatedInformation![0]!.location.range.start.line, 19);
  });

  it('debounces and coalesces: a burst of edits publishes once, for the last version', async () => {
    await client.initialize({ settings: { debounceMs: 100 } });
    await client.open(URI, TEXT, 1);
    await client.diagnosticsFor(URI, 1);
    const before = client.published.length;
    // Type "Priority 5" one character at a time into the rule, as a fast typist would.
    const typed = '\n  Priority 5';
    for (let i = 0; i < typed.length; i++) {
      await client.change(URI, 2 + i, [{ range: { start: pos(3, 18 + i), end: pos(3, 18 + i) }, text: typed[i] }]);
    }
    const last = 1 + typed.length;
    const final = await client.diagnosticsFor(URI, last, before);
    await new Promise((r) => setTimeout(r, 250));
    const after = client.published.slice(before).filter((p) => p.uri === URI);
    assert.deepEqual(after.map((p) => p.version), [last], 'one publication, for the final text');
    assert.ok(final.diagnostics.length > 0);
  });

  it('answers hover, completion, definition, references and rename', async () => {
    await client.initialize({}, { textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    await client.open(URI, TEXT, 1);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(13, 4) });
    assert.match((hover.contents as MarkupContent).value, /\*\*HandshakeRole\*\*/);
    const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: pos(13, 16) });
    assert.deepEqual(completion.items.map((i) => i.label), ['Client', 'Server', 'ServerWithClientAuth']);
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: URI }, position: pos(5, 29) });
    assert.deepEqual(defs.map((d) => d.range.start.line), [11]);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: pos(11, 24), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [5, 11]);
    const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: URI }, position: pos(11, 24) });
    assert.equal(prep.placeholder, 'eWeb');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: URI }, position: pos(11, 24), newName: 'eHttps' });
    assert.equal((applyEdits(TEXT, edit.changes![URI]!).match(/eHttps/g) ?? []).length, 2);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: URI }, position: pos(11, 24), newName: 'gWeb x' }), /not a valid name/);
  });

  it('answers symbols, folding, selection, semantic tokens, lenses, inlay hints and formatting', async () => {
    await client.initialize();
    await client.open(URI, TEXT, 1);
    const td = { textDocument: { uri: URI } };
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', td);
    assert.deepEqual(symbols.map((s) => s.name), ['Web', 'gWeb', 'eWeb', 'gWeb']);
    const ws = await client.request<{ name: string }[]>('workspace/symbol', { query: 'eweb' });
    assert.deepEqual(ws.map((s) => s.name), ['eWeb']);
    const folds = await client.request<unknown[]>('textDocument/foldingRange', td);
    assert.equal(folds.length, 5);
    const sel = await client.request<unknown[]>('textDocument/selectionRange', { ...td, positions: [pos(2, 3)] });
    assert.equal(sel.length, 1);
    const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', td);
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    const range = await client.request<{ data: number[] }>('textDocument/semanticTokens/range', { ...td, range: { start: pos(0, 0), end: pos(2, 0) } });
    assert.ok(range.data.length < tokens.data.length);
    const lenses = await client.request<{ command: { title: string } }[]>('textDocument/codeLens', td);
    assert.deepEqual(lenses.map((l) => l.command.title), ['priority 1 (not coded)']);
    const hints = await client.request<{ label: string }[]>('textDocument/inlayHint', { ...td, range: { start: pos(0, 0), end: pos(30, 0) } });
    assert.match(hints[0]!.label, /^default: /);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { ...td, options: { tabSize: 8, insertSpaces: false } });
    const formatted = applyEdits(TEXT, edits);
    assert.match(formatted, /^ {2}LocalPortRange {11}443$/m, 'canonical layout, whatever the editor tab settings');
    const ranged = await client.request<TextEdit[]>('textDocument/rangeFormatting', { ...td, range: { start: pos(0, 0), end: pos(6, 1) }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(ranged.length > 0 && ranged.every((e) => e.range.start.line <= 6));
  });

  it('offers quick fixes for a diagnostic', async () => {
    await client.initialize();
    await client.open(URI, TEXT, 1);
    const published = await client.diagnosticsFor(URI, 1);
    const typo = published.diagnostics.find((d: Diagnostic) => d.code === 'unknown-parameter')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: typo.range, context: { diagnostics: [typo] } });
    const fix = actions.find((a) => a.title === "Change to 'TTLSEnabled'")!;
    assert.ok(fix.isPreferred);
    assert.match(applyEdits(TEXT, fix.edit!.changes![URI]!), /^ {2}TTLSEnabled On$/m);
  });

  it('applies settings pushed by the client: target release and rule severities', async () => {
    await client.initialize();
    await client.open(URI, TEXT, 1);
    await client.diagnosticsFor(URI, 1);
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { attls: { targetRelease: '3.2', rules: { 'unknown-parameter': 'off', 'duplicate-definition': 'info' } } } });
    const next = await client.diagnosticsFor(URI, 1, before);
    assert.ok(!next.diagnostics.some((d) => d.code === 'unknown-parameter'));
    assert.equal(next.diagnostics.find((d) => d.code === 'duplicate-definition')!.severity, 3);
    const hints = await client.request<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: { start: pos(0, 0), end: pos(30, 0) } });
    assert.match(hints[0]!.label, /TLSv1 Off/, 'z/OS 3.2 defaults');
  });

  it('pulls settings with workspace/configuration when the client supports it', async () => {
    client.configuration = { rules: { 'unknown-parameter': 'off' } };
    await client.initialize({}, { workspace: { configuration: true } });
    await client.open(URI, TEXT, 1);
    await client.until(() => client.published.find((p) => p.uri === URI && !p.diagnostics.some((d) => d.code === 'unknown-parameter')), 5000, 'diagnostics without unknown-parameter');
  });

  it('registers for setting changes when the client allows it, and applies a changed setting', async () => {
    // vscode-languageclient sends workspace/didChangeConfiguration only for a registered section.
    client.configuration = {};
    await client.initialize({}, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } });
    const reg = await client.until(() => client.registrations.find((r) => r.method === 'workspace/didChangeConfiguration'), 5000, 'a registration');
    assert.deepEqual(reg.registerOptions, { section: 'attls' });
    await client.open(URI, TEXT, 1);
    await client.until(() => client.published.find((p) => p.uri === URI && p.diagnostics.some((d) => d.code === 'unknown-parameter')), 5000, 'unknown-parameter');
    const before = client.published.length;
    client.configuration = { rules: { 'unknown-parameter': ['off'] } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const next = await client.diagnosticsFor(URI, 1, before);
    assert.ok(!next.diagnostics.some((d) => d.code === 'unknown-parameter'));
  });

  it('does not register for setting changes when the client cannot take registrations', async () => {
    await client.initialize({}, { workspace: { configuration: true } });
    await client.open(URI, TEXT, 1);
    await client.diagnosticsFor(URI, 1);
    assert.ok(!client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  it('shows the rule a code lens names when its command runs', async () => {
    await client.initialize({}, { window: { showDocument: { support: true } } });
    await client.open(URI, TEXT, 1);
    const shown: { uri: string; selection: { start: { line: number } } }[] = [];
    client.connection.onRequest('window/showDocument', (p: { uri: string; selection: { start: { line: number } } }) => {
      shown.push(p);
      return { success: true };
    });
    const lenses = await client.request<{ command: { command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    await client.request('workspace/executeCommand', { command: lenses[0]!.command.command, arguments: lenses[0]!.command.arguments });
    await client.until(() => shown[0]);
    assert.equal(shown[0]!.uri, URI);
    assert.equal(shown[0]!.selection.start.line, 0);
  });

  it('answers attls/match through the matcher, and says when there is none', async () => {
    await client.initialize();
    await client.open(URI, TEXT, 1);
    await assert.rejects(client.request('attls/match', { textDocument: { uri: URI }, connection: {} }), /not available/);
    const other = TestClient.inProcess({ files: null, matcher: (model, connection) => ({ rules: model.rules().map((r) => r.name), connection }) });
    await other.initialize();
    await other.open(URI, TEXT, 1);
    assert.deepEqual(await other.request('attls/match', { textDocument: { uri: URI }, connection: { direction: 'inbound' } }), { rules: ['Web'], connection: { direction: 'inbound' } });
    await other.dispose();
  });

  it('survives bad input: unknown documents, positions past the end, malformed parameters', async () => {
    await client.initialize();
    await client.open(URI, TEXT, 1);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nope' }, position: pos(0, 0) }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: URI }, position: pos(999, 999) }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nope' } }), []);
    // A malformed request is logged and answered empty, and the server goes on serving.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: URI } }), null);
    client.logs.length = 0;
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: pos(0, 2) });
    assert.match((hover.contents as MarkupContent).value, /TTLSRule/);
  });

  it('clears diagnostics when a document closes', async () => {
    await client.initialize();
    await client.open(URI, TEXT, 1);
    await client.diagnosticsFor(URI, 1);
    const before = client.published.length;
    await client.close(URI);
    const cleared = await client.until(() => client.published.slice(before).find((p) => p.uri === URI));
    assert.deepEqual(cleared.diagnostics, []);
  });
});
