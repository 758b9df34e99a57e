// The VS Code client for AT-TLS policies: starts the bundled language server over Node IPC,
// forwards the "attls" settings, claims policies by their content, and adds the commands that show
// their answers in a webview. Everything about policies is the server's; this file only asks and shows.
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
import { decodeFile, looksLikePolicy } from './detect';
import { renderInstalledDiff, type InstalledDiff } from './installed-diff';
import { installedLenses, matchArgument } from './lenses';
import { announceClaim, mayClaim, withDeclined } from './claim';
import { explainableSelection, fromInputBox, toInputBox } from './explain-input';
import { reasonAfterEdits } from './suppress';

const LANGUAGE = 'attls';
const LAST_CONNECTION = 'attls.lastConnection';
const LAST_EXPLAIN = 'attls.lastExplain';
/** Documents whose claim the user undid, by URI: they keep the language VS Code gave them. */
const DECLINED = 'attls.detect.declined';
/** The command of the server's rule code lenses (SHOW_RULE_COMMAND of packages/service). */
const SHOW_RULE = 'attls.showRule';
/** Selects a range after a code action's edit; internal, not in the Command Palette. */
const SELECT_RANGE = 'attls.selectRange';
/** Shows the last comparison of a policy with its installed policy; the command of its lenses. */
const SHOW_INSTALLED = 'attls.showInstalled';
/** The pasearch report last compared with, offered first by the next comparison. */
const LAST_REPORT = 'attls.lastReport';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let trace: (vscode.LogOutputChannel & vscode.Disposable) | undefined;
let starting: Promise<void> | undefined;
/** The AT-TLS document last active in an editor, for commands run from elsewhere (a log file). */
let lastPolicy: vscode.Uri | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('AT-TLS Language Server', { log: true });
  trace = traceChannel(output);
  context.subscriptions.push(output, trace);
  context.subscriptions.push(
    vscode.commands.registerCommand('attls.restartServer', () => restart(context)),
    // From the palette it asks for a connection; a property lens gives one ({policy, connection, answer}).
    vscode.commands.registerCommand('attls.matchConnection', (arg?: unknown) => matchConnection(context, arg)),
    vscode.commands.registerCommand('attls.compareInstalled', (report?: unknown) => compareInstalled(context, report)),
    vscode.commands.registerCommand(SHOW_INSTALLED, (policy: unknown) => showInstalled(typeof policy === 'string' ? policy : undefined)),
    vscode.languages.registerCodeLensProvider({ language: LANGUAGE }, installedLensProvider()),
    vscode.languages.registerCodeLensProvider([{ pattern: '**/*.yaml' }, { pattern: '**/*.yml' }], propertyLensProvider(context)),
    // Property lenses answer for the policies a case file names: they change with them.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === LANGUAGE && e.contentChanges.length > 0) policiesChanged();
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.languageId === LANGUAGE) policiesChanged();
    }),
    vscode.commands.registerCommand('attls.showEvaluationOrder', () => showEvaluationOrder(context)),
    vscode.commands.registerCommand('attls.explain', () => explain(context)),
    vscode.commands.registerCommand(SELECT_RANGE, selectRange),
    // The extension also wakes for Plain Text, Properties and, after start-up, any document, to
    // claim policies by their content; the server starts only once an AT-TLS document is open.
    vscode.workspace.onDidOpenTextDocument((doc) => void onOpen(context, doc)),
    vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e?.document.languageId === LANGUAGE) lastPolicy = e.document.uri;
    }),
  );
  if (vscode.window.activeTextEditor?.document.languageId === LANGUAGE) lastPolicy = vscode.window.activeTextEditor.document.uri;
  for (const doc of vscode.workspace.textDocuments) await onOpen(context, doc);
}

async function onOpen(context: vscode.ExtensionContext, doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId === LANGUAGE) {
    await ensureClient(context);
    return;
  }
  await claim(context, doc);
}

/** Documents claimed in this session: each is switched once, so a language chosen by hand stays. */
const claimed = new Set<string>();

/**
 * Switches a document that VS Code labelled otherwise (Properties, Plain Text...) to AT-TLS Policy
 * when its content is a policy, and offers to undo it; an undo is remembered for that document.
 */
