// Documents of a workspace and their analysis, cached: the parse per (uri, version) -- after an
// edit only the top-level statements it touched are parsed again --, the model of each policy set
// per set of versions, lint findings computed once per model. Hover, completion and
// definition read the model and never trigger lint rules.
import {
  buildModel,
  compareDiagnostics,
  DEFAULT_TARGET_RELEASE,
  parse,
  reparse,
  type Diagnostic,
  type LineIndex,
  type ParseResult,
  type PolicyModel,
  type Severity,
  type TargetRelease,
} from '@attls/language';
import { EMPTY_CONFIG, finishFile, mergeStackFindings, modelDiagnostics, RULES, runRules, type LintConfig, type Rule, type RuleSetting as LintRuleSetting } from '@attls/lint';
import type { Evaluator, Matcher, RuleEvaluation } from './evaluation.js';
import { computeNamedPolicySets, CONFIG_HINT, configLinks, readableName, type ConfigLinks, type NamedPolicySet } from './policy-sets.js';

export interface DocumentSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly parse: ParseResult;
  readonly lineIndex: LineIndex;
}

/** A rule's severity ('off' hides it), or its severity and options as in .attlslintrc.json. */
export type RuleSetting = Severity | 'off' | { readonly severity: Severity | 'off'; readonly options?: Readonly<Record<string, unknown>> };

export interface ServiceSettings {
  /**
   * z/OS release whose defaults and parameters apply. Undefined: the `targetRelease` of the
   * document's .attlslintrc.json, else the default release.
   */
  readonly targetRelease: TargetRelease | undefined;
  /** Severity overrides by diagnostic code ('off' hides it), over those of .attlslintrc.json. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Local folder standing for the z/OS root, where z/OS paths and data sets of pagent.conf are looked up (as `attls lint --root`). */
  readonly root?: string;
}

export interface WorkspaceOptions {
  readonly settings?: Partial<ServiceSettings>;
  readonly evaluator?: Evaluator;
  readonly matcher?: Matcher;
  /** Lint rules to run (default: the registry). */
  readonly lintRules?: readonly Rule[];
  /**
   * The .attlslintrc.json that applies to a document, as `attls lint` would find it; the editor's
   * settings are laid over it. Undefined: no configuration file.
   */
  readonly configFor?: (uri: string) => LintConfig | undefined;
}

interface DocEntry {
  uri: string;
  version: number;
  text: string;
  parsed?: ParseResult;
  /** The parse of an earlier version, until this one is parsed: only what the edit touched is parsed again. */
  earlier?: ParseResult;
  links?: ConfigLinks;
}

/** The analysis of one policy set at one combination of document versions. */
class SetEntry {
  model: PolicyModel | undefined;
  config: LintConfig | undefined;
  /** The lint rules' findings by document, once computed. */
  ruleFindings: Map<string, Diagnostic[]> | undefined;
  evaluation: RuleEvaluation | undefined;
  evaluated = false;
  constructor(
    readonly uris: readonly string[],
    readonly versions: readonly number[],
  ) {}
}

/** Codes that settings cannot switch off: the file structure itself. */
const isSyntax = (code: string): boolean => code.startsWith('syntax-');

export class Workspace {
  private readonly docs = new Map<string, DocEntry>();
  private readonly setCache = new Map<string, SetEntry>();
  private setsCache: NamedPolicySet[] | undefined;
  /** Workspace folders (URIs), for naming files in messages. */
  private folders: readonly string[] = [];
  private _settings: ServiceSettings;
  private lintRules: readonly Rule[];

  constructor(private readonly options: WorkspaceOptions = {}) {
    this._settings = { targetRelease: undefined, rules: {}, ...options.settings };
    this.lintRules = options.lintRules ?? RULES;
  }

  get settings(): ServiceSettings {
    return this._settings;
  }

  get evaluator(): Evaluator | undefined {
    return this.options.evaluator;
  }

  get matcher(): Matcher | undefined {
    return this.options.matcher;
  }

  /** Changes settings; every cached model is dropped since release and severities change results. */
  configure(settings: Partial<ServiceSettings>): void {
    if (settings.root !== undefined && settings.root !== this._settings.root) this.setsCache = undefined;
    this._settings = { ...this._settings, ...settings };
    this.setCache.clear();
  }

