// The connections whose outcome changes between two policies, as exact regions of the connection
// space. Each policy splits the space by first-matching rule: a rule's region is its box minus the
// boxes of the rules tried before it (the shadow analysis's box machinery). Crossing the two splits
// gives, for every pair (old rule, new rule), the connections that go from one to the other; a pair
// whose rule, verdict or effective settings differ is a change, reported with its region and one
// connection from it.
//
// Rules with an IpTimeCondition are taken to be in effect, as `attls match` takes them when no time
// is given, so that every example connection gets the stated rule from `attls match`.
import { formatAddress } from '@attls/language';
import { boxesIntersect, boxQuery, boxSize, FRAGMENT_LIMIT, intersectBox, ruleBoxes, sampleConnection, subtractBox, WORK_LIMIT, WorkMeter, type Box } from './analysis.js';
import { DIR_BOTH, DIR_INBOUND, PORT_MAX, PORT_MIN, V4_MAX, V6_MAX, type CompiledPolicy, type CompiledRule } from './compile.js';
import type { Connection } from './connection.js';
import { describeAddresses, describePorts, settingDisplay, settingKey } from './diff-values.js';
import { RuleIndex } from './index-matcher.js';
import type { IntervalSet } from './intervals.js';
import { describeNames, has, isAllNames, type NameSet } from './names.js';
import { effectiveSettings, type Setting } from './settings.js';

/** One box of a region, as text: any attribute not limited says "any". */
export interface RegionBox {
  readonly family: 4 | 6;
  readonly direction: 'inbound' | 'outbound' | 'both';
  readonly local_addr: string;
  readonly local_port: string;
  readonly remote_addr: string;
  readonly remote_port: string;
  readonly jobname: string;
  readonly userid: string;
}

export interface ConnectionOutcome {
  readonly rule: string | null;
  /** true secured, false in the clear (no rule, or TTLSEnabled Off), null unknown (no usable group). */
  readonly secured: boolean | null;
}

export interface ConnectionChange {
  /** A connection of the region, with the keys `attls match --format json` uses. */
  readonly example: Readonly<Record<string, string | number>>;
  readonly old: ConnectionOutcome;
  readonly new: ConnectionOutcome;
  /** Effective settings that differ, when the connection is secured on both sides. */
  readonly settings: readonly { readonly name: string; readonly old: string | null; readonly new: string | null }[];
  /** The exact region: a union of disjoint boxes (the first REGION_SHOWN of them). */
  readonly region: readonly RegionBox[];
  /** Boxes of the region beyond those listed. */
  readonly more?: number;
}

/** Boxes of a region listed in an answer; the rest are counted. */
export const REGION_SHOWN = 20;

const ADDRS: Record<4 | 6, IntervalSet> = { 4: [{ lo: 0n, hi: V4_MAX }], 6: [{ lo: 0n, hi: V6_MAX }] };
/** ::ffff:0:0/96: attls match reads such an address as the IPv4 address it carries. */
const MAPPED_LO = 0xffff00000000n;
const MAPPED_HI = 0xffffffffffffn;

/**
 * Counts an operation on two boxes in the work of the comparison (one WorkMeter per attempt,
 * shared by all its steps: each step is bounded on its own, but two policies of a thousand partly
 * overlapping rules each reach cubic work within those bounds). False once it is used up.
 */
function spend(meter: WorkMeter, x: Box, y: Box, meet: boolean): boolean {
  meter.count(meet, meet ? boxSize(x) + boxSize(y) : 0);
  return !meter.exhausted();
}

/** Subtracts boxes from a list of boxes; undefined when the fragments or the work pass the bounds. */
function subtractAll(from: readonly Box[], boxes: readonly Box[], budget: { work: number }, meter: WorkMeter): Box[] | undefined {
  let left = [...from];
  for (const d of boxes) {
    const next: Box[] = [];
    for (const x of left) {
      budget.work++;
      const meet = boxesIntersect(x, d);
      if (!spend(meter, x, d, meet)) return undefined;
      if (!meet) next.push(x);
      else next.push(...subtractBox(x, d));
    }
    left = next;
    if (left.length > FRAGMENT_LIMIT || budget.work > WORK_LIMIT) return undefined;
    if (left.length === 0) break;
  }
  return left;
}