async function claim(context: vscode.ExtensionContext, doc: vscode.TextDocument): Promise<void> {
  const key = doc.uri.toString();
  if (claimed.has(key) || !mayClaim({ scheme: doc.uri.scheme, path: doc.uri.path, languageId: doc.languageId })) return;
  if (!vscode.workspace.getConfiguration('attls', doc.uri).get<boolean>('detectByContent', true)) return;
  if (context.globalState.get<readonly string[]>(DECLINED, []).includes(key)) return;
  if (!looksLikePolicy(doc.getText())) return;
  claimed.add(key);
  const before = doc.languageId;
  try {
    // Re-opens the document under language attls; onOpen runs again for it and starts the server.
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  } catch (e) {
    // Closed meanwhile, or refused: leave it as it is.
    output?.warn(`could not open ${key} as AT-TLS Policy: ${(e as Error).message}`);
    return;
  }
  if (!announceClaim(doc.uri.scheme)) return;
  const name = path.posix.basename(doc.uri.path) || key;
  void vscode.window.showInformationMessage(`${name} reads as an AT-TLS policy, so it is now open as AT-TLS Policy.`, 'Undo').then(async (choice) => {
    if (choice !== 'Undo') return;
    await context.globalState.update(DECLINED, withDeclined(context.globalState.get<readonly string[]>(DECLINED, []), key));
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (current && current.languageId === LANGUAGE) await vscode.languages.setTextDocumentLanguage(current, before);
  });
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
    traceOutputChannel: trace,
    initializationOptions: { settings: settingsFor(undefined) },
    middleware: {
      // The rule lenses open the evaluation-order panel at their rule; other clients get the
      // server's answer to the command (the rule shown in the editor).
      executeCommand: async (command, args, next) => {
        const [uri, name] = args as [unknown, unknown];
        if (command === SHOW_RULE && typeof uri === 'string' && typeof name === 'string') {
          await showEvaluationOrder(context, vscode.Uri.parse(uri), name);
          return undefined;
        }
        return next(command, args);
      },
      // A suppression comment selects its placeholder reason once inserted, ready to be typed over.
      provideCodeActions: async (document, range, ctx, token, next) => {
        const actions = await next(document, range, ctx, token);
        for (const a of actions ?? []) if (a instanceof vscode.CodeAction) selectReasonAfter(a, document.uri);
        return actions;
      },
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

/**
 * The channel the client writes its LSP trace to. vscode-languageclient 11 traces only while its
 * channel's log level is Trace, and writes at that level, so `attls.trace.server` on its own showed
 * nothing. Here the setting is enough: while it asks for a trace, the level reads as Trace and
 * trace lines are written as ordinary lines of the "AT-TLS Language Server" channel.
 */
function traceChannel(out: vscode.LogOutputChannel): vscode.LogOutputChannel & vscode.Disposable {
  const wanted = (): boolean => vscode.workspace.getConfiguration('attls').get<string>('trace.server', 'off') !== 'off';
  const level = (): vscode.LogLevel => (wanted() ? vscode.LogLevel.Trace : out.logLevel);
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  const watching = [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('attls.trace.server')) changed.fire(level());
    }),
    out.onDidChangeLogLevel(() => changed.fire(level())),
  ];
  const channel = {
    get name() {
      return out.name;
    },
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: changed.event,
    trace: (message: string, ...args: unknown[]) => (wanted() ? out.info(message, ...args) : out.trace(message, ...args)),
    debug: (message: string, ...args: unknown[]) => out.debug(message, ...args),
    info: (message: string, ...args: unknown[]) => out.info(message, ...args),
    warn: (message: string, ...args: unknown[]) => out.warn(message, ...args),
    error: (error: string | Error, ...args: unknown[]) => out.error(error, ...args),
    append: (value: string) => out.append(value),
    appendLine: (value: string) => out.appendLine(value),
    replace: (value: string) => out.replace(value),
    clear: () => out.clear(),
    // Both forms of show: (preserveFocus) and the older (column, preserveFocus).
    show: (a?: unknown, b?: unknown) => (typeof a === 'boolean' || a === undefined ? out.show(a) : out.show(a as vscode.ViewColumn, b as boolean | undefined)),
    hide: () => out.hide(),
    // The channel itself belongs to the extension; only the listeners end here.
    dispose: () => {
      for (const w of watching) w.dispose();
      changed.dispose();
    },
  };
  return channel as vscode.LogOutputChannel & vscode.Disposable;
}

