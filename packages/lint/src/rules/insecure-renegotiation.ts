// insecure-renegotiation: Renegotiation All lets a partner start full renegotiations at will.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { effectiveParams, is, replaceFix } from '../policy.js';

export default defineRule({
  meta: {
    id: 'insecure-renegotiation',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Flag Renegotiation All, and renegotiation allowed without demanding the RFC 5746 renegotiation indication.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      all: 'Renegotiation All lets the partner start full renegotiation handshakes at any time, which costs CPU on every one and widens the attack surface; use Disabled (or Abbreviated) unless the application needs it.',
      noIndicator:
        'Renegotiation {{value}} is allowed while RenegotiationIndicator is {{indicator}}, so a partner without RFC 5746 support can renegotiate unprotected against splicing; set RenegotiationIndicator Both (or Server or Client for the role this end plays).',
    },
  },
  check(ctx) {
    for (const p of effectiveParams(ctx.model, 'Renegotiation', ['TTLSEnvironmentAdvancedParms', 'TTLSConnectionAdvancedParms'])) {
      {
        const s = p.owner;
        const w = p.values[0];
        if (!w) continue;
        if (is(w.text, 'All')) {
          ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'all', suggestions: [replaceFix("Change to 'Disabled'", spanOf(w), 'Disabled')] });
          continue;
        }
        if (is(w.text, 'Abbreviated')) {
          const ind = s.param('RenegotiationIndicator')?.values[0]?.text ?? 'Optional';
          if (is(ind, 'Optional')) ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'noIndicator', data: { value: w.text, indicator: `${ind}${s.param('RenegotiationIndicator') ? '' : ' (the default)'}` } });
        }
      }
    }
  },
});
