// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
// `::error file=F,line=L,col=C,title=<id>::message` and nothing else: pipelines parse this exact
// documented form, so no further property (not even endLine/endColumn) may be added to it.
import type { LintResult } from '../lint.js';
import { escapeControl } from './escape.js';

/**
 * Escapes the message part of a workflow command. Other control characters are shown escaped
 * first: the log viewer obeys colour sequences, and the runner must not see a second command.
 */
function escapeData(s: string): string {
  return escapeControl(s, { lineBreaks: true }).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (also ':' and ','); a file name's line breaks are shown escaped. */
function escapeProperty(s: string): string {
  return escapeData(escapeControl(s)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: readonly LintResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const range = r.lineIndex.rangeOf(d.span);
      const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(r.uri)}`,
        `line=${range.start.line + 1}`,
        `col=${range.start.character + 1}`,
        `title=${escapeProperty(d.code)}`,
      ];
      out.push(`::${level} ${props.join(',')}::${escapeData(d.message)}`);
    }
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
