// An index over the compiled rules, for batch matching and for the shadow analysis.
//
// Rules are numbered in evaluation order, so a set of rules is a bit set and its lowest set bit is
// the rule tried first. For every dimension (local/remote port, local/remote address per family)
// the index keeps each rule's bounds [lo, hi] (a whole group's lowest and highest value) and, for
// the rules sorted by lo and by hi, the prefix bit sets "rules with the k smallest lo" and "rules
// with the k largest hi". Rules whose bounds meet [a, b] are then one binary search and one AND per
// side: O(log n + n/32) per dimension, whatever the query. Direction and the first character of
// the job name and user ID pattern are plain bit sets.
//
// A candidate set is a superset of the rules that match (bounds ignore holes in groups), so each
// candidate is still checked exactly, in evaluation order; the first that matches is the answer.
// The property test in test/evaluate checks that this always agrees with the plain scan.
import { type CompiledPolicy, type CompiledRule, DIR_INBOUND, DIR_OUTBOUND, PORT_MAX, PORT_MIN, V4_MAX, V6_MAX } from './compile.js';
import type { Connection } from './connection.js';
import type { IntervalSet } from './intervals.js';
import { ruleMatches } from './match.js';
import type { NameSet } from './names.js';

/** Bounds per rule in one dimension: undefined when the rule admits no value there (wrong family). */
type Bounds = { lo: bigint; hi: bigint } | undefined;

class BoundsDimension {
  private readonly loSorted: bigint[];
  private readonly hiSortedDesc: bigint[];
  /** Row k (k = 0..n): bit set of the rules with the k smallest lo. */
  private readonly byLo: Uint32Array;
  /** Row k: bit set of the rules with the k largest hi. */
  private readonly byHi: Uint32Array;

  constructor(
    bounds: readonly Bounds[],
    private readonly words: number,
  ) {
    const present = bounds.map((b, i) => ({ b, i })).filter((x): x is { b: { lo: bigint; hi: bigint }; i: number } => x.b !== undefined);
    const byLo = [...present].sort((x, y) => (x.b.lo < y.b.lo ? -1 : x.b.lo > y.b.lo ? 1 : 0));
    const byHi = [...present].sort((x, y) => (x.b.hi > y.b.hi ? -1 : x.b.hi < y.b.hi ? 1 : 0));
    this.loSorted = byLo.map((x) => x.b.lo);
    this.hiSortedDesc = byHi.map((x) => x.b.hi);
    this.byLo = prefixRows(byLo.map((x) => x.i), words);
    this.byHi = prefixRows(byHi.map((x) => x.i), words);
  }

  /** Offsets of the two rows whose AND is the set of rules with lo <= b and hi >= a. */
  rows(a: bigint, b: bigint): [Uint32Array, Uint32Array] {
    const k1 = countWhile(this.loSorted, (v) => v <= b);
    const k2 = countWhile(this.hiSortedDesc, (v) => v >= a);
    const w = this.words;
    return [this.byLo.subarray(k1 * w, k1 * w + w), this.byHi.subarray(k2 * w, k2 * w + w)];
  }
}

