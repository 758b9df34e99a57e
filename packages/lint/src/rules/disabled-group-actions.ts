// disabled-group-actions: a rule whose group has TTLSEnabled Off also names environment or
// connection actions. They have no effect -- the connection is not secured -- and they suggest
// that the author expected it to be.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, codesValue, effectiveRules, is } from '../policy.js';

export default defineRule({
  meta: {
    id: 'disabled-group-actions',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag environment and connection actions named by a rule whose group action has TTLSEnabled Off.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      unused: '{{keyword}} has no effect: {{group}} has TTLSEnabled Off, so connections of {{rule}} are not secured at all. Remove it, or use a group with TTLSEnabled On if they should be.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    // Only rules whose group has TTLSEnabled Off are concerned.
    if (!codesValue(model, 'TTLSEnabled', ['Off'])) return;
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      if (!a.group || !is(a.group.value('TTLSEnabled'), 'off')) continue;
      for (const kw of ['TTLSEnvironmentActionRef', 'TTLSConnectionActionRef']) {
        const p = rule.param(kw);
        if (!p) continue;
        ctx.report({
          uri: rule.doc.uri,
          span: spanOf(p.keyword),
          messageId: 'unused',
          data: { keyword: kw, group: a.group.label, rule: rule.label },
          related: [{ message: 'TTLSEnabled Off is set here', span: spanOf(a.group.param('TTLSEnabled')!.node), uri: a.group.doc.uri }],
          tags: [1],
        });
      }
    }
  },
});
