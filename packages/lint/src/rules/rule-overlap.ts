// rule-overlap: a rule of higher priority takes part of this rule's connections and treats them
// differently (other actions, or no AT-TLS at all). Equal-priority overlaps are order-by-name's.
import { analysePolicy, describeExample, outcomeKey, outcomeText, priorityAbove, priorityFix, priorityText, samePriority, type Taker } from '@attls/evaluate';
import { defineRule } from '../rule.js';

const SHOWN = 3;

export default defineRule({
  meta: {
    id: 'rule-overlap',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'A higher-priority TTLSRule takes part of the connections of this rule and gives them different actions.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      differentActions: 'Rule {{rule}} ({{priority}}, {{outcome}}) does not get all of its connections: {{parts}}.',
      exempted: 'Rule {{rule}} ({{priority}}, {{outcome}}) does not get all of its connections: {{parts}}.',
    },
  },
  check(ctx) {
    const analysis = analysePolicy(ctx.model);
    for (const a of analysis.rules) {
      if (a.status !== 'reachable' && a.status !== 'undecided') continue;
      const rule = a.rule;
      const mine = outcomeKey(rule);
      const takers: Taker[] = a.takers.filter((t) => !samePriority(t.rule, rule) && outcomeKey(t.rule) !== mine);
      if (takers.length === 0) continue;
      const part = (t: Taker): string =>
        `${t.rule.name} (${priorityText(t.rule)}) ${t.timeLimited ? 'at the times its IpTimeCondition allows ' : ''}leaves them ${outcomeText(t.rule)}, for example ${describeExample(t.example, t.rule, rule)}`;
      const shown = takers.slice(0, SHOWN).map(part);
      const more = takers.length > SHOWN ? `; and ${takers.length - SHOWN} more rule${takers.length - SHOWN === 1 ? '' : 's'}` : '';
      const n = priorityAbove(takers.map((t) => t.rule));
      const raise = n !== undefined ? priorityFix(`Give ${rule.name} Priority ${n} so that it takes these connections`, rule, n) : undefined;
      ctx.report({
        uri: rule.statement.doc.uri,
        span: rule.statement.anchor,
        messageId: takers.some((t) => t.rule.enabled === false) ? 'exempted' : 'differentActions',
        data: { rule: rule.name, takers: takers.map((t) => t.rule.name), priority: priorityText(rule), outcome: outcomeText(rule), parts: `${shown.join('; ')}${more}` },
        related: takers.map((t) => ({
          message: `${t.rule.name} takes ${describeExample(t.example, t.rule, rule)} first`,
          span: t.rule.statement.anchor,
          uri: t.rule.statement.doc.uri,
        })),
        suggestions: raise ? [raise] : undefined,
      });
    }
  },
});
