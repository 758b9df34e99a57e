// Compiles the TTLSRule statements of a policy model into what matching and analysis need: exact
// condition sets (addresses, ports, names), the actions, and Policy Agent's evaluation order.
import {
  catalogue,
  checkModel,
  IGNORED_BY_POLICY_AGENT,
  readAddress,
  readAddressRange,
  readIpSpec,
  readJobPattern,
  readPortSpec,
  readPrefix,
  type IpRange,
  type ParamInfo,
  type PolicyModel,
  type Read,
  type Span,
  REJECTED_BY_POLICY_AGENT,
  spanOf,
  type StatementInfo,
} from '@attls/language';
import { actionsOfRule, type RuleActions } from './actions.js';
import { ebcdicKey } from './ebcdic.js';
import { normalise, type Interval, type IntervalSet } from './intervals.js';
import { patternSet, type NameSet } from './names.js';
import { compileTime, type TimeCondition } from './time.js';

export const DIR_INBOUND = 1;
export const DIR_OUTBOUND = 2;
export const DIR_BOTH = 3;

export const V4_MAX = (1n << 32n) - 1n;
export const V6_MAX = (1n << 128n) - 1n;
/** Real connections use ports 1-65535; a condition's 0 ("any port") covers them all. */
export const PORT_MIN = 1n;
export const PORT_MAX = 65535n;

export const PRIORITY_MAX = 2000000000;

/** An address condition: the keyword used and the addresses it admits, per family. */
export interface AddrCondition {
  readonly keyword: string;
  /** As shown to the user: "10.1.0.0/16" or "PaymentPartners (192.0.2.0/28, 198.51.100.17)". */
  readonly text: string;
  readonly v4: IntervalSet;
  /** v4 as numbers [lo0, hi0, lo1, hi1, ...] for fast matching (IPv4 addresses fit a number). */
  readonly v4flat: readonly number[];
  readonly v6: IntervalSet;
  readonly param: ParamInfo;
}

export interface PortCondition {
  readonly keyword: string;
  readonly text: string;
  readonly ports: IntervalSet;
  /** The same as numbers [lo0, hi0, lo1, hi1, ...] for fast matching. */
  readonly flat: readonly number[];
  readonly param: ParamInfo;
}

export interface NameCondition {
  readonly keyword: 'Jobname' | 'Userid';
  /** The pattern as written. */
  readonly text: string;
  readonly prefix: string;
  readonly wildcard: boolean;
  readonly set: NameSet;
  readonly param: ParamInfo;
}

/** A condition Policy Agent would reject or that names a missing statement: it matches nothing here. */
export interface BrokenCondition {
  readonly keyword: string;
  readonly reason: string;
  readonly uri: string;
  readonly span: Span;
}

export interface CompiledRule {
  /** 0-based position in evaluation order. */
  readonly index: number;
  /** 1-based position in evaluation order, as shown to users. */
  readonly order: number;
  readonly name: string;
  readonly statement: StatementInfo;
  /** The Priority coded; undefined when the rule has none (or an unreadable one). */
  readonly coded: number | undefined;
  /**
   * The Priority the rule is ordered by: the coded one, else 1. pasearch shows a rule without
   * Priority as Priority 1, ordered by name with the rules that code 1 (an assumption: IBM's text
   * is silent; see ASSUMPTIONS['no-priority-one']).
   */
  readonly priority: number;
  /** DIR_INBOUND | DIR_OUTBOUND bits; 0 when Direction is missing or unreadable. */
  readonly direction: number;
  readonly directionText: string;
  readonly localAddr: AddrCondition | undefined;
  readonly remoteAddr: AddrCondition | undefined;
  readonly localPort: PortCondition | undefined;
  readonly remotePort: PortCondition | undefined;
  readonly jobname: NameCondition | undefined;
  readonly userid: NameCondition | undefined;
  readonly time: TimeCondition | undefined;
  readonly broken: readonly BrokenCondition[];
  /** Problems that do not stop matching (an unreadable Priority, two address forms coded). */
  readonly notes: readonly string[];
  readonly group: StatementInfo | undefined;
  readonly environment: StatementInfo | undefined;
  readonly connection: StatementInfo | undefined;
  /** The actions and their parameter blocks, resolved (see actions.ts). */
  readonly actions: RuleActions;
  /** TTLSEnabled of the group action: true On, false Off, undefined unknown. */
  readonly enabled: boolean | undefined;
}

