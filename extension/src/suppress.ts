// Where the reason of an inserted suppression comment lands once the quick fix is applied, so that
// the client can select it for the user to type over. Pure: positions in, position out.

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** One text edit of a code action, as LSP and VS Code both shape it. */
export interface Edit {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly newText: string;
}

/** The placeholder reason after `-- ` of an `attls-lint-disable...` comment. */
const REASON = /attls-lint-disable[^\r\n]*?--[ \t]*(TODO\b[^\r\n]*)/;

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

/**
 * The range of the placeholder reason once `edits` (all in one document) are applied, or undefined
 * when no edit inserts one, or when an earlier edit on the same line makes the column uncertain.
 */
export function reasonAfterEdits(edits: readonly Edit[]): { readonly start: Position; readonly end: Position } | undefined {
  const target = edits.find((e) => REASON.test(e.newText));
  if (!target) return undefined;
  const m = REASON.exec(target.newText)!;
  const at = m.index + m[0].length - m[1]!.length;
  const start = target.range.start;
  let lineShift = 0;
  for (const e of edits) {
    if (e === target || !before(e.range.end, start)) continue;
    if (e.range.end.line === start.line) return undefined;
    lineShift += (e.newText.match(/\r\n|\r|\n/g)?.length ?? 0) - (e.range.end.line - e.range.start.line);
  }
  const head = target.newText.slice(0, at);
  const breaks = head.match(/\r\n|\r|\n/g)?.length ?? 0;
  const lastBreak = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  const line = start.line + lineShift + breaks;
  const character = breaks === 0 ? start.character + at : at - lastBreak - 1;
  return { start: { line, character }, end: { line, character: character + m[1]!.trimEnd().length } };
}
