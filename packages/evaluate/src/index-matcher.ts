// An index over the compiled rules, for batch matching and for the shadow analysis.
//
// Rules are numbered in evaluation order, so a set of rules is a bit set and its lowest set bit is
// the rule tried first. For every dimension (local/remote port, local/remote address per family)
// the index keeps each rule's bounds [lo, hi] (a whole group's lowest and highest value) and, for
// the rules sorted by lo and by hi, prefix bit sets "rules with the k smallest lo" and "rules with
// the k largest hi" (every step-th of them; see BoundsDimension). Rules whose bounds meet [a, b]
// are then one binary search and one AND per side: O(log n + n/32) per dimension, whatever the query. Direction and the first character of
// the job name and user ID pattern are plain bit sets.
//
// A candidate set is a superset of the rules that match (bounds ignore holes in groups), so each
// candidate is still checked exactly, in evaluation order; the first that matches is the answer.
// The property test in test/evaluate checks that this always agrees with the plain scan.
import { lastAtOrBelow } from '@attls/language';
import { type CompiledPolicy, type CompiledRule, DIR_INBOUND, DIR_OUTBOUND, PORT_MAX, PORT_MIN, V4_MAX, V6_MAX } from './compile.js';
import type { Connection } from './connection.js';
import type { IntervalSet } from './intervals.js';
import { ruleMatches } from './match.js';
import type { NameSet } from './names.js';

/** Bounds per rule in one dimension: undefined when the rule admits no value there (wrong family). */
type Bounds = { lo: bigint; hi: bigint } | undefined;

/**
 * One dimension. Values are numbers when they fit (ports, IPv4), bigints otherwise (IPv6); a
 * query fills two bit sets whose AND is the set of rules with lo <= b and hi >= a.
 *
 * The rules sorted by lo (and by hi) make a query a prefix of that order. Keeping the bit set of
 * every prefix would be O(n^2) bits per dimension (96 MB for 8,000 rules over the twelve
 * dimensions, gigabytes for 50,000), so only every `step`-th prefix is kept, with `step` chosen
 * so that there are at most about 64 of them: memory O(n) words per dimension, and a query
 * copies the nearest kept prefix and adds the few rules after it (O(n/32 + step), as an AND over
 * the bit sets costs anyway).
 */
class BoundsDimension {
  private readonly loSorted: Float64Array | bigint[];
  private readonly hiSortedDesc: Float64Array | bigint[];
  /** Rule numbers in lo order and in descending hi order. */
  private readonly loOrder: Int32Array;
  private readonly hiOrder: Int32Array;
  /** Every `step`-th prefix of each order as a bit set, one after the other. */
  private readonly loRows: Uint32Array;
  private readonly hiRows: Uint32Array;
  private readonly step: number;
  /** The bit sets of the last query, overwritten by the next. */
  private readonly loSet: Uint32Array;
  private readonly hiSet: Uint32Array;

  constructor(
    bounds: readonly Bounds[],
    private readonly words: number,
    private readonly numeric: boolean,
  ) {
    // Rule numbers with bounds, sorted (stably, so ties stay in rule order) by lo and by hi. Numeric
    // dimensions sort on numbers: comparing bigints in a sort callback cost 10 ms per 2,000 rules.
    const present: number[] = [];
    for (let i = 0; i < bounds.length; i++) if (bounds[i] !== undefined) present.push(i);
    if (numeric) {
      const lo = new Float64Array(bounds.length);
      const hi = new Float64Array(bounds.length);
      for (const i of present) {
        lo[i] = Number(bounds[i]!.lo);
        hi[i] = Number(bounds[i]!.hi);
      }
      const byLo = present.slice().sort((x, y) => lo[x]! - lo[y]!);
      const byHi = present.slice().sort((x, y) => hi[y]! - hi[x]!);
      this.loSorted = Float64Array.from(byLo, (i) => lo[i]!);
      this.hiSortedDesc = Float64Array.from(byHi, (i) => hi[i]!);
      this.loOrder = Int32Array.from(byLo);
      this.hiOrder = Int32Array.from(byHi);
    } else {
      const byLo = present.slice().sort((x, y) => (bounds[x]!.lo < bounds[y]!.lo ? -1 : bounds[x]!.lo > bounds[y]!.lo ? 1 : 0));
      const byHi = present.slice().sort((x, y) => (bounds[x]!.hi > bounds[y]!.hi ? -1 : bounds[x]!.hi < bounds[y]!.hi ? 1 : 0));
      this.loSorted = byLo.map((i) => bounds[i]!.lo);
      this.hiSortedDesc = byHi.map((i) => bounds[i]!.hi);
      this.loOrder = Int32Array.from(byLo);
      this.hiOrder = Int32Array.from(byHi);
    }
    this.step = Math.max(32, Math.ceil(present.length / 64));
    this.loRows = prefixRows(this.loOrder, words, this.step);
    this.hiRows = prefixRows(this.hiOrder, words, this.step);
    this.loSet = new Uint32Array(words);
    this.hiSet = new Uint32Array(words);
  }

