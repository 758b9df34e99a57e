// require-min-protocol: a guarantee checked on every lint -- no secured connection (of the
// configured ports and direction) allows a protocol below a minimum. Decided exactly over every
// such connection by the property engine of @attls/evaluate, on each reachable rule's effective
// settings (effectiveSettings: coded values, then the target release's defaults); each rule that
// breaks it is reported with a connection that gets it. Without a minimum the rule does nothing.
import { compilePolicy, decide, describeConnection, effectiveSettings, isSecured, PROTOCOLS, serviceSpace, type CompiledPolicy, type CompiledRule, type Setting, blockLabel } from '@attls/evaluate';
import { spanOf, type RelatedLocation } from '@attls/language';
import { defineRule } from '../rule.js';
import { lastRulePlace, reportOptions } from './require-secured.js';

/** The protocol switches below the minimum that are On for a rule's connections. */
function belowMinimum(policy: CompiledPolicy, rule: CompiledRule | undefined, below: readonly string[]): Setting[] {
  if (!rule || !isSecured(rule)) return [];
  return effectiveSettings(policy.model, rule).filter((s) => below.includes(s.name) && typeof s.value === 'string' && s.value.toLowerCase() === 'on');
}

export default defineRule({
  meta: {
    id: 'require-min-protocol',
    category: 'security',
    defaultSeverity: 'error',
    description: 'Require that no secured connection (of the configured ports) allows a protocol below a minimum, checked over every such connection, with an example connection for each rule that does.',
    fixable: false,
    certainty: 'confirmed',
    options: [
      { name: 'minimum', type: 'string', default: '', description: 'The oldest protocol allowed: "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2" or "TLSv1.3". Empty: the rule does nothing.' },
      { name: 'ports', type: 'string[]', default: [], description: 'Ports or port ranges the guarantee is about (the local port of inbound connections, the remote port of outbound ones). Empty: every connection.' },
      { name: 'direction', type: 'string', default: 'both', description: '"inbound", "outbound" or "both".' },
    ],
    messages: {
      below: '{{rule}} allows {{protocols}}, below the minimum {{minimum}}, on some of the {{scope}} ({{count}}). For example: {{example}}.',
      undecided: 'require-min-protocol could not decide the {{scope}}: {{reason}}.',
      badOption: 'require-min-protocol is configured with an unusable option: {{problem}}.',
    },
  },
  check(ctx) {
    const minimum = String(ctx.options['minimum'] ?? '').trim();
    if (minimum === '') return;
    const at = PROTOCOLS.findIndex((p) => p.toLowerCase() === minimum.toLowerCase());
    if (at < 0) return reportOptions(ctx, [`minimum: '${minimum}' is not one of ${PROTOCOLS.slice(1).join(', ')}`]);
    const below = PROTOCOLS.slice(0, at);
    const scope = serviceSpace((ctx.options['ports'] as readonly string[] | undefined) ?? [], String(ctx.options['direction'] ?? 'both'));
    if (!scope.space) return reportOptions(ctx, scope.problems);
    const policy = compilePolicy(ctx.model);
    if (policy.rules.length === 0) return;
    const text = `secured ${scope.space.text}`;
    const d = decide(policy, scope.space, (rule) => {
      const on = belowMinimum(policy, rule, below);
      return on.length > 0 ? on.map((s) => `${s.name} On`).join(', ') : undefined;
    });
    for (const v of d.violations) {
      const rule = v.rule!;
      const on = belowMinimum(policy, rule, below);
      const related: RelatedLocation[] = [];
      for (const s of on) {
        if (s.source.kind === 'policy') related.push({ uri: s.source.statement.doc.uri, span: spanOf(s.source.param.node), message: `${s.name} On in ${blockLabel(s.source.statement)}` });
      }
      const defaults = on.filter((s) => s.source.kind === 'default');
      ctx.report({
        uri: rule.statement.doc.uri,
        span: rule.statement.anchor,
        messageId: 'below',
        data: {
          rule: rule.name,
          protocols: on.map((s) => (s.source.kind === 'default' ? `${s.name} (On by default on z/OS ${s.source.release})` : s.name)).join(', '),
          minimum: PROTOCOLS[at]!,
          scope: text,
          count: `${v.regions} region${v.regions === 1 ? '' : 's'} of the space`,
          example: describeConnection(v.example),
        },
        related,
        // A default that is recalled rather than confirmed is not a firm finding.
        uncertain: defaults.some((s) => s.source.kind === 'default' && s.source.certainty !== 'confirmed') || undefined,
      });
    }
    if (d.undecided) ctx.report({ ...lastRulePlace(policy.rules, ctx.model), messageId: 'undecided', data: { scope: text, reason: d.undecided } });
  },
});
