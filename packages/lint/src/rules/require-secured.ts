// require-secured: a guarantee checked on every lint -- every connection to the configured service
// ports is secured by AT-TLS. Decided exactly over all such connections by the property engine of
// @attls/evaluate; each rule (or the lack of one) that leaves some of them in the clear is reported
// with a connection that shows it. Without ports the rule does nothing.
import { compilePolicy, decide, describeConnection, serviceSpace, unsecuredReason, type CompiledRule } from '@attls/evaluate';
import type { PolicyModel, Span } from '@attls/language';
import { defineRule, type RuleContext } from '../rule.js';

/** Where a finding about a whole policy goes: the name of the rule tried last, or the file's start. */
export function lastRulePlace(rules: readonly CompiledRule[], model: PolicyModel): { uri: string; span: Span } {
  const last = rules[rules.length - 1];
  return last ? { uri: last.statement.doc.uri, span: last.statement.anchor } : { uri: model.documents[0]?.uri ?? '', span: { start: 0, end: 0 } };
}

/** Reports unusable options once, at the start of the first file. */
export function reportOptions(ctx: RuleContext, problems: readonly string[]): void {
  ctx.report({ uri: ctx.model.documents[0]?.uri ?? '', span: { start: 0, end: 0 }, messageId: 'badOption', data: { problem: problems.join('; ') } });
}

export default defineRule({
  meta: {
    id: 'require-secured',
    category: 'security',
    defaultSeverity: 'error',
    description: 'Require AT-TLS on every connection to the configured ports, checked over every such connection, with an example connection for each rule that leaves some in the clear.',
    fixable: false,
    certainty: 'confirmed',
    options: [
      { name: 'ports', type: 'string[]', default: [], description: 'Ports or port ranges ("1-1023", "8443") whose connections must be secured: the local port of inbound connections, the remote port of outbound ones. Empty: the rule does nothing.' },
      { name: 'direction', type: 'string', default: 'both', description: '"inbound", "outbound" or "both".' },
    ],
    messages: {
      notSecured: 'Not every one of the {{scope}} is secured: {{rule}} gets some of them ({{count}}) and {{why}}. For example: {{example}}.',
      noRule: 'Not every one of the {{scope}} is secured: some of them ({{count}}) match no rule, so AT-TLS does not secure them. For example: {{example}}.',
      undecided: 'require-secured could not decide whether every one of the {{scope}} is secured: {{reason}}.',
      badOption: 'require-secured is configured with an unusable option: {{problem}}.',
    },
  },
  check(ctx) {
    const ports = (ctx.options['ports'] as readonly string[] | undefined) ?? [];
    if (ports.length === 0) return;
    const scope = serviceSpace(ports, String(ctx.options['direction'] ?? 'both'));
    if (!scope.space) return reportOptions(ctx, scope.problems);
    const policy = compilePolicy(ctx.model);
    // A policy without rules is reported by no-rules already.
    if (policy.rules.length === 0) return;
    const d = decide(policy, scope.space, unsecuredReason);
    const count = (n: number): string => `${n} region${n === 1 ? '' : 's'} of the space`;
    for (const v of d.violations) {
      const example = describeConnection(v.example);
      if (!v.rule) {
        ctx.report({ ...lastRulePlace(policy.rules, ctx.model), messageId: 'noRule', data: { scope: scope.space.text, count: count(v.regions), example } });
        continue;
      }
      const why = v.rule.enabled === false ? `its group ${v.rule.group?.name ?? ''} has TTLSEnabled Off` : 'it has no usable TTLSGroupAction';
      ctx.report({
        uri: v.rule.statement.doc.uri,
        span: v.rule.statement.anchor,
        messageId: 'notSecured',
        data: { scope: scope.space.text, rule: v.rule.name, count: count(v.regions), why, example },
        related: v.rule.group ? [{ uri: v.rule.group.doc.uri, span: v.rule.group.anchor, message: `${v.rule.group.name}: the group action of ${v.rule.name}` }] : undefined,
      });
    }
    if (d.undecided) ctx.report({ ...lastRulePlace(policy.rules, ctx.model), messageId: 'undecided', data: { scope: scope.space.text, reason: d.undecided } });
  },
});
