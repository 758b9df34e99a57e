// connection-role-mismatch: a TTLSConnectionAction overrides HandshakeRole with a role the
// environment action of the same rule is not set up to serve.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, effectiveRules, is, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'connection-role-mismatch',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag a connection action whose HandshakeRole needs what its environment action does not provide.',
    fixable: false,
    certainty: 'recalled',
    messages: {
      clientAuthEnv:
        '{{connection}} switches to ServerWithClientAuth, but {{environment}} of {{rule}} is {{envRole}}; client authentication is believed to need an environment set up as ServerWithClientAuth (ClientAuthType is an environment setting), so make the environment ServerWithClientAuth too.',
      noServerCertificate:
        '{{connection}} switches to {{role}}, but {{environment}} of {{rule}} is a Client environment that chooses no certificate (no CertificateLabel or ServerCertificateLabel); a server must present one, and a client key ring often has no default certificate.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    // Only connection actions that code their own HandshakeRole are concerned.
    if (!model.paramsOf('HandshakeRole').some((p) => p.owner.kind === 'TTLSConnectionAction')) return;
    for (const rule of effectiveRules(model)) {
      const a = actionsOf(model, rule);
      if (!secures(a) || !a.conn || !a.env) continue;
      const p = a.conn.param('HandshakeRole');
      const w = p?.values[0];
      const envRole = a.env.value('HandshakeRole');
      if (!p || !w || !envRole) continue;
      const key = `${a.conn.doc.uri}:${w.start}:${a.env.doc.uri}:${a.env.anchor.start}`;
      if (seen.has(key)) continue;
      const data = { connection: a.conn.label, environment: a.env.label, rule: rule.label, envRole, role: w.text };
      const related = [{ message: `${a.env.label} has HandshakeRole ${envRole}`, span: spanOf(a.env.param('HandshakeRole')!.values[0]!), uri: a.env.doc.uri }];
      if (is(w.text, 'ServerWithClientAuth') && !is(envRole, 'ServerWithClientAuth')) {
        seen.add(key);
        ctx.report({ uri: a.conn.doc.uri, span: spanOf(w), messageId: 'clientAuthEnv', data, related, uncertain: true });
      } else if ((is(w.text, 'Server') || is(w.text, 'ServerWithClientAuth')) && is(envRole, 'Client')) {
        const label = ['CertificateLabel', 'ServerCertificateLabel'].some((n) => a.envAdv?.param(n) || a.connAdv?.param(n));
        if (label) continue;
        seen.add(key);
        ctx.report({ uri: a.conn.doc.uri, span: spanOf(w), messageId: 'noServerCertificate', data, related, uncertain: true });
      }
    }
  },
});
