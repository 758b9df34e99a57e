// order-by-name: two rules overlap at the same priority, so only the alphabetical order of their
// names (a collation IBM does not document; EBCDIC assumed) decides which one a connection gets.
// Also flags the one other order attls cannot be sure of: Priority 1 against no Priority.
import { analysePolicy, asciiDisagrees, compareEbcdic, describeExample, outcomeKey, priorityFix, PRIORITY_MAX, type CompiledRule, type Taker } from '@attls/evaluate';
import type { Fix } from '@attls/language';
import { defineRule } from '../rule.js';

function keepFirst(first: CompiledRule, second: CompiledRule): Fix[] {
  const p = first.priority ?? 0;
  if (p + 1 > PRIORITY_MAX) return [];
  const out: Fix[] = [];
  const keep = priorityFix(`Keep ${first.name} first: give it Priority ${p + 1}`, first, p + 1);
  if (keep) out.push(keep);
  const swap = priorityFix(`Try ${second.name} first: give it Priority ${p + 1}`, second, p + 1);
  if (swap) out.push(swap);
  return out;
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
  },
  check(ctx) {
    const analysis = analysePolicy(ctx.model);
    for (const a of analysis.rules) {
      if (a.status !== 'reachable' && a.status !== 'undecided') continue;
      const rule = a.rule;
      const tied: Taker[] = a.takers.filter((t) => t.rule.priority === rule.priority);
      for (const t of tied) {
        const first = t.rule;
        const prio = rule.priority === undefined ? 'neither has a Priority' : `both have Priority ${rule.priority}`;
        const ascii = asciiDisagrees(first.name, rule.name) ? ` In ASCII order ${rule.name} would come first.` : '';
        const same = outcomeKey(first) === outcomeKey(rule) ? ' They have the same actions, but the rule reported for these connections (EZD1281I, netstat) differs.' : ' They have different actions.';
        ctx.report({
          uri: rule.statement.doc.uri,
          span: rule.statement.anchor,
          message: `Rules ${first.name} and ${rule.name} overlap and ${prio}: only name order puts ${first.name} first (EBCDIC order assumed), so it takes connections such as ${describeExample(t.example, first, rule)}.${ascii}${same} Give the one that should win a higher Priority.`,
          messageId: 'equalPriority',
          data: { rule: rule.name, first: first.name },
          related: [{ message: `${first.name} is tried first only by name`, span: first.statement.anchor, uri: first.statement.doc.uri }],
          suggestions: keepFirst(first, rule),
        });
      }
      // Priority 1 against no Priority: attls puts the explicit 1 first; if Policy Agent reads a
      // missing Priority as 1 (as pasearch shows it), name order decides instead.
      if (rule.priority === undefined) {
        for (const t of a.takers) {
          const first = t.rule;
          if (first.priority !== 1 || compareEbcdic(rule.name, first.name) >= 0) continue;
          ctx.report({
            uri: rule.statement.doc.uri,
            span: rule.statement.anchor,
            message: `Rule ${rule.name} has no Priority and overlaps ${first.name}, which has Priority 1. attls tries ${first.name} first, but if Policy Agent reads a missing Priority as 1 (pasearch shows it so), name order puts ${rule.name} first; connections such as ${describeExample(t.example, first, rule)} depend on it. Give ${rule.name} an explicit Priority.`,
            messageId: 'priorityOne',
            data: { rule: rule.name, first: first.name },
            related: [{ message: `${first.name} has Priority 1`, span: first.statement.anchor, uri: first.statement.doc.uri }],
            suggestions: keepFirst(first, rule),
          });
        }
      }
    }
  },
});
