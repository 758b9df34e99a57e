// The bundled server as a real process: over stdio and over Node IPC, started through its bin,
// with a clean shutdown; it finds policy files of the workspace folder that are not open; and its
// attls/match answers as `attls match --format json` does.
import assert from 'node:assert/strict';
import { execFile, fork } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver/node';
import type { Hover, Location, MarkupContent } from 'vscode-languageserver-types';
import { TestClient } from '../support/lsp-client.js';
import { repoRoot } from '../support/shared.js';

const BIN = join(repoRoot, 'packages', 'server', 'bin', 'attls-language-server.js');
const BUNDLE = join(repoRoot, 'packages', 'server', 'dist', 'server.cjs');
const ATTLS = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');

/**
 * The answer with every file URI written as the path it stands for: the one way the two answers
 * may differ, since the server knows documents by URI and the CLI by the paths it was given.
 */
function pathsForUris(value: unknown, uris: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const [uri, path] of uris) s = s.split(uri).join(path);
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => pathsForUris(v, uris));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pathsForUris(v, uris)]));
  return value;
}

/** `attls match --format json` as a user runs it: the bin, in a process. */
async function cliMatch(files: readonly string[], connection: Readonly<Record<string, string>>): Promise<unknown> {
  const options = Object.entries(connection).flatMap(([k, v]) => [`--${k.replace('_', '-')}`, v]);
  const { stdout } = await promisify(execFile)(process.execPath, [ATTLS, 'match', ...files, ...options, '--format', 'json']);
  return JSON.parse(stdout);
}

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

  it('starts through its bin from a folder whose path has a space', async () => {
    // Installed under "C:\Users\Jane Doe\..." or "~/My Tools/...": the bin must find its bundle there.
    const dir = mkdtempSync(join(tmpdir(), 'attls server '));
    try {
      mkdirSync(join(dir, 'bin'));
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      copyFileSync(BIN, join(dir, 'bin', 'attls-language-server.js'));
      copyFileSync(BUNDLE, join(dir, 'dist', 'server.cjs'));
      const client = TestClient.spawn(process.execPath, [join(dir, 'bin', 'attls-language-server.js'), '--stdio']);
      try {
        const died = new Promise<never>((_, reject) => client.child!.once('exit', (code) => reject(new Error(`server exited with ${code}`))));
        died.catch(() => undefined);
        const init = await Promise.race([client.initialize(), died]);
        assert.equal(init.serverInfo?.name, 'attls-language-server');
      } finally {
        await client.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Through the bin, as an editor configured with `attls-language-server --node-ipc` starts it,
  // and through the bundle, as the VS Code extension forks it.
  for (const [how, entry] of [
    ['its bin', BIN],
    ['the bundle', BUNDLE],
  ] as const) {
    it(`serves over Node IPC through ${how} and exits cleanly on shutdown/exit`, async () => {
      const child = fork(entry, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      const published: { uri: string; diagnostics: { code?: unknown }[] }[] = [];
      connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: unknown }[] }) => void published.push(p));
      connection.listen();
      try {
        // A server that dies at start fails the test at once rather than at the timeout.
        const died = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited with ${code} before answering`))));
        died.catch(() => undefined);
        const init = (await Promise.race([connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), died])) as { capabilities: { hoverProvider?: boolean }; serverInfo?: { name: string } };
        assert.equal(init.capabilities.hoverProvider, true);
        assert.equal(init.serverInfo?.name, 'attls-language-server');
        await connection.sendNotification('initialized', {});
        const uri = 'file:///x/ipc.ttls';
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'attls', version: 1, text: 'TTLSGroupAction g\n{\n  TTLSEnabld On\n}\n' } });
        const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } })) as Hover;
        assert.match((hover.contents as MarkupContent).value, /TTLSGroupAction/);
        const end = Date.now() + 10000;
        while (!published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'unknown-parameter')) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
        assert.ok(published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'unknown-parameter')), 'diagnostics over IPC');
        await connection.sendRequest('shutdown');
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        await connection.sendNotification('exit');
        assert.equal(await exited, 0);
      } finally {
        connection.dispose();
        if (child.exitCode === null) child.kill();
      }
    });
  }

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

  describe('attls/match gives the JSON of attls match --format json', () => {
    // A single file, and a common file with a stack's file that a pagent.conf joins: the server
    // finds the set from the workspace folder, the CLI is given both files, common first.
    const COMMON = 'TTLSGroupAction gShared\n{\n  TTLSEnabled On\n  Trace 2\n}\nTTLSEnvironmentAction eShared\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring TCPIP/Shared\n  }\n}\n';
    const STACK = 'TTLSRule Web\n{\n  Priority 20\n  Direction Inbound\n  LocalPortRange 443\n  Jobname WEB*\n  TTLSGroupActionRef gShared\n  TTLSEnvironmentActionRef eShared\n}\nTTLSRule Any443\n{\n  Priority 10\n  Direction Inbound\n  LocalPortRange 400-500\n  TTLSGroupActionRef gShared\n  TTLSEnvironmentActionRef eLocal\n}\nTTLSEnvironmentAction eLocal\n{\n  HandshakeRole ServerWithClientAuth\n  TTLSKeyringParmsRef kLocal\n}\nTTLSKeyringParms kLocal\n{\n  Keyring TCPIP/Local\n}\n';
    const cases: { name: string; connection: Record<string, string>; set: boolean }[] = [
      { name: 'a secured connection with settings (one file)', connection: { direction: 'inbound', local_port: '992', jobname: 'TN3270A', remote_addr: '10.1.2.3' }, set: false },
      { name: 'a clear connection with rules that also match (one file)', connection: { direction: 'outbound', remote_port: '9005', jobname: 'MONAGT01' }, set: false },
      { name: 'no rule (one file)', connection: { direction: 'inbound', local_port: '7', userid: 'NOBODY' }, set: false },
      { name: 'a rule and actions spread over a common and a stack file', connection: { direction: 'inbound', local_port: '450', jobname: 'CICS1' }, set: true },
    ];
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'attls-match-'));
      writeFileSync(join(dir, 'sysa.ttls'), readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8'));
      mkdirSync(join(dir, 'set'));
      writeFileSync(join(dir, 'set', 'pagent.conf'), 'CommonTTLSConfig /etc/pagent/common.ttls\nTTLSConfig /etc/pagent/stack.ttls\n');
      writeFileSync(join(dir, 'set', 'common.ttls'), COMMON);
      writeFileSync(join(dir, 'set', 'stack.ttls'), STACK);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const c of cases) {
      it(c.name, async () => {
        const files = c.set ? [join(dir, 'set', 'common.ttls'), join(dir, 'set', 'stack.ttls')] : [join(dir, 'sysa.ttls')];
        const opened = files[files.length - 1]!;
        const uri = pathToFileURL(opened).href;
        const client = TestClient.spawn(process.execPath, [BIN, '--stdio']);
        try {
          await client.initialize({}, {}, pathToFileURL(c.set ? join(dir, 'set') : dir).href);
          await client.open(uri, readFileSync(opened, 'utf8'));
          // The set is complete once the common file's definitions resolve the stack's references.
          await client.until(() => client.published.find((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'undefined-reference')), 10000, 'the policy set');
          const lsp = await client.request('attls/match', { textDocument: { uri }, connection: c.connection });
          const cli = await cliMatch(files, c.connection);
          const uris = new Map(files.map((f) => [pathToFileURL(f).href, f]));
          assert.deepEqual(pathsForUris(lsp, uris), cli);
          // The comparison is not empty: the answers name the files (only by path after normalising).
          assert.ok(JSON.stringify(cli).includes(JSON.stringify(opened).slice(1, -1)) || (cli as { rule: unknown }).rule === null);
          assert.ok(!JSON.stringify(pathsForUris(lsp, uris)).includes('file://'));
        } finally {
          await client.dispose();
        }
      });
    }
  });
});
