// value-case: values of enumerated parameters are not case sensitive, but the documented spelling
// (On, ServerWithClientAuth) reads better and greps reliably.
import { catalogue, spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { replaceFix } from '../policy.js';

export default defineRule({
  meta: {
    id: 'value-case',
    category: 'style',
    defaultSeverity: 'hint',
    description: 'Spell the values of enumerated parameters as IBM documents them (On, Off, ServerWithClientAuth).',
    fixable: true,
    certainty: 'confirmed',
    messages: {
      spelling: "Write '{{expected}}' as documented instead of '{{actual}}' (values of {{keyword}} are not case sensitive, so this changes nothing for Policy Agent).",
    },
  },
  check(ctx) {
    for (const s of ctx.model.statements) {
      for (const p of s.params) {
        if (p.spec?.kind !== 'enum' && !(p.spec?.values && p.spec.kind !== 'string')) continue;
        const w = p.values[0];
        if (!w || w.quoted) continue;
        const match = catalogue.enumValue(p.spec, w.text);
        if (!match || match.value === w.text) continue;
        ctx.report({
          uri: s.doc.uri,
          span: spanOf(w),
          messageId: 'spelling',
          data: { expected: match.value, actual: w.text, keyword: p.spec.name },
          fix: replaceFix(`Change to '${match.value}'`, spanOf(w), match.value),
        });
      }
    }
  },
});
