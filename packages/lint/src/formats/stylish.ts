// The default human output: findings grouped by file, aligned, coloured on a terminal. File names
// and messages carry policy text, so their control characters are shown escaped, colours or not.
import type { LintResult } from '../lint.js';
import { countSeverities } from '../lint.js';
import { escapeControl } from './escape.js';

export interface StylishOptions {
  readonly color?: boolean;
  /** Findings left out of `results` by --quiet: the summary says how many. */
  readonly hidden?: { readonly warnings: number; readonly notes: number };
}

const ANSI = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4, green: 32 } as const;

export function formatStylish(results: readonly LintResult[], options: StylishOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string): string => (options.color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    lines.push(paint('underline', escapeControl(r.uri)));
    const rows = r.diagnostics.map((d) => {
      const p = r.lineIndex.positionAt(d.span.start);
      return { where: `${p.line + 1}:${p.character + 1}`, severity: d.severity, message: escapeControl(d.message), code: d.code };
    });
    const w = Math.max(...rows.map((x) => x.where.length));
    for (const x of rows) {
      // Hints (style) are grey, as quiet as the editor shows them.
      const sev = x.severity === 'error' ? paint('red', 'error  ') : x.severity === 'warning' ? paint('yellow', 'warning') : paint(x.severity === 'hint' ? 'gray' : 'blue', x.severity.padEnd(7));
      lines.push(`  ${paint('gray', x.where.padEnd(w))}  ${sev}  ${x.message}  ${paint('gray', x.code)}`);
    }
    lines.push('');
  }
  const c = countSeverities(results);
  const total = c.error + c.warning + c.info + c.hint;
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  const { warnings = 0, notes = 0 } = options.hidden ?? {};
  const hidden = warnings + notes;
  const hiddenNote = `${[warnings > 0 ? plural(warnings, 'warning') : '', notes > 0 ? plural(notes, 'note') : ''].filter(Boolean).join(' and ')} not shown (--quiet)`;
  if (total === 0 && hidden > 0) {
    lines.push(paint('green', `No errors found in ${files}; ${hiddenNote}.`));
  } else if (total === 0) {
    lines.push(paint('green', `No problems found in ${files}.`));
  } else {
    const parts = [`${c.error} error${c.error === 1 ? '' : 's'}`, `${c.warning} warning${c.warning === 1 ? '' : 's'}`];
    if (c.info + c.hint > 0) parts.push(`${c.info + c.hint} note${c.info + c.hint === 1 ? '' : 's'}`);
    const summary = `\u2716 ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}${hidden > 0 ? `; ${hiddenNote}` : ''}`;
    lines.push(paint('bold', c.error > 0 ? paint('red', summary) : paint('yellow', summary)));
    const fixable = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.fix).length, 0);
    if (fixable > 0) lines.push(`  ${fixable} of them can be fixed safely with --fix (preview with --fix-dry-run).`);
  }
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
