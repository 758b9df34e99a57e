// cipher-list-ignored: a TTLSCipherParms whose lists Policy Agent ignores because the environment
// of the rules using it codes a Suite B profile (IBM: with 128, 128Min, 192, 192Min or All, any
// TTLSCipherParms is ignored and only the profile's suites are used).
import { spanOf, type RelatedLocation } from '@attls/language';
import { defineRule } from '../rule.js';
import { ignoredCipherList, statementsOf, type SuiteBProfile } from '../policy.js';

/** The cipher list lines of a TTLSCipherParms, in the order written. */
const LIST_KEYWORDS = ['V3CipherSuites', 'V3CipherSuites4Char', 'V2CipherSuites'];

export default defineRule({
  meta: {
    id: 'cipher-list-ignored',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag a TTLSCipherParms that Policy Agent ignores because a Suite B profile replaces the cipher list of the rules using it.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      ignored:
        '{{statement}} is ignored: SuiteBProfile {{profile}} of {{environment}} makes Policy Agent use only the Suite B suites, so none of its cipher lists is used. Remove the lists, or set SuiteBProfile Off if they are meant to apply.',
      partly:
        '{{statement}} is ignored for {{ignored}} (SuiteBProfile {{profile}} of {{environment}}) but in force for {{inForce}}; check that each rule gets the ciphers you mean.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    for (const block of statementsOf(model, 'TTLSCipherParms')) {
      const first = block.params.find((p) => p.spec && LIST_KEYWORDS.includes(p.spec.name));
      if (!first) continue;
      const ignored = ignoredCipherList(model, block);
      if (!ignored) continue;
      const profiles: SuiteBProfile[] = [];
      for (const p of ignored.holderProfile ? [ignored.holderProfile] : ignored.ignoredFor.map((x) => x.profile)) {
        if (!profiles.some((q) => q.param === p.param)) profiles.push(p);
      }
      const profile = profiles[0]!;
      const related: RelatedLocation[] = profiles.map((p) => ({
        message: `SuiteBProfile ${p.value} is coded here`,
        span: spanOf(p.param.values[0] ?? p.param.keyword),
        uri: p.param.owner.doc.uri,
      }));
      const base = { statement: block.label, profile: profile.value, environment: profile.param.owner.label };
      if (ignored.inForceFor.length === 0) {
        ctx.report({ uri: block.doc.uri, span: spanOf(first.keyword), messageId: 'ignored', data: base, related, tags: [1] });
        continue;
      }
      for (const r of ignored.inForceFor) related.push({ message: `${r.label} uses the list without a Suite B profile`, span: r.anchor, uri: r.doc.uri });
      ctx.report({
        uri: block.doc.uri,
        span: spanOf(first.keyword),
        messageId: 'partly',
        data: { ...base, ignored: ignored.ignoredFor.map((x) => x.rule.label), inForce: ignored.inForceFor.map((r) => r.label) },
        related,
      });
    }
  },
});
