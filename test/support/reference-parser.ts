// The reference grammar of the policy language, in Chevrotain: the scanner, parser and structural
// checks that @attls/language used before its fused hand-written parser (packages/language/src/
// syntax/parse.ts). Kept as the readable statement of the grammar and as an oracle: a property test
// holds the production parser to the same trees and diagnostics on the corpus and on mutated input.
//
// Scanner: generic on purpose -- keywords are not tokens, the catalogue classifies words. It
// produces one Line token per line segment (the words of a line, or of the part between braces).
//
// Grammar (one generic shape for every statement):
//   item  := Line block?                       -- a block follows: a statement; else a parameter
//   block := '{' ( item | block | deep-brace )* '}'?
//   file  := ( item | block | '}' | deep-brace )*
// The grammar is total: every token sequence parses. Broken structure is handled by error
// productions instead of exceptions; Chevrotain's own recovery stays enabled as a safety net.
import { createToken, EmbeddedActionsParser, Lexer, type IToken, type TokenType } from 'chevrotain';
import { word as makeWord, type Comment, type Diagnostic, type FileNode, type Item, type OrphanBlockNode, type ParameterNode, type Span, type StatementNode, type Word } from '@attls/language';

export const LBrace = createToken({ name: 'LBrace', pattern: Lexer.NA });
export const RBrace = createToken({ name: 'RBrace', pattern: Lexer.NA });

/**
 * Braces nested deeper than the parser follows. The scanner never produces these: a pass over the
 * token vector retypes braces beyond the limit so that the parser stays shallow on hostile input.
 */
export const DeepLBrace = createToken({ name: 'DeepLBrace', pattern: Lexer.NA });
export const DeepRBrace = createToken({ name: 'DeepRBrace', pattern: Lexer.NA });

/**
 * The words of one line (or of the part of a line between braces): a keyword and its values. The
 * language is line-oriented -- one parameter per line, values to the end of the line -- so the
 * scanner splits a line into words and the parser sees one token per line. That keeps the token
 * vector three times shorter than one token per word, which matters on generated policies.
 */
export const Line = createToken({ name: 'Line', pattern: Lexer.NA });

export const ALL_TOKENS: TokenType[] = [LBrace, RBrace, Line, DeepLBrace, DeepRBrace];

export interface ScannedComment {
  readonly image: string;
  readonly startOffset: number;
}

/** True for the characters JavaScript's `\s` matches other than CR and LF, and NEL (U+0085). */
function isBlank(c: number): boolean {
  if (c < 128) return c === 32 || c === 9 || c === 11 || c === 12;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x85
  );
}

/** A scanned token. `words` is set for Line tokens only; `lineStart` when nothing precedes it on its line. */
export interface PolicyToken extends IToken {
  readonly words: readonly Word[] | undefined;
  readonly lineStart: boolean;
}

/** Offset-only tokens: line and column fields would each box a NaN and cost more than the scan. */
function token(type: TokenType, image: string, start: number, lineStart: boolean, words?: Word[]): PolicyToken {
  return { image, startOffset: start, endOffset: start + image.length - 1, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, words, lineStart };
}

/** The same token with another type (used to retype braces nested too deeply). */
export function retype(t: PolicyToken, type: TokenType): PolicyToken {
  return token(type, t.image, t.startOffset, t.lineStart);
}

/** Splits text into tokens and comments. Cannot fail: every character belongs somewhere. */
export function scan(text: string): { tokens: PolicyToken[]; comments: ScannedComment[] } {
  const tokens: PolicyToken[] = [];
  const comments: ScannedComment[] = [];
  const n = text.length;
  let i = 0;
  let words: Word[] | undefined;
  let wordsStart = 0;
  let wordsAtLineStart = false;
  let atLineStart = true;
  const flush = (): void => {
    if (words) {
      tokens.push(token(Line, words[0]!.text, wordsStart, wordsAtLineStart, words));
      words = undefined;
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      flush();
      atLineStart = true;
      i++;
    } else if (isBlank(c)) {
      i++;
    } else if (c === 123 || c === 125) {
      flush();
      tokens.push(token(c === 123 ? LBrace : RBrace, c === 123 ? '{' : '}', i, atLineStart));
      atLineStart = false;
      i++;
    } else if (c === 35) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 10 || d === 13) break;
        j++;
      }
      comments.push({ image: text.slice(i, j), startOffset: i });
      i = j;
    } else {
      if (!words) {
        words = [];
        wordsStart = i;
        wordsAtLineStart = atLineStart;
        atLineStart = false;
      }
      if (c === 34) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 34 || d === 10 || d === 13) break;
          j++;
        }
        if (j < n && text.charCodeAt(j) === 34) {
          words.push(makeWord(text.slice(i + 1, j), i, j + 1));
          i = j + 1;
          continue;
        }
      }
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 10 || d === 13 || d === 123 || d === 125 || isBlank(d)) break;
        j++;
      }
      words.push(makeWord(text.slice(i, j), i, j));
      i = j;
    }
  }
  flush();
  return { tokens, comments };
}