  /** The workspace folders; messages name other files relative to them. */
  setFolders(folders: readonly string[]): void {
    if (folders.length === this.folders.length && folders.every((f, i) => f === this.folders[i])) return;
    this.folders = [...folders];
    this.setCache.clear();
  }

  /** Adds or replaces a document's text; false when it already had this version and text. */
  setDocument(uri: string, text: string, version: number): boolean {
    const old = this.docs.get(uri);
    if (old && old.version === version && old.text === text) return false;
    if (!old || CONFIG_HINT.test(old.text) || CONFIG_HINT.test(text)) this.setsCache = undefined;
    const earlier = old?.parsed ?? old?.earlier;
    this.docs.set(uri, earlier ? { uri, version, text, earlier } : { uri, version, text });
    return true;
  }

  removeDocument(uri: string): void {
    if (!this.docs.delete(uri)) return;
    this.setsCache = undefined;
    for (const [key, entry] of this.setCache) if (entry.uris.includes(uri)) this.setCache.delete(key);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  /** A document's parse, computed at most once per version. */
  document(uri: string): DocumentSnapshot | undefined {
    const e = this.docs.get(uri);
    if (!e) return undefined;
    if (!e.parsed) {
      e.parsed = e.earlier ? reparse(e.earlier, e.text) : parse(e.text);
      e.earlier = undefined;
    }
    return { uri, version: e.version, text: e.text, parse: e.parsed, lineIndex: e.parsed.lineIndex };
  }

  private links(uri: string): ConfigLinks {
    const e = this.docs.get(uri);
    if (!e) return { common: [], stack: [], image: [] };
    if (!CONFIG_HINT.test(e.text)) return { common: [], stack: [], image: [] };
    return (e.links ??= configLinks(this.document(uri)!.parse));
  }

  private namedSets(): NamedPolicySet[] {
    this.setsCache ??= computeNamedPolicySets(this.uris(), (u) => this.links(u), { root: this._settings.root || undefined });
    return this.setsCache;
  }

  /** Every policy set of the workspace with more than one file. */
  allPolicySets(): string[][] {
    return this.namedSets().map((s) => s.files);
  }

  /**
   * The stacks whose policy a set is (TcpImage names); the stack file's name when the
   * configuration names none, so that a finding can still say which policy it holds for.
   */
  stacksOf(uris: readonly string[]): string[] {
    const key = uris.join('\u0000');
    const named = this.namedSets().find((s) => s.files.join('\u0000') === key);
    if (named && named.stacks.length > 0) return named.stacks;
    const last = uris[uris.length - 1];
    return last === undefined ? [] : [readableName(last, uris, this.folders)];
  }

  /** Policy sets a document belongs to, in reading order; a document in none is read alone. */
  policySetsOf(uri: string): string[][] {
    const sets = this.allPolicySets().filter((s) => s.includes(uri));
    return sets.length > 0 ? sets : [[uri]];
  }

  private setEntry(uris: readonly string[]): SetEntry {
    const key = uris.join('\u0000');
    const versions = uris.map((u) => this.docs.get(u)?.version ?? -1);
    let entry = this.setCache.get(key);
    if (!entry || entry.versions.some((v, i) => v !== versions[i])) {
      entry = new SetEntry(uris, versions);
      this.setCache.set(key, entry);
      if (this.setCache.size > 256) this.setCache.delete(this.setCache.keys().next().value!);
    }
    return entry;
  }

  /**
   * The lint configuration of a policy set: the .attlslintrc.json of its own (last) file, or of
   * any of its files, with the editor's settings over it.
   */
  private configOf(entry: SetEntry): LintConfig {
    if (!entry.config) {
      let file: LintConfig | undefined;
      for (let i = entry.uris.length - 1; i >= 0 && !file; i--) file = this.options.configFor?.(entry.uris[i]!);
      const base = file ?? EMPTY_CONFIG;
      const rules = new Map<string, LintRuleSetting>(base.rules);
      for (const [code, setting] of Object.entries(this._settings.rules)) {
        if (isSyntax(code)) continue;
        const { severity, options } = typeof setting === 'string' ? { severity: setting, options: undefined } : setting;
        rules.set(code, { severity, options: options ?? base.rules.get(code)?.options });
      }
      entry.config = { ...base, rules, targetRelease: this._settings.targetRelease ?? base.targetRelease };
    }
    return entry.config;
  }

  /** @internal The release that applies to a policy set. */
  _release(uris: readonly string[]): TargetRelease {
    return this.configOf(this.setEntry(uris)).targetRelease ?? DEFAULT_TARGET_RELEASE;
  }

  private modelOf(entry: SetEntry): PolicyModel {
    if (!entry.model) {
      const docs = entry.uris.filter((u) => this.docs.has(u)).map((u) => ({ uri: u, parse: this.document(u)!.parse }));
      const uris = entry.uris;
      entry.model = buildModel(docs, {
        targetRelease: this.configOf(entry).targetRelease ?? DEFAULT_TARGET_RELEASE,
        fileLabel: (uri) => readableName(uri, uris, this.folders),
      });
    }
    return entry.model;
  }

  /** The analysis of a document in its (first) policy set. */
  snapshot(uri: string): PolicySnapshot | undefined {
    const document = this.document(uri);
    if (!document) return undefined;
    const sets = this.policySetsOf(uri);
    return new PolicySnapshot(this, document, sets);
  }

  /** @internal */
  _model(uris: readonly string[]): PolicyModel {
    return this.modelOf(this.setEntry(uris));
  }

  /**
   * @internal Lint findings of a document in a set, finished as `attls lint` finishes them:
   * configured severities (file configuration, editor settings over it) and inline directives.
   */
  _diagnostics(uris: readonly string[], uri: string): Diagnostic[] {
    const entry = this.setEntry(uris);
    const model = this.modelOf(entry);
    const config = this.configOf(entry);
    entry.ruleFindings ??= runRules(model, this.lintRules, config);
    const doc = this.document(uri);
    if (!doc) return [];
    return [...finishFile(uri, doc.parse, modelDiagnostics(model, entry.ruleFindings, uri), { rules: this.lintRules, config }).diagnostics];
  }

  /** @internal */
  _evaluation(uris: readonly string[]): RuleEvaluation | undefined {
    const evaluator = this.options.evaluator;
    if (!evaluator) return undefined;
    const entry = this.setEntry(uris);
    if (!entry.evaluated) {
      entry.evaluated = true;
      try {
        entry.evaluation = evaluator(this.modelOf(entry));
      } catch {
        entry.evaluation = undefined;
      }
    }
    return entry.evaluation;
  }
}

/** One document seen through the policy set it belongs to. What every feature function takes. */
export class PolicySnapshot {
  constructor(
    readonly workspace: Workspace,
    readonly document: DocumentSnapshot,
    /** Policy sets that contain the document; the first is the one shown. */
    readonly sets: readonly (readonly string[])[],
  ) {}

