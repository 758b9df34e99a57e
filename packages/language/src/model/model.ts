// The policy model: what each statement and parameter of one or more files means, which names
// are defined, and what every `...Ref` points at. Files are given in Policy Agent's reading order
// (a common file before the stack's own file); a later definition of the same kind and name wins.
import { catalogue, DEFAULT_TARGET_RELEASE, type ForeignStatementSpec, type ParameterSpec, type StatementSpec, type TargetRelease } from '../catalogue/index.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostic.js';
import type { Item, ParameterNode, StatementNode, Word } from '../syntax/ast.js';
import type { ParseResult } from '../syntax/parse.js';
import type { Span } from '../text.js';

/** One parsed file of a policy. */
export interface PolicyDocument {
  /** Identity of the file (a path for the CLI, a URI in the editor). */
  readonly uri: string;
  readonly parse: ParseResult;
}

export interface ModelOptions {
  /** z/OS release whose defaults and parameters apply. */
  readonly targetRelease?: TargetRelease;
  /**
   * How a message names another file of the policy. Document ids are paths for the CLI but
   * `file:` URIs in the editor, where a message should show a path a person reads, not a URI.
   * Default: the id itself.
   */
  readonly fileLabel?: (uri: string) => string;
}

/** A parameter line inside a statement. */
export interface ParamInfo {
  readonly node: ParameterNode;
  readonly owner: StatementInfo;
  /** Catalogue entry; undefined when the keyword is unknown or not valid in the owner. */
  readonly spec: ParameterSpec | undefined;
  readonly keyword: Word;
  readonly values: readonly Word[];
  /** Case-insensitive key of the keyword (the catalogue's own string when the catalogue knows it). */
  readonly key: string;
  /** For a `...Ref` parameter with a name: the reference, resolved once the model is built. */
  readonly reference: Reference | undefined;
}

/** A `...Ref` parameter and the statement it names. */
export interface Reference {
  readonly param: ParamInfo;
  /** Statement kind the name must refer to. */
  readonly refKind: string;
  readonly name: string;
  readonly word: Word;
  /** The definition Policy Agent would use (the last one of that kind and name), if any. */
  target: StatementInfo | undefined;
}

/**
 * Lower-case key of a keyword. Not memoised here on purpose: keywords are substrings of the
 * document, and V8 keeps a whole document alive behind each such substring, so a cache of keys
 * would pin every version of a file the editor ever analysed. The catalogue knows the keys of its
 * own spellings, which covers nearly every lookup without allocating.
 */
function lowerKey(k: string): string {
  return catalogue.keyOf(k);
}

/**
 * Statements with more parameters than this get a map for lookups by keyword; smaller ones are
 * scanned. Used by the model's lookups and by the repeated-parameter check alike.
 */
export const LONG_STATEMENT = 16;
const NONE: readonly ParamInfo[] = Object.freeze([]) as readonly ParamInfo[];

/** Shared by every statement without inline blocks (most of them) until it gets one. */
const NO_CHILDREN: StatementInfo[] = Object.freeze([]) as unknown as StatementInfo[];

/**
 * A statement of the policy: a block statement (`TTLSRule r { ... }`, also nested ones such as an
 * inline `TTLSKeyringParms { ... }`) or a one-line configuration statement (`TTLSConfig path`).
 */
export class StatementInfo {
  readonly params: ParamInfo[] = [];
  readonly children: StatementInfo[] = NO_CHILDREN;
  private byKey: Map<string, ParamInfo[]> | undefined;
  // Fields rather than getters: rules read these hundreds of thousands of times, mostly from code
  // V8 has not optimised yet, where a getter is a call and a field is a load. A policy has far
  // fewer statements than words, so the three fields cost little memory.
  readonly keyword: Word;
  /** Catalogue name of the statement kind ("TTLSRule"), undefined when unknown. */
  readonly kind: string | undefined;
  /** The name word of a block statement. */
  readonly nameWord: Word | undefined;
  readonly name: string | undefined;

  constructor(
    readonly node: StatementNode | ParameterNode,
    readonly doc: PolicyDocument,
    readonly parent: StatementInfo | undefined,
    /** Catalogue entry; undefined for unknown keywords. */
    readonly spec: StatementSpec | undefined,
    /** Set for Policy Agent statements outside AT-TLS (IpSecConfig, ...). */
    readonly foreign: ForeignStatementSpec | undefined,
    /** Position in reading order across all files of the model. */
    readonly order: number,
  ) {
    this.keyword = node.keyword;
    this.kind = spec?.name;
    this.nameWord = node.kind === 'statement' ? node.name : undefined;
    this.name = this.nameWord?.text;
  }

  /** Adds an inline block, while the model is built. */
  addChild(child: StatementInfo): void {
    if (this.children === NO_CHILDREN) (this as { children: StatementInfo[] }).children = [child];
    else this.children.push(child);
  }

  /**
   * Called once the statement's lines are read: the model keeps every statement's parameter
   * list, and a list grown by push keeps room for 17 or more (statements have a handful), so it
   * is replaced by an exact-size copy (1.2 MB less on a 2,000-rule policy).
   */
  finishParams(): void {
    if (this.params.length > 0) (this as { params: ParamInfo[] }).params = this.params.slice();
  }

