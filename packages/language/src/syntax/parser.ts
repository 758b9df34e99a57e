// The grammar, written with Chevrotain. One generic shape for every statement:
//   statement := Head block                  -- the line segment before '{', then its block
//   block     := '{' ( Lines | statement | block | deep-brace )* '}'?
//   file      := ( Lines | statement | block | '}' | deep-brace )*
// `Lines` is a run of parameter lines the scanner has already made into tree nodes (scan.ts); a
// block after no Head is an orphan block.
//
// The grammar is total: every token sequence parses. Broken structure is handled by error
// productions instead of exceptions -- a '}' at the top level is a stray item, a block without a
// keyword is an orphan, a block may end without '}' (at end of file) -- and each is reported with a
// position through the `problems` list. Chevrotain's own recovery stays enabled as a safety net.
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import type { Item, OrphanBlockNode, ParameterNode, StatementNode, StrayBraceNode, Word } from './ast.js';
import { ALL_TOKENS, DeepLBrace, DeepRBrace, Head, LBrace, Lines, RBrace, type HeadToken, type LinesToken } from './scan.js';

/** A structural problem found while parsing; parse.ts turns these into diagnostics. */
export type ParseProblem =
  | { readonly kind: 'stray-close'; readonly at: number }
  | { readonly kind: 'orphan'; readonly at: number }
  | { readonly kind: 'unclosed'; readonly at: number; readonly keyword?: string };

interface BlockParts {
  readonly open: number;
  readonly items: Item[];
  /** Offset of the closing brace, or undefined. */
  readonly close: number | undefined;
}

const NO_WORDS: readonly Word[] = Object.freeze([]) as readonly Word[];

/** A token recovery made up has no position. */
function positioned(t: IToken | undefined): t is IToken {
  return t !== undefined && !Number.isNaN(t.startOffset) && t.startOffset >= 0;
}

function stray(t: IToken): StrayBraceNode {
  return { kind: 'stray', start: t.startOffset, end: t.startOffset + 1, text: t.image === '{' ? '{' : '}' };
}

/** Where a block ends: after its '}', or after its last item when it never closes. */
function blockEnd(b: BlockParts): number {
  if (b.close !== undefined) return b.close + 1;
  return Math.max(b.open + 1, b.items.length > 0 ? b.items[b.items.length - 1]!.end : b.open + 1);
}

class PolicyParser extends EmbeddedActionsParser {
  /** The parameter lines of the current parse (Lines tokens are ranges of it). */
  lines: readonly ParameterNode[] = [];
  /** Problems of the current parse, in the order found. */
  problems: ParseProblem[] = [];
  /**
   * The items of the innermost block being parsed (or of the file). The alternatives below are
   * built once and add to this list, instead of closing over a local one: alternatives written
   * inline in a MANY would allocate an array and closures for every item.
   */
  private items: Item[] = [];

  private addLines = (): void => {
    const t = this.CONSUME(Lines) as LinesToken;
    if (this.RECORDING_PHASE || t.from === undefined) return;
    for (let i = t.from; i < t.to; i++) this.items.push(this.lines[i]!);
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
    { ALT: this.addLines },
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
   * rather than at every start of the CLI.
   */
  constructor(validate = false) {
    super(ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 1, skipValidations: !validate });
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
    const head = this.CONSUME(Head) as HeadToken;
    const b = this.SUBRULE(this.block);
    if (this.RECORDING_PHASE) return undefined as unknown as StatementNode;
    // A Head is always a scanned line; a token made up by recovery has none: it gets an empty keyword.
    const keyword: Word = head.line?.keyword ?? { kind: 'word', text: '', start: b.open, end: b.open, quoted: false };
    const values = head.line?.values ?? NO_WORDS;
    if (b.close === undefined) this.problems.push({ kind: 'unclosed', at: b.open, keyword: keyword.text });
    return {
      kind: 'statement',
      start: keyword.start,
      end: blockEnd(b),
      keyword,
      name: values[0],
      extra: values.length > 1 ? values.slice(1) : NO_WORDS,
      open: b.open,
      close: b.close,
      items: b.items,
    };
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
    this.OPTION(() => {
      close = this.CONSUME(RBrace);
    });
    return { open: open.startOffset, items, close: positioned(close) ? close.startOffset : undefined };
  });

  private orphan(b: BlockParts): OrphanBlockNode {
    this.problems.push({ kind: 'orphan', at: b.open });
    if (b.close === undefined) this.problems.push({ kind: 'unclosed', at: b.open });
    return { kind: 'orphan', start: b.open, end: blockEnd(b), open: b.open, close: b.close, items: b.items };
  }
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

/** Runs the grammar over the scanner's tokens. */
export function parseTokens(tokens: IToken[], lines: readonly ParameterNode[]): {
  items: Item[];
  problems: ParseProblem[];
  errors: PolicyParser['errors'];
} {
  parser ??= new PolicyParser();
  parser.input = tokens;
  parser.lines = lines;
  parser.problems = [];
  const items = parser.file() ?? [];
  const result = { items, problems: parser.problems, errors: parser.errors };
  parser.input = [];
  parser.lines = [];
  parser.problems = [];
  return result;
}
