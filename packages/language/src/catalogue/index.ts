// Lookups over the statement catalogue: case-insensitive keywords, aliases, did-you-mean and
// release-dependent defaults. Validation, hover, completion and the grammar all go through here.
import {
  CIPHER_SUITES,
  CIPHERS_V2,
  CURVES,
  FOREIGN_STATEMENTS,
  IANA_ONLY_SUITES,
  KEY_SHARE_GROUPS,
  SIGNATURE_PAIRS,
  STATEMENTS,
} from './data/index.js';
import type {
  CipherSuiteSpec,
  CipherV2Spec,
  DefaultSpec,
  EnumValueSpec,
  ForeignStatementSpec,
  ParameterSpec,
  Release,
  StatementSpec,
} from './types.js';

export * from './types.js';
export { CIPHER_SUITES, CIPHERS_V2, CURVES, FOREIGN_STATEMENTS, IANA_ONLY_SUITES, KEY_SHARE_GROUPS, SIGNATURE_PAIRS, STATEMENTS };

/** Where a parameter keyword is valid. */
export interface ParameterPlace {
  readonly statement: StatementSpec;
  readonly parameter: ParameterSpec;
}

const releaseOrder = new Map<string, Map<string, number>>();

/**
 * Compares "2.4"-style release numbers. Remembered per pair: every parameter with a `since`
 * asks, and releases are a handful of catalogue and option strings.
 */
export function compareReleases(a: Release, b: Release): number {
  let row = releaseOrder.get(a);
  if (!row) releaseOrder.set(a, (row = new Map()));
  let d = row.get(b);
  if (d === undefined) row.set(b, (d = compareReleaseNumbers(a, b)));
  return d;
}

function compareReleaseNumbers(a: Release, b: Release): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive,
 * giving up early once the distance exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  return osa(a.toLowerCase(), b.toLowerCase(), limit);
}

// Rows of the distance table, reused: did-you-mean compares a word with hundreds of candidates.
let prev2 = new Int32Array(64);
let prev = new Int32Array(64);
let cur = new Int32Array(64);

/**
 * editDistance of two strings already lower-cased. Only the band of cells within `limit` of the
 * diagonal is computed (cells outside it exceed the limit anyway), and the rows are reused.
 */
function osa(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const m = a.length;
  const n = b.length;
  const big = limit + 1;
  if (prev.length < n + 2) {
    prev2 = new Int32Array(n + 2);
    prev = new Int32Array(n + 2);
    cur = new Int32Array(n + 2);
  }
  for (let j = 0; j <= n; j++) {
    prev[j] = Math.min(j, big);
    prev2[j] = big;
  }
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(n, i + limit);
    // The cell right of the previous row's band, and the one left of this row's, lie outside.
    if (i + limit <= n) prev[i + limit] = big;
    cur[lo - 1] = lo === 1 ? Math.min(i, big) : big;
    let rowMin = lo === 1 ? cur[0]! : big;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return big;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n]!;
}

/** How far a misspelling may be from a keyword to be suggested. */
export function suggestionLimit(word: string): number {
  return word.length <= 4 ? 1 : word.length <= 12 ? 2 : 3;
}

const lowered = new WeakMap<readonly string[], readonly string[]>();

/**
 * Longest word a suggestion is looked for. Keywords and Policy Agent's names are at most 32
 * characters, so a longer word is no typo of any of them; comparing one costs its length times the
 * allowed distance per candidate (two names of 30,000 characters took 8 s).
 */
export const LONGEST_SUGGESTED = 64;

/**
 * Candidates closest to `word` within the suggestion limit, best first. An exact
 * case-insensitive match is returned alone. None for a word longer than LONGEST_SUGGESTED.
 */
export function closest(word: string, candidates: Iterable<string>, limit = suggestionLimit(word)): string[] {
  if (word.length > LONGEST_SUGGESTED) return [];
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  // Lower-cased once per list (long-lived catalogue or model arrays, never changed) and once per word.
  let lower = lowered.get(list);
  if (!lower) lowered.set(list, (lower = list.map((c) => c.toLowerCase())));
  const w = word.toLowerCase();
  let best = limit + 1;
  let out: string[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < list.length; k++) {
    const c = list[k]!;
    if (seen.has(c)) continue;
    seen.add(c);
    const d = osa(w, lower[k]!, best);
    if (d < best) {
      best = d;
      out = [c];
    } else if (d === best && d <= limit) out.push(c);
  }
  return best <= limit ? out : [];
}

