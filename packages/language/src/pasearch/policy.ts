// A pasearch report as a policy: the report becomes an AT-TLS policy text whose line N stands for
// line N of the report (lines that carry nothing become blank), and that text goes through the same
// parser and model as any policy file. Every command then matches, compares and explains the
// installed policy with the same engine, and a position in an answer is a line of the report.
//
// What the text cannot say (which values the source codes, whether Priority 1 was coded, groups
// printed as one range) is kept as notes that every answer on a report shows.
import { catalogue, TARGET_RELEASES, type ParameterSpec, type StatementSpec, type TargetRelease } from '../catalogue/index.js';
import { buildModel, type PolicyDocument, type PolicyModel } from '../model/model.js';
import { readIpSpec, readJobPattern } from '../model/values.js';
import { parse } from '../syntax/parse.js';
import { lastAtOrBelow } from '../text.js';
import { readReport, type PasearchReport, type ReportAction, type ReportEntry, type ReportHeader, type ReportItem, type ReportRule, type ReportTimePeriod, type ReportValue } from './report.js';

export interface PasearchOptions {
  /** z/OS release whose defaults fill what the report does not print (default: the report's own). */
  readonly targetRelease?: TargetRelease;
  /** The image (TCP/IP stack) to read when the report has several; case-insensitive. */
  readonly image?: string;
}

/**
 * A value the policy text carries elsewhere than the report prints it: the user ID printed beside
 * the job name, each code of a list (the text has the list on one line, the report a code a line).
 */
export interface MovedValue {
  /** 0-based line of the policy text (not of the report), and the columns [from, to) of the value there. */
  readonly line: number;
  readonly from: number;
  readonly to: number;
  /** Where the value is printed in the report (0-based line and column). */
  readonly reportLine: number;
  readonly reportColumn: number;
}

export interface PasearchPolicy {
  readonly uri: string;
  readonly report: PasearchReport;
  /** The image section read (undefined for a report without a header). */
  readonly header: ReportHeader | undefined;
  /** Every image the report has, in the order printed. */
  readonly images: readonly string[];
  /** Rules of the image read, in the order printed. */
  readonly rules: readonly ReportRule[];
  /**
   * The policy text: its line N stands for line firstLine + N of the report. firstLine is 0 but
   * where readPasearchImages reads each image of a report of several from its own section.
   */
  readonly text: string;
  readonly firstLine: number;
  readonly document: PolicyDocument;
  /** The model of the installed policy (no checks run: the report is what Policy Agent accepted). */
  readonly model: PolicyModel;
  readonly release: TargetRelease;
  /** What the report cannot tell exactly, or what attls could not read from it. */
  readonly notes: readonly string[];
  readonly moved: readonly MovedValue[];
  /** Why the report cannot be used as a policy (several images and none chosen, an unknown image). */
  readonly problem?: string;
}

// --- the policy text -----------------------------------------------------------------------------

/**
 * Writes the policy text line by line. Statements open on the line of their report label; a block
 * closes at the next line that carries something (`} TTLSEnvironmentAdvancedParms {`), which the
 * parser reads as Policy Agent would read two lines.
 */
class Writer {
  readonly out: string[];
  private pending = 0;
  private last = -1;
  /** Lines (of the report) that could not be written where they belong (a layout attls does not expect). */
  readonly lost: number[] = [];

  /** Writes report lines [from, to) as lines 0 to to - from - 1 of the text. */
  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {
    this.out = new Array<string>(to - from).fill('');
  }

  /**
   * A parameter (value given) or a block opening (open): the value at `column` when it fits.
   * Returns the column where the value's text starts, or -1 when nothing was written.
   */
  put(line: number, keyword: string, value: string | undefined, column: number | undefined, open = false): number {
    if (line <= this.last || line < this.from || line >= this.to) {
      this.lost.push(line);
      return -1;
    }
    let s = '} '.repeat(this.pending) + keyword;
    this.pending = 0;
    let at = -1;
    if (value !== undefined) {
      const word = quoted(value);
      s += column !== undefined && column > s.length ? ' '.repeat(column - s.length) : ' ';
      at = s.length + (word.length > value.length ? 1 : 0);
      s += word;
    }
    if (open) s += ' {';
    this.out[line - this.from] = s;
    this.last = line;
    return at;
  }

