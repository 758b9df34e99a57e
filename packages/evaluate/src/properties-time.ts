// Time for properties: which combinations of IpTimeConditions in effect can occur, each with a
// moment at which it occurs, so that "every time" is decided exactly and a counterexample that
// needs a rule to be out of its window carries a time that `attls match` can be given.
//
// A combination ("signature") says, for every distinct time condition of the policy, whether it is
// in effect. The verdicts always come from the conditions' own check() (time.ts); this module only
// chooses the moments to ask about. A condition's verdict depends on the date only through the
// month, the day, the weekday, the length of the month and where the date lies against its
// TimePeriod bounds, and within a day only through the TimeOfDayRange and TimePeriod bounds. So it
// is enough to ask, for every distinct date class, at midnight and at each bound: the dates are
// those of one full 28-year cycle of the calendar (2024-2051, every weekday for every day of every
// month, leap days included) and the days around each TimePeriod.
import type { CompiledPolicy } from './compile.js';
import { readTime, type ConnectionTime, type TimeCondition } from './time.js';
import type { StatementInfo } from '@attls/language';

export interface TimeSignatures {
  /** Number of signatures; bit i of a mask stands for signature i. */
  readonly count: number;
  /** Every signature. */
  readonly all: bigint;
  /** For each rule (by index) with a time condition: the signatures at which it is in effect. */
  readonly inEffect: ReadonlyMap<number, bigint>;
  /** A moment at which the signature occurs; undefined when no time needs to be given. */
  readonly moments: readonly (ConnectionTime | undefined)[];
  /** The moments to ask about exceeded CHECK_BUDGET: the signatures found may not be all. */
  readonly incomplete?: boolean;
}

const DAY_MS = 86_400_000;
const CYCLE_START = Date.UTC(2024, 0, 1);
const CYCLE_DAYS = 10_227; // 2024-01-01 .. 2051-12-31: the Gregorian calendar repeats every 28 years here
/** Periods beyond this many get only the days at their bounds. */
const PERIODS_IN_FULL = 16;
/** Condition checks allowed when looking for signatures (a few hundred milliseconds). */
const CHECK_BUDGET = 2_000_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

interface Period {
  readonly from: number; // yyyymmdd
  readonly to: number;
  readonly fromSecond: number;
  readonly toSecond: number; // last second inside, on the last day
}

/** Reads `yyyymmdd[hhmm[ss]]:yyyymmdd[hhmm[ss]]` for its bounds; undefined when unreadable. */
function readPeriod(text: string): Period | undefined {
  const [a, b] = text.split(':');
  const re = /^(\d{8})(?:(\d{2})(\d{2})(\d{2})?)?$/;
  const ma = a !== undefined ? re.exec(a) : null;
  const mb = b !== undefined ? re.exec(b) : null;
  if (!ma || !mb) return undefined;
  const seconds = (m: RegExpExecArray, end: boolean): number =>
    m[2] === undefined ? (end ? 86_399 : 0) : Number(m[2]) * 3600 + Number(m[3]) * 60 + (m[4] !== undefined ? Number(m[4]) : end ? 59 : 0);
  return { from: Number(ma[1]), to: Number(mb[1]), fromSecond: seconds(ma, false), toSecond: seconds(mb, true) };
}

function dateNumber(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function msOf(dateNum: number): number {
  return Date.UTC(Math.floor(dateNum / 10_000), (Math.floor(dateNum / 100) % 100) - 1, dateNum % 100);
}

/** What the conditions of a policy look at, to tell dates apart only where it matters. */
interface Features {
  month: boolean;
  day: boolean;
  weekday: boolean;
  periods: Period[];
  seconds: Set<number>;
}

function featuresOf(conditions: readonly StatementInfo[]): Features {
  const f: Features = { month: false, day: false, weekday: false, periods: [], seconds: new Set([0]) };
  for (const s of conditions) {
    if (s.value('MonthOfYearMask') !== undefined) f.month = true;
    if (s.value('DayOfMonthMask') !== undefined) f.month = f.day = true;
    if (s.value('DayOfWeekMask') !== undefined) f.weekday = true;
    const period = s.value('TimePeriod') ?? s.value('ConditionTimeRange');
    const p = period !== undefined ? readPeriod(period) : undefined;
    if (p) {
      f.periods.push(p);
      f.seconds.add(p.fromSecond);
      if (p.toSecond + 1 < 86_400) f.seconds.add(p.toSecond + 1);
    }
    const window = s.value('TimeOfDayRange');
    const m = window !== undefined ? /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(window) : null;
    if (m) {
      for (const [h, mi] of [
        [m[1], m[2]],
        [m[3], m[4]],
      ]) {
        const sec = (Number(h) * 60 + Number(mi)) * 60;
        if (sec < 86_400) f.seconds.add(sec);
      }
    }
  }
  return f;
}

/**
 * The class of a date: what the conditions can tell about it. Against the TimePeriods it is the
 * date's place among their bounds (`bounds`, sorted, distinct): dates in the same place are on the
 * same side of every bound, so one number stands for the sides of all the periods.
 */
function dateClass(ms: number, f: Features, bounds: readonly number[]): string {
  const d = new Date(ms);
  const month = d.getUTCMonth() + 1;
  const parts: (string | number)[] = [];
  if (f.month) parts.push(month);
  if (f.day) parts.push(d.getUTCDate(), new Date(Date.UTC(d.getUTCFullYear(), month, 0)).getUTCDate());
  if (f.weekday) parts.push(d.getUTCDay());
  if (bounds.length > 0) {
    const n = dateNumber(ms);
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bounds[mid]! < n) lo = mid + 1;
      else hi = mid;
    }
    parts.push(lo * 2 + (bounds[lo] === n ? 1 : 0));
  }
  return parts.join(',');
}

