// IpTimeCondition: when a rule is in effect. The statement's parameters are recalled, not
// confirmed from IBM text, so every reading here is reported as uncertain, and a value we cannot
// read leaves the question open (the rule is then taken to be in effect, and the answer says so).
import type { StatementInfo } from '@attls/language';

/** A point in time as the connection's z/OS system would see it. */
export interface ConnectionTime {
  /** The text the user gave. */
  readonly text: string;
  /** Wall-clock fields as written (taken as z/OS local time). */
  readonly local: TimeFields;
  /** The same moment in UTC, when the text carried an offset or Z. */
  readonly utc: TimeFields | undefined;
}

export interface TimeFields {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number; // 0 = Sunday
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function fieldsOf(ms: number): TimeFields {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** Reads `2025-03-01T10:30[:00][Z|+01:00]`; undefined when it is not such a time. */
export function readTime(text: string): ConnectionTime | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const local = fieldsOf(wall);
  if (local.day !== d) return undefined; // 2025-02-30 and the like
  let utc: TimeFields | undefined;
  const zone = m[7];
  if (zone) {
    let offset = 0;
    if (zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    }
    utc = fieldsOf(wall - offset * 60_000);
  }
  return { text, local, utc };
}

export interface TimeVerdict {
  /** undefined: the condition could not be read, so it is taken to hold. */
  readonly inEffect: boolean | undefined;
  /** Why, in words: "DayOfWeekMask 0111110 excludes Sunday". */
  readonly reason: string;
}

/** A compiled IpTimeCondition. */
export interface TimeCondition {
  readonly statement: StatementInfo;
  /** "IpTimeConditionRef Weekdays" or "IpTimeCondition (inline)". */
  readonly text: string;
  check(time: ConnectionTime): TimeVerdict;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads `yyyymmdd[hhmmss]` into a sortable number, or undefined. */
function stamp(text: string, end: boolean): number | undefined {
  if (!/^\d{8}(\d{4}(\d{2})?)?$/.test(text)) return undefined;
  const time = text.length === 8 ? (end ? '235959' : '000000') : text.length === 12 ? text.slice(8) + (end ? '59' : '00') : text.slice(8);
  return Number(text.slice(0, 8) + time);
}

export function compileTime(statement: StatementInfo, text: string): TimeCondition {
  const get = (kw: string): string | undefined => statement.value(kw);
  return {
    statement,
    text,
    check(time: ConnectionTime): TimeVerdict {
      const zone = (get('TimeZone') ?? 'Local').toLowerCase();
      const unsure: string[] = [];
      let t = time.local;
      if (zone === 'utc') {
        if (time.utc) t = time.utc;
        else unsure.push('the time has no offset, so it was taken as UTC');
      }
      const when = `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)} ${zone === 'utc' ? 'UTC' : 'local'}`;
      const unreadable = (kw: string, v: string): TimeVerdict => ({
        inEffect: undefined,
        reason: `${kw} '${v}' could not be read, so the rule is taken to be in effect`,
      });
      const period = get('TimePeriod') ?? get('ConditionTimeRange');
      if (period !== undefined) {
        const [a, b] = period.split(':');
        const from = a !== undefined ? stamp(a, false) : undefined;
        const to = b !== undefined ? stamp(b, true) : undefined;
        if (from === undefined || to === undefined) return unreadable('TimePeriod', period);
        const now = Number(`${t.year}${pad(t.month)}${pad(t.day)}${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`);
        if (now < from || now > to) return { inEffect: false, reason: `${when} is outside TimePeriod ${period}` };
      }
      const months = get('MonthOfYearMask');
      if (months !== undefined) {
        if (!/^[01]{12}$/.test(months)) return unreadable('MonthOfYearMask', months);
        if (months[t.month - 1] !== '1') return { inEffect: false, reason: `MonthOfYearMask ${months} excludes month ${t.month}` };
      }
      const weekdays = get('DayOfWeekMask');
      if (weekdays !== undefined) {
        if (!/^[01]{7}$/.test(weekdays)) return unreadable('DayOfWeekMask', weekdays);
        if (weekdays[t.weekday] !== '1') return { inEffect: false, reason: `DayOfWeekMask ${weekdays} excludes ${DAYS[t.weekday]}` };
      }
      const monthDays = get('DayOfMonthMask');
      if (monthDays !== undefined) {
        if (!/^[01]{31}([01]{31})?$/.test(monthDays)) return unreadable('DayOfMonthMask', monthDays);
        // Two halves, as pasearch prints them: days 1 to 31 from the first, then days counted back
        // from the last day. A day is in effect when either half has its bit (IETF policy MIB,
        // RFC 4807); a 31-character mask has the first half only.
        const fromStart = monthDays[t.day - 1] === '1';
        const fromEnd = monthDays.length === 62 && monthDays[31 + daysInMonth(t.year, t.month) - t.day] === '1';
        if (!fromStart && !fromEnd) return { inEffect: false, reason: `DayOfMonthMask excludes day ${t.day}, counted from either end of the month` };
      }
      const window = get('TimeOfDayRange');
      if (window !== undefined) {
        const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(window);
        if (!m) return unreadable('TimeOfDayRange', window);
        const from = Number(m[1]) * 60 + Number(m[2]);
        const to = Number(m[3]) * 60 + Number(m[4]);
        const now = t.hour * 60 + t.minute;
        const inside = from <= to ? now >= from && now < to : now >= from || now < to;
        if (!inside) return { inEffect: false, reason: `${pad(t.hour)}:${pad(t.minute)} is outside TimeOfDayRange ${window}` };
      }
      const note = unsure.length > 0 ? ` (${unsure.join('; ')})` : '';
      return { inEffect: true, reason: `${when} is inside ${text}${note}` };
    },
  };
}
