// client-auth-unverified: a server that asks for a client certificate (ServerWithClientAuth) but
// does not check it (ClientAuthType PassThru).
import { spanOf, type ParamInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, codesValue, effectiveRules, handshakeRole, is, replaceFix, rulesUsing, statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'client-auth-unverified',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Flag ServerWithClientAuth with ClientAuthType PassThru, where the client certificate is requested but not checked.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      passThru:
        'ClientAuthType PassThru with HandshakeRole ServerWithClientAuth asks for a client certificate but does not validate it, so any client is accepted. Use Required (or SAFCheck) unless the application checks the certificate itself.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    // Only ClientAuthType PassThru is reported: a policy without it has nothing to look at.
    if (!codesValue(model, 'ClientAuthType', ['PassThru'])) return;
    const seen = new Set<ParamInfo>();
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      const role = handshakeRole(model, a);
      const cat = a.envAdv?.param('ClientAuthType');
      if (!cat || !is(cat.values[0]?.text, 'PassThru') || !is(role.value, 'ServerWithClientAuth') || seen.has(cat)) continue;
      seen.add(cat);
      ctx.report({
        uri: cat.owner.doc.uri,
        span: spanOf(cat.values[0]!),
        messageId: 'passThru',
        related: [
          ...(role.param ? [{ message: 'HandshakeRole ServerWithClientAuth is set here', span: spanOf(role.param.values[0]!), uri: role.param.owner.doc.uri }] : []),
          { message: `${rule.label} gets this setting`, span: rule.anchor, uri: rule.doc.uri },
        ],
        suggestions: [replaceFix("Change to 'Required'", spanOf(cat.values[0]!), 'Required')],
      });
    }
    // Environments not used by any rule: judge by their own HandshakeRole.
    for (const env of statementsOf(model, 'TTLSEnvironmentAction')) {
      if (rulesUsing(model, env).length > 0 || !is(env.value('HandshakeRole'), 'ServerWithClientAuth')) continue;
      const cat = model.block(env, 'TTLSEnvironmentAdvancedParms')?.param('ClientAuthType');
      if (!cat || !is(cat.values[0]?.text, 'PassThru') || seen.has(cat)) continue;
      seen.add(cat);
      ctx.report({
        uri: cat.owner.doc.uri,
        span: spanOf(cat.values[0]!),
        messageId: 'passThru',
        suggestions: [replaceFix("Change to 'Required'", spanOf(cat.values[0]!), 'Required')],
      });
    }
  },
});