/** A structural problem found while parsing; parse.ts turns these into diagnostics. */
export type ParseProblem =
  | { readonly kind: 'stray-close'; readonly at: number }
  | { readonly kind: 'orphan'; readonly at: number }
  | { readonly kind: 'unclosed'; readonly at: number; readonly keyword?: string };

interface BlockParts {
  readonly open: IToken;
  readonly items: Item[];
  readonly close?: IToken;
}

function closed(t: IToken | undefined): t is IToken {
  return t !== undefined && !Number.isNaN(t.startOffset) && t.startOffset >= 0;
}

class PolicyParser extends EmbeddedActionsParser {
  /** Problems of the current parse, in the order found. */
  problems: ParseProblem[] = [];

  constructor() {
    super(ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', (): Item[] => {
    const items: Item[] = [];
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(RBrace);
            this.ACTION(() => {
              items.push({ kind: 'stray', text: '}', span: { start: t.startOffset, end: t.startOffset + 1 } });
              this.problems.push({ kind: 'stray-close', at: t.startOffset });
            });
          },
        },
        { ALT: () => { const t = this.CONSUME(DeepLBrace); this.ACTION(() => items.push(stray(t))); } },
        { ALT: () => { const t = this.CONSUME(DeepRBrace); this.ACTION(() => items.push(stray(t))); } },
        { ALT: () => { const b = this.SUBRULE(this.block); this.ACTION(() => b && items.push(this.orphan(b))); } },
        { ALT: () => { const it = this.SUBRULE(this.item); this.ACTION(() => it && items.push(it)); } },
      ]);
    });
    return items;
  });

  item = this.RULE('item', (): StatementNode | ParameterNode => {
    const line = this.CONSUME(Line) as PolicyToken;
    let block: BlockParts | undefined;
    this.OPTION(() => { block = this.SUBRULE(this.block); });
    return this.ACTION(() => {
      const words = line.words!;
      const keyword = words[0]!;
      const values = words.slice(1);
      if (!block) {
        const last = values.length > 0 ? values[values.length - 1]! : keyword;
        return { kind: 'parameter', keyword, values, span: { start: keyword.span.start, end: last.span.end } };
      }
      const b: BlockParts = block;
      const open = { start: b.open.startOffset, end: b.open.startOffset + 1 };
      const close = closed(b.close) ? { start: b.close.startOffset, end: b.close.startOffset + 1 } : undefined;
      if (!close) this.problems.push({ kind: 'unclosed', at: open.start, keyword: keyword.text });
      const end = close ? close.end : Math.max(open.end, b.items.length > 0 ? b.items[b.items.length - 1]!.span.end : open.end);
      return {
        kind: 'statement',
        keyword,
        name: values[0],
        extra: values.slice(1),
        open,
        close,
        items: b.items,
        span: { start: keyword.span.start, end },
      };
    });
  });

  block = this.RULE('block', (): BlockParts => {
    const open = this.CONSUME(LBrace);
    const items: Item[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => { const t = this.CONSUME(DeepLBrace); this.ACTION(() => items.push(stray(t))); } },
        { ALT: () => { const t = this.CONSUME(DeepRBrace); this.ACTION(() => items.push(stray(t))); } },
        { ALT: () => { const b = this.SUBRULE(this.block); this.ACTION(() => b && items.push(this.orphan(b))); } },
        { ALT: () => { const it = this.SUBRULE(this.item); this.ACTION(() => it && items.push(it)); } },
      ]);
    });
    let close: IToken | undefined;
    this.OPTION(() => { close = this.CONSUME(RBrace); });
    return { open, items, close };
  });

  private orphan(b: BlockParts): OrphanBlockNode {
    const open = { start: b.open.startOffset, end: b.open.startOffset + 1 };
    this.problems.push({ kind: 'orphan', at: open.start });
    const close = closed(b.close) ? { start: b.close.startOffset, end: b.close.startOffset + 1 } : undefined;
    if (!close) this.problems.push({ kind: 'unclosed', at: open.start });
    const end = close ? close.end : Math.max(open.end, b.items.length > 0 ? b.items[b.items.length - 1]!.span.end : open.end);
    return { kind: 'orphan', open, close, items: b.items, span: { start: open.start, end } };
  }
}

