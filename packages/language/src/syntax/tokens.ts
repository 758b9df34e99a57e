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
import { word as makeWord, type Word } from './ast.js';

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

