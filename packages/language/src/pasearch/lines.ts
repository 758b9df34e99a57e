// The lines of a `pasearch -t` report as pasearch wrote them, whatever the copy added around them:
// an ISPF line-number column or a carriage-control column on the left, sequence numbers in columns
// 73-80, trailing blanks. Each line keeps its number and the column where its text starts in the
// original, so that everything read from a report points at the report's own lines and columns.

/** One line of a report: its text as pasearch wrote it, and where that text starts in the original. */
export interface ReportLine {
  /** 0-based line number in the original text. */
  readonly index: number;
  /** The line without the copy's additions and without trailing blanks. */
  readonly text: string;
  /** Column in the original line where `text` starts (the width of a removed left column). */
  readonly column: number;
}

/** The first words of the two lines every report has: its header and each rule's first line. */
const HEADER = 'TCP/IP pasearch';
const RULE = 'policyRule:';

/** Characters a copied left column may hold: ISPF line numbers, ASA carriage control, blanks. */
function isMarginChar(c: string): boolean {
  return (c >= '0' && c <= '9') || c === ' ' || c === '+' || c === '-';
}

/** Splits text into lines at LF, CRLF and lone CR, the breaks the rest of attls recognises. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * The width of a left margin the copy added: the column where the report's header and rule lines
 * start, when every such line agrees and what lies before it could be a line number or a carriage
 * control character. 0 for a report as pasearch wrote it.
 */
function marginWidth(lines: readonly string[]): number {
  let width: number | undefined;
  for (const line of lines) {
    let at = line.indexOf(RULE);
    if (at < 0) at = line.indexOf(HEADER);
    if (at < 0 || at > 12) continue;
    const before = line.slice(0, at);
    for (const c of before) if (!isMarginChar(c)) return 0;
    // A report's own lines have these words in column 0; a blank margin of the same width on every
    // such line is the copy's.
    if (width === undefined) width = at;
    else if (width !== at) return 0;
  }
  return width ?? 0;
}

/** Whether most long lines carry eight digits in columns 73-80, as a numbered data set does. */
function hasSequenceNumbers(lines: readonly string[], margin: number): boolean {
  let long = 0;
  let numbered = 0;
  for (const line of lines) {
    const record = line.slice(margin);
    if (record.trimEnd().length < 80) continue;
    long++;
    if (/^\d{8}$/.test(record.slice(72, 80))) numbered++;
  }
  return long > 0 && numbered * 2 > long;
}

/** The report's lines, cleaned of what a copy from ISPF or a job log adds. */
export function reportLines(text: string): ReportLine[] {
  const raw = splitLines(text);
  const margin = marginWidth(raw);
  const numbered = hasSequenceNumbers(raw, margin);
  const out: ReportLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i]!;
    // A byte-order mark or the blanks of an empty record are not text.
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = ' ' + line.slice(1);
    let record = margin > 0 ? line.slice(margin) : line;
    if (numbered && /^\d{8}$/.test(record.slice(72, 80))) record = record.slice(0, 72);
    // An overprinted line (carriage control '+') repeats the one before it on paper.
    if (margin > 0 && line[margin - 1] === '+' && line.slice(0, margin - 1).trim() === '') record = '';
    out.push({ index: i, text: record.trimEnd(), column: margin });
  }
  return out;
}

const RULE_LINE = 'policyRule: ';

/**
 * Where the line holding a phrase at `at` starts, when only a copied margin (up to 12 blanks,
 * digits, '+' and '-') comes before the phrase on its line; else -1.
 */
function lineStartBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 12) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 43 || c === 45 || (c >= 48 && c <= 57)) i--;
    else break;
  }
  if (i === 0) return 0;
  const c = text.charCodeAt(i - 1);
  return c === 10 || c === 13 ? i : -1;
}

/**
 * Whether a text is a pasearch report rather than a policy: a line that starts (after any copied
 * margin) with pasearch's header, or a rule's first line followed by its "Rule Type:" line. A
 * policy never has such lines: its keywords are not followed by colons.
 */
export function isPasearchReport(text: string): boolean {
  // The candidates are found by searching for the two phrases (a string search, which is fast on a
  // policy of megabytes that has neither); the check of each is on its own line.
  let header = text.indexOf(`${HEADER} `);
  let rule = text.indexOf(RULE_LINE);
  let seen = 0;
  while ((header >= 0 || rule >= 0) && seen < 50) {
    const at = rule < 0 || (header >= 0 && header < rule) ? header : rule;
    if (at === header) header = text.indexOf(`${HEADER} `, at + 1);
    else rule = text.indexOf(RULE_LINE, at + 1);
    const start = lineStartBefore(text, at);
    if (start < 0) continue;
    seen++;
    const rest = text.slice(start, start + 400);
    if (rest.includes(HEADER)) return true;
    // A rule line: its next non-blank line says what kind of rule it is.
    const lines = splitLines(rest);
    const next = lines.slice(1).find((l) => l.trim() !== '');
    if (next !== undefined && next.includes('Rule Type:')) return true;
  }
  return false;
}
