// The VS Code client for AT-TLS policies: starts the bundled language server over Node IPC,
// forwards the "attls" settings, and adds the commands that show their answers in a webview.
// Everything about policies is the server's; this file only asks and shows.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  page,
  renderExplain,
  renderMatch,
  renderOrder,
  type ConnectionFields,
  type ExplainAnswer,
  type Locate,
  type MatchAnswer,
  type OrderAnswer,
  type Place,
} from './render';
import { looksLikePolicy } from './detect';

const LANGUAGE = 'attls';
const LAST_CONNECTION = 'attls.lastConnection';
const LAST_EXPLAIN = 'attls.lastExplain';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let starting: Promise<void> | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('AT-TLS Language Server', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('attls.restartServer', () => restart(context)),
    vscode.commands.registerCommand('attls.matchConnection', () => matchConnection(context)),
    vscode.commands.registerCommand('attls.showEvaluationOrder', () => showEvaluationOrder(context)),
    vscode.commands.registerCommand('attls.explain', () => explain(context)),
    // The extension also wakes for plain-text files, to claim policies that have no extension; the
    // server starts only once an AT-TLS document is open.
    vscode.workspace.onDidOpenTextDocument((doc) => void onOpen(context, doc)),
  );
  for (const doc of vscode.workspace.textDocuments) await onOpen(context, doc);
}

async function onOpen(context: vscode.ExtensionContext, doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId === 'plaintext' && !/\.[^/\\.]+$/.test(doc.uri.path.replace(/^.*[/\\]/, '').replace(/^\./, '')) && looksLikePolicy(doc.getText())) {
    // Re-opens the document under language attls; this handler runs again for it.
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    return;
  }
  if (doc.languageId === LANGUAGE) await ensureClient(context);
}

/** Starts the language server once; later calls wait for that start. */
async function ensureClient(context: vscode.ExtensionContext): Promise<void> {
  if (!client) {
    client = createClient(context);
    starting = client.start();
  }
  await starting;
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Any scheme: files, untitled editors, and members opened from z/OS through remote file systems.
    documentSelector: [{ language: LANGUAGE }],
    outputChannel: output,
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{ttls,attls,pagent}'),
        vscode.workspace.createFileSystemWatcher('**/pagent*.conf'),
        vscode.workspace.createFileSystemWatcher('**/.attlslintrc.json'),
      ],
    },
    initializationOptions: { settings: settingsFor(undefined) },
    middleware: {
      workspace: {
        // The server reads section "attls"; resolve attls.root against its workspace folder here,
        // where the folder is known.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            const item = params.items[i];
            if (item?.section !== 'attls' || !value || typeof value !== 'object') return value;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return { ...(value as object), root: resolveRoot((value as { root?: unknown }).root, scope) };
          });
        },
      },
    },
  };
  return new LanguageClient(LANGUAGE, 'AT-TLS Language Server', serverOptions, clientOptions);
}

/** attls.root as an absolute path ('' when unset); relative paths start at the workspace folder. */
function resolveRoot(root: unknown, scope: vscode.Uri | undefined): string {
  if (typeof root !== 'string' || root.trim() === '') return '';
  const r = root.trim().replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~');
  if (path.isAbsolute(r)) return r;
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, r) : r;
}

function settingsFor(scope: vscode.Uri | undefined): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('attls', scope);
  return { targetRelease: c.get('targetRelease'), rules: c.get('rules'), root: resolveRoot(c.get('root'), scope) };
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    try {
      await client.stop();
    } catch (e) {
      output?.appendLine(`stopping the server failed: ${(e as Error).message}`);
    }
    await client.dispose();
  }
  client = createClient(context);
  starting = client.start();
  await starting;
  void vscode.window.setStatusBarMessage('AT-TLS language server restarted', 3000);
}

/** The policy the command is about: the active AT-TLS editor, else the only visible one. */
function policyEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === LANGUAGE) return active;
  const visible = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === LANGUAGE);
  return visible.length === 1 ? visible[0] : undefined;
}

async function running(context: vscode.ExtensionContext): Promise<LanguageClient | undefined> {
  await ensureClient(context).catch((e: Error) => output?.error(`starting the server failed: ${e.message}`));
  if (client?.isRunning()) return client;
  void vscode.window.showErrorMessage('The AT-TLS language server is not running. Run "AT-TLS: Restart language server" and look at its output channel.');
  return undefined;
}

// --- match ---------------------------------------------------------------------------------------

