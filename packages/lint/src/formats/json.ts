// The JSON output format. Pipelines parse it: its shape is a stable contract.
import type { Range } from '@attls/language';
import type { LintResult } from '../lint.js';
import { jsonWithoutControls } from './escape.js';

export interface JsonRelated {
  readonly message: string;
  readonly file: string;
  readonly range: Range;
}

export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  /** 0-based lines and UTF-16 characters, end exclusive, as in LSP. */
  readonly range: Range;
  readonly related?: readonly JsonRelated[];
}

export interface JsonFileResult {
  readonly file: string;
  readonly diagnostics: readonly JsonDiagnostic[];
}

/**
 * Converts results to the JSON shape. Related locations in another file of the same run (a common
 * file, for instance) are positioned with that file's line index.
 */
export function toJson(results: readonly LintResult[]): JsonFileResult[] {
  const byUri = new Map(results.map((r) => [r.uri, r]));
  return results.map((r) => ({
    file: r.uri,
    diagnostics: r.diagnostics.map((d) => {
      const out: JsonDiagnostic = {
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: r.lineIndex.rangeOf(d.span),
      };
      if (d.related && d.related.length > 0) {
        return {
          ...out,
          related: d.related.map((rel) => {
            const other = rel.uri ? byUri.get(rel.uri) : r;
            return { message: rel.message, file: rel.uri ?? r.uri, range: (other ?? r).lineIndex.rangeOf(rel.span) };
          }),
        };
      }
      return out;
    }),
  }));
}

export function formatJson(results: readonly LintResult[]): string {
  return jsonWithoutControls(JSON.stringify(toJson(results), null, 2)) + '\n';
}
