// Syntax tree of a Policy Agent file: plain objects with exact spans and no meaning attached.
// What each keyword is (statement, parameter, reference) is decided by the model from the catalogue.
import type { Span } from '../text.js';

/** A word or a double-quoted string on a line. `text` is without quotes. */
export interface Word {
  readonly kind: 'word';
  readonly text: string;
  /** Where the word is, quotes included. A new object at every read: hot code reads start and end. */
  readonly span: Span;
  readonly start: number;
  readonly end: number;
  readonly quoted?: boolean;
}

/**
 * Puts a node class's `kind` on its prototype as a read-only data property, which every node of
 * the class shares: reading it is a load, not a getter call, in code V8 has not optimised yet
 * (most code of a CLI run), and no node carries it as a field of its own.
 */
function kindOnPrototype(node: { prototype: object }, kind: string): void {
  Object.defineProperty(node.prototype, 'kind', { value: kind, enumerable: false, writable: false });
}

/**
 * The one implementation of Word. A large policy has hundreds of thousands of words, so a word is
 * three fields: the span is made when asked for (most never are), `kind` lives on the prototype,
 * and a word is quoted exactly when its span is longer than its text (by the two quotes).
 */
class TextWord implements Word {
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
  ) {}

  // On the prototype (kindOnPrototype, below the class).
  declare readonly kind: 'word';

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get quoted(): true | undefined {
    return this.end - this.start !== this.text.length ? true : undefined;
  }

  /** The plain shape, for anything that serialises a tree. */
  toJSON(): { kind: 'word'; text: string; span: Span; quoted?: true } {
    return this.quoted ? { kind: 'word', text: this.text, span: this.span, quoted: true } : { kind: 'word', text: this.text, span: this.span };
  }
}

kindOnPrototype(TextWord, 'word');

/** A word of the text from `start` to `end` (quotes included when quoted; `text` is without them). */
export function word(text: string, start: number, end: number): Word {
  return new TextWord(text, start, end);
}

/** `Keyword value...` on one line. */
export interface ParameterNode {
  readonly kind: 'parameter';
  readonly keyword: Word;
  readonly values: readonly Word[];
  readonly span: Span;
}

/**
 * The one implementation of ParameterNode. Nine lines in ten of a policy are parameters and a parse
 * keeps them all, so, as with words, the span is made when asked for and `kind` lives on the
 * prototype: two fields instead of four and a span object.
 */
export class LineNode implements ParameterNode {
  constructor(
    readonly keyword: Word,
    readonly values: readonly Word[],
  ) {}

  declare readonly kind: 'parameter';

  get span(): Span {
    const v = this.values;
    return { start: this.keyword.start, end: v.length > 0 ? v[v.length - 1]!.end : this.keyword.end };
  }

  /** The plain shape, for anything that serialises a tree. */
  toJSON(): { kind: 'parameter'; keyword: Word; values: readonly Word[]; span: Span } {
    return { kind: 'parameter', keyword: this.keyword, values: this.values, span: this.span };
  }
}

kindOnPrototype(LineNode, 'parameter');

/** `keyword values...`: a parameter line (or a one-line statement such as `TTLSConfig path`). */
export function parameterNode(keyword: Word, values: readonly Word[]): ParameterNode {
  return new LineNode(keyword, values);
}

/**
 * `Keyword [name] [extra words...]` followed by a brace block, e.g. `TTLSRule r1 { ... }` or an
 * unnamed inline `TTLSKeyringParms { ... }`. `close` is absent when the block never closes.
 */
export interface StatementNode {
  readonly kind: 'statement';
  readonly keyword: Word;
  readonly name?: Word;
  /** Words after the name on the header line (not valid; reported by the model). */
  readonly extra: readonly Word[];
  readonly open: Span;
  readonly close?: Span;
  readonly items: readonly Item[];
  readonly span: Span;
}

/**
 * The one implementation of StatementNode made by the parser. A parse keeps every statement, and
 * a 2,000-rule policy has 14,000 of them: the brace and whole-statement spans are made when asked
 * for, from three offsets, instead of three span objects each statement carried for its lifetime.
 */
