// Shared helpers for rules: views of what the semantic core (@attls/evaluate) says about a rule --
// its actions and blocks, the value a setting takes and where it comes from -- in the shape rules
// read, and small readers of values (cipher lists, key rings, comments). No Policy Agent behaviour
// is decided here: precedence, defaults and overrides are the core's.
import {
  actionsOfRule,
  cipherBlock,
  defaultSetting as coreDefault,
  effectiveSetting,
  enabledProtocols as coreProtocols,
  ignoredCipherBlock,
  PROTOCOLS,
  rulesUsing as coreRulesUsing,
  suiteBProfileOf,
  WEAK_PROTOCOLS,
  type IgnoredCipherBlock,
  type Protocol,
  type SuiteBProfile,
  type RuleActions as CoreActions,
  type Setting as CoreSetting,
} from '@attls/evaluate';
import {
  catalogue,
  spanOf,
  type CipherSuiteSpec,
  type DefaultSpec,
  type Fix,
  type ParamInfo,
  type PolicyModel,
  type Span,
  type StatementInfo,
  textStart,
  type Word,
} from '@attls/language';

export { PROTOCOLS, WEAK_PROTOCOLS, type IgnoredCipherBlock, type Protocol, type SuiteBProfile };

/** Every statement of a kind (catalogue spelling), inline ones included, in reading order. */
export function statementsOf(model: PolicyModel, kind: string): readonly StatementInfo[] {
  return model.statementsOf(kind);
}

/** The TTLSRule statements that take effect, in reading order. */
export function effectiveRules(model: PolicyModel): readonly StatementInfo[] {
  return model.rules();
}

/**
 * The lines of a parameter that take effect (the last one in each statement), in statements of the
 * given kinds (all kinds when none are given), in reading order. A rule about one parameter reads
 * only its lines: none at all when the policy does not code it.
 */
export function effectiveParams(model: PolicyModel, keyword: string, kinds?: readonly string[]): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const p of model.paramsOf(keyword)) {
    const kind = p.owner.kind;
    if (kinds && (kind === undefined || !kinds.includes(kind))) continue;
    if (p.owner.param(keyword) === p) out.push(p);
  }
  return out;
}

/** Whether the policy codes a parameter with one of the given values (case-insensitive), anywhere. */
export function codesValue(model: PolicyModel, keyword: string, values: readonly string[]): boolean {
  for (const p of model.paramsOf(keyword)) {
    const v = p.values[0]?.text;
    if (v !== undefined && values.some((x) => is(v, x))) return true;
  }
  return false;
}

/** Whether Policy Agent uses a statement (PolicyModel.isEffective). */
export function isEffective(model: PolicyModel, s: StatementInfo): boolean {
  return model.isEffective(s);
}

/** The actions and parameter blocks a rule uses (inline or referenced), as the core resolves them. */
export interface RuleActions {
  readonly rule: StatementInfo;
  /** The core's resolution, for asking it about settings. */
  readonly actions: CoreActions;
  readonly group?: StatementInfo;
  readonly env?: StatementInfo;
  readonly conn?: StatementInfo;
  readonly groupAdv?: StatementInfo;
  readonly envAdv?: StatementInfo;
  readonly connAdv?: StatementInfo;
  readonly keyring?: StatementInfo;
  /** The TTLSCipherParms whose lists are in force (none under a Suite B profile). */
  readonly cipher?: StatementInfo;
  readonly gsk?: StatementInfo;
  /** Whether the group action has TTLSEnabled On. */
  readonly secured: boolean;
}

const VIEWS = new WeakMap<StatementInfo, RuleActions>();

export function actionsOf(model: PolicyModel, rule: StatementInfo): RuleActions {
  let v = VIEWS.get(rule);
  if (!v) {
    const a = actionsOfRule(model, rule);
    v = {
      rule,
      actions: a,
      group: a.group,
      env: a.environment,
      conn: a.connection,
      groupAdv: a.groupAdvanced,
      envAdv: a.environmentAdvanced,
      connAdv: a.connectionAdvanced,
      keyring: a.keyring,
      cipher: cipherBlock(a),
      gsk: a.gsk,
      secured: a.enabled === true,
    };
    VIEWS.set(rule, v);
  }
  return v;
}

/** Rules that use an action or parameter block (directly or through an action). */
export function rulesUsing(model: PolicyModel, statement: StatementInfo): readonly StatementInfo[] {
  return coreRulesUsing(model, statement);
}

/** True when the rule's group action has TTLSEnabled On. */
export function secures(a: RuleActions): boolean {
  return a.secured;
}

