// Token vocabulary and scanner for the Chevrotain parser (parser.ts).
//
// Generic on purpose: keywords are not tokens, the catalogue classifies words. The scanner is a
// hand-written character loop rather than Chevrotain's regex lexer: it is several times faster on
// the 3 MB policies configuration tools generate, and it never fails.
//
// Lexical rules: line ends are LF, CRLF or CR; blanks are every other white space (tabs, no-break
// spaces, a byte-order mark); `#` at the start of a word begins a comment to the end of the line
// (inside a word it is an ordinary character, as data set names may contain `#`); `{` and `}` are
// always tokens of their own; a double-quoted string without line breaks is one word (whether
// Policy Agent honours quotes is not documented -- we keep labels with blanks whole); every other
// run of characters is a word.
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { LineNode, word as makeWord, type Comment, type Word } from './ast.js';

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

/**
 * A line segment directly followed by '{': the head of a statement (its keyword and name). The
 * scanner produces only Line tokens; parse.ts retypes a Line before an opening brace, once deep
 * braces are known, so that the grammar tells statements from parameters by one token of
 * lookahead and parameters, nine lines in ten, take the grammar's shortest path.
 */
export const Head = createToken({ name: 'Head', pattern: Lexer.NA });

export const ALL_TOKENS: TokenType[] = [LBrace, RBrace, Line, Head, DeepLBrace, DeepRBrace];


/** The blanks above ASCII: no-break and other Unicode spaces, a byte-order mark, NEL. */
function isWideBlank(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x85
  );
}

/*
 * Blanks are the characters JavaScript's `\s` matches other than CR and LF, and NEL (U+0085). The
 * scanner reads these tables for ASCII characters instead of calling a function for every
 * character: until V8 optimises the scanner, which on a cold start is some way into the text,
 * each of those calls is a real call.
 */
/** ASCII blanks: space, tab, vertical tab, form feed. */
const IS_BLANK = new Uint8Array(128);
for (const c of [9, 11, 12, 32]) IS_BLANK[c] = 1;
/** ASCII characters that end a word: blanks, line ends and braces. */
const ENDS_WORD = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32, 123, 125]) ENDS_WORD[c] = 1;

/** Shared by every segment without values: frozen, since nodes are read-only. */
export const NO_WORDS: readonly Word[] = Object.freeze([]) as readonly Word[];

/** A scanned token: a LineToken, or a brace. */
export type PolicyToken = LineToken | BraceToken;

/**
 * A line segment, which is at once the parser's token and, when it turns out to be a parameter,
 * the tree's node. One object per line instead of a token and a node: a 2,000-rule policy has
 * 63,000 line segments, and each token lived through the young-generation collections of the
 * parse only to be dropped at its end. The token fields Chevrotain reads are derived from the
 * words, except the type, which parse.ts changes to Head for the line before an opening brace.
 */
export class LineToken extends LineNode implements IToken {
  tokenTypeIdx: number;

  constructor(keyword: Word, values: readonly Word[]) {
    super(keyword, values);
    this.tokenTypeIdx = LINE_IDX;
  }

  get tokenType(): TokenType {
    return this.tokenTypeIdx === LINE_IDX ? Line : Head;
  }

  get image(): string {
    return this.keyword.text;
  }

  get startOffset(): number {
    return this.keyword.start;
  }

  get endOffset(): number {
    return this.keyword.start + this.keyword.text.length - 1;
  }
}

/** `{` or `}`; `lineStart` when nothing precedes it on its line. */
export interface BraceToken extends IToken {
  readonly lineStart: boolean;
}

const LINE_IDX = Line.tokenTypeIdx!;
export const HEAD_IDX = Head.tokenTypeIdx!;
export const LBRACE_IDX = LBrace.tokenTypeIdx!;
export const RBRACE_IDX = RBrace.tokenTypeIdx!;

/** Offset-only tokens: line and column fields would each box a NaN and cost more than the scan. */
function brace(type: TokenType, start: number, lineStart: boolean): BraceToken {
  const image = type === LBrace || type === DeepLBrace ? '{' : '}';
  return { image, startOffset: start, endOffset: start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, lineStart };
}

/**
 * Gives a brace another type (braces nested too deeply), in place: a line of hundreds of thousands
 * of braces made as many new tokens, while the scanned ones are this parse's own.
 */
export function retypeBrace(t: BraceToken, type: TokenType): void {
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx!;
}

/** Chevrotain's end-of-input sentinels after the tokens: its maxLookahead (parser.ts) plus one. */
const SENTINELS = 3;

/** Elements per chunk of a ChunkedList. */
const CHUNK = 8192;

/**
 * A list built by appending, kept in chunks and joined once at the end. A plain array grown by
 * push past about 16,000 elements (128 KB) lives in V8's large-object space and is copied into a
 * fresh one each time it grows: for the tokens and line starts of a 3 MB policy, about 4 MB of
 * fresh memory that is garbage at once (and on small machines each fresh page costs a page fault).
 */
class ChunkedList<T> {
  private full: T[][] = [];
  private last: T[] = [];

  add(x: T): void {
    if (this.last.length === CHUNK) {
      this.full.push(this.last);
      this.last = [];
    }
    this.last.push(x);
  }

