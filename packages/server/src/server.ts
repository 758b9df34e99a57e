// The language server: LSP wiring over @attls/service. Documents sync incrementally; diagnostics
// are debounced per document, coalesced (one validation per quiet period) and abandoned when a
// newer edit arrives; every handler is wrapped so that bad input yields an empty answer, never a crash.
import { isConfigurationText, loadPolicySet, TARGET_RELEASES, type Diagnostic, type PolicySet, type Severity, type TargetRelease } from '@attls/language';
import {
  documentLinks,
  findReferences,
  format,
  formatRange,
  getCodeActions,
  getCodeLenses,
  getCompletions,
  getDefinition,
  getDiagnostics,
  getDocumentHighlights,
  getDocumentSymbols,
  getFoldingRanges,
  getHover,
  getInlayHints,
  getSelectionRanges,
  getSemanticTokens,
  getWorkspaceSymbols,
  MatchInputError,
  namedFiles,
  pathMatches,
  toLspDiagnostic,
  prepareRename,
  rename,
  SEMANTIC_TOKENS_LEGEND,
  SHOW_RULE_COMMAND,
  toRange,
  Workspace,
  type Evaluator,
  type Matcher,
  type PolicySnapshot,
  type RuleSetting,
  type ServiceSettings,
} from '@attls/service';
import { checkFormatConfig, ConfigError, ConfigResolver, CONFIG_FILE_NAME, EMPTY_CONFIG, formatLayout, parseConfig, RULES, type FormatConfig, type LintConfig } from '@attls/lint';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument, type TextEdit as lspTextEdit } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { caseFilePolicyUris, getPropertyLenses } from '@attls/service/property-lenses';
import { evaluationOrderJson, explainJson, installedDiffJson } from './requests.js';
import { EditorTexts, folderPaths, insideFolders, loadWorkspaceFiles, readableFolders, readInside, readPolicyFile, type FileAccess } from './files.js';

export const SERVER_NAME = 'attls-language-server';
export const SERVER_VERSION = '0.1.0';

/** Quiet time after the last edit before a document is validated. */
export const DEFAULT_DEBOUNCE_MS = 150;

export interface ServerOptions {
  readonly evaluator?: Evaluator;
  readonly matcher?: Matcher;
  /** File system access for workspace scanning (default: node:fs). Tests pass a fake or none. */
  readonly files?: FileAccess | null;
}