  /**
   * The rules with lo <= b, as a bit set that the next query overwrites. With `before`, only the
   * rules numbered below it are filled in (words past it are left as they were): the shadow
   * analysis asks about earlier rules only, which halves its work on a large policy.
   */
  lo(b: number | bigint, before = Infinity): Uint32Array {
    const list = this.loSorted;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! <= b) lo = mid + 1;
      else hi = mid;
    }
    return this.prefix(this.loRows, this.loOrder, lo, this.loSet, before);
  }

  /** The rules with hi >= a, as a bit set that the next query overwrites (`before` as for lo). */
  hi(a: number | bigint, before = Infinity): Uint32Array {
    const list = this.hiSortedDesc;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! >= a) lo = mid + 1;
      else hi = mid;
    }
    return this.prefix(this.hiRows, this.hiOrder, lo, this.hiSet, before);
  }

  /** The first `k` rules of an order as a bit set: the kept prefix before them, and the rest. */
  private prefix(rows: Uint32Array, order: Int32Array, k: number, into: Uint32Array, before: number): Uint32Array {
    const kept = Math.floor(k / this.step);
    // A loop rather than set(subarray()): no view object per query (a batch makes 400,000 of them).
    const base = kept * this.words;
    const words = Math.min(this.words, Math.ceil(before / 32));
    for (let w = 0; w < words; w++) into[w] = rows[base + w]!;
    for (let t = kept * this.step; t < k; t++) {
      const i = order[t]!;
      if (i < before) into[i >>> 5]! |= 1 << (i & 31);
    }
    return into;
  }

  /**
   * Adds the two bound sets of a point to a query (A, O from position k) and returns the new k:
   * their AND is the rules whose bounds hold it, a superset that ruleMatches checks exactly.
   */
  pushBounds(A: Uint32Array[], O: number[], k: number, v: number | bigint): number {
    A[k] = this.lo(v);
    O[k++] = 0;
    A[k] = this.hi(v);
    O[k++] = 0;
    return k;
  }

  /** Converts a bound to the dimension's number type. */
  value(v: bigint): number | bigint {
    return this.numeric ? Number(v) : v;
  }
}

/** Largest exact port table, in 32-bit words (32 MB). */
const EXACT_PORT_WORDS = 8 * 1024 * 1024;

/**
 * A port dimension that can also answer a point exactly: the ports are cut into elementary
 * intervals at every rule's interval ends, and each interval gets the bit set of the rules whose
 * port set (holes included) contains it. One row per port instead of two, and a sparse one.
 */
class PortDimension extends BoundsDimension {
  private buckets: Uint32Array | undefined;
  private bucketOf: Uint16Array | undefined;
  /**
   * For each direction (0 inbound, 1 outbound) and elementary interval, which words of its row hold
   * a rule of that direction: a bit per word, `maskWords` numbers per interval. A connection's two
   * port rows then tell which few words of the rule set can hold its rule, and only those are read.
   */
  masks: [Uint32Array, Uint32Array] | undefined;
  readonly maskWords: number;
  /**
   * False when the exact table would be too large (one bit set per elementary interval: up to
   * 65,536 of them times n/32 words, 400 MB for 50,000 rules); queries then use the bounds, a
   * superset that ruleMatches checks exactly.
   */
  exact = true;

  constructor(
    bounds: readonly Bounds[],
    private readonly sets: readonly (IntervalSet | undefined)[],
    private readonly w: number,
    private readonly maxWords: number,
    private readonly directions: readonly [Uint32Array, Uint32Array],
  ) {
    super(bounds, w, true);
    this.maskWords = Math.ceil(w / 32);
  }

  /** Where the word mask of a port starts in `masks[direction]` (once built). */
  maskOf(port: number): number {
    return this.bucketOf![port]! * this.maskWords;
  }

