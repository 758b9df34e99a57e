// weak-signature-algorithm: MD5 and SHA-1 signature algorithm pairs in SignaturePairs and
// SignaturePairsCert (z/OS 3.2 drops SHA-1 from the default lists).
import { SIGNATURE_PAIRS, spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { statementsOf } from '../policy.js';

const NAMES = new Map(SIGNATURE_PAIRS.map((p) => [p.code.toUpperCase(), p.name]));

export default defineRule({
  meta: {
    id: 'weak-signature-algorithm',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Flag signature algorithm pairs that hash with MD5 or SHA-1.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'usage',
    messages: {
      weak: '{{code}} ({{name}}) signs with {{hash}}, which is no longer collision resistant; remove it from {{keyword}}.',
    },
  },
  check(ctx) {
    for (const s of statementsOf(ctx.model, 'TTLSSignatureParms')) {
      for (const p of s.params) {
        const kw = p.spec?.name;
        if (kw !== 'SignaturePairs' && kw !== 'SignaturePairsCert') continue;
        const w = p.values[0];
        if (!w || !/^[0-9A-Fa-f]+$/.test(w.text) || w.text.length % 4 !== 0) continue;
        const base = w.start + (w.quoted ? 1 : 0);
        const count = w.text.length / 4;
        for (let i = 0; i < w.text.length; i += 4) {
          const code = w.text.slice(i, i + 4).toUpperCase();
          const hash = code.startsWith('01') ? 'MD5' : code.startsWith('02') ? 'SHA-1' : undefined;
          if (!hash) continue;
          const span = { start: base + i, end: base + i + 4 };
          ctx.report({
            uri: s.doc.uri,
            span,
            messageId: 'weak',
            data: { code, name: NAMES.get(code) ?? 'unknown pair', hash, keyword: kw },
            suggestions: count > 1 ? [{ title: `Remove ${code}`, edits: [{ span, newText: '' }] }] : undefined,
          });
        }
      }
    }
  },
});
