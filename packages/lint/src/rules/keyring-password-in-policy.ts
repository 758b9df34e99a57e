// keyring-password-in-policy: KeyringPw puts the key database password into the policy file.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'keyring-password-in-policy',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Flag KeyringPw, which stores a key database password in the policy file in the clear.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      password:
        'KeyringPw stores the key database password in the policy file in the clear; use KeyringStashFile with a stash file, or a SAF key ring, instead.',
    },
  },
  check(ctx) {
    for (const p of ctx.model.paramsOf('KeyringPw')) {
      if (p.owner.kind === 'TTLSKeyringParms') ctx.report({ uri: p.owner.doc.uri, span: spanOf(p.keyword), messageId: 'password' });
    }
  },
});
