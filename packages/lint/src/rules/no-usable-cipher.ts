// no-usable-cipher: only protocols older than TLS 1.3 are on, but the cipher list has only TLS 1.3
// suites, which those protocols cannot use: no handshake can succeed (AT-TLS reports return code 402).
import { defineRule } from '../rule.js';
import { actionsOf, effectiveRules, effectiveSuites, enabledProtocols, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'no-usable-cipher',
    category: 'correctness',
    defaultSeverity: 'error',
    description: 'Flag a cipher list with only TLS 1.3 suites where TLS 1.3 is off, so that no handshake can agree on a cipher.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      only13: '{{list}} lists only TLS 1.3 suites, but {{rule}} has TLS 1.3 off and {{protocols}} on, which cannot use them: every handshake fails. Add TLS 1.2 suites such as C02F or C030, or turn TLSv1.3 On.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      if (!secures(a)) continue;
      const on = enabledProtocols(model, a);
      if (on.size === 0 || on.has('TLSv1.3')) continue;
      const suites = effectiveSuites(model, a);
      if (!suites.coded || suites.older || !suites.block) continue;
      const key = `${suites.block.doc.uri}:${suites.block.anchor.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        uri: suites.block.doc.uri,
        span: suites.block.anchor,
        messageId: 'only13',
        data: { list: suites.block.label, rule: rule.label, protocols: [...on.keys()] },
        related: [{ message: `${rule.label} uses this cipher list`, span: rule.anchor, uri: rule.doc.uri }],
      });
    }
  },
});