/** An assumption the evaluation order rests on, shown wherever the order matters. */
export interface Assumption {
  readonly id: 'no-priority-one' | 'name-order-ebcdic' | 'time-condition' | 'name-patterns';
  readonly text: string;
}

export const ASSUMPTIONS: Readonly<Record<Assumption['id'], Assumption>> = {
  'no-priority-one': {
    id: 'no-priority-one',
    text:
      'A rule without Priority counts as Priority 1 and is ordered by name with the rules that code Priority 1, as pasearch shows installed rules. IBM does not document the default; this follows real pasearch output.',
  },
  'name-order-ebcdic': {
    id: 'name-order-ebcdic',
    text:
      'Rules of equal priority are tried in name order, comparing the names as IBM-1047 (EBCDIC) bytes: lowercase before uppercase before digits. IBM only says "alphabetical order"; the collation is an assumption.',
  },
  'name-patterns': {
    id: 'name-patterns',
    text: 'Jobname and Userid: a trailing * matches any rest (APPX* matches APPX and APPX01), anything else must match exactly, case included. This follows IBM samples; the full wildcard rules are not confirmed from IBM text.',
  },
  'time-condition': {
    id: 'time-condition',
    text: 'IpTimeCondition parameters are recalled, not confirmed from IBM text; a rule outside its time window is assumed to be skipped.',
  },
};

export interface CompiledPolicy {
  readonly model: PolicyModel;
  /** Rules in evaluation order. */
  readonly rules: readonly CompiledRule[];
  readonly byName: ReadonlyMap<string, CompiledRule>;
}

/** What Policy Agent would do with the findings of a policy. */
export interface PolicyVerdict {
  /** Findings that make Policy Agent refuse the policy (it keeps the policy it had). */
  readonly rejected: number;
  /** Findings where Policy Agent installs the policy but ignores a statement, a parameter or a duplicate. */
  readonly ignored: number;
}

/** Counts the built-in findings of a model by what Policy Agent does with them (runs the checks once). */
export function policyVerdict(model: PolicyModel): PolicyVerdict {
  let rejected = 0;
  let ignored = 0;
  // Counts only: the did-you-mean search for each undefined name is not needed.
  for (const found of checkModel(model, { messages: false }).values()) {
    for (const x of found) {
      if (REJECTED_BY_POLICY_AGENT.has(x.code)) rejected++;
      else if (IGNORED_BY_POLICY_AGENT.has(x.code)) ignored++;
    }
  }
  return { rejected, ignored };
}

const cache = new WeakMap<PolicyModel, CompiledPolicy>();

/** The compiled rules of a model, computed once per model. */
export function compilePolicy(model: PolicyModel): CompiledPolicy {
  let c = cache.get(model);
  if (!c) {
    c = build(model);
    cache.set(model, c);
  }
  return c;
}

/** The Priority a rule without one is ordered by (see CompiledRule.priority). */
export const DEFAULT_PRIORITY = 1;

