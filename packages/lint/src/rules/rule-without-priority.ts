// rule-without-priority: with several rules, one without Priority is ordered only by its name
// among the lowest-priority rules. IBM advises explicit priorities whenever a connection can match
// more than one rule.
import { defineRule } from '../rule.js';
import { effectiveRules } from '../policy.js';

export default defineRule({
  meta: {
    id: 'rule-without-priority',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Require an explicit Priority on every TTLSRule when a policy has more than one rule.',
    fixable: false,
    certainty: 'usage',
    messages: {
      missing: '{{rule}} has no Priority, so where it stands among the {{count}} rules depends on defaults and name order (rules without Priority are shown as priority 1, the lowest); give it an explicit Priority, with gaps between rules.',
    },
  },
  check(ctx) {
    const rules = effectiveRules(ctx.model);
    if (rules.length < 2) return;
    for (const r of rules) {
      if (r.param('Priority')) continue;
      ctx.report({ uri: r.doc.uri, span: r.anchor, messageId: 'missing', data: { rule: r.label, count: rules.length } });
    }
  },
});
