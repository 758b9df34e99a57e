// Line diff (Myers) for minimal formatting edits and `attls fmt --diff`. Lines keep their line
// breaks, so replacing a hunk's lines with the other side's lines is exact.

/** Lines [aStart, aEnd) of the old text become lines [bStart, bEnd) of the new text. */
export interface Hunk {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/** Splits text into lines that keep their line break (LF, CRLF or CR); no empty last line. */
export function splitLinesKeepEnds(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < n) out.push(text.slice(start));
  return out;
}

/**
 * Differences between two line lists, as non-overlapping hunks in order. Past `maxCost` edit steps
 * the middle part is reported as one hunk: still correct, just less minimal, and never slow.
 */
export function diffLines(a: readonly string[], b: readonly string[], maxCost = 4000): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const aEnd = a.length - suf;
  const bEnd = b.length - suf;
  if (pre === aEnd && pre === bEnd) return [];
  if (pre === aEnd || pre === bEnd) return [{ aStart: pre, aEnd, bStart: pre, bEnd }];
  const pairs = myers(a, b, pre, aEnd, pre, bEnd, maxCost);
  if (!pairs) return [{ aStart: pre, aEnd, bStart: pre, bEnd }];
  // Turn the matched line pairs into the hunks between them.
  const hunks: Hunk[] = [];
  let ai = pre;
  let bi = pre;
  for (const [x, y] of pairs) {
    if (x > ai || y > bi) hunks.push({ aStart: ai, aEnd: x, bStart: bi, bEnd: y });
    ai = x + 1;
    bi = y + 1;
  }
  if (ai < aEnd || bi < bEnd) hunks.push({ aStart: ai, aEnd, bStart: bi, bEnd });
  return hunks;
}

/** Matched pairs (indices into a and b) of a shortest edit script, or undefined past maxCost. */
function myers(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, maxCost: number): [number, number][] | undefined {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = Math.min(n + m, maxCost);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) x = v[offset + k + 1]!;
      else x = v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return undefined;
  // Walk back through the saved frontiers, collecting the diagonal (matching) moves.
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([a0 + x, b0 + y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push([a0 + x, b0 + y]);
  }
  return pairs.reverse();
}

/** A unified diff (3 lines of context) between two texts, or '' when they are equal. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  const a = splitLinesKeepEnds(oldText);
  const b = splitLinesKeepEnds(newText);
  const hunks = diffLines(a, b);
  if (hunks.length === 0) return '';
  const out: string[] = [`--- ${oldName}\n`, `+++ ${newName}\n`];
  const line = (prefix: string, s: string): string => {
    const body = s.replace(/\r?\n$|\r$/, '');
    return s === body ? `${prefix}${body}\n\\ No newline at end of file\n` : `${prefix}${body}\n`;
  };
  let i = 0;
  while (i < hunks.length) {
    // Merge hunks whose context would touch.
    let j = i;
    while (j + 1 < hunks.length && hunks[j + 1]!.aStart - hunks[j]!.aEnd <= 2 * context) j++;
    const first = hunks[i]!;
    const last = hunks[j]!;
    const aFrom = Math.max(0, first.aStart - context);
    const aTo = Math.min(a.length, last.aEnd + context);
    const bFrom = first.bStart - (first.aStart - aFrom);
    const bTo = last.bEnd + (aTo - last.aEnd);
    const range = (from: number, to: number): string => (to - from === 1 ? `${from + 1}` : `${to === from ? from : from + 1},${to - from}`);
    out.push(`@@ -${range(aFrom, aTo)} +${range(bFrom, bTo)} @@\n`);
    let ai = aFrom;
    for (let h = i; h <= j; h++) {
      const hk = hunks[h]!;
      for (; ai < hk.aStart; ai++) out.push(line(' ', a[ai]!));
      for (let x = hk.aStart; x < hk.aEnd; x++) out.push(line('-', a[x]!));
      for (let y = hk.bStart; y < hk.bEnd; y++) out.push(line('+', b[y]!));
      ai = hk.aEnd;
    }
    for (; ai < aTo; ai++) out.push(line(' ', a[ai]!));
    i = j + 1;
  }
  return out.join('');
}
