// Matching a connection against the rules in evaluation order, the way Policy Agent's stack does:
// the first rule whose every coded condition holds wins, also when its group has TTLSEnabled Off.
// The plain scan here is the reference; the index (index.ts) must always agree with it.
import { formatAddress, type IpAddress } from '@attls/language';
import { type AddrCondition, type CompiledPolicy, type CompiledRule, DIR_INBOUND, DIR_OUTBOUND, type NameCondition, type PortCondition } from './compile.js';
import type { Connection } from './connection.js';
import { contains } from './intervals.js';
import { has } from './names.js';

/** Why one rule did or did not match. */
export interface RuleVerdict {
  readonly matched: boolean;
  /** Keyword of the first condition that failed ("Jobname"). */
  readonly failed?: string;
  /** "Jobname APPX* does not match OTHER". */
  readonly detail?: string;
  /** Conditions taken to hold because the connection does not give that attribute. */
  readonly assumed: readonly string[];
  /** Other remarks (time conditions that could not be decided). */
  readonly notes: readonly string[];
}

export interface TraceStep extends RuleVerdict {
  readonly rule: CompiledRule;
}

export interface MatchResult {
  readonly policy: CompiledPolicy;
  readonly connection: Connection;
  /** The rule the connection gets, or undefined: no AT-TLS for it. */
  readonly rule: CompiledRule | undefined;
  /** Every rule tried, in order, ending with the matched one. */
  readonly trace: readonly TraceStep[];
}

const directionBit = (c: Connection): number => (c.direction === 'inbound' ? DIR_INBOUND : DIR_OUTBOUND);

function addrHolds(cond: AddrCondition, a: IpAddress): boolean {
  if (a.family !== 4) return contains(cond.v6, a.value);
  // IPv4 compares as numbers: a bigint comparison is a call, and batch matching makes millions.
  const f = cond.v4flat;
  const x = Number(a.value);
  let lo = 0;
  let hi = (f.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (x < f[2 * mid]!) hi = mid - 1;
    else if (x > f[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

function portHolds(cond: PortCondition, p: number): boolean {
  const f = cond.flat;
  for (let i = 0; i < f.length; i += 2) if (p >= f[i]! && p <= f[i + 1]!) return true;
  return false;
}

/** True when the rule matches; no explanation (used by the index and batch matching). */
export function ruleMatches(rule: CompiledRule, c: Connection): boolean {
  if (rule.broken.length > 0) return false;
  if ((rule.direction & directionBit(c)) === 0) return false;
  if (rule.localAddr && c.localAddr && !addrHolds(rule.localAddr, c.localAddr)) return false;
  if (rule.remoteAddr && c.remoteAddr && !addrHolds(rule.remoteAddr, c.remoteAddr)) return false;
  if (rule.localPort && c.localPort !== undefined && !portHolds(rule.localPort, c.localPort)) return false;
  if (rule.remotePort && c.remotePort !== undefined && !portHolds(rule.remotePort, c.remotePort)) return false;
  if (rule.jobname && c.jobname !== undefined && !has(rule.jobname.set, c.jobname)) return false;
  if (rule.userid && c.userid !== undefined && !has(rule.userid.set, c.userid)) return false;
  if (rule.time && c.time && rule.time.check(c.time).inEffect === false) return false;
  return true;
}

const fmt = (a: IpAddress): string => formatAddress(a.family, a.value);

/** Matches one rule and says why it does or does not match. */
export function explainRule(rule: CompiledRule, c: Connection): RuleVerdict {
  const assumed: string[] = [];
  const notes: string[] = [];
  const no = (failed: string, detail: string): RuleVerdict => ({ matched: false, failed, detail, assumed, notes });
  if (rule.broken.length > 0) {
    const b = rule.broken[0]!;
    return no(b.keyword, `${b.reason}, so the rule cannot match (Policy Agent would reject the policy)`);
  }
  if ((rule.direction & directionBit(c)) === 0) return no('Direction', `Direction ${rule.directionText} does not match an ${c.direction} connection`);
  const addr = (cond: AddrCondition | undefined, a: IpAddress | undefined, what: string): RuleVerdict | undefined => {
    if (!cond) return undefined;
    if (!a) {
      assumed.push(`${cond.keyword} ${cond.text} (no ${what} given)`);
      return undefined;
    }
    if (addrHolds(cond, a)) return undefined;
    const family = a.family === 4 ? cond.v4 : cond.v6;
    const why = family.length === 0 ? ` (it has no IPv${a.family} addresses)` : '';
    return no(cond.keyword, `${cond.keyword} ${cond.text} does not contain ${fmt(a)}${why}`);
  };
  const port = (cond: PortCondition | undefined, p: number | undefined, what: string): RuleVerdict | undefined => {
    if (!cond) return undefined;
    if (p === undefined) {
      assumed.push(`${cond.keyword} ${cond.text} (no ${what} given)`);
      return undefined;
    }
    return portHolds(cond, p) ? undefined : no(cond.keyword, `${cond.keyword} ${cond.text} does not match ${p}`);
  };
  const name = (cond: NameCondition | undefined, n: string | undefined, what: string): RuleVerdict | undefined => {
    if (!cond) return undefined;
    if (n === undefined) {
      assumed.push(`${cond.keyword} ${cond.text} (no ${what} given)`);
      return undefined;
    }
    return has(cond.set, n) ? undefined : no(cond.keyword, `${cond.keyword} ${cond.text} does not match ${n}`);
  };
  const failed =
    addr(rule.localAddr, c.localAddr, 'local address') ??
    addr(rule.remoteAddr, c.remoteAddr, 'remote address') ??
    port(rule.localPort, c.localPort, 'local port') ??
    port(rule.remotePort, c.remotePort, 'remote port') ??
    name(rule.jobname, c.jobname, 'job name') ??
    name(rule.userid, c.userid, 'user ID');
  if (failed) return failed;
  if (rule.time) {
    if (!c.time) notes.push(`${rule.time.text} limits when the rule is in effect; no time was given, so it is taken to be in effect`);
    else {
      const v = rule.time.check(c.time);
      if (v.inEffect === false) return no('IpTimeCondition', `${rule.time.text}: ${v.reason}`);
      notes.push(`${rule.time.text}: ${v.reason}`);
    }
  }
  return { matched: true, assumed, notes };
}

/** The reference matcher: tries every rule in order and explains each. */
export function matchScan(policy: CompiledPolicy, c: Connection): MatchResult {
  const trace: TraceStep[] = [];
  for (const rule of policy.rules) {
    const v = explainRule(rule, c);
    trace.push({ rule, ...v });
    if (v.matched) return { policy, connection: c, rule, trace };
  }
  return { policy, connection: c, rule: undefined, trace };
}

/** The reference matcher without explanations: the first rule that matches. */
export function firstMatchScan(policy: CompiledPolicy, c: Connection): CompiledRule | undefined {
  for (const rule of policy.rules) if (ruleMatches(rule, c)) return rule;
  return undefined;
}
