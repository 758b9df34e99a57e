// Exact sets of integers (addresses, ports) as sorted lists of disjoint inclusive intervals.
// Shared by the matcher (membership) and the shadow analysis (intersection, difference).

/** An inclusive interval [lo, hi]. */
export interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}

/** Sorted, disjoint, non-adjacent intervals. The empty list is the empty set. */
export type IntervalSet = readonly Interval[];

export const EMPTY_SET: IntervalSet = [];

export function interval(lo: bigint, hi: bigint): IntervalSet {
  return lo <= hi ? [{ lo, hi }] : EMPTY_SET;
}

/** Normalises any list of intervals: sorts, merges overlapping and adjacent ones. */
export function normalise(list: readonly Interval[]): IntervalSet {
  const sorted = list.filter((i) => i.lo <= i.hi).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.lo <= last.hi + 1n) {
      if (i.hi > last.hi) out[out.length - 1] = { lo: last.lo, hi: i.hi };
    } else out.push(i);
  }
  return out;
}

export function isEmpty(s: IntervalSet): boolean {
  return s.length === 0;
}

export function contains(s: IntervalSet, x: bigint): boolean {
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const i = s[mid]!;
    if (x < i.lo) hi = mid - 1;
    else if (x > i.hi) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Index of the first interval of `s`, from `from` on, that ends at or after x (s.length if none).
 * The set operations below walk the longer list by binary search where the other is short: a
 * rule's box that has had hundreds of single ports taken out of it is met by one port at a time.
 */
function firstEndingFrom(s: IntervalSet, x: bigint, from: number): number {
  let lo = from;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]!.hi < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether one list is so much shorter than the other that searching beats walking. */
function lopsided(short: number, long: number): boolean {
  return short * 8 < long;
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (lopsided(a.length, b.length)) return intersectSearching(a, b);
  if (lopsided(b.length, a.length)) return intersectSearching(b, a);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = x.lo > y.lo ? x.lo : y.lo;
    const hi = x.hi < y.hi ? x.hi : y.hi;
    if (lo <= hi) out.push(piece(x, y, lo, hi));
    if (x.hi < y.hi) i++;
    else j++;
  }
  return out;
}

/** [lo, hi] as one of the two intervals it came from when it is one of them (no new object). */
function piece(x: Interval, y: Interval, lo: bigint, hi: bigint): Interval {
  if (lo === x.lo && hi === x.hi) return x;
  if (lo === y.lo && hi === y.hi) return y;
  return { lo, hi };
}

/** short ∩ long, finding each interval of the short list in the long one. */
function intersectSearching(short: IntervalSet, long: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let j = 0;
  for (const y of short) {
    j = firstEndingFrom(long, y.lo, j);
    while (j < long.length && long[j]!.lo <= y.hi) {
      const x = long[j]!;
      const lo = x.lo > y.lo ? x.lo : y.lo;
      const hi = x.hi < y.hi ? x.hi : y.hi;
      out.push(piece(x, y, lo, hi));
      if (x.hi > y.hi) break;
      j++;
    }
  }
  return out;
}

export function intersects(a: IntervalSet, b: IntervalSet): boolean {
  if (lopsided(a.length, b.length)) return intersectsSearching(a, b);
  if (lopsided(b.length, a.length)) return intersectsSearching(b, a);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.hi < y.lo) i++;
    else if (y.hi < x.lo) j++;
    else return true;
  }
  return false;
}

function intersectsSearching(short: IntervalSet, long: IntervalSet): boolean {
  let j = 0;
  for (const y of short) {
    j = firstEndingFrom(long, y.lo, j);
    if (j === long.length) return false;
    if (long[j]!.lo <= y.hi) return true;
  }
  return false;
}

/** a \ b. Intervals of a that b does not touch are kept as they are. */
export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0 || b.length === 0) return a;
  const out: Interval[] = [];
  const searching = lopsided(b.length, a.length);
  let i = 0;
  let j = 0;
  while (i < a.length) {
    if (searching) {
      // Copy the run of a before the next interval of b that can touch it.
      while (j < b.length && b[j]!.hi < a[i]!.lo) j++;
      const stop = j < b.length ? firstEndingFrom(a, b[j]!.lo, i) : a.length;
      while (i < stop) out.push(a[i++]!);
      if (i === a.length) break;
    }
    const x = a[i++]!;
    let lo = x.lo;
    const hi = x.hi;
    while (j < b.length && b[j]!.hi < lo) j++;
    let k = j;
    while (k < b.length && b[k]!.lo <= hi) {
      const y = b[k]!;
      if (y.lo > lo) out.push({ lo, hi: y.lo - 1n });
      if (y.hi >= hi) {
        lo = hi + 1n;
        break;
      }
      lo = y.hi + 1n;
      k++;
    }
    if (lo === x.lo) out.push(x);
    else if (lo <= hi) out.push({ lo, hi });
  }
  return out;
}

/** True when every element of a is in b. */
export function isSubset(a: IntervalSet, b: IntervalSet): boolean {
  return subtract(a, b).length === 0;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  return normalise([...a, ...b]);
}

/** Number of elements. */
export function size(s: IntervalSet): bigint {
  let n = 0n;
  for (const i of s) n += i.hi - i.lo + 1n;
  return n;
}

export function equals(a: IntervalSet, b: IntervalSet): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.lo !== b[i]!.lo || a[i]!.hi !== b[i]!.hi) return false;
  return true;
}