/** Gives a suppression fix a command that selects its placeholder reason after the edit. */
function selectReasonAfter(action: vscode.CodeAction, uri: vscode.Uri): void {
  if (action.command || !action.edit) return;
  const edits = action.edit.get(uri);
  const reason = edits.length ? reasonAfterEdits(edits) : undefined;
  if (!reason) return;
  action.command = { title: 'Select the reason', command: SELECT_RANGE, arguments: [uri.toString(), reason.start.line, reason.start.character, reason.end.line, reason.end.character] };
}

function selectRange(uri: string, line: number, character: number, endLine: number, endCharacter: number): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor) return;
  const range = editor.document.validateRange(new vscode.Range(line, character, endLine, endCharacter));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function settingsFor(scope: vscode.Uri | undefined): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('attls', scope);
  return { targetRelease: c.get('targetRelease'), rules: c.get('rules'), root: resolveRoot(c.get('root'), scope), format: c.get('format') };
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

/** The policy to compare a log with: the one policyEditor finds, else the AT-TLS document last active. */
function policyDocument(): vscode.Uri | undefined {
  const editor = policyEditor();
  if (editor) return editor.document.uri;
  const last = lastPolicy?.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === last && d.languageId === LANGUAGE)?.uri;
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

async function matchConnection(context: vscode.ExtensionContext, arg?: unknown): Promise<void> {
  // A property lens's counterexample: the answer is given, nothing to ask.
  const given = matchArgument(arg);
  if (given) {
    const policy = vscode.Uri.parse(given.policy);
    const locate = await locator(policy);
    show('attls.match', `AT-TLS match: ${given.answer.rule?.name ?? 'no rule'}`, renderMatch(given.answer, given.connection, locate));
    return;
  }
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

/** The evaluation-order panel for the policy `of` (default: the active one), at rule `focus` if given. */
async function showEvaluationOrder(context: vscode.ExtensionContext, of?: vscode.Uri, focus?: string): Promise<void> {
  const uri = of ?? policyEditor()?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open an AT-TLS policy first: the table shows the rules of the policy in the active editor.');
    return;
  }
  const c = await running(context);
  if (!c) return;
  let answer: OrderAnswer;
  try {
    answer = await c.sendRequest<OrderAnswer>('attls/evaluationOrder', { textDocument: { uri: uri.toString() } });
  } catch (e) {
    void vscode.window.showErrorMessage(`AT-TLS: ${(e as Error).message}`);
    return;
  }
  const locate = await locator(uri);
  show('attls.order', `AT-TLS rule order: ${path.posix.basename(uri.path)}`, renderOrder(answer, locate, focus));
}

// --- compare with the installed policy -------------------------------------------------------------

/** A policy compared with a pasearch report: what the panel and the lenses show. */
interface Installed {
  readonly policy: vscode.Uri;
  readonly report: vscode.Uri;
  readonly text: string;
  readonly image?: string;
  diff: InstalledDiff;
  /** The policy document's version the comparison is of. */
  version: number;
}

/** The last comparison of each policy, by the policy's URI. */
const installed = new Map<string, Installed>();
const installedChanged = new vscode.EventEmitter<void>();

/**
 * "Compare with installed policy...": the policy in the active editor (its whole policy set)
 * against a pasearch report the user picks (or the URI given), in a panel that links both sides;
 * the rules the report shows differently get a lens until the next comparison.
 */