  close(): void {
    this.pending++;
  }

  text(): string {
    const lines = this.pending > 0 ? [...this.out, new Array<string>(this.pending).fill('}').join(' ')] : this.out;
    return lines.join('\n');
  }
}

/** A value as one word of the policy text: quoted when it has blanks or braces. */
function quoted(v: string): string {
  return v === '' || /[\s{}"]/.test(v) || v.startsWith('#') ? `"${v}"` : v;
}

const ACTION_KIND: Record<string, string> = {
  group: 'TTLSGroupAction',
  environment: 'TTLSEnvironmentAction',
  connection: 'TTLSConnectionAction',
};

/** "TTLS Environment" or "Environment" -> "environment". */
function scopeOf(text: string | undefined): string | undefined {
  const t = text?.toLowerCase().replace(/^ttls\s+/, '').trim();
  return t !== undefined && t in ACTION_KIND ? t : undefined;
}

const LIST_KINDS = new Set(['cipher-v2', 'cipher-v3', 'cipher-v3-4char', 'curve-list', 'group-list', 'sigalg-list']);

/** The text of an action's entries without positions, to tell two printings of it apart. */
function signature(entries: readonly ReportEntry[]): string {
  return entries
    .map((e) => (e.kind === 'param' ? `${e.key.text}=${e.value.text}` : e.kind === 'item' ? e.code.text : `${e.key.text}[${signature(e.entries)}]`))
    .join(';');
}

const ONES = (n: number): string => '1'.repeat(n);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Mon Dec 23 04:52:19 2024" -> "20241223045219", the form IpTimeCondition's TimePeriod takes. */
function stampOf(text: string): string | undefined {
  const w = text.trim().split(/\s+/);
  if (w.length !== 5) return undefined;
  const month = MONTHS.indexOf(w[1]!.toLowerCase().slice(0, 3));
  const day = Number(w[2]);
  const time = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(w[3]!);
  const year = Number(w[4]);
  if (month < 0 || !(day >= 1 && day <= 31) || !time || !(year >= 1970 && year <= 9999)) return undefined;
  const p = (n: number | string): string => String(n).padStart(2, '0');
  return `${year}${p(month + 1)}${p(day)}${p(time[1]!)}${time[2]}${time[3]}`;
}

/** Lines [from, to) of a report. */
interface Window {
  readonly from: number;
  readonly to: number;
}

/** Builds the policy text of the rules of one image and says what could not be carried over. */
function writePolicy(report: PasearchReport, rules: readonly ReportRule[], notes: string[], moved: MovedValue[], window: Window): string {
  const w = new Writer(window.from, window.to);
  const defined = new Map<string, { signature: string; rule: string }>();
  const line1 = (v: { line: number }): number => v.line + 1;

  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    // Values moved off their line must stay inside the rule, before its first action.
    writeRule(rule, Math.min(rule.printed[0]?.line ?? Infinity, rules[i + 1]?.line ?? Infinity, window.to));
    for (const action of rule.printed) writeAction(rule, action);
  }
  if (w.lost.length > 0) notes.push(`${w.lost.length} value${w.lost.length === 1 ? '' : 's'} of the report (first on line ${w.lost[0]! + 1}) could not be read in order and ${w.lost.length === 1 ? 'is' : 'are'} left out.`);
  return w.text();

  function writeRule(rule: ReportRule, limit: number): void {
    const name = rule.name.text;
    type Item = { line: number; keyword: string; value?: string; column?: number; open?: boolean; close?: boolean; from?: { line: number; column?: number } };
    const items: Item[] = [{ line: rule.line, keyword: 'TTLSRule', value: name, column: rule.name.column, open: true }];
    const param = (v: ReportValue | undefined, keyword: string, value = v?.text): void => {
      if (v && value !== undefined && value !== '') items.push({ line: v.line, keyword, value, column: v.column });
    };
    if (rule.status && rule.status.text.toLowerCase() !== 'active') {
      notes.push(`${name} has Status ${rule.status.text} in the report (line ${line1(rule.status)}): Policy Agent holds it but may not apply it now; attls treats it as installed.`);
    }
    if (rule.priority) {
      if (/^\d+$/.test(rule.priority.text)) param(rule.priority, 'Priority');
      else notes.push(`${name}: Priority '${rule.priority.text}' (line ${line1(rule.priority)}) is not a number; the rule is ordered as one without Priority.`);
    }
    for (const a of rule.actions) {
      const scope = scopeOf(a.type?.text);
      if (!scope) {
        notes.push(`${name}: action ${a.name.text} (line ${line1(a.name)}) has type '${a.type?.text ?? ''}', which is not a TTLS group, environment or connection action; it is left out.`);
        continue;
      }
      param(a.name, `${ACTION_KIND[scope]}Ref`);
    }
    if (rule.timePeriods.length > 0) {
      const p = rule.timePeriods[0]!;
      items.push(...timeItems(name, p));
      if (rule.timePeriods.length > 1) {
        notes.push(`${name} has ${rule.timePeriods.length} time periods in the report; attls reads only the first (line ${p.line + 1}), so its answers about when the rule applies may be wrong.`);
      }
    }
    const c = rule.condition;
    if (c) {
      if (c.negative && c.negative.text.toLowerCase() !== 'off') {
        notes.push(`${name}: NegativeIndicator is ${c.negative.text} (line ${line1(c.negative)}): Policy Agent inverts the condition, which attls cannot represent; answers for this rule are taken as if it were Off.`);
      }
      for (const [side, a] of [['Local', c.local], ['Remote', c.remote]] as const) {
        if (!a?.from) continue;
        const spec = addressSpec(a.from.text, a.to?.text, a.prefix?.text, a.range?.text);
        if (spec === undefined) continue;
        const r = readIpSpec(spec);
        if (!r.ok) notes.push(`${name}: the ${side.toLowerCase()} address '${spec}' (line ${line1(a.from)}) could not be read (${r.reason}); the rule matches nothing here.`);
        else if (!r.value.all && r.value.from !== r.value.to) {
          notes.push(`${name}: the report prints its ${side.toLowerCase()} addresses as one range (${spec}, line ${line1(a.from)}). If the policy codes an address group, pasearch shows the group's span, so addresses between its members count as matching here.`);
        }
        param(a.from, `${side}Addr`, spec);
        if (a.prefix || a.range) notes.push(`${name}: the ${side.toLowerCase()} address has a ${a.prefix ? 'Prefix' : 'Range'} line (line ${line1((a.prefix ?? a.range)!)}), read as ${spec}; this layout is known from third-party parsers only.`);
      }
      for (const [side, from, to] of [['Local', c.localPortFrom, c.localPortTo], ['Remote', c.remotePortFrom, c.remotePortTo]] as const) {
        if (!from) continue;
        const lo = Number(from.text);
        const hi = to ? Number(to.text) : lo;
        if (!Number.isInteger(lo) || !Number.isInteger(hi)) {
          notes.push(`${name}: the ${side.toLowerCase()} ports '${from.text}'-'${to?.text ?? ''}' (line ${line1(from)}) could not be read; the rule is read without them.`);
          continue;
        }
        if ((lo === 0 && (hi === 0 || hi === 65535)) || (lo <= 1 && hi === 65535)) continue;
        param(from, `${side}PortRange`, lo === hi ? String(lo) : `${lo}-${hi}`);
        if (hi > lo) notes.push(`${name}: the report prints its ${side.toLowerCase()} ports as one range (${lo}-${hi}, line ${line1(from)}). If the policy codes a port group, the range may span ports between its members.`);
      }
      for (const [keyword, v] of [['Jobname', c.jobname], ['Userid', c.userid]] as const) {
        if (!v || v.text === '') continue;
        const r = readJobPattern(v.text);
        if (!r.ok) notes.push(`${name}: ${keyword} '${v.text}' (line ${line1(v)}) could not be read (${r.reason}); the rule matches nothing here.`);
        param(v, keyword);
      }
      param(c.direction, 'Direction');
    }
    items.sort((a, b) => a.line - b.line || (a.close ? 1 : 0) - (b.close ? 1 : 0));
    // Two values printed on one line (JobName and UserId) need two lines of the text: the second
    // goes to the first line after it that carries nothing else, before the rule's actions.
    const taken = new Set(items.filter((i) => !i.close).map((i) => i.line));
    const used = new Set<number>();
    const placed: Item[] = [];
    for (const it of items) {
      if (it.close || !used.has(it.line)) {
        if (!it.close) used.add(it.line);
        placed.push(it);
        continue;
      }
      let to = it.line + 1;
      while (to < limit && taken.has(to)) to++;
      if (to >= limit) {
        notes.push(`${name}: ${it.keyword} ${it.value} (line ${it.line + 1}) could not be placed in the policy text and is left out.`);
        continue;
      }
      taken.add(to);
      placed.push({ ...it, line: to, column: undefined, from: it });
    }
    placed.sort((a, b) => a.line - b.line || (a.close ? 1 : 0) - (b.close ? 1 : 0));
    for (const it of placed) {
      if (it.close) w.close();
      else {
        const at = w.put(it.line, it.keyword, it.value, it.column, it.open);
        if (it.from && at >= 0) moved.push({ line: it.line - window.from, from: at, to: at + it.value!.length, reportLine: it.from.line, reportColumn: it.from.column ?? 0 });
      }
    }
    w.close();
  }


  function timeItems(rule: string, p: ReportTimePeriod): { line: number; keyword: string; value?: string; column?: number; open?: boolean; close?: boolean }[] {
    const out: { line: number; keyword: string; value?: string; column?: number; open?: boolean; close?: boolean }[] = [];
    const add = (v: ReportValue | undefined, keyword: string, value: string): void => {
      if (v) out.push({ line: v.line, keyword, value, column: v.column });
    };
    const ftl = p.firstToLast?.text ?? ONES(31);
    const ltf = p.lastToFirst?.text ?? ONES(31);
    if (ftl !== ONES(31) || ltf !== ONES(31)) add(p.firstToLast ?? p.lastToFirst, 'DayOfMonthMask', ftl + ltf);
    if (p.monthMask && p.monthMask.text !== ONES(12)) add(p.monthMask, 'MonthOfYearMask', p.monthMask.text);
    if (p.weekdayMask && p.weekdayMask.text !== ONES(7)) add(p.weekdayMask, 'DayOfWeekMask', p.weekdayMask.text);
    const none = (v: ReportValue | undefined): boolean => !v || v.text === '' || v.text.toLowerCase() === 'none';
    if (!none(p.start) || !none(p.end)) {
      const from = none(p.start) ? '19700101000000' : stampOf(p.start!.text);
      const to = none(p.end) ? '20991231235959' : stampOf(p.end!.text);
      if (from && to) add(p.start ?? p.end, 'TimePeriod', `${from}:${to}`);
      else notes.push(`${rule}: the time period '${p.start?.text ?? ''}' to '${p.end?.text ?? ''}' (line ${(p.start ?? p.end)!.line + 1}) could not be read; the rule is taken to be in effect at any date.`);
    }
    const fromTime = p.fromTime?.text ?? '00:00';
    const toTime = p.toTime?.text ?? '24:00';
    if (fromTime !== '00:00' || toTime !== '24:00') add(p.fromTime ?? p.toTime, 'TimeOfDayRange', `${fromTime}-${toTime}`);
    if (out.length === 0) return [];
    if (p.timeZone && p.timeZone.text.toLowerCase() !== 'local') add(p.timeZone, 'TimeZone', p.timeZone.text);
    const last = Math.max(...out.map((i) => i.line));
    return [{ line: p.line, keyword: 'IpTimeCondition', open: true }, ...out, { line: last, keyword: '', close: true }];
  }

  function writeAction(rule: ReportRule, action: ReportAction): void {
    const name = action.name.text;
    const declared = rule.actions.find((a) => a.name.text === name);
    const scope = scopeOf(action.scope?.text) ?? scopeOf(declared?.type?.text);
    if (!scope) {
      notes.push(`Action ${name} (line ${line1(action.name)}) has no scope attls knows ('${action.scope?.text ?? ''}'); it is left out.`);
      return;
    }
    const sig = `${scope}:${signature(action.entries)}`;
    const seen = defined.get(name);
    if (seen) {
      if (seen.signature !== sig) {
        notes.push(`Action ${name} is printed differently under ${seen.rule} and ${rule.name.text} (line ${line1(action.name)}); attls uses the first printing.`);
      }
      return;
    }
    defined.set(name, { signature: sig, rule: rule.name.text });
    const kind = ACTION_KIND[scope]!;
    w.put(action.line, kind, name, action.name.column, true);
    writeEntries(action.entries, catalogue.statement(kind)!, `${kind} ${name}`);
    w.close();
  }

  function writeEntries(entries: readonly ReportEntry[], owner: StatementSpec, where: string): void {
    for (const e of entries) {
      if (e.kind === 'item') continue;
      const spec = catalogue.parameter(owner, e.key.text);
      if (e.kind === 'param') {
        if (!spec || spec.kind === 'inline-block' || spec.kind === 'name-ref') {
          notes.push(`${where}: '${e.key.text}' (line ${line1(e.key)}) is not a parameter attls knows there; its value ${e.value.text} is left out.`);
          continue;
        }
        if (e.value.text.includes('"') || e.value.text.toLowerCase() === '<not available>') {
          notes.push(`${where}: ${spec.name} (line ${line1(e.key)}) shows '${e.value.text}', which attls cannot read; it is left out.`);
          continue;
        }
        const keyword = spec.kind === 'cipher-v3' && /^([0-9A-Fa-f]{4})+$/.test(e.value.text) && e.value.text.length > 2 ? 'V3CipherSuites4Char' : spec.name;
        w.put(e.key.line, keyword, e.value.text, e.value.column);
        continue;
      }
      if (spec?.kind === 'inline-block' && spec.inlineKind) {
        const inner = catalogue.statement(spec.inlineKind)!;
        w.put(e.key.line, inner.name, undefined, undefined, true);
        writeEntries(e.entries, inner, `${inner.name} in ${where}`);
        w.close();
        continue;
      }
      // A label printed without a value or lines under it sets nothing.
      if (e.entries.length === 0) continue;
      const items = e.entries.filter((x) => x.kind === 'item');
      if (spec && LIST_KINDS.has(spec.kind) && items.length === e.entries.length) {
        if (items.length === 0) continue;
        writeList(e.key, spec, items as readonly ReportItem[]);
        continue;
      }
      notes.push(`${where}: '${e.key.text}' (line ${line1(e.key)}) is not a parameter block or list attls knows there; it is left out.`);
    }
  }

  function writeList(key: ReportValue, spec: ParameterSpec, items: readonly ReportItem[]): void {
    // Cipher suites print as 4-character codes; the other lists take the codes as printed. The
    // text has the list on the label's line; each code keeps the line it is printed on.
    const keyword = spec.kind === 'cipher-v3' ? 'V3CipherSuites4Char' : spec.name;
    const at = w.put(key.line, keyword, items.map((i) => i.code.text.toUpperCase()).join(''), undefined);
    if (at < 0) return;
    let from = at;
    for (const i of items) {
      moved.push({ line: key.line - window.from, from, to: from + i.code.text.length, reportLine: i.code.line, reportColumn: i.code.column });
      from += i.code.text.length;
    }
  }
}

