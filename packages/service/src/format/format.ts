// The formatter: Policy Agent layout (every brace on a line of its own), indentation by nesting,
// keywords in catalogue spelling, values in one column for the whole file, comments where they
// were, at most one blank line in a row; or, in "keep layout" mode, indentation alone. It only
// moves line breaks and blanks and respells keywords, so the formatted text always parses to the
// same policy; files with broken structure are left as they are.
import {
  catalogue,
  parse,
  type Comment,
  type Item,
  type ParseResult,
  type Span,
  type StatementSpec,
  type Word, spanOf } from '@attls/language';
// The modes and the columns one may ask for are the configuration file's (`format` of .attlslintrc.json).
import { VALUE_COLUMN_MAX, VALUE_COLUMN_MIN, type FormatMode } from '@attls/lint';

export interface FormatOptions {
  /** Spaces per nesting level (default 2); also the width a tab of indentation counts for. */
  readonly tabSize?: number;
  /** Indent with spaces (default) or tabs. */
  readonly insertSpaces?: boolean;
  /**
   * `align` (default): the whole layout, values in one column. `keepLayout`: only the indentation
   * of each line changes; everything after it stays as written.
   */
  readonly mode?: FormatMode;
  /**
   * The column values start in, counted from 1 as editors count (files from the Network Configuration Assistant use 35). Absent:
   * the column the file already uses when its values stand in one consistent column, else the
   * longest keyword (with its indentation) plus one blank. A keyword that reaches the column is
   * followed by one blank.
   */
  readonly valueColumn?: number;
}

export interface FormatResult {
  /** The formatted text, or the original text when formatting was refused. */
  readonly text: string;
  /** False when the text was left alone because its structure is broken. */
  readonly ok: boolean;
  /** Why formatting was refused. */
  readonly reason?: string;
  /** Where the first structural problem is. */
  readonly reasonSpan?: Span;
  /**
   * Set by formatIntact when only the statements before the first structural problem were
   * formatted: the offset in the result where the text kept as written begins.
   */
  readonly keptFrom?: number;
}

/**
 * Structural problems that make the nesting unknowable: formatting would re-indent the rest of the
 * file around a guess, so the text is returned unchanged instead.
 */
const REFUSE = new Set([
  'syntax-unclosed-brace',
  'syntax-unexpected-brace',
  'syntax-orphan-block',
  'syntax-nesting-too-deep',
  'syntax-unexpected-token',
]);

/** A keyword and what follows it on its line. */
type LineElement = { readonly type: 'line'; readonly start: number; readonly end: number; readonly words: readonly Word[]; readonly keyword: string; readonly depth: number };

/** One thing that starts a line of output (or trails one, for comments). */
type Element =
  | LineElement
  | { readonly type: 'open' | 'close'; readonly start: number; readonly end: number; readonly depth: number }
  | { readonly type: 'comment'; readonly start: number; readonly end: number; readonly text: string };