async function compareInstalled(context: vscode.ExtensionContext, arg?: unknown): Promise<void> {
  const editor = policyEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Open an AT-TLS policy first: it is compared with the installed policy that a pasearch report shows.');
    return;
  }
  let report = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? toUri(arg) : undefined;
  if (!report) {
    const last = context.workspaceState.get<string>(LAST_REPORT);
    const picked = await vscode.window.showOpenDialog({
      title: 'pasearch report to compare the policy with (the output of pasearch -t)',
      openLabel: 'Compare',
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      defaultUri: last ? vscode.Uri.parse(last) : vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri,
    });
    report = picked?.[0];
    if (!report) return;
  }
  await context.workspaceState.update(LAST_REPORT, report.toString());
  const name = path.posix.basename(report.path);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(report);
  } catch (e) {
    void vscode.window.showErrorMessage(`AT-TLS: cannot read ${name}: ${(e as Error).message}`);
    return;
  }
  const read = decodeFile(bytes);
  if ('refused' in read) {
    void vscode.window.showErrorMessage(`AT-TLS: ${name} is not read: ${read.refused}`);
    return;
  }
  const c = await running(context);
  if (!c) return;
  const doc = editor.document;
  const state = await requestInstalled(c, doc, report, read.text, undefined, true);
  if (!state) return;
  installed.set(doc.uri.toString(), state);
  installedChanged.fire();
  // The focus stays in the policy: VS Code drops a pending code lens refresh when its editor loses
  // the focus, so the rule lenses would only appear after a click back into it.
  showInstalled(doc.uri.toString(), true);
}

/**
 * Asks the server to compare; for a report of several stacks, asks which one (only when `ask`).
 * Undefined when the server refuses (said in a message) or the user cancels.
 */
async function requestInstalled(c: LanguageClient, doc: vscode.TextDocument, report: vscode.Uri, text: string, image: string | undefined, ask: boolean): Promise<Installed | undefined> {
  const version = doc.version;
  try {
    const r = await c.sendRequest<{ diff: InstalledDiff }>('attls/compareInstalled', { textDocument: { uri: doc.uri.toString() }, report: { uri: report.toString(), text }, ...(image ? { image } : {}) });
    return { policy: doc.uri, report, text, image, diff: r.diff, version };
  } catch (e) {
    const message = (e as Error).message;
    const several = /several images \(([^)]+)\)/.exec(message);
    if (several && ask) {
      const stack = await vscode.window.showQuickPick(several[1]!.split(/,\s*/), { title: `${path.posix.basename(report.path)} shows several TCP/IP stacks: which one does this policy belong to?` });
      return stack ? requestInstalled(c, doc, report, text, stack, false) : undefined;
    }
    if (ask) void vscode.window.showErrorMessage(`AT-TLS: ${shortenUri(message)}`);
    else output?.warn(`comparing with the installed policy again failed: ${message}`);
    return undefined;
  }
}

/** A file: URI in a message, as the path a person reads. */
function shortenUri(message: string): string {
  return message.replace(/file:\/\/\S+/g, (u) => {
    try {
      return vscode.Uri.parse(u).fsPath;
    } catch {
      return u;
    }
  });
}

/** The panel of the last comparison of a policy (default: the latest one made). */
function showInstalled(policy: string | undefined, preserveFocus = false): void {
  const state = (policy ? installed.get(policy) : undefined) ?? [...installed.values()].pop();
  if (!state) return;
  show('attls.installed', `AT-TLS installed: ${path.posix.basename(state.report.path)}`, renderInstalledDiff(state.diff), preserveFocus);
}

/**
 * Lenses on the rules the last comparison found different. An edited policy is compared again
 * with the same report text when its lenses are asked for, so that they follow the edits.
 */
function installedLensProvider(): vscode.CodeLensProvider {
  return {
    onDidChangeCodeLenses: installedChanged.event,
    provideCodeLenses: async (doc) => {
      if (installed.size === 0) return [];
      const own = installed.get(doc.uri.toString());
      if (own && own.version !== doc.version && client?.isRunning()) {
        const again = await requestInstalled(client, doc, own.report, own.text, own.image, false);
        if (again) {
          installed.set(doc.uri.toString(), again);
          if (panels.has('attls.installed')) showInstalled(doc.uri.toString(), true);
        }
      }
      const out: vscode.CodeLens[] = [];
      for (const state of installed.values()) {
        for (const l of installedLenses(state.diff, doc.uri.toString())) {
          out.push(new vscode.CodeLens(new vscode.Range(l.line, 0, l.line, 0), { title: l.title, tooltip: l.tooltip, command: SHOW_INSTALLED, arguments: [state.policy.toString()] }));
        }
      }
      return out;
    },
  };
}

// --- property lenses of attls test case files -------------------------------------------------------

const propertyLensesChanged = new vscode.EventEmitter<void>();
let policiesTimer: ReturnType<typeof setTimeout> | undefined;

