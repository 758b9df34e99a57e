// SARIF 2.1.0, as GitHub code scanning and other tools read it: the tool with its rules and their
// help URIs, then one result per finding with a 1-based region. Findings hidden by an inline
// directive are kept as suppressed results carrying the directive's reason. The invocation gives
// the run's exit code, and a notification for each input that could not be read.
import type { Diagnostic, Severity } from '@attls/language';
import { ruleEntries } from '../catalogue.js';
import type { SuppressedDiagnostic } from '../directives.js';
import type { LintResult } from '../lint.js';
import type { Rule } from '../rule.js';
import { jsonWithoutControls } from './escape.js';
import { runOutcome, type RunOutcome } from './outcome.js';

export interface SarifOptions {
  readonly rules?: readonly Rule[];
  /** Version of the tool, shown in tool.driver. */
  readonly version?: string;
  /** The run's exit code and unreadable inputs (default: as the findings decide, all read). */
  readonly outcome?: RunOutcome;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** A path as a URI reference: relative paths stay relative, absolute ones become file: URIs. */
export function toArtifactUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(p) ? p.slice(0, 2) : '';
  const rest = drive ? p.slice(2) : p;
  const encoded = rest.split('/').map((seg) => encodeURIComponent(seg)).join('/');
  if (drive) return `file:///${drive}${encoded}`;
  if (p.startsWith('/')) return `file://${encoded}`;
  return encoded;
}

export function toSarif(results: readonly LintResult[], options: SarifOptions = {}): object {
  const entries = ruleEntries(options.rules, { builtins: true });
  const index = new Map(entries.map((e, i) => [e.id, i]));
  const byUri = new Map(results.map((r) => [r.uri, r]));
  const region = (r: LintResult, d: { span: Diagnostic['span'] }) => {
    const range = r.lineIndex.rangeOf(d.span);
    return {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    };
  };
  const sarifResults: object[] = [];
  const add = (r: LintResult, d: Diagnostic, suppressed?: SuppressedDiagnostic) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      level: level(d.severity),
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: toArtifactUri(r.uri) }, region: region(r, d) } }],
    };
    const i = index.get(d.code);
    if (i !== undefined) result['ruleIndex'] = i;
    if (d.related && d.related.length > 0) {
      result['relatedLocations'] = d.related.map((rel, n) => {
        const other = (rel.uri ? byUri.get(rel.uri) : r) ?? r;
        return {
          id: n + 1,
          message: { text: rel.message },
          physicalLocation: { artifactLocation: { uri: toArtifactUri(rel.uri ?? r.uri) }, region: region(other, rel) },
        };
      });
    }
    if (suppressed) {
      const s: Record<string, unknown> = { kind: 'inSource' };
      if (suppressed.directive.reason) s['justification'] = suppressed.directive.reason;
      result['suppressions'] = [s];
    }
    sarifResults.push(result);
  };
  for (const r of results) {
    for (const d of r.diagnostics) add(r, d);
    for (const s of r.suppressed ?? []) add(r, s.diagnostic, s);
  }
  const outcome = options.outcome ?? runOutcome(results);
  // Exit 1 means the analysis ran and found what fails the run; exit 2 means some input was
  // not analysed at all, which is a failed execution.
  const invocation = {
    executionSuccessful: outcome.exitCode !== 2,
    exitCode: outcome.exitCode,
    toolExecutionNotifications: outcome.problems.map((p) => ({
      level: 'error',
      message: { text: p.reason },
      locations: [{ physicalLocation: { artifactLocation: { uri: toArtifactUri(p.file) } } }],
    })),
  };
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'attls-lint',
            ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
            informationUri: 'https://github.com/attls/attls',
            rules: entries.map((e) => ({
              id: e.id,
              shortDescription: { text: e.description },
              helpUri: e.docs,
              help: { text: `${e.description} See ${e.docs}` },
              defaultConfiguration: { level: level(e.defaultSeverity) },
              properties: { category: e.category, tags: [e.category], fixable: e.fixable },
            })),
          },
        },
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export function formatSarif(results: readonly LintResult[], options: SarifOptions = {}): string {
  return jsonWithoutControls(JSON.stringify(toSarif(results, options), null, 2)) + '\n';
}
