// Exact sets of job names and user IDs, built from the patterns rules use: an exact name, or a
// prefix followed by `*` that matches every name starting with it (`*` alone matches every name).
// The shadow analysis needs intersection and difference of such sets; differences such as
// "APP* except APPX*" are not patterns any more, so a set is a union of disjoint terms, each an
// exact name or a prefix with a flat list of excluded prefixes and names inside it.
//
// Universe: names of 1 to 8 characters from NAME_ALPHABET (what the pattern reader accepts).
// Emptiness is decided by counting, so even a prefix whose every continuation is excluded one by
// one is recognised as empty: the sets are exact, not approximations.

/** Characters of z/OS job names and user IDs as the pattern reader accepts them (case-sensitive). */
export const NAME_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#$abcdefghijklmnopqrstuvwxyz';
export const NAME_MAX = 8;
const K = NAME_ALPHABET.length;

/** An exact name, or every name starting with `prefix` (the prefix itself included when non-empty). */
export type Atom = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'prefix'; readonly prefix: string };

/** A term: an exact name, or a prefix minus excluded atoms that lie strictly inside it. */
export type Term =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'prefix'; readonly prefix: string; readonly excluded: readonly Atom[] };

/** A union of pairwise disjoint, non-empty terms. */
export type NameSet = readonly Term[];

export const ALL_NAMES: NameSet = [{ kind: 'prefix', prefix: '', excluded: [] }];
export const NO_NAMES: NameSet = [];

/** The set a rule pattern stands for. */
export function patternSet(prefix: string, wildcard: boolean): NameSet {
  if (wildcard) return inUniversePrefix(prefix) ? [{ kind: 'prefix', prefix, excluded: [] }] : NO_NAMES;
  return inUniverseName(prefix) ? [{ kind: 'name', name: prefix }] : NO_NAMES;
}

/** Codes of NAME_ALPHABET's characters, for membership by table read. */
const IN_ALPHABET = new Uint8Array(128);
for (const ch of NAME_ALPHABET) IN_ALPHABET[ch.charCodeAt(0)] = 1;

function inAlphabet(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || IN_ALPHABET[c] === 0) return false;
  }
  return true;
}

function inUniverseName(n: string): boolean {
  return n.length >= 1 && n.length <= NAME_MAX && inAlphabet(n);
}

function inUniversePrefix(p: string): boolean {
  return p.length <= NAME_MAX && inAlphabet(p);
}

/** Whether a name is in an atom. */
function atomHas(a: Atom, name: string): boolean {
  return a.kind === 'name' ? a.name === name : name.startsWith(a.prefix);
}

/** Whether atom a contains atom b entirely. */
function atomContains(a: Atom, b: Atom): boolean {
  if (a.kind === 'name') return b.kind === 'name' && a.name === b.name;
  return b.kind === 'name' ? b.name.startsWith(a.prefix) : b.prefix.startsWith(a.prefix);
}

/** PREFIX_COUNTS[n]: number of names in the universe that start with a given prefix of length n. */
const PREFIX_COUNTS: readonly number[] = Array.from({ length: NAME_MAX + 1 }, (_, len) => {
  let c = 0;
  for (let l = Math.max(len, 1); l <= NAME_MAX; l++) c += K ** (l - len);
  return c;
});

/** Number of names in the universe that start with a prefix of length `len`. */
function prefixCount(len: number): number {
  return PREFIX_COUNTS[len] ?? 0;
}

function atomCount(a: Atom): number {
  return a.kind === 'name' ? 1 : prefixCount(a.prefix.length);
}

export function has(set: NameSet, name: string): boolean {
  for (const t of set) if (termHas(t, name)) return true;
  return false;
}

/**
 * Atoms read by the operations below since the process started: the measure of their work that
 * the shadow analysis and attls diff bound (see POLICY_WORK_LIMIT). It is counted where the work
 * is done because its cost depends on how the exclusion lists nest, which a caller cannot see
 * from the sets' sizes. Only ever increased; callers read the difference.
 */
let atomsRead = 0;

/** Atoms read by the name-set operations so far (compare two readings). */
export function nameSetWork(): number {
  return atomsRead;
}

/** What is known of a long exclusion list: its atoms by text, and how many names they remove. */
interface ExclusionIndex {
  readonly names: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
  readonly removed: number;
}

