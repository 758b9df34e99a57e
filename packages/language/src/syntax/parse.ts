// Text to syntax tree: the scanner (scan.ts) makes the words, parameter lines, comments and block
// tokens in one pass; the Chevrotain grammar (parser.ts) builds the block structure; this file
// turns structural problems into diagnostics with positions.
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../diagnostic.js';
import { LineIndex, type Span } from '../text.js';
import type { Comment, FileNode, Item, Word } from './ast.js';
import { parseTokens, type ParseProblem } from './parser.js';
import { LBrace, MAX_NESTING, RBrace, scan, type BraceToken } from './scan.js';

export { MAX_NESTING };

export interface ParseResult {
  readonly text: string;
  readonly file: FileNode;
  /** Every `#` comment, in order. */
  readonly comments: readonly Comment[];
  /** Structural problems: codes start with `syntax-` (plus the `brace-placement` warning). */
  readonly diagnostics: readonly Diagnostic[];
  /** Line and column positions of the text, made on first use. */
  readonly lineIndex: LineIndex;
}

/** Parses a whole file. Never throws; every input yields a tree and diagnostics. */
export function parse(text: string): ParseResult {
  const part = parsePart(text, 0, text.length);
  return result(text, part.items, part.comments, part.diagnostics);
}

interface Part {
  readonly items: readonly Item[];
  readonly comments: readonly Comment[];
  readonly diagnostics: Diagnostic[];
}

function result(text: string, items: readonly Item[], comments: readonly Comment[], diagnostics: readonly Diagnostic[]): ParseResult {
  let lineIndex: LineIndex | undefined;
  return {
    text,
    file: { kind: 'file', start: 0, end: text.length, items },
    comments,
    diagnostics,
    // Made on first use: a clean file linted to JSON never needs line numbers.
    get lineIndex(): LineIndex {
      return (lineIndex ??= new LineIndex(text));
    },
  };
}

/** Parses text[from, to) as if it were a file of its own, keeping the offsets of the whole text. */
function parsePart(text: string, from: number, to: number): Part {
  const scanned = scan(text, from, to);
  const tokens = scanned.tokens;
  const diagnostics: Diagnostic[] = [];
  if (scanned.tooDeep >= 0) {
    diagnostics.push({
      code: 'syntax-nesting-too-deep',
      severity: 'error',
      message: `Blocks are nested more than ${MAX_NESTING} levels deep; deeper braces are ignored.`,
      span: { start: scanned.tooDeep, end: scanned.tooDeep + 1 },
    });
  }
  const { items, problems, errors } = parseTokens(tokens, scanned.lines);
  const capped = new Capped(diagnostics);
  for (const p of problems) {
    if (p.kind === 'stray-close') capped.add('syntax-unexpected-brace', p, (q) => problemDiagnostic(q, to));
    else diagnostics.push(problemDiagnostic(p, to));
  }
  capped.finish();
  for (const e of errors) {
    diagnostics.push({
      code: 'syntax-unexpected-token',
      severity: 'error',
      message: `Unexpected ${isEnd(e.token) ? 'end of file' : `'${e.token.image}'`}.`,
      span: tokenSpan(e.token, (e as { previousToken?: IToken }).previousToken, to),
    });
  }
  checkBracePlacement(tokens, diagnostics);
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { items, comments: scanned.comments, diagnostics };
}

const isStructural = (d: Diagnostic): boolean => d.code.startsWith('syntax-');

/**
 * The parse of `text`, an edited version of `previous.text`, made by parsing again only the
 * top-level statements the edit touched (with a neighbour on each side) and reusing the others,
 * moved by the edit's change of length. The result equals `parse(text)`; whenever that cannot be
 * guaranteed cheaply (a structural error before or after the edit, an edit reaching a line break
 * at the edge of the part) the whole text is parsed.
 */
