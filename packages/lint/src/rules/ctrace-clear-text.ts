// ctrace-clear-text: CtraceClearText On writes the application data of secured connections to
// component and data traces unencrypted.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { effectiveParams, is, replaceFix } from '../policy.js';

export default defineRule({
  meta: {
    id: 'ctrace-clear-text',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Disallow CtraceClearText On, which puts decrypted application data into traces.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      on: 'CtraceClearText On writes the decrypted data of secured connections to CTRACE and data traces, where anyone who can read the trace sees it. Keep it Off outside a short, controlled problem diagnosis.',
    },
  },
  check(ctx) {
    for (const p of effectiveParams(ctx.model, 'CtraceClearText', ['TTLSGroupAction', 'TTLSEnvironmentAction', 'TTLSConnectionAction'])) {
      {
        const s = p.owner;
        const w = p.values[0];
        if (!w || !is(w.text, 'on')) continue;
        ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'on', suggestions: [replaceFix("Change to 'Off'", spanOf(w), 'Off')] });
      }
    }
  },
});
