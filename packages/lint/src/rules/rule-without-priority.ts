// rule-without-priority: a rule without Priority that shares connections with another rule. Its
// place among them then rests on an undocumented default (attls, as pasearch shows, reads it as
// Priority 1) and on name order; IBM advises explicit priorities whenever a connection can match
// more than one rule. Rules that cannot share a connection need no priority.
import { analysePolicy } from '@attls/evaluate';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'rule-without-priority',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Require an explicit Priority on a TTLSRule that shares connections with another rule.',
    fixable: false,
    certainty: 'usage',
    messages: {
      missing:
        '{{rule}} has no Priority but shares connections with {{others}}; which rule Policy Agent tries first then rests on an undocumented default (read as Priority 1, as pasearch shows it) and on name order. Give them explicit priorities, with gaps between them.',
    },
  },
  check(ctx) {
    const analysis = analysePolicy(ctx.model);
    // Only rules without a Priority are reported: the pairs of the others are not collected (a
    // policy of rules that all partly overlap has millions of pairs).
    const reported = analysis.rules.map((a) => a.rule).filter((r) => r.coded === undefined && !r.statement.param('Priority'));
    if (reported.length === 0) return;
    const unranked = new Set(reported.map((r) => r.name));
    // Rules that can match a connection together, in either order.
    const sharing = new Map<string, Set<string>>();
    const note = (a: string, b: string): void => {
      if (!unranked.has(a)) return;
      let s = sharing.get(a);
      if (!s) sharing.set(a, (s = new Set()));
      s.add(b);
    };
    for (const a of analysis.rules) {
      for (const t of a.takers) {
        note(a.rule.name, t.rule.name);
        note(t.rule.name, a.rule.name);
      }
    }
    for (const r of reported) {
      const others = sharing.get(r.name);
      if (!others || others.size === 0) continue;
      const list = [...others].sort();
      ctx.report({
        uri: r.statement.doc.uri,
        span: r.statement.anchor,
        messageId: 'missing',
        data: { rule: r.statement.label, others: list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ') },
      });
    }
  },
});
