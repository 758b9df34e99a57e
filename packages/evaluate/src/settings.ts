// Effective settings: for a combination of actions, the value each setting takes and where it comes
// from. This is the one place the precedence is written: a value coded at connection level
// replaces the environment-level one, which replaces the group-level one; what nobody codes takes
// the documented default of the target release; a Suite B profile replaces the cipher lists.
import { catalogue, spanOf, type Certainty, type ParamInfo, type PolicyModel, type Span, type StatementInfo, type TargetRelease } from '@attls/language';
import { LEVEL_OF, type Block, type RuleActions } from './actions.js';

export type Level = 'group' | 'environment' | 'connection';

/** Where a value came from: a parameter line of the policy, or the default of the release. */
export type SettingSource =
  | {
      readonly kind: 'policy';
      /** The block the line is in. */
      readonly statement: StatementInfo;
      readonly param: ParamInfo;
      /** "TTLSEnvironmentAdvancedParms eAdv1" or "TTLSKeyringParms in TTLSEnvironmentAction eTN3270Server". */
      readonly label: string;
      readonly uri: string;
      readonly span: Span;
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
}

/** The protocol switches, oldest first. */
export const PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export const WEAK_PROTOCOLS: readonly Protocol[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1'];

const SECONDARY_MAP_NOTE = 'SecondaryMap can be coded at group, environment and connection level; which one wins is not documented (attls assumes connection over environment over group).';
const SIGNATURE_NOTE = 'A connection-level TTLSSignatureParms value is taken to replace the environment value of the same parameter (inferred, not documented).';
const CIPHER_NOTE = 'V3CipherSuites and V3CipherSuites4Char lines are joined in the order written (IBM: repeated lists are concatenated); a connection-level TTLSCipherParms list replaces the environment list (inferred, not documented).';

/**
 * The cipher suites of each Suite B profile (RFC 6460): 128-bit is TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
 * (C02B), 192-bit is TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (C02C); the minimum-level and All
 * profiles allow both where the level permits. IBM: with a profile coded, TTLSCipherParms are ignored.
 */
export const SUITE_B_SUITES: Readonly<Record<string, readonly string[]>> = {
  '128': ['C02B'],
  '128min': ['C02B', 'C02C'],
  '192': ['C02C'],
  '192min': ['C02C'],
  all: ['C02B', 'C02C'],
};

function definitions(): Def[] {
  const conn = new Set((catalogue.statement('TTLSConnectionAdvancedParms')?.parameters ?? []).map((p) => p.name));
  const defs: Def[] = [
    { name: 'TTLSEnabled', from: ['group'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'HandshakeRole', from: ['connection', 'environment'], defaultIn: 'TTLSEnvironmentAction', key: true },
    { name: 'Keyring', from: ['keyring'], defaultIn: 'TTLSKeyringParms', key: true },
    { name: 'KeyringPw', from: ['keyring'], defaultIn: 'TTLSKeyringParms', secret: true },
    { name: 'KeyringStashFile', from: ['keyring'], defaultIn: 'TTLSKeyringParms' },
    ...PROTOCOLS.map((p): Def => ({ name: p, from: ['connectionAdvanced', 'environmentAdvanced'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true })),
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
let DEF_BY_KEY: Map<string, Def> | undefined;

function defs(): Def[] {
  return (DEFS ??= definitions());
}

function defOf(name: string): Def | undefined {
  DEF_BY_KEY ??= new Map(defs().map((d) => [d.name.toLowerCase(), d]));
  return DEF_BY_KEY.get(name.toLowerCase());
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
  return { kind: 'policy', statement: block, param, label: blockLabel(block), uri: block.doc.uri, span: spanOf(param.node), level };
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

/** The V3 cipher lines of a TTLSCipherParms block, in the order written. */
export function v3CipherParams(block: StatementInfo): ParamInfo[] {
  return [...block.paramsNamed('V3CipherSuites'), ...block.paramsNamed('V3CipherSuites4Char')].sort((a, b) => a.node.start - b.node.start);
}

/** The Suite B profile that replaces the cipher lists, when one is coded. */
function suiteBProfile(a: RuleActions): { param: ParamInfo; codes: readonly string[] } | undefined {
  const p = a.environment?.param('SuiteBProfile');
  const codes = p ? SUITE_B_SUITES[(p.values[0]?.text ?? '').toLowerCase()] : undefined;
  return p && codes ? { param: p, codes } : undefined;
}

function cipherList(a: RuleActions, release: TargetRelease): Setting {
  const notes = [CIPHER_NOTE];
  const levels = [['connectionCipher', 'connection'], ['environmentCipher', 'environment']] as const;
  const profile = suiteBProfile(a);
  if (profile) {
    const overridden: Overridden[] = [];
    for (const [field, level] of levels) {
      const block = a[field];
      if (!block) continue;
      for (const p of [...v3CipherParams(block), ...block.paramsNamed('V2CipherSuites')]) {
        overridden.push({ param: p, level, reason: `ignored: SuiteBProfile ${profile.param.values[0]!.text} replaces every TTLSCipherParms list` });
      }
    }
    return {
      name: 'V3CipherSuites',
      value: profile.codes,
      names: profile.codes.map(suiteName),
      source: policySource(a.environment!, profile.param, 'environment'),
      key: true,
      notes: [`SuiteBProfile ${profile.param.values[0]!.text}: only the Suite B cipher suites are used, for TLSv1.2 sessions; any TTLSCipherParms is ignored (IBM).`],
      ...(overridden.length > 0 ? { overridden } : {}),
    };
  }
  for (let i = 0; i < levels.length; i++) {
    const [field, level] = levels[i]!;
    const block = a[field];
    if (!block) continue;
    const params = v3CipherParams(block);
    if (params.length === 0) continue;
    const codes = params.flatMap(cipherCodes);
    const overridden: Overridden[] = [];
    for (const [lower, lowerLevel] of levels.slice(i + 1)) {
      const b = a[lower];
      if (b) for (const p of v3CipherParams(b)) overridden.push({ param: p, level: lowerLevel, reason: `replaced by the ${level}-level list` });
    }
    return { name: 'V3CipherSuites', value: codes, names: codes.map(suiteName), source: policySource(block, params[0]!, level), key: true, notes, ...(overridden.length > 0 ? { overridden } : {}) };
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
  if (suiteBProfile(a)) return undefined;
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
  const overridden: Overridden[] = [];
  for (const field of def.from) {
    const block = a[field];
    if (!block) continue;
    const params = block.paramsNamed(def.name);
    if (params.length === 0) continue;
    const level = LEVEL_OF[field];
    if (found) {
      const winner = found.source.kind === 'policy' ? found.source.level : level;
      for (const p of params) overridden.push({ param: p, level, reason: `replaced by the ${winner}-level value` });
      continue;
    }
    // A value is its first word, as StatementInfo.value reads it: Policy Agent ignores the words
    // after it (the trailing-text finding), so `TTLSEnabled On On` is On.
    if (params[0]!.spec?.repeatable) {
      const list = params.map((p) => p.values[0]?.text ?? '');
      found = { name: def.name, value: def.secret ? list.map(() => '(set, not shown)') : list, source: policySource(block, params[0]!, level) };
    } else {
      const p = params[params.length - 1]!;
      const text = p.values[0]?.text ?? '';
      found = { name: def.name, value: def.secret ? '(set, not shown)' : text, source: policySource(block, p, level) };
    }
  }
  if (found) return overridden.length > 0 ? { ...found, overridden } : found;
  const owner = catalogue.statement(def.defaultIn);
  const spec = owner ? catalogue.parameter(owner, def.name) : undefined;
  const d = spec ? catalogue.defaultFor(spec, release) : undefined;
  if (!d) return undefined;
  return { name: def.name, value: d.value, source: defaultSource(release, d) };
}

const cache = new WeakMap<RuleActions, Map<string, Setting | null>>();

/**
 * The effective value of one setting for a combination of actions, with its provenance; undefined
 * when the setting is not coded and has no catalogued default (or is not a setting attls knows).
 */
export function effectiveSetting(model: PolicyModel, a: RuleActions, name: string, release: TargetRelease = model.release): Setting | undefined {
  let byName = cache.get(a);
  if (!byName) cache.set(a, (byName = new Map()));
  const k = `${release}\u0000${name}`;
  const hit = byName.get(k);
  if (hit !== undefined) return hit ?? undefined;
  const def = defOf(name);
  let s: Setting | undefined;
  if (def) {
    const found = resolve(a, def, release);
    if (found) {
      const key = typeof def.key === 'function' ? def.key((n) => textOf(effectiveSetting(model, a, n, release))) : def.key === true;
      s = { ...found, key, ...(def.notes && !found.notes ? { notes: def.notes } : {}) };
    }
  }
  byName.set(k, s ?? null);
  return s;
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
export function enabledProtocols(model: PolicyModel, a: RuleActions, release: TargetRelease = model.release): Map<Protocol, Setting> {
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
  if (suiteBProfile(a)) return undefined;
  const c = a.connectionCipher;
  if (c && v3CipherParams(c).length > 0) return c;
  const e = a.environmentCipher;
  if (e && v3CipherParams(e).length > 0) return e;
  return c ?? e;
}

const NO_ACTIONS: RuleActions = { kind: 'actions', enabled: undefined };

/** The target release's default of a setting, as a rule that codes nothing gets it. */
export function defaultSetting(model: PolicyModel, name: string, release: TargetRelease = model.release): Setting | undefined {
  return effectiveSetting(model, NO_ACTIONS, name, release);
}