// ---------------------------------------------------------------------------------------------
// Effective values, from the core

export type Level = 'connection' | 'environment' | 'group' | 'default';

export interface Setting {
  /** The value in effect, undefined when not coded and without a catalogued default. */
  readonly value: string | undefined;
  readonly level?: Level;
  /** The parameter line that sets it (absent for defaults). */
  readonly param?: ParamInfo;
  /** The catalogue default that applies (when level is 'default'). */
  readonly default?: DefaultSpec;
}

const NO_SETTING: Setting = { value: undefined };
const SETTING_VIEWS = new WeakMap<CoreSetting, Setting>();

/** A core setting in the shape rules read (made once per setting: rules ask again and again). */
function view(s: CoreSetting | undefined): Setting {
  if (!s) return NO_SETTING;
  let v = SETTING_VIEWS.get(s);
  if (!v) SETTING_VIEWS.set(s, (v = makeView(s)));
  return v;
}

function makeView(s: CoreSetting): Setting {
  const value = typeof s.value === 'string' ? s.value : undefined;
  if (s.source.kind === 'policy') return { value, level: s.source.level, param: s.source.param };
  return { value, level: 'default', default: { value: value ?? '', certainty: s.source.certainty, ...(s.source.note ? { note: s.source.note } : {}) } };
}

/** Compares a value with an expected one, case-insensitively (keywords and enum values are). */
export function is(value: string | undefined, expected: string): boolean {
  // Compared without lower-casing (two new strings per call) when the lengths already differ.
  if (value === undefined || value.length !== expected.length) return false;
  return value === expected || value.toLowerCase() === expected.toLowerCase();
}

/** The effective value of a setting for a rule (protocols, ApplicationControlled, HandshakeTimeout...). */
export function advancedSetting(model: PolicyModel, a: RuleActions, name: string): Setting {
  return view(effectiveSetting(model, a.actions, name));
}

/** The target release's default of a setting. */
export function defaultSetting(model: PolicyModel, name: string): Setting {
  return view(coreDefault(model, name));
}

/** HandshakeRole of a rule. */
export function handshakeRole(model: PolicyModel, a: RuleActions): Setting {
  return view(effectiveSetting(model, a.actions, 'HandshakeRole'));
}

/** Protocols switched on for a rule, with where each comes from. */
export function enabledProtocols(model: PolicyModel, a: RuleActions): ReadonlyMap<Protocol, Setting> {
  let out = PROTOCOL_VIEWS.get(a);
  if (!out) {
    const views = new Map<Protocol, Setting>();
    for (const [p, s] of coreProtocols(model, a.actions)) views.set(p, view(s));
    PROTOCOL_VIEWS.set(a, (out = views));
  }
  return out;
}

const PROTOCOL_VIEWS = new WeakMap<RuleActions, ReadonlyMap<Protocol, Setting>>();

// ---------------------------------------------------------------------------------------------
// Cipher lists

/** One cipher of a cipher list, with the exact characters that name it. */
export interface CipherEntry {
  readonly param: ParamInfo;
  readonly word: Word;
  /** The characters of this cipher in the file: a code inside a run of codes, or a whole name. */
  readonly span: Span;
  readonly text: string;
  /** Catalogue entry (V3 suites), when known. */
  readonly suite?: CipherSuiteSpec;
  /** Name used for classification: the catalogue name, a name written out, or a table name. */
  readonly name?: string;
  readonly v2: boolean;
}


function codesOf(p: ParamInfo, width: number, v2: boolean, out: CipherEntry[]): void {
  for (const w of p.values.slice(0, 1)) {
    const t = w.text;
    if (/^(TLS|SSL)_/i.test(t)) {
      const suite = v2 ? undefined : catalogue.cipherSuite(t);
      out.push({ param: p, word: w, span: spanOf(w), text: t, suite, name: (v2 ? catalogue.cipherV2(t)?.name : suite?.name) ?? t.toUpperCase(), v2 });
      continue;
    }
    if (!/^[0-9A-Za-z]+$/.test(t) || t.length % width !== 0) continue;
    for (let i = 0; i < t.length; i += width) {
      const code = t.slice(i, i + width).toUpperCase();
      const start = textStart(w) + i;
      const suite = v2 ? undefined : catalogue.cipherSuite(code);
      // Both widths: a 2-character code XY is the suite 00XY, so '34' is as anonymous as '0034'.
      const name = v2 ? catalogue.cipherV2(code)?.name : suite?.name ?? catalogue.ianaOnlySuite(code);
      out.push({ param: p, word: w, span: { start, end: start + width }, text: code, suite, name, v2 });
    }
  }
}

