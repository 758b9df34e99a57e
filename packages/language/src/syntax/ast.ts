// Syntax tree of a Policy Agent file: plain objects with exact spans and no meaning attached.
// What each keyword is (statement, parameter, reference) is decided by the model from the catalogue.
import type { Span } from '../text.js';

/** A word or a double-quoted string on a line. `text` is without quotes. */
export interface Word {
  readonly kind: 'word';
  readonly text: string;
  readonly span: Span;
  readonly quoted?: boolean;
}

/** `Keyword value...` on one line. */
export interface ParameterNode {
  readonly kind: 'parameter';
  readonly keyword: Word;
  readonly values: readonly Word[];
  readonly span: Span;
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
