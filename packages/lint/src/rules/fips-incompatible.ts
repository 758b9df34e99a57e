// fips-incompatible: a group in FIPS 140 mode whose rules switch on protocols or list ciphers that
// System SSL does not allow in FIPS mode, so those handshakes fail.
import { spanOf, type Span } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, cipherEntries, cipherWeaknesses, effectiveRules, enabledProtocols, is, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'fips-incompatible',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag protocols and cipher suites that System SSL does not allow in FIPS 140 mode, used by a group with FIPS140 on.',
    fixable: false,
    certainty: 'recalled',
    messages: {
      protocol: '{{protocol}} is not allowed in FIPS 140 mode, which {{group}} turns on (FIPS140 {{fips}}); handshakes that would use it fail. Turn {{protocol}} Off.',
      tls13: 'TLSv1.3 with FIPS140 {{fips}} (from {{group}}) depends on the z/OS release and System SSL service level; check that your System SSL supports TLS 1.3 in FIPS mode before relying on it.',
      cipher: '{{cipher}} is not a FIPS-approved cipher suite ({{reasons}}), so {{group}} with FIPS140 {{fips}} cannot use it; remove it from the list.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    const once = (uri: string, span: Span, id: string): boolean => {
      const k = `${uri}:${span.start}:${span.end}:${id}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    };
    // Only groups with FIPS140 on are concerned.
    if (!model.paramsOf('FIPS140').some((p) => p.values[0] !== undefined && !is(p.values[0].text, 'Off'))) return;
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      const fipsParam = a.group?.param('FIPS140');
      const fips = fipsParam?.values[0]?.text;
      if (!a.group || !fips || is(fips, 'Off') || !secures(a)) continue;
      const related = [{ message: `FIPS140 ${fips} is set here`, span: spanOf(fipsParam!.values[0]!), uri: a.group.doc.uri }];
      const base = { group: a.group.label, fips };
      for (const [protocol, setting] of enabledProtocols(model, a)) {
        if (!setting.param) continue;
        const span = spanOf(setting.param.values[0]!);
        const uri = setting.param.owner.doc.uri;
        if (protocol === 'SSLv2' || protocol === 'SSLv3') {
          if (once(uri, span, 'p')) ctx.report({ uri, span, messageId: 'protocol', data: { ...base, protocol }, related, uncertain: true });
        } else if (protocol === 'TLSv1.3') {
          if (once(uri, span, 't')) ctx.report({ uri, span, messageId: 'tls13', data: base, related, uncertain: true });
        }
      }
      if (!a.cipher) continue;
      for (const e of cipherEntries(a.cipher)) {
        const name = e.name ?? '';
        const reasons = cipherWeaknesses(name).filter((r) => !r.startsWith('Triple DES'));
        if (/CHACHA20/i.test(name)) reasons.push('ChaCha20-Poly1305');
        if (e.v2) reasons.push('SSL 2.0');
        if (reasons.length === 0) continue;
        const uri = a.cipher.doc.uri;
        if (once(uri, e.span, 'c')) {
          ctx.report({ uri, span: e.span, messageId: 'cipher', data: { ...base, cipher: e.name && e.name !== e.text ? `${e.text} (${e.name})` : e.text, reasons }, related, uncertain: true });
        }
      }
    }
  },
});