/** The LocalAddr/RemoteAddr value for what the report prints; undefined for All. */
function addressSpec(from: string, to: string | undefined, prefix: string | undefined, range: string | undefined): string | undefined {
  if (from === '' || from.toLowerCase() === 'all') return undefined;
  if (prefix !== undefined && prefix !== '') return `${from}/${prefix.replace(/^\//, '')}`;
  const end = range !== undefined && range !== '' ? range : to;
  if (end === undefined || end === '' || end === from) return from;
  return `${from}-${end}`;
}

// --- the policy of a report ----------------------------------------------------------------------

const REPORTS = new WeakMap<PolicyModel, PasearchPolicy>();

/** The report a model was read from, when it was (a model of policy files gives undefined). */
export function pasearchOf(model: PolicyModel): PasearchPolicy | undefined {
  return REPORTS.get(model);
}

function isTargetRelease(r: string | undefined): r is TargetRelease {
  return r !== undefined && (TARGET_RELEASES as readonly string[]).includes(r);
}

/**
 * Reads a pasearch report as the installed policy of one image. `uri` names the report in
 * answers. Never fails: a report that cannot serve as a policy has `problem` set.
 */
export function readPasearch(uri: string, text: string, options: PasearchOptions = {}): PasearchPolicy {
  const report = readReport(text);
  return pasearchPolicy(uri, report, options, { from: 0, to: report.lines.length });
}