export function reparse(previous: ParseResult, text: string): ParseResult {
  const old = previous.text;
  if (old === text) return previous;
  const items = previous.file.items;
  if (items.length < 8 || previous.diagnostics.some(isStructural) || previous.diagnostics.length >= MAX_SYNTAX_DIAGNOSTICS_PER_CODE) return parse(text);
  // The changed characters: old[p, oldEnd) became text[p, newEnd).
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  const oldEnd = old.length - s;
  const delta = text.length - old.length;
  // The items the change touches, and one more on each side.
  let first = 0;
  while (first < items.length && items[first]!.end < p) first++;
  let last = items.length - 1;
  while (last >= 0 && items[last]!.start > oldEnd) last--;
  first = Math.max(0, Math.min(first, last) - 1);
  last = Math.min(items.length - 1, Math.max(first, last) + 1);
  // Widened to whole lines that no other item shares, with the line breaks at both edges unchanged.
  let from = 0;
  let to = old.length;
  for (;;) {
    from = lineStart(old, items[first]!.start);
    if (first === 0 || (items[first - 1]!.end <= from && p >= from)) break;
    first--;
  }
  if (first === 0) from = 0;
  for (;;) {
    to = lineEnd(old, items[last]!.end);
    if (last === items.length - 1 || (to <= items[last + 1]!.start && oldEnd < to)) break;
    last++;
  }
  if (last === items.length - 1) to = old.length;
  if (from === 0 && to === old.length) return parse(text);
  // The part is parsed from a copy of its own: words are substrings of what was scanned, and a
  // substring may keep the whole string it came from alive, so words cut from each version's full
  // text would keep every version of the document in memory for as long as the statement lives.
  const copy = parsePart(detached(text, from, to + delta), 0, to + delta - from);
  if (copy.diagnostics.some(isStructural)) return parse(text);
  const part = from === 0 ? copy : { items: copy.items.map((i) => shiftItem(i, from)), comments: copy.comments.map((c) => shiftComment(c, from)), diagnostics: copy.diagnostics.map((d) => shiftDiagnostic(d, from)) };
  const later = items.slice(last + 1);
  const newItems = [...items.slice(0, first), ...part.items, ...(delta === 0 ? later : later.map((i) => shiftItem(i, delta)))];
  const comments = [
    ...previous.comments.filter((c) => c.end <= from),
    ...part.comments,
    ...previous.comments.filter((c) => c.start >= to).map((c) => shiftComment(c, delta)),
  ];
  // Without structural errors, the only diagnostics of a parse are brace-placement warnings.
  const diagnostics = [
    ...previous.diagnostics.filter((d) => d.span.start < from),
    ...part.diagnostics,
    ...previous.diagnostics.filter((d) => d.span.start >= to).map((d) => shiftDiagnostic(d, delta)),
  ];
  return result(text, newItems, comments, diagnostics);
}

/** Characters compared at once while looking for the edit: string comparison beats a loop of char codes. */
const STRIDE = 512;

/** The length of the longest common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p + STRIDE <= n && a.slice(p, p + STRIDE) === b.slice(p, p + STRIDE)) p += STRIDE;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** The length of the longest common suffix of a and b, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let s = 0;
  while (s + STRIDE <= limit && a.slice(a.length - s - STRIDE, a.length - s) === b.slice(b.length - s - STRIDE, b.length - s)) s += STRIDE;
  while (s < limit && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

/** The offset of the start of the line holding `at`. */
function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** The offset just after the line break that ends the line holding `at - 1` (or the text's end). */
function lineEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    i++;
    if (c === 10) break;
    if (c === 13) {
      if (text.charCodeAt(i) === 10) i++;
      break;
    }
  }
  return i;
}

/** text[from, to) built afresh from its character codes, sharing no storage with `text`. */
function detached(text: string, from: number, to: number): string {
  const codes = new Uint16Array(to - from);
  for (let i = 0; i < codes.length; i++) codes[i] = text.charCodeAt(from + i);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
  return out;
}

function shiftComment(c: Comment, d: number): Comment {
  return { kind: 'comment', start: c.start + d, end: c.end + d, text: c.text };
}

function shiftWord(w: Word, d: number): Word {
  return { kind: 'word', text: w.text, start: w.start + d, end: w.end + d, quoted: w.quoted };
}

function shiftWords(ws: readonly Word[], d: number): readonly Word[] {
  return ws.length === 0 ? ws : ws.map((w) => shiftWord(w, d));
}

function shiftItem(item: Item, d: number): Item {
  switch (item.kind) {
    case 'parameter':
      return { kind: 'parameter', start: item.start + d, end: item.end + d, keyword: shiftWord(item.keyword, d), values: shiftWords(item.values, d) };
    case 'statement':
      return {
        kind: 'statement',
        start: item.start + d,
        end: item.end + d,
        keyword: shiftWord(item.keyword, d),
        name: item.name && shiftWord(item.name, d),
        extra: shiftWords(item.extra, d),
        open: item.open + d,
        close: item.close === undefined ? undefined : item.close + d,
        items: item.items.map((i: Item) => shiftItem(i, d)),
      };
    case 'orphan':
      return { kind: 'orphan', start: item.start + d, end: item.end + d, open: item.open + d, close: item.close === undefined ? undefined : item.close + d, items: item.items.map((i) => shiftItem(i, d)) };
    case 'stray':
      return { kind: 'stray', start: item.start + d, end: item.end + d, text: item.text };
  }
}

