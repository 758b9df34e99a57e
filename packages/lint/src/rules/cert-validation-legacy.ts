// cert-validation-legacy: CertValidationMode RFC2459 validates certificates by the 1999 rules only.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { effectiveParams, is, replaceFix } from '../policy.js';

export default defineRule({
  meta: {
    id: 'cert-validation-legacy',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Flag CertValidationMode RFC2459, which validates certificates by rules that RFC 3280 and RFC 5280 replaced.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      rfc2459: 'CertValidationMode RFC2459 validates certificates only by the rules of RFC 2459 (1999), which RFC 3280 and RFC 5280 replaced; use RFC5280, or Any.',
    },
  },
  check(ctx) {
    for (const p of effectiveParams(ctx.model, 'CertValidationMode', ['TTLSEnvironmentAdvancedParms'])) {
      const s = p.owner;
      const w = p.values[0];
      if (w && is(w.text, 'RFC2459')) ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'rfc2459', suggestions: [replaceFix("Change to 'RFC5280'", spanOf(w), 'RFC5280')] });
    }
  },
});