/** The ciphers a TTLSCipherParms block lists, V3 first in preference order, then V2. */
const CIPHER_CACHE = new WeakMap<StatementInfo, CipherEntry[]>();

export function cipherEntries(block: StatementInfo): CipherEntry[] {
  const cached = CIPHER_CACHE.get(block);
  if (cached) return cached;
  const out: CipherEntry[] = [];
  CIPHER_CACHE.set(block, out);
  for (const p of block.params) {
    const name = p.spec?.name;
    if (name === 'V3CipherSuites') codesOf(p, 2, false, out);
    else if (name === 'V3CipherSuites4Char') codesOf(p, 4, false, out);
  }
  for (const p of block.params) if (p.spec?.name === 'V2CipherSuites') codesOf(p, 1, true, out);
  return out;
}

/**
 * How a Suite B profile bears on a TTLSCipherParms block, as the core says: the rules for which
 * Policy Agent ignores its lists, and those for which they are in force. Undefined when no profile
 * is involved.
 */
export function ignoredCipherList(model: PolicyModel, block: StatementInfo): IgnoredCipherBlock | undefined {
  return ignoredCipherBlock(model, block);
}

/**
 * False when Policy Agent ignores every list of a TTLSCipherParms: every rule that uses it (or, for
 * a block no rule uses, every environment action holding it) has a Suite B profile. Rules that
 * judge the ciphers a list puts in force skip such a block; cipher-list-ignored reports it instead.
 */
export function cipherListInForce(model: PolicyModel, block: StatementInfo): boolean {
  const ignored = ignoredCipherBlock(model, block);
  return !ignored || ignored.inForceFor.length > 0;
}

/** The Suite B profile of a rule's environment, when one replaces its cipher lists. */
export function suiteBProfile(a: RuleActions): SuiteBProfile | undefined {
  return suiteBProfileOf(a.actions);
}

/** Whether a cipher suite is a TLS 1.3 suite (13xx). */
export function isTls13Suite(e: CipherEntry): boolean {
  return !!e.suite?.tls13 || /^13[0-9A-F]{2}$/i.test(e.suite?.code4 ?? e.text);
}

/**
 * The cipher suites in effect for a rule (the core's list: coded, a Suite B profile's, or the
 * release's default when catalogued). `known` is false when none of these is available.
 */
export function effectiveSuites(model: PolicyModel, a: RuleActions): { coded: boolean; known: boolean; tls13: boolean; older: boolean; block?: StatementInfo } {
  const s = effectiveSetting(model, a.actions, 'V3CipherSuites');
  const codes = s && Array.isArray(s.value) ? (s.value as readonly string[]) : undefined;
  if (!s || !codes || codes.length === 0) return { coded: false, known: false, tls13: false, older: false };
  const { tls13, older } = generations(codes);
  const coded = s.source.kind === 'policy';
  return { coded, known: true, tls13, older, ...(coded && a.cipher ? { block: a.cipher } : {}) };
}

const GENERATIONS = new WeakMap<readonly string[], { tls13: boolean; older: boolean }>();

/** Whether a list has TLS 1.3 suites (13xx) and older ones, once per list: rules sharing a block share its list. */
function generations(codes: readonly string[]): { tls13: boolean; older: boolean } {
  let g = GENERATIONS.get(codes);
  if (!g) GENERATIONS.set(codes, (g = { tls13: codes.some((c) => c.startsWith('13')), older: codes.some((c) => !c.startsWith('13')) }));
  return g;
}

/** Reasons a cipher is weak, from its name: NULL, EXPORT, anonymous, RC4, RC2, DES, 3DES, MD5. */
export function cipherWeaknesses(name: string): readonly string[] {
  // A policy names the same few dozen suites thousands of times; the answer depends on the name
  // only. The cache is bounded, since an editor sees every half-typed name.
  let known = WEAKNESSES.get(name);
  if (known === undefined) {
    known = Object.freeze(weaknessesOf(name));
    if (WEAKNESSES.size < 2048) WEAKNESSES.set(name, known);
  }
  return known;
}

const WEAKNESSES = new Map<string, readonly string[]>();

