// Applying safe fixes and showing them as a unified diff.
import type { Diagnostic, TextEdit } from '@attls/language';

/**
 * Applies the safe fixes of `diagnostics` to `text` in one pass: fixes are taken in position
 * order, and a fix whose edits overlap an earlier one is left for the next pass. Edits for other
 * documents are never applied here.
 */
export function applyFixesOnce(text: string, diagnostics: readonly Diagnostic[], uri?: string): { text: string; applied: number } {
  const fixes = diagnostics
    .map((d) => d.fix)
    .filter((f): f is NonNullable<Diagnostic['fix']> => !!f && f.edits.length > 0 && f.edits.every((e) => !e.uri || e.uri === uri))
    .map((f) => ({ edits: [...f.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end) }))
    .sort((a, b) => a.edits[0]!.span.start - b.edits[0]!.span.start);
  const taken: TextEdit[] = [];
  let applied = 0;
  let lastEnd = 0;
  for (const f of fixes) {
    const first = f.edits[0]!.span;
    let ok = first.start >= lastEnd;
    // Edits within one fix must not overlap each other either.
    for (let i = 1; ok && i < f.edits.length; i++) if (f.edits[i]!.span.start < f.edits[i - 1]!.span.end) ok = false;
    if (!ok || f.edits.some((e) => e.span.start < 0 || e.span.end > text.length || e.span.end < e.span.start)) continue;
    taken.push(...f.edits);
    lastEnd = Math.max(...f.edits.map((e) => e.span.end));
    applied++;
  }
  if (applied === 0) return { text, applied };
  taken.sort((a, b) => a.span.start - b.span.start);
  let out = '';
  let pos = 0;
  for (const e of taken) {
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  out += text.slice(pos);
  return { text: out, applied };
}

/** Splits text into lines, keeping track of whether the last one ends with a line break. */
function lines(text: string): string[] {
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };

/**
 * A line diff. Fixes change few, local lines, so a greedy walk that re-synchronises within a
 * window finds the same result as a minimal diff for them, in linear time on large files; for
 * other changes it is still correct, only possibly longer.
 */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const ops: Op[] = [];
  const WINDOW = 64;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i]!, a: i++, b: j++ });
      continue;
    }
    let found: [number, number] | undefined;
    search: for (let k = 1; k <= WINDOW; k++) {
      for (let x = 0; x <= k; x++) {
        const y = k - x;
        if (i + x <= a.length && j + y <= b.length && (i + x === a.length ? j + y === b.length : a[i + x] === b[j + y])) {
          found = [x, y];
          break search;
        }
      }
    }
    const [dx, dy] = found ?? [i < a.length ? 1 : 0, j < b.length ? 1 : 0];
    for (let n = 0; n < dx; n++) ops.push({ kind: '-', text: a[i]!, a: i++, b: j });
    for (let n = 0; n < dy; n++) ops.push({ kind: '+', text: b[j]!, a: i, b: j++ });
  }
  return ops;
}

/** A unified diff of two versions of a file, with three lines of context; '' when equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(lines(before), lines(after));
  const out: string[] = [`--- ${path}`, `+++ ${path}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === ' ') k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2 * context lines of each other.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === ' ' && gap - end < 2 * context) gap++;
      if (gap < ops.length && ops[gap]!.kind !== ' ') end = gap;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, stop);
    const aStart = hunk[0]!.a;
    const bStart = hunk[0]!.b;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen === 0 ? aStart : aStart + 1},${aLen} +${bLen === 0 ? bStart : bStart + 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.text}`);
    k = stop;
    start = stop;
  }
  return out.join('\n') + '\n';
}