/** A policy changed: the property lenses of case files are asked for again, once typing pauses. */
function policiesChanged(): void {
  if (policiesTimer) clearTimeout(policiesTimer);
  policiesTimer = setTimeout(() => propertyLensesChanged.fire(), 500);
}

interface LspLens {
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly command?: { readonly title: string; readonly command: string; readonly arguments?: unknown[] };
}

/**
 * "holds" or "fails: ..." on each property of a YAML case file that names a policy, from the
 * server's attls/propertyLenses; a failing one opens the match panel on its counterexample.
 */
function propertyLensProvider(context: vscode.ExtensionContext): vscode.CodeLensProvider {
  return {
    onDidChangeCodeLenses: propertyLensesChanged.event,
    provideCodeLenses: async (doc, token) => {
      const text = doc.getText();
      // Only case files with properties: a YAML file of anything else never starts the server.
      if (!/^properties\s*:/m.test(text) || !/^policy\s*:/m.test(text)) return [];
      await ensureClient(context).catch((e: Error) => output?.error(`starting the server failed: ${e.message}`));
      if (!client?.isRunning()) return [];
      let lenses: LspLens[];
      try {
        lenses = (await client.sendRequest<LspLens[]>('attls/propertyLenses', { textDocument: { uri: doc.uri.toString() }, text }, token)) ?? [];
      } catch (e) {
        output?.warn(`property lenses of ${doc.uri.toString()}: ${(e as Error).message}`);
        return [];
      }
      return lenses.map((l) => {
        const range = new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character);
        // A lens without a command id is shown as text ("holds", or why the file cannot be used).
        return new vscode.CodeLens(range, l.command ? { title: l.command.title, command: l.command.command, arguments: l.command.arguments } : undefined);
      });
    },
  };
}

// --- explain -------------------------------------------------------------------------------------

async function explain(context: vscode.ExtensionContext): Promise<void> {
  // Always asked: a selection is only offered, and only when it is a code or an AT-TLS log line.
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? explainableSelection(editor.document.getText(editor.selection)) : undefined;
  const typed = await vscode.window.showInputBox({
    title: 'Explain an AT-TLS return code or log line',
    prompt: 'A return code such as 402, several codes, or EZD1281I-EZD1287I log lines (select them in a log first; \u23CE separates lines)',
    placeHolder: '402',
    value: selected !== undefined ? toInputBox(selected) : (context.globalState.get<string>(LAST_EXPLAIN) ?? ''),
    ignoreFocusOut: true,
  });
  if (!typed || !typed.trim()) return;
  await context.globalState.update(LAST_EXPLAIN, typed.trim());
  const input = fromInputBox(typed);
  const c = await running(context);
  if (!c) return;
  const policy = policyDocument();
  let answer: ExplainAnswer;
  try {
    answer = await c.sendRequest<ExplainAnswer>('attls/explain', { text: input, textDocument: policy ? { uri: policy.toString() } : undefined });
  } catch (e) {
    void vscode.window.showErrorMessage(`AT-TLS: explain failed: ${(e as Error).message}`);
    return;
  }
  show('attls.explain', 'AT-TLS explained', renderExplain(answer, input));
}

// --- panels --------------------------------------------------------------------------------------

const panels = new Map<string, vscode.WebviewPanel>();

/** Shows `body` in the panel of `kind`, reusing it, beside the policy; `preserveFocus` leaves the focus where it is. */
function show(kind: string, title: string, body: string, preserveFocus = false): void {
  let panel = panels.get(kind);
  // All panels share one column beside the policy, rather than each opening a new one.
  const column = panel?.viewColumn ?? [...panels.values()].find((p) => p.viewColumn !== undefined)?.viewColumn ?? vscode.ViewColumn.Beside;
  if (!panel) {
    panel = vscode.window.createWebviewPanel(kind, title, { viewColumn: column, preserveFocus }, { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
    panels.set(kind, panel);
    panel.onDidDispose(() => panels.delete(kind));
    panel.webview.onDidReceiveMessage((m: { type?: string; file?: string; line?: number; character?: number }) => {
      if (m?.type === 'open' && typeof m.file === 'string') void reveal({ file: m.file, line: m.line ?? 0, character: m.character ?? 0 });
    });
  }
  panel.title = title;
  panel.webview.html = page(title, body, nonce(), panel.webview.cspSource);
  panel.reveal(column, preserveFocus);
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