/**
 * Reads a pasearch report as one installed policy per image (one when the report names at most
 * one image), reading the text once. With several images, each policy text holds only the lines
 * of its own sections (from its firstLine), so that a report of many images is read in time linear
 * in its length; map positions back with reportPosition.
 */
export function readPasearchImages(uri: string, text: string, options: Omit<PasearchOptions, 'image'> = {}): PasearchPolicy[] {
  const report = readReport(text);
  const byImage = imagesOf(report);
  if (byImage.images.length <= 1) return [pasearchPolicy(uri, report, options, { from: 0, to: report.lines.length })];
  const starts = report.headers.map((h) => h.line).sort((a, b) => a - b);
  return byImage.images.map((image) => {
    const key = image.toUpperCase();
    const first = byImage.headers.get(key)!.line;
    const rules = byImage.rules.get(key) ?? [];
    // To the end of the section (the next header, or the end of the report) of its last rule.
    const next = starts[lastAtOrBelow(starts, Math.max(first, rules[rules.length - 1]?.line ?? first)) + 1];
    return pasearchPolicy(uri, report, { ...options, image }, { from: first, to: next ?? report.lines.length });
  });
}

/** The images of a report (the first spelling of each name), its first header and its rules by image (upper case). */
interface Images {
  readonly images: readonly string[];
  readonly headers: ReadonlyMap<string, ReportHeader>;
  readonly rules: ReadonlyMap<string, ReportRule[]>;
}

