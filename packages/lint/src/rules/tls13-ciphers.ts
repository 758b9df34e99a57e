// tls13-ciphers: TLSv1.3 On while the cipher list in effect has no TLS 1.3 suite (1301-1303), so
// TLS 1.3 can never be negotiated. z/OS 3.2's default list has none either. Under a Suite B
// profile the list in effect is the profile's (TLS 1.2 suites only), never the coded one.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, advancedSetting, effectiveRules, effectiveSuites, is, secures, suiteBProfile } from '../policy.js';

export default defineRule({
  meta: {
    id: 'tls13-ciphers',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Require a TLS 1.3 cipher suite (1301, 1302 or 1303) in the cipher list wherever TLSv1.3 is On.',
    fixable: false,
    certainty: 'usage',
    messages: {
      coded: 'TLSv1.3 is On, but the cipher list of {{rule}} ({{list}}) has no TLS 1.3 suite, so TLS 1.3 is never negotiated; add TLS_AES_128_GCM_SHA256 or TLS_AES_256_GCM_SHA384 (1301, 1302) to the list.',
      defaultList: 'TLSv1.3 is On, but {{rule}} codes no cipher list and the z/OS {{release}} default list has no TLS 1.3 suite, so TLS 1.3 is never negotiated; code a list with 1301 or 1302 in it.',
      suiteB: 'TLSv1.3 is On, but SuiteBProfile {{profile}} of {{environment}} replaces the cipher list of {{rule}} with Suite B suites for TLSv1.2 only, and IBM names no TLS 1.3 suite under a profile, so TLS 1.3 is probably never negotiated; set SuiteBProfile Off to use TLS 1.3 suites, or turn TLSv1.3 Off.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      if (!secures(a)) continue;
      const t13 = advancedSetting(model, a, 'TLSv1.3');
      if (!is(t13.value, 'on') || !t13.param) continue;
      const w = t13.param.values[0]!;
      const profile = suiteBProfile(a);
      if (profile) {
        const key = `${t13.param.owner.doc.uri}:${w.start}:${profile.param.node.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          uri: t13.param.owner.doc.uri,
          span: spanOf(w),
          messageId: 'suiteB',
          data: { rule: rule.label, profile: profile.value, environment: profile.param.owner.label },
          related: [
            { message: `${rule.label} uses this setting`, span: rule.anchor, uri: rule.doc.uri },
            { message: `SuiteBProfile ${profile.value} is coded here`, span: spanOf(profile.param.values[0]!), uri: profile.param.owner.doc.uri },
          ],
          // IBM says the profile applies to TLSv1.2 sessions; what it does to TLS 1.3 is inferred.
          uncertain: true,
        });
        continue;
      }
      const suites = effectiveSuites(model, a);
      if (!suites.known || suites.tls13) continue;
      const key = `${t13.param.owner.doc.uri}:${w.start}:${suites.block?.anchor.start ?? 'default'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        uri: t13.param.owner.doc.uri,
        span: spanOf(w),
        messageId: suites.coded ? 'coded' : 'defaultList',
        data: { rule: rule.label, list: suites.block?.label ?? '', release: model.release },
        related: [
          { message: `${rule.label} uses this setting`, span: rule.anchor, uri: rule.doc.uri },
          ...(suites.block ? [{ message: 'The cipher list in effect', span: suites.block.anchor, uri: suites.block.doc.uri }] : []),
        ],
      });
    }
  },
});
