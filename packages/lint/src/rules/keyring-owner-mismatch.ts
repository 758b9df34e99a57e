// keyring-owner-mismatch: a rule limited to one Userid whose environment opens a key ring owned by
// another user. A SAF key ring is opened under the identity of the socket's owner, so a ring of
// another user needs extra SAF authority.
import { spanOf, type ParamInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { actionsOf, effectiveRules, keyringOf, secures } from '../policy.js';

export default defineRule({
  meta: {
    id: 'keyring-owner-mismatch',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Flag a rule for one Userid whose key ring is owned by a different user.',
    fixable: false,
    certainty: 'usage',
    messages: {
      mismatch:
        "The key ring '{{keyring}}' is owned by {{owner}}, but {{rule}} applies to user {{userid}}; the ring is opened as {{userid}}, which needs SAF authority over {{owner}}'s ring (otherwise the environment fails to open it, return code 202).",
    },
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    // Only rules for one Userid are concerned.
    if (model.paramsOf('Userid').length === 0) return;
    for (const rule of effectiveRules(model)) {
      const uid = rule.param('Userid');
      const u = uid?.values[0]?.text;
      if (!uid || !u || u.includes('*')) continue;
      const a = actionsOf(model, rule);
      if (!secures(a) || !a.keyring) continue;
      const k = keyringOf(a.keyring);
      // *AUTH* and *SITE* (virtual rings of CERTAUTH and SITE) are not user IDs to compare with.
      if (!k?.owner || k.special || k.owner.text.toUpperCase() === u.toUpperCase()) continue;
      const key = `${rule.doc.uri}:${rule.anchor.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        uri: k.param.owner.doc.uri,
        span: k.owner.span,
        messageId: 'mismatch',
        data: { keyring: k.text, owner: k.owner.text, userid: u, rule: rule.label },
        related: [{ message: `${rule.label} is limited to Userid ${u}`, span: spanOf((uid as ParamInfo).values[0]!), uri: rule.doc.uri }],
      });
    }
  },
});
