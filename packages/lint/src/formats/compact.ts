// `file:line:col: severity code message`, one finding per line (1-based positions), as compilers print.
// Control characters in file names and messages are escaped, line breaks included: one finding
// stays one line, whatever a file is called.
import type { LintResult } from '../lint.js';
import { escapeControl } from './escape.js';

export function formatCompact(results: readonly LintResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    const file = escapeControl(r.uri);
    for (const d of r.diagnostics) {
      const p = r.lineIndex.positionAt(d.span.start);
      out.push(`${file}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.code} ${escapeControl(d.message.replace(/\r?\n/g, ' '))}`);
    }
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
