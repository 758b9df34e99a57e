// Batch matching: connections from CSV (header direction,local_addr,local_port,remote_addr,
// remote_port,jobname,userid[,time]; any column may be left out, direction only when a default
// direction is given), matched through the index, answered one compact JSON line each or
// summarised per rule.
import { ipv4Value, type IpAddress } from '@attls/language';
import type { CompiledPolicy, CompiledRule } from './compile.js';
import { CONNECTION_FIELDS, directionValue, nameValue, portValue, readConnection, type Connection, type ConnectionFields, type Direction } from './connection.js';
import type { RuleIndex } from './index-matcher.js';
import { isSecured } from './report.js';

export interface CsvRow {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Splits CSV text into rows: comma-separated, fields optionally in double quotes (a doubled quote
 * inside is one quote; quoted fields may contain commas and line breaks), CRLF or LF line ends,
 * blank lines skipped, a leading byte-order mark ignored.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const reader = new CsvReader((row) => rows.push(row));
  reader.push(text);
  reader.end();
  return rows;
}

/**
 * CSV given in pieces (a file read a chunk at a time), split into rows as they complete: a row
 * whose end, or whose quoted field, runs past a piece waits for the next. Each row goes to `onRow`
 * as soon as it is read, so a million rows take the memory of one row and one piece of text (and
 * a row is garbage before the collector first looks at it, which keeps the old generation small).
 */
export class CsvReader {
  /** Text after the last complete row. */
  private pending = '';
  /** Line number of the first line of `pending`. */
  private line = 1;
  private started = false;

  /**
   * `onLine`, when given, is offered each line without quotes first, as a range of the text (the
   * line end not included): it returns true when it has dealt with the line itself, and the line
   * then makes no row. Batch matching reads its common rows this way, without cutting out fields.
   */
  constructor(
    private readonly onRow: (row: CsvRow) => void,
    private readonly onLine?: (text: string, start: number, end: number, line: number) => boolean,
  ) {}

  /** Adds a piece of text and hands on the rows it completes. */
  push(chunk: string): void {
    let text = this.pending === '' ? chunk : this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending = text.slice(this.read(text, false));
  }

  /** Hands on the rows of what is left at the end of the input. */
  end(): void {
    if (this.pending !== '') this.read(this.pending, true);
    this.pending = '';
  }

  /** Reads the complete rows of `text`; returns where the incomplete rest begins. */
  private read(text: string, final: boolean): number {
    const { onRow, onLine } = this;
    let i = 0;
    let line = this.line;
    const n = text.length;
    // The next double quote at or after i (-1: none in the rest of the text), looked for again
    // only once i has passed it, so that the text is searched for quotes once in all.
    let quote = text.indexOf('"');
    while (i < n) {
      let nl = text.indexOf('\n', i);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      if (quote !== -1 && quote < i) quote = text.indexOf('"', i);
      if (quote === -1 || quote > nl) {
        // The common case: no quotes on the line, so splitting at commas is exact.
        if (!onLine?.(text, i, nl, line)) {
          const raw = text.slice(i, nl);
          if (raw.trim() !== '') onRow({ line, fields: trimmed(raw.split(',')) });
        }
        i = nl + 1;
        line++;
        continue;
      }
      const r = parseRecord(text, i);
      if (r.incomplete && !final) break;
      if (r.fields.length > 1 || r.fields[0]!.trim() !== '' || r.quoted) onRow({ line, fields: r.fields.map((f) => f.trim()) });
      line += r.lines;
      i = r.next;
    }
    this.line = line;
    return Math.min(i, n);
  }
}

/** The fields with blanks (and a CR of a CRLF line end) around them removed, in place. */
function trimmed(fields: string[]): string[] {
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    if (f.length > 0 && (f.charCodeAt(0) <= 32 || f.charCodeAt(f.length - 1) <= 32)) fields[k] = f.trim();
  }
  return fields;
}

function parseRecord(text: string, start: number): { fields: string[]; next: number; lines: number; quoted: boolean; incomplete: boolean } {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let sawQuote = false;
  let lines = 1;
  let i = start;
  const n = text.length;
  for (;;) {
    if (i >= n) {
      fields.push(field);
      return { fields, next: n, lines, quoted: sawQuote, incomplete: true };
    }
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          quoted = false;
          i++;
        }
      } else {
        if (c === '\n') lines++;
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      sawQuote = true;
      field = '';
      i++;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n') {
      fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      return { fields, next: i + 1, lines, quoted: sawQuote, incomplete: false };
    } else {
      field += c;
      i++;
    }
  }
}

