// JUnit XML for CI test reports (Jenkins, GitLab): one test case per finding, failed when the
// finding fails the run (by --fail-level and --max-warnings; notes only by --fail-level) and
// passed, with its text as output, when it does not; one passed case per clean file; one case with an error per
// input that could not be read. So the report fails exactly when the run does.
import type { Diagnostic } from '@attls/language';
import type { LintResult } from '../lint.js';
import { escapeControl } from './escape.js';
import { failsRun, runOutcome, type RunOutcome } from './outcome.js';

/**
 * Text for an XML attribute or element. Control characters are shown escaped (XML 1.0 cannot
 * carry most of them, and a report viewer should not get the others); the rest is escaped as XML.
 */
export function xmlText(s: string, options: { lineBreaks?: boolean } = {}): string {
  return escapeControl(s, options)
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface JunitOptions {
  /** What fails the run and which inputs could not be read (default: errors fail it, all read). */
  readonly outcome?: RunOutcome;
}

export function formatJunit(results: readonly LintResult[], options: JunitOptions = {}): string {
  const outcome = options.outcome ?? runOutcome(results);
  const cases: string[] = [];
  let failures = 0;
  for (const r of results) {
    const file = xmlText(r.uri);
    if (r.diagnostics.length === 0) {
      cases.push(`    <testcase classname="${file}" name="${file}" file="${file}"/>`);
      continue;
    }
    for (const d of r.diagnostics) {
      const p = r.lineIndex.positionAt(d.span.start);
      const line = `${r.uri}:${p.line + 1}:${p.character + 1} ${d.severity} ${d.code}: ${d.message}`;
      const open = `    <testcase classname="${file}" name="${xmlText(`${d.code} at ${p.line + 1}:${p.character + 1}`)}" file="${file}" line="${p.line + 1}">`;
      if (failsRun(outcome, d)) {
        failures++;
        cases.push(`${open}\n      <failure type="${xmlText(d.code)}" message="${xmlText(`${d.severity}: ${d.message}`)}">${xmlText(line)}${why(outcome, d)}</failure>\n    </testcase>`);
      } else cases.push(`${open}\n      <system-out>${xmlText(`${line} (does not fail the run)`)}</system-out>\n    </testcase>`);
    }
  }
  for (const p of outcome.problems) {
    const file = xmlText(p.file);
    cases.push(`    <testcase classname="${file}" name="${file}" file="${file}">\n      <error type="unreadable-file" message="${xmlText(p.reason)}">${xmlText(`${p.file}: ${p.reason}`)}</error>\n    </testcase>`);
  }
  const errors = outcome.problems.length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="attls-lint" ${counts}>`,
    `  <testsuite name="attls-lint" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n') + '\n';
}

/** Why a warning or a note fails the run, which its severity alone does not say. */
function why(outcome: RunOutcome, d: Diagnostic): string {
  if (d.severity === 'error') return '';
  const t = outcome.tooManyWarnings;
  if (d.severity === 'warning' && t) return ` (${t.count} warnings, more than --max-warnings ${t.max} allows)`;
  // The lowest failing severity is the --fail-level given.
  return ` (--fail-level ${outcome.failing[outcome.failing.length - 1]})`;
}