function weaknessesOf(name: string): string[] {
  const n = name.toUpperCase();
  const out: string[] = [];
  if (/(^|_)NULL(_|$)/.test(n)) out.push('no encryption (NULL)');
  if (/EXPORT/.test(n)) out.push('export-grade keys (EXPORT)');
  if (/_ANON_/.test(n)) out.push('no authentication (anonymous)');
  if (/RC4/.test(n)) out.push('RC4');
  if (/RC2/.test(n)) out.push('RC2');
  if (/3DES|DES_192_EDE3/.test(n)) out.push('Triple DES (3DES)');
  else if (/DES/.test(n)) out.push('single DES');
  if (/MD5$/.test(n)) out.push('MD5');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Small helpers for reports

/** A fix or suggestion that replaces one span. */
export function replaceFix(title: string, span: Span, newText: string): Fix {
  return { title, edits: [{ span, newText }] };
}

/** The span of the first value of a parameter, or its keyword when it has none. */
export function valueSpan(p: ParamInfo): Span {
  return spanOf(p.values[0] ?? p.keyword);
}

/** Text to insert a new parameter line as the first line of a block statement. */
export function insertLineFix(title: string, block: StatementInfo, line: string): Fix | undefined {
  const node = block.node;
  if (node.kind !== 'statement') return undefined;
  const text = block.doc.parse.text;
  const open = node.open + 1;
  const first = block.params[0]?.node.start;
  let indent = '  ';
  if (first !== undefined) {
    let s = first;
    while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
    indent = text.slice(s, first);
  }
  return { title, edits: [{ span: { start: open, end: open }, newText: `\n${indent}${line}` }] };
}

// ---------------------------------------------------------------------------------------------
// Key rings

/**
 * `virtual` is a RACF virtual key ring, `owner/*`: every certificate of that user (`*AUTH*` for
 * CERTAUTH, `*SITE*` for SITE), valid wherever System SSL expects a SAF key ring.
 */
export type KeyringForm = 'saf' | 'saf-owned' | 'virtual' | 'database' | 'token';

export interface KeyringValue {
  readonly param: ParamInfo;
  readonly word: Word;
  readonly text: string;
  readonly form: KeyringForm;
  /** For `owner/ring`: the owner and ring parts with their spans. */
  readonly owner?: { readonly text: string; readonly span: Span };
  readonly ring?: string;
  /**
   * Set when the owner part is one of RACF's special names rather than a user ID: `*AUTH*`
   * (CERTAUTH) or `*SITE*` (SITE). Such an owner is never a user to compare with a Userid.
   */
  readonly special?: 'certauth' | 'site';
}

const KEYRING_CACHE = new WeakMap<StatementInfo, { value: KeyringValue | undefined }>();

/** Reads the Keyring value of a TTLSKeyringParms block (once: several rules ask). */
export function keyringOf(block: StatementInfo): KeyringValue | undefined {
  let cached = KEYRING_CACHE.get(block);
  if (!cached) KEYRING_CACHE.set(block, (cached = { value: readKeyring(block) }));
  return cached.value;
}

function readKeyring(block: StatementInfo): KeyringValue | undefined {
  const p = block.param('Keyring');
  const w = p?.values[0];
  if (!p || !w || w.text.trim() === '') return undefined;
  const t = w.text;
  if (t.toUpperCase().startsWith('*TOKEN*')) return { param: p, word: w, text: t, form: 'token' };
  if (t.startsWith('/')) return { param: p, word: w, text: t, form: 'database' };
  const slash = t.indexOf('/');
  if (slash < 0) return { param: p, word: w, text: t, form: 'saf', ring: t };
  const start = textStart(w);
  const owner = t.slice(0, slash);
  const ring = t.slice(slash + 1);
  const upper = owner.toUpperCase();
  const special = upper === '*AUTH*' ? 'certauth' : upper === '*SITE*' ? 'site' : undefined;
  return {
    param: p,
    word: w,
    text: t,
    form: ring === '*' ? 'virtual' : 'saf-owned',
    owner: { text: owner, span: { start, end: start + slash } },
    ring,
    ...(special ? { special } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Comments

const COMMENT_LINES = new WeakMap<object, Map<number, string>>();

/** Comment text by 0-based line of a document (attls-lint directives are not notes and are left out). */
export function commentsByLine(doc: StatementInfo['doc']): Map<number, string> {
  let m = COMMENT_LINES.get(doc.parse);
  if (m) return m;
  m = new Map();
  for (const c of doc.parse.comments) {
    if (/^#\s*attls-lint-/.test(c.text)) continue;
    const line = doc.parse.lineIndex.lineAt(c.start);
    m.set(line, (m.get(line) ?? '') + c.text);
  }
  COMMENT_LINES.set(doc.parse, m);
  return m;
}

/** True when a line holds only a comment (blanks before the #). */
export function isCommentOnlyLine(doc: StatementInfo['doc'], line: number): boolean {
  const b = doc.parse.lineIndex.lineBounds(line, doc.parse.text);
  return doc.parse.text.slice(b.start, b.end).trimStart().startsWith('#');
}
