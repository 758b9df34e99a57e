// handshake-role-direction: an Inbound rule whose handshake role is Client, or an Outbound rule
// whose role is a server role. The two are independent in AT-TLS, but the combination is rare and
// usually a copied environment; one end must be Client and the other a server.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, effectiveRules, handshakeRole, is, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'handshake-role-direction',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Flag HandshakeRole Client on an Inbound rule and a server role on an Outbound rule.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      inboundClient: '{{rule}} is Inbound (this host accepts the connection) but its handshake role is Client; most partners that connect also act as the TLS client, and two clients fail the handshake. Check that this is intended.',
      outboundServer: '{{rule}} is Outbound (this host connects) but its handshake role is {{role}}; most servers this host connects to also act as the TLS server, and two servers time the handshake out. Check that this is intended.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    for (const rule of effectiveRules(model)) {
      const dir = rule.param('Direction');
      const d = dir?.values[0];
      if (!dir || !d) continue;
      const a = actionsOf(model, rule);
      if (!secures(a)) continue;
      const role = handshakeRole(model, a);
      if (!role.value || !role.param) continue;
      const inboundClient = is(d.text, 'Inbound') && is(role.value, 'Client');
      const outboundServer = is(d.text, 'Outbound') && !is(role.value, 'Client');
      if (!inboundClient && !outboundServer) continue;
      ctx.report({
        uri: rule.doc.uri,
        span: spanOf(d),
        messageId: inboundClient ? 'inboundClient' : 'outboundServer',
        data: { rule: rule.label, role: role.value },
        related: [{ message: `HandshakeRole ${role.value} is set here`, span: spanOf(role.param.values[0]!), uri: role.param.owner.doc.uri }],
      });
    }
  },
});
