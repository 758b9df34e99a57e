// no-modern-protocol: neither TLSv1.2 nor TLSv1.3 is on for a secured rule. Up to z/OS 3.1 TLSv1.2
// is Off unless coded, so an environment that codes nothing speaks only TLS 1.0 and 1.1.
import type { StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, advancedSetting, effectiveRules, enabledProtocols, insertLineFix, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'no-modern-protocol',
    category: 'correctness',
    defaultSeverity: 'error',
    severities: { onlyWeak: 'warning' },
    description: 'Require TLSv1.2 or TLSv1.3 to be on (by coding or by the release default) for every secured rule.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      none: '{{rule}} switches every protocol off, so no handshake can succeed; code TLSv1.2 On (and TLSv1.3 On where partners support it).',
      onlyWeak: '{{rule}} allows only {{protocols}}; TLSv1.2 is {{tls12}} and TLSv1.3 is {{tls13}}. Code TLSv1.2 On in {{where}}.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      if (!secures(a) || !a.env) continue;
      const on = enabledProtocols(model, a);
      if (on.has('TLSv1.2') || on.has('TLSv1.3')) continue;
      const anchor: StatementInfo = a.connAdv && (a.connAdv.param('TLSv1.2') || a.connAdv.param('TLSv1.3')) ? a.connAdv : (a.envAdv ?? a.env);
      const key = `${anchor.doc.uri}:${anchor.anchor.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const t12 = advancedSetting(model, a, 'TLSv1.2');
      const t13 = advancedSetting(model, a, 'TLSv1.3');
      const describe = (s: typeof t12): string => (s.level === 'default' ? `${s.value ?? 'Off'} by default on z/OS ${model.release}` : `${s.value} (coded)`);
      // Relying on the catalogued default of TLSv1.2 (Off up to 3.1): the diagrams carry a footnote
      // whose text was not seen, so such findings are capped at a warning.
      const uncertain = t12.level === 'default';
      const fix = a.envAdv ? insertLineFix("Add 'TLSv1.2 On'", a.envAdv, 'TLSv1.2 On') : undefined;
      ctx.report({
        uri: anchor.doc.uri,
        span: anchor.anchor,
        messageId: on.size === 0 ? 'none' : 'onlyWeak',
        data: { rule: rule.label, protocols: [...on.keys()], tls12: describe(t12), tls13: describe(t13), where: a.envAdv?.label ?? `a TTLSEnvironmentAdvancedParms block of ${a.env.label}` },
        related: [{ message: `${rule.label} uses this environment`, span: rule.anchor, uri: rule.doc.uri }],
        suggestions: fix ? [fix] : undefined,
        uncertain,
      });
    }
  },
});
