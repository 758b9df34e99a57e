// secondary-map-disabled-group: SecondaryMap On on a rule whose group has TTLSEnabled Off. A
// secondary connection (FTP data, rexec stderr) of the same process and addresses then takes the
// primary's policy -- not secured -- even when a lower-priority rule would have secured it.
import { spanOf, type ParamInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, codesValue, effectiveRules, is } from '../policy.js';

export default defineRule({
  meta: {
    id: 'secondary-map-disabled-group',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Flag SecondaryMap On for a rule whose group action has TTLSEnabled Off.',
    fixable: false,
    certainty: 'usage',
    messages: {
      disabled: 'SecondaryMap On for {{rule}}, whose group {{group}} has TTLSEnabled Off: secondary connections of the same process inherit this unsecured policy and skip lower-priority rules that would secure them. Turn SecondaryMap Off here.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    // Only a policy that codes both TTLSEnabled Off and SecondaryMap On somewhere is concerned.
    if (!codesValue(model, 'TTLSEnabled', ['Off']) || !codesValue(model, 'SecondaryMap', ['On'])) return;
    const seen = new Set<ParamInfo>();
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      if (!a.group || !is(a.group.value('TTLSEnabled'), 'off')) continue;
      for (const block of [a.connAdv, a.envAdv, a.groupAdv]) {
        const p = block?.param('SecondaryMap');
        if (!p || !is(p.values[0]?.text, 'on') || seen.has(p)) continue;
        seen.add(p);
        ctx.report({
          uri: p.owner.doc.uri,
          span: spanOf(p.values[0]!),
          messageId: 'disabled',
          data: { rule: rule.label, group: a.group.label },
          related: [{ message: 'TTLSEnabled Off is set here', span: spanOf(a.group.param('TTLSEnabled')!.node), uri: a.group.doc.uri }],
          uncertain: true,
        });
      }
    }
  },
});
