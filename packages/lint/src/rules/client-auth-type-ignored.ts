// client-auth-type-ignored: ClientAuthType only matters with HandshakeRole ServerWithClientAuth;
// anywhere else it is ignored, and the author probably believes clients are being checked.
import { spanOf, type StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, effectiveParams, handshakeRole, isEffective, rulesUsing } from '../policy.js';

export default defineRule({
  meta: {
    id: 'client-auth-type-ignored',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag ClientAuthType where no environment or connection using it has HandshakeRole ServerWithClientAuth, so it is ignored.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      ignored: 'ClientAuthType {{value}} is ignored: {{who}} {{verb}} HandshakeRole {{roles}}, and only ServerWithClientAuth asks the client for a certificate.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    for (const p of effectiveParams(model, 'ClientAuthType', ['TTLSEnvironmentAdvancedParms'])) {
      const block = p.owner;
      if (!p.values[0] || !isEffective(model, block)) continue;
      // Only the environments Policy Agent keeps: an earlier duplicate's HandshakeRole (and its
      // reference to this block) is read by nobody, so it neither excuses nor explains anything.
      const envs: StatementInfo[] = block.parent
        ? [block.parent]
        : model
            .referencesTo(block)
            .map((r) => r.param.owner)
            .filter((o) => o.kind === 'TTLSEnvironmentAction' && isEffective(model, o));
      if (envs.length === 0) continue;
      const roles = new Set<string>();
      let unknown = false;
      for (const env of envs) {
        const own = env.value('HandshakeRole');
        if (!own) unknown = true;
        else roles.add(own.toLowerCase() === 'serverwithclientauth' ? 'ServerWithClientAuth' : own);
        for (const rule of rulesUsing(model, env)) {
          const r = handshakeRole(model, actionsOf(model, rule)).value;
          if (r) roles.add(r.toLowerCase() === 'serverwithclientauth' ? 'ServerWithClientAuth' : r);
        }
      }
      if (unknown || roles.size === 0 || roles.has('ServerWithClientAuth')) continue;
      ctx.report({
        uri: block.doc.uri,
        span: spanOf(p.keyword),
        messageId: 'ignored',
        data: { value: p.values[0].text, who: envs.length === 1 ? envs[0]!.label : envs.map((e) => e.label).join(', '), verb: envs.length === 1 ? 'has' : 'have', roles: [...roles].join(' or ') },
        related: envs.map((e) => ({ message: `${e.label} has HandshakeRole ${e.value('HandshakeRole') ?? '?'}`, span: e.anchor, uri: e.doc.uri })),
        tags: [1],
      });
    }
  },
});