/** Lists longer than this are indexed once they have been read SCANS_BEFORE_INDEX times. */
const INDEXED_FROM = 16;
const SCANS_BEFORE_INDEX = 4;
/** Per list (lists are never changed once made): its index, or how often it has been read. */
const exclusionIndexes = new WeakMap<readonly Atom[], ExclusionIndex | number>();

/**
 * The index of a long exclusion list that is read again and again: a fragment of the shadow
 * analysis or of a diff that has had a thousand rules taken out of it is tested against every rule
 * and region still to come, and each test read the whole list. A list read only once or twice (a
 * fragment cut again at once) is not worth an index.
 */
function exclusionIndex(excluded: readonly Atom[]): ExclusionIndex | undefined {
  if (excluded.length <= INDEXED_FROM) return undefined;
  let index = exclusionIndexes.get(excluded) ?? 0;
  if (typeof index === 'number') {
    if (index < SCANS_BEFORE_INDEX) {
      exclusionIndexes.set(excluded, index + 1);
      return undefined;
    }
    const names = new Set<string>();
    const prefixes = new Set<string>();
    let removed = 0;
    atomsRead += excluded.length;
    for (const e of excluded) {
      if (e.kind === 'name') names.add(e.name);
      else prefixes.add(e.prefix);
      removed += atomCount(e);
    }
    index = { names, prefixes, removed };
    exclusionIndexes.set(excluded, index);
  }
  return index;
}

/** Whether an exclusion list holds a name or a whole prefix (`whole`: the text is a prefix). */
function excludes(excluded: readonly Atom[], text: string, whole: boolean): boolean {
  const index = exclusionIndex(excluded);
  if (!index) {
    atomsRead += excluded.length;
    return excluded.some((e) => (whole ? atomContains(e, { kind: 'prefix', prefix: text }) : atomHas(e, text)));
  }
  atomsRead += text.length + 1;
  if (!whole && index.names.has(text)) return true;
  for (let l = 0; l <= text.length; l++) if (index.prefixes.has(text.slice(0, l))) return true;
  return false;
}

/** Names an exclusion list removes. */
function removedBy(excluded: readonly Atom[]): number {
  const index = exclusionIndex(excluded);
  if (index) return index.removed;
  atomsRead += excluded.length;
  let n = 0;
  for (const e of excluded) n += atomCount(e);
  return n;
}

const NO_ATOMS: readonly Atom[] = [];

/**
 * Builds a normalised term P* \ (kept + added): exclusions outside P* are dropped, nested ones
 * merged, and an empty result (by exact count) returns undefined. `kept` is the exclusion list of
 * a normalised term (no atom inside another, every name in the universe), so it is only filtered;
 * each atom of `added` is compared with what is kept. Taking one rule's job name out of a set
 * that already excludes a thousand others is then one pass over them, not a thousand squared.
 */
function prefixTerm(prefix: string, kept: readonly Atom[], added: readonly Atom[] = NO_ATOMS): Term | undefined {
  const self: Atom = { kind: 'prefix', prefix };
  const inside: Atom[] = [];
  for (const e of kept) {
    if (atomContains(e, self)) return undefined;
    if (atomContains(self, e)) inside.push(e);
  }
  const fresh: Atom[] = [];
  for (const e of added) {
    if (atomContains(e, self)) return undefined;
    if (!atomContains(self, e)) continue;
    if (e.kind === 'name' && !inUniverseName(e.name)) continue;
    fresh.push(e);
  }
  const excluded = inside.length * fresh.length > 64 ? mergeIndexed(inside, fresh) : merge(inside, fresh);
  atomsRead += kept.length + added.length + excluded.length;
  let removed = 0;
  for (const e of excluded) removed += atomCount(e);
  if (removed >= prefixCount(prefix.length)) return undefined;
  return { kind: 'prefix', prefix, excluded };
}

/** Adds atoms to an antichain of atoms: one inside another adds nothing, one around others replaces them. */
function merge(inside: Atom[], fresh: readonly Atom[]): Atom[] {
  for (const e of fresh) {
    atomsRead += inside.length;
    if (inside.some((x) => atomContains(x, e))) continue;
    for (let i = inside.length - 1; i >= 0; i--) if (atomContains(e, inside[i]!)) inside.splice(i, 1);
    inside.push(e);
  }
  return inside;
}

const atomText = (a: Atom): string => (a.kind === 'name' ? a.name : a.prefix);

/**
 * merge, with the atoms indexed by text so that each one added is compared with its at most nine
 * possible holders instead of with every atom: intersecting two sets that each exclude a thousand
 * names was a million comparisons. Same result, in the same order.
 */
