// pasearch reports on the command line: recognised by content wherever a command takes policy
// files, read as the installed policy of one image, linted only for what a report can show.
import { compilePolicy, type CompiledPolicy } from '@attls/evaluate';
import { isPasearchReport, LineIndex, pasearchOf, readPasearch, readPasearchImages, reportPosition, type Diagnostic, type PasearchPolicy, type Span, type TargetRelease } from '@attls/language';
import { lintParsed, type LintOptions, type LintResult } from '@attls/lint';
import { UsageError } from './args.js';
import type { InputFile } from './files.js';

/**
 * Lint rules whose findings rest only on what a report shows: the rule order, the conditions and
 * the value Policy Agent uses for each setting.
 */
export const SEEN_IN_REPORT: ReadonlySet<string> = new Set([
  // Guarantees over the connections a policy secures: a report shows every setting in force.
  'require-min-protocol',
  'require-secured',
  'catch-all-rule',
  'cert-validation-legacy',
  'cipher-list-ignored',
  'client-auth-unverified',
  'connection-role-mismatch',
  'ctrace-clear-text',
  'disabled-group-actions',
  'duplicate-cipher',
  'fips-incompatible',
  'handshake-role-direction',
  'handshake-timeout-zero',
  'insecure-renegotiation',
  'jobname-lowercase',
  'keyring-format',
  'keyring-missing',
  'keyring-owner-mismatch',
  'keyring-password-in-policy',
  'keyring-spelling',
  'no-modern-protocol',
  'no-usable-cipher',
  'order-by-name',
  'priority-gaps',
  'rule-overlap',
  'secondary-map-disabled-group',
  'shadowed-rule',
  'tls13-ciphers',
  'too-many-groups',
  'trace-too-verbose',
  'weak-cipher',
  'weak-key-size',
  'weak-protocol',
  'weak-signature-algorithm',
]);

/**
 * Lint rules about how a policy is written, which a report cannot show: comments, spelling,
 * coded values (pasearch prints every environment setting, coded or not), an omitted Priority.
 * Every rule is in one of the two sets (a test keeps them complete).
 */
export const NOT_SEEN_IN_REPORT: ReadonlySet<string> = new Set([
  'application-controlled-note',
  'client-auth-type-ignored',
  'dependent-parameter',
  'instance-hint',
  'keyword-case',
  'mixed-cipher-lists',
  'role-irrelevant-setting',
  'rule-without-priority',
  'value-case',
]);

/** The one line `attls lint` writes for a report. */
export function reportLintNotice(path: string): string {
  return `attls: ${path}: a pasearch report: only findings about what the installed policy does are shown; its layout, spelling and which values the source codes cannot be seen in a report\n`;
}

/**
 * Reads the policy when the inputs are a pasearch report; undefined when none is. A report stands
 * for the whole installed policy of one image, so it must come alone; `image` (the --stack option)
 * chooses among several images.
 */
export function reportPolicy(files: readonly InputFile[], targetRelease: TargetRelease | undefined, image: string | undefined): CompiledPolicy | undefined {
  const report = files.find((f) => isPasearchReport(f.text));
  if (!report) return undefined;
  if (files.length > 1) throw new UsageError(`${report.path}: a pasearch report is the whole installed policy of a stack; give it alone, without policy files`);
  const p = readPasearch(report.path, report.text, { targetRelease, image });
  if (p.problem) throw new UsageError(`${report.path}: ${p.problem}`);
  return compilePolicy(p.model);
}

/** What the answers on a report must say: what the report cannot tell exactly. */
export function reportNotes(policy: CompiledPolicy): readonly string[] {
  const p = pasearchOf(policy.model);
  return p ? p.notes.map((n) => `${p.uri}: ${n}`) : [];
}

/** Lints a report for what it shows, with findings placed on the report's own lines. */
export function lintReport(path: string, text: string, options: LintOptions): LintResult {
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  // Each image is a policy of its own (a report of several stacks is linted stack by stack).
  for (const p of readPasearchImages(path, text, { targetRelease: options.targetRelease })) {
    const result = lintParsed(path, p.document.parse, { ...options, targetRelease: options.targetRelease ?? p.release, inlineConfig: false });
    for (const d of result.diagnostics) {
      if (!SEEN_IN_REPORT.has(d.code)) continue;
      // A report is not edited: findings keep their words but lose their edits.
      const { fix: _fix, suggestions: _suggestions, ...rest } = d;
      diagnostics.push({
        ...rest,
        span: toReport(p, index, text, d.span),
        ...(d.related ? { related: d.related.map((r) => ({ ...r, span: toReport(p, index, text, r.span) })) } : {}),
      });
    }
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { uri: path, text, lineIndex: index, diagnostics };
}

function toReport(p: PasearchPolicy, index: LineIndex, text: string, span: Span): Span {
  const at = (offset: number, end: boolean): number => {
    const pos = p.document.parse.lineIndex.positionAt(offset);
    return index.offsetAt(reportPosition(p, pos.line, pos.character, end));
  };
  const start = at(span.start, false);
  let end = at(span.end, true);
  // A value written on another line than the report prints it maps to one point: keep its length.
  if (end <= start) end = Math.min(start + (span.end - span.start), index.lineBounds(index.positionAt(start).line, text).end);
  return { start, end };
}
