// textDocument/formatting and rangeFormatting: the formatter's result as minimal line edits, so
// the cursor and unchanged lines stay put. A range request gets the edits that touch its lines.
import type * as lsp from 'vscode-languageserver-types';
import { diffLines, splitLinesKeepEnds, type Hunk } from '../format/diff.js';
import { formatIntact, type FormatOptions } from '../format/format.js';
import type { DocumentSnapshot, PolicySnapshot } from '../workspace.js';

function docOf(snap: PolicySnapshot | DocumentSnapshot): DocumentSnapshot {
  return 'document' in snap ? snap.document : snap;
}

function editsFor(doc: DocumentSnapshot, formatted: string, keep: (h: Hunk) => boolean): lsp.TextEdit[] {
  const a = splitLinesKeepEnds(doc.text);
  const b = splitLinesKeepEnds(formatted);
  const starts: number[] = [];
  let o = 0;
  for (const l of a) {
    starts.push(o);
    o += l.length;
  }
  starts.push(o);
  const edits: lsp.TextEdit[] = [];
  for (const h of diffLines(a, b)) {
    if (!keep(h)) continue;
    const range = doc.lineIndex.rangeOf({ start: starts[h.aStart]!, end: starts[h.aEnd]! }) as lsp.Range;
    edits.push({ range, newText: b.slice(h.bStart, h.bEnd).join('') });
  }
  return edits;
}

/**
 * Edits that format the whole document; on a broken one, the complete statements before the first
 * structural problem (the rest is left as typed). None when nothing can be formatted.
 */
export function format(snap: PolicySnapshot | DocumentSnapshot, options: FormatOptions = {}): lsp.TextEdit[] {
  const doc = docOf(snap);
  const r = formatIntact(doc.text, options, doc.parse);
  if (!r.ok || r.text === doc.text) return [];
  return editsFor(doc, r.text, () => true);
}

/** Edits that format the lines of a range (the value column is still the whole file's). */
export function formatRange(snap: PolicySnapshot | DocumentSnapshot, range: lsp.Range, options: FormatOptions = {}): lsp.TextEdit[] {
  const doc = docOf(snap);
  const r = formatIntact(doc.text, options, doc.parse);
  if (!r.ok || r.text === doc.text) return [];
  const first = range.start.line;
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return editsFor(doc, r.text, (h) => (h.aEnd > h.aStart ? h.aStart <= last && h.aEnd - 1 >= first : h.aStart >= first && h.aStart <= last + 1));
}
