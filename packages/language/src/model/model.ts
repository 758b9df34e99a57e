// The policy model: what each statement and parameter of one or more files means, which names
// are defined, and what every `...Ref` points at. Files are given in Policy Agent's reading order
// (a common file before the stack's own file); a later definition of the same kind and name wins.
// A model is built once from parse results and never changes; checks read it and return findings.
import { catalogue, DEFAULT_TARGET_RELEASE, type ForeignStatementSpec, type ParameterSpec, type StatementSpec, type TargetRelease } from '../catalogue/index.js';
import { shortened } from '../diagnostic.js';
import type { Item, ParameterNode, StatementNode, Word } from '../syntax/ast.js';
import type { ParseResult } from '../syntax/parse.js';
import { spanOf, type Span } from '../text.js';

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
  /** For a `...Ref` parameter with a name: the reference, resolved. */
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
  readonly target: StatementInfo | undefined;
}

/**
 * Statements with more parameters than this get a map for lookups by keyword; smaller ones are
 * scanned. Used by the model's lookups and by the repeated-parameter check alike.
 */
export const LONG_STATEMENT = 16;
const NONE: readonly ParamInfo[] = Object.freeze([]) as readonly ParamInfo[];
const NO_CHILDREN: readonly StatementInfo[] = Object.freeze([]) as readonly StatementInfo[];

/** Longest name or keyword a label shows whole; Policy Agent's own names are at most 32 characters. */
const SHOWN_WORD = 64;

function shownWord(word: string): string {
  return shortened(word, SHOWN_WORD, 40);
}

/**
 * A statement of the policy: a block statement (`TTLSRule r { ... }`, also nested ones such as an
 * inline `TTLSKeyringParms { ... }`) or a one-line configuration statement (`TTLSConfig path`).
 */
export class StatementInfo {
  /** Its parameter lines, in the order written. */
  readonly params: readonly ParamInfo[] = NONE;
  /** Its inline blocks, in the order written. */
  readonly children: readonly StatementInfo[] = NO_CHILDREN;
  readonly keyword: Word;
  /** Catalogue name of the statement kind ("TTLSRule"), undefined when unknown. */
  readonly kind: string | undefined;
  /** The name word of a block statement. */
  readonly nameWord: Word | undefined;
  readonly name: string | undefined;
  private byKey: Map<string, ParamInfo[]> | undefined;
  /** The parameter blocks it uses, by kind, once asked for (PolicyModel.block). */
  private blockMap: Map<string, StatementInfo> | undefined;

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

  /** Span to point at for the statement as a whole: its name, or its keyword when unnamed. */
  get anchor(): Span {
    return spanOf(this.nameWord ?? this.keyword);
  }

  /** "TTLSRule 'r1'" or "TTLSKeyringParms (inline)"; a word too long to show is cut (shownWord). */
  get label(): string {
    const kind = this.kind ?? shownWord(this.keyword.text);
    return this.name !== undefined ? `${kind} '${shownWord(this.name)}'` : this.parent ? `${kind} (inline)` : kind;
  }

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
    const key = catalogue.keyOf(keyword);
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
    const key = catalogue.keyOf(keyword);
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

  /** The parameter blocks it uses, by statement kind (see PolicyModel.block). */
  blocks(): ReadonlyMap<string, StatementInfo> {
    return (this.blockMap ??= blocksIn(this));
  }

  /** Nested statements of a kind. */
  childrenOfKind(kind: string): readonly StatementInfo[] {
    if (this.children.length === 0) return NO_CHILDREN;
    const k = catalogue.keyOf(kind);
    return this.children.filter((c) => catalogue.keyOf(c.kind ?? c.keyword.text) === k);
  }
}

export class PolicyModel {
  readonly release: TargetRelease;
  /** Every statement, in reading order (nested ones after their parent). */
  readonly statements: readonly StatementInfo[];
  /** Named block statements by kind and name, every definition in reading order. */
  readonly definitions: ReadonlyMap<string, ReadonlyMap<string, readonly StatementInfo[]>>;
  /** Every `...Ref` parameter with a name, in reading order. */
  readonly references: readonly Reference[];
  /** The name a message gives another file (ModelOptions.fileLabel). */
  readonly fileLabel: (uri: string) => string;
  private refsByTarget: Map<StatementInfo, Reference[]> | undefined;
  private refsByName: Map<string, Map<string, Reference[]>> | undefined;
  private byKind: Map<string, StatementInfo[]> | undefined;
  private byKey: Map<string, ParamInfo[]> | undefined;
  private ruleList: StatementInfo[] | undefined;

