// Fixture annotations: expected diagnostics written as `#` comment lines under the line they point
// at, so a fixture stays a valid policy. Compared both ways: nothing missing, nothing extra.
//
//   TTLSGroupAction g1
//   {
//     TLLSEnabled On
//   # ^^^^^^^^^^^ error unknown-parameter
//   }
//
// Carets sit under the columns of the nearest line above that is not an annotation. Because the
// `#` occupies column 0, `#<---` marks columns 0..N-1 where N is the number of dashes.
import type { Diagnostic, LineIndex } from '@attls/language';

export interface Expectation {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  readonly code: string;
}

const CARETS = /^#( *)(\^+)\s+(error|warning|info|hint)\s+([a-z0-9-]+)\s*$/;
const ARROW = /^#<(-+)\s+(error|warning|info|hint)\s+([a-z0-9-]+)\s*$/;

export function isAnnotation(line: string): boolean {
  return CARETS.test(line) || ARROW.test(line);
}

/** Reads the expectations of a fixture. */
export function readAnnotations(text: string): Expectation[] {
  const lines = text.split(/\r\n|\r|\n/);
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
    if (c) {
      const start = 1 + c[1]!.length;
      out.push({ line: target, start, end: start + c[2]!.length, severity: c[3]!, code: c[4]! });
    } else {
      out.push({ line: target, start: 0, end: a![1]!.length, severity: a![2]!, code: a![3]! });
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
    return { line: s.line, start: s.character, end, severity: d.severity, code: d.code };
  });
}

const key = (e: Expectation): string => `${e.line}:${e.start}:${e.end}:${e.severity}:${e.code}`;

/** Renders expectations in the annotation form, for readable failure messages. */
export function render(text: string, expectations: readonly Expectation[]): string {
  const lines = text.split(/\r\n|\r|\n/);
  const byLine = new Map<number, Expectation[]>();
  for (const e of expectations) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (isAnnotation(line)) return;
    out.push(line);
    for (const e of byLine.get(i) ?? []) {
      const end = Math.min(e.end, Math.max(line.length, e.start + 1));
      if (e.start === 0) out.push(`#<${'-'.repeat(Math.max(1, end))} ${e.severity} ${e.code}`);
      else out.push(`#${' '.repeat(e.start - 1)}${'^'.repeat(Math.max(1, end - e.start))} ${e.severity} ${e.code}`);
    }
  });
  return out.join('\n');
}

/** Compares actual diagnostics with a fixture's annotations; returns a report, or '' when equal. */
export function compareAnnotations(text: string, diagnostics: readonly Diagnostic[], lineIndex: LineIndex): string {
  const expected = readAnnotations(text);
  const actual = expectationsOf(diagnostics, lineIndex).map((e) => {
    // A span ending past the line's text (to a line end) is compared as ending at the text's end.
    const lineText = text.split(/\r\n|\r|\n/)[e.line] ?? '';
    return e.end > lineText.length ? { ...e, end: lineText.length } : e;
  });
  const want = new Set(expected.map(key));
  const have = new Set(actual.map(key));
  const missing = expected.filter((e) => !have.has(key(e)));
  const extra = actual.filter((e) => !want.has(key(e)));
  if (missing.length === 0 && extra.length === 0) return '';
  const fmt = (e: Expectation): string => `  line ${e.line + 1}, columns ${e.start + 1}-${e.end}: ${e.severity} ${e.code}`;
  return [
    missing.length ? `missing:\n${missing.map(fmt).join('\n')}` : '',
    extra.length ? `unexpected:\n${extra.map(fmt).join('\n')}` : '',
    `actual, as annotations:\n${render(text, actual)}`,
  ]
    .filter(Boolean)
    .join('\n');
}
