// Text to syntax tree: the scanner (scan.ts) makes the words, parameter lines, comments and block
// tokens in one pass; the Chevrotain grammar (parser.ts) builds the block structure; this file
// turns structural problems into diagnostics with positions.
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../diagnostic.js';
import { LineIndex, type Span } from '../text.js';
import type { Comment, FileNode } from './ast.js';
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
  const scanned = scan(text);
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
    if (p.kind === 'stray-close') capped.add('syntax-unexpected-brace', p, (q) => problemDiagnostic(q, text.length));
    else diagnostics.push(problemDiagnostic(p, text.length));
  }
  capped.finish();
  for (const e of errors) {
    diagnostics.push({
      code: 'syntax-unexpected-token',
      severity: 'error',
      message: `Unexpected ${isEnd(e.token) ? 'end of file' : `'${e.token.image}'`}.`,
      span: tokenSpan(e.token, (e as { previousToken?: IToken }).previousToken, text.length),
    });
  }
  checkBracePlacement(tokens, diagnostics);
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  let lineIndex: LineIndex | undefined;
  return {
    text,
    file: { kind: 'file', start: 0, end: text.length, items },
    comments: scanned.comments,
    diagnostics,
    // Made on first use: a clean file linted to JSON never needs line numbers.
    get lineIndex(): LineIndex {
      return (lineIndex ??= new LineIndex(text));
    },
  };
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
