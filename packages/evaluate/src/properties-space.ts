// The space a property speaks about -- every concrete connection its `for:` admits -- as boxes of
// the region algebra of the shadow analysis (analysis.ts), and the names real connections carry.
//
// Two limits keep the space to connections that exist and that `attls match` reads back the same:
//  - job names and user IDs are upper case (z/OS shows them so, and `attls match` upper-cases its
//    input), so a region whose names all have a lower-case letter is no connection at all;
//  - an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is an IPv4 connection, so the IPv6 side leaves
//    ::ffff:0:0/96 out.
import { readIpSpec, readJobPattern, readPortSpec } from '@attls/language';
import type { Box } from './analysis.js';
import { DIR_BOTH, DIR_INBOUND, DIR_OUTBOUND, PORT_MAX, PORT_MIN, V4_MAX, V6_MAX } from './compile.js';
import { directionValue } from './connection.js';
import { interval, normalise, subtract, type Interval, type IntervalSet } from './intervals.js';
import { ALL_NAMES, NAME_MAX, patternSet, subtractNames, type Atom, type NameSet, type Term } from './names.js';
import { readTime, type ConnectionTime } from './time.js';

/** The fields a property's `for:` may restrict: those of a connection. */
export const SPACE_FIELDS = ['direction', 'local_addr', 'local_port', 'remote_addr', 'remote_port', 'jobname', 'userid', 'time'] as const;

export type SpaceField = (typeof SPACE_FIELDS)[number];

/** Every connection the property covers: disjoint boxes, and a moment when the property fixes one. */
export interface Space {
  readonly boxes: readonly Box[];
  /** The property speaks about this moment only; otherwise about every time. */
  readonly time?: ConnectionTime;
  /** The space in words, for messages: "inbound, local port 1-1023". */
  readonly text: string;
}

const MAPPED_V4: IntervalSet = interval(0xffff00000000n, 0xffffffffffffn);
const ALL_V4: IntervalSet = interval(0n, V4_MAX);
const ALL_V6: IntervalSet = subtract(interval(0n, V6_MAX), MAPPED_V4);
const ALL_PORTS: IntervalSet = interval(PORT_MIN, PORT_MAX);
/** Values per field: a space is a few ranges and patterns; thousands of name patterns cost quadratic time. */
const MAX_ITEMS = 1000;

/** The items of a field: a list, or one value whose commas separate items ("21, 992"). */
function items(v: unknown): string[] | undefined {
  const one = (x: unknown): string[] | undefined => (typeof x === 'number' ? [String(x)] : typeof x === 'string' ? x.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined);
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const x of v) {
      const r = one(x);
      if (!r) return undefined;
      out.push(...r);
    }
    return out;
  }
  return one(v);
}

function readDirections(list: readonly string[]): number | string {
  let dir = 0;
  for (const t of list) {
    const d = directionValue(t);
    if (d === 'inbound') dir |= DIR_INBOUND;
    else if (d === 'outbound') dir |= DIR_OUTBOUND;
    else if (/^(both|any)$/i.test(t)) dir |= DIR_BOTH;
    else return `'${t}' is not a direction (inbound, outbound or both)`;
  }
  return dir;
}

function readPorts(list: readonly string[]): IntervalSet | string {
  const parts: Interval[] = [];
  for (const t of list) {
    const r = readPortSpec([t]);
    if (!r.ok) return r.reason;
    parts.push({ lo: BigInt(Math.max(r.value.from, 1)), hi: BigInt(r.value.to) });
  }
  return normalise(parts);
}

function readAddrs(list: readonly string[]): { v4: IntervalSet; v6: IntervalSet } | string {
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  for (const t of list) {
    const r = readIpSpec(t);
    if (!r.ok) return r.reason;
    if (r.value.all) return { v4: ALL_V4, v6: ALL_V6 };
    (r.value.family === 4 ? v4 : v6).push({ lo: r.value.from, hi: r.value.to });
  }
  return { v4: normalise(v4), v6: subtract(normalise(v6), MAPPED_V4) };
}