  get uri(): string {
    return this.document.uri;
  }

  get text(): string {
    return this.document.text;
  }

  get release(): TargetRelease {
    return this.workspace._release(this.sets[0]!);
  }

  /**
   * The model of the document's first policy set. Hover, definition and the evaluation order of a
   * file that several stacks read show its first stack's view; diagnostics cover every stack.
   */
  get model(): PolicyModel {
    return this.workspace._model(this.sets[0]!);
  }

  /** Models of every set the document is in (references and rename look at all of them). */
  models(): PolicyModel[] {
    return this.sets.map((s) => this.workspace._model(s));
  }

  /** Another document of the workspace. */
  documentOf(uri: string): DocumentSnapshot | undefined {
    return uri === this.document.uri ? this.document : this.workspace.document(uri);
  }

  /**
   * Lint findings for this document (built-in checks and lint rules, settings applied). A file
   * read by several stacks (the common file) gets what every stack's policy finds in it, each
   * finding once and naming the stacks it holds for when not all -- as `attls lint` prints it.
   */
  diagnostics(): Diagnostic[] {
    if (this.sets.length === 1) return this.workspace._diagnostics(this.sets[0]!, this.uri);
    const perStack = this.sets.map((s) => ({ stacks: this.workspace.stacksOf(s), diagnostics: this.workspace._diagnostics(s, this.uri) }));
    return mergeStackFindings(perStack).sort(compareDiagnostics);
  }

  /** Evaluation order of the rules of the first set, when an evaluator is configured. */
  evaluation(): RuleEvaluation | undefined {
    return this.workspace._evaluation(this.sets[0]!);
  }
}