  /** Span to point at for the statement as a whole: its name, or its keyword when unnamed. */
  get anchor(): Span {
    return (this.nameWord ?? this.keyword).span;
  }

  /** "TTLSRule 'r1'" or "TTLSKeyringParms (inline)". */
  get label(): string {
    const kind = this.kind ?? this.keyword.text;
    return this.name !== undefined ? `${kind} '${this.name}'` : this.parent ? `${kind} (inline)` : kind;
  }

  /**
   * Lookups are by key. Statements have a handful of parameters, and keys of catalogue keywords
   * are the catalogue's own strings on both sides, so a backward scan comparing keys is cheaper
   * than building a map per statement (hundreds of thousands of lookups on a large policy).
   */
  private index(): Map<string, ParamInfo[]> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const p of this.params) {
        const list = this.byKey.get(p.key);
        if (list) list.push(p);
        else this.byKey.set(p.key, [p]);
      }
    }
    return this.byKey;
  }

  /** Every occurrence of a parameter (case-insensitive keyword). */
  paramsNamed(keyword: string): readonly ParamInfo[] {
    const key = lowerKey(keyword);
    const ps = this.params;
    if (ps.length > LONG_STATEMENT) return this.index().get(key) ?? NONE;
    let out: ParamInfo[] | undefined;
    for (let i = 0; i < ps.length; i++) {
      if (ps[i]!.key === key) (out ??= []).push(ps[i]!);
    }
    return out ?? NONE;
  }

  /** The occurrence that takes effect: the last one. */
  param(keyword: string): ParamInfo | undefined {
    const key = lowerKey(keyword);
    const ps = this.params;
    if (ps.length > LONG_STATEMENT) {
      const all = this.index().get(key);
      return all ? all[all.length - 1] : undefined;
    }
    for (let i = ps.length - 1; i >= 0; i--) if (ps[i]!.key === key) return ps[i];
    return undefined;
  }

  /** First value of the effective occurrence of a parameter. */
  value(keyword: string): string | undefined {
    return this.param(keyword)?.values[0]?.text;
  }

  /** Nested statements of a kind. */
  childrenOfKind(kind: string): StatementInfo[] {
    if (this.children.length === 0) return [];
    const k = lowerKey(kind);
    return this.children.filter((c) => lowerKey(c.kind ?? c.keyword.text) === k);
  }
}

export class PolicyModel {
  readonly release: TargetRelease;
  /** Every statement, in reading order (nested ones after their parent). */
  readonly statements: StatementInfo[] = [];
  /** Named statements by kind and name, every definition in reading order. */
  readonly definitions = new Map<string, Map<string, StatementInfo[]>>();
  readonly references: Reference[] = [];
  private readonly diagnosticsByUri = new Map<string, Diagnostic[]>();
  private refsByTarget: Map<StatementInfo, Reference[]> | undefined;
  private refsByName: Map<string, Map<string, Reference[]>> | undefined;

  /** The name a message gives another file (ModelOptions.fileLabel). */
  readonly fileLabel: (uri: string) => string;

  constructor(
    readonly documents: readonly PolicyDocument[],
    options: ModelOptions = {},
  ) {
    this.release = options.targetRelease ?? DEFAULT_TARGET_RELEASE;
    this.fileLabel = options.fileLabel ?? ((uri) => uri);
    for (const d of documents) this.diagnosticsByUri.set(d.uri, [...d.parse.diagnostics]);
  }

  /** The definition Policy Agent uses for a kind and name: the last one read. */
  resolve(kind: string, name: string): StatementInfo | undefined {
    const defs = this.definitions.get(kind)?.get(name);
    return defs ? defs[defs.length - 1] : undefined;
  }

  /** All definitions of a kind and name, in reading order. */
  definitionsOf(kind: string, name: string): readonly StatementInfo[] {
    return this.definitions.get(kind)?.get(name) ?? [];
  }

  /** References whose target is `def`. */
  referencesTo(def: StatementInfo): readonly Reference[] {
    if (!this.refsByTarget) {
      this.refsByTarget = new Map();
      for (const r of this.references) {
        if (!r.target) continue;
        const list = this.refsByTarget.get(r.target);
        if (list) list.push(r);
        else this.refsByTarget.set(r.target, [r]);
      }
    }
    return this.refsByTarget.get(def) ?? [];
  }

  /** References naming a kind and name, resolved or not. */
  referencesByName(kind: string, name: string): readonly Reference[] {
    if (!this.refsByName) {
      this.refsByName = new Map();
      for (const r of this.references) {
        let byName = this.refsByName.get(r.refKind);
        if (!byName) this.refsByName.set(r.refKind, (byName = new Map()));
        const list = byName.get(r.name);
        if (list) list.push(r);
        else byName.set(r.name, [r]);
      }
    }
    return this.refsByName.get(kind)?.get(name) ?? [];
  }