function mergeIndexed(inside: Atom[], fresh: readonly Atom[]): Atom[] {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  /**
   * For each string, how many atoms of the list (not removed) have a text that starts with it:
   * made when the first prefix is added, as only a prefix can hold atoms already there.
   */
  let below: Map<string, number> | undefined;
  const removed = new Set<Atom>();
  const list = inside;
  const count = (a: Atom, delta: 1 | -1): void => {
    const t = atomText(a);
    for (let l = 0; l <= t.length; l++) {
      const p = t.slice(0, l);
      below!.set(p, (below!.get(p) ?? 0) + delta);
    }
  };
  const add = (a: Atom): void => {
    (a.kind === 'name' ? names : prefixes).add(atomText(a));
    if (below) count(a, 1);
  };
  const held = (e: Atom): boolean => {
    const t = atomText(e);
    if (e.kind === 'name' && names.has(t)) return true;
    for (let l = 0; l <= t.length; l++) if (prefixes.has(t.slice(0, l))) return true;
    return false;
  };
  for (const a of list) add(a);
  atomsRead += list.length;
  for (const e of fresh) {
    atomsRead += 1 + atomText(e).length;
    if (held(e)) continue;
    if (e.kind === 'prefix') {
      if (!below) {
        below = new Map();
        for (const a of list) if (!removed.has(a)) count(a, 1);
      }
      if ((below.get(e.prefix) ?? 0) > 0) {
        atomsRead += list.length;
        for (const x of list) {
          if (!removed.has(x) && atomText(x).startsWith(e.prefix)) {
            removed.add(x);
            (x.kind === 'name' ? names : prefixes).delete(atomText(x));
            count(x, -1);
          }
        }
      }
    }
    list.push(e);
    add(e);
  }
  return removed.size === 0 ? list : list.filter((x) => !removed.has(x));
}

function termHas(t: Term, name: string): boolean {
  return t.kind === 'name' ? t.name === name : name.startsWith(t.prefix) && !excludes(t.excluded, name, false);
}

/** t ∩ atom, as a term or nothing. */
function termAndAtom(t: Term, a: Atom): Term | undefined {
  if (t.kind === 'name') return atomHas(a, t.name) ? t : undefined;
  if (a.kind === 'name') return termHas(t, a.name) ? a : undefined;
  if (a.prefix.startsWith(t.prefix)) return prefixTerm(a.prefix, t.excluded);
  if (t.prefix.startsWith(a.prefix)) return t;
  return undefined;
}

function termAndTerm(x: Term, y: Term): Term | undefined {
  if (y.kind === 'name') return termHas(x, y.name) ? y : undefined;
  if (x.kind === 'name') return termHas(y, x.name) ? x : undefined;
  if (y.prefix.startsWith(x.prefix)) return prefixTerm(y.prefix, y.excluded, x.excluded);
  if (x.prefix.startsWith(y.prefix)) return prefixTerm(x.prefix, x.excluded, y.excluded);
  return undefined;
}

/** x \ y as disjoint terms. */
function termMinusTerm(x: Term, y: Term): Term[] {
  if (x.kind === 'name') return termHas(y, x.name) ? [] : [x];
  if (y.kind === 'name') {
    if (!termHas(x, y.name)) return [x];
    // The name is in x, so no exclusion holds it and it holds none: it is simply added.
    const excluded = [...x.excluded, y];
    atomsRead += 2 * excluded.length;
    let removed = 0;
    for (const e of excluded) removed += atomCount(e);
    return removed >= prefixCount(x.prefix.length) ? [] : [{ kind: 'prefix', prefix: x.prefix, excluded }];
  }
  if (x.prefix.startsWith(y.prefix)) {
    // x lies inside y's prefix: what survives is x inside y's exclusions.
    const out: Term[] = [];
    for (const e of y.excluded) {
      const t = termAndAtom(x, e);
      if (t) out.push(t);
    }
    return out;
  }
  if (y.prefix.startsWith(x.prefix)) {
    const out: Term[] = [];
    const rest = prefixTerm(x.prefix, x.excluded, [{ kind: 'prefix', prefix: y.prefix }]);
    if (rest) out.push(rest);
    for (const e of y.excluded) {
      const t = termAndAtom(x, e);
      if (t) out.push(t);
    }
    return out;
  }
  return [x];
}