/** One representative date (ms at midnight) per date class, earliest first. */
function representativeDates(f: Features): number[] {
  const bounds = [...new Set(f.periods.flatMap((p) => [p.from, p.to]))].sort((a, b) => a - b);
  const seen = new Map<string, number>();
  const visit = (ms: number): void => {
    const k = dateClass(ms, f, bounds);
    if (!seen.has(k)) seen.set(k, ms);
  };
  for (let i = 0; i < CYCLE_DAYS; i++) visit(CYCLE_START + i * DAY_MS);
  f.periods.forEach((p, i) => {
    const from = msOf(p.from);
    const to = msOf(p.to);
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    const last = i < PERIODS_IN_FULL ? Math.min(to + DAY_MS, from + CYCLE_DAYS * DAY_MS) : from + DAY_MS;
    for (let ms = from - DAY_MS; ms <= last; ms += DAY_MS) visit(ms);
    for (const ms of [to - DAY_MS, to, to + DAY_MS]) visit(ms);
  });
  return [...seen.values()].sort((a, b) => a - b);
}

function momentAt(dayMs: number, second: number): ConnectionTime {
  const d = new Date(dayMs);
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
  return readTime(text)!;
}

const cache = new WeakMap<CompiledPolicy, TimeSignatures>();

/**
 * The signatures of a policy: over every time, or at the one moment a property fixes (then a rule
 * is in effect unless its condition says it is not, as `attls match` takes it).
 */
export function timeSignatures(policy: CompiledPolicy, fixed?: ConnectionTime): TimeSignatures {
  const timed = policy.rules.filter((r) => r.time && r.broken.length === 0);
  if (fixed) {
    const inEffect = new Map<number, bigint>();
    for (const r of timed) inEffect.set(r.index, r.time!.check(fixed).inEffect === false ? 0n : 1n);
    return { count: 1, all: 1n, inEffect, moments: [fixed] };
  }
  if (timed.length === 0) return { count: 1, all: 1n, inEffect: new Map(), moments: [undefined] };
  const known = cache.get(policy);
  if (known) return known;
  // Rules that share an IpTimeCondition (by reference) share its verdicts.
  const conditions: StatementInfo[] = [];
  const checks: TimeCondition[] = [];
  const slot = new Map<StatementInfo, number>();
  const ruleSlot = timed.map((r) => {
    let k = slot.get(r.time!.statement);
    if (k === undefined) {
      k = conditions.length;
      slot.set(r.time!.statement, k);
      conditions.push(r.time!.statement);
      checks.push(r.time!);
    }
    return k;
  });
  const f = featuresOf(conditions);
  const seconds = [...f.seconds].sort((a, b) => a - b);
  const index = new Map<string, number>();
  const moments: ConnectionTime[] = [];
  const bits: boolean[][] = [];
  const days = representativeDates(f);
  const incomplete = days.length * seconds.length * checks.length > CHECK_BUDGET;
  for (const day of incomplete ? [] : days) {
    for (const second of seconds) {
      const m = momentAt(day, second);
      const verdicts = checks.map((c) => c.check(m).inEffect !== false);
      const key = verdicts.map((v) => (v ? '1' : '0')).join('');
      if (index.has(key)) continue;
      index.set(key, moments.length);
      moments.push(m);
      bits.push(verdicts);
    }
  }
  const inEffect = new Map<number, bigint>();
  timed.forEach((r, i) => {
    let mask = 0n;
    bits.forEach((v, sig) => {
      if (v[ruleSlot[i]!]) mask |= 1n << BigInt(sig);
    });
    inEffect.set(r.index, mask);
  });
  const result: TimeSignatures = incomplete
    ? { count: 1, all: 1n, inEffect: new Map(timed.map((r) => [r.index, 1n])), moments: [undefined], incomplete }
    : { count: moments.length, all: (1n << BigInt(moments.length)) - 1n, inEffect, moments };
  cache.set(policy, result);
  return result;
}