  /**
   * The elements in order, as one array of their number, with room for `spare` more pushes
   * without the array being copied (Chevrotain appends its end-of-input sentinels to the tokens).
   */
  joined(spare = 0): T[] {
    this.full.push(this.last);
    let n = 0;
    for (const chunk of this.full) n += chunk.length;
    // The spare places are joined in too and then cut off: a shorter length keeps the capacity.
    const all = ([] as T[]).concat(...this.full, new Array<T>(spare).fill(undefined as T));
    all.length = n;
    this.full = [];
    this.last = [];
    return all;
  }
}

/** Words up to this long are shared through the scan's WordTable; longer ones are sliced. */
const MAX_SHARED_LENGTH = 40;

/**
 * The strings of one scan's words, so that a word written many times is one string. Generated
 * policies repeat their keywords, values and names line after line (a 2,000-rule policy has
 * 126,000 words, 23,000 of them distinct): a lookup by a hash the scanner computes as it reads
 * the characters, comparing in place, makes no string for a repeated word, and the parse keeps
 * 3 MB less. The table lives for one scan only: sharing strings across documents would keep old
 * versions of an edited file alive.
 */
class WordTable {
  private keys: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);
  private hashes = new Int32Array(1024);
  private size = 0;

  /** The string of text[start, end), whose hash (h = h * 31 + c over its characters) is `h`. */
  get(text: string, start: number, end: number, h: number): string {
    const len = end - start;
    let mask = this.keys.length - 1;
    let at = h & mask;
    for (;;) {
      const k = this.keys[at];
      if (k === undefined) break;
      if (this.hashes[at] === h && k.length === len && sameChars(k, text, start)) return k;
      at = (at + 1) & mask;
    }
    const word = text.slice(start, end);
    if (++this.size * 2 > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      at = h & mask;
      while (this.keys[at] !== undefined) at = (at + 1) & mask;
    }
    this.keys[at] = word;
    this.hashes[at] = h;
    return word;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldHashes = this.hashes;
    const size = oldKeys.length * 2;
    const mask = size - 1;
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k === undefined) continue;
      let at = oldHashes[i]! & mask;
      while (this.keys[at] !== undefined) at = (at + 1) & mask;
      this.keys[at] = k;
      this.hashes[at] = oldHashes[i]!;
    }
  }
}

/** Whether `text` holds the characters of `k` from `start` on. */
function sameChars(k: string, text: string, start: number): boolean {
  for (let q = 0; q < k.length; q++) if (k.charCodeAt(q) !== text.charCodeAt(start + q)) return false;
  return true;
}

/** Splits text into tokens and comments. Cannot fail: every character belongs somewhere. */
export function scan(text: string): { tokens: PolicyToken[]; comments: Comment[]; lineStarts: number[] } {
  const tokens = new ChunkedList<PolicyToken>();
  const comments: Comment[] = [];
  // Where each line after the first starts (after LF, CR LF or CR), for the line index: the loop
  // passes every line break anyway, and a second search of a 3 MB text cost 12 ms.
  const lineStarts = new ChunkedList<number>();
  const n = text.length;
  let i = 0;
  let keyword: Word | undefined;
  // The values of the segment being scanned, gathered in one reused array and copied out at the
  // end of the segment: an array grown by push keeps room for 16 or more elements, and a parse
  // keeps every line's values: exact-size copies cut what a 2,000-rule parse retains from 30 to 23 MB.
  const values: Word[] = [];
  const words = new WordTable();
  let atLineStart = true;
  // Its first `nv` elements are the segment's values. It is never truncated: setting an array's
  // length to 0 frees its backing store, and each line's first push would allocate a new one.
  let nv = 0;
  const flush = (): void => {
    if (keyword) {
      tokens.add(new LineToken(keyword, nv === 0 ? NO_WORDS : values.slice(0, nv)));
      keyword = undefined;
      nv = 0;
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    // Blanks first: indentation makes them the most frequent characters.
    if (c < 128 ? IS_BLANK[c] === 1 : isWideBlank(c)) {
      i++;
    } else if (c === 10 || c === 13) {
      flush();
      atLineStart = true;
      i++;
      if (c === 10 || i >= n || text.charCodeAt(i) !== 10) lineStarts.add(i);
    } else if (c === 123 || c === 125) {
      flush();
      tokens.add(brace(c === 123 ? LBrace : RBrace, i, atLineStart));
      atLineStart = false;
      i++;
    } else if (c === 35) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 10 || d === 13) break;
        j++;
      }
      comments.push({ text: text.slice(i, j), span: { start: i, end: j } });
      i = j;
    } else {
      const first = keyword === undefined;
      if (first) atLineStart = false;
      if (c === 34) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 34 || d === 10 || d === 13) break;
          j++;
        }
        if (j < n && text.charCodeAt(j) === 34) {
          const w = makeWord(text.slice(i + 1, j), i, j + 1);
          if (first) keyword = w;
          else values[nv++] = w;
          i = j + 1;
          continue;
        }
      }
      let j = i + 1;
      let h = c;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d < 128 ? ENDS_WORD[d] === 1 : isWideBlank(d)) break;
        h = (Math.imul(h, 31) + d) | 0;
        j++;
      }
      const w = makeWord(j - i <= MAX_SHARED_LENGTH ? words.get(text, i, j, h) : text.slice(i, j), i, j);
      if (first) keyword = w;
      else values[nv++] = w;
      i = j;
    }
  }
  flush();
  return { tokens: tokens.joined(SENTINELS), comments, lineStarts: lineStarts.joined() };
}

