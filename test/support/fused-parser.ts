// An independent second parser, used only as an oracle in tests: the same lexical rules and
// grammar as packages/language/src/syntax (scanner + Chevrotain), written as one hand-written
// character loop with an explicit stack of open blocks and no token objects. Two implementations
// written differently that agree on the corpus and on hundreds of mutated policies are a stronger
// check of the trees, comments and diagnostics than either one's own unit tests.
//
// It was briefly the production parser (about twice as fast as the Chevrotain path on a 3 MB
// policy); the product keeps the Chevrotain grammar, whose rules read as the grammar they are.
import type { Diagnostic } from '@attls/language';
import { LineIndex, type Span } from '@attls/language';
import { word as makeWord, type Comment, type FileNode, type Item, type ParameterNode, type StatementNode, type Word } from '@attls/language';

/** Policy files nest three levels at most; anything deeper than this is hostile or broken input. */
const MAX_NESTING = 32;

export interface FusedParseResult {
  readonly text: string;
  readonly file: FileNode;
  /** Every `#` comment, in order. */
  readonly comments: readonly Comment[];
  /** Structural problems: codes start with `syntax-` (plus the `brace-placement` warning). */
  readonly diagnostics: readonly Diagnostic[];
  readonly lineIndex: LineIndex;
}

/** Shared by every node without values or extra words; frozen, since nodes are read-only. */
const NO_WORDS: readonly Word[] = Object.freeze([]) as readonly Word[];

/** True for the characters JavaScript's `\s` matches above ASCII, and NEL (U+0085). */
function isBlankAbove127(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x85
  );
}

/** An open block: its items so far, its '{', and the segment before it (absent for an orphan). */
interface Frame {
  readonly items: Item[];
  readonly open: Span;
  readonly keyword: Word | undefined;
  readonly values: readonly Word[];
}