/** One side of a comparison: its policy, the index of its rules and each rule's boxes, made once. */
interface Side {
  readonly policy: CompiledPolicy;
  readonly index: RuleIndex;
  readonly boxes: readonly Box[][];
}

function sideOf(policy: CompiledPolicy): Side {
  return { policy, index: new RuleIndex(policy), boxes: policy.rules.map(ruleBoxes) };
}

interface Split extends Side {
  /** Per rule: the connections it is the first match for; undefined when the bounds were hit. */
  readonly regions: readonly (Box[] | undefined)[];
}

/** Splits the connection space of a policy by first-matching rule. */
function split(side: Side, meter: WorkMeter): Split {
  const { policy, index, boxes } = side;
  const regions = policy.rules.map((r) => {
    let left: Box[] = [];
    const budget = { work: 0 };
    for (const box of boxes[r.index]!) {
      if (meter.exhausted()) return undefined;
      const before = index.candidates(boxQuery(box), r.index).flatMap((i) => boxes[i]!.filter((b) => b.fam === box.fam));
      const rest = subtractAll([box], before, budget, meter);
      if (!rest) return undefined;
      left = left.concat(rest);
    }
    return left;
  });
  return { ...side, regions };
}

/** The parts of `box` no rule of a policy matches; undefined when the bounds were hit. */
function unmatched(box: Box, s: Split, meter: WorkMeter): Box[] | undefined {
  if (meter.exhausted()) return undefined;
  const all = s.index.candidates(boxQuery(box), s.policy.rules.length).flatMap((i) => s.boxes[i]!.filter((b) => b.fam === box.fam));
  return subtractAll([box], all, { work: 0 }, meter);
}

function secured(r: CompiledRule | undefined): boolean | null {
  if (!r) return false;
  return r.enabled === undefined ? null : r.enabled;
}

/** The outcome of a rule as one string: equal strings mean equal treatment of a connection. */
function outcomeKey(r: CompiledRule, settings: readonly Setting[]): string {
  const verdict = String(secured(r));
  if (r.enabled !== true) return `${r.name}\u0001${verdict}`;
  return `${r.name}\u0001${verdict}\u0001${settings.map((s) => `${s.name}=${settingKey(s)}`).join('\u0002')}`;
}

const directionText = (dir: number): RegionBox['direction'] => (dir === DIR_BOTH ? 'both' : dir === DIR_INBOUND ? 'inbound' : 'outbound');

function regionBox(b: Box): RegionBox {
  const addr = (s: IntervalSet): string => {
    const full = ADDRS[b.fam];
    if (s.length === 1 && s[0]!.lo === full[0]!.lo && s[0]!.hi === full[0]!.hi) return 'any';
    return b.fam === 4 ? describeAddresses(s, []) : describeAddresses([], s);
  };
  const port = (s: IntervalSet): string => {
    const t = describePorts(s);
    return t === 'All' ? 'any' : t;
  };
  const names = (n: NameSet): string => (isAllNames(n) ? 'any' : describeNames(n));
  return { family: b.fam, direction: directionText(b.dir), local_addr: addr(b.la), local_port: port(b.lp), remote_addr: addr(b.ra), remote_port: port(b.rp), jobname: names(b.job), userid: names(b.user) };
}

/** An address of the set that attls match reads back as IPv6 (not ::ffff:a.b.c.d). */
function plainV6(s: IntervalSet): bigint {
  for (const i of s) {
    if (i.lo < MAPPED_LO || i.lo > MAPPED_HI) return i.lo;
    if (i.hi > MAPPED_HI) return MAPPED_HI + 1n;
  }
  return s[0]!.lo;
}

/** Job names and user IDs are given to attls match in upper case: prefer such a member. */
function upperName(set: NameSet, sample: string): string {
  const up = sample.toUpperCase();
  return up !== sample && has(set, up) ? up : sample;
}

/** Addresses and a port an example uses where any will do: documentation addresses (RFC 5737, 3849). */
const ANY_LOCAL: Record<4 | 6, bigint> = { 4: 0xc0000201n, 6: 0x20010db8000000000000000000000001n };
const ANY_REMOTE: Record<4 | 6, bigint> = { 4: 0xc6336401n, 6: 0x20010db8000000000000000000000002n };
const ANY_PORT = 50000;

