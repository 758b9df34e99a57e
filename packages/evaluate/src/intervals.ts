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

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = x.lo > y.lo ? x.lo : y.lo;
    const hi = x.hi < y.hi ? x.hi : y.hi;
    if (lo <= hi) out.push({ lo, hi });
    if (x.hi < y.hi) i++;
    else j++;
  }
  return out;
}

export function intersects(a: IntervalSet, b: IntervalSet): boolean {
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

/** a \ b */
export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0 || b.length === 0) return a;
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
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
    if (lo <= hi) out.push({ lo, hi });
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