function build(model: PolicyModel): CompiledPolicy {
  // Policy Agent's order: Priority descending, then the names' IBM-1047 bytes. The sort keys are
  // made once, beside each draft.
  const keyed = model.rules().map((s) => {
    const d = compileRule(model, s);
    return { d, priority: d.priority, key: ebcdicKey(d.name) };
  });
  keyed.sort((a, b) => (a.priority !== b.priority ? b.priority - a.priority : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // The drafts become the rules: their places are written in, not copied into new objects.
  const rules: CompiledRule[] = keyed.map((x, i) => {
    const r = x.d;
    r.index = i;
    r.order = i + 1;
    return r;
  });
  return { model, rules, byName: new Map(rules.map((r) => [r.name, r])) };
}

/** A rule before it has its place in the evaluation order. */
type Draft = Omit<CompiledRule, 'index' | 'order'> & { index: number; order: number };

/** The keys (catalogue.keyOf) of the keywords of one condition, made once. */
function keysOf(keywords: readonly string[]): ReadonlySet<string> {
  return new Set(keywords.map((k) => catalogue.keyOf(k)));
}

const CONDITION_KEYS = {
  Local: { addr: keysOf(['LocalAddr', 'LocalAddrRef', 'LocalAddrSetRef', 'LocalAddrGroupRef']), port: keysOf(['LocalPortRange', 'LocalPortRangeRef', 'LocalPortGroupRef']) },
  Remote: { addr: keysOf(['RemoteAddr', 'RemoteAddrRef', 'RemoteAddrSetRef', 'RemoteAddrGroupRef']), port: keysOf(['RemotePortRange', 'RemotePortRangeRef', 'RemotePortGroupRef']) },
};

/** The occurrences of any of a condition's keywords, in the order written (one pass over the rule). */
function lastOf(rule: StatementInfo, keys: ReadonlySet<string>): { param: ParamInfo; all: ParamInfo[] } | undefined {
  let all: ParamInfo[] | undefined;
  for (const p of rule.params) if (keys.has(p.key)) (all ??= []).push(p);
  if (!all) return undefined;
  return { param: all[all.length - 1]!, all };
}

function compileRule(model: PolicyModel, s: StatementInfo): Draft {
  const broken: BrokenCondition[] = [];
  const notes: string[] = [];
  const breakAt = (p: ParamInfo | undefined, keyword: string, reason: string): void => {
    broken.push({ keyword, reason, uri: s.doc.uri, span: p ? spanOf(p.node) : s.anchor });
  };

  // Priority
  let coded: number | undefined;
  const pp = s.param('Priority');
  if (pp) {
    const t = pp.values[0]?.text ?? '';
    if (/^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= PRIORITY_MAX) coded = Number(t);
    else notes.push(`Priority '${t}' is not a number from 1 to ${PRIORITY_MAX}; the rule is ordered as if it had none (Priority ${DEFAULT_PRIORITY})`);
  }

  // Direction
  let direction = 0;
  const dp = s.param('Direction');
  const dt = dp?.values[0]?.text ?? '';
  switch (dt.toLowerCase()) {
    case 'inbound':
      direction = DIR_INBOUND;
      break;
    case 'outbound':
      direction = DIR_OUTBOUND;
      break;
    case 'both':
      direction = DIR_BOTH;
      break;
    default:
      breakAt(dp, 'Direction', dp ? `Direction '${dt}' is not Inbound, Outbound or Both` : 'the rule has no Direction, which Policy Agent requires');
  }
  const directionText = direction === DIR_INBOUND ? 'Inbound' : direction === DIR_OUTBOUND ? 'Outbound' : direction === DIR_BOTH ? 'Both' : dt || '(none)';

  const addr = (side: 'Local' | 'Remote'): AddrCondition | undefined => {
    const found = lastOf(s, CONDITION_KEYS[side].addr);
    if (!found) return undefined;
    if (found.all.length > 1) notes.push(`more than one ${side} address condition is coded; the last one (${found.param.keyword.text}) is used here, but Policy Agent rejects the rule`);
    const r = readAddrCondition(model, found.param);
    if (!r.ok) {
      breakAt(found.param, found.param.spec?.name ?? found.param.keyword.text, r.reason);
      return undefined;
    }
    return r.value ?? undefined;
  };
  const port = (side: 'Local' | 'Remote'): PortCondition | undefined => {
    const found = lastOf(s, CONDITION_KEYS[side].port);
    if (!found) return undefined;
    if (found.all.length > 1) notes.push(`more than one ${side} port condition is coded; the last one (${found.param.keyword.text}) is used here, but Policy Agent rejects the rule`);
    const r = readPortCondition(model, found.param);
    if (!r.ok) {
      breakAt(found.param, found.param.spec?.name ?? found.param.keyword.text, r.reason);
      return undefined;
    }
    return r.value ?? undefined;
  };
  const name = (keyword: 'Jobname' | 'Userid'): NameCondition | undefined => {
    const p = s.param(keyword);
    if (!p) return undefined;
    const text = p.values[0]?.text;
    if (text === undefined) {
      breakAt(p, keyword, `${keyword} has no value`);
      return undefined;
    }
    const r = readJobPattern(text);
    if (!r.ok) {
      breakAt(p, keyword, r.reason);
      return undefined;
    }
    return { keyword, text, prefix: r.value.prefix, wildcard: r.value.wildcard, set: patternSet(r.value.prefix, r.value.wildcard), param: p };
  };

  const localAddr = addr('Local');
  const remoteAddr = addr('Remote');
  const localPort = port('Local');
  const remotePort = port('Remote');
  const jobname = name('Jobname');
  const userid = name('Userid');

  let time: TimeCondition | undefined;
  const inlineTime = s.childrenOfKind('IpTimeCondition');
  if (inlineTime.length > 0) time = compileTime(inlineTime[inlineTime.length - 1]!, 'IpTimeCondition (inline)');
  else {
    const tp = s.param('IpTimeConditionRef');
    if (tp) {
      const target = model.referenced(s, 'IpTimeConditionRef');
      if (target) time = compileTime(target, `IpTimeConditionRef ${target.name}`);
      else breakAt(tp, 'IpTimeConditionRef', `IpTimeCondition '${tp.values[0]?.text ?? ''}' is not defined`);
    }
  }

  const actions = actionsOfRule(model, s);
  const group = actions.group;
  const environment = actions.environment;
  const connection = actions.connection;
  const enabled = actions.enabled;
  if (!group) notes.push(s.param('TTLSGroupActionRef') ? `its TTLSGroupAction '${s.value('TTLSGroupActionRef')}' is not defined` : 'it has no TTLSGroupActionRef');
  else if (enabled === undefined) notes.push(`TTLSGroupAction ${group.name} has no valid TTLSEnabled`);

  return {
    index: -1,
    order: 0,
    name: s.name ?? '',
    statement: s,
    coded,
    priority: coded ?? DEFAULT_PRIORITY,
    direction,
    directionText,
    localAddr,
    remoteAddr,
    localPort,
    remotePort,
    jobname,
    userid,
    time,
    broken,
    notes,
    group,
    environment,
    connection,
    actions,
    enabled,
  };
}

// --- addresses ----------------------------------------------------------------------------------

interface AddrPart {
  readonly text: string;
  readonly family: 4 | 6;
  readonly from: bigint;
  readonly to: bigint;
}

const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });
const good = <T>(value: T): Read<T> => ({ ok: true, value });