/** The union of patterns such as CICS* and TN3270A, upper-cased as connections' names are. */
function readNames(list: readonly string[]): NameSet | string {
  let set: NameSet = [];
  for (const t of list) {
    const r = readJobPattern(t.toUpperCase());
    if (!r.ok) return r.reason;
    const add = patternSet(r.value.prefix, r.value.wildcard);
    // Terms of a set are disjoint: add only what the set does not hold yet.
    set = [...set, ...subtractNames(add, set)];
  }
  return set;
}

/**
 * Reads a property's `for:` mapping. Fields left out are unrestricted; ports and addresses take
 * single values, ranges (1-1023, 10.0.0.1-10.0.0.9), prefixes (10.0.0.0/8) or lists of them;
 * job names and user IDs take patterns (CICS*); time takes one moment (2025-03-01T14:30).
 */
export function readSpace(fields: Readonly<Record<string, unknown>>): { space?: Space; problems: string[] } {
  const problems: string[] = [];
  const texts: string[] = [];
  for (const k of Object.keys(fields)) {
    if (!(SPACE_FIELDS as readonly string[]).includes(k)) problems.push(`unknown field '${k}' (fields are ${SPACE_FIELDS.join(', ')})`);
  }
  const field = <T>(key: SpaceField, read: (list: readonly string[]) => T | string): T | undefined => {
    const raw = fields[key];
    if (raw === undefined || raw === null) return undefined;
    const list = items(raw);
    if (!list || list.length === 0) {
      problems.push(`${key} must be a value or a list of values`);
      return undefined;
    }
    if (list.length > MAX_ITEMS) {
      problems.push(`${key} has ${list.length} values; at most ${MAX_ITEMS} are accepted`);
      return undefined;
    }
    const r = read(list);
    if (typeof r === 'string') {
      problems.push(`${key}: ${r}`);
      return undefined;
    }
    texts.push(`${key.replace('_', ' ')} ${list.join(', ')}`);
    return r;
  };
  const dir = field('direction', readDirections) ?? DIR_BOTH;
  const la = field('local_addr', readAddrs);
  const lp = field('local_port', readPorts) ?? ALL_PORTS;
  const ra = field('remote_addr', readAddrs);
  const rp = field('remote_port', readPorts) ?? ALL_PORTS;
  const job = field('jobname', readNames) ?? ALL_NAMES;
  const user = field('userid', readNames) ?? ALL_NAMES;
  let time: ConnectionTime | undefined;
  const t = fields['time'];
  if (t !== undefined && t !== null) {
    time = typeof t === 'string' ? readTime(t) : undefined;
    if (!time) problems.push(`time: '${String(t)}' is not a time such as 2025-03-01T14:30 (optionally with Z or +01:00)`);
    else texts.push(`at ${time.text}`);
  }
  if (problems.length > 0) return { problems };
  const boxes: Box[] = [];
  for (const fam of [4, 6] as const) {
    const all = fam === 4 ? ALL_V4 : ALL_V6;
    const l = la ? (fam === 4 ? la.v4 : la.v6) : all;
    const r = ra ? (fam === 4 ? ra.v4 : ra.v6) : all;
    if (l.length && r.length && lp.length && rp.length && hasRealName(job) && hasRealName(user)) boxes.push({ fam, dir, la: l, ra: r, lp, rp, job, user });
  }
  if (boxes.length === 0) return { problems: ['no connection has these fields: local and remote addresses must be of one family (an IPv4-mapped IPv6 address such as ::ffff:10.0.0.1 is an IPv4 address)'] };
  return { space: { boxes, ...(time ? { time } : {}), text: texts.join(', ') || 'every connection' }, problems };
}

/** Joins spaces into one (for spaces that do not overlap, such as two directions). */
export function joinSpaces(spaces: readonly Space[], text: string): Space {
  return { boxes: spaces.flatMap((s) => s.boxes), text };
}

// --- the names connections carry ----------------------------------------------------------------

/** Characters of a job name or user ID as z/OS shows it (and `attls match` reads it). */
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#$';
const U = UPPER.length;
const UPPER_SET = new Set(UPPER);

const isUpper = (s: string): boolean => {
  for (const c of s) if (!UPPER_SET.has(c)) return false;
  return true;
};

const counts = new Map<number, number>();

