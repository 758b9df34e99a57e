// Shared helpers for rules: a per-kind index of statements, the actions and parameter blocks a
// TTLSRule ends up with, and the value a setting takes for a rule once connection-level overrides,
// environment-level values, group-level values and the target release's defaults are considered.
// Deliberately small: the full effective-settings engine lives elsewhere; rules need only this.
import {
  catalogue,
  type CipherSuiteSpec,
  type DefaultSpec,
  type Fix,
  type ParamInfo,
  type PolicyModel,
  type Span,
  type StatementInfo,
  type Word,
} from '@attls/language';

// ---------------------------------------------------------------------------------------------
// Indexes, built once per model

const ENV_ADV = catalogue.statement('TTLSEnvironmentAdvancedParms')!;
const CONN_ADV = catalogue.statement('TTLSConnectionAdvancedParms')!;

interface Index {
  readonly byKind: Map<string, StatementInfo[]>;
  readonly rules: StatementInfo[];
  readonly actions: Map<StatementInfo, RuleActions>;
  readonly rulesByAction: Map<StatementInfo, StatementInfo[]>;
}

const INDEX = new WeakMap<PolicyModel, Index>();

function index(model: PolicyModel): Index {
  let idx = INDEX.get(model);
  if (idx) return idx;
  const byKind = new Map<string, StatementInfo[]>();
  for (const s of model.statements) {
    if (!s.kind) continue;
    const list = byKind.get(s.kind);
    if (list) list.push(s);
    else byKind.set(s.kind, [s]);
  }
  const rules = model.rules();
  const actions = new Map<StatementInfo, RuleActions>();
  const rulesByAction = new Map<StatementInfo, StatementInfo[]>();
  const link = (action: StatementInfo | undefined, rule: StatementInfo): void => {
    if (!action) return;
    const list = rulesByAction.get(action);
    if (list) list.push(rule);
    else rulesByAction.set(action, [rule]);
  };
  const blockCache = new Map<StatementInfo, Map<string, StatementInfo>>();
  const blocks = (owner: StatementInfo | undefined): Map<string, StatementInfo> | undefined => {
    if (!owner) return undefined;
    let m = blockCache.get(owner);
    if (!m) blockCache.set(owner, (m = blocksOf(owner)));
    return m;
  };
  for (const rule of rules) {
    const refs = blocksOf(rule);
    const group = refs.get('TTLSGroupAction');
    const env = refs.get('TTLSEnvironmentAction');
    const conn = refs.get('TTLSConnectionAction');
    const g = blocks(group);
    const e = blocks(env);
    const c = blocks(conn);
    const a: RuleActions = {
      rule,
      group,
      env,
      conn,
      groupAdv: g?.get('TTLSGroupAdvancedParms'),
      envAdv: e?.get('TTLSEnvironmentAdvancedParms'),
      connAdv: c?.get('TTLSConnectionAdvancedParms'),
      keyring: e?.get('TTLSKeyringParms'),
      cipher: c?.get('TTLSCipherParms') ?? e?.get('TTLSCipherParms'),
      signature: c?.get('TTLSSignatureParms') ?? e?.get('TTLSSignatureParms'),
      gsk: e?.get('TTLSGskAdvancedParms'),
      secured: is(group?.value('TTLSEnabled'), 'on'),
    };
    actions.set(rule, a);
    for (const x of [group, env, conn, a.groupAdv, a.envAdv, a.connAdv, a.keyring, a.cipher, a.signature, a.gsk]) link(x, rule);
  }
  idx = { byKind, rules, actions, rulesByAction };
  INDEX.set(model, idx);
  return idx;
}

/**
 * The statements an owner reaches by kind in one pass: referenced ones (`...Ref`, the effective
 * occurrence, resolved) and inline blocks, the inline block winning as in PolicyModel.block.
 */
function blocksOf(owner: StatementInfo): Map<string, StatementInfo> {
  const out = new Map<string, StatementInfo>();
  for (const p of owner.params) {
    const ref = p.reference;
    if (!ref) continue;
    // The last occurrence takes effect.
    if (ref.target) out.set(ref.refKind, ref.target);
    else out.delete(ref.refKind);
  }
  for (const c of owner.children) if (c.kind) out.set(c.kind, c);
  return out;
}

/** Every statement of a kind (catalogue spelling), inline ones included, in reading order. */
export function statementsOf(model: PolicyModel, kind: string): readonly StatementInfo[] {
  return index(model).byKind.get(kind) ?? [];
}

