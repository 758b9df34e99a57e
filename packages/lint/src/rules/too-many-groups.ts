// too-many-groups: every TTLSGroupAction in use runs its own Language Environment process with its
// own System SSL instance. IBM's guideline is to use as few group actions as necessary.
import type { StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, effectiveRules, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'too-many-groups',
    category: 'reliability',
    defaultSeverity: 'info',
    description: 'Flag policies whose rules use more secured group actions than a limit (default 10), since each one is a separate process.',
    fixable: false,
    certainty: 'confirmed',
    options: [{ name: 'max', type: 'number', default: 10, description: 'Largest number of secured group actions in use that is not reported.' }],
    messages: {
      many: 'The rules use {{count}} secured group actions; each runs as its own Language Environment process with its own System SSL instance, so merge groups that differ in nothing that matters (limit {{max}}).',
    },
  },
  check(ctx) {
    const max = ctx.options['max'] as number;
    const groups: StatementInfo[] = [];
    const seen = new Set<StatementInfo>();
    for (const rule of effectiveRules(ctx.model)) {
      const a = actionsOf(ctx.model, rule);
      if (!a.group || !secures(a) || seen.has(a.group)) continue;
      seen.add(a.group);
      groups.push(a.group);
    }
    if (groups.length <= max) return;
    const first = groups[max]!;
    ctx.report({ uri: first.doc.uri, span: first.anchor, messageId: 'many', data: { count: groups.length, max } });
  },
});
