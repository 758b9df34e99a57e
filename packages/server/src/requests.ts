// Answers of the custom requests behind the editor's commands, as JSON-safe data:
// attls/evaluationOrder (the table of rules in Policy Agent's order), attls/explain (return codes
// and AT-TLS log lines) and attls/compareInstalled (the open policy against a pasearch report).
// Pure functions of the policy model; the server wires them to requests.
import { compilePolicy, diffPolicies, diffText, type PolicyDiff } from '@attls/evaluate';
import { explainCode, explainLog, formatCodesText, formatLogText } from '@attls/explain';
import { isPasearchReport, readPasearch, type PolicyModel, type Range, type StatementInfo } from '@attls/language';
import type { RuleEvaluation } from '@attls/service';

export interface OrderEntryJson {
  readonly position: number;
  readonly name: string;
  readonly priority: number | null;
  /** The document's uri and the 0-based range of the rule's name. */
  readonly file: string;
  readonly range: Range;
  /** The rule's conditions as written: "LocalPortRange 992", "RemoteAddrGroupRef Partners". */
  readonly conditions: readonly string[];
  readonly actions: { readonly group: string | null; readonly environment: string | null; readonly connection: string | null };
  /** Where each action is defined (null when not named or not defined), as in attls match's JSON. */
  readonly actionPlaces: { readonly group: ActionPlaceJson | null; readonly environment: ActionPlaceJson | null; readonly connection: ActionPlaceJson | null };
  /** Earlier rules that take every connection this one would match. */
  readonly shadowedBy: readonly string[];
  /** Earlier rules that take some of its connections, with other actions. */
  readonly overlaps: readonly string[];
}

export interface ActionPlaceJson {
  readonly name: string;
  readonly file: string;
  readonly range: Range;
}

export interface OrderJson {
  readonly rules: readonly OrderEntryJson[];
  readonly notes: readonly string[];
}

const NOT_CONDITIONS = new Set(['priority', 'ttlsgroupactionref', 'ttlsenvironmentactionref', 'ttlsconnectionactionref']);

function rangeOf(s: StatementInfo): Range {
  return s.doc.parse.lineIndex.rangeOf(s.anchor);
}

/** The statement a rule's `...Ref` names, where it is: possibly in another file of the set. */
function actionPlace(rule: StatementInfo, refParam: string): ActionPlaceJson | null {
  const target = rule.param(refParam)?.reference?.target;
  return target?.name === undefined ? null : { name: target.name, file: target.doc.uri, range: rangeOf(target) };
}

/** The condition parameters of a rule, one line each, in the order they are written. */
export function ruleConditions(rule: StatementInfo): string[] {
  const out: string[] = [];
  for (const p of rule.params) {
    const keyword = p.spec?.name ?? p.keyword.text;
    if (NOT_CONDITIONS.has(keyword.toLowerCase())) continue;
    if (p.spec?.kind === 'inline-block') out.push(`${keyword} { ... }`);
    else out.push([keyword, ...p.values.map((v) => v.text)].join(' '));
  }
  return out;
}

export function evaluationOrderJson(evaluation: RuleEvaluation): OrderJson {
  const name = (s: StatementInfo): string => s.name ?? s.label;
  return {
    rules: evaluation.entries.map((e) => ({
      position: e.position,
      name: name(e.rule),
      priority: e.priority ?? null,
      file: e.rule.doc.uri,
      range: rangeOf(e.rule),
      conditions: ruleConditions(e.rule),
      actions: {
        group: e.rule.value('TTLSGroupActionRef') ?? null,
        environment: e.rule.value('TTLSEnvironmentActionRef') ?? null,
        connection: e.rule.value('TTLSConnectionActionRef') ?? null,
      },
      actionPlaces: {
        group: actionPlace(e.rule, 'TTLSGroupActionRef'),
        environment: actionPlace(e.rule, 'TTLSEnvironmentActionRef'),
        connection: actionPlace(e.rule, 'TTLSConnectionActionRef'),
      },
      shadowedBy: e.shadowedBy.map(name),
      overlaps: e.overlaps.map(name),
    })),
    notes: [
      'Order: highest Priority first; a rule without Priority comes after every rule that has one; rules with the same Priority are taken in name order.',
      'Names are compared in EBCDIC (IBM-1047) order, as Policy Agent runs on z/OS; this is our reading, not stated by IBM, so give rules distinct priorities where the order matters.',
    ],
  };
}

export interface ExplainJson {
  readonly kind: 'codes' | 'log';
  /** The explanation as `attls explain` prints it. */
  readonly text: string;
  /** Places in the policy the explanation points at (1-based lines). */
  readonly places: readonly { readonly label: string; readonly file: string; readonly line: number }[];
}

/** Return codes ("202", "402 5003") or AT-TLS log text, explained against the policy when given. */
export function explainJson(text: string, model: PolicyModel | undefined): ExplainJson {
  if (/^\s*\d+(?:[\s,]+\d+)*\s*$/.test(text)) {
    const codes = text.trim().split(/[\s,]+/).map(Number);
    return { kind: 'codes', text: formatCodesText(codes.map(explainCode)), places: [] };
  }
  const x = explainLog(text, model);
  const places: { label: string; file: string; line: number }[] = [];
  const seen = new Set<string>();
  for (const g of x.groups) {
    for (const p of g.places) {
      const label = [p.statement, p.name, p.parameter].filter(Boolean).join(' ');
      const key = `${p.file}:${p.line}:${label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      places.push({ label, file: p.file, line: p.line });
    }
  }
  return { kind: 'log', text: formatLogText(x), places };
}

export interface InstalledDiffJson {
  /** OLD is the open policy, NEW the installed one; `places` give 1-based lines on each side. */
  readonly diff: PolicyDiff;
  /** The same comparison as `attls diff` prints it. */
  readonly text: string;
}

/**
 * The open policy (its whole policy set) against the installed policy in a pasearch report, read
 * from the text the editor sends. A text that is not a report, or a report of several images
 * without `image`, gives `error`.
 */
export function installedDiffJson(model: PolicyModel, report: { readonly uri: string; readonly text: string }, image?: string): InstalledDiffJson | { readonly error: string } {
  if (!isPasearchReport(report.text)) return { error: `${report.uri} is not pasearch output (no "TCP/IP pasearch" header or policyRule lines)` };
  const installed = readPasearch(report.uri, report.text, { targetRelease: model.release, image });
  if (installed.problem) return { error: `${report.uri}: ${installed.problem}` };
  const diff = diffPolicies({ policy: compilePolicy(model), source: model.documents.map((d) => d.uri).join(', ') }, { policy: compilePolicy(installed.model), source: report.uri });
  return { diff, text: diffText(diff) };
}
