// Folding ranges (blocks, `#region` ... `#endregion` sections and runs of comment lines) and
// selection ranges (word, line, block, enclosing blocks, file), read from the syntax tree alone.
import { spanOf, type Item } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { itemPath } from '../locate.js';
import { offsetAt, toRange } from '../lsp.js';
import type { DocumentSnapshot, PolicySnapshot } from '../workspace.js';

const REGION_START = /^#region(?:\s|$)/;
const REGION_END = /^#endregion(?:\s|$)/;

export function getFoldingRanges(snap: PolicySnapshot | DocumentSnapshot): lsp.FoldingRange[] {
  const doc = 'document' in snap ? snap.document : snap;
  const li = doc.lineIndex;
  const out: lsp.FoldingRange[] = [];
  const stack: (readonly Item[])[] = [doc.parse.file.items];
  while (stack.length > 0) {
    for (const it of stack.pop()!) {
      if (it.kind !== 'statement' && it.kind !== 'orphan') continue;
      const start = li.lineAt(it.kind === 'statement' ? it.keyword.start : it.open);
      const end = it.close ? li.lineAt(it.close) - 1 : li.lineAt(it.end);
      if (end > start) out.push({ startLine: start, endLine: end });
      if (it.items.length > 0) stack.push(it.items);
    }
  }
  // `#region name` ... `#endregion` on lines of their own, nested, as VS Code's markers for other
  // languages: the word must follow `#` directly and end there, so that an ordinary comment such
  // as "# region call a..." or "#regional" is no marker. Marker lines take no part in comment runs.
  const markers = new Set<number>();
  const open: number[] = [];
  for (const c of doc.parse.comments) {
    const line = li.lineAt(c.start);
    if (doc.text.slice(li.lineStarts[line]!, c.start).trim() !== '') continue;
    if (REGION_START.test(c.text)) {
      markers.add(line);
      open.push(line);
    } else if (REGION_END.test(c.text)) {
      markers.add(line);
      const start = open.pop();
      if (start !== undefined && line > start) out.push({ startLine: start, endLine: line, kind: 'region' });
    }
  }
  // Runs of two or more lines that hold only a comment.
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart >= 0 && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: 'comment' });
    runStart = -1;
  };
  for (const c of doc.parse.comments) {
    const line = li.lineAt(c.start);
    const own = doc.text.slice(li.lineStarts[line]!, c.start).trim() === '';
    if (!own || markers.has(line)) {
      flush();
      continue;
    }
    if (runStart >= 0 && line === runEnd + 1) runEnd = line;
    else {
      flush();
      runStart = runEnd = line;
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine);
}

export function getSelectionRanges(snap: PolicySnapshot | DocumentSnapshot, positions: readonly lsp.Position[]): lsp.SelectionRange[] {
  const doc = 'document' in snap ? snap.document : snap;
  return positions.map((pos) => {
    const offset = offsetAt(doc, pos);
    const spans: { start: number; end: number }[] = [{ start: 0, end: doc.text.length }];
    for (const it of itemPath(doc.parse.file.items, offset)) {
      if (it.kind === 'statement') {
        spans.push(spanOf(it));
        const last = it.extra[it.extra.length - 1] ?? it.name ?? it.keyword;
        const header = { start: it.keyword.start, end: last.end };
        if (offset <= header.end) spans.push(header);
        else if ((it.open + 1) <= offset && (!it.close || offset <= it.close)) {
          const inner = { start: (it.open + 1), end: it.close ? it.close : it.end };
          spans.push(inner);
        }
      } else spans.push(spanOf(it));
      const words = it.kind === 'parameter' ? [it.keyword, ...it.values] : it.kind === 'statement' ? [it.keyword, ...(it.name ? [it.name] : []), ...it.extra] : [];
      const w = words.find((x) => x.start <= offset && offset <= x.end);
      if (w) spans.push(spanOf(w));
    }
    // Innermost last; drop repeats and spans that do not grow outward.
    let result: lsp.SelectionRange | undefined;
    let prev: { start: number; end: number } | undefined;
    for (const s of spans) {
      if (prev && (s.start < prev.start || s.end > prev.end || (s.start === prev.start && s.end === prev.end))) continue;
      result = { range: toRange(doc, s), parent: result };
      prev = s;
    }
    return result!;
  });
}