export interface BatchInput {
  readonly columns: readonly (keyof ConnectionFields)[];
  /** The rows after the header. */
  readonly rows: Iterable<CsvRow>;
  /** Direction of a row whose direction is missing (no column) or empty. */
  readonly defaultDirection?: Direction;
}

export interface BatchOptions {
  /** Direction for rows that give none (`attls match --batch --direction`). */
  readonly defaultDirection?: Direction;
}

/**
 * Checks the header; throws an Error with a one-line message when the file cannot be used: an
 * unknown or repeated column, or rows that cannot have a direction (no direction column and no
 * default). A header without rows is fine either way.
 */
/** The columns of a CSV header row; throws with a one-line reason when it is not one. */
export function batchColumns(header: CsvRow): readonly (keyof ConnectionFields)[] {
  const columns = header.fields.map((f) => f.toLowerCase().replace(/[\s-]+/g, '_'));
  for (const c of columns) {
    if (!(CONNECTION_FIELDS as readonly string[]).includes(c)) {
      throw new Error(`unknown CSV column '${c}' on line ${header.line}; columns are ${CONNECTION_FIELDS.join(', ')}`);
    }
  }
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new Error(`the CSV header names column '${dup}' twice`);
  return columns as (keyof ConnectionFields)[];
}

/** The CSV file has no header row. */
export const EMPTY_CSV = 'the CSV file is empty; it needs a header line such as direction,local_addr,local_port,remote_addr,remote_port,jobname,userid';

/** Why no row can be answered: no direction column and no default direction. */
export function noDirection(row: CsvRow, header: CsvRow): string {
  return `line ${row.line} has no direction: the CSV header (line ${header.line}) has no direction column and no default direction was given (--direction)`;
}

export function readBatchHeader(rows: Iterable<CsvRow>, options: BatchOptions = {}): BatchInput {
  const it = rows[Symbol.iterator]();
  const first = it.next();
  const header = first.done ? undefined : first.value;
  if (!header) throw new Error(EMPTY_CSV);
  const columns = batchColumns(header);
  const defaultDirection = options.defaultDirection;
  let rest: Iterator<CsvRow> = it;
  if (!columns.includes('direction') && defaultDirection === undefined) {
    // Every row lacks a direction: one line says so, rather than one error per row.
    const next = it.next();
    if (!next.done) throw new Error(noDirection(next.value, header));
    rest = [][Symbol.iterator]();
  }
  return { columns, rows: { [Symbol.iterator]: () => rest }, defaultDirection };
}

export type BatchOutcome = { readonly line: number; readonly rule: CompiledRule | undefined } | { readonly line: number; readonly error: string };

/** Matches every row through the index; rows that cannot be read become errors naming the line. */
export function* matchBatch(index: RuleIndex, input: BatchInput): Generator<BatchOutcome> {
  const matcher = new BatchMatcher(index, input.columns, input.defaultDirection);
  for (const row of input.rows) yield matcher.match(row);
}

/** Answers rows of a batch one at a time, for a header's columns. */
export class BatchMatcher {
  private readonly directionAt: number;
  /** What each column holds, as a number (QUICK_*), so that a row is read without comparing names. */
  private readonly kinds: Uint8Array;

  constructor(
    private readonly index: RuleIndex,
    private readonly columns: readonly (keyof ConnectionFields)[],
    private readonly defaultDirection?: Direction,
  ) {
    this.directionAt = columns.indexOf('direction');
    this.kinds = Uint8Array.from(columns, (c) => QUICK_KINDS[c] ?? QUICK_OTHER);
  }

  /**
   * The rule a CSV line without quotes gets, read in place from the text: undefined when the line
   * needs reading as a row (match), which also words what is wrong with it. That is the case for a
   * blank line, another number of fields than the header's, a field with blanks other than spaces,
   * tabs or a carriage return around it, and any value the quick reading does not take.
   */
  matchLine(text: string, start: number, end: number, line: number): BatchOutcome | undefined {
    const c = quickLine(this.kinds, text, start, end, this.defaultDirection);
    return c ? { line, rule: this.index.match(c) } : undefined;
  }

