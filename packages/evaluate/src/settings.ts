// Effective settings: for a combination of actions, the value each setting takes and where it comes
// from. This is the one place the precedence is written: a value coded at connection level
// replaces the environment-level one, which replaces the group-level one; what nobody codes takes
// the documented default of the target release; a Suite B profile replaces the cipher lists.
import { catalogue, type Certainty, type ParamInfo, type PolicyModel, type StatementInfo, type TargetRelease } from '@attls/language';
import { actionsOfRule, LEVEL_OF, resolveActions, rulesUsing, type Block, type RuleActions } from './actions.js';

export type Level = 'group' | 'environment' | 'connection';

/** Where a value came from: a parameter line of the policy, or the default of the release. */
export type SettingSource =
  | {
      readonly kind: 'policy';
      /** The block the line is in (its file: statement.doc.uri; its name for people: blockLabel). */
      readonly statement: StatementInfo;
      /** The line (its place: param.node). */
      readonly param: ParamInfo;
      readonly level: Level;
    }
  | {
      readonly kind: 'default';
      readonly release: TargetRelease;
      readonly certainty: Certainty;
      readonly note?: string;
    };

/** A coded value that is not in force, and why. */
export interface Overridden {
  readonly param: ParamInfo;
  readonly level: Level;
  readonly reason: string;
}

export interface Setting {
  readonly name: string;
  /** Scalar text, a list (cipher suites, labels), or null when the default is not known to attls. */
  readonly value: string | readonly string[] | null;
  /** For cipher lists: the suite names, in the same order. */
  readonly names?: readonly string[];
  readonly source: SettingSource;
  /** Shown in the short text answer even when it is the default. */
  readonly key: boolean;
  /** Remarks: "connection-level list replaces the environment list". */
  readonly notes?: readonly string[];
  /** Values coded for this setting that lose: a lower level's value, or a list a profile replaces. */
  readonly overridden?: readonly Overridden[];
}

interface Def {
  /** Position in the table (the index of its cached setting). */
  readonly index: number;
  readonly name: string;
  /** Blocks to look in, highest precedence first. */
  readonly from: readonly Block[];
  /** Statement kind whose catalogue entry holds the default. */
  readonly defaultIn: string;
  readonly key?: boolean | ((get: (name: string) => string | undefined) => boolean);
  readonly secret?: boolean;
  readonly notes?: readonly string[];
  /** Built by its own function rather than read from one parameter. */
  readonly special?: 'v3ciphers' | 'v2ciphers';
  /** The parameter may be coded several times, each line adding a value (labels). */
  readonly repeatable?: boolean;
}

