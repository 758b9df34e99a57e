// Lints policy texts: parse, build the model, run the checks, and hand back positioned results.
import { analyse, LineIndex, parse, type Diagnostic, type PolicyModel, type TargetRelease } from '@attls/language';

export interface LintOptions {
  readonly targetRelease?: TargetRelease;
}

/** The findings for one file, with what is needed to show positions. */
export interface LintResult {
  /** Path or URI of the file, as given. */
  readonly uri: string;
  readonly text: string;
  readonly lineIndex: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

/** Lints one file on its own. */
export function lintText(uri: string, text: string, options: LintOptions = {}): LintResult {
  const parsed = parse(text);
  const model = analyse([{ uri, parse: parsed }], { targetRelease: options.targetRelease });
  return { uri, text, lineIndex: parsed.lineIndex, diagnostics: model.diagnostics(uri) };
}

/** Lints the files of one policy together (a common file before a stack file, for instance). */
export function lintPolicy(files: readonly { uri: string; text: string }[], options: LintOptions = {}): {
  model: PolicyModel;
  results: LintResult[];
} {
  const docs = files.map((f) => ({ uri: f.uri, parse: parse(f.text) }));
  const model = analyse(docs, { targetRelease: options.targetRelease });
  const results = docs.map((d, i) => ({
    uri: d.uri,
    text: files[i]!.text,
    lineIndex: d.parse.lineIndex,
    diagnostics: model.diagnostics(d.uri),
  }));
  return { model, results };
}

/** Counts of findings by severity. */
export function countSeverities(results: readonly LintResult[]): Record<'error' | 'warning' | 'info' | 'hint', number> {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) for (const d of r.diagnostics) counts[d.severity]++;
  return counts;
}