const IMAGES = new WeakMap<PasearchReport, Images>();

/** A report's images, worked out once per report (a report may print thousands of headers). */
function imagesOf(report: PasearchReport): Images {
  let found = IMAGES.get(report);
  if (!found) {
    const images: string[] = [];
    const headers = new Map<string, ReportHeader>();
    for (const h of report.headers) {
      const n = h.image?.text;
      if (n === undefined) continue;
      const key = n.toUpperCase();
      if (!headers.has(key)) {
        headers.set(key, h);
        if (n) images.push(n);
      }
    }
    const rules = new Map<string, ReportRule[]>();
    for (const r of report.rules) {
      const key = r.header?.image?.text.toUpperCase();
      if (key === undefined) continue;
      const list = rules.get(key);
      if (list) list.push(r);
      else rules.set(key, [r]);
    }
    IMAGES.set(report, (found = { images, headers, rules }));
  }
  return found;
}

/** Images named in a message: the first few and how many more. */
function imageList(images: readonly string[]): string {
  const shown = images.slice(0, 10).join(', ');
  return images.length > 10 ? `${shown} and ${images.length - 10} more` : shown;
}

function pasearchPolicy(uri: string, report: PasearchReport, options: PasearchOptions, window: Window): PasearchPolicy {
  const notes: string[] = [];
  const moved: MovedValue[] = [];
  const byImage = imagesOf(report);
  const images = byImage.images;
  let problem: string | undefined;
  let header = report.headers[0];
  let rules = report.rules;
  if (options.image !== undefined) {
    const wanted = options.image.toUpperCase();
    const found = byImage.headers.get(wanted);
    if (!found) problem = `image '${options.image}' is not in the report (it has ${imageList(images) || 'no image name'})`;
    else {
      header = found;
      rules = byImage.rules.get(wanted) ?? [];
    }
  } else if (images.length > 1) {
    problem = `the report has several images (${imageList(images)}); choose one with --stack`;
  }
  const reported = header?.release?.text;
  const release = options.targetRelease ?? (isTargetRelease(reported) ? reported : undefined);
  if (rules.length === 0 && !problem) {
    notes.push(report.empty ? 'pasearch retrieved no AT-TLS policies ("No policies retrieved"): no connection gets AT-TLS.' : 'The report holds no AT-TLS rules.');
  }
  if (report.otherRules.length > 0) {
    notes.push(`${report.otherRules.length} rule${report.otherRules.length === 1 ? '' : 's'} of other policy types (not TTLS) in the report ${report.otherRules.length === 1 ? 'is' : 'are'} left out.`);
  }
  const policyText = writePolicy(report, rules, notes, moved, window);
  notes.unshift('pasearch prints every setting of an environment action, coded or not, so the report cannot tell which values the policy codes; each printed value is read as set where it is printed.');
  if (rules.some((r) => r.priority?.text === '1')) {
    notes.splice(1, 0, 'The report shows Priority 1 both for rules coded with Priority 1 and for rules without a Priority; both are read as Priority 1.');
  }
  const firstContent = Math.min(report.headers[0]?.line ?? Infinity, report.rules[0]?.line ?? Infinity);
  const skipped = report.skipped.filter((l) => l > firstContent);
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).map((l) => l + 1).join(', ');
    notes.push(`${skipped.length} line${skipped.length === 1 ? '' : 's'} of the report did not fit pasearch's layout and ${skipped.length === 1 ? 'was' : 'were'} skipped (line${skipped.length === 1 ? '' : 's'} ${shown}${skipped.length > 5 ? ', ...' : ''}).`);
  }
  if (reported !== undefined && !isTargetRelease(reported) && options.targetRelease === undefined) {
    notes.push(`The report is from Communications Server ${reported}, a release attls has no defaults for; the defaults of z/OS ${release ?? '3.1'} fill what it does not print.`);
  }
  const document: PolicyDocument = { uri, parse: parse(policyText) };
  const model = buildModel([document], release ? { targetRelease: release } : {});
  const result: PasearchPolicy = {
    uri,
    report,
    header,
    images,
    rules,
    text: policyText,
    firstLine: window.from,
    document,
    model,
    release: model.release,
    notes,
    moved,
    ...(problem ? { problem } : {}),
  };
  REPORTS.set(model, result);
  return result;
}