interface Prompt {
  readonly key: keyof ConnectionFields;
  readonly title: string;
  readonly placeHolder: string;
  readonly validate: (v: string) => string | undefined;
}

const PORT = (v: string): string | undefined => (v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535) ? undefined : 'A port is a number from 1 to 65535.');
const ADDRESS = (v: string): string | undefined =>
  v === '' || /^\d{1,3}(\.\d{1,3}){3}$/.test(v) || (/^[0-9A-Fa-f:.]+$/.test(v) && v.includes(':')) ? undefined : 'An IPv4 or IPv6 address, such as 192.0.2.10 or 2001:db8::1.';
const NAME = (v: string): string | undefined => (v === '' || /^[A-Za-z0-9@#$]{1,8}$/.test(v) ? undefined : 'Up to 8 characters: letters, digits, @, # or $.');

const PROMPTS: readonly Prompt[] = [
  { key: 'local_port', title: 'Local port', placeHolder: 'the z/OS side, e.g. 992 for a TN3270 server; empty when unknown', validate: PORT },
  { key: 'remote_port', title: 'Remote port', placeHolder: 'the partner side, e.g. 443 for an outbound call; empty when unknown', validate: PORT },
  { key: 'local_addr', title: 'Local address', placeHolder: 'the z/OS address, e.g. 10.1.1.1; empty when unknown', validate: ADDRESS },
  { key: 'remote_addr', title: 'Remote address', placeHolder: 'the partner address, e.g. 192.0.2.10; empty when unknown', validate: ADDRESS },
  { key: 'jobname', title: 'Job name', placeHolder: 'the z/OS job or started task that owns the socket, e.g. TN3270; empty when unknown', validate: NAME },
  { key: 'userid', title: 'User ID', placeHolder: 'the user ID the job runs under, e.g. TCPIP; empty when unknown', validate: NAME },
];

/** Asks for a connection, offering the last answers; undefined when the user cancels. */
async function askConnection(context: vscode.ExtensionContext): Promise<ConnectionFields | undefined> {
  const last = context.globalState.get<ConnectionFields>(LAST_CONNECTION) ?? {};
  const steps = PROMPTS.length + 1;
  const directions = ['Inbound', 'Outbound'].map((d) => ({
    label: d,
    description: d === 'Inbound' ? 'a partner connects to a z/OS server' : 'a z/OS application connects out',
    picked: d.toLowerCase() === (last.direction ?? '').toLowerCase(),
  }));
  if (last.direction?.toLowerCase() === 'outbound') directions.reverse();
  const direction = await vscode.window.showQuickPick(directions, {
    title: `Which rule matches a connection (1/${steps}): direction`,
    placeHolder: 'Inbound or outbound, as seen from z/OS',
    ignoreFocusOut: true,
  });
  if (!direction) return undefined;
  const answer: Record<string, string> = { direction: direction.label.toLowerCase() };
  let step = 2;
  for (const p of PROMPTS) {
    const value = await vscode.window.showInputBox({
      title: `Which rule matches a connection (${step++}/${steps}): ${p.title}`,
      prompt: p.title,
      placeHolder: p.placeHolder,
      value: (last[p.key] as string | undefined) ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => p.validate(v.trim()),
    });
    if (value === undefined) return undefined;
    answer[p.key] = p.key === 'jobname' || p.key === 'userid' ? value.trim().toUpperCase() : value.trim();
  }
  await context.globalState.update(LAST_CONNECTION, answer);
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer)) if (v !== '') fields[k] = v;
  return fields as ConnectionFields;
}

async function matchConnection(context: vscode.ExtensionContext): Promise<void> {
  const editor = policyEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Open an AT-TLS policy first: the match command answers for the policy in the active editor.');
    return;
  }
  const c = await running(context);
  if (!c) return;
  const fields = await askConnection(context);
  if (!fields) return;
  const uri = editor.document.uri;
  let answer: MatchAnswer;
  try {
    answer = await c.sendRequest<MatchAnswer>('attls/match', { textDocument: { uri: uri.toString() }, connection: fields });
  } catch (e) {
    void vscode.window.showErrorMessage(`AT-TLS: the match failed: ${(e as Error).message}`);
    return;
  }
  if (!answer) {
    void vscode.window.showErrorMessage('AT-TLS: the server gave no answer for this policy.');
    return;
  }
  const locate = await locator(uri);
  show('attls.match', `AT-TLS match: ${answer.rule?.name ?? 'no rule'}`, renderMatch(answer, fields, locate));
}