/** Formats a whole policy text. Pure; never throws. */
export function formatText(text: string, options: FormatOptions = {}, parsed?: ParseResult): FormatResult {
  const p = parsed ?? parse(text);
  const broken = p.diagnostics.find((d) => REFUSE.has(d.code));
  if (broken) {
    return { text, ok: false, reason: `the file has a syntax error (${broken.code}): ${broken.message}`, reasonSpan: broken.span };
  }
  const eol = detectEol(text);
  const tabSize = Math.max(0, Math.min(options.tabSize ?? 2, 16));
  const unit = options.insertSpaces === false ? '\t' : ' '.repeat(tabSize);
  /** Display width of the indentation of a nesting depth. */
  const indentWidth = (depth: number): number => depth * (options.insertSpaces === false ? tabSize : unit.length);

  const elements: Element[] = [];
  // Items first, in tree order (which is text order), then merged with the comments.
  const visit = (items: readonly Item[], depth: number, owner: StatementSpec | undefined, topLevel: boolean): void => {
    for (const item of items) {
      if (item.kind === 'stray' || item.kind === 'orphan') continue; // refused above
      const words: Word[] =
        item.kind === 'parameter' ? [item.keyword, ...item.values] : [item.keyword, ...(item.name ? [item.name] : []), ...item.extra];
      // A quoted keyword is no keyword the catalogue spells: written as it stands, quotes and all
      // (respelling its text dropped the quotes and split it at its blanks; found by the fuzzer).
      const keyword = item.keyword.quoted ? text.slice(item.keyword.start, item.keyword.end) : canonicalKeyword(item.keyword.text, item.kind === 'statement', owner, topLevel);
      const last = words[words.length - 1]!;
      elements.push({ type: 'line', start: item.keyword.start, end: last.end, words, keyword, depth });
      if (item.kind === 'statement') {
        elements.push({ type: 'open', start: item.open, end: (item.open + 1), depth });
        const spec = catalogue.statement(item.keyword.text);
        visit(item.items, depth + 1, spec, false);
        if (item.close) elements.push({ type: 'close', start: item.close, end: (item.close + 1), depth });
      }
    }
  };
  visit(p.file.items, 0, undefined, true);
  const all = mergeComments(elements, p.comments);
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  if (options.mode === 'keepLayout') return { text: reindent(text, all, unit, bom), ok: true };

  // One value column for the whole file (0-based here).
  const valued = elements.filter((e): e is LineElement => e.type === 'line' && e.words.length > 1);
  // A kept column must still be one after formatting: some line is padded to it at its new
  // indentation. A column that only one oddly indented line reached (a single blank before its
  // value everywhere else) would leave every value one blank after its keyword, a ragged file
  // that the next run would align: the formatter would not be idempotent (found by the fuzzer).
  // Nor is a column past the one a user may ask for: padding every line to it would multiply the
  // file's size. A keyword longer than any Policy Agent knows does not widen the column either (it
  // is followed by one blank): a 47,000-character word made a 0.1 MB file 85 MB (the fuzzer again).
  const kept = options.valueColumn === undefined ? keptColumn(text, valued) : undefined;
  const padsALine = (c: number): boolean => valued.some((e) => c - indentWidth(e.depth) - e.keyword.length > 1);
  const longest = longestKeyword();
  const column =
    options.valueColumn !== undefined
      ? Math.max(VALUE_COLUMN_MIN, Math.min(VALUE_COLUMN_MAX, Math.trunc(options.valueColumn))) - 1
      : kept !== undefined && kept < VALUE_COLUMN_MAX && padsALine(kept)
        ? kept
        : valued.reduce((m, e) => (e.keyword.length > longest ? m : Math.max(m, indentWidth(e.depth) + e.keyword.length)), 0) + 1;

  const out: string[] = [];
  let depth = 0;
  let prev: Element | undefined;
  for (const e of all) {
    const breaks = prev ? countBreaks(text, prev.end, e.start) : 0;
    if (e.type === 'comment' && prev && breaks === 0) {
      out[out.length - 1] += ` ${e.text.trimEnd()}`;
      prev = e;
      continue;
    }
    const blankAllowed = prev !== undefined && prev.type !== 'open' && e.type !== 'close';
    if (breaks >= 2 && blankAllowed) out.push('');
    switch (e.type) {
      case 'open':
        out.push(unit.repeat(e.depth) + '{');
        depth = e.depth + 1;
        break;
      case 'close':
        out.push(unit.repeat(e.depth) + '}');
        depth = e.depth;
        break;
      case 'comment':
        out.push(unit.repeat(depth) + e.text.trimEnd());
        break;
      case 'line': {
        const rest = e.words.slice(1).map((w) => text.slice(w.start, w.end));
        const gap = ' '.repeat(Math.max(1, column - indentWidth(e.depth) - e.keyword.length));
        out.push(unit.repeat(e.depth) + (rest.length > 0 ? `${e.keyword}${gap}${rest.join(' ')}` : e.keyword));
        depth = e.depth;
        break;
      }
    }
    prev = e;
  }
  const formatted = out.length > 0 ? bom + out.join(eol) + eol : bom;
  return { text: formatted, ok: true };
}

/** Length of the longest keyword the catalogue knows. */
function longestKeyword(): number {
  return catalogue.allKeywords().reduce((m, k) => Math.max(m, k.length), 0);
}

/**
 * The column a file's values already stand in, when they stand in one (0-based), as in files from
 * the Network Configuration Assistant and IBM examples made with it: every line whose keyword is
 * padded with more than one blank has its value in the same column, and every other line either
 * has its value there too or has a keyword that reaches past it, followed by one blank. Undefined
 * for ragged files (the formatter then makes a column), and for lines laid out with tabs, whose
 * width the file does not tell.
 */
function keptColumn(text: string, lines: readonly LineElement[]): number | undefined {
  if (lines.length === 0) return undefined;
  const seen: { col: number; gap: number }[] = [];
  for (const e of lines) {
    const keyword = e.words[0]!;
    const value = e.words[1]!;
    let lineStart = keyword.start;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
    const before = text.slice(lineStart, value.start);
    if (before.includes('\t')) return undefined;
    seen.push({ col: value.start - lineStart, gap: value.start - keyword.end });
  }
  const padded = seen.filter((x) => x.gap > 1);
  // Without padding, the values line up only when every line has the same column.
  const column = padded.length > 0 ? Math.min(...padded.map((x) => x.col)) : seen[0]!.col;
  const fits = seen.every((x) => x.col === column || (x.col > column && x.gap === 1 && padded.length > 0));
  return fits ? column : undefined;
}

/**
 * "Keep layout": each line that starts with a keyword, a brace or a comment gets the indentation
 * of its depth; the rest of every line, blank lines and line breaks stay exactly as written.
 */
