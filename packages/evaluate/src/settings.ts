// Effective settings of a matched rule: the group, environment and connection actions with their
// inline or referenced parameter blocks merged as the stack does. A value coded at connection level
// replaces the environment-level one, which replaces the group-level one; what nobody codes takes
// the documented default of the target release. Every value says where it came from.
import {
  catalogue,
  type Certainty,
  type ParamInfo,
  type PolicyModel,
  type Span,
  type StatementInfo,
  type TargetRelease,
} from '@attls/language';
import type { CompiledRule } from './compile.js';

/** Where a value came from: a parameter line of the policy, or the default of the release. */
export type SettingSource =
  | {
      readonly kind: 'policy';
      /** The block the line is in. */
      readonly statement: StatementInfo;
      readonly param: ParamInfo;
      /** "TTLSEnvironmentAdvancedParms ServerProtocols" or "TTLSKeyringParms in TTLSEnvironmentAction eTN3270Server". */
      readonly label: string;
      readonly uri: string;
      readonly span: Span;
      readonly level: 'group' | 'environment' | 'connection';
    }
  | {
      readonly kind: 'default';
      readonly release: TargetRelease;
      readonly certainty: Certainty;
      readonly note?: string;
    };

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
}

type Level = 'G' | 'GA' | 'E' | 'K' | 'EA' | 'EC' | 'ES' | 'GSK' | 'LDAP' | 'OCSP' | 'CDP' | 'C' | 'CA' | 'CC' | 'CS';
type Blocks = Partial<Record<Level, StatementInfo>>;

const LEVEL_OF: Record<Level, 'group' | 'environment' | 'connection'> = {
  G: 'group', GA: 'group',
  E: 'environment', K: 'environment', EA: 'environment', EC: 'environment', ES: 'environment', GSK: 'environment', LDAP: 'environment', OCSP: 'environment', CDP: 'environment',
  C: 'connection', CA: 'connection', CC: 'connection', CS: 'connection',
};

interface Def {
  readonly name: string;
  /** Blocks to look in, highest precedence first. */
  readonly from: readonly Level[];
  /** Statement kind whose catalogue entry holds the default. */
  readonly defaultIn: string;
  readonly key?: boolean | ((get: (name: string) => string | undefined) => boolean);
  readonly secret?: boolean;
  readonly notes?: readonly string[];
  /** Built by its own function rather than read from one parameter. */
  readonly special?: 'v3ciphers' | 'v2ciphers';
}

const PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const SECONDARY_MAP_NOTE = 'SecondaryMap can be coded at group, environment and connection level; which one wins is not documented (attls assumes connection over environment over group).';
const SIGNATURE_NOTE = 'A connection-level TTLSSignatureParms value is taken to replace the environment value of the same parameter (inferred, not documented).';

