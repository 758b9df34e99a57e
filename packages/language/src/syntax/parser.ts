// The grammar, written with Chevrotain. One generic shape for every statement:
//   statement := Head block                    -- a line segment followed by '{'
//   parameter := Line                          -- any other line segment
//   block     := '{' ( parameter | statement | block | deep-brace )* '}'?
//   file      := ( parameter | statement | block | '}' | deep-brace )*
// Line and Head tokens carry the words of one line segment (keyword first, then the name or
// values), as split by the scanner; see tokens.ts for why lines rather than words are the parser's
// tokens. A block after no Head is an orphan block.
//
// The grammar is total: every token sequence parses. Broken structure is handled by error
// productions instead of exceptions -- a '}' at the top level is a stray item, a block without a
// keyword is an orphan, a block may end without '}' (at end of file) -- and each is reported with a
// position through the `problems` list. Chevrotain's own recovery stays enabled as a safety net; it
// cannot repair a missing '}' at the end of the file by itself (the brace has no follow set there),
// which is why the closing brace is optional in the grammar.
//
// The actions build the AST directly: a 3 MB policy has over a million nodes, and an intermediate
// tree would double the allocation the garbage collector has to copy.
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import type { Item, OrphanBlockNode, ParameterNode, StatementNode } from './ast.js';
import { ALL_TOKENS, DeepLBrace, DeepRBrace, Head, LBrace, Line, NO_WORDS, RBrace, type PolicyToken } from './tokens.js';

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
        { ALT: () => { const t = this.CONSUME(Line) as PolicyToken; this.ACTION(() => items.push(parameter(t))); } },
        { ALT: () => { const st = this.SUBRULE(this.statement); this.ACTION(() => st && items.push(st)); } },
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
      ]);
    });
    return items;
  });

  statement = this.RULE('statement', (): StatementNode => {
    const head = this.CONSUME(Head) as PolicyToken;
    const b = this.SUBRULE(this.block);
    return this.ACTION(() => {
      const keyword = head.keyword!;
      const values = head.values;
      const open = { start: b.open.startOffset, end: b.open.startOffset + 1 };
      const close = closed(b.close) ? { start: b.close.startOffset, end: b.close.startOffset + 1 } : undefined;
      if (!close) this.problems.push({ kind: 'unclosed', at: open.start, keyword: keyword.text });
      const end = close ? close.end : Math.max(open.end, b.items.length > 0 ? b.items[b.items.length - 1]!.span.end : open.end);
      return {
        kind: 'statement',
        keyword,
        name: values[0],
        extra: values.length > 1 ? values.slice(1) : NO_WORDS,
        open,
        close,
        items: b.items,
        span: { start: keyword.start, end },
      };
    });
  });

  block = this.RULE('block', (): BlockParts => {
    const open = this.CONSUME(LBrace);
    const items: Item[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => { const t = this.CONSUME(Line) as PolicyToken; this.ACTION(() => items.push(parameter(t))); } },
        { ALT: () => { const st = this.SUBRULE(this.statement); this.ACTION(() => st && items.push(st)); } },
        { ALT: () => { const t = this.CONSUME(DeepLBrace); this.ACTION(() => items.push(stray(t))); } },
        { ALT: () => { const t = this.CONSUME(DeepRBrace); this.ACTION(() => items.push(stray(t))); } },
        { ALT: () => { const b = this.SUBRULE(this.block); this.ACTION(() => b && items.push(this.orphan(b))); } },
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

function parameter(t: PolicyToken): ParameterNode {
  const keyword = t.keyword!;
  const values = t.values;
  const last = values.length > 0 ? values[values.length - 1]! : keyword;
  return { kind: 'parameter', keyword, values, span: { start: keyword.start, end: last.end } };
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

