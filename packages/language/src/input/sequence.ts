// ISPF sequence numbers in columns 73-80 of fixed 80-byte records: recognised when every line that
// is not blank carries one, blanked out (not cut, so that every column and offset stays where it
// was) and put back when the file is written, unchanged lines keeping their own number.
import type { Diagnostic } from '../diagnostic.js';

/** Columns before the sequence field (it is columns 73-80, 1-based). */
export const SEQUENCE_COLUMN = 72;
const SEQUENCE_WIDTH = 8;
const RECORD = SEQUENCE_COLUMN + SEQUENCE_WIDTH;

/** The numbers of a file as it was read, line by line. */
export interface SequenceNumbers {
  /** Each line's text (columns 1-72, trailing blanks dropped), to recognise it after a change. */
  readonly lines: readonly string[];
  /** Each line's number as written (8 digits), or '' for a blank line that had none. */
  readonly numbers: readonly string[];
}

const DIGITS = /^\d{8}$/;

/**
 * The sequence numbers of a text, or undefined when it has none: every line that is not blank is
 * exactly 80 characters and ends in 8 digits, the numbers ascend, and there are at least two of
 * them (one long line ending in digits is not a numbering).
 */
export function findSequenceNumbers(text: string): { text: string; numbers: SequenceNumbers; note: Diagnostic } | undefined {
  if (text.length < 2 * RECORD || !firstLineNumbered(text)) return undefined;
  const parts = text.split(/(\r\n|\r|\n)/);
  // parts alternates line, line end, line, ...; a final '' after the last line end is no line.
  const lineCount = parts.length % 2 === 1 && parts[parts.length - 1] === '' && parts.length > 1 ? (parts.length - 1) / 2 : (parts.length + 1) / 2;
  const lines: string[] = [];
  const numbers: string[] = [];
  let last = -1;
  let firstOffset = -1;
  let offset = 0;
  for (let i = 0; i < lineCount; i++) {
    const line = parts[2 * i]!;
    if (line.trim() === '') {
      lines.push('');
      numbers.push('');
    } else {
      const field = line.slice(SEQUENCE_COLUMN);
      if (line.length !== RECORD || !DIGITS.test(field)) return undefined;
      const n = Number(field);
      if (n <= last) return undefined;
      last = n;
      if (firstOffset < 0) firstOffset = offset + SEQUENCE_COLUMN;
      lines.push(line.slice(0, SEQUENCE_COLUMN).trimEnd());
      numbers.push(field);
    }
    offset += line.length + (parts[2 * i + 1]?.length ?? 0);
  }
  if (numbers.filter((n) => n !== '').length < 2) return undefined;
  const blank = ' '.repeat(SEQUENCE_WIDTH);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    out += i % 2 === 0 && i / 2 < lineCount && numbers[i / 2] !== '' ? p.slice(0, SEQUENCE_COLUMN) + blank : p;
  }
  const note: Diagnostic = {
    code: 'sequence-numbers',
    // Whether Policy Agent skips the numbers is not confirmed: a risk, so a warning.
    severity: 'warning',
    message:
      'Columns 73-80 of every line hold sequence numbers (as ISPF writes them with NUMBER ON); attls ignores them and keeps them when it writes the file. Whether Policy Agent ignores them is not confirmed: turn numbering off (NUMBER OFF) to be sure.',
    span: { start: firstOffset, end: firstOffset + SEQUENCE_WIDTH },
  };
  return { text: out, numbers: { lines, numbers }, note };
}

/**
 * Whether the first line that is not blank could carry a number: 80 characters ending in 8 digits.
 * Most files fail here, before the whole text is split into lines.
 */
function firstLineNumbered(text: string): boolean {
  let start = 0;
  for (;;) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line.length === RECORD && DIGITS.test(line.slice(SEQUENCE_COLUMN));
    if (end >= text.length) return false;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/**
 * Lines of a changed text with sequence numbers in columns 73-80: a line that is still there keeps
 * its number, an edited line keeps the number of the line it replaces, a new line gets one between
 * its neighbours' (all lines are numbered again, by 100, when there is no room). Every line must
 * fit in columns 1-72 (the caller checks).
 */
export function applySequenceNumbers(newLines: readonly string[], seq: SequenceNumbers): string[] {
  const keys = newLines.map((l) => l.trimEnd());
  const kept = align(seq.lines, keys);
  const numbered = seq.numbers.every((n) => n !== '');
  const values: (number | undefined)[] = kept.map((o) => (o >= 0 && seq.numbers[o] !== '' ? Number(seq.numbers[o]) : undefined));
  const wants = (i: number): boolean => keys[i] !== '' || numbered || (kept[i]! >= 0 && seq.numbers[kept[i]!] !== '');
  let ok = true;
  for (let i = 0; i < keys.length && ok; ) {
    if (values[i] !== undefined || !wants(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < keys.length && values[j] === undefined) j++;
    // Lines i..j-1 need numbers (those that want one) between the neighbours' numbers.
    let prev = 0;
    for (let k = i - 1; k >= 0; k--) if (values[k] !== undefined) { prev = values[k]!; break; }
    const next = j < keys.length ? values[j]! : Infinity;
    const need = [...Array(j - i).keys()].map((d) => i + d).filter(wants);
    const step = next === Infinity ? 100 : Math.floor((next - prev) / (need.length + 1));
    if (step < 1 || prev + step * need.length > 99_999_999) ok = false;
    else need.forEach((k, n) => (values[k] = prev + step * (n + 1)));
    i = j;
  }
  if (!ok) {
    let n = 0;
    for (let i = 0; i < keys.length; i++) values[i] = wants(i) ? (n += 100) : undefined;
  }
  return keys.map((k, i) => (values[i] === undefined ? k : k.padEnd(SEQUENCE_COLUMN, ' ') + String(values[i]).padStart(SEQUENCE_WIDTH, '0')));
}

/**
 * For each new line, the old line it continues (-1 for none): equal lines by a longest common
 * subsequence, then, within each stretch that changed, the old lines in order to the new ones (an
 * edited line keeps its place). Past 4 million line pairs the middle is paired by position.
 */
function align(oldLines: readonly string[], newLines: readonly string[]): number[] {
  const out = new Array<number>(newLines.length).fill(-1);
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) out[head] = head++;
  let tail = 0;
  while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) {
    out[newLines.length - 1 - tail] = oldLines.length - 1 - tail;
    tail++;
  }
  const a = oldLines.slice(head, oldLines.length - tail);
  const b = newLines.slice(head, newLines.length - tail);
  const pairs: [number, number][] = [];
  if (a.length * b.length <= 4_000_000) {
    const w = b.length + 1;
    const len = new Uint32Array((a.length + 1) * w);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
      }
    }
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] === b[j]) {
        pairs.push([i++, j++]);
      } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) i++;
      else j++;
    }
  }
  // The stretches between equal lines: old and new lines paired in order.
  let oi = 0;
  let ni = 0;
  for (const [pa, pb] of [...pairs, [a.length, b.length] as [number, number]]) {
    for (; oi < pa && ni < pb; oi++, ni++) out[head + ni] = head + oi;
    oi = pa + 1;
    ni = pb + 1;
    if (pa < a.length) out[head + pb] = head + pa;
  }
  return out;
}
