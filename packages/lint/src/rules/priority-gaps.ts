// priority-gaps: IBM advises leaving room between rule priorities so that a rule can later be
// inserted between two others without renumbering.
import { spanOf, type StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { effectiveRules } from '../policy.js';

export default defineRule({
  meta: {
    id: 'priority-gaps',
    category: 'style',
    defaultSeverity: 'hint',
    description: 'Leave gaps between the priorities of rules (by default at least 2 apart) so that rules can be inserted later.',
    fixable: false,
    certainty: 'confirmed',
    options: [{ name: 'minGap', type: 'number', default: 2, description: 'Smallest accepted difference between two neighbouring distinct priorities.' }],
    messages: {
      tight: 'Priority {{priority}} of {{rule}} is only {{gap}} below {{other}} (Priority {{above}}); leave room to insert a rule between them later.',
    },
  },
  check(ctx) {
    const minGap = ctx.options['minGap'] as number;
    const byPriority = new Map<number, StatementInfo>();
    for (const r of effectiveRules(ctx.model)) {
      const v = r.value('Priority');
      if (v === undefined || !/^\d+$/.test(v)) continue;
      const n = Number(v);
      if (!byPriority.has(n)) byPriority.set(n, r);
    }
    const sorted = [...byPriority.keys()].sort((a, b) => b - a);
    for (let i = 1; i < sorted.length; i++) {
      const above = sorted[i - 1]!;
      const here = sorted[i]!;
      if (above - here >= minGap) continue;
      const rule = byPriority.get(here)!;
      const other = byPriority.get(above)!;
      ctx.report({
        uri: rule.doc.uri,
        span: spanOf(rule.param('Priority')!.values[0]!),
        messageId: 'tight',
        data: { priority: here, rule: rule.label, gap: above - here, other: other.label, above },
        related: [{ message: `${other.label} has Priority ${above}`, span: spanOf(other.param('Priority')!.values[0]!), uri: other.doc.uri }],
      });
    }
  },
});