export class BlockStatement implements StatementNode {
  constructor(
    readonly keyword: Word,
    readonly name: Word | undefined,
    readonly extra: readonly Word[],
    readonly items: readonly Item[],
    /** Offset of the opening brace. */
    private readonly openAt: number,
    /** Offset of the closing brace; -1 when the block never closes. */
    private readonly closeAt: number,
    /** End of the statement: after its closing brace, or after its last item when unclosed. */
    private readonly endAt: number,
  ) {}

  declare readonly kind: 'statement';

  get open(): Span {
    return { start: this.openAt, end: this.openAt + 1 };
  }

  get close(): Span | undefined {
    return this.closeAt < 0 ? undefined : { start: this.closeAt, end: this.closeAt + 1 };
  }

  get span(): Span {
    return { start: this.keyword.start, end: this.endAt };
  }

  /** The plain shape, for anything that serialises a tree. */
  toJSON(): Omit<StatementNode, 'name' | 'close'> & { name?: Word; close?: Span } {
    const close = this.close;
    return {
      kind: 'statement',
      keyword: this.keyword,
      ...(this.name ? { name: this.name } : {}),
      extra: this.extra,
      open: this.open,
      ...(close ? { close } : {}),
      items: this.items,
      span: this.span,
    };
  }
}

kindOnPrototype(BlockStatement, 'statement');

/** A brace block with no statement keyword before it. */
export interface OrphanBlockNode {
  readonly kind: 'orphan';
  readonly open: Span;
  readonly close?: Span;
  readonly items: readonly Item[];
  readonly span: Span;
}

/** A brace that belongs to nothing: a `}` with no open block, or a brace nested too deeply. */
export interface StrayBraceNode {
  readonly kind: 'stray';
  readonly text: '{' | '}';
  readonly span: Span;
}

/**
 * The one implementation of StrayBraceNode: an offset, and the span made when asked for. A hostile
 * line of braces nested too deeply has hundreds of thousands of them.
 */
class StrayBrace implements StrayBraceNode {
  constructor(
    readonly text: '{' | '}',
    private readonly start: number,
  ) {}

  declare readonly kind: 'stray';

  get span(): Span {
    return { start: this.start, end: this.start + 1 };
  }

  /** The plain shape, for anything that serialises a tree. */
  toJSON(): { kind: 'stray'; text: '{' | '}'; span: Span } {
    return { kind: 'stray', text: this.text, span: this.span };
  }
}

kindOnPrototype(StrayBrace, 'stray');

/** A brace at `start` that belongs to nothing. */
export function strayBrace(text: '{' | '}', start: number): StrayBraceNode {
  return new StrayBrace(text, start);
}

export type Item = StatementNode | ParameterNode | OrphanBlockNode | StrayBraceNode;

/** `#` to the end of the line. */
export interface Comment {
  readonly text: string;
  readonly span: Span;
}

export interface FileNode {
  readonly kind: 'file';
  readonly items: readonly Item[];
  readonly span: Span;
}

/** Visits every item depth-first, parents before children. Return false to skip children. */
export function walkItems(
  items: readonly Item[],
  visit: (item: Item, parent: StatementNode | OrphanBlockNode | undefined, depth: number) => boolean | void,
  parent?: StatementNode | OrphanBlockNode,
  depth = 0,
): void {
  // An explicit stack keeps deeply nested (fuzzed) input from exhausting the call stack.
  const stack: { items: readonly Item[]; index: number; parent: StatementNode | OrphanBlockNode | undefined; depth: number }[] = [
    { items, index: 0, parent, depth },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.index >= top.items.length) {
      stack.pop();
      continue;
    }
    const item = top.items[top.index++]!;
    const descend = visit(item, top.parent, top.depth);
    if (descend !== false && (item.kind === 'statement' || item.kind === 'orphan') && item.items.length > 0) {
      stack.push({ items: item.items, index: 0, parent: item, depth: top.depth + 1 });
    }
  }
}
