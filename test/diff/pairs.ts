// Generated policy pairs for the diff tests: small policies whose rules overlap a lot (few ports,
// nested address blocks, job name patterns, equal priorities), and a changed copy of each, changed
// the way pull requests change policies (a priority, a condition, a protocol, a rule added or
// removed), or changed only in writing (a setting moved to another action, a default coded).
import { int, pick } from '../support/random.js';

export interface GenRule {
  name: string;
  priority?: number;
  direction: 'Inbound' | 'Outbound' | 'Both';
  localPort?: string;
  remoteAddr?: string;
  jobname?: string;
  userid?: string;
  group: 'gOn' | 'gOff';
  env: 'eA' | 'eB';
  conn?: 'cA';
}

export interface GenPolicy {
  rules: GenRule[];
  /** Settings of the environment eA's advanced parms, by keyword. */
  eA: Record<string, string>;
  /** Settings of the connection action cA's advanced parms. */
  cA: Record<string, string>;
}

const PORTS = ['21', '22-25', '443', '1000-2000', '1500'];
const ADDRS = ['10.0.0.0/8', '10.1.0.0/16', '10.1.1.1', '192.0.2.0/24', '2001:db8::/32', '10.1.1.0-10.1.1.9'];
const JOBS = ['TN*', 'TN3270', 'FTP*', 'A*', 'FTPD1'];
const USERS = ['USR1', 'USR*', 'SYS*'];
const PRIORITIES = [undefined, 1, 5, 10, 100];

export function randomRule(rnd: () => number, name: string): GenRule {
  const r: GenRule = {
    name,
    direction: pick(rnd, ['Inbound', 'Outbound', 'Both'] as const),
    group: rnd() < 0.8 ? 'gOn' : 'gOff',
    env: pick(rnd, ['eA', 'eB'] as const),
  };
  const p = pick(rnd, PRIORITIES);
  if (p !== undefined) r.priority = p;
  if (rnd() < 0.6) r.localPort = pick(rnd, PORTS);
  if (rnd() < 0.5) r.remoteAddr = pick(rnd, ADDRS);
  if (rnd() < 0.4) r.jobname = pick(rnd, JOBS);
  if (rnd() < 0.2) r.userid = pick(rnd, USERS);
  if (!r.localPort && !r.remoteAddr && !r.jobname && !r.userid) r.localPort = pick(rnd, PORTS);
  if (rnd() < 0.4) r.conn = 'cA';
  return r;
}

export function randomPolicy(rnd: () => number): GenPolicy {
  const n = int(rnd, 2, 7);
  const rules: GenRule[] = [];
  for (let i = 0; i < n; i++) rules.push(randomRule(rnd, `R${i}`));
  return { rules, eA: { 'TLSv1.2': 'On', HandshakeTimeout: '10' }, cA: { ApplicationControlled: 'On' } };
}

/** The policy text: rules first, then the actions they use. */
export function policyText(p: GenPolicy): string {
  const out: string[] = [];
  for (const r of p.rules) {
    out.push(`TTLSRule ${r.name}`, '{');
    if (r.priority !== undefined) out.push(`  Priority ${r.priority}`);
    out.push(`  Direction ${r.direction}`);
    if (r.localPort) out.push(`  LocalPortRange ${r.localPort}`);
    if (r.remoteAddr) out.push(`  RemoteAddr ${r.remoteAddr}`);
    if (r.jobname) out.push(`  Jobname ${r.jobname}`);
    if (r.userid) out.push(`  Userid ${r.userid}`);
    out.push(`  TTLSGroupActionRef ${r.group}`);
    if (r.group === 'gOn') out.push(`  TTLSEnvironmentActionRef ${r.env}`);
    if (r.group === 'gOn' && r.conn) out.push(`  TTLSConnectionActionRef ${r.conn}`);
    out.push('}');
  }
  out.push('TTLSGroupAction gOn', '{', '  TTLSEnabled On', '}');
  out.push('TTLSGroupAction gOff', '{', '  TTLSEnabled Off', '}');
  out.push('TTLSEnvironmentAction eA', '{', '  HandshakeRole Server', '  TTLSKeyringParms', '  {', '    Keyring RINGA', '  }', '  TTLSEnvironmentAdvancedParms', '  {');
  for (const [k, v] of Object.entries(p.eA)) out.push(`    ${k} ${v}`);
  out.push('  }', '}');
  out.push('TTLSEnvironmentAction eB', '{', '  HandshakeRole ServerWithClientAuth', '  TTLSKeyringParms', '  {', '    Keyring RINGB', '  }', '}');
  out.push('TTLSConnectionAction cA', '{', '  TTLSConnectionAdvancedParms', '  {');
  for (const [k, v] of Object.entries(p.cA)) out.push(`    ${k} ${v}`);
  out.push('  }', '}');
  return out.join('\n') + '\n';
}

export type Mutation = 'priority' | 'condition' | 'group' | 'protocol' | 'add' | 'remove' | 'env' | 'shuffle' | 'respell' | 'code-default';

/** Mutations that change what the policy does (or may), and ones that only change its text. */
export const BEHAVIOUR: readonly Mutation[] = ['priority', 'condition', 'group', 'protocol', 'add', 'remove', 'env'];
export const WRITING: readonly Mutation[] = ['shuffle', 'respell', 'code-default'];

export function mutatePolicy(p: GenPolicy, rnd: () => number, m: Mutation): GenPolicy {
  const q: GenPolicy = { rules: p.rules.map((r) => ({ ...r })), eA: { ...p.eA }, cA: { ...p.cA } };
  const r = pick(rnd, q.rules);
  switch (m) {
    case 'priority':
      r.priority = pick(rnd, PRIORITIES.filter((x) => x !== r.priority));
      if (r.priority === undefined) delete r.priority;
      break;
    case 'condition':
      if (rnd() < 0.5) r.localPort = pick(rnd, PORTS.filter((x) => x !== r.localPort));
      else r.jobname = pick(rnd, JOBS.filter((x) => x !== r.jobname));
      break;
    case 'group':
      r.group = r.group === 'gOn' ? 'gOff' : 'gOn';
      break;
    case 'protocol':
      q.eA['TLSv1.3'] = q.eA['TLSv1.3'] === 'On' ? 'Off' : 'On';
      break;
    case 'add':
      q.rules.push(randomRule(rnd, `N${q.rules.length}`));
      break;
    case 'remove':
      if (q.rules.length > 1) q.rules.splice(q.rules.indexOf(r), 1);
      break;
    case 'env':
      r.env = r.env === 'eA' ? 'eB' : 'eA';
      break;
    case 'shuffle':
      // The order of the statements in the file is not the evaluation order.
      q.rules.reverse();
      break;
    case 'respell':
      // Enumerated values are case-insensitive.
      for (const k of Object.keys(q.eA)) q.eA[k] = q.eA[k]!.toLowerCase();
      break;
    case 'code-default':
      // Written out as the defaults of z/OS 3.1 (confirmed in the catalogue): no difference.
      q.eA['SSLv3'] = 'Off';
      q.eA['Renegotiation'] = 'Default';
      q.eA['HandshakeTimeout'] = '10';
      break;
  }
  return q;
}