/** The protocol switches, oldest first. */
export const PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export const WEAK_PROTOCOLS: readonly Protocol[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1'];

const SECONDARY_MAP_NOTE = 'SecondaryMap can be coded at group, environment and connection level; which one wins is not documented (attls assumes connection over environment over group).';
const SIGNATURE_NOTE = 'A connection-level TTLSSignatureParms value is taken to replace the environment value of the same parameter (inferred, not documented).';
const CIPHER_NOTE = 'V3CipherSuites and V3CipherSuites4Char lines are joined in the order written (IBM: repeated lists are concatenated); a connection-level TTLSCipherParms list replaces the environment list (inferred, not documented).';

/**
 * The cipher suites of each Suite B profile. IBM describes the profiles in words only ("Suite B 128
 * bit cipher suites", "AES-GCM ciphers with a minimum 192 bit strength"); the suites here follow
 * RFC 6460: 128-bit is TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (C02B), 192-bit is
 * TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (C02C); the minimum-level and All profiles allow both
 * where the level permits. IBM confirms that with a profile coded, TTLSCipherParms are ignored.
 */
export const SUITE_B_SUITES: Readonly<Record<string, readonly string[]>> = {
  '128': ['C02B'],
  '128min': ['C02B', 'C02C'],
  '192': ['C02C'],
  '192min': ['C02C'],
  all: ['C02B', 'C02C'],
};

/** Said wherever the suites of a profile are shown. */
export const SUITE_B_SUITES_NOTE =
  'The suites of each Suite B profile follow RFC 6460 (128: C02B; 128Min: C02B, C02C; 192: C02C; 192Min: C02C; All: C02B, C02C); IBM describes the profiles in words and does not list their suites, so this mapping is not confirmed.';

function definitions(): Omit<Def, 'index'>[] {
  const conn = new Set((catalogue.statement('TTLSConnectionAdvancedParms')?.parameters ?? []).map((p) => p.name));
  const defs: Omit<Def, 'index'>[] = [
    { name: 'TTLSEnabled', from: ['group'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'HandshakeRole', from: ['connection', 'environment'], defaultIn: 'TTLSEnvironmentAction', key: true },
    { name: 'Keyring', from: ['keyring'], defaultIn: 'TTLSKeyringParms', key: true },
    { name: 'KeyringPw', from: ['keyring'], defaultIn: 'TTLSKeyringParms', secret: true },
    { name: 'KeyringStashFile', from: ['keyring'], defaultIn: 'TTLSKeyringParms' },
    ...PROTOCOLS.map((p): Omit<Def, 'index'> => ({ name: p, from: ['connectionAdvanced', 'environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true })),
    { name: 'ClientAuthType', from: ['environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: (get) => get('HandshakeRole')?.toLowerCase() === 'serverwithclientauth' },
    { name: 'ApplicationControlled', from: ['connectionAdvanced', 'environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'HandshakeTimeout', from: ['connectionAdvanced', 'environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'SecondaryMap', from: ['connectionAdvanced', 'environmentAdvanced', 'groupAdvanced'], defaultIn: 'TTLSGroupAdvancedParms', key: true, notes: [SECONDARY_MAP_NOTE] },
    { name: 'CertificateLabel', from: ['connectionAdvanced', 'environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'ServerCertificateLabel', from: ['connectionAdvanced', 'environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'SuiteBProfile', from: ['environment'], defaultIn: 'TTLSEnvironmentAction' },
    { name: 'V3CipherSuites', from: ['connectionCipher', 'environmentCipher'], defaultIn: 'TTLSCipherParms', key: true, special: 'v3ciphers' },
    { name: 'V2CipherSuites', from: ['connectionCipher', 'environmentCipher'], defaultIn: 'TTLSCipherParms', special: 'v2ciphers' },
    { name: 'Trace', from: ['connection', 'environment', 'group'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'CtraceClearText', from: ['connection', 'environment', 'group'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'FIPS140', from: ['group'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'Envfile', from: ['groupAdvanced'], defaultIn: 'TTLSGroupAdvancedParms' },
    { name: 'SyslogFacility', from: ['groupAdvanced'], defaultIn: 'TTLSGroupAdvancedParms' },
    { name: 'GroupUserInstance', from: ['group'], defaultIn: 'TTLSGroupAction' },
    { name: 'EnvironmentUserInstance', from: ['environment'], defaultIn: 'TTLSEnvironmentAction' },
    { name: 'ConnectionUserInstance', from: ['connection'], defaultIn: 'TTLSConnectionAction' },
  ];
  const seen = new Set(defs.map((d) => d.name));
  for (const p of catalogue.statement('TTLSEnvironmentAdvancedParms')?.parameters ?? []) {
    if (seen.has(p.name) || p.kind === 'inline-block' || p.kind === 'name-ref') continue;
    defs.push({ name: p.name, from: conn.has(p.name) ? ['connectionAdvanced', 'environmentAdvanced'] : ['environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms' });
    seen.add(p.name);
  }
  for (const p of catalogue.statement('TTLSSignatureParms')?.parameters ?? []) {
    defs.push({ name: p.name, from: ['connectionSignature', 'environmentSignature'], defaultIn: 'TTLSSignatureParms', notes: [SIGNATURE_NOTE] });
  }
  const gsk: [string, Block][] = [
    ['TTLSGskAdvancedParms', 'gsk'],
    ['TTLSGskLdapParms', 'ldap'],
    ['TTLSGskOcspParms', 'ocsp'],
    ['TTLSGskHttpCdpParms', 'httpCdp'],
  ];
  for (const [kind, block] of gsk) {
    for (const p of catalogue.statement(kind)?.parameters ?? []) {
      if (p.kind === 'inline-block' || p.kind === 'name-ref') continue;
      defs.push({ name: p.name, from: [block], defaultIn: kind, secret: /_PW$/i.test(p.name) });
    }
  }
  return defs;
}

let DEFS: Def[] | undefined;
let DEF_BY_NAME: Map<string, Def> | undefined;

function defs(): Def[] {
  return (DEFS ??= definitions().map((d, index) => {
    const owner = catalogue.statement(d.defaultIn);
    const repeatable = (owner ? catalogue.parameter(owner, d.name)?.repeatable : undefined) === true;
    return { ...d, index, repeatable };
  }));
}

/** The definition of a setting: by its catalogue spelling (the usual ask), else in any case. */
function defOf(name: string): Def | undefined {
  if (!DEF_BY_NAME) {
    DEF_BY_NAME = new Map();
    for (const d of defs()) {
      DEF_BY_NAME.set(d.name, d);
      DEF_BY_NAME.set(d.name.toLowerCase(), d);
    }
  }
  return DEF_BY_NAME.get(name) ?? DEF_BY_NAME.get(name.toLowerCase());
}

/** Every setting name an answer can carry, in a fixed logical order. */
export function settingNames(): string[] {
  return defs().map((d) => d.name);
}

/** Human label of the block a parameter sits in. */
export function blockLabel(s: StatementInfo): string {
  const kind = s.kind ?? s.keyword.text;
  if (s.name !== undefined) return `${kind} ${s.name}`;
  const parent = s.parent;
  return parent ? `${kind} in ${blockLabel(parent)}` : kind;
}

function policySource(block: StatementInfo, param: ParamInfo, level: Level): SettingSource {
  return { kind: 'policy', statement: block, param, level };
}

function defaultSource(release: TargetRelease, d: { certainty: Certainty; note?: string }): SettingSource {
  return { kind: 'default', release, certainty: d.certainty, ...(d.note !== undefined ? { note: d.note } : {}) };
}

/** Converts a cipher value (name, 2-character codes or 4-character codes) into 4-character codes. */
function cipherCodes(param: ParamInfo): string[] {
  const out: string[] = [];
  const four = (param.spec?.name ?? param.keyword.text).toLowerCase() === 'v3ciphersuites4char';
  const w = param.values[0];
  if (!w) return out;
  const t = w.text;
  if (/^(TLS|SSL)_/i.test(t)) {
    out.push(catalogue.cipherSuite(t)?.code4 ?? t.toUpperCase());
    return out;
  }
  const width = four ? 4 : 2;
  for (let i = 0; i < t.length; i += width) {
    const code = t.slice(i, i + width).toUpperCase();
    out.push(four ? code : (catalogue.cipherSuite(code)?.code4 ?? code));
  }
  return out;
}

function suiteName(code: string): string {
  return catalogue.cipherSuite(code)?.name ?? (/^(TLS|SSL)_/.test(code) ? code : `unknown suite ${code}`);
}

const V3_LINES = new WeakMap<StatementInfo, readonly ParamInfo[]>();

/** The V3 cipher lines of a TTLSCipherParms block, in the order written (found once per block). */
export function v3CipherParams(block: StatementInfo): readonly ParamInfo[] {
  let lines = V3_LINES.get(block);
  if (!lines) {
    lines = [...block.paramsNamed('V3CipherSuites'), ...block.paramsNamed('V3CipherSuites4Char')].sort((a, b) => a.node.start - b.node.start);
    V3_LINES.set(block, lines);
  }
  return lines;
}

/** A Suite B profile coded on an environment action: it replaces every TTLSCipherParms list. */
export interface SuiteBProfile {
  /** The SuiteBProfile line. */
  readonly param: ParamInfo;
  /** The value as written: 128, 128Min, 192, 192Min or All. */
  readonly value: string;
  /** The suites the profile allows (4-character codes; see SUITE_B_SUITES_NOTE). */
  readonly codes: readonly string[];
}

/**
 * The Suite B profile in force for a combination of actions, when one is coded (Off is none). IBM:
 * with 128, 128Min, 192, 192Min or All, any TTLSCipherParms is ignored and only the profile's
 * suites are used.
 */
export function suiteBProfileOf(a: RuleActions): SuiteBProfile | undefined {
  const p = a.environment?.param('SuiteBProfile');
  const value = p?.values[0]?.text ?? '';
  const codes = p ? SUITE_B_SUITES[value.toLowerCase()] : undefined;
  return p && codes ? { param: p, value, codes } : undefined;
}

/** A TTLSCipherParms whose lists Policy Agent ignores for some or all of the rules that use it. */
export interface IgnoredCipherBlock {
  /** Rules that use the block under a Suite B profile, with the profile each one has. */
  readonly ignoredFor: readonly { readonly rule: StatementInfo; readonly profile: SuiteBProfile }[];
  /** Rules that use the block without a profile: for them its lists are in force. */
  readonly inForceFor: readonly StatementInfo[];
  /**
   * For a block no rule uses: the profile of the environment action that holds it (inline or by
   * reference), when every such action has one.
   */
  readonly holderProfile?: SuiteBProfile;
}

const ignoredCache = new WeakMap<PolicyModel, Map<StatementInfo, IgnoredCipherBlock | null>>();

/**
 * Whether a Suite B profile makes Policy Agent ignore a TTLSCipherParms block: for each rule that
 * uses it (as its environment's or its connection's list), whether that rule's environment codes a
 * profile. Undefined when no rule (and, for an unused block, no environment action holding it)
 * has a profile, i.e. when the block is in force wherever it is used.
 */
export function ignoredCipherBlock(model: PolicyModel, block: StatementInfo): IgnoredCipherBlock | undefined {
  // Most policies code no Suite B profile at all: then no list is ignored, and nothing is looked up.
  if (!model.paramsOf('SuiteBProfile').some((p) => SUITE_B_SUITES[(p.values[0]?.text ?? '').toLowerCase()] !== undefined)) return undefined;
  let byBlock = ignoredCache.get(model);
  if (!byBlock) ignoredCache.set(model, (byBlock = new Map()));
  const hit = byBlock.get(block);
  if (hit !== undefined) return hit ?? undefined;
  const ignoredFor: { rule: StatementInfo; profile: SuiteBProfile }[] = [];
  const inForceFor: StatementInfo[] = [];
  const users = rulesUsing(model, block);
  for (const rule of users) {
    const a = actionsOfRule(model, rule);
    if (a.environmentCipher !== block && a.connectionCipher !== block) continue;
    const profile = suiteBProfileOf(a);
    if (profile) ignoredFor.push({ rule, profile });
    else inForceFor.push(rule);
  }
  let result: IgnoredCipherBlock | undefined;
  if (ignoredFor.length > 0) result = { ignoredFor, inForceFor };
  else if (users.length === 0) {
    // No rule uses it: judge by the environment actions that hold it.
    const holders = model.statementsOf('TTLSEnvironmentAction').filter((e) => model.block(e, 'TTLSCipherParms') === block);
    const profiles = holders.map((e) => suiteBProfileOf(resolveActions(model, { environment: e })));
    if (holders.length > 0 && profiles.every((p) => p !== undefined)) result = { ignoredFor: [], inForceFor: [], holderProfile: profiles[0]! };
  }
  byBlock.set(block, result ?? null);
  return result;
}

/** The V3 list a TTLSCipherParms block codes: its lines, the codes in order and their names. */
interface CodedList {
  readonly params: readonly ParamInfo[];
  readonly codes: readonly string[];
  readonly names: readonly string[];
}

const codedLists = new WeakMap<StatementInfo, CodedList | null>();

/**
 * The V3 list of a block, read once per block: every rule whose actions use the block shares it (a
 * list of 5,000 codes used by 2,000 rules was read 2,000 times, 10 s).
 */
function codedList(block: StatementInfo): CodedList | undefined {
  let list = codedLists.get(block);
  if (list === undefined) {
    const params = v3CipherParams(block);
    const codes = params.flatMap(cipherCodes);
    list = params.length > 0 ? { params, codes, names: codes.map(suiteName) } : null;
    codedLists.set(block, list);
  }
  return list ?? undefined;
}

const LOSING = new WeakMap<StatementInfo, Map<string, readonly Overridden[]>>();

/**
 * The lines of a block that lose, as overridden entries, made once per block, level and reason:
 * rules sharing a cipher list share them (500 rules whose connection list replaced one environment
 * list of 20,000 lines made 10 million entries).
 */
function losing(block: StatementInfo, lines: () => readonly ParamInfo[], level: Level, reason: string): readonly Overridden[] {
  let byReason = LOSING.get(block);
  if (!byReason) LOSING.set(block, (byReason = new Map()));
  const key = `${level}\u0000${reason}`;
  let list = byReason.get(key);
  if (!list) byReason.set(key, (list = lines().map((param) => ({ param, level, reason }))));
  return list;
}

function cipherList(a: RuleActions, release: TargetRelease): Setting {
  const notes = [CIPHER_NOTE];
  const levels = [['connectionCipher', 'connection'], ['environmentCipher', 'environment']] as const;
  const profile = suiteBProfileOf(a);
  if (profile) {
    let overridden: readonly Overridden[] = [];
    for (const [field, level] of levels) {
      const block = a[field];
      if (!block) continue;
      const lines = losing(block, () => [...v3CipherParams(block), ...block.paramsNamed('V2CipherSuites')], level, `ignored: SuiteBProfile ${profile.param.values[0]!.text} replaces every TTLSCipherParms list`);
      overridden = overridden.length === 0 ? lines : [...overridden, ...lines];
    }
    return {
      name: 'V3CipherSuites',
      value: profile.codes,
      names: profile.codes.map(suiteName),
      source: policySource(a.environment!, profile.param, 'environment'),
      key: true,
      notes: [`SuiteBProfile ${profile.param.values[0]!.text}: only the Suite B cipher suites are used, for TLSv1.2 sessions; any TTLSCipherParms is ignored (IBM).`, SUITE_B_SUITES_NOTE],
      ...(overridden.length > 0 ? { overridden } : {}),
    };
  }
  for (let i = 0; i < levels.length; i++) {
    const [field, level] = levels[i]!;
    const block = a[field];
    if (!block) continue;
    const list = codedList(block);
    if (!list) continue;
    const { params, codes, names } = list;
    let overridden: readonly Overridden[] = [];
    for (const [lower, lowerLevel] of levels.slice(i + 1)) {
      const b = a[lower];
      if (b) {
        const lines = losing(b, () => v3CipherParams(b), lowerLevel, `replaced by the ${level}-level list`);
        overridden = overridden.length === 0 ? lines : [...overridden, ...lines];
      }
    }
    return { name: 'V3CipherSuites', value: codes, names, source: policySource(block, params[0]!, level), key: true, notes, ...(overridden.length > 0 ? { overridden } : {}) };
  }
  const spec = catalogue.statement('TTLSCipherParms');
  const p = spec ? catalogue.parameter(spec, 'V3CipherSuites4Char') : undefined;
  const d = p ? catalogue.defaultFor(p, release) : undefined;
  if (d) {
    const codes: string[] = [];
    for (let i = 0; i < d.value.length; i += 4) codes.push(d.value.slice(i, i + 4));
    return { name: 'V3CipherSuites', value: codes, names: codes.map(suiteName), source: defaultSource(release, d), key: true, notes };
  }
  return {
    name: 'V3CipherSuites',
    value: null,
    source: { kind: 'default', release, certainty: 'recalled', note: `System SSL's default cipher list for z/OS ${release} is not catalogued by attls.` },
    key: true,
    notes,
  };
}

function v2CipherList(a: RuleActions): Setting | undefined {
  if (suiteBProfileOf(a)) return undefined;
  for (const [field, level] of [['connectionCipher', 'connection'], ['environmentCipher', 'environment']] as const) {
    const block = a[field];
    const params = block?.paramsNamed('V2CipherSuites') ?? [];
    if (!block || params.length === 0) continue;
    return { name: 'V2CipherSuites', value: params.map((p) => p.values[0]?.text ?? ''), source: policySource(block, params[0]!, level), key: false };
  }
  return undefined;
}

/** The value of one definition, before the key flag that depends on other settings. */
function resolve(a: RuleActions, def: Def, release: TargetRelease): Omit<Setting, 'key'> | undefined {
  if (def.special === 'v3ciphers') return cipherList(a, release);
  if (def.special === 'v2ciphers') return v2CipherList(a);
  let found: Omit<Setting, 'key'> | undefined;
  let overridden: Overridden[] | undefined;
  for (const field of def.from) {
    const block = a[field];
    if (!block) continue;
    const level = LEVEL_OF[field];
    if (found) {
      // A lower level codes it too: its lines lose to the value found.
      const winner = found.source.kind === 'policy' ? found.source.level : level;
      for (const p of block.paramsNamed(def.name)) (overridden ??= []).push({ param: p, level, reason: `replaced by the ${winner}-level value` });
      continue;
    }
    // A value is its first word, as StatementInfo.value reads it: Policy Agent ignores the words
    // after it (the trailing-text finding), so `TTLSEnabled On On` is On.
    if (def.repeatable) {
      const params = block.paramsNamed(def.name);
      if (params.length === 0) continue;
      const list = params.map((p) => p.values[0]?.text ?? '');
      found = { name: def.name, value: def.secret ? list.map(() => '(set, not shown)') : list, source: policySource(block, params[0]!, level) };
    } else {
      const p = block.param(def.name);
      if (!p) continue;
      found = { name: def.name, value: def.secret ? '(set, not shown)' : (p.values[0]?.text ?? ''), source: policySource(block, p, level) };
    }
  }
  if (found) return overridden ? { ...found, overridden } : found;
  return defaultOf(def, release);
}

/** The catalogued default of a definition for a release, made once (every rule without the value shares it). */
function defaultOf(def: Def, release: TargetRelease): Omit<Setting, 'key'> | undefined {
  let byRelease = DEFAULTS.get(def);
  if (!byRelease) DEFAULTS.set(def, (byRelease = new Map()));
  let d = byRelease.get(release);
  if (d === undefined) {
    const owner = catalogue.statement(def.defaultIn);
    const spec = owner ? catalogue.parameter(owner, def.name) : undefined;
    const found = spec ? catalogue.defaultFor(spec, release) : undefined;
    d = found ? { name: def.name, value: found.value, source: defaultSource(release, found) } : null;
    byRelease.set(release, d);
  }
  return d ?? undefined;
}

const DEFAULTS = new Map<Def, Map<TargetRelease, Omit<Setting, 'key'> | null>>();
/** Finished default settings of definitions whose key flag does not depend on the rule. */
const SHARED_DEFAULTS = new Map<Def, Map<TargetRelease, Setting>>();

/**
 * Settings already resolved, by actions, then by definition's index (null: resolved, none), for the
 * model's release; other releases (a diff, a --target-release asked of the same model) by release.
 */
const cache = new WeakMap<RuleActions, (Setting | null | undefined)[]>();
const otherReleases = new WeakMap<RuleActions, Map<TargetRelease, Map<Def, Setting | null>>>();

/**
 * The effective value of one setting for a combination of actions, with its provenance; undefined
 * when the setting is not coded and has no catalogued default (or is not a setting attls knows).
 */
export function effectiveSetting(model: PolicyModel, a: RuleActions, name: string, release: TargetRelease = model.release): Setting | undefined {
  const def = defOf(name);
  if (!def) return undefined;
  let hit: Setting | null | undefined;
  let byIndex: (Setting | null | undefined)[] | undefined;
  let byDef: Map<Def, Setting | null> | undefined;
  if (release === model.release) {
    byIndex = cache.get(a);
    if (!byIndex) cache.set(a, (byIndex = new Array(defs().length)));
    hit = byIndex[def.index];
  } else {
    let byRelease = otherReleases.get(a);
    if (!byRelease) otherReleases.set(a, (byRelease = new Map()));
    byDef = byRelease.get(release);
    if (!byDef) byRelease.set(release, (byDef = new Map()));
    hit = byDef.get(def);
  }
  if (hit !== undefined) return hit ?? undefined;
  let s: Setting | undefined;
  const found = resolve(a, def, release);
  if (found && found.source.kind === 'default' && typeof def.key !== 'function') {
    // A default is the same for every rule: one object for all of them.
    let byRelease = SHARED_DEFAULTS.get(def);
    if (!byRelease) SHARED_DEFAULTS.set(def, (byRelease = new Map()));
    s = byRelease.get(release);
    if (!s) byRelease.set(release, (s = finish(found, def, def.key === true)));
  } else if (found) {
    s = finish(found, def, typeof def.key === 'function' ? def.key((n) => textOf(effectiveSetting(model, a, n, release))) : def.key === true);
  }
  if (byIndex) byIndex[def.index] = s ?? null;
  else byDef!.set(def, s ?? null);
  return s;
}

/** A resolved value with its key flag and the definition's notes. */
function finish(found: Omit<Setting, 'key'>, def: Def, key: boolean): Setting {
  return def.notes && !found.notes ? { ...found, key, notes: def.notes } : { ...found, key };
}

/** The scalar text of a setting, when it has one. */
function textOf(s: Setting | undefined): string | undefined {
  return s && typeof s.value === 'string' ? s.value : undefined;
}

/** The text of a scalar setting (undefined when not coded and without a default). */
export function settingValue(model: PolicyModel, a: RuleActions, name: string, release: TargetRelease = model.release): string | undefined {
  return textOf(effectiveSetting(model, a, name, release));
}

/**
 * The effective settings of a combination of actions for a release, in a fixed logical order. For
 * a group with TTLSEnabled Off only TTLSEnabled is given: nothing else applies to a connection in
 * the clear.
 */
export function effectiveSettings(model: PolicyModel, of: RuleActions | { readonly actions: RuleActions }, release: TargetRelease = model.release): Setting[] {
  const a = 'actions' in of ? of.actions : of;
  const out: Setting[] = [];
  for (const def of defs()) {
    const s = effectiveSetting(model, a, def.name, release);
    if (s) out.push(s);
  }
  if (a.enabled === false) return out.filter((s) => s.name === 'TTLSEnabled');
  return out;
}

/** Protocols switched on for a combination of actions, with the setting each comes from. */
export function enabledProtocols(model: PolicyModel, a: RuleActions, release: TargetRelease = model.release): ReadonlyMap<Protocol, Setting> {
  if (release === model.release) {
    let on = PROTOCOLS_ON.get(a);
    if (!on) PROTOCOLS_ON.set(a, (on = protocolsOn(model, a, release)));
    return on;
  }
  return protocolsOn(model, a, release);
}

/** Protocols on, by actions, for the model's release: several rules ask of each. */
const PROTOCOLS_ON = new WeakMap<RuleActions, ReadonlyMap<Protocol, Setting>>();

function protocolsOn(model: PolicyModel, a: RuleActions, release: TargetRelease): ReadonlyMap<Protocol, Setting> {
  const out = new Map<Protocol, Setting>();
  for (const p of PROTOCOLS) {
    const s = effectiveSetting(model, a, p, release);
    if (s && typeof s.value === 'string' && s.value.toLowerCase() === 'on') out.set(p, s);
  }
  return out;
}

/** Text of a value for display. */
export function settingText(s: Setting): string {
  if (s.value === null) return 'System SSL default (not known to attls)';
  if (typeof s.value === 'string') return s.value;
  return s.value.join(' ');
}

/**
 * The TTLSCipherParms whose lists are in force: the connection action's when it lists V3 suites,
 * else the environment's; none under a Suite B profile, which replaces them.
 */
export function cipherBlock(a: RuleActions): StatementInfo | undefined {
  if (suiteBProfileOf(a)) return undefined;
  const c = a.connectionCipher;
  if (c && v3CipherParams(c).length > 0) return c;
  const e = a.environmentCipher;
  if (e && v3CipherParams(e).length > 0) return e;
  return c ?? e;
}

/** The target release's default of a setting, as a rule that codes nothing gets it. */
export function defaultSetting(model: PolicyModel, name: string, release: TargetRelease = model.release): Setting | undefined {
  const def = defOf(name);
  if (!def || def.special) return def?.special === 'v3ciphers' ? finish(cipherList({ kind: 'actions', enabled: undefined }, release), def, def.key === true) : undefined;
  const found = defaultOf(def, release);
  return found ? finish(found, def, def.key === true) : undefined;
}
