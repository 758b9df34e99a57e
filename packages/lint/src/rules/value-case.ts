// value-case: values of enumerated parameters are not case sensitive, but the documented spelling
// (On, ServerWithClientAuth) reads better and greps reliably.
import { defineRule } from '../rule.js';
import { replaceFix } from '../policy.js';

export default defineRule({
  meta: {
    id: 'value-case',
    category: 'style',
    defaultSeverity: 'info',
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
        const values = p.spec.values ?? [];
        if (spelledAsDocumented(values, w.text)) continue; // the common case, without lower-casing
        const match = documentedSpelling(values, w.text);
        if (!match || match.value === w.text) continue;
        ctx.report({
          uri: s.doc.uri,
          span: w.span,
          messageId: 'spelling',
          data: { expected: match.value, actual: w.text, keyword: p.spec.name },
          fix: replaceFix(`Change to '${match.value}'`, w.span, match.value),
        });
      }
    }
  },
});

// Loops in functions of their own rather than `some` and `find` with closures: a closure over the
// loop's locals makes unoptimised code allocate them for every value of the policy.

/** Whether a value is written exactly as documented. */
function spelledAsDocumented(values: readonly { readonly value: string }[], text: string): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]!.value === text) return true;
  return false;
}

/** The documented value a text spells in another case, if any. */
function documentedSpelling<V extends { readonly value: string }>(values: readonly V[], text: string): V | undefined {
  const lower = text.toLowerCase();
  for (let i = 0; i < values.length; i++) if (values[i]!.value.toLowerCase() === lower) return values[i];
  return undefined;
}