function rangePart(text: string, r: IpRange): AddrPart {
  return { text, family: r.family, from: r.from, to: r.to };
}

/** The address (IpAddr) or block (IpAddrSet) a statement stands for. */
function statementAddr(s: StatementInfo): Read<AddrPart> {
  if (s.kind === 'IpAddr') {
    const t = s.value('Addr');
    if (t === undefined) return fail(`${s.label} has no Addr`);
    const a = readAddress(t);
    return a.ok ? good({ text: t, family: a.value.family, from: a.value.value, to: a.value.value }) : fail(a.reason);
  }
  const prefix = s.value('Prefix');
  if (prefix !== undefined) {
    const r = readPrefix(prefix);
    return r.ok ? good(rangePart(prefix, r.value)) : fail(r.reason);
  }
  const range = s.value('Range');
  if (range !== undefined) {
    const r = readAddressRange(range);
    return r.ok ? good(rangePart(range, r.value)) : fail(r.reason);
  }
  return fail(`${s.label} has neither Prefix nor Range`);
}

/** The addresses a list of parts admits, per family, as sets (and IPv4 as flat numbers too). */
interface AddrSets {
  readonly v4: IntervalSet;
  readonly v4flat: readonly number[];
  readonly v6: IntervalSet;
}

function addrSets(parts: readonly AddrPart[]): AddrSets {
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  for (const p of parts) (p.family === 4 ? v4 : v6).push({ lo: p.from, hi: p.to });
  const set4 = normalise(v4);
  const v4flat: number[] = [];
  for (const i of set4) v4flat.push(Number(i.lo), Number(i.hi));
  return { v4: set4, v4flat, v6: normalise(v6) };
}

