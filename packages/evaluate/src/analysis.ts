// Which connections each rule really gets, decided exactly, for the shadowed-rule, rule-overlap and
// order-by-name lint rules.
//
// A rule's conditions describe a box in the product space
//   family x direction x local address x remote address x local port x remote port x job x user
// where every side is an exact set (interval lists, name sets; see intervals.ts and names.ts). For
// each rule B we take its box and subtract, in evaluation order, every earlier rule A whose box can
// meet it (the index finds those). Subtracting a box from a box leaves at most 8 boxes (one per
// dimension where A does not cover B), so what is left is again a list of boxes, exactly. A rule
// that removes something is a rule that takes part of B's connections (it is the first match for
// them); if nothing is left, B can never be reached and the rules that removed something are the
// ones that block it, together.
//
// Rules with an IpTimeCondition are not in effect at every time, so they never count as covering
// another rule: they can take part of its connections, but only at some times.
//
// Cost and bound: for a rule with k candidate rules ahead of it and at most F fragments left, the
// work is O(k * F * 8) set operations. F is capped (FRAGMENT_LIMIT) and so is the total work per
// rule (WORK_LIMIT); a rule that hits a cap is "undecided" and reported as nothing rather than
// guessed. Over n rules that bounds the analysis at O(n * WORK_LIMIT) set operations, and in
// practice (k small thanks to the index) it is close to linear in n. A set operation costs in
// proportion to its sets, though, and those grow as rules are taken out of a fragment: the whole
// analysis also stops at POLICY_WORK_LIMIT units of work (WorkMeter), leaving the rest undecided.
import { formatAddress, type PolicyModel } from '@attls/language';
import { compilePolicy, type CompiledPolicy, type CompiledRule, DIR_INBOUND, PORT_MAX, PORT_MIN, V4_MAX, V6_MAX } from './compile.js';
import type { Connection } from './connection.js';
import { compareAscii, compareEbcdic } from './ebcdic.js';
import { RuleIndex, firstChars, type BoxQuery } from './index-matcher.js';
import { interval, intersect, intersects, subtract, type IntervalSet } from './intervals.js';
import { ALL_NAMES, intersectNames, intersectsNames, isAllNames, nameSetSize, nameSetWork, sampleName, subtractNames, type NameSet } from './names.js';

export const FRAGMENT_LIMIT = 4096;
export const WORK_LIMIT = 200_000;
/**
 * The work the analysis of one policy may do: boxes tested and cut (TEST_COST, CUT_COST and their
 * sets' sizes) plus the atoms the name-set operations read (nameSetWork), 15 to 50 ns each here,
 * so at most about three quarters of a second. Operations on sets that have had many rules taken
 * out of them cost in proportion to their size, so a policy of rules that all partly overlap (a
 * thousand rules by port, a thousand by job name) costs the cube of its size; past this bound the
 * rules left are undecided (PolicyAnalysis.stoppedAt) instead of taking minutes.
 */
export const POLICY_WORK_LIMIT = 15_000_000;

export interface Box {
  readonly fam: 4 | 6;
  readonly dir: number;
  readonly la: IntervalSet;
  readonly ra: IntervalSet;
  readonly lp: IntervalSet;
  readonly rp: IntervalSet;
  readonly job: NameSet;
  readonly user: NameSet;
}

const ADDRS: Record<4 | 6, IntervalSet> = { 4: interval(0n, V4_MAX), 6: interval(0n, V6_MAX) };
const PORTS: IntervalSet = interval(PORT_MIN, PORT_MAX);

/** The boxes (one per address family the rule admits) of a rule; none when it can never match. */
export function ruleBoxes(r: CompiledRule): Box[] {
  if (r.broken.length > 0 || r.direction === 0) return [];
  const out: Box[] = [];
  for (const fam of [4, 6] as const) {
    const la = r.localAddr ? (fam === 4 ? r.localAddr.v4 : r.localAddr.v6) : ADDRS[fam];
    const ra = r.remoteAddr ? (fam === 4 ? r.remoteAddr.v4 : r.remoteAddr.v6) : ADDRS[fam];
    const box: Box = {
      fam,
      dir: r.direction,
      la,
      ra,
      lp: r.localPort?.ports ?? PORTS,
      rp: r.remotePort?.ports ?? PORTS,
      job: r.jobname?.set ?? ALL_NAMES,
      user: r.userid?.set ?? ALL_NAMES,
    };
    if (la.length && ra.length && box.lp.length && box.rp.length && box.job.length && box.user.length) out.push(box);
  }
  return out;
}

