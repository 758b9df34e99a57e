// GitLab code quality report (artifacts:reports:codequality): a JSON list of issues with a
// description, the check, a severity on GitLab's scale, the file relative to the checkout and the
// 1-based line. GitLab compares the fingerprints of a merge request's base and head to tell new
// issues from fixed ones, so a fingerprint depends on what was found and where in the text, never
// on the line number, the run or the folder the repository was checked out to.
import type { Severity } from '@attls/language';
import type { LintResult } from '../lint.js';
import { jsonWithoutControls } from './escape.js';
import type { InputProblem } from './outcome.js';

export interface GitlabOptions {
  /** The checkout folder: paths inside it are written relative to it (default: as given). */
  readonly base?: string;
  /** Inputs that could not be read, listed as issues of their own. */
  readonly problems?: readonly InputProblem[];
}

export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** Errors rank above warnings in the merge request; notes are information. */
const SEVERITY: Readonly<Record<Severity, CodeQualityIssue['severity']>> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/** A path as GitLab links it: relative to the checkout, forward slashes, no leading "./". */
export function checkoutPath(path: string, base?: string): string {
  let p = path.replace(/\\/g, '/');
  let b = base?.replace(/\\/g, '/') ?? '';
  while (b.endsWith('/')) b = b.slice(0, -1);
  if (b && p.startsWith(`${b}/`)) p = p.slice(b.length + 1);
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

export function toGitlab(results: readonly LintResult[], options: GitlabOptions = {}): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const r of results) {
    const path = checkoutPath(r.uri, options.base);
    // Findings with the same key in one file are told apart by their order, which edits
    // elsewhere in the file do not change.
    const seen = new Map<string, number>();
    for (const d of r.diagnostics) {
      const start = r.lineIndex.positionAt(d.span.start);
      const lineText = lineAt(r.text, d.span.start).replace(/\s+/g, ' ').trim();
      const key = [path, d.code, lineText, r.text.slice(d.span.start, d.span.end)].join('\u0000');
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      issues.push({
        description: d.message,
        check_name: d.code,
        fingerprint: hash128(`${key}\u0000${n}`),
        severity: SEVERITY[d.severity],
        location: { path, lines: { begin: start.line + 1 } },
      });
    }
  }
  for (const p of options.problems ?? []) {
    const path = checkoutPath(p.file, options.base);
    // Nothing in the file was checked: that blocks the review as a whole.
    issues.push({ description: `Not linted: ${p.reason}`, check_name: 'unreadable-file', fingerprint: hash128(`${path}\u0000unreadable-file`), severity: 'blocker', location: { path, lines: { begin: 1 } } });
  }
  return issues;
}

export function formatGitlab(results: readonly LintResult[], options: GitlabOptions = {}): string {
  return jsonWithoutControls(JSON.stringify(toGitlab(results, options), null, 2)) + '\n';
}

/** The text of the line holding an offset, without its line end. */
function lineAt(text: string, offset: number): string {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  const to = text.indexOf('\n', offset);
  return text.slice(from, to < 0 ? text.length : to).replace(/\r$/, '');
}

/**
 * A 128-bit fingerprint as 32 hex digits: four 32-bit multiplicative lanes, each with its own seed
 * and odd multiplier, finished with an avalanche step. Not cryptographic (nothing here needs to
 * resist forgery); it keeps the linter free of any host's hashing API and costs nothing at start.
 */
export function hash128(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  let c = 0x85ebca6b;
  let d = 0xc2b2ae35;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    a = Math.imul(a ^ k, 0x01000193);
    b = Math.imul(b ^ k, 0x5bd1e995);
    c = Math.imul(c ^ k, 0x1b873593);
    d = Math.imul(d ^ k, 0x27d4eb2f);
  }
  // Each lane takes in the others and the length, so that no lane alone decides its digits.
  const n = text.length;
  const lanes = [a ^ n, b ^ c, c ^ d, d ^ a].map((x, i) => avalanche((x + Math.imul(i + 1, 0x9e3779b9)) | 0));
  return lanes.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
