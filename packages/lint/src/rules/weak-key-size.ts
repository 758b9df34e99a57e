// weak-key-size: PeerMin*KeySize values that accept short partner keys, and EDH group sizes left
// at Legacy (1024-bit groups).
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { is, replaceFix, statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'weak-key-size',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Flag minimum partner key sizes below current guidance (RSA, DSA and DH under 2048 bits, ECC under 256) and Legacy EDH group sizes.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    options: [
      { name: 'minRsa', type: 'number', default: 2048, description: 'Smallest acceptable PeerMinRsaKeySize.' },
      { name: 'minDsa', type: 'number', default: 2048, description: 'Smallest acceptable PeerMinDsaKeySize.' },
      { name: 'minDh', type: 'number', default: 2048, description: 'Smallest acceptable PeerMinDHKeySize.' },
      { name: 'minEcc', type: 'number', default: 256, description: 'Smallest acceptable PeerMinECCKeySize.' },
    ],
    messages: {
      small: '{{keyword}} {{value}} accepts partner keys shorter than {{min}} bits; raise it to at least {{min}}.',
      legacy: '{{keyword}} Legacy allows 1024-bit Diffie-Hellman groups; use 2048.',
    },
  },
  check(ctx) {
    const mins: Record<string, number> = {
      PeerMinRsaKeySize: ctx.options['minRsa'] as number,
      PeerMinDsaKeySize: ctx.options['minDsa'] as number,
      PeerMinDHKeySize: ctx.options['minDh'] as number,
      PeerMinECCKeySize: ctx.options['minEcc'] as number,
    };
    for (const kind of ['TTLSEnvironmentAdvancedParms', 'TTLSConnectionAdvancedParms']) {
      for (const s of statementsOf(ctx.model, kind)) {
        for (const p of s.params) {
          const kw = p.spec?.name;
          const w = p.values[0];
          if (!kw || !w) continue;
          const min = mins[kw];
          if (min !== undefined && /^\d+$/.test(w.text) && Number(w.text) < min) {
            ctx.report({
              uri: s.doc.uri,
              span: spanOf(w),
              messageId: 'small',
              data: { keyword: kw, value: w.text, min },
              suggestions: [replaceFix(`Change to ${min}`, spanOf(w), String(min))],
            });
          } else if ((kw === 'ClientEDHGroupSize' || kw === 'ServerEDHGroupSize') && is(w.text, 'Legacy')) {
            ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'legacy', data: { keyword: kw }, suggestions: [replaceFix("Change to '2048'", spanOf(w), '2048')] });
          }
        }
      }
    }
  },
});