export function intersectNames(a: NameSet, b: NameSet): NameSet {
  if (a === ALL_NAMES) return b;
  if (b === ALL_NAMES) return a;
  const out: Term[] = [];
  for (const x of a) {
    for (const y of b) {
      const t = termAndTerm(x, y);
      if (t) out.push(t);
    }
  }
  return out;
}

export function intersectsNames(a: NameSet, b: NameSet): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a === ALL_NAMES || b === ALL_NAMES) return true;
  for (const x of a) for (const y of b) if (termsMeet(x, y)) return true;
  return false;
}

/**
 * Whether two terms share a name, without building their intersection when it is plainly not
 * empty: two prefixes, one inside the other, meet unless an exclusion holds the inner prefix or
 * the exclusions inside it add up to all of its names.
 */
function termsMeet(x: Term, y: Term): boolean {
  if (x.kind === 'name' || y.kind === 'name') return termAndTerm(x, y) !== undefined;
  const [outer, inner] = y.prefix.startsWith(x.prefix) ? [x, y] : x.prefix.startsWith(y.prefix) ? [y, x] : [undefined, undefined];
  if (!outer || !inner) return false;
  // An exclusion of the outer term that holds the inner prefix leaves nothing.
  if (outer.prefix !== inner.prefix && excludes(outer.excluded, inner.prefix, true)) return false;
  // At most what both remove is gone (all of it when both prefixes are the same, else less).
  if (removedBy(inner.excluded) + removedBy(outer.excluded) < prefixCount(inner.prefix.length)) return true;
  return termAndTerm(x, y) !== undefined;
}

export function subtractNames(a: NameSet, b: NameSet): NameSet {
  if (b.length === 0 || a.length === 0) return a;
  if (b === ALL_NAMES) return NO_NAMES;
  let current: Term[] = [...a];
  for (const y of b) {
    const next: Term[] = [];
    for (const x of current) next.push(...termMinusTerm(x, y));
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

export function isSubsetNames(a: NameSet, b: NameSet): boolean {
  return subtractNames(a, b).length === 0;
}

export function isAllNames(a: NameSet): boolean {
  return a === ALL_NAMES || (a.length === 1 && a[0]!.kind === 'prefix' && a[0]!.prefix === '' && a[0]!.excluded.length === 0);
}

/** The size of a set's representation: its terms and their exclusions. */
export function nameSetSize(a: NameSet): number {
  let n = a.length;
  for (const t of a) if (t.kind === 'prefix') n += t.excluded.length;
  return n;
}

/** Number of names in the set (exact; terms are disjoint). */
export function countNames(a: NameSet): number {
  let n = 0;
  for (const t of a) {
    if (t.kind === 'name') n += 1;
    else {
      n += prefixCount(t.prefix.length);
      for (const e of t.excluded) n -= atomCount(e);
    }
  }
  return n;
}

/** A member of the set, preferring short names (for example connections in messages). */
export function sampleName(a: NameSet): string | undefined {
  for (const t of a) {
    if (t.kind === 'name') return t.name;
    const found = firstFree(t.prefix, t.excluded);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Depth-first search for the first name under `s` that no exclusion removes. */
function firstFree(s: string, excluded: readonly Atom[]): string | undefined {
  if (excluded.some((e) => e.kind === 'prefix' && s.startsWith(e.prefix))) return undefined;
  if (s.length >= 1 && !excluded.some((e) => e.kind === 'name' && e.name === s)) return s;
  if (s.length >= NAME_MAX) return undefined;
  // Only branches an exclusion reaches into need a look below; any other branch is free at once.
  atomsRead += 2 * excluded.length;
  for (const c of NAME_ALPHABET) {
    const next = s + c;
    atomsRead += excluded.length;
    const relevant = excluded.filter((e) => (e.kind === 'name' ? e.name.startsWith(next) : e.prefix.startsWith(next) || next.startsWith(e.prefix)));
    if (relevant.length === 0) return next;
    const found = firstFree(next, relevant);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Text for messages: `TN3270*`, `any`, `APP* except APPX*`. */
export function describeNames(a: NameSet): string {
  if (a.length === 0) return 'none';
  if (isAllNames(a)) return 'any';
  return a
    .map((t) => {
      if (t.kind === 'name') return t.name;
      const base = t.prefix === '' ? 'any' : `${t.prefix}*`;
      if (t.excluded.length === 0) return base;
      return `${base} except ${t.excluded.map((e) => (e.kind === 'name' ? e.name : `${e.prefix}*`)).join(', ')}`;
    })
    .join(' or ');
}