/** Number of leading elements of a sorted list for which `ok` holds (binary search). */
function countWhile<T>(list: readonly T[], ok: (v: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function prefixRows(order: readonly number[], words: number): Uint32Array {
  const rows = new Uint32Array((order.length + 1) * words);
  for (let k = 1; k <= order.length; k++) {
    rows.copyWithin(k * words, (k - 1) * words, k * words);
    const i = order[k - 1]!;
    rows[k * words + (i >>> 5)]! |= 1 << (i & 31);
  }
  return rows;
}

function boundsOf(set: IntervalSet | undefined, min: bigint, max: bigint): Bounds {
  if (set === undefined) return { lo: min, hi: max };
  if (set.length === 0) return undefined;
  return { lo: set[0]!.lo, hi: set[set.length - 1]!.hi };
}

/** A query box for candidates: bounds per dimension (undefined = unconstrained). */
export interface BoxQuery {
  readonly family: 4 | 6 | undefined;
  readonly direction: number;
  readonly localAddr?: { lo: bigint; hi: bigint };
  readonly remoteAddr?: { lo: bigint; hi: bigint };
  readonly localPort?: { lo: bigint; hi: bigint };
  readonly remotePort?: { lo: bigint; hi: bigint };
  /** First characters the job name can start with; undefined = any. */
  readonly jobFirst?: readonly string[];
  readonly userFirst?: readonly string[];
}

class FirstCharDimension {
  /** Rules whose pattern admits names starting with any character. */
  private readonly any: Uint32Array;
  private readonly byChar = new Map<string, Uint32Array>();

  constructor(
    sets: readonly (NameSet | undefined)[],
    private readonly words: number,
  ) {
    this.any = new Uint32Array(words);
    // `any` is complete before the per-character rows copy it.
    const specific: [number, string][] = [];
    sets.forEach((s, i) => {
      const firsts = firstChars(s);
      if (firsts === undefined) this.any[i >>> 5]! |= 1 << (i & 31);
      else for (const c of firsts) specific.push([i, c]);
    });
    for (const [i, c] of specific) {
      let row = this.byChar.get(c);
      if (!row) this.byChar.set(c, (row = Uint32Array.from(this.any)));
      row[i >>> 5]! |= 1 << (i & 31);
    }
  }

  row(c: string): Uint32Array {
    return this.byChar.get(c) ?? this.any;
  }

  /** OR of the rows for several first characters (a fresh array). */
  rowsFor(chars: readonly string[]): Uint32Array {
    const out = Uint32Array.from(this.any);
    for (const c of chars) {
      const r = this.byChar.get(c);
      if (r) for (let w = 0; w < this.words; w++) out[w]! |= r[w]!;
    }
    return out;
  }
}

/** First characters of the names in a set; undefined when it includes a bare `*` (any start). */
export function firstChars(s: NameSet | undefined): string[] | undefined {
  if (s === undefined) return undefined;
  const out = new Set<string>();
  for (const t of s) {
    if (t.kind === 'name') out.add(t.name[0]!);
    else if (t.prefix === '') return undefined;
    else out.add(t.prefix[0]!);
  }
  return [...out];
}

export class RuleIndex {
  readonly words: number;
  private readonly alive: Uint32Array;
  private readonly inbound: Uint32Array;
  private readonly outbound: Uint32Array;
  private readonly localPort: BoundsDimension;
  private readonly remotePort: BoundsDimension;
  private readonly local4: BoundsDimension;
  private readonly remote4: BoundsDimension;
  private readonly local6: BoundsDimension;
  private readonly remote6: BoundsDimension;
  private readonly job: FirstCharDimension;
  private readonly user: FirstCharDimension;

  constructor(readonly policy: CompiledPolicy) {
    const rules = policy.rules;
    const n = rules.length;
    const words = (this.words = Math.max(1, Math.ceil(n / 32)));
    this.alive = new Uint32Array(words);
    this.inbound = new Uint32Array(words);
    this.outbound = new Uint32Array(words);
    rules.forEach((r, i) => {
      if (r.broken.length > 0) return;
      const bit = 1 << (i & 31);
      this.alive[i >>> 5]! |= bit;
      if (r.direction & DIR_INBOUND) this.inbound[i >>> 5]! |= bit;
      if (r.direction & DIR_OUTBOUND) this.outbound[i >>> 5]! |= bit;
    });
    this.localPort = new BoundsDimension(rules.map((r) => boundsOf(r.localPort?.ports, PORT_MIN, PORT_MAX)), words);
    this.remotePort = new BoundsDimension(rules.map((r) => boundsOf(r.remotePort?.ports, PORT_MIN, PORT_MAX)), words);
    this.local4 = new BoundsDimension(rules.map((r) => boundsOf(r.localAddr?.v4, 0n, V4_MAX)), words);
    this.remote4 = new BoundsDimension(rules.map((r) => boundsOf(r.remoteAddr?.v4, 0n, V4_MAX)), words);
    this.local6 = new BoundsDimension(rules.map((r) => boundsOf(r.localAddr?.v6, 0n, V6_MAX)), words);
    this.remote6 = new BoundsDimension(rules.map((r) => boundsOf(r.remoteAddr?.v6, 0n, V6_MAX)), words);
    this.job = new FirstCharDimension(rules.map((r) => r.jobname?.set), words);
    this.user = new FirstCharDimension(rules.map((r) => r.userid?.set), words);
  }

  /** The first rule that matches, exactly as the plain scan would find it. */
  match(c: Connection): CompiledRule | undefined {
    const rows: Uint32Array[] = [this.alive, c.direction === 'inbound' ? this.inbound : this.outbound];
    if (c.localPort !== undefined) rows.push(...this.localPort.rows(BigInt(c.localPort), BigInt(c.localPort)));
    if (c.remotePort !== undefined) rows.push(...this.remotePort.rows(BigInt(c.remotePort), BigInt(c.remotePort)));
    if (c.localAddr) rows.push(...(c.localAddr.family === 4 ? this.local4 : this.local6).rows(c.localAddr.value, c.localAddr.value));
    if (c.remoteAddr) rows.push(...(c.remoteAddr.family === 4 ? this.remote4 : this.remote6).rows(c.remoteAddr.value, c.remoteAddr.value));
    if (c.jobname !== undefined) rows.push(this.job.row(c.jobname[0]!));
    if (c.userid !== undefined) rows.push(this.user.row(c.userid[0]!));
    const rules = this.policy.rules;
    const k = rows.length;
    for (let w = 0; w < this.words; w++) {
      let bits = rows[0]![w]!;
      for (let j = 1; j < k && bits !== 0; j++) bits &= rows[j]![w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const i = (w << 5) + (31 - Math.clz32(low));
        const rule = rules[i]!;
        if (ruleMatches(rule, c)) return rule;
        bits ^= low;
      }
    }
    return undefined;
  }

  /**
   * Rules before position `before` whose bounds meet a box, in evaluation order. Used by the
   * shadow analysis to compare a rule only with rules that can intersect it.
   */
  candidates(q: BoxQuery, before: number): number[] {
    const rows: Uint32Array[] = [this.alive];
    if (q.direction === DIR_INBOUND) rows.push(this.inbound);
    else if (q.direction === DIR_OUTBOUND) rows.push(this.outbound);
    if (q.localPort) rows.push(...this.localPort.rows(q.localPort.lo, q.localPort.hi));
    if (q.remotePort) rows.push(...this.remotePort.rows(q.remotePort.lo, q.remotePort.hi));
    if (q.family !== undefined) {
      const la = q.localAddr ?? { lo: 0n, hi: q.family === 4 ? V4_MAX : V6_MAX };
      const ra = q.remoteAddr ?? { lo: 0n, hi: q.family === 4 ? V4_MAX : V6_MAX };
      rows.push(...(q.family === 4 ? this.local4 : this.local6).rows(la.lo, la.hi));
      rows.push(...(q.family === 4 ? this.remote4 : this.remote6).rows(ra.lo, ra.hi));
    }
    if (q.jobFirst) rows.push(this.job.rowsFor(q.jobFirst));
    if (q.userFirst) rows.push(this.user.rowsFor(q.userFirst));
    const out: number[] = [];
    const lastWord = Math.min(this.words, Math.ceil(before / 32));
    for (let w = 0; w < lastWord; w++) {
      let bits = rows[0]![w]!;
      for (let j = 1; j < rows.length && bits !== 0; j++) bits &= rows[j]![w]!;
      if (w === lastWord - 1 && before % 32 !== 0) bits &= (1 << (before % 32)) - 1;
      while (bits !== 0) {
        const low = bits & -bits;
        out.push((w << 5) + (31 - Math.clz32(low)));
        bits ^= low;
      }
    }
    return out;
  }
}
