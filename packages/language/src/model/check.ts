// The contract of a built-in check and the runner: each check reads the model and returns its
// findings; a check that throws becomes one finding naming it, and the others still report. The
// findings of a model are computed once (the model never changes) and kept beside it.
import { codeInfo } from '../codes.js';
import { formatMessage, type Diagnostic, type Fix, type MessageData, type RelatedLocation, type Severity } from '../diagnostic.js';
import type { Span } from '../text.js';
import type { PolicyModel } from './model.js';

/** A finding as a check states it; the runner renders the message from the code's templates. */
export interface Finding {
  /** Document of the finding. */
  readonly uri: string;
  readonly code: string;
  readonly messageId: string;
  readonly data?: MessageData;
  readonly span: Span;
  /** When lower than the code's usual severity and its messageId does not say so (codes.ts severities). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: Fix;
  readonly suggestions?: readonly Fix[];
  readonly tags?: readonly (1 | 2)[];
}

/** What a caller needs of the checks. */
export interface CheckOptions {
  /**
   * False when the findings are wanted for their codes only (how many errors Policy Agent
   * rejects): checks then skip work that only shapes a message, such as looking for the names an
   * undefined reference may have meant. The codes and places are the same either way.
   */
  readonly messages?: boolean;
}

export interface BuiltinCheck {
  /** Name of the check, for the finding that says it failed. */
  readonly name: string;
  /** The codes it reports (each described in codes.ts). */
  readonly codes: readonly string[];
  run(model: PolicyModel, options?: CheckOptions): readonly Finding[];
}

/** Findings of one policy, by document. */
export type FindingsByUri = ReadonlyMap<string, readonly Diagnostic[]>;

/** Renders a finding into a diagnostic, from the templates of its code. */
export function toDiagnostic(f: Finding): Diagnostic {
  const info = codeInfo(f.code);
  const template = info?.messages[f.messageId];
  if (template === undefined) throw new Error(`no message '${f.messageId}' for code '${f.code}'`);
  return {
    code: f.code,
    severity: f.severity ?? info!.severities?.[f.messageId] ?? info!.defaultSeverity,
    message: formatMessage(template, f.data),
    messageId: f.messageId,
    data: f.data,
    span: f.span,
    related: f.related,
    fix: f.fix,
    suggestions: f.suggestions,
    tags: f.tags,
  };
}

/**
 * Runs checks over a model, each on its own: the findings of a check that throws are dropped and
 * replaced by one `internal-check-error` on the first document.
 */
export function runChecks(model: PolicyModel, checks: readonly BuiltinCheck[], options: CheckOptions = {}): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of model.documents) out.set(d.uri, []);
  const add = (uri: string, d: Diagnostic): void => {
    const list = out.get(uri);
    if (list) list.push(d);
    else out.set(uri, [d]);
  };
  for (const check of checks) {
    let rendered: { uri: string; d: Diagnostic }[];
    try {
      rendered = check.run(model, options).map((f) => ({ uri: f.uri, d: toDiagnostic(f) }));
    } catch (e) {
      const first = model.documents[0];
      if (first) {
        add(first.uri, toDiagnostic({
          uri: first.uri,
          code: 'internal-check-error',
          messageId: 'failed',
          data: { check: check.name, error: (e as Error)?.message ?? String(e) },
          span: { start: 0, end: 0 },
        }));
      }
      continue;
    }
    for (const r of rendered) add(r.uri, r.d);
  }
  return out;
}