// --- evaluation order ----------------------------------------------------------------------------

async function showEvaluationOrder(context: vscode.ExtensionContext): Promise<void> {
  const editor = policyEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Open an AT-TLS policy first: the table shows the rules of the policy in the active editor.');
    return;
  }
  const c = await running(context);
  if (!c) return;
  const uri = editor.document.uri;
  let answer: OrderAnswer;
  try {
    answer = await c.sendRequest<OrderAnswer>('attls/evaluationOrder', { textDocument: { uri: uri.toString() } });
  } catch (e) {
    void vscode.window.showErrorMessage(`AT-TLS: ${(e as Error).message}`);
    return;
  }
  const locate = await locator(uri);
  show('attls.order', `AT-TLS rule order: ${path.basename(uri.path)}`, renderOrder(answer, locate));
}

// --- explain -------------------------------------------------------------------------------------

async function explain(context: vscode.ExtensionContext): Promise<void> {
  const c = await running(context);
  if (!c) return;
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  let input = selected;
  if (!input.trim()) {
    const typed = await vscode.window.showInputBox({
      title: 'Explain an AT-TLS return code or log line',
      prompt: 'A return code such as 202, several codes, or an EZD1281I-EZD1287I message (select several log lines in an editor to explain them together)',
      value: context.globalState.get<string>(LAST_EXPLAIN) ?? '',
      ignoreFocusOut: true,
    });
    if (!typed || !typed.trim()) return;
    input = typed.trim();
    await context.globalState.update(LAST_EXPLAIN, input);
  }
  const policy = policyEditor();
  let answer: ExplainAnswer;
  try {
    answer = await c.sendRequest<ExplainAnswer>('attls/explain', { text: input, textDocument: policy ? { uri: policy.document.uri.toString() } : undefined });
  } catch (e) {
    void vscode.window.showErrorMessage(`AT-TLS: explain failed: ${(e as Error).message}`);
    return;
  }
  show('attls.explain', 'AT-TLS explained', renderExplain(answer, input));
}

// --- panels --------------------------------------------------------------------------------------

const panels = new Map<string, vscode.WebviewPanel>();

/** Shows `body` in the panel of `kind`, reusing it, beside the policy. */
function show(kind: string, title: string, body: string): void {
  let panel = panels.get(kind);
  // All panels share one column beside the policy, rather than each opening a new one.
  const column = panel?.viewColumn ?? [...panels.values()].find((p) => p.viewColumn !== undefined)?.viewColumn ?? vscode.ViewColumn.Beside;
  if (!panel) {
    panel = vscode.window.createWebviewPanel(kind, title, { viewColumn: column, preserveFocus: false }, { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
    panels.set(kind, panel);
    panel.onDidDispose(() => panels.delete(kind));
    panel.webview.onDidReceiveMessage((m: { type?: string; file?: string; line?: number; character?: number }) => {
      if (m?.type === 'open' && typeof m.file === 'string') void reveal({ file: m.file, line: m.line ?? 0, character: m.character ?? 0 });
    });
  }
  panel.title = title;
  panel.webview.html = page(title, body, nonce(), panel.webview.cspSource);
  panel.reveal(column, false);
}

function toUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

async function reveal(place: Place): Promise<void> {
  const uri = toUri(place.file);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const pos = new vscode.Position(Math.max(0, place.line), Math.max(0, place.character ?? 0));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Where the named statements of a policy are, from the server's document symbols. Only for what an
 * answer does not place itself: it sees the active file only and matches names of any kind.
 */
async function locator(uri: vscode.Uri): Promise<Locate> {
  const byName = new Map<string, Place>();
  try {
    const symbols = (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    const walk = (list: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): void => {
      for (const s of list) {
        const range = 'selectionRange' in s ? s.selectionRange : s.location.range;
        const file = 'location' in s ? s.location.uri.toString() : uri.toString();
        const place = { file, line: range.start.line, character: range.start.character };
        // Symbols are named "TTLSRule X" or "X" depending on the server: index both spellings.
        const name = s.name.trim();
        const last = name.split(/\s+/).pop() ?? name;
        if (!byName.has(name)) byName.set(name, place);
        if (!byName.has(last)) byName.set(last, place);
        if ('children' in s && s.children) walk(s.children);
      }
    };
    walk(symbols);
  } catch (e) {
    output?.appendLine(`document symbols failed: ${(e as Error).message}`);
  }
  return (name: string) => byName.get(name);
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}