  /** The rule a row gets, or why the row cannot be read. */
  match(row: CsvRow): BatchOutcome {
    const { columns, defaultDirection, directionAt } = this;
    if (row.fields.length !== columns.length) {
      return { line: row.line, error: `has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'}, the header has ${columns.length}` };
    }
    const fast = quickConnection(this.kinds, row.fields, defaultDirection);
    if (fast) return { line: row.line, rule: this.index.match(fast) };
    const fields: Record<string, string> = {};
    for (let k = 0; k < columns.length; k++) fields[columns[k]!] = row.fields[k]!;
    if (defaultDirection && (directionAt < 0 || row.fields[directionAt]!.trim() === '')) fields['direction'] = defaultDirection;
    const r = readConnection(fields);
    if (!r.connection) return { line: row.line, error: r.problems.join('; ') };
    return { line: row.line, rule: this.index.match(r.connection) };
  }
}

const QUICK_DIRECTION = 1;
const QUICK_LOCAL_ADDR = 2;
const QUICK_REMOTE_ADDR = 3;
const QUICK_LOCAL_PORT = 4;
const QUICK_REMOTE_PORT = 5;
const QUICK_JOBNAME = 6;
const QUICK_USERID = 7;
/** A column the quick reading leaves to readConnection (time). */
const QUICK_OTHER = 0;
const QUICK_KINDS: Partial<Record<keyof ConnectionFields, number>> = {
  direction: QUICK_DIRECTION,
  local_addr: QUICK_LOCAL_ADDR,
  remote_addr: QUICK_REMOTE_ADDR,
  local_port: QUICK_LOCAL_PORT,
  remote_port: QUICK_REMOTE_PORT,
  jobname: QUICK_JOBNAME,
  userid: QUICK_USERID,
};

type QuickConnection = { -readonly [K in keyof Connection]?: Connection[K] };

/**
 * The common row read without intermediate objects: IPv4 addresses, ports, names. Anything
 * else (IPv6, a time, an empty direction, a bad value) returns undefined, and the row goes
 * through readConnection, which also words the problems.
 */
function quickConnection(kinds: Uint8Array, fields: readonly string[], defaultDirection: Direction | undefined): Connection | undefined {
  const c: QuickConnection = {};
  for (let k = 0; k < kinds.length; k++) {
    const v = fields[k]!;
    if (v !== '' && !quickValue(c, kinds[k]!, v, 0, v.length)) return undefined;
  }
  return withDirection(c, defaultDirection);
}

/** The connection read, with the default direction when the row gave none; undefined without one. */
function withDirection(c: QuickConnection, defaultDirection: Direction | undefined): Connection | undefined {
  c.direction ??= defaultDirection;
  return c.direction ? (c as Connection) : undefined;
}

/** Blanks a field may have around it in the reading in place: space, tab, and the CR of a CRLF. */
const isEdgeBlank = (ch: number): boolean => ch === 32 || ch === 9 || ch === 13;

/**
 * quickConnection for a line of CSV text (start to end, no quotes in it), reading each field where
 * it is. Undefined where the row reading could differ: a blank line (which makes no row), a number
 * of fields other than the header's, or a field the quick reading does not take.
 */
function quickLine(kinds: Uint8Array, text: string, start: number, end: number, defaultDirection: Direction | undefined): Connection | undefined {
  const c: QuickConnection = {};
  const last = kinds.length - 1;
  let from = start;
  for (let k = 0; k <= last; k++) {
    // The field's end: the next comma, which only the last field must not have.
    let to = from;
    while (to < end && text.charCodeAt(to) !== 44) to++;
    if ((to === end) !== (k === last)) return undefined;
    let s = from;
    let e = to;
    while (s < e && isEdgeBlank(text.charCodeAt(s))) s++;
    while (e > s && isEdgeBlank(text.charCodeAt(e - 1))) e--;
    if (s < e) {
      if (!quickValue(c, kinds[k]!, text, s, e)) return undefined;
    } else if (last === 0) return undefined; // a blank line
    from = to + 1;
  }
  return withDirection(c, defaultDirection);
}

/**
 * Reads one field's value (text from s to e, no blanks around it) into c by its column's kind;
 * false when the quick reading does not take it.
 */