/** Parses a whole file. Never throws; every input yields a tree and diagnostics. */
export function fusedParse(text: string): FusedParseResult {
  const n = text.length;
  const comments: Comment[] = [];
  const fileItems: Item[] = [];
  // Diagnostics by kind, concatenated at the end in this order before the (stable) sort by
  // position, so that findings at one offset keep a fixed order.
  let nesting: Diagnostic | undefined;
  const problems: Diagnostic[] = [];
  const placement: Diagnostic[] = [];

  const stack: Frame[] = [];
  let items = fileItems;
  /** Braces opened beyond MAX_NESTING and not yet closed: they and their partners are stray. */
  let deep = 0;
  let atLineStart = true;

  // The segment being read.
  let keyword: Word | undefined;
  let values: Word[] | undefined;
  // A finished segment whose role the next token decides: a '{' makes it a statement header.
  let pendingKeyword: Word | undefined;
  let pendingValues: readonly Word[] = NO_WORDS;
  // Brace placement: the last brace whose line is not yet known to continue after it.
  let awaitingAt = -1;
  let awaitingBefore = false;

  /** Every token (a segment's first word, a brace) settles the placement of the brace before it. */
  const tokenAt = (lineStart: boolean): void => {
    if (awaitingAt < 0) return;
    if (awaitingBefore || !lineStart) placement.push(bracePlacement(text, awaitingAt));
    awaitingAt = -1;
  };
  const endSegment = (): void => {
    if (keyword === undefined) return;
    if (pendingKeyword !== undefined) items.push(parameter(pendingKeyword, pendingValues));
    pendingKeyword = keyword;
    pendingValues = values ?? NO_WORDS;
    keyword = undefined;
    values = undefined;
  };
  /** The pending segment is followed by something other than '{': it is a parameter. */
  const settleParameter = (): void => {
    if (pendingKeyword === undefined) return;
    items.push(parameter(pendingKeyword, pendingValues));
    pendingKeyword = undefined;
    pendingValues = NO_WORDS;
  };
  const closeFrame = (close: Span | undefined): void => {
    const f = stack.pop()!;
    items = stack.length > 0 ? stack[stack.length - 1]!.items : fileItems;
    const end = close ? close.end : Math.max(f.open.end, f.items.length > 0 ? f.items[f.items.length - 1]!.span.end : f.open.end);
    if (f.keyword === undefined) {
      problems.push(problem('orphan', f.open.start, n));
      if (!close) problems.push(problem('unclosed', f.open.start, n));
      items.push({ kind: 'orphan', open: f.open, close, items: f.items, span: { start: f.open.start, end } });
      return;
    }
    if (!close) problems.push(problem('unclosed', f.open.start, n, f.keyword.text));
    const node: StatementNode = {
      kind: 'statement',
      keyword: f.keyword,
      name: f.values[0],
      extra: f.values.length > 1 ? f.values.slice(1) : NO_WORDS,
      open: f.open,
      close,
      items: f.items,
      span: { start: f.keyword.start, end },
    };
    items.push(node);
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
    } else if (c === 10 || c === 13) {
      endSegment();
      atLineStart = true;
      i++;
    } else if (c === 123 || c === 125) {
      endSegment();
      tokenAt(atLineStart);
      const before = !atLineStart;
      atLineStart = false;
      if (c === 123) {
        if (stack.length < MAX_NESTING && deep === 0) {
          const open = { start: i, end: i + 1 };
          const frame: Frame = { items: [], open, keyword: pendingKeyword, values: pendingValues };
          pendingKeyword = undefined;
          pendingValues = NO_WORDS;
          stack.push(frame);
          items = frame.items;
          awaitingAt = i;
          awaitingBefore = before;
        } else {
          settleParameter();
          deep++;
          nesting ??= {
            code: 'syntax-nesting-too-deep',
            severity: 'error',
            message: `Blocks are nested more than ${MAX_NESTING} levels deep; deeper braces are ignored.`,
            span: { start: i, end: i + 1 },
          };
          items.push({ kind: 'stray', text: '{', span: { start: i, end: i + 1 } });
        }
      } else {
        settleParameter();
        if (deep > 0) {
          deep--;
          items.push({ kind: 'stray', text: '}', span: { start: i, end: i + 1 } });
        } else {
          if (stack.length > 0) closeFrame({ start: i, end: i + 1 });
          else {
            items.push({ kind: 'stray', text: '}', span: { start: i, end: i + 1 } });
            problems.push(problem('stray-close', i, n));
          }
          awaitingAt = i;
          awaitingBefore = before;
        }
      }
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
    } else if (c < 128 ? c === 11 || c === 12 : isBlankAbove127(c)) {
      i++;
    } else {
      let word: Word | undefined;
      if (c === 34) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 34 || d === 10 || d === 13) break;
          j++;
        }
        if (j < n && text.charCodeAt(j) === 34) {
          word = makeWord(text.slice(i + 1, j), i, j + 1);
          i = j + 1;
        }
      }
      if (word === undefined) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d <= 32 ? d === 32 || d === 9 || d === 10 || d === 13 || d === 11 || d === 12 : d === 123 || d === 125 || (d >= 128 && isBlankAbove127(d))) break;
          j++;
        }
        word = makeWord(text.slice(i, j), i, j);
        i = j;
      }
      if (keyword === undefined) {
        tokenAt(atLineStart);
        atLineStart = false;
        keyword = word;
      } else if (values === undefined) values = [word];
      else values.push(word);
    }
  }
  endSegment();
  settleParameter();
  tokenAt(true);
  while (stack.length > 0) closeFrame(undefined);

  const diagnostics = nesting ? [nesting, ...problems, ...placement] : problems.concat(placement);
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  let lineIndex: LineIndex | undefined;
  return {
    text,
    file: { kind: 'file', items: fileItems, span: { start: 0, end: n } },
    comments,
    diagnostics,
    // Built on first use: a clean file linted to JSON never needs line numbers.
    get lineIndex(): LineIndex {
      return (lineIndex ??= new LineIndex(text));
    },
  };
}

function parameter(keyword: Word, values: readonly Word[]): ParameterNode {
  const last = values.length > 0 ? values[values.length - 1]! : keyword;
  return { kind: 'parameter', keyword, values, span: { start: keyword.start, end: last.end } };
}

function problem(kind: 'stray-close' | 'orphan' | 'unclosed', at: number, textLength: number, keyword?: string): Diagnostic {
  const span = { start: at, end: at + 1 };
  switch (kind) {
    case 'stray-close':
      return {
        code: 'syntax-unexpected-brace',
        severity: 'error',
        message: "This '}' closes no open block; Policy Agent rejects the whole file.",
        span,
      };
    case 'orphan':
      return {
        code: 'syntax-orphan-block',
        severity: 'error',
        message: "This block has no statement keyword before it (such as 'TTLSRule name').",
        span,
      };
    case 'unclosed':
      return {
        code: 'syntax-unclosed-brace',
        severity: 'error',
        message: keyword
          ? `The block of '${keyword}' opened here is never closed: a '}' is missing, and Policy Agent rejects the whole file.`
          : "The block opened here is never closed: a '}' is missing.",
        data: keyword ? { keyword } : undefined,
        span,
        related: [{ message: 'The file ends here.', span: { start: textLength, end: textLength } }],
      };
  }
}

/**
 * Policy Agent's syntax diagrams put every brace on a line of its own. Whether it accepts other
 * layouts is not documented, so other layouts are a warning rather than an error.
 */
function bracePlacement(text: string, at: number): Diagnostic {
  return {
    code: 'brace-placement',
    severity: 'warning',
    message: `Put '${text[at]}' on a line of its own, as Policy Agent's syntax diagrams require.`,
    span: { start: at, end: at + 1 },
  };
}
