// The scanner: one pass over the text that makes the tree's words and parameter lines, the comments,
// and the tokens the Chevrotain grammar (parser.ts) reads.
//
// Lexical rules: line ends are LF, CRLF or CR; blanks are every other white space (tabs, no-break
// spaces, a byte-order mark); `#` at the start of a word begins a comment to the end of the line
// (inside a word it is an ordinary character, as data set names may contain `#`); `{` and `}` are
// always tokens of their own; a double-quoted string without line breaks is one word (whether
// Policy Agent honours quotes is not documented -- we keep labels with blanks whole); every other
// run of characters is a word.
//
// The grammar needs only the block structure, so the scanner hands it coarse tokens: a brace, the
// line before an opening brace (a statement's head), or a run of consecutive parameter lines. The
// parameter lines themselves are made here once, as tree nodes, and the parser places them.
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { Comment, ParameterNode, Word } from './ast.js';

export const LBrace = createToken({ name: 'LBrace', pattern: Lexer.NA });
export const RBrace = createToken({ name: 'RBrace', pattern: Lexer.NA });
/** Braces nested deeper than MAX_NESTING: the grammar keeps them as stray items. */
export const DeepLBrace = createToken({ name: 'DeepLBrace', pattern: Lexer.NA });
export const DeepRBrace = createToken({ name: 'DeepRBrace', pattern: Lexer.NA });
/** The line segment directly before an opening brace: a statement's keyword, name and extra words. */
export const Head = createToken({ name: 'Head', pattern: Lexer.NA });
/** One or more consecutive parameter lines (ScannedText.lines[from, to)). */
export const Lines = createToken({ name: 'Lines', pattern: Lexer.NA });

export const ALL_TOKENS: TokenType[] = [LBrace, RBrace, DeepLBrace, DeepRBrace, Head, Lines];

/** Policy files nest three levels at most; anything deeper than this is hostile or broken input. */
export const MAX_NESTING = 32;

/** A brace token; `alone` is false when other text shares its line (the brace-placement warning). */
export interface BraceToken extends IToken {
  readonly alone: boolean;
}

export interface HeadToken extends IToken {
  readonly line: ParameterNode;
}

export interface LinesToken extends IToken {
  /** The run is ScannedText.lines[from, to). */
  readonly from: number;
  to: number;
}

export interface ScannedText {
  readonly tokens: IToken[];
  /** Every parameter line, in order; statement heads are not among them. */
  readonly lines: readonly ParameterNode[];
  readonly comments: readonly Comment[];
  /** Offset of the first brace nested deeper than MAX_NESTING, or -1. */
  readonly tooDeep: number;
}

const NO_WORDS: readonly Word[] = Object.freeze([]) as readonly Word[];

/** Character classes of ASCII: blank, line end, brace, or part of a word. */
const BLANK = 1;
const EOL = 2;
const BRACE = 3;
const CLASS = new Uint8Array(128);
for (const c of [9, 11, 12, 32]) CLASS[c] = BLANK;
CLASS[10] = EOL;
CLASS[13] = EOL;
CLASS[123] = BRACE;
CLASS[125] = BRACE;

/** The blanks above ASCII: no-break and other Unicode spaces, a byte-order mark, NEL. */
function isWideBlank(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x85
  );
}

function word(text: string, start: number, end: number, quoted: boolean): Word {
  return { kind: 'word', text, start, end, quoted };
}

function parameter(keyword: Word, values: readonly Word[]): ParameterNode {
  return { kind: 'parameter', start: keyword.start, end: values.length > 0 ? values[values.length - 1]!.end : keyword.end, keyword, values };
}

function brace(type: TokenType, at: number, alone: boolean): BraceToken {
  return { image: type === LBrace || type === DeepLBrace ? '{' : '}', startOffset: at, endOffset: at, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, alone };
}

/**
 * Splits text into tokens, parameter lines and comments. Cannot fail: every character belongs
 * somewhere. `from` and `to` scan a part of the text (offsets stay those of the whole text); a part
 * must begin at the start of a line outside every block.
 */