function isFull(s: IntervalSet, all: IntervalSet): boolean {
  return s.length === 1 && s[0]!.lo === all[0]!.lo && s[0]!.hi === all[0]!.hi;
}

/** A connection of the box, written with the keys and forms `attls match` takes. */
function example(b: Box): { connection: Connection; json: Record<string, string | number> } {
  const c = sampleConnection(b);
  const pick = (s: IntervalSet, any: bigint): bigint => (isFull(s, ADDRS[b.fam]) ? any : b.fam === 6 ? plainV6(s) : s[0]!.lo);
  const la = pick(b.la, ANY_LOCAL[b.fam]);
  const ra = pick(b.ra, ANY_REMOTE[b.fam]);
  const port = (s: IntervalSet, sampled: number): number => (isFull(s, [{ lo: BigInt(PORT_MIN), hi: BigInt(PORT_MAX) }]) ? ANY_PORT : sampled);
  const connection: Connection = {
    direction: c.direction,
    localAddr: { family: b.fam, value: la },
    localPort: port(b.lp, c.localPort!),
    remoteAddr: { family: b.fam, value: ra },
    remotePort: port(b.rp, c.remotePort!),
    jobname: upperName(b.job, c.jobname!),
    userid: upperName(b.user, c.userid!),
  };
  return {
    connection,
    json: {
      direction: connection.direction,
      local_addr: formatAddress(b.fam, la),
      local_port: connection.localPort!,
      remote_addr: formatAddress(b.fam, ra),
      remote_port: connection.remotePort!,
      jobname: connection.jobname!,
      userid: connection.userid!,
    },
  };
}

/** The connections that go from one old rule (or none) to one new rule (or none). */
export interface RegionPair {
  readonly old: CompiledRule | undefined;
  readonly new: CompiledRule | undefined;
  /** Disjoint boxes; together exactly the connections of the pair. */
  readonly boxes: Box[];
}

export interface RegionPairs {
  /** The pairs whose outcome differs, in the old evaluation order (none last). */
  readonly pairs: readonly RegionPair[];
  readonly oldSettings: ReadonlyMap<CompiledRule, Setting[]>;
  readonly newSettings: ReadonlyMap<CompiledRule, Setting[]>;
  /** Rules whose connections could not be compared within the work bound ("name (OLD)"). */
  readonly undecided: readonly string[];
}

/** The effective settings of every rule of a policy, computed once for a whole comparison. */
export function settingsByRule(p: CompiledPolicy): Map<CompiledRule, Setting[]> {
  return new Map(p.rules.map((r) => [r, effectiveSettings(p.model, r)]));
}

/** Options of regionPairs. */
export interface RegionOptions {
  /**
   * Most rules that may differ for the comparison to look only where those rules match (default
   * 64); with more, each policy's whole space is split. Tests set 0 to compare both ways.
   */
  readonly changedLimit?: number;
}

const CHANGED_LIMIT = 64;

/**
 * Crosses the two policies' splits of the connection space and keeps the pairs that differ. When
 * few rules differ, only the part of the space those rules match is split (see changedArea): a
 * one-line change to a policy of thousands of overlapping rules need not split all of it.
 */
export function regionPairs(
  oldP: CompiledPolicy,
  newP: CompiledPolicy,
  oldSettings: ReadonlyMap<CompiledRule, Setting[]> = settingsByRule(oldP),
  newSettings: ReadonlyMap<CompiledRule, Setting[]> = settingsByRule(newP),
  options: RegionOptions = {},
): RegionPairs {
  const oldKey = oldP.rules.map((r) => outcomeKey(r, oldSettings.get(r)!));
  const newKey = newP.rules.map((r) => outcomeKey(r, newSettings.get(r)!));
  const collect = (fill: (add: AddPair) => readonly string[] | undefined): { pairs: RegionPair[]; undecided: readonly string[] } | undefined => {
    const pairs = new Map<string, RegionPair>();
    const undecided = fill((o, n, boxes) => {
      if (boxes.length === 0) return;
      const k = `${o?.index ?? -1}:${n?.index ?? -1}`;
      let p = pairs.get(k);
      if (!p) pairs.set(k, (p = { old: o, new: n, boxes: [] }));
      p.boxes.push(...boxes);
    });
    if (!undecided) return undefined;
    const ordered = [...pairs.values()].sort((x, y) => (x.old?.index ?? Infinity) - (y.old?.index ?? Infinity) || (x.new?.index ?? Infinity) - (y.new?.index ?? Infinity));
    return { pairs: ordered, undecided };
  };
  const a = sideOf(oldP);
  const b = sideOf(newP);
  const found =
    collect((add) => changedPairs(a, b, oldKey, newKey, options.changedLimit ?? CHANGED_LIMIT, add, new WorkMeter())) ??
    collect((add) => allPairs(a, b, oldKey, newKey, add, new WorkMeter()))!;
  return { pairs: found.pairs, oldSettings, newSettings, undecided: found.undecided };
}