  /** Built on first use: batch matching needs it, the shadow analysis does not. */
  private build(): void {
    const starts = cutsOf(this.sets, 65535);
    if (starts.length * this.w > this.maxWords) {
      this.exact = false;
      return;
    }
    const bucketOf = new Uint16Array(65536);
    for (let b = 0; b < starts.length; b++) bucketOf.fill(b, starts[b]!, starts[b + 1] ?? 65536);
    const w = this.w;
    const rows = elementaryRows(this.sets, starts, w, (lo) => bucketOf[lo]!);
    this.buckets = rows;
    this.bucketOf = bucketOf;
    const mw = this.maskWords;
    this.masks = this.directions.map((dir) => {
      const mask = new Uint32Array(starts.length * mw);
      for (let b = 0; b < starts.length; b++) {
        for (let x = 0; x < w; x++) if ((rows[b * w + x]! & dir[x]!) !== 0) mask[b * mw + (x >>> 5)]! |= 1 << (x & 31);
      }
      return mask;
    }) as [Uint32Array, Uint32Array];
  }

  /**
   * Adds the bit sets for one port to a query (A, O from position k), and returns the new k: the
   * exact row of its elementary interval, or the two bound sets when there is no exact table.
   */
  push(A: Uint32Array[], O: number[], k: number, port: number): number {
    if (!this.buckets && this.exact) this.build();
    if (!this.buckets) return this.pushBounds(A, O, k, port);
    A[k] = this.buckets;
    O[k++] = this.bucketOf![port]! * this.w;
    return k;
  }
}

/** Largest exact address table, in 32-bit words (32 MB). */
const EXACT_ADDRESS_WORDS = 8 * 1024 * 1024;

/**
 * An IPv4 address dimension that can also answer a point exactly, as PortDimension does for
 * ports: the addresses are cut at every rule's interval ends, and each elementary interval gets the
 * bit set of the rules whose address set (gaps of a group included) contains it. A connection's
 * address is then one binary search and one row, instead of two prefix sets to copy.
 */
class AddressDimension extends BoundsDimension {
  private rows: Uint32Array | undefined;
  private starts: Float64Array | undefined;
  /** False when the exact table would be too large; queries then use the bounds. */
  exact = true;

  constructor(
    bounds: readonly Bounds[],
    private readonly sets: readonly (IntervalSet | undefined)[],
    private readonly w: number,
  ) {
    super(bounds, w, true);
  }

  /** Built on first use: batch matching needs it, the shadow analysis does not. */
  private build(): void {
    const starts = Float64Array.from(cutsOf(this.sets, 0xffffffff));
    if (starts.length * this.w > EXACT_ADDRESS_WORDS) {
      this.exact = false;
      return;
    }
    const rows = elementaryRows(this.sets, starts, this.w, (lo) => lastAtOrBelow(starts, lo));
    this.rows = rows;
    this.starts = starts;
  }

  /** Adds the bit sets for one address to a query (A, O from position k); returns the new k. */
  push(A: Uint32Array[], O: number[], k: number, address: number): number {
    if (!this.rows && this.exact) this.build();
    if (!this.rows) return this.pushBounds(A, O, k, address);
    A[k] = this.rows;
    O[k++] = lastAtOrBelow(this.starts!, address) * this.w;
    return k;
  }
}

/** The starts of the elementary intervals that the rules' interval ends cut [0, max] into, sorted. */
function cutsOf(sets: readonly (IntervalSet | undefined)[], max: number): number[] {
  const cuts = new Set<number>([0]);
  for (const s of sets) for (const i of s ?? []) cuts.add(Number(i.lo)).add(Number(i.hi) + 1);
  return [...cuts].filter((c) => c <= max).sort((a, b) => a - b);
}

/**
 * One row of w words per elementary interval: the rules whose set contains it. A rule without a
 * condition (undefined) is in every row; one with an empty set (no value of this family) in none.
 * `first` gives the interval that holds a value.
 */
function elementaryRows(sets: readonly (IntervalSet | undefined)[], starts: ArrayLike<number>, w: number, first: (value: number) => number): Uint32Array {
  const rows = new Uint32Array(starts.length * w);
  const any = new Uint32Array(w);
  sets.forEach((s, r) => {
    if (s === undefined) any[r >>> 5]! |= 1 << (r & 31);
  });
  for (let b = 0; b < starts.length; b++) rows.set(any, b * w);
  sets.forEach((s, r) => {
    for (const i of s ?? []) {
      const hi = Number(i.hi);
      for (let b = first(Number(i.lo)); b < starts.length && starts[b]! <= hi; b++) rows[b * w + (r >>> 5)]! |= 1 << (r & 31);
    }
  });
  return rows;
}

