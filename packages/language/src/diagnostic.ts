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
  /**
   * For a suggestion: the one the editor offers as its preferred quick fix (the only near miss of
   * a misspelt keyword, say). Still a suggestion: applied only when asked, never by --fix.
   */
  readonly preferred?: boolean;
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
  readonly data?: MessageData;
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

/** Values a message is built from: names, kinds, counts, lists of suggestions. */
export type MessageData = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/**
 * Templates split once, by template: the leading text, then for each placeholder its name, its
 * list style, the placeholder as written (kept when the name has no value) and the text after it.
 * Templates are the catalogue's own constants, and a code can report thousands of findings.
 */
const compiled = new Map<string, string[]>();

function compile(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = [];
    const re = /\{\{\s*([A-Za-z0-9_]+)\s*(?:\|\s*(or|and)\s*)?\}\}/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(template)) !== null) {
      parts.push(template.slice(last, m.index), m[1]!, m[2] ?? '', m[0]);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    // A template built from user text would grow the map without end: keep only the first few.
    if (compiled.size < 1000) compiled.set(template, parts);
  }
  return parts;
}

/** `'a', 'b' or 'c'` (or `and`): a list of words quoted for a sentence. */
export function quoteList(list: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  const q = list.map((s) => `'${s}'`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1]}`;
}

/**
 * Text as a message shows it: whole up to `max` characters, else its first `keep` characters and
 * its length, so that a word of thousands of characters is not repeated in every finding about it.
 */
export function shortened(text: string, max: number, keep: number): string {
  return text.length <= max ? text : `${text.slice(0, keep)}... (${text.length} characters)`;
}

/**
 * Longest value a message quotes whole (the finding's data keeps it whole): far more than any list
 * a check or rule builds, far less than a garbage word of a fuzzed or broken file.
 */
const SHOWN_VALUE = 2000;

/**
 * Fills `{{name}}` placeholders from `data`. A list is joined with commas, or quoted and joined
 * with a conjunction when the placeholder says so: `{{suggestions|or}}` gives `'a', 'b' or 'c'`.
 * Unknown names stay as written; a value longer than SHOWN_VALUE is shortened.
 */
export function formatMessage(template: string, data: MessageData = {}): string {
  const parts = compile(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 4) {
    const v = data[parts[i]!];
    const style = parts[i + 1]!;
    let text: string;
    if (v === undefined) text = parts[i + 2]!;
    else if (Array.isArray(v)) text = style === 'or' || style === 'and' ? quoteList(v, style) : v.join(', ');
    else text = shortened(String(v), SHOWN_VALUE, 1000);
    out += text + parts[i + 3]!;
  }
  return out;
}