/** Settings as the client sends them (section "attls"). */
interface ClientSettings {
  targetRelease?: string;
  rules?: Record<string, unknown>;
  debounceMs?: number;
  scanWorkspace?: boolean;
  root?: string;
  /** attls.format.valueColumn (0: not set) and attls.format.mode ('': not set). */
  format?: { valueColumn?: unknown; mode?: unknown };
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Cheap test before parsing a document as a Policy Agent configuration file. */
const CONFIG_TEXT = /ttlsconfig|tcpimage|pepinstance/i;

/**
 * Reads the "attls" settings leniently: unknown or malformed values are ignored. A rule's setting
 * takes the forms of `.attlslintrc.json` -- "severity" or ["severity", {options}] -- and
 * {severity, options}; options are checked as the configuration file's are, and dropped when
 * they do not pass (`problems` says why).
 */
export function readSettings(raw: unknown): Partial<ServiceSettings> & { debounceMs?: number; scanWorkspace?: boolean; format?: FormatConfig; problems?: string[] } {
  const s = (raw && typeof raw === 'object' ? raw : {}) as ClientSettings;
  const out: { targetRelease?: TargetRelease; rules?: Record<string, RuleSetting>; debounceMs?: number; scanWorkspace?: boolean; root?: string; format?: FormatConfig; problems?: string[] } = {};
  if (typeof s.targetRelease === 'string' && (TARGET_RELEASES as readonly string[]).includes(s.targetRelease)) out.targetRelease = s.targetRelease as TargetRelease;
  if (s.rules && typeof s.rules === 'object') {
    const rules: Record<string, RuleSetting> = {};
    const problems: string[] = [];
    for (const [code, v] of Object.entries(s.rules)) {
      let sev: unknown;
      let options: unknown;
      if (typeof v === 'string') sev = v;
      else if (Array.isArray(v)) [sev, options] = v as unknown[];
      else if (v && typeof v === 'object') ({ severity: sev, options } = v as { severity?: unknown; options?: unknown });
      if (typeof sev !== 'string' || !SEVERITIES.has(sev)) continue;
      const severity = sev as Severity | 'off';
      if (options === undefined) {
        rules[code] = severity;
        continue;
      }
      try {
        // The configuration file's own checks, on a one-rule configuration.
        const checked = parseConfig(JSON.stringify({ rules: { [code]: [severity, options] } }), 'attls.rules', RULES).rules.get(code);
        rules[code] = checked?.options ? { severity, options: checked.options } : severity;
      } catch (e) {
        problems.push(e instanceof ConfigError ? `${e.file}: ${e.reason}` : String(e));
        rules[code] = severity;
      }
    }
    out.rules = rules;
    if (problems.length > 0) out.problems = problems;
  }
  if (typeof s.root === 'string') out.root = s.root.trim();
  if (s.format && typeof s.format === 'object') {
    // 0 and '' are the settings' "not set": .attlslintrc.json decides, else the formatter.
    const given = Object.fromEntries(Object.entries(s.format).filter(([, v]) => v !== 0 && v !== '' && v !== null && v !== undefined));
    const f = checkFormatConfig(given);
    if ('problem' in f) (out.problems ??= []).push(`settings: ${f.problem}; the setting is ignored`);
    else out.format = f;
  }
  if (typeof s.debounceMs === 'number' && s.debounceMs >= 0 && s.debounceMs <= 5000) out.debounceMs = s.debounceMs;
  if (typeof s.scanWorkspace === 'boolean') out.scanWorkspace = s.scanWorkspace;
  return out;
}

/** Lets pending I/O (a newer edit) run before the next stage of a validation. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function startServer(connection: Connection, options: ServerOptions = {}): { workspace: Workspace } {
  /** The .attlslintrc.json of each document, resolved as `attls lint` resolves it. */
  const configs = new Map<string, LintConfig>();
  const ws = new Workspace({ evaluator: options.evaluator, matcher: options.matcher, configFor: (uri) => configs.get(uri) });
  const documents = new TextDocuments(TextDocument);
  const files = options.files === undefined ? undefined : options.files;
  let resolver = files ? newResolver() : undefined;
  /** Configuration files whose errors are shown, so that fixing one clears its diagnostic. */
  const brokenConfigs = new Set<string>();

  function newResolver(): ConfigResolver {
    return new ConfigResolver(async (path) => {
      // Nothing outside the workspace folders is read (with none, the configuration is looked up as `attls lint` does).
      const folders = folderPaths(roots);
      if (folders.length > 0 && !insideFolders(pathToFileURL(path).href, folders)) return undefined;
      try {
        return await files!.readFile(path);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw e;
      }
    }, RULES);
  }