/** One line about where a report comes from: "pasearch report of image TCPIP, 12/23/2024 04:52:29, CS 3.1". */
export function describeReport(p: PasearchPolicy): string {
  const h = p.header;
  const parts = [`pasearch report${h?.image ? ` of image ${h.image.text}` : ''}`];
  if (h?.date) parts.push(`${h.date.text}${h.time ? ` ${h.time.text}` : ''}`);
  if (h?.release) parts.push(`CS ${h.release.text}`);
  if (h?.instanceId) parts.push(`TTLS instance ${h.instanceId.text}`);
  return parts.join(', ');
}

/**
 * Where a position of the policy text is in the report: the same line, and the same column for
 * values (they are written at the report's columns), except for values moved to another line.
 * `end`: the position ends a range (the end of a moved value still maps into it).
 */
export function reportPosition(p: PasearchPolicy, line: number, character: number, end = false): { line: number; character: number } {
  let first: MovedValue | undefined;
  for (const m of p.moved) {
    if (m.line !== line) continue;
    first ??= m;
    if ((character >= m.from && character < m.to) || (end && character === m.to)) return { line: m.reportLine, character: m.reportColumn + character - m.from };
  }
  if (first) return { line: first.reportLine, character: first.reportColumn };
  const at = p.firstLine + line;
  const original = p.report.lines[at];
  if (!original) return { line: Math.max(0, p.report.lines.length - 1), character: 0 };
  return { line: at, character: Math.min(character, original.column + original.text.length) };
}
