// The bundled server as a real process: over stdio and over Node IPC, started through its bin,
// with a clean shutdown; and it finds policy files of the workspace folder that are not open.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver/node';
import type { Hover, Location, MarkupContent } from 'vscode-languageserver-types';
import { TestClient } from '../support/lsp-client.js';
import { repoRoot } from '../support/shared.js';

const BIN = join(repoRoot, 'packages', 'server', 'bin', 'attls-language-server.js');
const BUNDLE = join(repoRoot, 'packages', 'server', 'dist', 'server.cjs');

describe('language server (process)', function () {
  this.timeout(30000);

  it('serves over stdio through its bin and exits cleanly on shutdown/exit', async () => {
    const client = TestClient.spawn(process.execPath, [BIN, '--stdio']);
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, 'attls-language-server');
    const uri = 'file:///x/p.ttls';
    await client.open(uri, 'TTLSGroupAction g\n{\n  TTLSEnabld On\n}\n');
    const d = await client.diagnosticsFor(uri, 1);
    assert.ok(d.diagnostics.some((x) => x.code === 'unknown-parameter'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.match((hover.contents as MarkupContent).value, /TTLSGroupAction/);
    const exited = new Promise<number | null>((resolve) => client.child!.once('exit', (code) => resolve(code)));
    await client.dispose();
    assert.equal(await exited, 0);
  });

  it('serves over Node IPC', async () => {
    const child = fork(BUNDLE, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const init = (await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: { hoverProvider?: boolean } };
      assert.equal(init.capabilities.hoverProvider, true);
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });

  it('reads the workspace folder: definitions in files that are not open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attls-ws-'));
    try {
      writeFileSync(join(dir, 'pagent.conf'), 'CommonTTLSConfig /etc/pagent/common.ttls\nTTLSConfig /etc/pagent/stack.ttls\n');
      writeFileSync(join(dir, 'common.ttls'), 'TTLSGroupAction gShared\n{\n  TTLSEnabled Off\n}\n');
      const stack = 'TTLSRule r\n{\n  Direction Inbound\n  LocalPortRange 21\n  TTLSGroupActionRef gShared\n}\n';
      writeFileSync(join(dir, 'stack.ttls'), stack);
      const client = TestClient.spawn(process.execPath, [BUNDLE, '--stdio']);
      await client.initialize({}, {}, pathToFileURL(dir).href);
      const uri = pathToFileURL(join(dir, 'stack.ttls')).href;
      await client.open(uri, stack);
      // Once the scan has found common.ttls, the reference resolves and the diagnostic goes away.
      await client.until(() => client.published.find((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'undefined-reference')), 10000, 'resolved reference');
      const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 4, character: 24 } });
      assert.equal(defs[0]!.uri, pathToFileURL(join(dir, 'common.ttls')).href);
      await client.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('evaluates rules in the bundled server: attls/match and lenses with the order', async () => {
    const client = TestClient.spawn(process.execPath, [BUNDLE, '--stdio']);
    try {
      await client.initialize();
      const uri = 'file:///x/sysa.ttls';
      await client.open(uri, readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8'));
      await client.diagnosticsFor(uri, 1);
      const answer = await client.request<{ rule: { name: string } | null; secured: boolean }>('attls/match', {
        textDocument: { uri },
        connection: { direction: 'inbound', local_port: '992', jobname: 'TN3270A' },
      });
      assert.deepEqual([answer.rule?.name, answer.secured], ['TN3270Secure', true]);
      await assert.rejects(client.request('attls/match', { textDocument: { uri }, connection: { direction: 'up' } }), /direction/);
      const lenses = await client.request<{ command?: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(lenses.some((l) => l.command?.title === 'shadowed by MonitorExempt'), JSON.stringify(lenses.map((l) => l.command?.title)));
      assert.deepEqual(client.errors(), []);
    } finally {
      await client.dispose();
    }
  });
});