function quickValue(c: QuickConnection, kind: number, text: string, s: number, e: number): boolean {
  switch (kind) {
    case QUICK_DIRECTION:
      return (c.direction = directionValue(text.slice(s, e))) !== undefined;
    case QUICK_LOCAL_ADDR:
      return (c.localAddr = ipv4Address(text, s, e)) !== undefined;
    case QUICK_REMOTE_ADDR:
      return (c.remoteAddr = ipv4Address(text, s, e)) !== undefined;
    case QUICK_LOCAL_PORT:
      return (c.localPort = portValue(text, s, e)) !== undefined;
    case QUICK_REMOTE_PORT:
      return (c.remotePort = portValue(text, s, e)) !== undefined;
    case QUICK_JOBNAME:
      return (c.jobname = nameValue(text.slice(s, e))) !== undefined;
    case QUICK_USERID:
      return (c.userid = nameValue(text.slice(s, e))) !== undefined;
    default:
      return false;
  }
}

/** An IPv4 address in dotted form (text from s to e), else undefined. */
function ipv4Address(text: string, s: number, e: number): IpAddress | undefined {
  const a = ipv4Value(text, s, e);
  return a === undefined ? undefined : { family: 4, value: BigInt(a) };
}

/** JSON Lines output: one compact answer per connection; the per-rule part is built once. */
export class JsonLines {
  private readonly tails = new Map<CompiledRule | undefined, string>();

  line(o: BatchOutcome): string {
    if ('error' in o) return JSON.stringify({ line: o.line, error: o.error });
    let tail = this.tails.get(o.rule);
    if (tail === undefined) {
      const r = o.rule;
      tail = JSON.stringify({
        rule: r?.name ?? null,
        order: r?.order ?? null,
        priority: r?.priority ?? null,
        secured: isSecured(r),
        actions: { group: r?.group?.name ?? null, environment: r?.environment?.name ?? null, connection: r?.connection?.name ?? null },
      }).slice(1);
      this.tails.set(o.rule, tail);
    }
    return `{"line":${o.line},${tail}`;
  }
}

/** Counts per rule for `--format summary`. */
export class BatchSummary {
  readonly hits: number[];
  none = 0;
  errors = 0;
  total = 0;

  constructor(readonly policy: CompiledPolicy) {
    this.hits = new Array<number>(policy.rules.length).fill(0);
  }

  add(o: BatchOutcome): void {
    this.total++;
    if ('error' in o) this.errors++;
    else if (o.rule) this.hits[o.rule.index]!++;
    else this.none++;
  }

  text(): string {
    const rules = this.policy.rules;
    const matched = this.total - this.errors;
    const out: string[] = [];
    out.push(`${matched} connection${matched === 1 ? '' : 's'} matched against ${rules.length} rules${this.errors ? ` (${this.errors} row${this.errors === 1 ? '' : 's'} skipped)` : ''}`);
    out.push('');
    const rows: string[][] = [['hits', 'share', 'order', 'rule', 'priority', 'result']];
    const pct = (n: number): string => (matched === 0 ? '-' : `${((100 * n) / matched).toFixed(1)}%`);
    rules.forEach((r, i) => {
      const n = this.hits[i]!;
      if (n === 0) return;
      rows.push([String(n), pct(n), `#${r.order}`, r.name, r.coded === undefined ? `${r.priority}*` : String(r.priority), r.enabled === true ? 'secured' : r.enabled === false ? 'not secured (TTLSEnabled Off)' : 'unknown']);
    });
    if (this.none > 0) rows.push([String(this.none), pct(this.none), '-', '(no rule)', '-', 'not secured (no AT-TLS)']);
    const widths: number[] = [];
    for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
    for (const r of rows) out.push(('  ' + r.map((c, i) => (i < 3 ? c.padStart(widths[i]!) : i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).trimEnd());
    const idle = rules.filter((_, i) => this.hits[i] === 0);
    out.push('');
    if (idle.length === 0) out.push('Every rule was hit by at least one connection.');
    else {
      out.push(`Rules hit by no connection (${idle.length}):`);
      const shown = idle.slice(0, 50);
      for (const r of shown) out.push(`  #${r.order} ${r.name}`);
      if (idle.length > shown.length) out.push(`  ... and ${idle.length - shown.length} more`);
    }
    return out.join('\n') + '\n';
  }
}
