// Syntax tree of a Policy Agent file: plain readonly objects with half-open offsets and no meaning
// attached. What each keyword is (statement, parameter, reference) is decided by the model from the
// catalogue. Every node has its own `kind`, `start` and `end`; `spanOf` makes a Span when one is needed.

/** A word or a double-quoted string on a line. `text` is without quotes; start/end include them. */
export interface Word {
  readonly kind: 'word';
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/** `Keyword value...` on one line (or the part of a line between braces). */
export interface ParameterNode {
  readonly kind: 'parameter';
  readonly start: number;
  readonly end: number;
  readonly keyword: Word;
  readonly values: readonly Word[];
}

/**
 * `Keyword [name] [extra words...]` followed by a brace block, e.g. `TTLSRule r1 { ... }` or an
 * unnamed inline `TTLSKeyringParms { ... }`. It ends after its `}`, or after its last item when
 * the block never closes.
 */
export interface StatementNode {
  readonly kind: 'statement';
  readonly start: number;
  readonly end: number;
  readonly keyword: Word;
  readonly name: Word | undefined;
  /** Words after the name on the header line (not valid; reported by the model). */
  readonly extra: readonly Word[];
  /** Offset of the opening brace. */
  readonly open: number;
  /** Offset of the closing brace; undefined when the block never closes. */
  readonly close: number | undefined;
  readonly items: readonly Item[];
}

/** A brace block with no statement keyword before it. */
export interface OrphanBlockNode {
  readonly kind: 'orphan';
  readonly start: number;
  readonly end: number;
  readonly open: number;
  readonly close: number | undefined;
  readonly items: readonly Item[];
}

/** A brace that belongs to nothing: a `}` with no open block, or a brace nested too deeply. */
export interface StrayBraceNode {
  readonly kind: 'stray';
  readonly start: number;
  readonly end: number;
  readonly text: '{' | '}';
}

export type Item = StatementNode | ParameterNode | OrphanBlockNode | StrayBraceNode;

/** `#` to the end of the line. */
export interface Comment {
  readonly kind: 'comment';
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface FileNode {
  readonly kind: 'file';
  readonly start: number;
  readonly end: number;
  readonly items: readonly Item[];
}

/** Offset of the first character of a word's text (after an opening quote). */
export function textStart(w: Word): number {
  return w.quoted ? w.start + 1 : w.start;
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
