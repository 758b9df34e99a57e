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
    for (const s of statementsOf(ctx.model, 'TTLSKeyringParms')) {
      for (const p of s.paramsNamed('KeyringPw')) ctx.report({ uri: s.doc.uri, span: spanOf(p.keyword), messageId: 'password' });
    }
  },
});
