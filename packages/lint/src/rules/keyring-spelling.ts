// keyring-spelling: the same SAF key ring written in two spellings (owner or ring name in a
// different case). SAF user IDs are upper case, and at most one spelling of a ring name is right.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { keyringOf, replaceFix, statementsOf, type KeyringValue } from '../policy.js';

export default defineRule({
  meta: {
    id: 'keyring-spelling',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag one key ring spelt two ways in a policy, such as TCPIP/Ring and tcpip/ring.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'recalled',
    messages: {
      spelling: "'{{keyring}}' looks like the key ring spelt '{{first}}' elsewhere in this policy; SAF user IDs are upper case and ring names are case sensitive, so use one spelling.",
    },
  },
  check(ctx) {
    const first = new Map<string, KeyringValue>();
    for (const s of statementsOf(ctx.model, 'TTLSKeyringParms')) {
      const k = keyringOf(s);
      if (!k || (k.form !== 'saf' && k.form !== 'saf-owned' && k.form !== 'virtual')) continue;
      // A virtual ring (owner/*) compares like owner/ring: the owner is a user ID or *AUTH*/*SITE*.
      const key = k.owner ? `${k.owner.text.toUpperCase()}/${k.ring!.toLowerCase()}` : k.text.toLowerCase();
      const prev = first.get(key);
      if (!prev) {
        first.set(key, k);
        continue;
      }
      if (prev.text === k.text) continue;
      ctx.report({
        uri: s.doc.uri,
        span: spanOf(k.word),
        messageId: 'spelling',
        data: { keyring: k.text, first: prev.text },
        related: [{ message: `Spelt '${prev.text}' here`, span: spanOf(prev.word), uri: prev.param.owner.doc.uri }],
        suggestions: [replaceFix(`Change to '${prev.text}'`, spanOf(k.word), prev.text)],
        uncertain: true,
      });
    }
  },
});