  /**
   * A parameter block of a statement, written inline or referenced: for an environment action and
   * kind "TTLSKeyringParms", the inline `TTLSKeyringParms { ... }` or the statement named by
   * `TTLSKeyringParmsRef`. The inline block wins when both are (wrongly) present.
   */
  block(owner: StatementInfo, kind: string): StatementInfo | undefined {
    if (owner.children.length > 0) {
      const inline = owner.childrenOfKind(kind);
      if (inline.length > 0) return inline[inline.length - 1];
    }
    const spec = owner.spec;
    if (!spec) return undefined;
    for (const name of catalogue.refParamsTo(spec, kind)) {
      const use = owner.param(name);
      // A reference with a name resolves to what resolve(kind, name) gives; it was resolved once.
      if (use?.values[0] !== undefined) return use.reference?.target;
    }
    return undefined;
  }

  /** The statement a `...Ref` parameter of `owner` names, resolved. */
  referenced(owner: StatementInfo, refParam: string): StatementInfo | undefined {
    return owner.param(refParam)?.reference?.target;
  }

  /** TTLSRule statements that take effect (the last definition of each name), in reading order. */
  rules(): StatementInfo[] {
    const byName = this.definitions.get('TTLSRule');
    if (!byName) return [];
    const out: StatementInfo[] = [];
    for (const defs of byName.values()) out.push(defs[defs.length - 1]!);
    return out.sort((a, b) => a.order - b.order);
  }

  /** Diagnostics of one file, in position order. */
  diagnostics(uri: string): Diagnostic[] {
    return (this.diagnosticsByUri.get(uri) ?? []).sort(compareDiagnostics);
  }

  /** Adds a finding to a file's diagnostics. */
  report(uri: string, d: Diagnostic): void {
    const list = this.diagnosticsByUri.get(uri);
    if (list) list.push(d);
    else this.diagnosticsByUri.set(uri, [d]);
  }

  /** The statement whose node contains `offset` most narrowly, in one file. */
  statementAt(uri: string, offset: number): StatementInfo | undefined {
    let best: StatementInfo | undefined;
    for (const s of this.statements) {
      if (s.doc.uri !== uri) continue;
      const sp = s.node.span;
      if (offset >= sp.start && offset <= sp.end) {
        if (!best || sp.end - sp.start <= best.node.span.end - best.node.span.start) best = s;
      }
    }
    return best;
  }
}

/** Builds the model of a policy: statements, parameters, definitions and references. */
export function collect(model: PolicyModel): void {
  for (const doc of model.documents) visitItems(model, doc, doc.parse.file.items, undefined);
  for (const ref of model.references) ref.target = model.resolve(ref.refKind, ref.name);
}

function visitItems(model: PolicyModel, doc: PolicyDocument, items: readonly Item[], parent: StatementInfo | undefined): void {
  for (const item of items) {
    switch (item.kind) {
      case 'stray':
        break;
      case 'orphan':
        // The braces are a syntax error already; read what is inside as if they were not there.
        visitItems(model, doc, item.items, parent);
        break;
      case 'statement':
        addStatement(model, doc, item, parent);
        break;
      case 'parameter':
        if (parent) addParameter(model, parent, item);
        else addLineStatement(model, doc, item);
        break;
    }
  }
}

function addStatement(model: PolicyModel, doc: PolicyDocument, node: StatementNode, parent: StatementInfo | undefined): void {
  const spec = catalogue.statement(node.keyword.text);
  const foreign = spec ? undefined : catalogue.foreignStatement(node.keyword.text);
  const info = new StatementInfo(node, doc, parent, spec, foreign, model.statements.length);
  model.statements.push(info);
  if (parent) parent.addChild(info);
  if (spec && spec.shape === 'block' && node.name) {
    let byName = model.definitions.get(spec.name);
    if (!byName) model.definitions.set(spec.name, (byName = new Map()));
    const list = byName.get(node.name.text);
    if (list) list.push(info);
    else byName.set(node.name.text, [info]);
  }
  visitItems(model, doc, node.items, info);
  info.finishParams();
}

function addLineStatement(model: PolicyModel, doc: PolicyDocument, node: ParameterNode): void {
  const spec = catalogue.statement(node.keyword.text);
  const foreign = spec ? undefined : catalogue.foreignStatement(node.keyword.text);
  model.statements.push(new StatementInfo(node, doc, undefined, spec, foreign, model.statements.length));
}

function addParameter(model: PolicyModel, owner: StatementInfo, node: ParameterNode): void {
  // One key per parameter, used for the catalogue lookup and kept for every later lookup by name.
  const key = lowerKey(node.keyword.text);
  const spec = owner.spec ? catalogue.parameterByKey(owner.spec, key) : undefined;
  const info: { -readonly [K in keyof ParamInfo]: ParamInfo[K] } = { node, owner, spec, keyword: node.keyword, values: node.values, key, reference: undefined };
  owner.params.push(info);
  if (spec?.kind === 'name-ref' && spec.refKind && node.values.length > 0) {
    const word = node.values[0]!;
    info.reference = { param: info, refKind: spec.refKind, name: word.text, word, target: undefined };
    model.references.push(info.reference);
  }
}
