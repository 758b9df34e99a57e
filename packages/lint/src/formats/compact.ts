// `file:line:col: severity code message`, one finding per line (1-based positions), as compilers print.
import type { LintResult } from '../lint.js';

export function formatCompact(results: readonly LintResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const p = r.lineIndex.positionAt(d.span.start);
      out.push(`${r.uri}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.code} ${d.message.replace(/\r?\n/g, ' ')}`);
    }
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
