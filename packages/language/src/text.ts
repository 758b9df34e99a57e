// Positions: half-open UTF-16 offsets inside, line/character only through LineIndex at the edges.

/** Half-open range of UTF-16 offsets into a document's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/**
 * The span of a node or word: a new plain object, so that a diagnostic never carries (or
 * serialises) the node it points at.
 */
export function spanOf(node: { readonly start: number; readonly end: number }): Span {
  return { start: node.start, end: node.end };
}

export function spanCovers(outer: Span, offset: number): boolean {
  return offset >= outer.start && offset <= outer.end;
}

/**
 * Maps offsets to positions and back for one text. Line breaks are LF, CRLF and lone CR, the
 * three LSP recognises, so the CLI and the editor agree on line numbers.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: Uint32Array;
  readonly length: number;
  /**
   * 1 when the text starts with a byte-order mark. Editors hide it, so it takes no column: the
   * first word of a file with a BOM is at character 0 of line 0, as in the editor.
   */
  readonly bom: 0 | 1;

  constructor(text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.length = text.length;
    const starts: number[] = [0];
    const n = text.length;
    if (text.indexOf('\r') < 0) {
      // LF only (nearly every file): indexOf finds line ends far faster than a character loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = Uint32Array.from(starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Line number (0-based) that contains `offset`. */
  lineAt(offset: number): number {
    return lastAtOrBelow(this.lineStarts, offset);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const line = this.lineAt(o);
    return { line, character: line === 0 ? Math.max(0, o - this.bom) : o - this.lineStarts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[position.line]! + (position.line === 0 ? this.bom : 0);
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.length;
    return Math.max(start, Math.min(start + Math.max(0, position.character), next));
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  /** Offset where a line starts and where its content ends (before the line break). */
  lineBounds(line: number, text: string): Span {
    const start = this.lineStarts[line] ?? this.length;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.length;
    while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    return { start, end };
  }
}

/**
 * In ascending `sorted` whose first element is at most `x`: the index of the last element at most
 * `x` (the line that holds an offset, the interval that holds a value). Binary search.
 */
export function lastAtOrBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
