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
import { BlockStatement, strayBrace, word, type Item, type OrphanBlockNode, type StatementNode } from './ast.js';
import { ALL_TOKENS, DeepLBrace, DeepRBrace, Head, LBrace, Line, LineToken, NO_WORDS, RBrace } from './tokens.js';

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

/** Shared by every empty block: frozen, since nodes are read-only. */
const NO_ITEMS: Item[] = Object.freeze([]) as unknown as Item[];

function closed(t: IToken | undefined): t is IToken {
  return t !== undefined && !Number.isNaN(t.startOffset) && t.startOffset >= 0;
}

class PolicyParser extends EmbeddedActionsParser {
  /** Problems of the current parse, in the order found. */
  problems: ParseProblem[] = [];

  /**
   * The items of the innermost block being parsed (or of the file). The alternatives below are
   * built once and add to this list, instead of closing over a local one: alternatives written
   * inline in a MANY would allocate an array and a dozen closures for every line of the policy.
   */
  private items: Item[] = [];

  /** A parameter line: its token is its node (see LineToken). */
  private addParameter = (): void => {
    const t = this.CONSUME(Line);
    if (!this.RECORDING_PHASE && t instanceof LineToken) this.items.push(t);
  };
  private addStatement = (): void => {
    const st = this.SUBRULE(this.statement);
    if (!this.RECORDING_PHASE) this.items.push(st);
  };
  private addOrphan = (): void => {
    const b = this.SUBRULE(this.block);
    if (!this.RECORDING_PHASE) this.items.push(this.orphan(b));
  };
  private addDeepOpen = (): void => {
    const t = this.CONSUME(DeepLBrace);
    if (!this.RECORDING_PHASE) this.items.push(stray(t));
  };
  private addDeepClose = (): void => {
    const t = this.CONSUME(DeepRBrace);
    if (!this.RECORDING_PHASE) this.items.push(stray(t));
  };
  /** A '}' at the top level closes nothing. */
  private addStrayClose = (): void => {
    const t = this.CONSUME(RBrace);
    if (!this.RECORDING_PHASE) {
      this.items.push(stray(t));
      this.problems.push({ kind: 'stray-close', at: t.startOffset });
    }
  };

  private readonly blockAlts = [
    { ALT: this.addParameter },
    { ALT: this.addStatement },
    { ALT: this.addDeepOpen },
    { ALT: this.addDeepClose },
    { ALT: this.addOrphan },
  ];
  private readonly fileAlts = [...this.blockAlts, { ALT: this.addStrayClose }];
  private blockItem = (): void => this.OR(this.blockAlts);
  private fileItem = (): void => this.OR(this.fileAlts);

  /**
   * `validate` runs Chevrotain's grammar validations (ambiguities, left recursion, ...). They find
   * mistakes in the grammar, not in policies, so they run in the tests (grammarProblems below)
   * and not at every start of the CLI, where they were a third of building the parser.
   */
  constructor(validate = false) {
    super(ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 2, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  override reset(): void {
    super.reset();
    this.items = [];
  }

  file = this.RULE('file', (): Item[] => {
    const items: Item[] = [];
    this.items = items;
    this.MANY(this.fileItem);
    return items;
  });

  statement = this.RULE('statement', (): StatementNode => {
    const head = this.CONSUME(Head);
    const b = this.SUBRULE(this.block);
    if (this.RECORDING_PHASE) return undefined as unknown as StatementNode;
    // A Head is always a scanned line; only a token made up by recovery could be otherwise.
    const line = head instanceof LineToken ? head : undefined;
    const keyword = line ? line.keyword : word('', b.open.startOffset, b.open.startOffset);
    const values = line ? line.values : NO_WORDS;
    const openAt = b.open.startOffset;
    const closeAt = closed(b.close) ? b.close.startOffset : -1;
    if (closeAt < 0) this.problems.push({ kind: 'unclosed', at: openAt, keyword: keyword.text });
    const end = closeAt >= 0 ? closeAt + 1 : Math.max(openAt + 1, b.items.length > 0 ? b.items[b.items.length - 1]!.span.end : openAt + 1);
    return new BlockStatement(keyword, values[0], values.length > 1 ? values.slice(1) : NO_WORDS, b.items, openAt, closeAt, end);
  });

  block = this.RULE('block', (): BlockParts => {
    const open = this.CONSUME(LBrace);
    const outer = this.items;
    const items: Item[] = [];
    this.items = items;
    try {
      this.MANY(this.blockItem);
    } finally {
      // Restored even when recovery unwinds through this rule.
      this.items = outer;
    }
    let close: IToken | undefined;
    this.OPTION(() => { close = this.CONSUME(RBrace); });
    // The tree keeps every block's items: an exact-size copy instead of the list grown by push,
    // which keeps room for 17 or more (a block has a handful of items; 1.4 MB on 2,000 rules).
    return { open, items: items.length === 0 ? NO_ITEMS : items.slice(), close };
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
  return strayBrace(t.image === '{' ? '{' : '}', t.startOffset);
}

let parser: PolicyParser | undefined;

/**
 * Chevrotain's definition errors for the grammar with every validation on (building the parser
 * throws them all in one message); empty when the grammar is sound.
 */
export function grammarProblems(): string[] {
  try {
    new PolicyParser(true);
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}

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

