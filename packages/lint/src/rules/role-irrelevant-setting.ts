// role-irrelevant-setting: server-only settings in an environment that only ever acts as a TLS
// client, and client-only settings in one that only acts as a server. They are ignored.
import { spanOf, type StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, handshakeRole, rulesUsing, statementsOf } from '../policy.js';

const SERVER_ONLY = new Set([
  'ServerCertificateLabel', 'ServerHandshakeSNI', 'ServerHandshakeSNIMatch', 'ServerHandshakeSNIList', 'ServerMaxSSLFragment',
  'ServerEDHGroupSize', 'ServerScsv', 'ServerExtendedMasterSecret', 'GSK_SYSPLEX_SIDCACHE', 'GSK_SESSION_TICKET_SERVER_ENABLE',
  'GSK_SESSION_TICKET_SERVER_ALGORITHM', 'GSK_SESSION_TICKET_SERVER_COUNT', 'GSK_SESSION_TICKET_SERVER_KEY_REFRESH',
  'GSK_SESSION_TICKET_SERVER_TIMEOUT', 'ServerKexECurves', 'ServerKeyShareGroups',
]);
const CLIENT_ONLY = new Set([
  'ClientHandshakeSNI', 'ClientHandshakeSNIMatch', 'ClientHandshakeSNIList', 'ClientMaxSSLFragment', 'ClientMaxSSLFragmentLength',
  'ClientEDHGroupSize', 'ClientExtendedMasterSecret', 'GSK_SESSION_TICKET_CLIENT_ENABLE', 'GSK_SESSION_TICKET_CLIENT_MAXSIZE',
  'ClientKeyShareGroups',
]);
const ROLE_ONLY = [...SERVER_ONLY, ...CLIENT_ONLY];

export default defineRule({
  meta: {
    id: 'role-irrelevant-setting',
    category: 'correctness',
    defaultSeverity: 'info',
    description: 'Flag server-only settings in environments that only act as TLS clients, and client-only settings in server-only environments.',
    fixable: false,
    certainty: 'usage',
    messages: {
      serverOnly: '{{keyword}} only applies when this end is the TLS server, but every environment using {{block}} acts as Client; it has no effect.',
      clientOnly: '{{keyword}} only applies when this end is the TLS client, but every environment using {{block}} acts as a server; it has no effect.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    // Only blocks that code a server-only or client-only setting are concerned: when the policy
    // codes none, the roles of its environments need not be worked out.
    if (!ROLE_ONLY.some((kw) => model.paramsOf(kw).length > 0)) return;
    const roles = new Map<StatementInfo, Set<string>>();
    const add = (b: StatementInfo | undefined, rs: Set<string>): void => {
      if (!b) return;
      let set = roles.get(b);
      if (!set) roles.set(b, (set = new Set()));
      for (const r of rs) set.add(r);
    };
    for (const env of statementsOf(model, 'TTLSEnvironmentAction')) {
      const rs = new Set<string>();
      const own = env.value('HandshakeRole');
      rs.add(own ? (own.toLowerCase() === 'client' ? 'client' : 'server') : 'unknown');
      for (const rule of rulesUsing(model, env)) {
        const r = handshakeRole(model, actionsOf(model, rule)).value;
        if (r) rs.add(r.toLowerCase() === 'client' ? 'client' : 'server');
      }
      add(model.block(env, 'TTLSEnvironmentAdvancedParms'), rs);
      add(model.block(env, 'TTLSGskAdvancedParms'), rs);
      add(model.block(env, 'TTLSSignatureParms'), rs);
    }
    for (const [block, rs] of roles) {
      if (rs.has('unknown') || rs.size !== 1) continue;
      const role = [...rs][0];
      const irrelevant = role === 'client' ? SERVER_ONLY : CLIENT_ONLY;
      for (const p of block.params) {
        const kw = p.spec?.name;
        if (!kw || !irrelevant.has(kw)) continue;
        ctx.report({ uri: block.doc.uri, span: spanOf(p.keyword), messageId: role === 'client' ? 'serverOnly' : 'clientOnly', data: { keyword: kw, block: block.label }, tags: [1] });
      }
    }
  },
});