/** Upper-case names of 1-8 characters starting with a given upper-case prefix of length `len`. */
function prefixCount(len: number): number {
  let c = counts.get(len);
  if (c === undefined) {
    c = 0;
    for (let l = Math.max(len, 1); l <= NAME_MAX; l++) c += U ** (l - len);
    counts.set(len, c);
  }
  return c;
}

function atomCount(a: Atom): number {
  if (a.kind === 'name') return a.name.length >= 1 && a.name.length <= NAME_MAX && isUpper(a.name) ? 1 : 0;
  return isUpper(a.prefix) ? prefixCount(a.prefix.length) : 0;
}

/**
 * Upper-case names under `s` that no exclusion removes. The exclusions of a term lie inside its
 * prefix and never inside each other (names.ts keeps them so), hence are disjoint: subtracting
 * their counts is exact.
 */
function freeCount(s: string, excluded: readonly Atom[]): number {
  if (!isUpper(s) || s.length > NAME_MAX) return 0;
  let n = prefixCount(s.length);
  for (const e of excluded) {
    if (e.kind === 'prefix' && s.startsWith(e.prefix)) return 0;
    if (e.kind === 'prefix' ? e.prefix.startsWith(s) : e.name.startsWith(s)) n -= atomCount(e);
  }
  return n;
}

function termCount(t: Term): number {
  return t.kind === 'name' ? atomCount(t) : freeCount(t.prefix, t.excluded);
}

/** Whether a set holds a name a real connection can carry. */
export function hasRealName(set: NameSet): boolean {
  for (const t of set) if (termCount(t) > 0) return true;
  return false;
}

/** The first upper-case name of a term, guided by exact counts (at most 8 levels, no backtracking). */
function firstIn(s: string, excluded: readonly Atom[]): string | undefined {
  if (s.length >= 1 && !excluded.some((e) => (e.kind === 'name' ? e.name === s : s.startsWith(e.prefix)))) return s;
  for (const c of UPPER) {
    const next = s + c;
    if (freeCount(next, excluded) > 0) return firstIn(next, excluded);
  }
  return undefined;
}

/** A name of the set that a real connection can carry, preferring short ones. */
export function sampleRealName(set: NameSet): string | undefined {
  for (const t of set) {
    if (t.kind === 'name') {
      if (atomCount(t) > 0) return t.name;
    } else if (freeCount(t.prefix, t.excluded) > 0) return firstIn(t.prefix, t.excluded);
  }
  return undefined;
}

/**
 * The connections to a set of service ports: the local port of inbound connections, the remote
 * port of outbound ones (the z/OS server's port, and the partner server's). No ports: every
 * connection of the direction. For guarantees configured as lint options.
 */
export function serviceSpace(ports: readonly string[], direction: string): { space?: Space; problems: string[] } {
  const dir = readDirections([direction]);
  if (typeof dir === 'string') return { problems: [`direction: ${dir}`] };
  const which = dir === DIR_INBOUND ? 'inbound connections' : dir === DIR_OUTBOUND ? 'outbound connections' : 'connections';
  if (ports.length === 0) {
    const r = readSpace({ direction });
    return r.space ? { space: { ...r.space, text: which }, problems: [] } : r;
  }
  const list = `${ports.length === 1 && !/[-:,]/.test(ports[0]!) ? 'port' : 'ports'} ${ports.join(', ')}`;
  const text = dir === DIR_INBOUND ? `inbound connections to local ${list}` : dir === DIR_OUTBOUND ? `outbound connections to remote ${list}` : `connections to ${list} (the local port inbound, the remote port outbound)`;
  const parts: Space[] = [];
  const problems: string[] = [];
  for (const [bit, side] of [
    [DIR_INBOUND, 'local_port'],
    [DIR_OUTBOUND, 'remote_port'],
  ] as const) {
    if ((dir & bit) === 0) continue;
    const r = readSpace({ direction: bit === DIR_INBOUND ? 'inbound' : 'outbound', [side]: ports });
    if (r.space) parts.push(r.space);
    for (const p of r.problems) if (!problems.includes(p.replace(side, 'ports'))) problems.push(p.replace(side, 'ports'));
  }
  if (problems.length > 0) return { problems };
  return { space: joinSpaces(parts, text), problems };
}