function addrCondition(param: ParamInfo, text: string, sets: AddrSets): AddrCondition {
  return { keyword: param.spec?.name ?? param.keyword.text, text, v4: sets.v4, v4flat: sets.v4flat, v6: sets.v6, param };
}

/** A condition keyword without its side: LocalAddrRef -> AddrRef. */
function withoutSide(keyword: string): string {
  return keyword.startsWith('Local') ? keyword.slice(5) : keyword.startsWith('Remote') ? keyword.slice(6) : keyword;
}

/** What a referenced statement stands for: its members as shown ('' for one address or set) and their values. */
interface Target<T> {
  readonly members: string;
  readonly value: T;
}

/**
 * The addresses an IpAddr, IpAddrSet or IpAddrGroup stands for, read once per statement: every rule
 * naming it shares the answer (2,000 rules naming one group of 2,000 sets read it 2,000 times, 3 s).
 */
const addrTargets = new WeakMap<StatementInfo, Read<Target<AddrSets>>>();

/** What `read` gives for a statement, made once and kept in `cache`. */
function readOnce<T>(cache: WeakMap<StatementInfo, T>, target: StatementInfo, read: () => T): T {
  let r = cache.get(target);
  if (r === undefined) {
    r = read();
    cache.set(target, r);
  }
  return r;
}

function addrTarget(model: PolicyModel, target: StatementInfo, group: boolean): Read<Target<AddrSets>> {
  return readOnce(addrTargets, target, () => (group ? readAddrGroup(model, target) : readAddrStatement(target)));
}

function readAddrStatement(target: StatementInfo): Read<Target<AddrSets>> {
  const r = statementAddr(target);
  return r.ok ? good({ members: '', value: addrSets([r.value]) }) : fail(r.reason);
}

/** An IpAddrGroup: its addresses and address sets. */
function readAddrGroup(model: PolicyModel, target: StatementInfo): Read<Target<AddrSets>> {
  return readGroup(model, target, 'IpAddrGroup', ['IpAddr', 'IpAddrSet'], ['IpAddrRef', 'IpAddrSetRef'], statementAddr, addrSets);
}

/**
 * The members of a group (IpAddrGroup, PortGroup) in the order written, inline or referenced, and
 * the values they stand for together; fails at the first member that cannot be read, or when there
 * is none.
 */
function readGroup<P extends { readonly text: string }, V>(
  model: PolicyModel,
  target: StatementInfo,
  label: string,
  inline: readonly string[],
  refs: readonly string[],
  readMember: (s: StatementInfo) => Read<P>,
  values: (parts: readonly P[]) => V,
): Read<Target<V>> {
  const members: { at: number; read: () => Read<P> }[] = [];
  for (const c of target.children) if (c.kind !== undefined && inline.includes(c.kind)) members.push({ at: c.node.start, read: () => readMember(c) });
  for (const p of target.params) {
    const refKind = p.spec?.refKind;
    if (!refKind || !refs.includes(p.spec!.name)) continue;
    members.push({
      at: p.node.start,
      read: () => {
        const n = p.values[0]?.text;
        const t = n !== undefined ? model.resolve(refKind, n) : undefined;
        return t ? readMember(t) : fail(`${refKind} '${n ?? ''}' in ${label} ${target.name} is not defined`);
      },
    });
  }
  members.sort((a, b) => a.at - b.at);
  const parts: P[] = [];
  for (const m of members) {
    const r = m.read();
    if (!r.ok) return fail(r.reason);
    parts.push(r.value);
  }
  if (parts.length === 0) return fail(`${label} ${target.name} has no members`);
  return good({ members: parts.map((p) => p.text).join(', '), value: values(parts) });
}