function reindent(text: string, all: readonly Element[], unit: string, bom: string): string {
  const body = bom ? text.slice(1) : text;
  const shift = bom ? 1 : 0;
  const lines = body.split(/(\r\n|\r|\n)/);
  // Offsets of each line's start in `text`.
  const starts: number[] = [];
  let at = shift;
  for (let i = 0; i < lines.length; i += 2) {
    starts.push(at);
    at += lines[i]!.length + (lines[i + 1]?.length ?? 0);
  }
  // Depth of the first element on each line: the depth that element is formatted at.
  const depthAt = new Map<number, number>();
  let depth = 0;
  let li = 0;
  for (const e of all) {
    while (li + 1 < starts.length && starts[li + 1]! <= e.start) li++;
    const d = e.type === 'comment' ? depth : e.depth;
    if (!depthAt.has(li)) depthAt.set(li, d);
    if (e.type === 'open') depth = e.depth + 1;
    else if (e.type !== 'comment') depth = e.depth;
  }
  const out: string[] = [];
  for (let i = 0, n = 0; i < lines.length; i += 2, n++) {
    const line = lines[i]!;
    const d = depthAt.get(n);
    out.push(d === undefined ? line : unit.repeat(d) + line.replace(/^[ \t\f\v\u00a0]+/, ''));
    if (lines[i + 1] !== undefined) out.push(lines[i + 1]!);
  }
  return bom + out.join('');
}

/**
 * For the editor, where a file is broken most of the time it is being typed: when the whole text
 * cannot be formatted, formats the complete top-level statements before the first structural
 * problem and keeps everything from the line of the statement that holds it as written. Refuses
 * (as formatText) when there is nothing before that statement. Pure; never throws.
 */
export function formatIntact(text: string, options: FormatOptions = {}, parsed?: ParseResult): FormatResult {
  const p = parsed ?? parse(text);
  const whole = formatText(text, options, p);
  if (whole.ok || !whole.reasonSpan) return whole;
  const at = whole.reasonSpan.start;
  const items = p.file.items;
  let k = 0;
  while (k < items.length && items[k]!.end <= at) k++;
  if (k === 0 || k >= items.length) return whole;
  // Cut at the start of the line where the broken statement begins; what ends on that line
  // before it stays with the kept text.
  let cut = items[k]!.start;
  while (cut > 0 && text.charCodeAt(cut - 1) !== 10 && text.charCodeAt(cut - 1) !== 13) cut--;
  if (cut <= spanOf(items[k - 1]!).end) return whole;
  const head = formatText(text.slice(0, cut), options);
  if (!head.ok) return whole;
  // A blank line just before the kept text stays (the formatter ends its output with one line break).
  const blank = /(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(text.slice(Math.max(0, cut - 64), cut)) && !/(\r?\n|\r){2}$/.test(head.text) ? detectEol(text) : '';
  const formatted = head.text + blank;
  return { text: formatted + text.slice(cut), ok: true, reason: whole.reason, reasonSpan: whole.reasonSpan, keptFrom: formatted.length };
}

function mergeComments(elements: readonly Element[], comments: readonly Comment[]): Element[] {
  const out: Element[] = [];
  let c = 0;
  for (const e of elements) {
    while (c < comments.length && comments[c]!.start < e.start) {
      const cm = comments[c++]!;
      out.push({ type: 'comment', start: cm.start, end: cm.end, text: cm.text });
    }
    out.push(e);
  }
  for (; c < comments.length; c++) {
    const cm = comments[c]!;
    out.push({ type: 'comment', start: cm.start, end: cm.end, text: cm.text });
  }
  return out;
}

/** Line breaks between two offsets (CRLF counts once). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (i + 1 < to && text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** The document's own line break: the first one found, LF when there is none. */
export function detectEol(text: string): string {
  const i = text.search(/\r\n|\r|\n/);
  if (i < 0) return '\n';
  return text[i] === '\r' ? (text[i + 1] === '\n' ? '\r\n' : '\r') : '\n';
}

/**
 * The catalogue spelling of a keyword where it stands: a statement's own name or alias, a
 * parameter of the enclosing statement, or a parameter valid elsewhere. Unknown words stay as written.
 */
export function canonicalKeyword(written: string, isBlock: boolean, owner: StatementSpec | undefined, topLevel: boolean): string {
  const lower = written.toLowerCase();
  if (owner && !isBlock) {
    const p = catalogue.parameter(owner, written);
    if (p) return p.name;
  }
  const s = catalogue.statement(written);
  if (s && (isBlock || topLevel || !owner)) {
    if (s.name.toLowerCase() === lower) return s.name;
    return s.aliases?.find((a) => a.toLowerCase() === lower) ?? written;
  }
  if (owner) {
    const inline = catalogue.parameter(owner, written);
    if (inline) return inline.name;
  }
  const foreign = catalogue.foreignStatement(written);
  if (foreign && topLevel) return foreign.name;
  const places = catalogue.placesOf(written);
  if (places.length > 0) return places[0]!.parameter.name;
  if (s) return s.name.toLowerCase() === lower ? s.name : written;
  return written;
}