const ALL_V4 = { lo: 0n, hi: V4_MAX };
const ALL_V6 = { lo: 0n, hi: V6_MAX };

/** Row c (c = 0, 1, ...): the bit set of the first c * step rules of an order. */
function prefixRows(order: Int32Array, words: number, step: number): Uint32Array {
  const count = Math.floor(order.length / step) + 1;
  const rows = new Uint32Array(count * words);
  for (let c = 1; c < count; c++) {
    rows.copyWithin(c * words, (c - 1) * words, c * words);
    for (let t = (c - 1) * step; t < c * step; t++) {
      const i = order[t]!;
      rows[c * words + (i >>> 5)]! |= 1 << (i & 31);
    }
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

  /** OR of the rows for several first characters (a fresh array, or `into` overwritten). */
  rowsFor(chars: readonly string[], into?: Uint32Array): Uint32Array {
    const out = into ?? new Uint32Array(this.words);
    out.set(this.any);
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
  private readonly localPort: PortDimension;
  private readonly remotePort: PortDimension;
  private readonly local4: AddressDimension;
  private readonly remote4: AddressDimension;
  private readonly local6: BoundsDimension;
  private readonly remote6: BoundsDimension;
  private readonly job: FirstCharDimension;
  private readonly user: FirstCharDimension;
  /** Scratch lists of (rows, offset) reused by match(), so a query allocates nothing. */
  private readonly arrays: Uint32Array[] = [];
  private readonly offsets: number[] = [];
  private jobScratch: Uint32Array | undefined;
  private userScratch: Uint32Array | undefined;

  /** `exactPortWords`: size limit of the exact port tables (tests set 0 to use the bounds path). */
  constructor(
    readonly policy: CompiledPolicy,
    options: { readonly exactPortWords?: number } = {},
  ) {
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
    const directions: [Uint32Array, Uint32Array] = [this.inbound, this.outbound];
    this.localPort = new PortDimension(rules.map((r) => boundsOf(r.localPort?.ports, PORT_MIN, PORT_MAX)), rules.map((r) => r.localPort?.ports), words, options.exactPortWords ?? EXACT_PORT_WORDS, directions);
    this.remotePort = new PortDimension(rules.map((r) => boundsOf(r.remotePort?.ports, PORT_MIN, PORT_MAX)), rules.map((r) => r.remotePort?.ports), words, options.exactPortWords ?? EXACT_PORT_WORDS, directions);
    this.local4 = new AddressDimension(rules.map((r) => boundsOf(r.localAddr?.v4, 0n, V4_MAX)), rules.map((r) => r.localAddr?.v4), words);
    this.remote4 = new AddressDimension(rules.map((r) => boundsOf(r.remoteAddr?.v4, 0n, V4_MAX)), rules.map((r) => r.remoteAddr?.v4), words);
    this.local6 = new BoundsDimension(rules.map((r) => boundsOf(r.localAddr?.v6, 0n, V6_MAX)), words, false);
    this.remote6 = new BoundsDimension(rules.map((r) => boundsOf(r.remoteAddr?.v6, 0n, V6_MAX)), words, false);
    this.job = new FirstCharDimension(rules.map((r) => r.jobname?.set), words);
    this.user = new FirstCharDimension(rules.map((r) => r.userid?.set), words);
  }

  /** The first rule that matches, exactly as the plain scan would find it. */
  match(c: Connection): CompiledRule | undefined {
    const A = this.arrays;
    const O = this.offsets;
    let k = 0;
    // Sparse rows first, so that the AND of a word is usually zero after one or two reads.
    if (c.localPort !== undefined) k = this.localPort.push(A, O, k, c.localPort);
    if (c.remotePort !== undefined) k = this.remotePort.push(A, O, k, c.remotePort);
    A[k] = c.direction === 'inbound' ? this.inbound : this.outbound;
    O[k++] = 0;
    A[k] = this.alive;
    O[k++] = 0;
    const la = c.localAddr;
    if (la) {
      if (la.family === 4) k = this.local4.push(A, O, k, Number(la.value));
      else k = this.local6.pushBounds(A, O, k, this.local6.value(la.value));
    }
    const ra = c.remoteAddr;
    if (ra) {
      if (ra.family === 4) k = this.remote4.push(A, O, k, Number(ra.value));
      else k = this.remote6.pushBounds(A, O, k, this.remote6.value(ra.value));
    }
    if (c.jobname !== undefined) {
      A[k] = this.job.row(c.jobname[0]!);
      O[k++] = 0;
    }
    if (c.userid !== undefined) {
      A[k] = this.user.row(c.userid[0]!);
      O[k++] = 0;
    }
    // With exact port tables, the words that can hold the rule are those where both port rows
    // have a rule of the connection's direction; the others are not read at all.
    const d = c.direction === 'inbound' ? 0 : 1;
    const lp = c.localPort !== undefined ? this.localPort.masks?.[d] : undefined;
    const rp = c.remotePort !== undefined ? this.remotePort.masks?.[d] : undefined;
    if (lp === undefined && rp === undefined) {
      for (let w = 0; w < this.words; w++) {
        const rule = this.inWord(w, k, c);
        if (rule) return rule;
      }
      return undefined;
    }
    const lo = lp ? this.localPort.maskOf(c.localPort!) : 0;
    const ro = rp ? this.remotePort.maskOf(c.remotePort!) : 0;
    for (let m = 0; m < this.localPort.maskWords; m++) {
      let words = (lp ? lp[lo + m]! : ~0) & (rp ? rp[ro + m]! : ~0);
      while (words !== 0) {
        const low = words & -words;
        const w = (m << 5) + (31 - Math.clz32(low));
        if (w >= this.words) break;
        const rule = this.inWord(w, k, c);
        if (rule) return rule;
        words ^= low;
      }
    }
    return undefined;
  }

  /** The first rule of word w of the query rows (A, O, k) that matches, in evaluation order. */
  private inWord(w: number, k: number, c: Connection): CompiledRule | undefined {
    const A = this.arrays;
    const O = this.offsets;
    let bits = A[0]![O[0]! + w]!;
    for (let j = 1; j < k && bits !== 0; j++) bits &= A[j]![O[j]! + w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      const rule = this.policy.rules[(w << 5) + (31 - Math.clz32(low))]!;
      if (ruleMatches(rule, c)) return rule;
      bits ^= low;
    }
    return undefined;
  }

  /**
   * Rules before position `before` whose bounds meet a box, in evaluation order. Used by the
   * shadow analysis to compare a rule only with rules that can intersect it.
   */
  candidates(q: BoxQuery, before: number): number[] {
    // The same scratch lists as match(): the analysis asks once per rule.
    const A = this.arrays;
    const O = this.offsets;
    let k = 0;
    A[k] = this.alive;
    O[k++] = 0;
    if (q.direction === DIR_INBOUND || q.direction === DIR_OUTBOUND) {
      A[k] = q.direction === DIR_INBOUND ? this.inbound : this.outbound;
      O[k++] = 0;
    }
    const range = (d: BoundsDimension, r: { lo: bigint; hi: bigint }): void => {
      A[k] = d.lo(d.value(r.hi), before);
      O[k++] = 0;
      A[k] = d.hi(d.value(r.lo), before);
      O[k++] = 0;
    };
    if (q.localPort) range(this.localPort, q.localPort);
    if (q.remotePort) range(this.remotePort, q.remotePort);
    if (q.family !== undefined) {
      range(q.family === 4 ? this.local4 : this.local6, q.localAddr ?? (q.family === 4 ? ALL_V4 : ALL_V6));
      range(q.family === 4 ? this.remote4 : this.remote6, q.remoteAddr ?? (q.family === 4 ? ALL_V4 : ALL_V6));
    }
    if (q.jobFirst) {
      A[k] = this.job.rowsFor(q.jobFirst, (this.jobScratch ??= new Uint32Array(this.words)));
      O[k++] = 0;
    }
    if (q.userFirst) {
      A[k] = this.user.rowsFor(q.userFirst, (this.userScratch ??= new Uint32Array(this.words)));
      O[k++] = 0;
    }
    const out: number[] = [];
    const lastWord = Math.min(this.words, Math.ceil(before / 32));
    for (let w = 0; w < lastWord; w++) {
      let bits = A[0]![O[0]! + w]!;
      for (let j = 1; j < k && bits !== 0; j++) bits &= A[j]![O[j]! + w]!;
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
