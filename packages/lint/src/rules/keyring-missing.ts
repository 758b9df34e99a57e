// keyring-missing: a key ring block that names no key ring, so the environment has no certificates.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'keyring-missing',
    category: 'correctness',
    defaultSeverity: 'error',
    description: 'Require a Keyring in every TTLSKeyringParms block, so that the environment has certificates to use.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      missing: '{{statement}} names no Keyring, so the environment has no certificates and every handshake fails; add a Keyring line.',
      empty: 'Keyring is empty, so the environment has no certificates and every handshake fails.',
    },
  },
  check(ctx) {
    for (const s of statementsOf(ctx.model, 'TTLSKeyringParms')) {
      const p = s.param('Keyring');
      if (!p) {
        ctx.report({ uri: s.doc.uri, span: s.anchor, messageId: 'missing', data: { statement: s.label } });
      } else if (p.values[0] && p.values[0].text.trim() === '') {
        ctx.report({ uri: s.doc.uri, span: spanOf(p.values[0]), messageId: 'empty' });
      }
    }
  },
});
