// The edge between offsets and LSP positions, and between our diagnostics and LSP's.
import { docsUrl, type Diagnostic, type Span } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import type { DocumentSnapshot, PolicySnapshot } from './workspace.js';

export function toRange(doc: DocumentSnapshot, span: Span): lsp.Range {
  return doc.lineIndex.rangeOf(span) as lsp.Range;
}

export function offsetAt(doc: DocumentSnapshot, position: lsp.Position): number {
  return doc.lineIndex.offsetAt(position);
}

export function toSpan(doc: DocumentSnapshot, range: lsp.Range): Span {
  return { start: doc.lineIndex.offsetAt(range.start), end: doc.lineIndex.offsetAt(range.end) };
}

export function location(doc: DocumentSnapshot, span: Span): lsp.Location {
  return { uri: doc.uri, range: toRange(doc, span) };
}

/** LSP severities: 1 error, 2 warning, 3 information, 4 hint. */
export const LSP_SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** Converts one of our diagnostics to LSP, with its docs link and related locations. */
export function toLspDiagnostic(d: Diagnostic, snap: PolicySnapshot): lsp.Diagnostic {
  const doc = snap.document;
  const out: lsp.Diagnostic = {
    range: toRange(doc, d.span),
    severity: LSP_SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: docsUrl(d.code) },
    source: 'attls',
    message: d.message,
  };
  if (d.tags && d.tags.length > 0) out.tags = [...d.tags];
  if (d.related && d.related.length > 0) {
    out.relatedInformation = [];
    for (const r of d.related) {
      const other = r.uri ? snap.documentOf(r.uri) : doc;
      if (!other) continue;
      out.relatedInformation.push({ location: location(other, r.span), message: r.message });
    }
  }
  if (d.messageId) out.data = { messageId: d.messageId };
  return out;
}

/** The LSP diagnostics of a document. */
export function getDiagnostics(snap: PolicySnapshot): lsp.Diagnostic[] {
  return snap.diagnostics().map((d) => toLspDiagnostic(d, snap));
}