  /** Finds the configuration of a document before it is first validated. */
  async function ensureConfig(uri: string): Promise<void> {
    if (!resolver || configs.has(uri) || !uri.startsWith('file:')) return;
    let config: LintConfig = EMPTY_CONFIG;
    try {
      config = await resolver.forFile(fileURLToPath(uri));
    } catch (e) {
      if (e instanceof ConfigError) {
        const configUri = pathToFileURL(e.file).href;
        brokenConfigs.add(configUri);
        void connection.sendDiagnostics({
          uri: configUri,
          diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1, source: 'attls', code: 'config-error', message: `This attls configuration cannot be used, so defaults apply: ${e.reason}` }],
        });
      } else log(`reading the configuration for ${uri} failed: ${(e as Error)?.message ?? String(e)}`);
    }
    if (!configs.has(uri)) {
      configs.set(uri, config);
      ws.configure({});
    }
  }

  /** Forgets every resolved configuration (a configuration file changed) and validates again. */
  function reloadConfigs(): void {
    if (!files) return;
    resolver = newResolver();
    configs.clear();
    for (const u of brokenConfigs) void connection.sendDiagnostics({ uri: u, diagnostics: [] });
    brokenConfigs.clear();
    ws.configure({});
    revalidateAll();
  }
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let scanWorkspace = true;
  let hasConfiguration = false;
  /** The client sends workspace/didChangeConfiguration only for a registration (VS Code's client among them). */
  let registerConfigurationChanges = false;
  let snippets = false;
  /** The editor's attls.format settings, laid over each document's .attlslintrc.json "format". */
  let formatSetting: FormatConfig = {};
  let initSettings: unknown;
  let roots: string[] = [];
  /** Versions of the files read from disk (closed documents), for re-reading after a close. */
  const onDisk = new Set<string>();
  /** Open documents with sequence numbers blanked out, and the numbers to put back. */
  const editorTexts = new EditorTexts();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Incremented per edit of a document; a validation that sees a newer number gives up. */
  const generation = new Map<string, number>();
  const published = new Set<string>();

  const log = (message: string): void => {
    try {
      connection.console.error(message);
    } catch {
      // the connection is gone
    }
  };

  /** Runs a handler, turning an exception into a logged error and an empty answer. */
  function safe<P, R>(name: string, fallback: R, fn: (params: P) => R): (params: P) => R {
    return (params: P) => {
      try {
        return fn(params);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
        return fallback;
      }
    };
  }

  const snapshot = (uri: string): PolicySnapshot | undefined => ws.snapshot(uri);

  // --- validation ---------------------------------------------------------------------------

  async function validate(uri: string): Promise<void> {
    const gen = generation.get(uri) ?? 0;
    const stale = (): boolean => (generation.get(uri) ?? 0) !== gen || !documents.get(uri);
    try {
      await ensureConfig(uri);
      if (stale()) return;
      const doc = documents.get(uri);
      if (!doc) return;
      const version = doc.version;
      ws.document(uri); // parse
      await yieldToEvents();
      if (stale()) return;
      const snap = snapshot(uri);
      if (!snap) return;
      void snap.model; // model and built-in checks
      await yieldToEvents();
      if (stale()) return;
      const diagnostics = getDiagnostics(snap); // lint rules
      // What reading the document found (sequence numbers ignored), configured like any code.
      for (const d of editorTexts.notesOf(uri)) {
        const set = ws.settings.rules[d.code] ?? configs.get(uri)?.rules.get(d.code);
        const severity = typeof set === 'string' ? set : (set?.severity ?? d.severity);
        if (severity !== 'off') diagnostics.push(toLspDiagnostic({ ...d, severity }, snap));
      }
      if (CONFIG_TEXT.test(snap.text) && isConfigurationText(snap.text)) {
        // A Policy Agent main configuration file: also what following it finds (missing files,
        // TcpImage naming a policy file, statements in the wrong file), as `attls lint` reports it.
        for (const d of await configurationFindings(uri, snap.text)) diagnostics.push(toLspDiagnostic(d, snap));
      }
      if (stale()) return;
      published.add(uri);
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      log(`validation of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  /** Follows a main configuration file as `attls lint` does, reading open documents first, then disk. */
  async function followConfiguration(uri: string, text: string): Promise<PolicySet | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    await ensureConfig(uri);
    const config = configs.get(uri);
    return loadPolicySet(fileURLToPath(uri), text, {
      root: ws.settings.root || config?.root,
      paths: config?.paths,
      // Open documents as the editor has them; files on disk only inside the workspace folders.
      read: async (p, within) => {
        const href = pathToFileURL(p).href;
        const open = documents.get(href);
        if (open) return ws.document(href)?.text ?? open.getText();
        if (!files) return undefined;
        return readInside(files, p, readableFolders(roots, uri), within);
      },
    });
  }

  /**
   * Files a configuration names that the workspace does not hold yet -- image files and data set
   * members have no policy file extension, so the workspace scan passes them by -- are added as
   * saved on disk, so that policy sets, references and rename reach them. True when any was added.
   */
  function adoptFiles(set: PolicySet): boolean {
    if (!files) return false;
    let added = false;
    for (const [path, doc] of set.documents) {
      const uri = pathToFileURL(path).href;
      if (documents.get(uri) || ws.has(uri)) continue;
      onDisk.add(uri);
      ws.setDocument(uri, doc.parse.text, -1);
      added = true;
    }
    return added;
  }

  /** What following a main configuration file finds (missing files, ...), for its diagnostics. */
  async function configurationFindings(uri: string, text: string): Promise<Diagnostic[]> {
    const set = await followConfiguration(uri, text);
    if (!set) return [];
    if (adoptFiles(set)) for (const u of dependents(uri)) schedule(u, debounceMs);
    return [...(set.diagnostics.get(fileURLToPath(uri)) ?? [])];
  }

  function schedule(uri: string, delay: number): void {
    generation.set(uri, (generation.get(uri) ?? 0) + 1);
    const old = timers.get(uri);
    if (old) clearTimeout(old);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  /** Open documents that share a policy set with `uri` (their diagnostics may change too). */
  function dependents(uri: string): string[] {
    const out = new Set<string>();
    for (const set of ws.policySetsOf(uri)) for (const u of set) if (u !== uri && documents.get(u)) out.add(u);
    return [...out];
  }

  function revalidateAll(): void {
    for (const d of documents.all()) schedule(d.uri, 0);
  }

  documents.onDidOpen((e) => {
    ws.setDocument(e.document.uri, editorTexts.prepare(e.document.uri, e.document.getText()), e.document.version);
    schedule(e.document.uri, 0);
    for (const u of dependents(e.document.uri)) schedule(u, debounceMs);
  });
  documents.onDidChangeContent((e) => {
    // The open event has stored this version already and scheduled its validation.
    if (!ws.setDocument(e.document.uri, editorTexts.prepare(e.document.uri, e.document.getText()), e.document.version)) return;
    schedule(e.document.uri, debounceMs);
    for (const u of dependents(e.document.uri)) schedule(u, debounceMs);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    generation.delete(uri);
    editorTexts.forget(uri);
    if (onDisk.has(uri) && files) {
      // Back to the saved text, which other files of its policy set still see.
      void readPolicyFile(files, uri, folderPaths(roots)).then((text) => {
        if (text !== undefined && !documents.get(uri)) ws.setDocument(uri, text, -1);
        else if (text === undefined && !documents.get(uri)) ws.removeDocument(uri);
      });
    } else ws.removeDocument(uri);
    if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  // --- settings -----------------------------------------------------------------------------

  function applySettings(raw: unknown): void {
    const s = readSettings(raw);
    for (const p of s.problems ?? []) log(`settings: ${p}`);
    if (s.debounceMs !== undefined) debounceMs = s.debounceMs;
    if (s.scanWorkspace !== undefined) scanWorkspace = s.scanWorkspace;
    formatSetting = s.format ?? {};
    const next: Partial<ServiceSettings> = {};
    // Unset: the document's .attlslintrc.json decides, else the default release.
    (next as { targetRelease?: TargetRelease }).targetRelease = s.targetRelease;
    if (s.root !== undefined) (next as { root?: string }).root = s.root;
    (next as { rules?: ServiceSettings['rules'] }).rules = s.rules ?? {};
    ws.configure(next);
  }

  async function pullSettings(): Promise<void> {
    if (!hasConfiguration) return;
    try {
      const [attls] = (await connection.workspace.getConfiguration([{ section: 'attls' }])) as unknown[];
      applySettings({ ...((initSettings as object) ?? {}), ...((attls as object) ?? {}) });
      revalidateAll();
    } catch (e) {
      log(`reading settings failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    registerConfigurationChanges = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    snippets = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    initSettings = init?.settings ?? init;
    applySettings(initSettings);
    roots = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (roots.length === 0 && params.rootUri) roots = [params.rootUri];
    ws.setFolders(roots);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' '], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'AT-TLS policy' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentLinkProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_RULE_COMMAND] },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (registerConfigurationChanges) {
      // Without this, VS Code never tells the server that a setting changed.
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'attls' }).catch((e: unknown) => log(`registering for setting changes failed: ${(e as Error)?.message ?? String(e)}`));
    }
    void (async () => {
      await pullSettings();
      if (scanWorkspace && files && roots.length > 0) {
        try {
          const found = await loadWorkspaceFiles(files, roots);
          for (const f of found) {
            onDisk.add(f.uri);
            if (!documents.get(f.uri)) ws.setDocument(f.uri, f.text, -1);
          }
          // Main configuration files lead to the files they name, whatever those are called.
          for (const f of found) {
            if (!CONFIG_TEXT.test(f.text) || !isConfigurationText(f.text)) continue;
            const set = await followConfiguration(f.uri, ws.document(f.uri)?.text ?? f.text);
            if (set) adoptFiles(set);
          }
          if (found.length > 0) revalidateAll();
        } catch (e) {
          log(`scanning the workspace failed: ${(e as Error)?.message ?? String(e)}`);
        }
      }
    })();
  });

  connection.onDidChangeConfiguration((change) => {
    if (hasConfiguration) void pullSettings();
    else {
      applySettings((change.settings as { attls?: unknown } | undefined)?.attls ?? change.settings);
      revalidateAll();
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (!files) return;
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) reloadConfigs();
    for (const change of params.changes) {
      if (change.uri.endsWith(`/${CONFIG_FILE_NAME}`)) continue;
      if (documents.get(change.uri)) continue;
      if (change.type === 3) {
        onDisk.delete(change.uri);
        ws.removeDocument(change.uri);
      } else {
        void readPolicyFile(files, change.uri, folderPaths(roots)).then((text) => {
          if (text === undefined || documents.get(change.uri)) return;
          onDisk.add(change.uri);
          ws.setDocument(change.uri, text, -1);
          revalidateAll();
        });
      }
    }
  });

  // --- requests -----------------------------------------------------------------------------

  /**
   * Edits go only to files inside the workspace folders; without folders (a single file opened),
   * only to open documents.
   */
  const mayEdit = (uri: string): boolean => {
    const folders = folderPaths(roots);
    return folders.length > 0 ? insideFolders(uri, folders) : !!documents.get(uri);
  };

  const withSnap = <R>(uri: string, fallback: R, fn: (snap: PolicySnapshot) => R): R => {
    const snap = snapshot(uri);
    return snap ? fn(snap) : fallback;
  };

  connection.onHover(safe('hover', null, (p) => withSnap(p.textDocument.uri, null, (s) => getHover(s, p.position))));
  connection.onCompletion(safe('completion', null, (p) => withSnap(p.textDocument.uri, null, (s) => getCompletions(s, p.position, { snippets }))));
  connection.onDefinition(safe('definition', null, (p) => withSnap(p.textDocument.uri, null, (s) => getDefinition(s, p.position))));
  connection.onReferences(safe('references', null, (p) => withSnap(p.textDocument.uri, null, (s) => findReferences(s, p.position, p.context.includeDeclaration))));
  connection.onDocumentHighlight(safe('documentHighlight', null, (p) => withSnap(p.textDocument.uri, null, (s) => getDocumentHighlights(s, p.position))));
  connection.onPrepareRename(safe('prepareRename', null, (p) => withSnap(p.textDocument.uri, null, (s) => prepareRename(s, p.position))));
  connection.onRenameRequest(
    safe('rename', null, (p) =>
      withSnap(p.textDocument.uri, null, (s) => {
        const r = rename(s, p.position, p.newName);
        if (!r) return null;
        if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
        const outside = Object.keys(r.edit.changes ?? {}).find((u) => !mayEdit(u));
        if (outside) throw new ResponseError(ErrorCodes.InvalidRequest, `The rename would change ${outside.startsWith('file:') ? fileURLToPath(outside) : outside}, which is outside the workspace folders; nothing was renamed.`);
        return r.edit;
      }),
    ),
  );
  connection.onDocumentSymbol(safe('documentSymbol', [], (p) => withSnap(p.textDocument.uri, [], (s) => getDocumentSymbols(s))));
  connection.onWorkspaceSymbol(safe('workspaceSymbol', [], (p) => getWorkspaceSymbols(ws, p.query)));
  connection.onFoldingRanges(safe('foldingRange', [], (p) => withSnap(p.textDocument.uri, [], (s) => getFoldingRanges(s.document))));
  connection.onSelectionRanges(safe('selectionRange', [], (p) => withSnap(p.textDocument.uri, [], (s) => getSelectionRanges(s.document, p.positions))));
  connection.languages.semanticTokens.on(safe('semanticTokens', { data: [] }, (p) => withSnap(p.textDocument.uri, { data: [] }, (s) => getSemanticTokens(s))));
  connection.languages.semanticTokens.onRange(safe('semanticTokensRange', { data: [] }, (p) => withSnap(p.textDocument.uri, { data: [] }, (s) => getSemanticTokens(s, p.range))));
  connection.onCodeAction(safe('codeAction', [], (p) => withSnap(p.textDocument.uri, [], (s) => getCodeActions(s, p.range, { only: p.context.only }).filter((a) => Object.keys(a.edit?.changes ?? {}).every(mayEdit)))));
  connection.onCodeLens(safe('codeLens', [], (p) => withSnap(p.textDocument.uri, [], (s) => getCodeLenses(s))));
  connection.languages.inlayHint.on(safe('inlayHint', [], (p) => withSnap(p.textDocument.uri, [], (s) => getInlayHints(s, p.range))));
  // The canonical layout (2-space indentation) is the same as `attls fmt`, whatever the editor's
  // tab settings, so that formatting in the editor and in CI never disagree.
  // Sequence numbers in columns 73-80 are put back into what the formatter writes.
  const restore = <E extends lspTextEdit>(uri: string, s: PolicySnapshot, edits: E[]): E[] => editorTexts.restore(uri, documents.get(uri)?.getText() ?? s.text, s.text, edits);
  // The mode and value column: the editor's settings, else the document's .attlslintrc.json, as
  // `attls fmt` takes them from the command line, else the configuration.
  const layoutOf = async (uri: string): Promise<ReturnType<typeof formatLayout>> => {
    await ensureConfig(uri).catch(() => undefined);
    return formatLayout(configs.get(uri)?.format, formatSetting);
  };
  connection.onDocumentFormatting(async (p) => {
    const layout = await layoutOf(p.textDocument.uri);
    return safe('formatting', [], () => withSnap(p.textDocument.uri, [], (s) => restore(p.textDocument.uri, s, format(s.document, layout))))(p);
  });
  connection.onDocumentRangeFormatting(async (p) => {
    const layout = await layoutOf(p.textDocument.uri);
    return safe('rangeFormatting', [], () => withSnap(p.textDocument.uri, [], (s) => restore(p.textDocument.uri, s, formatRange(s.document, p.range, layout))))(p);
  });

  // Paths and data set names of a main or image configuration file link to their local copies,
  // looked for where following the file looks (attls.root or the file's "root" and "paths"), and
  // only to files inside the workspace folders: open or known documents first, then the disk; a
  // workspace file of the same name stands in when none is where it is looked for, as in policy sets.
  connection.onDocumentLinks(async (p) => {
    const uri = p.textDocument.uri;
    try {
      const snap = snapshot(uri);
      if (!snap || !uri.startsWith('file:') || !CONFIG_TEXT.test(snap.text)) return [];
      await ensureConfig(uri);
      const config = configs.get(uri);
      const names = namedFiles(snap, fileURLToPath(uri), { root: ws.settings.root || config?.root, paths: config?.paths });
      const folders = readableFolders(roots, uri);
      const found = new Map<(typeof names)[number], { uri: string; path: string }>();
      for (const n of names) {
        for (const c of n.candidates) {
          const target = pathToFileURL(c.path).href;
          if (!insideFolders(target, folders)) continue;
          const known = !!documents.get(target) || ws.has(target);
          const read = known || !files ? undefined : await readInside(files, c.path, folders, c.within);
          if (known || typeof read === 'string' || (read && 'text' in read)) {
            found.set(n, { uri: target, path: c.path });
            break;
          }
        }
        if (!found.has(n)) {
          const standIn = ws.uris().find((u) => pathMatches(n.zosName, u) && insideFolders(u, folders));
          if (standIn) found.set(n, { uri: standIn, path: fileURLToPath(standIn) });
        }
      }
      return documentLinks(names, (n) => found.get(n));
    } catch (e) {
      log(`documentLink failed: ${(e as Error)?.stack ?? String(e)}`);
      return [];
    }
  });

  // The command behind the rule code lenses: show the rule the lens names.
  connection.onExecuteCommand(
    safe('executeCommand', null, (p) => {
      if (p.command !== SHOW_RULE_COMMAND) return null;
      const [uri, name] = (p.arguments ?? []) as [unknown, unknown];
      if (typeof uri !== 'string' || typeof name !== 'string') return null;
      const snap = snapshot(uri);
      const rule = snap?.model.resolve('TTLSRule', name);
      const doc = rule && snap!.documentOf(rule.doc.uri);
      if (!rule || !doc) return null;
      void connection.window.showDocument({ uri: doc.uri, selection: toRange(doc, rule.anchor), takeFocus: true }).catch(() => undefined);
      return null;
    }),
  );

  connection.onRequest(
    'attls/match',
    safe('attls/match', null, (p: { textDocument?: { uri?: string }; connection?: unknown }) => {
      const uri = p?.textDocument?.uri;
      if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'attls/match needs textDocument.uri');
      const matcher = ws.matcher;
      if (!matcher) throw new ResponseError(ErrorCodes.MethodNotFound, 'attls/match is not available: this server was built without rule evaluation');
      const snap = snapshot(uri);
      if (!snap) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}`);
      try {
        return matcher(snap.model, p.connection);
      } catch (e) {
        if (e instanceof MatchInputError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
        throw e;
      }
    }),
  );

  // The table behind the editor's "Show rule evaluation order" command.
  connection.onRequest(
    'attls/evaluationOrder',
    safe('attls/evaluationOrder', null, (p: { textDocument?: { uri?: string } }) => {
      const uri = p?.textDocument?.uri;
      if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'attls/evaluationOrder needs textDocument.uri');
      const snap = snapshot(uri);
      if (!snap) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}`);
      const evaluation = snap.evaluation();
      if (!evaluation) throw new ResponseError(ErrorCodes.MethodNotFound, 'the evaluation order is not available: this server was built without rule evaluation');
      return evaluationOrderJson(evaluation);
    }),
  );

  // The editor's "Explain return code or log line" command; the open policy, when given, is the
  // one the log lines are compared with.
  connection.onRequest(
    'attls/explain',
    safe('attls/explain', null, (p: { text?: unknown; textDocument?: { uri?: string } }) => {
      if (typeof p?.text !== 'string' || p.text.trim() === '') throw new ResponseError(ErrorCodes.InvalidParams, 'attls/explain needs text');
      const uri = p.textDocument?.uri;
      const model = typeof uri === 'string' ? snapshot(uri)?.model : undefined;
      return explainJson(p.text, model);
    }),
  );

  // Lenses on the properties of an `attls test` case file, which the client sends as it stands (a
  // YAML file is no policy, so it is not synchronised). The policy files it names are read from
  // the editor or from disk, only inside the workspace folders (or the case file's folder).
  connection.onRequest('attls/propertyLenses', async (p: { textDocument?: { uri?: string }; text?: unknown }) => {
    const uri = p?.textDocument?.uri;
    if (typeof uri !== 'string' || typeof p.text !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'attls/propertyLenses needs textDocument.uri and text');
    try {
      const inside = roots.length > 0 ? roots.map((r) => (r.endsWith('/') ? r : `${r}/`)) : [new URL('.', uri).href];
      const texts = new Map<string, string | undefined>();
      for (const u of caseFilePolicyUris(uri, p.text) ?? []) {
        const open = documents.get(u)?.getText() ?? (ws.has(u) ? ws.document(u)?.text : undefined);
        texts.set(u, open ?? (files && inside.some((r) => u.startsWith(r)) ? await readPolicyFile(files, u) : undefined));
      }
      return getPropertyLenses(uri, p.text, texts, ws.settings.targetRelease);
    } catch (e) {
      log(`attls/propertyLenses failed: ${(e as Error)?.stack ?? String(e)}`);
      return [];
    }
  });

  // The editor's "Compare with installed policy..." command: the open policy against the text of
  // a pasearch report the user chose (the editor reads the file; the server reads nothing).
  connection.onRequest(
    'attls/compareInstalled',
    safe('attls/compareInstalled', null, (p: { textDocument?: { uri?: string }; report?: { uri?: unknown; text?: unknown }; image?: unknown }) => {
      const uri = p?.textDocument?.uri;
      const report = p?.report;
      if (typeof uri !== 'string' || typeof report?.uri !== 'string' || typeof report.text !== 'string') {
        throw new ResponseError(ErrorCodes.InvalidParams, 'attls/compareInstalled needs textDocument.uri and report.uri and report.text');
      }
      const snap = snapshot(uri);
      if (!snap) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}`);
      const r = installedDiffJson(snap.model, { uri: report.uri, text: report.text }, typeof p.image === 'string' ? p.image : undefined);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidParams, r.error);
      return r;
    }),
  );

  /** Memory after a full collection when the process allows one; used by the soak test and the benchmark. */
  connection.onRequest('attls/memoryUsage', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, gc: !!gc };
  });

  documents.listen(connection);
  return { workspace: ws };
}