const BOXES = new WeakMap<CompiledRule, Box[]>();

function boxesOf(r: CompiledRule): Box[] {
  let bs = BOXES.get(r);
  if (!bs) BOXES.set(r, (bs = ruleBoxes(r)));
  return bs;
}

/**
 * The rules that share at least one connection with a rule, whatever their order or time
 * conditions: to check a suggested Priority against the rules it would newly tie with. The rule
 * index is built on first use (only when a finding asks) and answers are kept per rule, so the
 * cost follows the number of overlaps rather than rules x findings.
 */
export class OverlapFinder {
  private index: RuleIndex | undefined;
  private readonly memo = new Map<CompiledRule, readonly CompiledRule[]>();

  constructor(private readonly policy: CompiledPolicy) {}

  of(rule: CompiledRule): readonly CompiledRule[] {
    const known = this.memo.get(rule);
    if (known) return known;
    this.index ??= new RuleIndex(this.policy);
    const rules = this.policy.rules;
    const found = new Set<number>();
    for (const box of boxesOf(rule)) {
      for (const ci of this.index.candidates(boxQuery(box), rules.length)) {
        if (ci === rule.index || found.has(ci)) continue;
        if (boxesOf(rules[ci]!).some((b) => boxesIntersect(box, b))) found.add(ci);
      }
    }
    const out = [...found].sort((a, b) => a - b).map((i) => rules[i]!);
    this.memo.set(rule, out);
    return out;
  }
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return (
    a.fam === b.fam &&
    (a.dir & b.dir) !== 0 &&
    intersects(a.lp, b.lp) &&
    intersects(a.rp, b.rp) &&
    intersects(a.la, b.la) &&
    intersects(a.ra, b.ra) &&
    intersectsNames(a.job, b.job) &&
    intersectsNames(a.user, b.user)
  );
}

export function intersectBox(a: Box, b: Box): Box | undefined {
  if (!boxesIntersect(a, b)) return undefined;
  const job = intersectNames(a.job, b.job);
  const user = intersectNames(a.user, b.user);
  if (!job.length || !user.length) return undefined;
  return { fam: a.fam, dir: a.dir & b.dir, la: intersect(a.la, b.la), ra: intersect(a.ra, b.ra), lp: intersect(a.lp, b.lp), rp: intersect(a.rp, b.rp), job, user };
}

/** a \ b as disjoint boxes: one per dimension where b does not cover what is left of a. */
export function subtractBox(a: Box, b: Box): Box[] {
  if (!boxesIntersect(a, b)) return [a];
  return splitBox(a, b).rest;
}

/** A box cut by another that meets it: the part inside it, and the rest as disjoint boxes. */
export interface Split {
  readonly inside: Box;
  readonly rest: Box[];
}

/**
 * Cuts a by b, which must meet it (boxesIntersect). One dimension at a time: what lies outside b
 * in that dimension is a piece of the rest, and what lies inside goes on to the next dimension, so
 * after the last one it is a ∩ b. One call gives both, each set operation done once.
 */
export function splitBox(a: Box, b: Box): Split {
  const rest: Box[] = [];
  const { fam } = a;
  let { dir, lp, rp, la, ra, job, user } = a;
  const box = (): Box => ({ fam, dir, la, ra, lp, rp, job, user });
  if (dir & ~b.dir) {
    rest.push({ ...a, dir: dir & ~b.dir });
    dir &= b.dir;
  }
  let outside = subtract(lp, b.lp);
  if (outside.length > 0) {
    rest.push({ fam, dir, la, ra, lp: outside, rp, job, user });
    lp = intersect(lp, b.lp);
  }
  outside = subtract(rp, b.rp);
  if (outside.length > 0) {
    rest.push({ fam, dir, la, ra, lp, rp: outside, job, user });
    rp = intersect(rp, b.rp);
  }
  outside = subtract(la, b.la);
  if (outside.length > 0) {
    rest.push({ fam, dir, la: outside, ra, lp, rp, job, user });
    la = intersect(la, b.la);
  }
  outside = subtract(ra, b.ra);
  if (outside.length > 0) {
    rest.push({ fam, dir, la, ra: outside, lp, rp, job, user });
    ra = intersect(ra, b.ra);
  }
  if (!isAllNames(b.job)) {
    const names = subtractNames(job, b.job);
    if (names.length > 0) {
      rest.push({ fam, dir, la, ra, lp, rp, job: names, user });
      job = intersectNames(job, b.job);
    }
  }
  if (!isAllNames(b.user)) {
    const names = subtractNames(user, b.user);
    if (names.length > 0) {
      rest.push({ fam, dir, la, ra, lp, rp, job, user: names });
      user = intersectNames(user, b.user);
    }
  }
  return { inside: box(), rest };
}

