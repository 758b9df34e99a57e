// A test client for the language server: vscode-languageserver's own client-side JSON-RPC over a
// pair of in-memory streams (server in this process) or over a child process's stdio.
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import {
  createConnection,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '@attls/server';

export interface LogEntry {
  readonly type: number;
  readonly message: string;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogEntry[] = [];
  private waiters: (() => void)[] = [];
  configuration: unknown = undefined;
  /** Capabilities the server registered dynamically (client/registerCapability), in order. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];

  constructor(
    readonly connection: ProtocolConnection,
    readonly child?: ChildProcess,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.wake();
    });
    connection.onNotification('window/logMessage', (p: LogEntry) => {
      this.logs.push(p);
      this.wake();
    });
    connection.onRequest('workspace/configuration', () => [this.configuration ?? null]);
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      this.wake();
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** A server in this process, talking over in-memory streams. */
  static inProcess(options: ServerOptions = { files: null }): TestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(serverConnection, options);
    serverConnection.listen();
    return new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
  }

  /** The server as a child process over stdio. */
  static spawn(command: string, args: string[]): TestClient {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', () => undefined);
    return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
  }

  async initialize(initializationOptions?: unknown, capabilities: ClientCapabilities = {}, rootUri: string | null = null): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri,
      capabilities,
      initializationOptions,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'attls', version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Waits until `check` returns something, or fails after `ms`. */
  async until<T>(check: () => T | undefined, ms = 5000, what = 'condition'): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The first diagnostics published for `uri` (at `version`, when given) after index `from`. */
  diagnosticsFor(uri: string, version?: number, from = 0, ms = 5000): Promise<PublishDiagnosticsParams> {
    return this.until(() => this.published.slice(from).find((p) => p.uri === uri && (version === undefined || p.version === version)), ms, `diagnostics of ${uri}${version !== undefined ? ` v${version}` : ''}`);
  }

  errors(): LogEntry[] {
    return this.logs.filter((l) => l.type === 1);
  }

  async dispose(): Promise<void> {
    if (this.child) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        if (this.child!.exitCode !== null) return resolve();
        const t = setTimeout(() => {
          this.child!.kill();
          resolve();
        }, 3000);
        this.child!.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }
}
