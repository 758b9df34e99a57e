// weak-protocol: SSLv2, SSLv3, TLSv1 and TLSv1.1 switched on, in the policy or by the defaults of
// the target release (TLSv1 and TLSv1.1 are On by default up to z/OS 3.1, Off from 3.2).
import { spanOf, type StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { defaultSetting, actionsOf, insertLineFix, is, replaceFix, rulesUsing, statementsOf, WEAK_PROTOCOLS, advancedSetting, isEffective, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'weak-protocol',
    category: 'security',
    defaultSeverity: 'error',
    severities: { byDefault: 'warning' },
    description: 'Disallow SSLv2, SSLv3, TLSv1 and TLSv1.1, whether switched on in the policy or by the defaults of the target release.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      explicit: '{{protocol}} is switched On here; {{why}} Turn it Off.',
      byDefault: '{{protocol}} is not coded, so it is On by default on z/OS {{release}}; {{why}} Code {{protocol}} Off in {{where}}.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    const why: Record<string, string> = {
      SSLv2: 'SSL 2.0 is broken and forbidden by RFC 6176.',
      SSLv3: 'SSL 3.0 is broken (POODLE) and forbidden by RFC 7568.',
      TLSv1: 'TLS 1.0 is deprecated by RFC 8996.',
      'TLSv1.1': 'TLS 1.1 is deprecated by RFC 8996.',
    };
    // Rules that use a statement but never secure a connection (TTLSEnabled Off) never apply its
    // protocols; a block used only by such rules is left alone (disabled-group-actions says why
    // the actions are idle). A block no rule uses is still checked: it may be used tomorrow.
    const onlyUnsecured = (users: readonly StatementInfo[]): boolean => users.length > 0 && users.every((r) => !secures(actionsOf(model, r)));
    // Explicit On anywhere in environment or connection advanced parms. The lines are read first:
    // which rules use a block is asked only of a block that switches a weak protocol on.
    for (const kind of ['TTLSEnvironmentAdvancedParms', 'TTLSConnectionAdvancedParms']) {
      for (const block of statementsOf(model, kind)) {
        const on = WEAK_PROTOCOLS.filter((protocol) => is(block.value(protocol), 'on'));
        if (on.length === 0 || onlyUnsecured(rulesUsing(model, block))) continue;
        for (const protocol of on) {
          const w = block.param(protocol)!.values[0]!;
          ctx.report({
            uri: block.doc.uri,
            span: spanOf(w),
            messageId: 'explicit',
            data: { protocol, why: why[protocol]! },
            suggestions: [replaceFix(`Change to '${protocol} Off'`, spanOf(w), 'Off')],
          });
        }
      }
    }
    // On by default: for each environment action whose advanced parms leave a weak protocol out,
    // unless every securing rule that uses it turns the protocol off at connection level. Only the
    // protocols the target release switches on are looked for, and the rules using an environment
    // only when its advanced parms leave one of them out.
    const onByDefault = WEAK_PROTOCOLS.filter((protocol) => is(defaultSetting(model, protocol).value, 'on'));
    const reported = new Set<string>();
    for (const env of onByDefault.length > 0 ? statementsOf(model, 'TTLSEnvironmentAction') : []) {
      if (env.parent || env.name === undefined || !isEffective(model, env)) continue;
      const envAdv = model.block(env, 'TTLSEnvironmentAdvancedParms');
      const missing = onByDefault.filter((protocol) => !envAdv?.param(protocol)?.values[0]);
      if (missing.length === 0) continue;
      const using = rulesUsing(model, env);
      if (onlyUnsecured(using)) continue;
      const users = using.filter((r) => secures(actionsOf(model, r)));
      for (const protocol of missing) {
        if (users.length > 0 && users.every((r) => !is(advancedSetting(model, actionsOf(model, r), protocol).value, 'on'))) continue;
        const anchorStmt: StatementInfo = envAdv ?? env;
        const key = `${anchorStmt.doc.uri}:${anchorStmt.anchor.start}:${protocol}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const fix = envAdv ? insertLineFix(`Add '${protocol} Off'`, envAdv, `${protocol} Off`) : undefined;
        ctx.report({
          uri: anchorStmt.doc.uri,
          span: anchorStmt.anchor,
          messageId: 'byDefault',
          data: { protocol, release: model.release, why: why[protocol]!, where: envAdv ? envAdv.label : `a TTLSEnvironmentAdvancedParms block of ${env.label}` },
          related: users.slice(0, 5).map((r) => ({ message: `${r.label} uses this environment`, span: r.anchor, uri: r.doc.uri })),
          suggestions: fix ? [fix] : undefined,
        });
      }
    }
  },
});