/** A connection inside a box. */
export function sampleConnection(b: Box): Connection {
  return {
    direction: b.dir & DIR_INBOUND ? 'inbound' : 'outbound',
    localAddr: { family: b.fam, value: b.la[0]!.lo },
    remoteAddr: { family: b.fam, value: b.ra[0]!.lo },
    localPort: Number(b.lp[0]!.lo),
    remotePort: Number(b.rp[0]!.lo),
    jobname: sampleName(b.job)!,
    userid: sampleName(b.user)!,
  };
}

/** What the rule index is asked about a box: its bounds in each dimension. */
export function boxQuery(b: Box): BoxQuery {
  const bounds = (s: IntervalSet): { lo: bigint; hi: bigint } => ({ lo: s[0]!.lo, hi: s[s.length - 1]!.hi });
  return {
    family: b.fam,
    direction: b.dir,
    localAddr: bounds(b.la),
    remoteAddr: bounds(b.ra),
    localPort: bounds(b.lp),
    remotePort: bounds(b.rp),
    jobFirst: firstChars(b.job),
    userFirst: firstChars(b.user),
  };
}

/** A rule ahead that takes part of another rule's connections. */
export interface Taker {
  readonly rule: CompiledRule;
  /** A connection both rules match that reaches the taker first. */
  readonly example: Connection;
  /** The taker has an IpTimeCondition: it takes these connections only at some times. */
  readonly timeLimited: boolean;
}

export type RuleStatus =
  /** Some connection reaches the rule. */
  | 'reachable'
  /** Rules ahead take every connection it could match. */
  | 'shadowed'
  /** Its own conditions admit no connection. */
  | 'never'
  /** The analysis hit its work bound for this rule. */
  | 'undecided'
  /** A condition is broken (undefined reference, unreadable value): not analysed. */
  | 'broken';

export interface RuleAnalysis {
  readonly rule: CompiledRule;
  readonly status: RuleStatus;
  /** Rules ahead that take part of its connections, in evaluation order. */
  readonly takers: readonly Taker[];
  /** For reachable rules: a connection that gets this rule. */
  readonly witness?: Connection;
  /** For rules that never match: why. */
  readonly reason?: string;
}

export interface AnalysisStats {
  readonly rules: number;
  /** Pairs of rules the index let through to an exact comparison. */
  readonly candidatePairs: number;
  /** Box intersections and subtractions done. */
  readonly boxOperations: number;
  /** Largest number of fragments left of one rule at any time. */
  readonly maxFragments: number;
  readonly undecided: number;
  readonly ms: number;
}

export interface PolicyAnalysis {
  readonly policy: CompiledPolicy;
  readonly rules: readonly RuleAnalysis[];
  readonly stats: AnalysisStats;
  /**
   * The rule at which the analysis reached POLICY_WORK_LIMIT: it and every rule after it that
   * could be analysed are undecided.
   */
  readonly stoppedAt?: CompiledRule;
}

/**
 * What telling whether two boxes meet costs, in POLICY_WORK_LIMIT's unit: measured, about twice
 * one element of a cut (policies whose rules mostly miss each other spend it on tests).
 */
const TEST_COST = 2;
/**
 * What cutting one box by another costs beyond their sizes, in the same unit: six set operations
 * and the pieces made, however small the sets (measured on rules that cut each other into hundreds
 * of small pieces).
 */
const CUT_COST = 20;

/** The size of a box's sets: what cutting it or intersecting it costs, in POLICY_WORK_LIMIT's unit. */
export function boxSize(b: Box): number {
  return 1 + b.la.length + b.ra.length + b.lp.length + b.rp.length + nameSetSize(b.job) + nameSetSize(b.user);
}

