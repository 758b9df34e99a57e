// handshake-timeout-zero: HandshakeTimeout 0 is believed to mean that AT-TLS never gives up on a
// handshake, so a partner that stops answering holds the connection (and its resources) forever.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { effectiveParams, replaceFix } from '../policy.js';

export default defineRule({
  meta: {
    id: 'handshake-timeout-zero',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Flag HandshakeTimeout 0, which is believed to wait for a handshake without limit.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'recalled',
    messages: {
      zero: 'HandshakeTimeout 0 is believed to disable the handshake timer, so a partner that never completes the handshake holds the connection indefinitely; use a number of seconds (the default is 10).',
    },
  },
  check(ctx) {
    for (const p of effectiveParams(ctx.model, 'HandshakeTimeout', ['TTLSEnvironmentAdvancedParms', 'TTLSConnectionAdvancedParms'])) {
      {
        const s = p.owner;
        const w = p.values[0];
        if (w && /^0+$/.test(w.text)) ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'zero', suggestions: [replaceFix('Change to 10', spanOf(w), '10')], uncertain: true });
      }
    }
  },
});