type AddPair = (o: CompiledRule | undefined, n: CompiledRule | undefined, boxes: readonly Box[]) => void;

/** A canonical text of a rule's boxes, to tell whether a rule matches the same connections on both sides. */
function boxesKey(boxes: readonly Box[]): string {
  return JSON.stringify(boxes, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Positions (into `xs`) of a longest strictly increasing subsequence of `xs`. */
function longestIncreasing(xs: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[tails[mid]!]! < xs[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(i);
  return out.reverse();
}

/**
 * The boxes of the rules that may treat a connection differently: a rule of one side only, a rule
 * whose boxes or outcome differ, and a rule whose order relative to the unchanged rules differs.
 * A connection outside them is matched first, on both sides, by the same unchanged rule (the
 * unchanged rules match the same connections and keep their order), so its outcome is the same.
 * Undefined when more than `limit` rules differ.
 */
function changedArea(
  oldP: CompiledPolicy,
  newP: CompiledPolicy,
  oldKey: readonly string[],
  newKey: readonly string[],
  oldBoxes: readonly Box[][],
  newBoxes: readonly Box[][],
  limit: number,
): { readonly area: Box[]; readonly rules: readonly string[] } | undefined {
  const same: [number, number][] = [];
  for (const o of oldP.rules) {
    const n = newP.byName.get(o.name);
    if (n && oldKey[o.index] === newKey[n.index] && boxesKey(oldBoxes[o.index]!) === boxesKey(newBoxes[n.index]!)) same.push([o.index, n.index]);
  }
  const oldSame = new Uint8Array(oldP.rules.length);
  const newSame = new Uint8Array(newP.rules.length);
  for (const i of longestIncreasing(same.map((x) => x[1]))) {
    oldSame[same[i]![0]] = 1;
    newSame[same[i]![1]] = 1;
  }
  const area: Box[] = [];
  const rules: string[] = [];
  for (const [p, sameOf, boxes, label] of [[oldP, oldSame, oldBoxes, 'OLD'], [newP, newSame, newBoxes, 'NEW']] as const) {
    for (const r of p.rules) {
      if (sameOf[r.index]) continue;
      if (rules.push(`${r.name} (${label})`) > limit) return undefined;
      area.push(...boxes[r.index]!);
    }
  }
  return { area, rules };
}

/** Intersections of two lists of disjoint boxes; undefined when the comparison's work runs out. */
function cross(xs: readonly Box[], ys: readonly Box[], meter: WorkMeter): Box[] | undefined {
  const out: Box[] = [];
  for (const x of xs) {
    for (const y of ys) {
      if (x.fam !== y.fam) continue;
      const z = intersectBox(x, y);
      if (!spend(meter, x, y, z !== undefined)) return undefined;
      if (z) out.push(z);
    }
  }
  return out;
}

/**
 * Within one box: the part each rule of a policy is the first match for (by rule number), and the
 * part no rule matches. Undefined when the bounds are hit.
 */
function splitWithin(s: Side, d: Box, budget: { work: number }, meter: WorkMeter): { regions: Map<number, Box[]>; rest: Box[] } | undefined {
  const regions = new Map<number, Box[]>();
  let left: Box[] | undefined = [d];
  for (const i of s.index.candidates(boxQuery(d), s.policy.rules.length).sort((x, y) => x - y)) {
    const own = s.boxes[i]!.filter((b) => b.fam === d.fam);
    const mine = cross(left, own, meter);
    if (!mine) return undefined;
    if (mine.length === 0) continue;
    regions.set(i, mine);
    left = subtractAll(left, own, budget, meter);
    if (!left) return undefined;
    if (left.length === 0) break;
  }
  return { regions, rest: left };
}

/**
 * The pairs, looking only where the rules that differ match (changedArea), made disjoint first.
 * Undefined (the caller splits everything) when more rules differ than `limit` or a step's bound
 * is hit. When the comparison's work runs out, splitting everything would cost more still: the
 * pairs found so far stand, and the rules that differ are returned as undecided.
 */
function changedPairs(a: Side, b: Side, oldKey: readonly string[], newKey: readonly string[], limit: number, add: AddPair, meter: WorkMeter): readonly string[] | undefined {
  const [oldP, newP] = [a.policy, b.policy];
  const changed = changedArea(oldP, newP, oldKey, newKey, a.boxes, b.boxes, limit);
  if (!changed) return undefined;
  const { area } = changed;
  const result = (): readonly string[] | undefined => (meter.exhausted() ? changed.rules : undefined);
  const budget = { work: 0 };
  const parts: Box[] = [];
  for (const box of area) {
    const rest = subtractAll([box], parts.filter((p) => p.fam === box.fam), budget, meter);
    if (!rest) return result();
    parts.push(...rest);
  }
  for (const d of parts) {
    const x = splitWithin(a, d, budget, meter);
    const y = x && splitWithin(b, d, budget, meter);
    if (!x || !y) return result();
    const both = (o: CompiledRule | undefined, n: CompiledRule | undefined, xs: readonly Box[], ys: readonly Box[]): boolean => {
      const boxes = cross(xs, ys, meter);
      if (boxes) add(o, n, boxes);
      return boxes !== undefined;
    };
    for (const [oi, ob] of x.regions) {
      for (const [ni, nb] of y.regions) if (oldKey[oi] !== newKey[ni] && !both(oldP.rules[oi], newP.rules[ni], ob, nb)) return result();
      if (!both(oldP.rules[oi], undefined, ob, y.rest)) return result();
    }
    for (const [ni, nb] of y.regions) if (!both(undefined, newP.rules[ni], x.rest, nb)) return result();
  }
  return [];
}

/** The pairs from each policy's whole split of the space; returns the rules it could not decide. */
function allPairs(oldSide: Side, newSide: Side, oldKey: readonly string[], newKey: readonly string[], add: AddPair, meter: WorkMeter): readonly string[] {
  const [oldP, newP] = [oldSide.policy, newSide.policy];
  const a = split(oldSide, meter);
  const b = split(newSide, meter);
  const undecided = new Set<string>();
  for (const [s, label] of [[a, 'OLD'], [b, 'NEW']] as const) {
    s.regions.forEach((r, i) => {
      if (!r) undecided.add(`${s.policy.rules[i]!.name} (${label})`);
    });
  }

  // Connections an old rule matches: which new rule (or none) they get.
  for (const o of oldP.rules) {
    const region = a.regions[o.index];
    if (!region) continue;
    if (meter.exhausted()) {
      undecided.add(`${o.name} (OLD)`);
      continue;
    }
    for (const box of region) {
      for (const ni of b.index.candidates(boxQuery(box), newP.rules.length)) {
        if (oldKey[o.index] === newKey[ni]) continue;
        const nRegion = b.regions[ni];
        if (!nRegion) continue;
        const parts = cross([box], nRegion, meter);
        if (!parts) {
          undecided.add(`${o.name} (OLD)`);
          break;
        }
        add(o, newP.rules[ni], parts);
      }
      const rest = unmatched(box, b, meter);
      if (!rest) undecided.add(`${o.name} (OLD)`);
      else add(o, undefined, rest);
    }
  }
  // Connections no old rule matches and a new rule does.
  for (const n of newP.rules) {
    const region = b.regions[n.index];
    if (!region) continue;
    if (meter.exhausted()) {
      undecided.add(`${n.name} (NEW)`);
      continue;
    }
    for (const box of region) {
      const rest = unmatched(box, a, meter);
      if (!rest) undecided.add(`${n.name} (NEW)`);
      else add(undefined, n, rest);
    }
  }

  return [...undecided];
}

/** Rules named in the note on rules that could not be compared; the rest are counted. */
const UNDECIDED_NAMED = 10;

/**
 * The connections whose outcome changes from `oldP` to `newP`, at most `max` regions (one per pair
 * of old and new rule), in the old evaluation order.
 */
export function changedConnections(
  oldP: CompiledPolicy,
  newP: CompiledPolicy,
  max: number,
  settings: { readonly old: ReadonlyMap<CompiledRule, Setting[]>; readonly new: ReadonlyMap<CompiledRule, Setting[]> } = { old: settingsByRule(oldP), new: settingsByRule(newP) },
): { changes: ConnectionChange[]; notes: string[] } {
  const notes: string[] = [];
  const { pairs, oldSettings, newSettings, undecided } = regionPairs(oldP, newP, settings.old, settings.new);
  const changes = pairs.slice(0, max).map((p) => change(p, oldSettings, newSettings));
  if (pairs.length > max) notes.push(`${pairs.length - max} more regions of changed connections are not listed (the first ${max} are).`);
  if (undecided.length > 0) {
    const named = undecided.length > UNDECIDED_NAMED ? `${undecided.slice(0, UNDECIDED_NAMED).join(', ')} and ${undecided.length - UNDECIDED_NAMED} more rules` : undecided.join(', ');
    notes.push(`The connections of ${named} were too fragmented to compare exactly within attls's work bound; changes among them may be missing.`);
  }
  const timed = [...oldP.rules, ...newP.rules].filter((r) => r.time).map((r) => r.name);
  if (timed.length > 0) {
    notes.push(`${[...new Set(timed)].join(', ')} ${timed.length === 1 ? 'has' : 'have'} an IpTimeCondition: the connections are compared with such rules in effect, as attls match answers without --time.`);
  }
  return { changes, notes };
}

function change(p: RegionPair, oldSettings: ReadonlyMap<CompiledRule, Setting[]>, newSettings: ReadonlyMap<CompiledRule, Setting[]>): ConnectionChange {
  const settings: { name: string; old: string | null; new: string | null }[] = [];
  if (p.old?.enabled === true && p.new?.enabled === true) {
    const xs = oldSettings.get(p.old)!;
    const ys = new Map(newSettings.get(p.new)!.map((s) => [s.name, s]));
    const seen = new Set<string>();
    for (const x of xs) {
      seen.add(x.name);
      const y = ys.get(x.name);
      if (settingKey(x) !== (y ? settingKey(y) : null)) settings.push({ name: x.name, old: settingDisplay(x), new: y ? settingDisplay(y) : null });
    }
    for (const y of ys.values()) if (!seen.has(y.name)) settings.push({ name: y.name, old: null, new: settingDisplay(y) });
  }
  const shown = p.boxes.slice(0, REGION_SHOWN).map(regionBox);
  return {
    example: example(p.boxes[0]!).json,
    old: { rule: p.old?.name ?? null, secured: secured(p.old) },
    new: { rule: p.new?.name ?? null, secured: secured(p.new) },
    settings,
    region: shown,
    ...(p.boxes.length > REGION_SHOWN ? { more: p.boxes.length - REGION_SHOWN } : {}),
  };
}

/** Whether a connection lies in a box (for checks of the regions). */
export function boxContains(b: Box, c: Connection): boolean {
  const inSet = (s: IntervalSet, v: bigint): boolean => s.some((i) => v >= i.lo && v <= i.hi);
  if (!c.localAddr || !c.remoteAddr || c.localPort === undefined || c.remotePort === undefined || c.jobname === undefined || c.userid === undefined) return false;
  if (c.localAddr.family !== b.fam || c.remoteAddr.family !== b.fam) return false;
  if ((b.dir & (c.direction === 'inbound' ? DIR_INBOUND : 2)) === 0) return false;
  return inSet(b.la, c.localAddr.value) && inSet(b.ra, c.remoteAddr.value) && inSet(b.lp, BigInt(c.localPort)) && inSet(b.rp, BigInt(c.remotePort)) && has(b.job, c.jobname) && has(b.user, c.userid);
}
