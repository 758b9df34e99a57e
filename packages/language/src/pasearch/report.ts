// Reads the text of `pasearch -t` into plain data: the header (release, image, date, instance id),
// every rule with the fields pasearch prints for it, and every action with its settings as a tree
// of blocks, parameters and code lists. Nothing is interpreted here beyond the layout: what the
// fields mean for Policy Agent is decided where the report becomes a policy (policy.ts).
import { reportLines, type ReportLine } from './lines.js';

/** A value printed after a label, and where it is: 0-based line, column in the original text. */
export interface ReportValue {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface ReportHeader {
  /** "3.1" from "TCP/IP pasearch CS 3.1" (or "2.5" from "CS V2R5"). */
  readonly release?: ReportValue;
  readonly image?: ReportValue;
  readonly date?: ReportValue;
  readonly time?: ReportValue;
  readonly instanceId?: ReportValue;
  readonly line: number;
}

/** An action a rule names, as its "policyAction:" and "ActionType:" lines give it. */
export interface ReportRuleAction {
  readonly name: ReportValue;
  /** "TTLS Group", "TTLS Environment", "TTLS Connection". */
  readonly type?: ReportValue;
  readonly sequence?: ReportValue;
}

/** One "Time Periods:" block of a rule. */
export interface ReportTimePeriod {
  readonly line: number;
  readonly firstToLast?: ReportValue;
  readonly lastToFirst?: ReportValue;
  readonly monthMask?: ReportValue;
  /** The mask only ("1111111"), without pasearch's "(Sunday - Saturday)" legend. */
  readonly weekdayMask?: ReportValue;
  readonly start?: ReportValue;
  readonly end?: ReportValue;
  readonly startUtc?: ReportValue;
  readonly endUtc?: ReportValue;
  readonly fromTime?: ReportValue;
  readonly toTime?: ReportValue;
  readonly fromTimeUtc?: ReportValue;
  readonly toTimeUtc?: ReportValue;
  readonly timeZone?: ReportValue;
}

/** The addresses of one side of a rule's condition summary. */
export interface ReportAddress {
  readonly line: number;
  readonly from?: ReportValue;
  readonly to?: ReportValue;
  /** A "Prefix:" or "Range:" line after FromAddr (seen by third-party parsers, not in our report). */
  readonly prefix?: ReportValue;
  readonly range?: ReportValue;
}

export interface ReportCondition {
  readonly line: number;
  readonly negative?: ReportValue;
  readonly local?: ReportAddress;
  readonly remote?: ReportAddress;
  readonly localPortFrom?: ReportValue;
  readonly localPortTo?: ReportValue;
  readonly remotePortFrom?: ReportValue;
  readonly remotePortTo?: ReportValue;
  readonly jobname?: ReportValue;
  readonly userid?: ReportValue;
  readonly direction?: ReportValue;
}

export interface ReportRule {
  readonly name: ReportValue;
  /** The rule's own lines: from its "policyRule:" line to its last field before the actions. */
  readonly line: number;
  readonly lastLine: number;
  readonly ruleType?: ReportValue;
  readonly version?: ReportValue;
  readonly status?: ReportValue;
  readonly weight?: ReportValue;
  readonly forLoadDist?: ReportValue;
  readonly priority?: ReportValue;
  readonly sequenceActions?: ReportValue;
  readonly actionCount?: ReportValue;
  readonly actions: readonly ReportRuleAction[];
  readonly timePeriods: readonly ReportTimePeriod[];
  readonly condition?: ReportCondition;
  readonly created?: ReportValue;
  readonly updated?: ReportValue;
  /** The actions printed after the rule, in the order printed. */
  readonly printed: readonly ReportAction[];
  /** The image section the rule is in (its header), when the report has one. */
  readonly header?: ReportHeader;
}

/** A parameter line of an action: "Keyring: start1/TN3270". */
export interface ReportParam {
  readonly kind: 'param';
  readonly key: ReportValue;
  readonly value: ReportValue;
}

/** A code of a list: "C02F  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256". */
export interface ReportItem {
  readonly kind: 'item';
  readonly code: ReportValue;
  readonly name?: ReportValue;
}

/** A label without a value followed by indented lines: a parameter block or a code list. */
export interface ReportGroup {
  readonly kind: 'group';
  readonly key: ReportValue;
  readonly entries: readonly ReportEntry[];
}

export type ReportEntry = ReportParam | ReportItem | ReportGroup;

export interface ReportAction {
  readonly name: ReportValue;
  readonly line: number;
  readonly lastLine: number;
  readonly version?: ReportValue;
  readonly status?: ReportValue;
  /** "Group", "Environment" or "Connection". */
  readonly scope?: ReportValue;
  readonly created?: ReportValue;
  readonly updated?: ReportValue;
  /** Everything else, in the order printed. */
  readonly entries: readonly ReportEntry[];
}

export interface PasearchReport {
  readonly lines: readonly ReportLine[];
  /** One per image section ("TCP/IP pasearch ... Image Name:" line), in the order printed. */
  readonly headers: readonly ReportHeader[];
  readonly rules: readonly ReportRule[];
  /** Rules of other policy types (pasearch without -t), left out. */
  readonly otherRules: readonly ReportValue[];
  /** Non-blank lines that fit nowhere (page headers, job log lines), 0-based. */
  readonly skipped: readonly number[];
  /** "No policies retrieved": pasearch found no AT-TLS policy. */
  readonly empty: boolean;
}

// --- reading lines -------------------------------------------------------------------------------

interface Line {
  readonly index: number;
  readonly indent: number;
  /** Text without the indentation. */
  readonly body: string;
  /** Column of `body` in the original line. */
  readonly column: number;
}

/** Labels that pasearch prints as a second column on the same line as another label. */
const SECOND_LABELS = ['Status', 'ForLoadDist', 'Sequence Actions', 'LocalPortTo', 'RemotePortTo', 'UserId', 'To TimeOfDay UTC', 'To TimeOfDay', 'NegativeIndicator', 'Image Name', 'Time'];

interface Field {
  readonly key: string;
  readonly value: ReportValue;
}

/**
 * The "Label: value" fields of a line, one or two: the value of the first ends where a known
 * second label starts. Labels are pasearch's words, so a value (a name, a number) never holds one.
 */
function fieldsOf(line: Line): Field[] {
  const body = line.body;
  const colon = body.indexOf(':');
  if (colon <= 0) return [];
  const out: Field[] = [];
  let key = body.slice(0, colon).trim();
  let rest = colon + 1;
  for (;;) {
    let next = -1;
    let nextLabel = '';
    for (const label of SECOND_LABELS) {
      const at = body.indexOf(` ${label}:`, rest);
      if (at >= 0 && (next < 0 || at < next)) {
        next = at;
        nextLabel = label;
      }
    }
    const end = next < 0 ? body.length : next;
    const raw = body.slice(rest, end);
    const lead = raw.length - raw.trimStart().length;
    out.push({ key, value: { text: raw.trim(), line: line.index, column: line.column + rest + lead } });
    if (next < 0) break;
    key = nextLabel;
    rest = next + 1 + nextLabel.length + 1;
  }
  return out;
}

/** "CS 3.1" -> 3.1, "CS V2R5" -> 2.5. */
function releaseOf(text: string): string | undefined {
  const dotted = /CS\s+V?(\d+)\.(\d+)/.exec(text);
  if (dotted) return `${Number(dotted[1])}.${Number(dotted[2])}`;
  const vr = /CS\s+V(\d+)R(\d+)/.exec(text);
  return vr ? `${Number(vr[1])}.${Number(vr[2])}` : undefined;
}

/** A list item: four hexadecimal digits, then blanks and the code's name (or nothing). */
function itemOf(line: Line): ReportItem | undefined {
  const b = line.body;
  if (b.length < 4 || !/^[0-9A-Fa-f]{4}$/.test(b.slice(0, 4))) return undefined;
  if (b.length > 4 && b[4] !== ' ') return undefined;
  const rest = b.slice(4);
  const name = rest.trim();
  const code = { text: b.slice(0, 4), line: line.index, column: line.column };
  if (name === '') return { kind: 'item', code };
  return { kind: 'item', code, name: { text: name, line: line.index, column: line.column + 4 + (rest.length - rest.trimStart().length) } };
}

// --- the reader ----------------------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

/** Reads a pasearch report. Never fails: what does not fit is listed in `skipped`. */
export function readReport(text: string): PasearchReport {
  const lines = reportLines(text);
  const headers: ReportHeader[] = [];
  const rules: Mutable<ReportRule>[] = [];
  const otherRules: ReportValue[] = [];
  const skipped: number[] = [];
  let empty = false;

  let header: Mutable<ReportHeader> | undefined;
  let rule: Mutable<ReportRule> | undefined;
  let action: Mutable<ReportAction> | undefined;
  /** Skipping a rule of another type up to the next rule or header. */
  let foreign = false;
  let period: Mutable<ReportTimePeriod> | undefined;
  let condition: Mutable<ReportCondition> | undefined;
  let address: Mutable<ReportAddress> | undefined;
  /** Open groups of the current action, innermost last, with the indentation of their labels. */
  let stack: { indent: number; entries: ReportEntry[] }[] = [];
  let lastAction: Mutable<ReportRuleAction> | undefined;

  const endAction = (): void => {
    if (action && rule) rule.printed.push(action);
    action = undefined;
    stack = [];
  };
  const endRule = (): void => {
    endAction();
    rule = undefined;
    period = undefined;
    condition = undefined;
    address = undefined;
    lastAction = undefined;
  };

  for (const l of lines) {
    const body = l.text.trimStart();
    if (body === '') continue;
    const line: Line = { index: l.index, indent: l.text.length - body.length, body, column: l.column + l.text.length - body.length };

    if (body.startsWith('TCP/IP pasearch')) {
      endRule();
      foreign = false;
      header = { line: l.index };
      const r = releaseOf(body);
      if (r) header.release = { text: r, line: l.index, column: line.column + body.indexOf('CS') };
      // The first line has one label, after the title: "TCP/IP pasearch CS 3.1   Image Name: TCPIP".
      const at = body.indexOf('Image Name:');
      if (at >= 0) {
        const raw = body.slice(at + 'Image Name:'.length);
        const name = raw.trim().split(/\s/)[0] ?? '';
        if (name !== '') header.image = { text: name, line: l.index, column: line.column + at + 'Image Name:'.length + raw.length - raw.trimStart().length };
      }
      headers.push(header);
      continue;
    }
    if (body.startsWith('No policies retrieved')) {
      empty = true;
      continue;
    }
    if (body.startsWith('policyRule:')) {
      endRule();
      foreign = false;
      const name = fieldsOf(line)[0]!.value;
      rule = { name, line: l.index, lastLine: l.index, actions: [], timePeriods: [], printed: [], ...(header ? { header } : {}) };
      rules.push(rule);
      continue;
    }
    if (foreign) continue;
    if (!rule) {
      // The header's own lines; anything else before the first rule is the copy's.
      const fs = fieldsOf(line);
      if (header && fs.some((f) => f.key === 'Date' || f.key === 'TTLS Instance Id')) {
        for (const f of fs) {
          if (f.key === 'Date') header.date = f.value;
          else if (f.key === 'Time') header.time = f.value;
          else if (f.key === 'TTLS Instance Id') header.instanceId = f.value;
        }
      } else skipped.push(l.index);
      continue;
    }
    if (body.startsWith('TTLS Action:')) {
      endAction();
      action = { name: fieldsOf(line)[0]!.value, line: l.index, lastLine: l.index, entries: [] };
      stack = [{ indent: line.indent, entries: action.entries }];
      continue;
    }
    if (action) {
      readActionLine(action, line, stack, skipped);
      continue;
    }
    if (!readRuleLine(rule, line)) {
      skipped.push(l.index);
      continue;
    }
    rule.lastLine = l.index;
    // Rules of other policy types (pasearch without -t) are left out whole.
    if (rule.ruleType && rule.ruleType.text.toUpperCase() !== 'TTLS' && rules[rules.length - 1] === rule) {
      rules.pop();
      otherRules.push(rule.name);
      rule = undefined;
      foreign = true;
    }
  }
  endRule();
  return { lines, headers, rules, otherRules, skipped, empty };

  /** One line inside a rule's own part; false when it is none of pasearch's rule fields. */
  function readRuleLine(r: Mutable<ReportRule>, line: Line): boolean {
    const fs = fieldsOf(line);
    if (fs.length === 0) return false;
    let known = false;
    for (const f of fs) {
      const v = f.value;
      switch (f.key) {
        case 'Rule Type': r.ruleType = v; break;
        case 'Version': r.version = v; break;
        case 'Status': r.status = v; break;
        case 'Weight': r.weight = v; break;
        case 'ForLoadDist': r.forLoadDist = v; break;
        case 'Priority': r.priority = v; break;
        case 'Sequence Actions': r.sequenceActions = v; break;
        case 'No. Policy Action': r.actionCount = v; break;
        case 'policyAction':
          lastAction = { name: v };
          r.actions.push(lastAction);
          break;
        case 'ActionType': if (lastAction) lastAction.type = v; else return false; break;
        case 'Action Sequence': if (lastAction) lastAction.sequence = v; else return false; break;
        case 'Time Periods':
          period = { line: line.index };
          r.timePeriods.push(period);
          break;
        case 'Day of Month Mask': if (!period) return false; break;
        case 'First to Last': if (period) period.firstToLast = v; else return false; break;
        case 'Last to First': if (period) period.lastToFirst = v; else return false; break;
        case 'Month of Yr Mask': if (period) period.monthMask = v; else return false; break;
        case 'Day of Week Mask':
          if (!period) return false;
          // "1111111  (Sunday - Saturday)": the legend is pasearch's, not part of the mask.
          period.weekdayMask = { ...v, text: v.text.split(/\s/)[0] ?? '' };
          break;
        case 'Start Date Time': if (period) period.start = v; else return false; break;
        case 'End Date Time': if (period) period.end = v; else return false; break;
        case 'Start Date Time UTC': if (period) period.startUtc = v; else return false; break;
        case 'End Date Time UTC': if (period) period.endUtc = v; else return false; break;
        case 'Fr TimeOfDay': if (period) period.fromTime = v; else return false; break;
        case 'To TimeOfDay': if (period) period.toTime = v; else return false; break;
        case 'Fr TimeOfDay UTC': if (period) period.fromTimeUtc = v; else return false; break;
        case 'To TimeOfDay UTC': if (period) period.toTimeUtc = v; else return false; break;
        case 'TimeZone': if (period) period.timeZone = v; else return false; break;
        case 'TTLS Condition Summary':
          condition = { line: line.index };
          r.condition = condition;
          break;
        case 'NegativeIndicator': if (condition) condition.negative = v; else return false; break;
        case 'Local Address':
        case 'Remote Address':
          if (!condition) return false;
          address = { line: line.index };
          if (f.key === 'Local Address') condition.local = address;
          else condition.remote = address;
          break;
        case 'FromAddr': if (address) address.from = v; else return false; break;
        case 'ToAddr': if (address) address.to = v; else return false; break;
        case 'Prefix': if (address) address.prefix = v; else return false; break;
        case 'Range': if (address) address.range = v; else return false; break;
        case 'LocalPortFrom': if (condition) condition.localPortFrom = v; else return false; break;
        case 'LocalPortTo': if (condition) condition.localPortTo = v; else return false; break;
        case 'RemotePortFrom': if (condition) condition.remotePortFrom = v; else return false; break;
        case 'RemotePortTo': if (condition) condition.remotePortTo = v; else return false; break;
        case 'JobName': if (condition) condition.jobname = v; else return false; break;
        case 'UserId': if (condition) condition.userid = v; else return false; break;
        case 'ServiceDirection': if (condition) condition.direction = v; else return false; break;
        case 'Policy created': r.created = v; break;
        case 'Policy updated': r.updated = v; break;
        default:
          continue;
      }
      known = true;
    }
    return known;
  }
}

/**
 * One line of an action. Indentation gives the structure: a label without a value opens a group
 * (a parameter block, or a list of codes) that holds the more indented lines after it.
 */
function readActionLine(action: Mutable<ReportAction>, line: Line, stack: { indent: number; entries: ReportEntry[] }[], skipped: number[]): void {
  // The open group a line belongs to: the innermost one whose label is less indented. A line that
  // fits nowhere (a page header of a printed copy) leaves the groups open.
  let depth = stack.length;
  while (depth > 1 && stack[depth - 1]!.indent >= line.indent) depth--;
  const item = itemOf(line);
  const fs = item ? [] : fieldsOf(line);
  if (line.indent <= stack[0]!.indent || (item ? depth === 1 : fs.length !== 1)) {
    skipped.push(line.index);
    return;
  }
  stack.length = depth;
  const top = stack[depth - 1]!;
  action.lastLine = line.index;
  if (item) {
    top.entries.push(item);
    return;
  }
  const f = fs[0]!;
  const key: ReportValue = { text: f.key, line: line.index, column: line.column };
  if (stack.length === 1) {
    switch (f.key) {
      case 'Version': action.version = f.value; return;
      case 'Status': action.status = f.value; return;
      case 'Scope': action.scope = f.value; return;
      case 'Policy created': action.created = f.value; return;
      case 'Policy updated': action.updated = f.value; return;
    }
  }
  if (f.value.text === '') {
    const group: ReportGroup = { kind: 'group', key, entries: [] };
    top.entries.push(group);
    stack.push({ indent: line.indent, entries: group.entries as ReportEntry[] });
    return;
  }
  top.entries.push({ kind: 'param', key, value: f.value });
}
