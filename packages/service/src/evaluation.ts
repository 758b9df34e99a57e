// The seam to rule evaluation: where each TTLSRule stands in Policy Agent's search order and which
// rules hide it. The workspace is given an evaluator; features that show order (code lenses, rule
// hover, the outline, attls/match) read it through here and degrade gracefully without one.
import { analysePolicy, answerJson, compilePolicy, explainMatch, outcomeKey, readConnection, type ConnectionFields } from '@attls/evaluate';
import type { PolicyModel, StatementInfo } from '@attls/language';

export interface RuleOrderEntry {
  readonly rule: StatementInfo;
  /** 1-based position in the evaluation order. */
  readonly position: number;
  /** The Priority the rule is ordered by (the core counts a rule without one as Priority 1). */
  readonly priority: number | undefined;
  /**
   * False when the rule codes no (readable) Priority, so its priority is the core's assumption;
   * absent when the evaluator does not say.
   */
  readonly priorityCoded?: boolean;
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

/**
 * Policy Agent's evaluation order from @attls/evaluate: position and Priority of each rule, the
 * rules that take all of its connections (shadowed by) or some of them with other actions (overlaps).
 */
export const evaluateRules: Evaluator = (model) => {
  const analysis = analysePolicy(model);
  return ruleEvaluation(
    analysis.rules.map((a) => ({
      rule: a.rule.statement,
      position: a.rule.order,
      priority: a.rule.priority,
      priorityCoded: a.rule.coded !== undefined,
      shadowedBy: a.status === 'shadowed' ? a.takers.map((t) => t.rule.statement) : [],
      overlaps: a.status === 'shadowed' ? [] : a.takers.filter((t) => outcomeKey(t.rule) !== outcomeKey(a.rule)).map((t) => t.rule.statement),
    })),
  );
};

/** A connection that cannot be read; the server answers it as invalid parameters. */
export class MatchInputError extends Error {}

/**
 * `attls/match`: a connection given as `attls match` options or CSV columns (direction,
 * local_addr, local_port, remote_addr, remote_port, jobname, userid, time; camelCase accepted),
 * answered with the same JSON as `attls match --format json`.
 */
export const matchConnection: Matcher = (model, connection) => {
  if (!connection || typeof connection !== 'object') throw new MatchInputError('attls/match needs a connection object');
  const raw = connection as Record<string, unknown>;
  const pick = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = raw[k];
      if (typeof v === 'string' && v.trim() !== '') return v;
      if (typeof v === 'number') return String(v);
    }
    return undefined;
  };
  const fields: ConnectionFields = {
    direction: pick('direction'),
    local_addr: pick('local_addr', 'localAddr'),
    local_port: pick('local_port', 'localPort'),
    remote_addr: pick('remote_addr', 'remoteAddr'),
    remote_port: pick('remote_port', 'remotePort'),
    jobname: pick('jobname'),
    userid: pick('userid'),
    time: pick('time'),
  };
  const r = readConnection(fields);
  if (!r.connection) throw new MatchInputError(r.problems.join('; ') || 'the connection is not usable');
  return answerJson(explainMatch(compilePolicy(model), r.connection));
};