function definitions(): Def[] {
  const conn = new Set((catalogue.statement('TTLSConnectionAdvancedParms')?.parameters ?? []).map((p) => p.name));
  const defs: Def[] = [
    { name: 'TTLSEnabled', from: ['G'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'HandshakeRole', from: ['C', 'E'], defaultIn: 'TTLSEnvironmentAction', key: true },
    { name: 'Keyring', from: ['K'], defaultIn: 'TTLSKeyringParms', key: true },
    { name: 'KeyringPw', from: ['K'], defaultIn: 'TTLSKeyringParms', secret: true },
    { name: 'KeyringStashFile', from: ['K'], defaultIn: 'TTLSKeyringParms' },
    ...PROTOCOLS.map((p): Def => ({ name: p, from: ['CA', 'EA'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true })),
    { name: 'ClientAuthType', from: ['EA'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: (get) => get('HandshakeRole')?.toLowerCase() === 'serverwithclientauth' },
    { name: 'ApplicationControlled', from: ['CA', 'EA'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'HandshakeTimeout', from: ['CA', 'EA'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'SecondaryMap', from: ['CA', 'EA', 'GA'], defaultIn: 'TTLSGroupAdvancedParms', key: true, notes: [SECONDARY_MAP_NOTE] },
    { name: 'CertificateLabel', from: ['CA', 'EA'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'ServerCertificateLabel', from: ['CA', 'EA'], defaultIn: 'TTLSEnvironmentAdvancedParms', key: true },
    { name: 'V3CipherSuites', from: ['CC', 'EC'], defaultIn: 'TTLSCipherParms', key: true, special: 'v3ciphers' },
    { name: 'V2CipherSuites', from: ['CC', 'EC'], defaultIn: 'TTLSCipherParms', special: 'v2ciphers' },
    { name: 'Trace', from: ['C', 'E', 'G'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'CtraceClearText', from: ['C', 'E', 'G'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'FIPS140', from: ['G'], defaultIn: 'TTLSGroupAction', key: true },
    { name: 'SuiteBProfile', from: ['E'], defaultIn: 'TTLSEnvironmentAction' },
    { name: 'Envfile', from: ['GA'], defaultIn: 'TTLSGroupAdvancedParms' },
    { name: 'SyslogFacility', from: ['GA'], defaultIn: 'TTLSGroupAdvancedParms' },
    { name: 'GroupUserInstance', from: ['G'], defaultIn: 'TTLSGroupAction' },
    { name: 'EnvironmentUserInstance', from: ['E'], defaultIn: 'TTLSEnvironmentAction' },
    { name: 'ConnectionUserInstance', from: ['C'], defaultIn: 'TTLSConnectionAction' },
  ];
  const seen = new Set(defs.map((d) => d.name));
  for (const p of catalogue.statement('TTLSEnvironmentAdvancedParms')?.parameters ?? []) {
    if (seen.has(p.name) || p.kind === 'inline-block' || p.kind === 'name-ref') continue;
    defs.push({ name: p.name, from: conn.has(p.name) ? ['CA', 'EA'] : ['EA'], defaultIn: 'TTLSEnvironmentAdvancedParms' });
    seen.add(p.name);
  }
  for (const p of catalogue.statement('TTLSSignatureParms')?.parameters ?? []) {
    defs.push({ name: p.name, from: ['CS', 'ES'], defaultIn: 'TTLSSignatureParms', notes: [SIGNATURE_NOTE] });
  }
  const gsk: [string, Level][] = [
    ['TTLSGskAdvancedParms', 'GSK'],
    ['TTLSGskLdapParms', 'LDAP'],
    ['TTLSGskOcspParms', 'OCSP'],
    ['TTLSGskHttpCdpParms', 'CDP'],
  ];
  for (const [kind, level] of gsk) {
    for (const p of catalogue.statement(kind)?.parameters ?? []) {
      if (p.kind === 'inline-block' || p.kind === 'name-ref') continue;
      defs.push({ name: p.name, from: [level], defaultIn: kind, secret: /_PW$/i.test(p.name) });
    }
  }
  return defs;
}

let DEFS: Def[] | undefined;

/** Human label of the block a parameter sits in. */
export function blockLabel(s: StatementInfo): string {
  const kind = s.kind ?? s.keyword.text;
  if (s.name !== undefined) return `${kind} ${s.name}`;
  const parent = s.parent;
  return parent ? `${kind} in ${blockLabel(parent)}` : kind;
}

function blocksOf(model: PolicyModel, rule: CompiledRule): Blocks {
  const b: Blocks = {};
  const g = rule.group;
  if (g) {
    b.G = g;
    b.GA = model.block(g, 'TTLSGroupAdvancedParms');
  }
  const e = rule.environment;
  if (e) {
    b.E = e;
    b.K = model.block(e, 'TTLSKeyringParms');
    b.EA = model.block(e, 'TTLSEnvironmentAdvancedParms');
    b.EC = model.block(e, 'TTLSCipherParms');
    b.ES = model.block(e, 'TTLSSignatureParms');
    b.GSK = model.block(e, 'TTLSGskAdvancedParms');
    if (b.GSK) {
      b.LDAP = model.block(b.GSK, 'TTLSGskLdapParms');
      b.OCSP = model.block(b.GSK, 'TTLSGskOcspParms');
      b.CDP = model.block(b.GSK, 'TTLSGskHttpCdpParms');
    }
  }
  const c = rule.connection;
  if (c) {
    b.C = c;
    b.CA = model.block(c, 'TTLSConnectionAdvancedParms');
    b.CC = model.block(c, 'TTLSCipherParms');
    b.CS = model.block(c, 'TTLSSignatureParms');
  }
  return b;
}

function policySource(block: StatementInfo, param: ParamInfo, level: Level): SettingSource {
  return { kind: 'policy', statement: block, param, label: blockLabel(block), uri: block.doc.uri, span: param.node.span, level: LEVEL_OF[level] };
}

/** Converts a cipher value (name, 2-character codes or 4-character codes) into 4-character codes. */
function cipherCodes(param: ParamInfo): string[] {
  const out: string[] = [];
  const four = (param.spec?.name ?? param.keyword.text).toLowerCase() === 'v3ciphersuites4char';
  for (const w of param.values.slice(0, 1)) {
    const t = w.text;
    if (/^(TLS|SSL)_/i.test(t)) {
      out.push(catalogue.cipherSuite(t)?.code4 ?? t.toUpperCase());
      continue;
    }
    const width = four ? 4 : 2;
    for (let i = 0; i < t.length; i += width) {
      const code = t.slice(i, i + width).toUpperCase();
      out.push(four ? code : (catalogue.cipherSuite(code)?.code4 ?? code));
    }
  }
  return out;
}

function suiteName(code: string): string {
  return catalogue.cipherSuite(code)?.name ?? (/^(TLS|SSL)_/.test(code) ? code : `unknown suite ${code}`);
}

function cipherList(blocks: Blocks, release: TargetRelease): Setting {
  const notes = [
    'V3CipherSuites and V3CipherSuites4Char lines are joined in the order written; a connection-level TTLSCipherParms list replaces the environment list (inferred, not documented).',
  ];
  for (const level of ['CC', 'EC'] as const) {
    const block = blocks[level];
    if (!block) continue;
    const params = [...block.paramsNamed('V3CipherSuites'), ...block.paramsNamed('V3CipherSuites4Char')].sort((a, b) => a.node.span.start - b.node.span.start);
    if (params.length === 0) continue;
    const codes = params.flatMap(cipherCodes);
    return { name: 'V3CipherSuites', value: codes, names: codes.map(suiteName), source: policySource(block, params[0]!, level), key: true, notes };
  }
  const spec = catalogue.statement('TTLSCipherParms');
  const p = spec ? catalogue.parameter(spec, 'V3CipherSuites4Char') : undefined;
  const d = p ? catalogue.defaultFor(p, release) : undefined;
  if (d) {
    const codes: string[] = [];
    for (let i = 0; i < d.value.length; i += 4) codes.push(d.value.slice(i, i + 4));
    return { name: 'V3CipherSuites', value: codes, names: codes.map(suiteName), source: { kind: 'default', release, certainty: d.certainty, note: d.note }, key: true, notes };
  }
  return {
    name: 'V3CipherSuites',
    value: null,
    source: { kind: 'default', release, certainty: 'recalled', note: `System SSL's default cipher list for z/OS ${release} is not catalogued by attls.` },
    key: true,
    notes,
  };
}

function v2CipherList(blocks: Blocks): Setting | undefined {
  for (const level of ['CC', 'EC'] as const) {
    const block = blocks[level];
    const params = block?.paramsNamed('V2CipherSuites') ?? [];
    if (!block || params.length === 0) continue;
    return { name: 'V2CipherSuites', value: params.map((p) => p.values[0]?.text ?? ''), source: policySource(block, params[0]!, level), key: false };
  }
  return undefined;
}

/**
 * The effective settings of a rule for a release, in a fixed logical order. For a rule whose group
 * has TTLSEnabled Off only TTLSEnabled is given: nothing else applies to a connection in the clear.
 */
export function effectiveSettings(model: PolicyModel, rule: CompiledRule, release: TargetRelease = model.release): Setting[] {
  const blocks = blocksOf(model, rule);
  DEFS ??= definitions();
  const pending: { setting: Setting; keyFn?: (get: (name: string) => string | undefined) => boolean }[] = [];
  const values = new Map<string, string>();
  const get = (name: string): string | undefined => values.get(name);
  for (const def of DEFS) {
    if (def.special === 'v3ciphers') {
      pending.push({ setting: cipherList(blocks, release) });
      continue;
    }
    if (def.special === 'v2ciphers') {
      const v2 = v2CipherList(blocks);
      if (v2) pending.push({ setting: v2 });
      continue;
    }
    let found: Omit<Setting, 'key'> | undefined;
    for (const level of def.from) {
      const block = blocks[level];
      if (!block) continue;
      const params = block.paramsNamed(def.name);
      if (params.length === 0) continue;
      if (params[0]!.spec?.repeatable) {
        const list = params.map((p) => p.values.map((v) => v.text).join(' '));
        found = { name: def.name, value: def.secret ? list.map(() => '(set, not shown)') : list, source: policySource(block, params[0]!, level) };
      } else {
        const p = params[params.length - 1]!;
        const text = p.values.map((v) => v.text).join(' ');
        found = { name: def.name, value: def.secret ? '(set, not shown)' : text, source: policySource(block, p, level) };
      }
      break;
    }
    if (!found) {
      const owner = catalogue.statement(def.defaultIn);
      const spec = owner ? catalogue.parameter(owner, def.name) : undefined;
      const d = spec ? catalogue.defaultFor(spec, release) : undefined;
      if (!d) continue;
      found = { name: def.name, value: d.value, source: { kind: 'default', release, certainty: d.certainty, note: d.note } };
    }
    if (typeof found.value === 'string') values.set(def.name, found.value);
    const setting: Setting = { ...found, key: def.key === true, ...(def.notes ? { notes: def.notes } : {}) };
    pending.push({ setting, keyFn: typeof def.key === 'function' ? def.key : undefined });
  }
  // Whether some settings matter depends on others (ClientAuthType only with ServerWithClientAuth).
  const final = pending.map((p) => (p.keyFn ? { ...p.setting, key: p.keyFn(get) } : p.setting));
  if (rule.enabled === false) return final.filter((s) => s.name === 'TTLSEnabled');
  return final;
}

/** Text of a value for display. */
export function settingText(s: Setting): string {
  if (s.value === null) return 'System SSL default (not known to attls)';
  if (typeof s.value === 'string') return s.value;
  return s.value.join(' ');
}

/** Every setting name an answer can carry. */
export function settingNames(): string[] {
  DEFS ??= definitions();
  return DEFS.map((d) => d.name);
}