export class Catalogue {
  readonly statements: readonly StatementSpec[];
  readonly foreign: readonly ForeignStatementSpec[];
  private readonly byName = new Map<string, StatementSpec>();
  private readonly foreignByName = new Map<string, ForeignStatementSpec>();
  private readonly paramIndex = new Map<StatementSpec, Map<string, ParameterSpec>>();
  private readonly placesByParam = new Map<string, ParameterPlace[]>();
  private readonly suitesByName = new Map<string, CipherSuiteSpec>();
  private readonly suitesByCode = new Map<string, CipherSuiteSpec>();
  private readonly suitesByCode2 = new Map<string, CipherSuiteSpec>();
  private readonly ianaOnly = new Map<string, string>();
  private readonly refParams = new Map<StatementSpec, Map<StatementSpec, readonly string[]>>();

  /**
   * Lower-case keys of the catalogue's own spellings of keywords. Most keywords in real policies
   * are written as documented, so a lookup by the written text finds them without lower-casing
   * (which allocates a string per call, a million times on a large policy). Only catalogue
   * strings are keys: caching a document's words would keep every version of the document alive.
   */
  private readonly keys = new Map<string, string>();

  constructor(statements: readonly StatementSpec[], foreign: readonly ForeignStatementSpec[]) {
    this.statements = statements;
    this.foreign = foreign;
    const remember = (spelling: string): string => {
      const key = spelling.toLowerCase();
      this.keys.set(spelling, key);
      this.keys.set(key, key);
      return key;
    };
    for (const s of statements) {
      this.byName.set(remember(s.name), s);
      for (const a of s.aliases ?? []) this.byName.set(remember(a), s);
      const params = new Map<string, ParameterSpec>();
      for (const p of s.parameters) {
        const key = remember(p.name);
        params.set(key, p);
        let places = this.placesByParam.get(key);
        if (!places) this.placesByParam.set(key, (places = []));
        places.push({ statement: s, parameter: p });
      }
      this.paramIndex.set(s, params);
    }
    for (const f of foreign) this.foreignByName.set(remember(f.name), f);
    for (const c of CIPHER_SUITES) {
      this.suitesByName.set(c.name.toUpperCase(), c);
      this.suitesByCode.set(c.code4.toUpperCase(), c);
      if (c.code2) this.suitesByCode2.set(c.code2.toUpperCase(), c);
    }
    for (const c of IANA_ONLY_SUITES) {
      this.ianaOnly.set(c.code4, c.name);
      this.ianaOnly.set(c.name.toUpperCase(), c.name);
      // V3CipherSuites writes the suites of the first block by their low byte: XY is 00XY.
      if (c.code4.startsWith('00')) this.ianaOnly.set(c.code4.slice(2), c.name);
    }
  }

  /** The case-insensitive key of a keyword: its lower-case form, without allocating for catalogue spellings. */
  keyOf(keyword: string): string {
    return this.keys.get(keyword) ?? keyword.toLowerCase();
  }

  /**
   * The documented value of a parameter that a text spells: written exactly so first (the common
   * case, without lower-casing), else in another case. Undefined when the text is no such value.
   */
  enumValue(ps: ParameterSpec, text: string): EnumValueSpec | undefined {
    const values = ps.values;
    if (!values) return undefined;
    for (const v of values) if (v.value === text) return v;
    const lower = text.toLowerCase();
    for (const v of values) if (v.value.toLowerCase() === lower) return v;
    return undefined;
  }

  /** The statement a keyword names (case-insensitive, aliases included). */
  statement(keyword: string): StatementSpec | undefined {
    return this.byName.get(this.keyOf(keyword));
  }

  /** A non-AT-TLS Policy Agent statement (IpSecConfig, ...), recognised but not checked. */
  foreignStatement(keyword: string): ForeignStatementSpec | undefined {
    return this.foreignByName.get(this.keyOf(keyword));
  }

  /** The parameter of `statement` a keyword names (case-insensitive). */
  parameter(statement: StatementSpec, keyword: string): ParameterSpec | undefined {
    return this.paramIndex.get(statement)?.get(this.keyOf(keyword));
  }

  /**
   * Names of the `...Ref` parameters of a statement that name statements of `kind`, in catalogue
   * order (what PolicyModel.block tries). Computed once per pair.
   */
  refParamsTo(statement: StatementSpec, kind: string): readonly string[] {
    // Remembered only for the catalogue's own kind names, never for a caller's string.
    const target = this.byName.get(this.keyOf(kind));
    if (!target || target.name !== kind) return refParamNames(statement, kind);
    let byKind = this.refParams.get(statement);
    if (!byKind) this.refParams.set(statement, (byKind = new Map()));
    let names = byKind.get(target);
    if (!names) byKind.set(target, (names = refParamNames(statement, kind)));
    return names;
  }

