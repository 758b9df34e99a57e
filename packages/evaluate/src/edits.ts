// Edits the analysis findings offer: set a rule's Priority, or remove a rule. Both change what
// connections get, so they are offered as suggestions (editor), never as safe fixes.
import { spanOf, type Fix, type TextEdit } from '@attls/language';
import { PRIORITY_MAX, type CompiledRule } from './compile.js';

/** Sets or inserts `Priority n` in a rule, aligned with the rule's other values. */
export function priorityEdit(rule: CompiledRule, n: number): TextEdit | undefined {
  if (n < 1 || n > PRIORITY_MAX) return undefined;
  const s = rule.statement;
  const existing = s.param('Priority');
  const word = existing?.values[0];
  if (existing && word) return { span: spanOf(word), newText: String(n), uri: s.doc.uri };
  const node = s.node;
  if (node.kind !== 'statement' || node.close === undefined) return undefined;
  const { text, lineIndex } = s.doc.parse;
  const closeLine = lineIndex.positionAt(node.close).line;
  const at = lineIndex.lineStarts[closeLine]!;
  // Only insert before a brace that stands on its own line.
  if (text.slice(at, node.close).trim() !== '') return undefined;
  const first = s.params[0];
  let indent = '  ';
  let pad = ' ';
  if (first) {
    const kwCol = lineIndex.positionAt(first.keyword.start).character;
    indent = text.slice(lineIndex.lineStarts[lineIndex.positionAt(first.keyword.start).line]!, first.keyword.start);
    if (!/^[ \t]*$/.test(indent)) indent = ' '.repeat(kwCol);
    const v = first.values[0];
    if (v) {
      const valueCol = lineIndex.positionAt(v.start).character;
      pad = ' '.repeat(Math.max(1, valueCol - kwCol - 'Priority'.length));
    }
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { span: { start: at, end: at }, newText: `${indent}Priority${pad}${n}${eol}`, uri: s.doc.uri };
}

export function priorityFix(title: string, rule: CompiledRule, n: number): Fix | undefined {
  const e = priorityEdit(rule, n);
  return e ? { title, edits: [e] } : undefined;
}

/** Removes a rule statement with its whole lines. */
export function removeRuleFix(rule: CompiledRule): Fix | undefined {
  const s = rule.statement;
  const { text, lineIndex } = s.doc.parse;
  const span = s.node;
  const start = lineIndex.lineStarts[lineIndex.positionAt(span.start).line]!;
  if (text.slice(start, span.start).trim() !== '') return undefined;
  const endLine = lineIndex.positionAt(span.end).line;
  const end = endLine + 1 < lineIndex.lineCount ? lineIndex.lineStarts[endLine + 1]! : text.length;
  return { title: `Remove rule ${rule.name}`, edits: [{ span: { start, end }, newText: '', uri: s.doc.uri }] };
}

/** The Priority that puts a rule ahead of all of `others` (undefined when none fits). */
export function priorityAbove(others: readonly CompiledRule[]): number | undefined {
  const top = Math.max(0, ...others.map((r) => r.priority));
  return top + 1 <= PRIORITY_MAX ? top + 1 : undefined;
}