function stray(t: IToken): Item {
  return { kind: 'stray', text: t.image === '{' ? '{' : '}', span: { start: t.startOffset, end: t.startOffset + 1 } };
}

let parser: PolicyParser | undefined;

/** Runs the grammar over a token vector (comments already removed). */
export function parseTokens(tokens: IToken[]): {
  items: Item[];
  problems: ParseProblem[];
  errors: PolicyParser['errors'];
} {
  parser ??= new PolicyParser();
  parser.input = tokens;
  parser.problems = [];
  const items = parser.file() ?? [];
  const result = { items, problems: parser.problems, errors: parser.errors };
  parser.input = [];
  parser.problems = [];
  return result;
}

/** Policy files nest three levels at most; anything deeper than this is hostile or broken input. */
const MAX_NESTING = 32;

export interface ReferenceParseResult {
  readonly text: string;
  readonly file: FileNode;
  /** Every `#` comment, in order. */
  readonly comments: readonly Comment[];
  /** Structural problems: codes start with `syntax-` (plus the `brace-placement` warning). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses a whole file with the reference grammar. */
export function referenceParse(text: string): ReferenceParseResult {
  const scanned = scan(text);
  const tokens = scanned.tokens;
  const comments: Comment[] = scanned.comments.map((t) => ({
    text: t.image,
    span: { start: t.startOffset, end: t.startOffset + t.image.length },
  }));
  const diagnostics: Diagnostic[] = [];
  boundNesting(tokens, diagnostics);
  const { items, problems, errors } = parseTokens(tokens);
  for (const p of problems) diagnostics.push(problemDiagnostic(p, text.length));
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
  return {
    text,
    file: { kind: 'file', items, span: { start: 0, end: text.length } },
    comments,
    diagnostics,
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

/** Retypes braces nested deeper than MAX_NESTING so that they parse as stray braces. */
function boundNesting(tokens: PolicyToken[], diagnostics: Diagnostic[]): void {
  let depth = 0;
  let deep = 0;
  let reported = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === LBrace) {
      if (depth < MAX_NESTING && deep === 0) depth++;
      else {
        deep++;
        tokens[i] = retype(t, DeepLBrace);
        if (!reported) {
          reported = true;
          diagnostics.push({
            code: 'syntax-nesting-too-deep',
            severity: 'error',
            message: `Blocks are nested more than ${MAX_NESTING} levels deep; deeper braces are ignored.`,
            span: { start: t.startOffset, end: t.startOffset + 1 },
          });
        }
      }
    } else if (t.tokenType === RBrace) {
      if (deep > 0) {
        deep--;
        tokens[i] = retype(t, DeepRBrace);
      } else if (depth > 0) depth--;
    }
  }
}

/**
 * Policy Agent's syntax diagrams put every brace on a line of its own. Whether it accepts other
 * layouts is not documented, so other layouts are a warning rather than an error.
 */
function checkBracePlacement(tokens: readonly PolicyToken[], diagnostics: Diagnostic[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType !== LBrace && t.tokenType !== RBrace) continue;
    const before = !t.lineStart;
    const after = i + 1 < tokens.length && !tokens[i + 1]!.lineStart;
    if (!before && !after) continue;
    diagnostics.push({
      code: 'brace-placement',
      severity: 'warning',
      message: `Put '${t.image}' on a line of its own, as Policy Agent's syntax diagrams require.`,
      span: { start: t.startOffset, end: t.startOffset + 1 },
    });
  }
}
