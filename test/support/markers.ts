// Cursor markers in inline policy text, as Langium's tests write them: `<|>` is a position and
// `<|...|>` a range. The markers are removed and their offsets returned.
import { Workspace, type PolicySnapshot, type ServiceSettings } from '@attls/service';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';

export interface Marked {
  readonly text: string;
  readonly indices: number[];
  readonly ranges: { start: number; end: number }[];
}

export function markers(source: string): Marked {
  let text = '';
  const indices: number[] = [];
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; ) {
    if (source.startsWith('<|>', i)) {
      indices.push(text.length);
      i += 3;
    } else if (source.startsWith('<|', i)) {
      open.push(text.length);
      i += 2;
    } else if (source.startsWith('|>', i) && open.length > 0) {
      ranges.push({ start: open.pop()!, end: text.length });
      i += 2;
    } else {
      text += source[i];
      i++;
    }
  }
  return { text, indices, ranges };
}

export const URI = 'file:///work/policy.ttls';

/** A workspace holding one document (or several), and the snapshot of the first. */
export function snapshotOf(text: string, settings: Partial<ServiceSettings> = {}, others: Record<string, string> = {}): PolicySnapshot {
  const ws = new Workspace({ settings });
  ws.setDocument(URI, text, 1);
  for (const [uri, t] of Object.entries(others)) ws.setDocument(uri, t, 1);
  return ws.snapshot(URI)!;
}

export function positionAt(snap: PolicySnapshot, offset: number): Position {
  return snap.document.lineIndex.positionAt(offset);
}

/** Marked text → snapshot and the position of the first `<|>`. */
export function at(source: string, settings: Partial<ServiceSettings> = {}): { snap: PolicySnapshot; pos: Position; m: Marked } {
  const m = markers(source);
  const snap = snapshotOf(m.text, settings);
  return { snap, pos: positionAt(snap, m.indices[0] ?? 0), m };
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const off = (p: Position): number => Math.min(text.length, (lines[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start) || off(b.range.end) - off(a.range.end));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri = URI): string {
  return applyEdits(text, edit?.changes?.[uri] ?? []);
}

export function rangeText(text: string, range: Range): string {
  return applyEdits(text, []).slice(offsetOf(text, range.start), offsetOf(text, range.end));
}

export function offsetOf(text: string, p: Position): number {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  return Math.min(text.length, (lines[p.line] ?? text.length) + p.character);
}
