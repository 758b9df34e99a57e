// Diagnostics: every finding has a stable code, a severity, the narrowest useful span and, where
// it helps, related locations and edits.
import type { Span } from './text.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1, hint: 0 };

/** A replacement of `span` in document `uri` (the diagnostic's own document when absent). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
  readonly uri?: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  readonly message: string;
  readonly span: Span;
  /** Document of the related location; the diagnostic's own document when absent. */
  readonly uri?: string;
}

export interface Diagnostic {
  /** Stable kebab-case id: `syntax-unclosed-brace`, `unknown-parameter`, a lint rule id. */
  readonly code: string;
  readonly severity: Severity;
  /** Rendered message in our own words. */
  readonly message: string;
  /** Which message variant of the code, for tests and code actions. */
  readonly messageId?: string;
  /** Values the message was built from (names, kinds, suggestions). */
  readonly data?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly span: Span;
  readonly related?: readonly RelatedLocation[];
  /** A safe, behaviour-preserving edit (`attls lint --fix`). */
  readonly fix?: Fix;
  /** Edits that may change behaviour, offered in the editor only. */
  readonly suggestions?: readonly Fix[];
  /** LSP tags: 1 unnecessary, 2 deprecated. */
  readonly tags?: readonly (1 | 2)[];
}

/** Where documentation of a diagnostic code lives. */
export const DOCS_BASE = 'https://github.com/attls/attls/blob/main/docs/rules/';

export function docsUrl(code: string): string {
  return `${DOCS_BASE}${code}.md`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Findings that make Policy Agent refuse the whole AT-TLS policy ("if errors are detected during
 * parsing, no new policies are installed"). Which problems count as parsing errors is IBM's
 * behaviour inferred from its documentation; unknown keywords are not among them, since Policy
 * Agent is documented to ignore those.
 */
export const REJECTED_BY_POLICY_AGENT: ReadonlySet<string> = new Set([
  'syntax-unclosed-brace',
  'syntax-unexpected-brace',
  'syntax-orphan-block',
  'syntax-nesting-too-deep',
  'syntax-unexpected-token',
  'missing-required',
  'missing-value',
  'invalid-value',
  'undefined-reference',
  'block-expected',
  'block-unexpected',
  'misplaced-statement',
  'conflicting-parameters',
]);

/** Findings for which Policy Agent installs the policy but ignores a statement or parameter. */
export const IGNORED_BY_POLICY_AGENT: ReadonlySet<string> = new Set([
  'unknown-statement',
  'unknown-parameter',
  'misplaced-parameter',
  'duplicate-definition',
  'trailing-text',
]);
