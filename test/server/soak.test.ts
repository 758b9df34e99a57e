// Soak: 10,000 random edits (typing, deleting, pasting garbage) against the bundled server over
// stdio, with requests at random positions in between. No request may fail, nothing may be logged
// as an error, the process must stay up, and its heap after a full collection must stay flat.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { random } from '../support/random.js';
import { TestClient } from '../support/lsp-client.js';
import { repoRoot } from '../support/shared.js';

const BUNDLE = join(repoRoot, 'packages', 'server', 'dist', 'server.cjs');
const EDITS = 10_000;
const URI = 'file:///soak/policy.ttls';

const REQUESTS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/documentHighlight',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/selectionRange',
  'textDocument/semanticTokens/full',
  'textDocument/codeAction',
  'textDocument/codeLens',
  'textDocument/inlayHint',
  'textDocument/formatting',
  'textDocument/rename',
] as const;

interface Memory {
  heapUsed: number;
  rss: number;
  gc: boolean;
}

describe('language server soak', function () {
  this.timeout(180_000);

  it(`survives ${EDITS} random edits with requests in between, with flat memory`, async () => {
    const rnd = random(20261121);
    const int = (n: number): number => Math.floor(rnd() * n);
    const seed = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');
    const garbage = ['{', '}', '#', '"', '\n', '\r\n', ' ', '\t', 'TTLSRule', 'Ref', '\u00e9', '\ud83d\ude00', '\u0000', '{{{{', '}}}}', 'TLSv1.3 On', '...', '<x>', '\\'];
    const client = TestClient.spawn(process.execPath, ['--expose-gc', BUNDLE, '--stdio']);
    let text = seed;
    let version = 1;
    const lines = (): string[] => text.split('\n');
    const position = (offset: number): { line: number; character: number } => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1]!.length };
    };
    const randomPosition = (): { line: number; character: number } => {
      const ls = lines();
      const line = int(ls.length + 1);
      return { line, character: int((ls[line]?.length ?? 0) + 3) };
    };
    try {
      await client.initialize({ settings: { debounceMs: 2 } }, { textDocument: { completion: { completionItem: { snippetSupport: true } } } });
      await client.open(URI, text, version);
      await client.diagnosticsFor(URI, 1);
      let failures = 0;
      const pending: Promise<unknown>[] = [];
      let warm: Memory | undefined;
      for (let i = 0; i < EDITS; i++) {
        const kind = rnd();
        let start = int(text.length + 1);
        let end = start;
        let insert = '';
        if (kind < 0.5) insert = 'abcdefghijklmnopqrstuvwxyz TLSv.{}#\n'[int(36)]!;
        else if (kind < 0.75) end = Math.min(text.length, start + 1 + int(kind < 0.7 ? 3 : 200));
        else if (kind < 0.95) {
          const from = int(text.length);
          insert = rnd() < 0.5 ? text.slice(from, from + int(300)) : Array.from({ length: 1 + int(8) }, () => garbage[int(garbage.length)]).join('');
        } else if (kind < 0.99) {
          // Paste a whole block of real policy text somewhere.
          insert = seed.slice(int(seed.length / 2), seed.length);
        } else {
          start = 0;
          end = text.length;
          insert = rnd() < 0.8 ? seed : '';
        }
        // Never split a surrogate pair or a CRLF: clients send whole characters.
        const safe = (o: number): number => (o > 0 && o < text.length && /[\udc00-\udfff\n]/.test(text[o]!) && /[\ud800-\udbff\r]/.test(text[o - 1]!) ? o - 1 : o);
        start = safe(start);
        end = Math.max(start, safe(end));
        const range = { start: position(start), end: position(end) };
        text = text.slice(0, start) + insert + text.slice(end);
        if (text.length > 40_000) {
          const cut = { start: position(20_000), end: position(text.length) };
          void client.change(URI, ++version, [{ range, text: insert }]);
          text = text.slice(0, 20_000);
          void client.change(URI, ++version, [{ range: cut, text: '' }]);
        } else void client.change(URI, ++version, [{ range, text: insert }]);
        if (i % 4 === 0) {
          const method = REQUESTS[int(REQUESTS.length)]!;
          const p = randomPosition();
          const params: Record<string, unknown> = { textDocument: { uri: URI }, position: p };
          if (method === 'textDocument/references') params['context'] = { includeDeclaration: true };
          if (method === 'textDocument/selectionRange') params['positions'] = [p];
          if (method === 'textDocument/codeAction') Object.assign(params, { range: { start: p, end: randomPosition() }, context: { diagnostics: [] } });
          if (method === 'textDocument/inlayHint') params['range'] = { start: { line: 0, character: 0 }, end: randomPosition() };
          if (method === 'textDocument/formatting') params['options'] = { tabSize: 2, insertSpaces: true };
          if (method === 'textDocument/rename') params['newName'] = `n${i}`;
          pending.push(
            client.request(method, params).catch((e: Error) => {
              // Rename may refuse a position without a name; anything else is a failure.
              if (method === 'textDocument/rename' && /valid name|already exists/.test(e.message)) return;
              failures++;
              if (failures < 5) console.error(`${method} failed: ${e.message}`);
            }),
          );
        }
        if (pending.length >= 50) await Promise.all(pending.splice(0));
        // Now and then, let validation run to the end on whatever state the text is in.
        if (i % 250 === 0) await client.diagnosticsFor(URI, version, 0, 10_000);
        if (i === 1000) warm = await client.request<Memory>('attls/memoryUsage', {});
      }
      await Promise.all(pending.splice(0));
      // The server still answers, and with the final text.
      await client.diagnosticsFor(URI, version, 0, 10_000);
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
      assert.ok(Array.isArray(symbols));
      const end = await client.request<Memory>('attls/memoryUsage', {});
      if (process.env.ATTLS_SOAK_VERBOSE) console.log({ version, textLength: text.length, published: client.published.length, warm: warm!.heapUsed / 1e6, end: end.heapUsed / 1e6, rss: end.rss / 1e6 });
      assert.equal(failures, 0, 'no request failed');
      assert.deepEqual(client.errors(), [], 'nothing logged as an error');
      assert.equal(client.child!.exitCode, null, 'the server is still running');
      assert.ok(end.gc, 'the server ran with --expose-gc');
      const growth = (end.heapUsed - warm!.heapUsed) / 1e6;
      assert.ok(growth < 20, `heap grew ${growth.toFixed(1)} MB after the warm-up (from ${(warm!.heapUsed / 1e6).toFixed(1)} to ${(end.heapUsed / 1e6).toFixed(1)} MB)`);
      assert.ok(end.rss < 200e6, `RSS ${(end.rss / 1e6).toFixed(0)} MB`);
    } finally {
      await client.dispose();
    }
  });
});
