// Lints policy texts: parse, build the model, run the checks, and hand back positioned results.
import { analyse, compareDiagnostics, LineIndex, parse, type Diagnostic, type PolicyModel, type TargetRelease } from '@attls/language';
import type { Rule } from './rule.js';
import { RULES } from './rules/index.js';

export interface LintOptions {
  readonly targetRelease?: TargetRelease;
  /** Rules to run (default: every registered rule at its default severity). */
  readonly rules?: readonly Rule[];
}

/**
 * Runs the lint rules over a model and adds their findings to its documents. A rule that throws
 * becomes one internal-rule-error finding; the other rules still run.
 */
export function runRules(model: PolicyModel, rules: readonly Rule[] = RULES): void {
  const first = model.documents[0];
  for (const rule of rules) {
    try {
      rule.check({
        model,
        release: model.release,
        options: Object.fromEntries((rule.meta.options ?? []).map((o) => [o.name, o.default])),
        report: (f) =>
          model.report(f.uri, {
            code: rule.meta.id,
            severity: f.severity ?? rule.meta.defaultSeverity,
            message: f.message,
            messageId: f.messageId,
            data: f.data,
            span: f.span,
            related: f.related,
            fix: f.fix,
            suggestions: f.suggestions,
            tags: f.tags,
          }),
      });
    } catch (e) {
      if (first) {
        model.report(first.uri, {
          code: 'internal-rule-error',
          severity: 'error',
          message: `Rule '${rule.meta.id}' failed on this policy: ${(e as Error)?.message ?? String(e)}. Please report it.`,
          span: { start: 0, end: 0 },
        });
      }
    }
  }
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
  runRules(model, options.rules);
  return { uri, text, lineIndex: parsed.lineIndex, diagnostics: model.diagnostics(uri).sort(compareDiagnostics) };
}

/** Lints the files of one policy together (a common file before a stack file, for instance). */
export function lintPolicy(files: readonly { uri: string; text: string }[], options: LintOptions = {}): {
  model: PolicyModel;
  results: LintResult[];
} {
  const docs = files.map((f) => ({ uri: f.uri, parse: parse(f.text) }));
  const model = analyse(docs, { targetRelease: options.targetRelease });
  runRules(model, options.rules);
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