export function scan(text: string, from = 0, to = text.length): ScannedText {
  const tokens: IToken[] = [];
  const lines: ParameterNode[] = [];
  const comments: Comment[] = [];
  const n = to;
  let i = from;
  // The words of the line segment being read: its keyword, and its values in a reused array.
  let keyword: Word | undefined;
  const values: Word[] = [];
  let nv = 0;
  // The run of parameter lines being extended, when the last token is one.
  let run: LinesToken | undefined;
  // Whether a word or brace came before on this line, and the last brace while nothing followed it.
  let lineUsed = false;
  let lastBrace: { alone: boolean } | undefined;
  let depth = 0;
  let deep = 0;
  let tooDeep = -1;

  const endSegment = (): void => {
    if (keyword === undefined) return;
    const node = parameter(keyword, nv === 0 ? NO_WORDS : values.slice(0, nv));
    keyword = undefined;
    nv = 0;
    if (run !== undefined) run.to++;
    else {
      run = { image: node.keyword.text, startOffset: node.start, endOffset: node.end - 1, tokenTypeIdx: Lines.tokenTypeIdx!, tokenType: Lines, from: lines.length, to: lines.length + 1 };
      tokens.push(run);
    }
    lines.push(node);
  };

  // The loop runs once per character of what may be megabytes of text, mostly before V8 optimises
  // it: the character classes are table reads written out here rather than calls, and runs of
  // blanks and word characters have loops of their own.
  while (i < n) {
    let c = text.charCodeAt(i);
    const cls = c < 128 ? CLASS[c]! : isWideBlank(c) ? BLANK : 0;
    if (cls === BLANK) {
      i++;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c === 32 || c === 9) i++;
        else break;
      }
      continue;
    }
    if (cls === EOL) {
      if (keyword !== undefined) endSegment();
      lineUsed = false;
      lastBrace = undefined;
      i++;
    } else if (cls === BRACE) {
      if (keyword !== undefined) endSegment();
      if (lastBrace) (lastBrace as { alone: boolean }).alone = false;
      const alone = !lineUsed;
      lineUsed = true;
      let t: BraceToken;
      if (c === 123) {
        if (depth < MAX_NESTING && deep === 0) {
          depth++;
          // The line segment just before an opening brace is the head of a statement.
          if (run !== undefined) {
            const head = lines.pop()!;
            run.to--;
            if (run.to === run.from) tokens.pop();
            tokens.push({ image: head.keyword.text, startOffset: head.start, endOffset: head.end - 1, tokenTypeIdx: Head.tokenTypeIdx!, tokenType: Head, line: head } as HeadToken);
          }
          t = brace(LBrace, i, alone);
        } else {
          deep++;
          if (tooDeep < 0) tooDeep = i;
          t = brace(DeepLBrace, i, alone);
        }
      } else if (deep > 0) {
        deep--;
        t = brace(DeepRBrace, i, alone);
      } else {
        if (depth > 0) depth--;
        t = brace(RBrace, i, alone);
      }
      tokens.push(t);
      run = undefined;
      lastBrace = t;
      i++;
    } else if (c === 35) {
      // A comment, to the end of the line: a '#' inside a word is read by the word loop below.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 10 || d === 13) break;
        j++;
      }
      comments.push({ kind: 'comment', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else {
      if (lastBrace) {
        (lastBrace as { alone: boolean }).alone = false;
        lastBrace = undefined;
      }
      lineUsed = true;
      let w: Word | undefined;
      if (c === 34) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 34 || d === 10 || d === 13) break;
          j++;
        }
        if (j < n && text.charCodeAt(j) === 34) {
          w = word(text.slice(i + 1, j), i, j + 1, true);
          i = j + 1;
        }
      }
      if (w === undefined) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d < 128 ? CLASS[d] !== 0 : isWideBlank(d)) break;
          j++;
        }
        w = word(text.slice(i, j), i, j, false);
        i = j;
      }
      if (keyword === undefined) keyword = w;
      else values[nv++] = w;
    }
  }
  endSegment();
  return { tokens, lines, comments, tooDeep };
}
