// duplicate-cipher: the same suite listed twice in one cipher list. The first occurrence decides
// the preference, so the later one adds nothing and can be removed safely.
import { defineRule } from '../rule.js';
import { cipherEntries, statementsOf, type CipherEntry } from '../policy.js';
import { removeCipherFix } from './weak-cipher.js';

export default defineRule({
  meta: {
    id: 'duplicate-cipher',
    category: 'style',
    defaultSeverity: 'info',
    description: 'Flag a cipher suite listed more than once in a TTLSCipherParms; the later copy is removed by --fix.',
    fixable: true,
    certainty: 'usage',
    messages: {
      duplicate: '{{cipher}} is already listed earlier in {{statement}}; the later copy changes nothing.',
    },
  },
  check(ctx) {
    for (const block of statementsOf(ctx.model, 'TTLSCipherParms')) {
      const entries = cipherEntries(block).filter((e) => !e.v2);
      const first = new Map<string, CipherEntry>();
      for (const e of entries) {
        const key = e.suite?.code4 ?? e.text.toUpperCase();
        const prev = first.get(key);
        if (!prev) {
          first.set(key, e);
          continue;
        }
        ctx.report({
          uri: block.doc.uri,
          span: e.span,
          messageId: 'duplicate',
          data: { cipher: e.suite?.name ?? e.text, statement: block.label },
          related: [{ message: 'First listed here', span: prev.span }],
          fix: removeCipherFix(e, entries),
          tags: [1],
        });
      }
    }
  },
});