/** Reads an address condition; value undefined means "All" (no restriction). */
export function readAddrCondition(model: PolicyModel, param: ParamInfo): Read<AddrCondition | undefined> {
  const kw = withoutSide(param.spec?.name ?? param.keyword.text);
  const value = param.values[0]?.text;
  if (value === undefined) return fail(`${param.keyword.text} has no value`);
  if (kw === 'Addr') {
    const r = readIpSpec(value);
    if (!r.ok) return fail(r.reason);
    if (r.value.all) return good(undefined);
    return good(addrCondition(param, value, addrSets([rangePart(value, r.value)])));
  }
  const target = model.referenced(param.owner, param.spec?.name ?? param.keyword.text);
  const kind = param.spec?.refKind ?? 'statement';
  if (!target) return fail(`${kind} '${value}' is not defined`);
  const group = kw !== 'AddrRef' && kw !== 'AddrSetRef';
  const r = addrTarget(model, target, group);
  if (!r.ok) return r;
  return good(addrCondition(param, group ? `${value} (${r.value.members})` : value, r.value.value));
}

// --- ports --------------------------------------------------------------------------------------

interface PortPart {
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

function readPorts(values: readonly string[]): Read<PortPart> {
  if (values[0]?.toLowerCase() === 'all') return good({ text: 'All', from: 0, to: 65535 });
  const r = readPortSpec(values);
  if (!r.ok) return fail(r.reason);
  const text = values.slice(0, r.value.used).join(' ');
  return good({ text, from: r.value.from, to: r.value.to });
}

function statementPorts(s: StatementInfo): Read<PortPart> {
  const p = s.param('Port');
  if (!p || p.values.length === 0) return fail(`${s.label} has no Port`);
  return readPorts(p.values.map((v) => v.text));
}

/** The ports a list of parts admits, as a set and as flat numbers; undefined when that is every port. */
interface PortSets {
  readonly ports: IntervalSet;
  readonly flat: readonly number[];
}

function portSets(parts: readonly PortPart[]): PortSets | undefined {
  if (parts.some((p) => p.from === 0 && p.to === 65535)) return undefined;
  const ports = normalise(parts.map((p) => ({ lo: BigInt(Math.max(p.from, 1)), hi: BigInt(p.to) })));
  const flat: number[] = [];
  for (const i of ports) flat.push(Number(i.lo), Number(i.hi));
  return { ports, flat };
}

function portCondition(param: ParamInfo, text: string, sets: PortSets | undefined): PortCondition | undefined {
  return sets && { keyword: param.spec?.name ?? param.keyword.text, text, ports: sets.ports, flat: sets.flat, param };
}

/** The ports a PortRange or PortGroup stands for, read once per statement (as addrTargets). */
const portTargets = new WeakMap<StatementInfo, Read<Target<PortSets | undefined>>>();

function portTarget(model: PolicyModel, target: StatementInfo, group: boolean): Read<Target<PortSets | undefined>> {
  return readOnce(portTargets, target, () => (group ? readPortGroup(model, target) : readPortStatement(target)));
}

function readPortStatement(target: StatementInfo): Read<Target<PortSets | undefined>> {
  const r = statementPorts(target);
  return r.ok ? good({ members: r.value.text, value: portSets([r.value]) }) : fail(r.reason);
}

/** A PortGroup: its port ranges. */
function readPortGroup(model: PolicyModel, target: StatementInfo): Read<Target<PortSets | undefined>> {
  return readGroup(model, target, 'PortGroup', ['PortRange'], ['PortRangeRef'], statementPorts, portSets);
}

/** Reads a port condition; value undefined means every port (0). */
export function readPortCondition(model: PolicyModel, param: ParamInfo): Read<PortCondition | undefined> {
  const kw = withoutSide(param.spec?.name ?? param.keyword.text);
  const value = param.values[0]?.text;
  if (value === undefined) return fail(`${param.keyword.text} has no value`);
  if (kw === 'PortRange') {
    const r = readPorts(param.values.map((v) => v.text));
    if (!r.ok) return fail(r.reason);
    return good(portCondition(param, r.value.text, portSets([r.value])));
  }
  const target = model.referenced(param.owner, param.spec?.name ?? param.keyword.text);
  if (!target) return fail(`${param.spec?.refKind ?? 'statement'} '${value}' is not defined`);
  const r = portTarget(model, target, kw !== 'PortRangeRef');
  if (!r.ok) return r;
  return good(portCondition(param, `${value} (${r.value.members})`, r.value.value));
}