function shiftDiagnostic<D extends Diagnostic>(d: D, delta: number): D {
  const span = (x: Span): Span => ({ start: x.start + delta, end: x.end + delta });
  return { ...d, span: span(d.span), ...(d.related ? { related: d.related.map((r) => ({ ...r, span: span(r.span) })) } : {}) };
}

function isEnd(token: IToken): boolean {
  return token.tokenType?.name === 'EOF' || Number.isNaN(token.startOffset);
}

/**
 * The one place Chevrotain positions become spans. Tokens inserted by recovery and the end-of-file
 * token have no position; they are anchored at the end of the token before them, or at the end of
 * the text.
 */
export function tokenSpan(token: IToken | undefined, previous: IToken | undefined, textLength: number): Span {
  if (token && !Number.isNaN(token.startOffset) && token.startOffset >= 0) {
    return { start: token.startOffset, end: token.startOffset + token.image.length };
  }
  if (previous && !Number.isNaN(previous.startOffset) && previous.startOffset >= 0) {
    const end = previous.startOffset + previous.image.length;
    return { start: end, end };
  }
  return { start: textLength, end: textLength };
}

/**
 * Diagnostics of one code beyond which the rest are only counted, on the last one listed. A line
 * of 750,000 stray braces would otherwise make 1.5 million diagnostics (most of the parse time,
 * and more than any editor or report can show); real files stay far below.
 */
export const MAX_SYNTAX_DIAGNOSTICS_PER_CODE = 10_000;

/** Adds diagnostics of a code up to the cap and counts the rest. */
class Capped {
  private readonly shown = new Map<string, number>();
  private readonly last = new Map<string, number>();
  private readonly more = new Map<string, number>();
  constructor(private readonly into: Diagnostic[]) {}

  add<T>(code: string, source: T, make: (source: T) => Diagnostic): void {
    const n = this.shown.get(code) ?? 0;
    if (n >= MAX_SYNTAX_DIAGNOSTICS_PER_CODE) {
      this.more.set(code, (this.more.get(code) ?? 0) + 1);
      return;
    }
    this.shown.set(code, n + 1);
    this.last.set(code, this.into.length);
    this.into.push(make(source));
  }

  /** Says on the last listed diagnostic of each capped code how many more there are. */
  finish(): void {
    for (const [code, more] of this.more) {
      const i = this.last.get(code)!;
      const d = this.into[i]!;
      this.into[i] = { ...d, message: `${d.message} (${more.toLocaleString('en')} more ${code} findings in this file are not listed.)` };
    }
    this.more.clear();
  }
}

function problemDiagnostic(p: ParseProblem, textLength: number): Diagnostic {
  const at = { start: p.at, end: p.at + 1 };
  switch (p.kind) {
    case 'stray-close':
      return {
        code: 'syntax-unexpected-brace',
        severity: 'error',
        message: "This '}' closes no open block; Policy Agent rejects the whole file.",
        span: at,
      };
    case 'orphan':
      return {
        code: 'syntax-orphan-block',
        severity: 'error',
        message: "This block has no statement keyword before it (such as 'TTLSRule name').",
        span: at,
      };
    case 'unclosed':
      return {
        code: 'syntax-unclosed-brace',
        severity: 'error',
        message: p.keyword
          ? `The block of '${p.keyword}' opened here is never closed: a '}' is missing, and Policy Agent rejects the whole file.`
          : "The block opened here is never closed: a '}' is missing.",
        data: p.keyword ? { keyword: p.keyword } : undefined,
        span: at,
        related: [{ message: 'The file ends here.', span: { start: textLength, end: textLength } }],
      };
  }
}

/**
 * Policy Agent's syntax diagrams put every brace on a line of its own. Whether it accepts other
 * layouts is not documented, so other layouts are a warning rather than an error.
 */
function checkBracePlacement(tokens: readonly IToken[], diagnostics: Diagnostic[]): void {
  const capped = new Capped(diagnostics);
  const l = LBrace.tokenTypeIdx;
  const r = RBrace.tokenTypeIdx;
  for (const t of tokens) {
    if ((t.tokenTypeIdx !== l && t.tokenTypeIdx !== r) || (t as BraceToken).alone) continue;
    capped.add('brace-placement', t, (b) => ({
      code: 'brace-placement',
      severity: 'warning',
      message: `Put '${b.image}' on a line of its own, as Policy Agent's syntax diagrams require.`,
      span: { start: b.startOffset, end: b.startOffset + 1 },
    }));
  }
  capped.finish();
}
