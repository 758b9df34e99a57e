// The seam to rule evaluation: where each TTLSRule stands in Policy Agent's search order and which
// rules hide it. The workspace is given an evaluator; features that show order (code lenses, rule
// hover, the outline, attls/match) read it through here and degrade gracefully without one.
import type { PolicyModel, StatementInfo } from '@attls/language';

export interface RuleOrderEntry {
  readonly rule: StatementInfo;
  /** 1-based position in the evaluation order. */
  readonly position: number;
  /** The rule's Priority, undefined when it has none. */
  readonly priority: number | undefined;
  /** Rules earlier in the order that match every connection this one matches. */
  readonly shadowedBy: readonly StatementInfo[];
  /** Rules earlier in the order that match some of its connections with different actions. */
  readonly overlaps: readonly StatementInfo[];
}

export interface RuleEvaluation {
  /** Rules in evaluation order. */
  readonly entries: readonly RuleOrderEntry[];
  of(rule: StatementInfo): RuleOrderEntry | undefined;
}

/** Computes the evaluation order of the rules of one policy model. */
export type Evaluator = (model: PolicyModel) => RuleEvaluation;

/** Answers `attls/match`: a connection in, the JSON of `attls match` out. */
export type Matcher = (model: PolicyModel, connection: unknown) => unknown;

/** Builds a RuleEvaluation from entries in order. */
export function ruleEvaluation(entries: readonly RuleOrderEntry[]): RuleEvaluation {
  const byRule = new Map(entries.map((e) => [e.rule, e]));
  return { entries, of: (rule) => byRule.get(rule) };
}
