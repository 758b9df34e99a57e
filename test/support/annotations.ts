// Fixture annotations: expected diagnostics written as `#` comment lines under the line they point
// at, so a fixture stays a valid policy. Compared both ways: nothing missing, nothing extra.
//
//   TTLSGroupAction g1
//   {
//     TLLSEnabled On
//   # ^^^^^^^^^^^ error unknown-parameter
//     TLSv1 On
//   #       ^^ error weak-protocol (explicit)
//   }
//
// Carets sit under the columns of the nearest line above that is not an annotation. Because the
// `#` occupies column 0, `#<---` marks columns 0..N-1 where N is the number of dashes. A message id
// in parentheses after the code is optional; comparisons that ask for message ids (the rule
// fixtures) compare it both ways too, so there it is written whenever the finding has one.
import type { Diagnostic, LineIndex } from '@attls/language';

export interface Expectation {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  readonly code: string;
  readonly messageId?: string;
}

export interface CompareOptions {
  /** Compare message ids as well (an annotation without one then expects a finding without one). */
  readonly messageIds?: boolean;
}

const TAIL = String.raw`\s+(error|warning|info|hint)\s+([a-z0-9-]+)(?:\s+\(([A-Za-z0-9_]+)\))?\s*$`;
const CARETS = new RegExp(String.raw`^#( *)(\^+)` + TAIL);
const ARROW = new RegExp(String.raw`^#<(-+)` + TAIL);
const LINE_BREAK = /\r\n|\r|\n/;

export function isAnnotation(line: string): boolean {
  return CARETS.test(line) || ARROW.test(line);
}

/** Reads the expectations of a fixture. */
export function readAnnotations(text: string): Expectation[] {
  const lines = text.split(LINE_BREAK);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const c = CARETS.exec(line);
    const a = c ? undefined : ARROW.exec(line);
    if (!c && !a) {
      target = i;
      return;
    }
    if (target < 0) throw new Error(`annotation on line ${i + 1} has no line above it`);
    const messageId = (c ?? a)![c ? 5 : 4];
    const id = messageId === undefined ? {} : { messageId };
    if (c) {
      const start = 1 + c[1]!.length;
      out.push({ line: target, start, end: start + c[2]!.length, severity: c[3]!, code: c[4]!, ...id });
    } else {
      out.push({ line: target, start: 0, end: a![1]!.length, severity: a![2]!, code: a![3]!, ...id });
    }
  });
  return out;
}

export function expectationsOf(diagnostics: readonly Diagnostic[], lineIndex: LineIndex): Expectation[] {
  return diagnostics.map((d) => {
    const s = lineIndex.positionAt(d.span.start);
    const e = lineIndex.positionAt(d.span.end);
    // Spans that run over a line end are annotated on their first line, to its end.
    const end = e.line === s.line ? e.character : Number.MAX_SAFE_INTEGER;
    const id = d.messageId === undefined ? {} : { messageId: d.messageId };
    return { line: s.line, start: s.character, end, severity: d.severity, code: d.code, ...id };
  });
}

/**
 * Actual findings as an annotation can state them: a span ending past the line's text (at a line
 * end) ends at the text's end, and an empty span (a position, such as the start of a file) is one
 * column wide, since an annotation marks at least one column.
 */
function annotatable(text: string, actual: readonly Expectation[]): Expectation[] {
  const lines = text.split(LINE_BREAK);
  return actual.map((e) => {
    const lineText = lines[e.line] ?? '';
    const end = Math.min(e.end, lineText.length);
    return { ...e, end: Math.max(end, e.start + 1) };
  });
}

const key = (e: Expectation, options: CompareOptions): string =>
  `${e.line}:${e.start}:${e.end}:${e.severity}:${e.code}${options.messageIds ? `:${e.messageId ?? ''}` : ''}`;

/** Renders expectations in the annotation form (for failure messages and the update modes). */
export function render(text: string, expectations: readonly Expectation[], options: CompareOptions = {}): string {
  const lines = text.split(LINE_BREAK);
  const byLine = new Map<number, Expectation[]>();
  for (const e of expectations) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (isAnnotation(line)) return;
    out.push(line);
    for (const e of byLine.get(i) ?? []) {
      const end = Math.min(e.end, Math.max(line.length, e.start + 1));
      const tail = `${e.severity} ${e.code}${options.messageIds && e.messageId ? ` (${e.messageId})` : ''}`;
      if (e.start === 0) out.push(`#<${'-'.repeat(Math.max(1, end))} ${tail}`);
      else out.push(`#${' '.repeat(e.start - 1)}${'^'.repeat(Math.max(1, end - e.start))} ${tail}`);
    }
  });
  return out.join('\n');
}

/** What a comparison found: the differences, and the actual findings as annotations. */
export interface Comparison {
  readonly missing: readonly Expectation[];
  readonly extra: readonly Expectation[];
  /** The fixture's text with its annotations replaced by the actual findings. */
  readonly actualText: string;
  /** A readable report; '' when nothing is missing and nothing is extra. */
  readonly report: string;
}

/** Compares actual diagnostics with a text's annotations, both ways. */
export function compareWith(text: string, diagnostics: readonly Diagnostic[], lineIndex: LineIndex, options: CompareOptions = {}): Comparison {
  const expected = readAnnotations(text);
  const actual = annotatable(text, expectationsOf(diagnostics, lineIndex));
  const want = new Set(expected.map((e) => key(e, options)));
  const have = new Set(actual.map((e) => key(e, options)));
  const missing = expected.filter((e) => !have.has(key(e, options)));
  const extra = actual.filter((e) => !want.has(key(e, options)));
  const actualText = render(text, actual, options);
  if (missing.length === 0 && extra.length === 0) return { missing, extra, actualText, report: '' };
  const fmt = (e: Expectation): string =>
    `  line ${e.line + 1}, columns ${e.start + 1}-${e.end}: ${e.severity} ${e.code}${options.messageIds && e.messageId ? ` (${e.messageId})` : ''}`;
  const report = [
    missing.length ? `missing:\n${missing.map(fmt).join('\n')}` : '',
    extra.length ? `unexpected:\n${extra.map(fmt).join('\n')}` : '',
    `actual, as annotations:\n${actualText}`,
  ]
    .filter(Boolean)
    .join('\n');
  return { missing, extra, actualText, report };
}

/** Compares actual diagnostics with a fixture's annotations; returns a report, or '' when equal. */
export function compareAnnotations(text: string, diagnostics: readonly Diagnostic[], lineIndex: LineIndex, options: CompareOptions = {}): string {
  return compareWith(text, diagnostics, lineIndex, options).report;
}