/** The TTLSRule statements that take effect, in reading order. */
export function effectiveRules(model: PolicyModel): readonly StatementInfo[] {
  return index(model).rules;
}

/**
 * Whether Policy Agent uses a statement: false for a definition that a later one of the same kind
 * and name replaces (the last one read wins), and for inline blocks of such a definition.
 */
export function isEffective(model: PolicyModel, s: StatementInfo): boolean {
  let top = s;
  while (top.parent) top = top.parent;
  return !top.kind || top.name === undefined || model.resolve(top.kind, top.name) === top;
}

/** The actions and parameter blocks a rule uses (inline or referenced). */
export interface RuleActions {
  readonly rule: StatementInfo;
  readonly group?: StatementInfo;
  readonly env?: StatementInfo;
  readonly conn?: StatementInfo;
  readonly groupAdv?: StatementInfo;
  readonly envAdv?: StatementInfo;
  readonly connAdv?: StatementInfo;
  readonly keyring?: StatementInfo;
  /** The cipher list in effect: the connection action's, else the environment's. */
  readonly cipher?: StatementInfo;
  readonly signature?: StatementInfo;
  readonly gsk?: StatementInfo;
  /** Whether the group action has TTLSEnabled On, worked out once (most rules ask). */
  readonly secured?: boolean;
}

export function actionsOf(model: PolicyModel, rule: StatementInfo): RuleActions {
  return index(model).actions.get(rule) ?? { rule };
}

/** Rules that use an action or parameter block (directly or through an action). */
export function rulesUsing(model: PolicyModel, statement: StatementInfo): readonly StatementInfo[] {
  return index(model).rulesByAction.get(statement) ?? [];
}

/** True when the rule's group action has TTLSEnabled On. */
export function secures(a: RuleActions): boolean {
  return a.secured ?? is(a.group?.value('TTLSEnabled'), 'on');
}

// ---------------------------------------------------------------------------------------------
// Effective values

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

const lower = (s: string | undefined): string | undefined => s?.toLowerCase();

/** Compares a value with an expected one, case-insensitively (keywords and enum values are). */
export function is(value: string | undefined, expected: string): boolean {
  // Compared without lower-casing (two new strings per call) when the lengths already differ.
  if (value === undefined || value.length !== expected.length) return false;
  return value === expected || value.toLowerCase() === expected.toLowerCase();
}

/**
 * A setting of the advanced parms (TTLSConnectionAdvancedParms over TTLSEnvironmentAdvancedParms
 * over the default for the target release): protocols, ApplicationControlled, HandshakeTimeout...
 */
export function advancedSetting(model: PolicyModel, a: RuleActions, name: string): Setting {
  const c = a.connAdv?.param(name);
  if (c && c.values[0] && catalogue.parameter(CONN_ADV, name)) return { value: c.values[0].text, level: 'connection', param: c };
  const e = a.envAdv?.param(name);
  if (e && e.values[0]) return { value: e.values[0].text, level: 'environment', param: e };
  return defaultSetting(model, name);
}

/** The target release's default of a TTLSEnvironmentAdvancedParms parameter. */
export function defaultSetting(model: PolicyModel, name: string): Setting {
  const spec = catalogue.parameter(ENV_ADV, name);
  const d = spec ? catalogue.defaultFor(spec, model.release) : undefined;
  return { value: d?.value, level: 'default', default: d };
}

const ROLE_CACHE = new WeakMap<RuleActions, Setting>();

/** HandshakeRole: the connection action's when coded, else the environment action's. */
export function handshakeRole(a: RuleActions): Setting {
  let role = ROLE_CACHE.get(a);
  if (role) return role;
  const c = a.conn?.param('HandshakeRole');
  const e = c?.values[0] ? undefined : a.env?.param('HandshakeRole');
  if (c?.values[0]) role = { value: c.values[0].text, level: 'connection', param: c };
  else if (e?.values[0]) role = { value: e.values[0].text, level: 'environment', param: e };
  else role = { value: undefined };
  ROLE_CACHE.set(a, role);
  return role;
}

/** Trace and CtraceClearText: connection over environment over group over the default. */
export function actionSetting(a: RuleActions, name: string, fallback?: string): Setting {
  for (const [s, level] of [
    [a.conn, 'connection'],
    [a.env, 'environment'],
    [a.group, 'group'],
  ] as const) {
    const p = s?.param(name);
    if (p?.values[0]) return { value: p.values[0].text, level, param: p };
  }
  return { value: fallback, level: 'default' };
}

// ---------------------------------------------------------------------------------------------
// Protocols

