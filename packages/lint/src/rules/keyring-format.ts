// keyring-format: the form of Keyring must agree with KeyringPw/KeyringStashFile: a SAF key ring
// ('ring' or 'owner/ring') takes neither; a key database path needs one of them, or AT-TLS reads
// the path as the name of a SAF key ring.
import { defineRule } from '../rule.js';
import { keyringOf, statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'keyring-format',
    category: 'correctness',
    defaultSeverity: 'error',
    description: 'Check that Keyring is a SAF key ring (ring or owner/ring) without password parameters, or a key database path with KeyringStashFile or KeyringPw.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      databaseWithoutPassword:
        "'{{keyring}}' is a key database path, but without KeyringStashFile or KeyringPw AT-TLS takes it for the name of a SAF key ring and cannot open it; add KeyringStashFile.",
      safWithPassword:
        "{{keyword}} makes AT-TLS treat Keyring as a key database file, but '{{keyring}}' is not a path (a key database path starts with /); remove {{keyword}} for a SAF key ring, or give the full path of the key database.",
      relativeDatabase: "'{{keyring}}' looks like a key database file but is not an absolute path; write the full path starting with /.",
      badOwner: "'{{owner}}' cannot be the owner of a SAF key ring: a user ID has 1 to 8 letters, digits, @, # or $ (write owner/ring).",
    },
  },
  check(ctx) {
    for (const s of statementsOf(ctx.model, 'TTLSKeyringParms')) {
      const k = keyringOf(s);
      if (!k) continue;
      const pw = s.param('KeyringPw') ?? s.param('KeyringStashFile');
      const stashOnly = !s.param('KeyringPw');
      if (k.form === 'database') {
        if (!pw) ctx.report({ uri: s.doc.uri, span: k.word.span, messageId: 'databaseWithoutPassword', data: { keyring: k.text } });
        continue;
      }
      if (k.form === 'token') continue;
      if (pw) {
        // KeyringStashFile itself is a recalled keyword: say so by capping the severity.
        ctx.report({ uri: s.doc.uri, span: pw.keyword.span, messageId: 'safWithPassword', data: { keyword: pw.spec?.name ?? pw.keyword.text, keyring: k.text }, uncertain: stashOnly });
        continue;
      }
      if (/\.(kdb|p12|pfx|sth)$/i.test(k.text)) {
        ctx.report({ uri: s.doc.uri, span: k.word.span, messageId: 'relativeDatabase', data: { keyring: k.text } });
        continue;
      }
      if (k.owner && !/^[A-Za-z0-9@#$]{1,8}$/.test(k.owner.text)) {
        ctx.report({ uri: s.doc.uri, span: k.owner.text === '' ? k.word.span : k.owner.span, messageId: 'badOwner', data: { owner: k.owner.text } });
      }
    }
  },
});
