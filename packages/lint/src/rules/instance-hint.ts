// instance-hint: a policy refresh does not rebuild what did not change in the policy text. Edits
// to an Envfile need GroupUserInstance to be bumped; renewed certificates on a key ring need
// EnvironmentUserInstance to be bumped. The hint says where the number goes before it is needed.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { keyringOf, statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'instance-hint',
    category: 'reliability',
    defaultSeverity: 'info',
    description: 'Suggest GroupUserInstance next to an Envfile (and, on request, EnvironmentUserInstance next to a key ring) so that later changes can be applied with a refresh.',
    fixable: false,
    certainty: 'confirmed',
    options: [
      { name: 'keyring', type: 'boolean', default: false, description: 'Also hint at every environment with a key ring and no EnvironmentUserInstance.' },
    ],
    messages: {
      envfile: 'Changes to the Envfile are not applied by a policy refresh until {{group}} itself changes; add GroupUserInstance 1 to {{group}} and increase it after each edit of the file.',
      keyring: 'After certificates on {{keyring}} are renewed or replaced, a policy refresh does not reopen the key ring; add EnvironmentUserInstance 1 to {{environment}} and increase it after each key ring change.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    for (const group of statementsOf(model, 'TTLSGroupAction')) {
      if (group.param('GroupUserInstance')) continue;
      const adv = model.block(group, 'TTLSGroupAdvancedParms');
      const env = adv?.param('Envfile');
      if (!adv || !env?.values[0]) continue;
      ctx.report({ uri: adv.doc.uri, span: spanOf(env.values[0]), messageId: 'envfile', data: { group: group.label } });
    }
    if (ctx.options['keyring'] !== true) return;
    for (const envAction of statementsOf(model, 'TTLSEnvironmentAction')) {
      if (envAction.param('EnvironmentUserInstance')) continue;
      const ring = model.block(envAction, 'TTLSKeyringParms');
      const k = ring && keyringOf(ring);
      if (!k) continue;
      ctx.report({ uri: ring.doc.uri, span: spanOf(k.word), messageId: 'keyring', data: { keyring: k.text, environment: envAction.label } });
    }
  },
});