/**
 * The work of one analysis or one comparison, against POLICY_WORK_LIMIT: boxes tested and cut,
 * counted by the caller, and the atoms the name-set operations have read since it began.
 */
export class WorkMeter {
  private units = 0;
  private readonly namesAtStart = nameSetWork();

  /** Counts a test of two boxes and, when they meet, cutting one by the other (`sizes`: both boxSize). */
  count(meet: boolean, sizes: number): void {
    this.units += meet ? TEST_COST + CUT_COST + sizes : TEST_COST;
  }

  /** Whether the work has passed POLICY_WORK_LIMIT. */
  exhausted(): boolean {
    return this.units + nameSetWork() - this.namesAtStart > POLICY_WORK_LIMIT;
  }
}

const cache = new WeakMap<PolicyModel, PolicyAnalysis>();
const NO_TAKERS: readonly Taker[] = Object.freeze([]) as readonly Taker[];

/** The analysis of a model, computed once per model. */
export function analysePolicy(model: PolicyModel): PolicyAnalysis {
  let a = cache.get(model);
  if (!a) {
    a = analyseCompiled(compilePolicy(model));
    cache.set(model, a);
  }
  return a;
}

function neverReason(r: CompiledRule): string {
  const fams = (s: { v4: IntervalSet; v6: IntervalSet } | undefined): string => (!s ? 'any' : s.v4.length && s.v6.length ? 'both' : s.v4.length ? 'IPv4' : s.v6.length ? 'IPv6' : 'none');
  const l = fams(r.localAddr);
  const rr = fams(r.remoteAddr);
  if ((l === 'IPv4' && rr === 'IPv6') || (l === 'IPv6' && rr === 'IPv4')) {
    return `its local addresses are ${l} only and its remote addresses ${rr} only, but both ends of a connection have the same address family`;
  }
  return 'its conditions admit no connection';
}

export function analyseCompiled(policy: CompiledPolicy, index: RuleIndex = new RuleIndex(policy)): PolicyAnalysis {
  const t0 = performance.now();
  const rules = policy.rules;
  const boxes = rules.map(ruleBoxes);
  let candidatePairs = 0;
  let boxOperations = 0;
  let maxFragments = 0;
  let undecidedCount = 0;
  const sizes = boxes.map((list) => list.map(boxSize));
  const meter = new WorkMeter();
  let stoppedAt: CompiledRule | undefined;
  const out: RuleAnalysis[] = [];
  for (const b of rules) {
    if (b.broken.length > 0) {
      out.push({ rule: b, status: 'broken', takers: [] });
      continue;
    }
    const own = boxes[b.index]!;
    if (own.length === 0) {
      out.push({ rule: b, status: 'never', takers: [], reason: neverReason(b) });
      continue;
    }
    if (stoppedAt) {
      undecidedCount++;
      out.push({ rule: b, status: 'undecided', takers: NO_TAKERS });
      continue;
    }
    const takers = new Map<number, Taker>();
    const left: Box[] = [];
    let undecided = false;
    let work = 0;
    for (const box of own) {
      let remaining: Box[] = [box];
      const cands = index.candidates(boxQuery(box), b.index);
      candidatePairs += cands.length;
      for (const ci of cands) {
        const a = rules[ci]!;
        const abSizes = sizes[ci]!;
        for (const [k, ab] of boxes[ci]!.entries()) {
          if (ab.fam !== box.fam) continue;
          let example: Connection | undefined;
          const next: Box[] = [];
          for (const r of remaining) {
            work++;
            const meet = boxesIntersect(r, ab);
            meter.count(meet, meet ? boxSize(r) + abSizes[k]! : 0);
            if (!meet) {
              next.push(r);
              continue;
            }
            if (a.time) {
              if (!example) {
                const inter = intersectBox(r, ab);
                if (inter) example = sampleConnection(inter);
              }
              next.push(r);
              continue;
            }
            const split = splitBox(r, ab);
            example ??= sampleConnection(split.inside);
            for (const piece of split.rest) next.push(piece);
          }
          remaining = next;
          if (example && !takers.has(ci)) takers.set(ci, { rule: a, example, timeLimited: !!a.time });
          if (remaining.length > maxFragments) maxFragments = remaining.length;
          if (remaining.length > FRAGMENT_LIMIT || work > WORK_LIMIT) {
            undecided = true;
            break;
          }
          if (meter.exhausted()) {
            stoppedAt = b;
            undecided = true;
            break;
          }
        }
        if (undecided || remaining.length === 0) break;
      }
      boxOperations += work;
      if (undecided) break;
      left.push(...remaining);
    }
    const list = takers.size === 0 ? NO_TAKERS : [...takers.entries()].sort((x, y) => x[0] - y[0]).map((x) => x[1]);
    if (undecided) {
      undecidedCount++;
      out.push({ rule: b, status: 'undecided', takers: list });
    } else if (left.length === 0) out.push({ rule: b, status: 'shadowed', takers: list });
    else {
      // Made when asked for: lint never reads witnesses, and there is one per reachable rule.
      const box = left[0]!;
      out.push({
        rule: b,
        status: 'reachable',
        takers: list,
        get witness(): Connection {
          return sampleConnection(box);
        },
      });
    }
  }
  return {
    // The index is not kept: the analysis is cached for as long as the model lives (an editor
    // keeps models of open files), and the index's bit sets are its largest part.
    policy,
    rules: out,
    stats: { rules: rules.length, candidatePairs, boxOperations, maxFragments, undecided: undecidedCount, ms: performance.now() - t0 },
    ...(stoppedAt ? { stoppedAt } : {}),
  };
}