  constructor(
    readonly documents: readonly PolicyDocument[],
    options: ModelOptions = {},
  ) {
    this.release = options.targetRelease ?? DEFAULT_TARGET_RELEASE;
    this.fileLabel = options.fileLabel ?? ((uri) => uri);
    const built = new Builder().build(documents);
    this.statements = built.statements;
    this.definitions = built.definitions;
    this.references = built.references;
  }

  /** The definition Policy Agent uses for a kind and name: the last one read. */
  resolve(kind: string, name: string): StatementInfo | undefined {
    const defs = this.definitions.get(kind)?.get(name);
    return defs ? defs[defs.length - 1] : undefined;
  }

  /** All definitions of a kind and name, in reading order. */
  definitionsOf(kind: string, name: string): readonly StatementInfo[] {
    return this.definitions.get(kind)?.get(name) ?? NO_CHILDREN;
  }

  /** Every statement of a kind (catalogue spelling), inline ones included, in reading order. */
  statementsOf(kind: string): readonly StatementInfo[] {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const s of this.statements) {
        if (!s.kind) continue;
        const list = this.byKind.get(s.kind);
        if (list) list.push(s);
        else this.byKind.set(s.kind, [s]);
      }
    }
    return this.byKind.get(kind) ?? NO_CHILDREN;
  }

  /**
   * Every parameter line with a keyword (case-insensitive), in every statement, in reading order.
   * Checks and rules that look for one parameter read only its lines, and none when it is absent.
   */
  paramsOf(keyword: string): readonly ParamInfo[] {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const s of this.statements) {
        for (const p of s.params) {
          const list = this.byKey.get(p.key);
          if (list) list.push(p);
          else this.byKey.set(p.key, [p]);
        }
      }
    }
    return this.byKey.get(catalogue.keyOf(keyword)) ?? NONE;
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
    return owner.blocks().get(kind);
  }

  /** The statement a `...Ref` parameter of `owner` names, resolved. */
  referenced(owner: StatementInfo, refParam: string): StatementInfo | undefined {
    return owner.param(refParam)?.reference?.target;
  }

  /**
   * Whether Policy Agent uses a statement: false for a definition that a later one of the same kind
   * and name replaces (the last one read wins), and for inline blocks of such a definition.
   */
  isEffective(s: StatementInfo): boolean {
    let top = s;
    while (top.parent) top = top.parent;
    return !top.kind || top.name === undefined || this.resolve(top.kind, top.name) === top;
  }

  /** TTLSRule statements that take effect (the last definition of each name), in reading order. */
  rules(): readonly StatementInfo[] {
    if (!this.ruleList) {
      const byName = this.definitions.get('TTLSRule');
      const out: StatementInfo[] = [];
      if (byName) for (const defs of byName.values()) out.push(defs[defs.length - 1]!);
      this.ruleList = out.sort((a, b) => a.order - b.order);
    }
    return this.ruleList;
  }

  /** The statement whose node contains `offset` most narrowly, in one file. */
  statementAt(uri: string, offset: number): StatementInfo | undefined {
    let best: StatementInfo | undefined;
    for (const s of this.statements) {
      if (s.doc.uri !== uri) continue;
      const n = s.node;
      if (offset >= n.start && offset <= n.end) {
        if (!best || n.end - n.start <= best.node.end - best.node.start) best = s;
      }
    }
    return best;
  }
}

/**
 * The parameter blocks a statement uses, by statement kind, in one pass over its lines and inline
 * blocks: a reference names its block (the last reference of a kind with a value takes effect, as
 * PolicyModel.resolve takes the last definition); an inline block wins over a reference.
 */
function blocksIn(owner: StatementInfo): Map<string, StatementInfo> {
  const out = new Map<string, StatementInfo>();
  for (const p of owner.params) {
    // The catalogue's `...Ref` parameters of the owner (a parameter has a spec only in a known owner).
    if (p.spec?.kind !== 'name-ref' || !p.spec.refKind) continue;
    // The last line of a reference takes effect; without a value (an error) it names nothing.
    if (p.reference?.target) out.set(p.spec.refKind, p.reference.target);
    else out.delete(p.spec.refKind);
  }
  for (const c of owner.children) {
    if (c.kind) out.set(c.kind, c);
  }
  return out;
}

