// catch-all-rule: a rule whose every condition is a wildcard (All addresses, port 0, Jobname *)
// matches every connection in its direction that no higher rule took.
import type { StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, effectiveRules, is } from '../policy.js';

const WILDCARD: Readonly<Record<string, (v: string) => boolean>> = {
  LocalAddr: (v) => is(v, 'All') || v === '0.0.0.0/0' || v === '::/0',
  RemoteAddr: (v) => is(v, 'All') || v === '0.0.0.0/0' || v === '::/0',
  LocalPortRange: (v) => v === '0' || v === '0-65535' || v === '1-65535' || is(v, 'All'),
  RemotePortRange: (v) => v === '0' || v === '0-65535' || v === '1-65535' || is(v, 'All'),
  Jobname: (v) => v === '*',
  Userid: (v) => v === '*',
};

/** The rule matches every connection of its direction: no coded condition narrows it. */
export function isCatchAll(rule: StatementInfo): boolean {
  for (const p of rule.params) {
    const kw = p.spec?.name;
    if (!kw || kw === 'Direction' || kw === 'Priority' || kw.startsWith('TTLS')) continue;
    const test = WILDCARD[kw];
    const v = p.values.map((w) => w.text).join(' ');
    if (!test || !test(v)) return false;
  }
  return rule.children.length === 0;
}

export default defineRule({
  meta: {
    id: 'catch-all-rule',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Flag a TTLSRule whose conditions are all wildcards, so that it matches every connection of its direction.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      secured: '{{rule}} matches every {{direction}} connection that no higher-priority rule takes and secures it with TLS, including partners that do not speak TLS, which then fail; narrow it by port, address or job name.',
      exempt: '{{rule}} matches every {{direction}} connection that no higher-priority rule takes and leaves it in the clear (TTLSEnabled Off), so it secures nothing and hides any lower rule; narrow it, or make sure this is the intended default.',
    },
  },
  check(ctx) {
    for (const rule of effectiveRules(ctx.model)) {
      if (!isCatchAll(rule)) continue;
      const a = actionsOf(ctx.model, rule);
      const enabled = a.group?.value('TTLSEnabled');
      if (!enabled) continue;
      const d = rule.value('Direction') ?? 'Both';
      ctx.report({
        uri: rule.doc.uri,
        span: rule.anchor,
        messageId: is(enabled, 'on') ? 'secured' : 'exempt',
        data: { rule: rule.label, direction: is(d, 'Both') ? 'inbound and outbound' : d.toLowerCase() },
      });
    }
  },
});