// --- findings -----------------------------------------------------------------------------------

/** What a rule does to its connections, to tell whether two rules treat them differently. */
export function outcomeKey(r: CompiledRule): string {
  if (r.enabled === false) return 'clear';
  // By the names referenced, so that a policy whose actions are not defined (a fragment, or
  // a file of rules only) still tells different actions apart.
  const s = r.statement;
  return ['TTLSGroupActionRef', 'TTLSEnvironmentActionRef', 'TTLSConnectionActionRef'].map((k) => s.value(k) ?? '-').join('|');
}

/** "not secured (TTLSEnabled Off in gClear)" or "secured with gSecure / eTN3270Server / cFTP". */
export function outcomeText(r: CompiledRule): string {
  if (r.enabled === false) return `not secured (TTLSEnabled Off in ${r.group?.name ?? '?'})`;
  const s = r.statement;
  const parts = ['TTLSGroupActionRef', 'TTLSEnvironmentActionRef', 'TTLSConnectionActionRef'].map((k) => s.value(k)).filter((x): x is string => !!x);
  return `${r.enabled ? 'secured' : 'handled'} with ${parts.join(' / ') || 'no actions'}`;
}

export const samePriority = (a: CompiledRule, b: CompiledRule): boolean => a.priority === b.priority;

/** "priority 200", or "priority 1 (not coded)" for a rule that codes none. */
export function priorityText(r: CompiledRule): string {
  return r.coded === undefined ? `priority ${r.priority} (not coded)` : `priority ${r.priority}`;
}

/** Whether ASCII name order would reverse the EBCDIC order of two names. */
export function asciiDisagrees(first: string, second: string): boolean {
  return Math.sign(compareEbcdic(first, second)) !== Math.sign(compareAscii(first, second));
}

/** The connection's attributes that either rule constrains, in words. */
export function describeExample(c: Connection, ...rules: CompiledRule[]): string {
  const parts: string[] = [c.direction];
  const any = (f: (r: CompiledRule) => unknown): boolean => rules.some((r) => f(r) !== undefined);
  if (any((r) => r.localAddr) && c.localAddr) parts.push(`local ${formatAddress(c.localAddr.family, c.localAddr.value)}`);
  if (any((r) => r.localPort) && c.localPort !== undefined) parts.push(`local port ${c.localPort}`);
  if (any((r) => r.remoteAddr) && c.remoteAddr) parts.push(`remote ${formatAddress(c.remoteAddr.family, c.remoteAddr.value)}`);
  if (any((r) => r.remotePort) && c.remotePort !== undefined) parts.push(`remote port ${c.remotePort}`);
  if (any((r) => r.jobname) && c.jobname) parts.push(`job ${c.jobname}`);
  if (any((r) => r.userid) && c.userid) parts.push(`user ${c.userid}`);
  return parts.join(', ');
}