/** Builds the model of a policy: statements, parameters, definitions and references. */
export function buildModel(documents: readonly PolicyDocument[], options: ModelOptions = {}): PolicyModel {
  return new PolicyModel(documents, options);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads the documents into statements and parameters in two passes: the statements first, so
 * that every definition is known when the second pass reads the parameters and resolves each
 * reference as it makes it. The objects are complete when the model's constructor returns.
 */
class Builder {
  private readonly statements: StatementInfo[] = [];
  private readonly definitions = new Map<string, Map<string, StatementInfo[]>>();
  private readonly references: Reference[] = [];
  /** Parameter lines of each block statement, read in the second pass. */
  private readonly bodies: { info: StatementInfo; items: readonly Item[] }[] = [];

  build(documents: readonly PolicyDocument[]): {
    statements: StatementInfo[];
    definitions: Map<string, Map<string, StatementInfo[]>>;
    references: Reference[];
  } {
    for (const doc of documents) this.items(doc, doc.parse.file.items, undefined);
    for (const b of this.bodies) this.params(b.info, b.items);
    return { statements: this.statements, definitions: this.definitions, references: this.references };
  }

  private items(doc: PolicyDocument, items: readonly Item[], parent: StatementInfo | undefined): void {
    for (const item of items) {
      switch (item.kind) {
        case 'stray':
          break;
        case 'orphan':
          // The braces are a syntax error already; read what is inside as if they were not there.
          this.items(doc, item.items, parent);
          break;
        case 'statement':
          this.statement(doc, item, parent);
          break;
        case 'parameter':
          // A parameter line outside any block is a one-line statement (TTLSConfig path, or a stray line).
          if (!parent) this.lineStatement(doc, item);
          break;
      }
    }
  }

  private statement(doc: PolicyDocument, node: StatementNode, parent: StatementInfo | undefined): void {
    const spec = catalogue.statement(node.keyword.text);
    const foreign = spec ? undefined : catalogue.foreignStatement(node.keyword.text);
    const info = new StatementInfo(node, doc, parent, spec, foreign, this.statements.length);
    this.statements.push(info);
    if (parent) {
      const siblings = parent.children as StatementInfo[];
      if (siblings.length === 0) (parent as Mutable<StatementInfo>).children = [info];
      else siblings.push(info);
    }
    if (spec && spec.shape === 'block' && node.name) {
      let byName = this.definitions.get(spec.name);
      if (!byName) this.definitions.set(spec.name, (byName = new Map()));
      const list = byName.get(node.name.text);
      if (list) list.push(info);
      else byName.set(node.name.text, [info]);
    }
    this.bodies.push({ info, items: node.items });
    this.items(doc, node.items, info);
  }

  private lineStatement(doc: PolicyDocument, node: ParameterNode): void {
    const spec = catalogue.statement(node.keyword.text);
    const foreign = spec ? undefined : catalogue.foreignStatement(node.keyword.text);
    this.statements.push(new StatementInfo(node, doc, undefined, spec, foreign, this.statements.length));
  }

  /** The parameter lines of a block (those inside orphan blocks in it included), in order. */
  private params(owner: StatementInfo, items: readonly Item[]): void {
    const params: ParamInfo[] = [];
    this.collectParams(owner, items, params);
    if (params.length > 0) (owner as Mutable<StatementInfo>).params = params;
  }

  private collectParams(owner: StatementInfo, items: readonly Item[], into: ParamInfo[]): void {
    for (const item of items) {
      if (item.kind === 'parameter') into.push(this.param(owner, item));
      else if (item.kind === 'orphan') this.collectParams(owner, item.items, into);
    }
  }

  private param(owner: StatementInfo, node: ParameterNode): ParamInfo {
    // One key per parameter, used for the catalogue lookup and kept for every later lookup by name.
    const key = catalogue.keyOf(node.keyword.text);
    const spec = owner.spec ? catalogue.parameterByKey(owner.spec, key) : undefined;
    const info: Mutable<ParamInfo> = { node, owner, spec, keyword: node.keyword, values: node.values, key, reference: undefined };
    if (spec?.kind === 'name-ref' && spec.refKind && node.values.length > 0) {
      const word = node.values[0]!;
      const reference: Reference = { param: info, refKind: spec.refKind, name: word.text, word, target: this.resolve(spec.refKind, word.text) };
      info.reference = reference;
      this.references.push(reference);
    }
    return info;
  }

  /** The last definition of a kind and name, as PolicyModel.resolve (every definition is read by now). */
  private resolve(kind: string, name: string): StatementInfo | undefined {
    const defs = this.definitions.get(kind)?.get(name);
    return defs ? defs[defs.length - 1] : undefined;
  }
}
