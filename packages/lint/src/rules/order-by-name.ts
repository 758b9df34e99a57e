// order-by-name: two rules overlap at the same priority, so only the alphabetical order of their
// names (a collation IBM does not document; EBCDIC assumed) decides which one a connection gets. A
// rule without Priority counts as Priority 1 (the semantic core's reading, as pasearch shows it),
// so it ties with the rules that code 1.
import {
  analysePolicy,
  asciiDisagrees,
  describeExample,
  outcomeKey,
  priorityFix,
  PRIORITY_MAX,
  OverlapFinder,
  type CompiledPolicy,
  type CompiledRule,
  type Taker,
} from '@attls/evaluate';
import type { Fix } from '@attls/language';
import { defineRule } from '../rule.js';

/** A Priority for one rule that settles the order, or why there is none. */
type Choice = { readonly rule: CompiledRule; readonly priority: number } | { readonly why: string };

/**
 * Finds Priority values that settle the order of two rules without making a new problem: no tie
 * with another rule that overlaps the one moved, and no jump over an overlapping rule of a priority
 * in between (that would change which rule other connections get).
 */
class PriorityPlanner {
  private readonly overlaps: OverlapFinder;

  constructor(policy: CompiledPolicy) {
    this.overlaps = new OverlapFinder(policy);
  }

  /** Why giving `rule` Priority q would create a tie (undefined when it would not). */
  private conflict(rule: CompiledRule, q: number, ignore: CompiledRule): string | undefined {
    const tie = this.overlaps.of(rule).find((r) => r.priority === q && r !== ignore);
    if (tie) return `Priority ${q} for ${rule.name} would tie it with ${tie.name}, which it also overlaps${tie.coded === undefined ? ' (it codes no Priority, so it counts as 1)' : ''}`;
    return undefined;
  }

  /** The lowest Priority above `floor` that puts `winner` ahead of `loser` with no new tie. */
  raise(winner: CompiledRule, loser: CompiledRule, floor: number): Choice {
    const from = winner.priority;
    let first: string | undefined;
    for (let q = floor + 1; q <= PRIORITY_MAX; q++) {
      // Rules strictly between the winner's priority and q that overlap it would be passed over.
      if (q - 1 > from) {
        const passed = this.overlaps.of(winner).find((r) => r.priority === q - 1 && r !== loser);
        if (passed) {
          const jump = `Priority ${q} for ${winner.name} would also put it ahead of ${passed.name}, which it overlaps`;
          return { why: first ? `${first}, and ${jump}` : jump };
        }
      }
      const why = this.conflict(winner, q, loser);
      if (!why) return { rule: winner, priority: q };
      first ??= why;
      return { why };
    }
    return { why: first ?? `${winner.name} cannot have a Priority above ${PRIORITY_MAX}` };
  }

  /** One step below the shared priority for `loser`, so that `winner` keeps it alone. */
  lower(loser: CompiledRule, winner: CompiledRule): Choice | undefined {
    const p = loser.priority;
    if (winner.priority !== p || p - 1 < 1) return undefined;
    const why = this.conflict(loser, p - 1, winner);
    return why ? { why } : { rule: loser, priority: p - 1 };
  }
}

/**
 * Suggestions for one finding: keep `first` first, or put `second` first. Each is a raise of the
 * rule that should win, else a lowering of the other; when neither fits, the reason goes into the
 * message instead of a suggestion that would only move the problem.
 */
function plan(planner: PriorityPlanner, first: CompiledRule, second: CompiledRule): { fixes: Fix[]; noFit: string } {
  const floor = Math.max(first.priority, second.priority);
  const fixes: Fix[] = [];
  const reasons: string[] = [];
  for (const [winner, loser, verb] of [
    [first, second, `Keep ${first.name} first`],
    [second, first, `Try ${second.name} first`],
  ] as const) {
    const up = planner.raise(winner, loser, floor);
    const down = 'priority' in up ? undefined : planner.lower(loser, winner);
    const choice = 'priority' in up ? up : down && 'priority' in down ? down : undefined;
    if (choice) {
      const whom = choice.rule === winner ? 'it' : choice.rule.name;
      const fix = priorityFix(`${verb}: give ${whom} Priority ${choice.priority}`, choice.rule, choice.priority);
      if (fix) fixes.push(fix);
      continue;
    }
    const why = [up, down].flatMap((c) => (c && 'why' in c ? [c.why] : [])).join('; and ');
    reasons.push(` No single Priority change puts ${winner.name} first without a new tie: ${why}.`);
  }
  return { fixes, noFit: reasons.join('') };
}

/** "both have Priority 200", or how two rules come to share Priority 1 when one codes none. */
function tiedPriorities(a: CompiledRule, b: CompiledRule): string {
  if (a.coded !== undefined && b.coded !== undefined) return `both have Priority ${a.priority}`;
  if (a.coded === undefined && b.coded === undefined) return 'neither codes a Priority, so both count as Priority 1';
  const none = a.coded === undefined ? a : b;
  return `both count as Priority 1 (${none.name} codes none)`;
}

export default defineRule({
  meta: {
    id: 'order-by-name',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Two overlapping TTLSRules have the same priority, so only the alphabetical order of their names decides which one wins.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      equalPriority:
        'Rules {{first}} and {{rule}} overlap and {{priorities}}: only name order puts {{first}} first (EBCDIC order assumed), so it takes connections such as {{example}}.{{ascii}}{{actions}} Give the one that should win a higher Priority.{{noFit}}',
    },
  },
  check(ctx) {
    const analysis = analysePolicy(ctx.model);
    const planner = new PriorityPlanner(analysis.policy);
    for (const a of analysis.rules) {
      if (a.status !== 'reachable' && a.status !== 'undecided') continue;
      const rule = a.rule;
      const tied: Taker[] = a.takers.filter((t) => t.rule.priority === rule.priority);
      for (const t of tied) {
        const first = t.rule;
        const { fixes, noFit } = plan(planner, first, rule);
        ctx.report({
          uri: rule.statement.doc.uri,
          span: rule.statement.anchor,
          messageId: 'equalPriority',
          data: {
            rule: rule.name,
            first: first.name,
            priorities: tiedPriorities(first, rule),
            example: describeExample(t.example, first, rule),
            ascii: asciiDisagrees(first.name, rule.name) ? ` In ASCII order ${rule.name} would come first.` : '',
            actions:
              outcomeKey(first) === outcomeKey(rule)
                ? ' They have the same actions, but the rule reported for these connections (EZD1281I, netstat) differs.'
                : ' They have different actions.',
            noFit,
          },
          related: [{ message: `${first.name} is tried first only by name`, span: first.statement.anchor, uri: first.statement.doc.uri }],
          suggestions: fixes,
        });
      }
    }
  },
});
