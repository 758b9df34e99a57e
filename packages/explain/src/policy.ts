// Ties what a log line names (rule, actions) to the policy: where each statement and parameter is,
// what value it has, and what to check there for a given return code.
import { catalogue, type ParamInfo, type PolicyModel, type Range, type StatementInfo } from '@attls/language';
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

function where(s: StatementInfo, span = s.anchor): Pick<PolicyPlace, 'file' | 'line' | 'column' | 'range'> {
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
    ...where(owner, word.span),
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

/** Finds the rule and actions a log names; `notes` receives what does not fit the policy. */
export function resolve(model: PolicyModel, rule: string | undefined, logged: ActionNames | undefined, notes: string[]): Resolved {
  let ruleInfo: StatementInfo | undefined;
  if (rule !== undefined) {
    ruleInfo = model.resolve('TTLSRule', rule);
    if (!ruleInfo) {
      const names = [...(model.definitions.get('TTLSRule')?.keys() ?? [])];
      const other = names.find((n) => n.toLowerCase() === rule.toLowerCase());
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

const PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export interface FocusResult {
  readonly places: PolicyPlace[];
  readonly checks: string[];
}

/** Concrete places and checks for each focus of a return code, from the policy. */
export function focusChecks(model: PolicyModel, r: Resolved, focuses: readonly PolicyFocus[], ctx: Context): FocusResult {
  const places: PolicyPlace[] = [];
  const checks: string[] = [];
  const env = r.environment;
  const conn = r.connection;
  const envAdv = env ? model.block(env, 'TTLSEnvironmentAdvancedParms') : undefined;
  const connAdv = conn ? model.block(conn, 'TTLSConnectionAdvancedParms') : undefined;
  const adv = (name: string): ParamInfo | undefined => connAdv?.param(name) ?? envAdv?.param(name);
  const envAdvSpec = catalogue.statement('TTLSEnvironmentAdvancedParms');
  const defaultOf = (name: string): string | undefined => {
    const spec = envAdvSpec ? catalogue.parameter(envAdvSpec, name) : undefined;
    return spec ? catalogue.defaultFor(spec, model.release)?.value : undefined;
  };
  const envName = env ? `'${env.name}'` : '';

  for (const focus of focuses) {
    switch (focus) {
      case 'rule':
        if (r.rule) checks.push(`Rule '${r.rule.name}' at ${at(where(r.rule))}: check it is the rule you expected for this connection (attls match shows why a rule is chosen).`);
        break;
      case 'environment-action':
        if (env) checks.push(`TTLSEnvironmentAction '${env.name}' at ${at(where(env))} is the System SSL environment involved.`);
        break;
      case 'keyring': {
        const block = env ? model.block(env, 'TTLSKeyringParms') : undefined;
        const p = block?.param('Keyring');
        if (!p) {
          if (env) checks.push(`TTLSEnvironmentAction ${envName} at ${at(where(env))} has no Keyring: Policy Agent requires one.`);
          break;
        }
        const place = paramPlace('keyring', p);
        places.push(place);
        checks.push(keyringCheck(place, ctx));
        if (ctx.loggedKeyring !== undefined && ctx.loggedKeyring !== place.value) {
          checks.push(`The log shows System SSL was given key ring '${ctx.loggedKeyring}', but the policy now says '${place.value}': the policy has changed since the log was written.`);
        }
        break;
      }
      case 'keyring-password': {
        const block = env ? model.block(env, 'TTLSKeyringParms') : undefined;
        const ring = block?.value('Keyring');
        const pw = block?.param('KeyringStashFile') ?? block?.param('KeyringPw');
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
        const labels = [adv('CertificateLabel'), ...(connAdv?.paramsNamed('ServerCertificateLabel') ?? []), ...(envAdv?.paramsNamed('ServerCertificateLabel') ?? [])].filter(
          (p): p is ParamInfo => p !== undefined,
        );
        for (const p of labels) {
          const place = paramPlace('certificate-label', p);
          places.push(place);
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
        const p = conn?.param('HandshakeRole') ?? env?.param('HandshakeRole');
        if (!p) break;
        const place = paramPlace('handshake-role', p);
        places.push(place);
        const role = (place.value ?? '').toLowerCase();
        const partner = role === 'client' ? 'the partner must act as the TLS server' : 'the partner must act as the TLS client';
        const auth = role === 'serverwithclientauth' ? ', and it is asked for a client certificate' : '';
        checks.push(`HandshakeRole ${place.value} at ${at(place)}: ${partner}${auth}.`);
        break;
      }
      case 'client-auth': {
        const role = (conn?.value('HandshakeRole') ?? env?.value('HandshakeRole') ?? '').toLowerCase();
        const p = envAdv?.param('ClientAuthType');
        if (p) {
          const place = paramPlace('client-auth', p);
          places.push(place);
          checks.push(`ClientAuthType ${place.value} at ${at(place)}${role === 'serverwithclientauth' ? '' : ' (only used with HandshakeRole ServerWithClientAuth)'}.`);
        } else if (role === 'serverwithclientauth' && env) {
          checks.push(`ClientAuthType is not coded for environment ${envName}, so the default ${defaultOf('ClientAuthType') ?? 'Required'} applies: the client must send a valid certificate.`);
        }
        break;
      }
      case 'ciphers': {
        const block = (conn ? model.block(conn, 'TTLSCipherParms') : undefined) ?? (env ? model.block(env, 'TTLSCipherParms') : undefined);
        if (!block) {
          if (env) checks.push(`No TTLSCipherParms for environment ${envName}: the System SSL default cipher list of the release applies.`);
          break;
        }
        const suites = [...block.paramsNamed('V3CipherSuites'), ...block.paramsNamed('V3CipherSuites4Char')].flatMap((p) => p.values.map((v) => v.text));
        const place = statementPlace('ciphers', block);
        places.push(place);
        const shown = suites.slice(0, 6).join(', ') + (suites.length > 6 ? `, ... (${suites.length} in all)` : '');
        checks.push(`Cipher list ${block.name !== undefined ? `'${block.name}' ` : ''}at ${at(place)}: ${suites.length ? shown : 'no V3 suites coded'}; the partner must accept at least one of them.`);
        break;
      }
      case 'protocols': {
        const on: string[] = [];
        for (const name of PROTOCOLS) {
          const p = adv(name);
          if (p) {
            const place = paramPlace('protocols', p);
            places.push(place);
            if (/^on$/i.test(place.value ?? '')) on.push(`${name} (${at(place)})`);
          } else if (/^on$/i.test(defaultOf(name) ?? '')) on.push(`${name} (default)`);
        }
        if (env) checks.push(`Protocols on for this connection: ${on.length ? on.join(', ') : 'none'}; the partner must support one of them.`);
        break;
      }
      case 'handshake-timeout': {
        const p = adv('HandshakeTimeout');
        if (p) {
          const place = paramPlace('handshake-timeout', p);
          places.push(place);
          checks.push(`HandshakeTimeout ${place.value} seconds at ${at(place)}: the partner must start TLS within this time.`);
        } else if (env) checks.push(`HandshakeTimeout is not coded: the default ${defaultOf('HandshakeTimeout') ?? '10'} seconds applies.`);
        break;
      }
      case 'application-controlled': {
        const p = adv('ApplicationControlled');
        if (p) {
          const place = paramPlace('application-controlled', p);
          places.push(place);
          checks.push(`ApplicationControlled ${place.value} at ${at(place)}${/^on$/i.test(place.value ?? '') ? ': the application itself starts TLS (SIOCTTLSCTL)' : ''}.`);
        }
        break;
      }
      case 'renegotiation': {
        for (const name of ['Renegotiation', 'RenegotiationIndicator']) {
          const p = envAdv?.param(name);
          if (!p) continue;
          const place = paramPlace('renegotiation', p);
          places.push(place);
          checks.push(`${name} ${place.value} at ${at(place)}.`);
        }
        break;
      }
      case 'cert-validation': {
        const p = envAdv?.param('CertValidationMode');
        if (p) {
          const place = paramPlace('cert-validation', p);
          places.push(place);
          checks.push(`CertValidationMode ${place.value} at ${at(place)}.`);
        }
        for (const kind of ['TTLSGskLdapParms', 'TTLSGskOcspParms', 'TTLSGskHttpCdpParms']) {
          const b = env ? model.block(env, kind) : undefined;
          if (b) {
            places.push(statementPlace('cert-validation', b));
            checks.push(`${kind} at ${at(where(b))}: revocation checking is configured for this environment.`);
          }
        }
        break;
      }
      case 'fips': {
        const p = r.group?.param('FIPS140');
        if (p) {
          const place = paramPlace('fips', p);
          places.push(place);
          if (!/^off$/i.test(place.value ?? '')) checks.push(`FIPS140 ${place.value} at ${at(place)}: only FIPS-approved suites, keys and protocols can be used.`);
        }
        break;
      }
      case 'instance': {
        const p = env?.param('EnvironmentUserInstance');
        if (p) {
          const place = paramPlace('instance', p);
          places.push(place);
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

/** Count of errors in the policy that make Policy Agent reject a file. */
export function policyErrors(model: PolicyModel): number {
  let n = 0;
  for (const d of model.documents) n += model.diagnostics(d.uri).filter((x) => x.severity === 'error').length;
  return n;
}