export const PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export const WEAK_PROTOCOLS: readonly Protocol[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1'];

/** Protocols switched on for a rule, with where each comes from. */
const PROTOCOL_CACHE = new WeakMap<RuleActions, Map<Protocol, Setting>>();

export function enabledProtocols(model: PolicyModel, a: RuleActions): Map<Protocol, Setting> {
  const cached = PROTOCOL_CACHE.get(a);
  if (cached) return cached;
  const out = new Map<Protocol, Setting>();
  PROTOCOL_CACHE.set(a, out);
  for (const p of PROTOCOLS) {
    const s = advancedSetting(model, a, p);
    if (is(s.value, 'on')) out.set(p, s);
  }
  return out;
}

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

/** Offset of the first character of a word's text (after an opening quote). */
function textStart(w: Word): number {
  return w.span.start + (w.quoted ? 1 : 0);
}

function codesOf(p: ParamInfo, width: number, v2: boolean, out: CipherEntry[]): void {
  for (const w of p.values.slice(0, 1)) {
    const t = w.text;
    if (/^(TLS|SSL)_/i.test(t)) {
      const suite = v2 ? undefined : catalogue.cipherSuite(t);
      out.push({ param: p, word: w, span: w.span, text: t, suite, name: suite?.name ?? t.toUpperCase(), v2 });
      continue;
    }
    if (!/^[0-9A-Za-z]+$/.test(t) || t.length % width !== 0) continue;
    for (let i = 0; i < t.length; i += width) {
      const code = t.slice(i, i + width).toUpperCase();
      const start = textStart(w) + i;
      const suite = v2 ? undefined : catalogue.cipherSuite(code);
      // Both widths: a 2-character code XY is the suite 00XY, so '34' is as anonymous as '0034'.
      const name = v2 ? V2_NAMES.get(code) : suite?.name ?? catalogue.ianaOnlySuite(code);
      out.push({ param: p, word: w, span: { start, end: start + width }, text: code, suite, name, v2 });
    }
  }
}

const V2_NAMES = new Map<string, string>([
  ['1', 'SSL_RC4_128_WITH_MD5'],
  ['2', 'SSL_RC4_128_EXPORT40_WITH_MD5'],
  ['3', 'SSL_RC2_CBC_128_CBC_WITH_MD5'],
  ['4', 'SSL_RC2_CBC_128_CBC_EXPORT40_WITH_MD5'],
  ['6', 'SSL_DES_64_CBC_WITH_MD5'],
  ['7', 'SSL_DES_192_EDE3_CBC_WITH_MD5'],
]);

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

/** Whether a cipher suite is a TLS 1.3 suite (13xx). */
export function isTls13Suite(e: CipherEntry): boolean {
  return !!e.suite?.tls13 || /^13[0-9A-F]{2}$/i.test(e.suite?.code4 ?? e.text);
}

/**
 * The cipher suites in effect for a rule: the coded list, or the target release's default list
 * when it is catalogued (z/OS 3.2). `known` is false when neither is available.
 */
export function effectiveSuites(model: PolicyModel, a: RuleActions): { coded: boolean; known: boolean; tls13: boolean; older: boolean; block?: StatementInfo } {
  if (a.cipher) {
    const list = cipherEntries(a.cipher).filter((e) => !e.v2);
    if (list.length > 0) {
      return { coded: true, known: true, tls13: list.some(isTls13Suite), older: list.some((e) => !isTls13Suite(e)), block: a.cipher };
    }
  }
  const spec = catalogue.parameter(catalogue.statement('TTLSCipherParms')!, 'V3CipherSuites4Char');
  const d = spec ? catalogue.defaultFor(spec, model.release) : undefined;
  if (!d) return { coded: false, known: false, tls13: false, older: false };
  const codes = d.value.match(/.{4}/g) ?? [];
  return { coded: false, known: true, tls13: codes.some((c) => c.startsWith('13')), older: codes.some((c) => !c.startsWith('13')) };
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
  return p.values[0]?.span ?? p.keyword.span;
}

/** Text to insert a new parameter line as the first line of a block statement. */
export function insertLineFix(title: string, block: StatementInfo, line: string): Fix | undefined {
  const node = block.node;
  if (node.kind !== 'statement') return undefined;
  const text = block.doc.parse.text;
  const open = node.open.end;
  const first = block.params[0]?.node.span.start;
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
  const start = w.span.start + (w.quoted ? 1 : 0);
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
    const line = doc.parse.lineIndex.lineAt(c.span.start);
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
