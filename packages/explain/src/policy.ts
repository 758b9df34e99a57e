// Ties what a log line names (rule, actions) to the policy: where each statement and parameter is,
// what value it has, and what to check there for a given return code.
import { cipherBlock, effectiveSetting, PROTOCOLS, resolveActions, type Setting } from '@attls/evaluate';
import { checkModel, REJECTED_BY_POLICY_AGENT, type ParamInfo, type PolicyModel, type Range, type StatementInfo } from '@attls/language';
import type { PolicyFocus } from './codes.js';
import type { ActionNames } from './log.js';

/** A place in the policy, with a value to look at. */
export interface PolicyPlace {
  /** What this place is about: a focus of the return code, or the rule and its actions. */
  readonly focus: PolicyFocus | 'group-action' | 'connection-action';
  /** Statement kind, e.g. "TTLSKeyringParms". */
  readonly statement: string;
  /** Statement name, absent for an inline block. */
  readonly name?: string;
  readonly parameter?: string;
  readonly value?: string;
  /** True when the parameter is not coded and `value` is the release default. */
  readonly defaulted?: boolean;
  /** File (the document's uri), 1-based line and column, and the 0-based LSP range. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly range: Range;
}

/** The rule and actions a connection used, as found in the policy. */
export interface Resolved {
  readonly rule?: StatementInfo;
  readonly group?: StatementInfo;
  readonly environment?: StatementInfo;
  readonly connection?: StatementInfo;
}

function where(s: StatementInfo, span: { start: number; end: number } = s.anchor): Pick<PolicyPlace, 'file' | 'line' | 'column' | 'range'> {
  const index = s.doc.parse.lineIndex;
  const range = index.rangeOf(span);
  return { file: s.doc.uri, line: range.start.line + 1, column: range.start.character + 1, range };
}

function statementPlace(focus: PolicyPlace['focus'], s: StatementInfo): PolicyPlace {
  return { focus, statement: s.kind ?? s.keyword.text, ...(s.name !== undefined ? { name: s.name } : {}), ...where(s) };
}

function paramPlace(focus: PolicyFocus, p: ParamInfo): PolicyPlace {
  const owner = p.owner;
  const word = p.values[0] ?? p.keyword;
  return {
    focus,
    statement: owner.kind ?? owner.keyword.text,
    ...(owner.name !== undefined ? { name: owner.name } : {}),
    parameter: p.spec?.name ?? p.keyword.text,
    value: p.values.map((v) => v.text).join(' '),
    ...where(owner, word),
  };
}

/** "file:line" of a place. */
export function at(p: { file: string; line: number }): string {
  return `${p.file}:${p.line}`;
}

const KIND_BY_SLOT = {
  group: ['TTLSGroupAction', 'TTLSGroupActionRef'],
  environment: ['TTLSEnvironmentAction', 'TTLSEnvironmentActionRef'],
  connection: ['TTLSConnectionAction', 'TTLSConnectionActionRef'],
} as const;

const namesByCase = new WeakMap<PolicyModel, Map<string, string>>();

/**
 * The policy's rule names by their lower-case form (the first one of each), made once per policy:
 * a log of thousands of connections of rules the policy no longer has asks for every one.
 */
function ruleNamesByCase(model: PolicyModel): Map<string, string> {
  let byCase = namesByCase.get(model);
  if (!byCase) {
    byCase = new Map();
    for (const n of model.definitions.get('TTLSRule')?.keys() ?? []) {
      const key = n.toLowerCase();
      if (!byCase.has(key)) byCase.set(key, n);
    }
    namesByCase.set(model, byCase);
  }
  return byCase;
}

/** Finds the rule and actions a log names; `notes` receives what does not fit the policy. */
export function resolve(model: PolicyModel, rule: string | undefined, logged: ActionNames | undefined, notes: string[]): Resolved {
  let ruleInfo: StatementInfo | undefined;
  if (rule !== undefined) {
    ruleInfo = model.resolve('TTLSRule', rule);
    if (!ruleInfo) {
      const other = ruleNamesByCase(model).get(rule.toLowerCase());
      if (other !== undefined) {
        ruleInfo = model.resolve('TTLSRule', other);
        notes.push(`The log names rule '${rule}'; the policy has '${other}', which differs only in case (names are case sensitive).`);
      } else {
        notes.push(
          `Rule '${rule}' is not in the policy given: the policy may have changed since the log was written, or the log comes from another stack's policy.`,
        );
      }
    }
  }
  const out: { -readonly [K in keyof Resolved]: Resolved[K] } = {};
  if (ruleInfo) out.rule = ruleInfo;
  for (const slot of ['group', 'environment', 'connection'] as const) {
    const [kind, refParam] = KIND_BY_SLOT[slot];
    const name = logged?.[slot];
    const fromRule = ruleInfo ? model.referenced(ruleInfo, refParam) : undefined;
    const refName = ruleInfo?.param(refParam)?.values[0]?.text;
    if (name !== undefined) {
      const found = model.resolve(kind, name);
      if (found) out[slot] = found;
      else notes.push(`${kind} '${name}' named in the log is not in the policy given.`);
      if (ruleInfo && refName !== undefined && refName !== name) {
        notes.push(`The log shows ${kind} '${name}', but rule '${ruleInfo.name}' in the policy now refers to '${refName}': the policy has changed since.`);
      }
    } else if (fromRule) out[slot] = fromRule;
  }
  return out;
}

/** Places of the rule and its actions, in that order. */
export function actionPlaces(r: Resolved): PolicyPlace[] {
  const out: PolicyPlace[] = [];
  if (r.rule) out.push(statementPlace('rule', r.rule));
  if (r.group) out.push(statementPlace('group-action', r.group));
  if (r.environment) out.push(statementPlace('environment-action', r.environment));
  if (r.connection) out.push(statementPlace('connection-action', r.connection));
  return out;
}

/** What the connection ran as and saw, for checks that compare. */
export interface Context {
  readonly userid?: string;
  readonly jobname?: string;
  /** Key ring System SSL was given, from an EZD1284I `Set GSK_KEYRING_FILE` line. */
  readonly loggedKeyring?: string;
  readonly rc?: number;
}

/** Return codes where the user ID's access to the key ring is the first suspect. */
const RING_ACCESS = new Set([102, 109, 202, 416]);
/** Return codes about the certificate this end presents. */
const OWN_CERTIFICATE = new Set([6, 7, 401, 407, 428, 440, 442, 443]);


export interface FocusResult {
  readonly places: PolicyPlace[];
  readonly checks: string[];
}

/** The parameter line a setting comes from, when it is coded. */
function codedParam(s: Setting | undefined): ParamInfo | undefined {
  return s?.source.kind === 'policy' ? s.source.param : undefined;
}

/** The text of a scalar setting. */
function text(s: Setting | undefined): string | undefined {
  return s && typeof s.value === 'string' ? s.value : undefined;
}

/**
 * Concrete places and checks for each focus of a return code, from the policy. What each setting
 * is, and where it comes from, is the semantic core's answer (effectiveSetting) for the actions
 * the connection used.
 */
export function focusChecks(model: PolicyModel, r: Resolved, focuses: readonly PolicyFocus[], ctx: Context): FocusResult {
  const places: PolicyPlace[] = [];
  const checks: string[] = [];
  const env = r.environment;
  const actions = resolveActions(model, { group: r.group, environment: r.environment, connection: r.connection });
  const setting = (name: string): Setting | undefined => effectiveSetting(model, actions, name);
  const envName = env ? `'${env.name}'` : '';
  /** Adds the place of a coded setting and returns it. */
  const placeOf = (focus: PolicyFocus, s: Setting | undefined): PolicyPlace | undefined => {
    const p = codedParam(s);
    if (!p) return undefined;
    const place = paramPlace(focus, p);
    places.push(place);
    return place;
  };

  for (const focus of focuses) {
    switch (focus) {
      case 'rule':
        if (r.rule) checks.push(`Rule '${r.rule.name}' at ${at(where(r.rule))}: check it is the rule you expected for this connection (attls match shows why a rule is chosen).`);
        break;
      case 'environment-action':
        if (env) checks.push(`TTLSEnvironmentAction '${env.name}' at ${at(where(env))} is the System SSL environment involved.`);
        break;
      case 'keyring': {
        const place = placeOf('keyring', setting('Keyring'));
        if (!place) {
          if (env) checks.push(`TTLSEnvironmentAction ${envName} at ${at(where(env))} has no Keyring: Policy Agent requires one.`);
          break;
        }
        checks.push(keyringCheck(place, ctx));
        if (ctx.loggedKeyring !== undefined && ctx.loggedKeyring !== place.value) {
          checks.push(`The log shows System SSL was given key ring '${ctx.loggedKeyring}', but the policy now says '${place.value}': the policy has changed since the log was written.`);
        }
        break;
      }
      case 'keyring-password': {
        const block = actions.keyring;
        const ring = text(setting('Keyring'));
        const pw = codedParam(setting('KeyringStashFile')) ?? codedParam(setting('KeyringPw'));
        if (pw) {
          const place = paramPlace('keyring-password', pw);
          places.push(place);
          checks.push(`${place.parameter} at ${at(place)}: it must belong to the key database ${ring ?? ''}.`.replace(' .', '.'));
        } else if (ring?.startsWith('/') && block) {
          checks.push(`Keyring '${ring}' at ${at(where(block))} is a key database file, and neither KeyringStashFile nor KeyringPw is coded.`);
        }
        break;
      }
      case 'certificate-label': {
        const labels: PolicyPlace[] = [];
        const label = placeOf('certificate-label', setting('CertificateLabel'));
        if (label) labels.push(label);
        const servers = setting('ServerCertificateLabel');
        if (servers?.source.kind === 'policy') {
          const block = servers.source.statement;
          for (const p of block.paramsNamed('ServerCertificateLabel')) {
            const place = paramPlace('certificate-label', p);
            places.push(place);
            labels.push(place);
          }
        }
        for (const place of labels) {
          checks.push(
            `${place.parameter} '${place.value}' at ${at(place)}: this certificate must be on the key ring${OWN_CERTIFICATE.has(ctx.rc ?? -1) ? ', valid, and connected with its private key' : ''} (labels are case sensitive).`,
          );
        }
        if (labels.length === 0 && env && OWN_CERTIFICATE.has(ctx.rc ?? -1)) {
          checks.push(`No CertificateLabel is coded for environment ${envName}: the key ring's default certificate is used, so the ring needs one marked DEFAULT, valid, with its private key.`);
        }
        break;
      }
      case 'handshake-role': {
        const place = placeOf('handshake-role', setting('HandshakeRole'));
        if (!place) break;
        const role = (place.value ?? '').toLowerCase();
        const partner = role === 'client' ? 'the partner must act as the TLS server' : 'the partner must act as the TLS client';
        const auth = role === 'serverwithclientauth' ? ', and it is asked for a client certificate' : '';
        checks.push(`HandshakeRole ${place.value} at ${at(place)}: ${partner}${auth}.`);
        break;
      }
      case 'client-auth': {
        const role = (text(setting('HandshakeRole')) ?? '').toLowerCase();
        const auth = setting('ClientAuthType');
        const place = placeOf('client-auth', auth);
        if (place) {
          checks.push(`ClientAuthType ${place.value} at ${at(place)}${role === 'serverwithclientauth' ? '' : ' (only used with HandshakeRole ServerWithClientAuth)'}.`);
        } else if (role === 'serverwithclientauth' && env) {
          checks.push(`ClientAuthType is not coded for environment ${envName}, so the default ${text(auth) ?? 'Required'} applies: the client must send a valid certificate.`);
        }
        break;
      }
      case 'ciphers': {
        const list = setting('V3CipherSuites');
        const block = cipherBlock(actions);
        if (list?.source.kind === 'policy' && !block) {
          // A Suite B profile replaces the lists.
          const place = placeOf('ciphers', list);
          const names = list.names ?? [];
          if (place) checks.push(`SuiteBProfile ${place.value} at ${at(place)}: only the Suite B suites are used (${names.join(', ')}, as attls reads the profile from RFC 6460; IBM does not list them), for TLSv1.2; any TTLSCipherParms is ignored. The partner must accept one of them.`);
          break;
        }
        if (!block || list?.source.kind !== 'policy') {
          if (env) checks.push(`No TTLSCipherParms for environment ${envName}: the System SSL default cipher list of the release applies.`);
          break;
        }
        const suites = Array.isArray(list.value) ? (list.value as readonly string[]) : [];
        const place = statementPlace('ciphers', block);
        places.push(place);
        const shown = suites.slice(0, 6).join(', ') + (suites.length > 6 ? `, ... (${suites.length} in all)` : '');
        checks.push(`Cipher list ${block.name !== undefined ? `'${block.name}' ` : ''}at ${at(place)}: ${suites.length ? shown : 'no V3 suites coded'}; the partner must accept at least one of them.`);
        break;
      }
      case 'protocols': {
        const on: string[] = [];
        for (const name of PROTOCOLS) {
          const s = setting(name);
          const place = placeOf('protocols', s);
          if (!/^on$/i.test(text(s) ?? '')) continue;
          on.push(place ? `${name} (${at(place)})` : `${name} (default)`);
        }
        if (env) checks.push(`Protocols on for this connection: ${on.length ? on.join(', ') : 'none'}; the partner must support one of them.`);
        break;
      }
      case 'handshake-timeout': {
        const s = setting('HandshakeTimeout');
        const n = text(s) ?? '10';
        const place = placeOf('handshake-timeout', s);
        const timer = `the partner must start the handshake within ${n} seconds on the accepting (server) side, and within five times that (${Number(n) * 5} seconds) on the connecting (client) side; only that start interval gives 5004`;
        if (place) checks.push(`HandshakeTimeout ${place.value} at ${at(place)}: ${timer}.`);
        else if (env) checks.push(`HandshakeTimeout is not coded, so the default ${n} seconds applies: ${timer}.`);
        break;
      }
      case 'application-controlled': {
        const place = placeOf('application-controlled', setting('ApplicationControlled'));
        if (place) checks.push(`ApplicationControlled ${place.value} at ${at(place)}${/^on$/i.test(place.value ?? '') ? ': the application itself starts TLS (SIOCTTLSCTL)' : ''}.`);
        break;
      }
      case 'renegotiation': {
        for (const name of ['Renegotiation', 'RenegotiationIndicator']) {
          const place = placeOf('renegotiation', setting(name));
          if (place) checks.push(`${name} ${place.value} at ${at(place)}.`);
        }
        break;
      }
      case 'cert-validation': {
        const place = placeOf('cert-validation', setting('CertValidationMode'));
        if (place) checks.push(`CertValidationMode ${place.value} at ${at(place)}.`);
        for (const [kind, b] of [['TTLSGskLdapParms', actions.ldap], ['TTLSGskOcspParms', actions.ocsp], ['TTLSGskHttpCdpParms', actions.httpCdp]] as const) {
          if (!b) continue;
          places.push(statementPlace('cert-validation', b));
          checks.push(`${kind} at ${at(where(b))}: revocation checking is configured for this environment.`);
        }
        break;
      }
      case 'fips': {
        const place = placeOf('fips', setting('FIPS140'));
        if (place && !/^off$/i.test(place.value ?? '')) checks.push(`FIPS140 ${place.value} at ${at(place)}: only FIPS-approved suites, keys and protocols can be used.`);
        break;
      }
      case 'instance': {
        const place = placeOf('instance', setting('EnvironmentUserInstance'));
        if (place) {
          checks.push(`EnvironmentUserInstance ${place.value} at ${at(place)}: raise it after fixing the key ring in RACF so that AT-TLS reopens the ring when the policy is refreshed.`);
        } else if (env) {
          checks.push(`After fixing the key ring in RACF, add or raise EnvironmentUserInstance in TTLSEnvironmentAction ${envName} at ${at(where(env))} so that AT-TLS reopens the ring on the next policy refresh.`);
        }
        break;
      }
    }
  }
  return { places, checks };
}

/** The key ring check: ring and owner, compared with the user ID the connection ran under. */
function keyringCheck(place: PolicyPlace, ctx: Context): string {
  const value = place.value ?? '';
  const head = `Keyring ${value} at ${at(place)}`;
  if (value.startsWith('/')) {
    return `${head}: a key database file; it must exist and be readable by ${ctx.userid ?? 'the user ID of the connection'}, with a stash file or password that fits it.`;
  }
  if (/^\*TOKEN\*\//i.test(value)) {
    return `${head}: a PKCS #11 token; it must exist and ${ctx.userid ?? 'the user ID of the connection'} must be allowed to use it (CRYPTOZ class).`;
  }
  const slash = value.indexOf('/');
  const owner = slash > 0 ? value.slice(0, slash) : undefined;
  const ring = slash > 0 ? value.slice(slash + 1) : value;
  const user = ctx.userid;
  const parts: string[] = [];
  if (owner !== undefined) parts.push(`ring ${ring} owned by ${owner}`);
  else parts.push(`ring ${ring} with no owner given, so it is looked for under ${user ?? 'the user ID the connection runs under'}`);
  if (user !== undefined) {
    if (owner !== undefined && owner.toUpperCase() !== user.toUpperCase()) {
      parts.push(
        `the connection ran as ${user}, not as ${owner}: check that ${owner} is spelt right and really owns the ring, and that ${user} may read another user's ring`,
      );
    } else parts.push(`the connection ran as ${user}`);
  }
  const listOwner = owner ?? user ?? 'owner';
  if (RING_ACCESS.has(ctx.rc ?? -1)) {
    parts.push(`verify with RACDCERT ID(${listOwner}) LISTRING(${ring}) and check ${user ?? 'the user ID'}'s access (RDATALIB ${listOwner}.${ring}.LST, or FACILITY IRR.DIGTCERT.LISTRING)`);
  } else if (OWN_CERTIFICATE.has(ctx.rc ?? -1) || ctx.rc === 8 || ctx.rc === 417 || ctx.rc === 435) {
    parts.push(`see what is connected with RACDCERT ID(${listOwner}) LISTRING(${ring})`);
  }
  return `${head}: ${parts.join('; ')}.`;
}

/** Every environment action of the policy, for lines that name no rule. */
export function environmentActions(model: PolicyModel): StatementInfo[] {
  const byName = model.definitions.get('TTLSEnvironmentAction');
  if (!byName) return [];
  return [...byName.values()].map((defs) => defs[defs.length - 1]!).sort((a, b) => a.order - b.order);
}

/**
 * Findings in the policy for which Policy Agent refuses to install it (it keeps the policy it
 * had): the codes whose effect is to reject the policy, not every error.
 */
export function policyErrors(model: PolicyModel): number {
  let n = 0;
  for (const found of checkModel(model, { messages: false }).values()) for (const x of found) if (REJECTED_BY_POLICY_AGENT.has(x.code)) n++;
  return n;
}