  /** The parameter of `statement` with a key from keyOf (saves a second lookup of the keyword). */
  parameterByKey(statement: StatementSpec, key: string): ParameterSpec | undefined {
    return this.paramIndex.get(statement)?.get(key);
  }

  /** Every statement in which a parameter keyword is valid. */
  placesOf(keyword: string): readonly ParameterPlace[] {
    return this.placesByParam.get(this.keyOf(keyword)) ?? [];
  }

  // Name lists for did-you-mean, made once: the catalogue is data that never changes, and the
  // checks memoise suggestions by list.
  private lists = new Map<unknown, readonly string[]>();

  private list(key: unknown, make: () => string[]): readonly string[] {
    let l = this.lists.get(key);
    if (!l) this.lists.set(key, (l = Object.freeze(make())));
    return l;
  }

  /** Every keyword the catalogue knows: statements, aliases, parameters and foreign statements. */
  allKeywords(): readonly string[] {
    return this.list('all', () => {
      const out = new Set<string>();
      for (const s of this.statements) {
        out.add(s.name);
        for (const a of s.aliases ?? []) out.add(a);
        for (const p of s.parameters) out.add(p.name);
      }
      for (const f of this.foreign) out.add(f.name);
      return [...out];
    });
  }

  /** Names of statements that may stand at the top level of a file. */
  topLevelStatementNames(): readonly string[] {
    return this.list('top', () => this.statements.filter((s) => s.global).map((s) => s.name));
  }

  /** Every statement name. */
  statementNames(): readonly string[] {
    return this.list('statements', () => this.statements.map((s) => s.name));
  }

  /** What a one-line statement at the top level may be: top-level statements and foreign ones. */
  lineStatementCandidates(): readonly string[] {
    return this.list('line', () => [...this.topLevelStatementNames(), ...this.foreign.map((f) => f.name)]);
  }

  /** The parameter names of a statement. */
  parameterNames(statement: StatementSpec): readonly string[] {
    return this.list(statement, () => statement.parameters.map((p) => p.name));
  }

  /** The names of a statement's inline blocks. */
  inlineBlockNames(statement: StatementSpec): readonly string[] {
    return this.list(statement.parameters, () => statement.parameters.filter((p) => p.kind === 'inline-block').map((p) => p.name));
  }

  /** The default of a parameter that applies on a release, if the catalogue has one. */
  defaultFor(parameter: ParameterSpec, release: Release): DefaultSpec | undefined {
    let found: DefaultSpec | undefined;
    for (const d of parameter.defaults ?? []) {
      if (!d.from || compareReleases(d.from, release) <= 0) found = d;
    }
    return found;
  }

  /**
   * The IANA name of an anonymous or export suite that System SSL's table does not list, by
   * constant name, 4-character code or 2-character code (XY standing for 00XY).
   */
  ianaOnlySuite(text: string): string | undefined {
    return this.ianaOnly.get(text.toUpperCase());
  }

  /** A cipher suite by constant name, 4-character code or 2-character code. */
  cipherSuite(text: string): CipherSuiteSpec | undefined {
    // Written as catalogued (the common case): no upper-casing.
    const exact = this.suitesByName.get(text) ?? this.suitesByCode.get(text);
    if (exact) return exact;
    const t = text.toUpperCase();
    return this.suitesByName.get(t) ?? this.suitesByCode.get(t) ?? (t.length === 2 ? this.suitesByCode2.get(t) : undefined);
  }

  /**
   * An SSL V2 cipher by 1-character code or by constant name. IBM's table writes the names
   * TLS_...; the SSL_... spelling other products use is accepted as an alias.
   */
  cipherV2(text: string): CipherV2Spec | undefined {
    const t = text.toUpperCase();
    if (t.length === 1) return CIPHERS_V2.find((c) => c.code === t);
    const stem = t.replace(/^(TLS|SSL)_/, '');
    return stem === t ? undefined : CIPHERS_V2.find((c) => c.name.slice(4) === stem);
  }
}

/** The catalogue every tool uses. */
/** The `...Ref` parameters of a statement that name statements of `kind`, in catalogue order. */
function refParamNames(statement: StatementSpec, kind: string): string[] {
  return statement.parameters.filter((p) => p.kind === 'name-ref' && p.refKind === kind).map((p) => p.name);
}

export const catalogue = new Catalogue(STATEMENTS, FOREIGN_STATEMENTS);

