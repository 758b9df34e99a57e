// keyring-format: the form of Keyring must agree with KeyringPw/KeyringStashFile: a SAF key ring
// ('ring', 'owner/ring', or a RACF virtual ring 'owner/*', '*AUTH*/*', '*SITE*/*') takes neither;
// a key database path needs one of them, or AT-TLS reads the path as the name of a SAF key ring.
import { defineRule } from '../rule.js';
import { actionsOf, effectiveRules, handshakeRole, is, keyringOf, secures, statementsOf } from '../policy.js';
import { spanOf, type StatementInfo } from '@attls/language';

const WHO = { certauth: 'CERTAUTH', site: 'SITE' } as const;

export default defineRule({
  meta: {
    id: 'keyring-format',
    category: 'correctness',
    defaultSeverity: 'error',
    description: 'Check that Keyring is a SAF key ring (ring, owner/ring or a virtual ring owner/*) without password parameters, or a key database path with KeyringStashFile or KeyringPw.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      databaseWithoutPassword:
        "'{{keyring}}' is a key database path, but without KeyringStashFile or KeyringPw AT-TLS takes it for the name of a SAF key ring and cannot open it; add KeyringStashFile.",
      safWithPassword:
        "{{keyword}} makes AT-TLS treat Keyring as a key database file, but '{{keyring}}' is not a path (a key database path starts with /); remove {{keyword}} for a SAF key ring, or give the full path of the key database.",
      relativeDatabase: "'{{keyring}}' looks like a key database file but is not an absolute path; write the full path starting with /.",
      badOwner: "'{{owner}}' cannot be the owner of a SAF key ring: a user ID has 1 to 8 letters, digits, @, # or $ (write owner/ring).",
      specialOwner: "'{{owner}}' stands for RACF's {{who}} certificates, which have no real key rings, only a virtual one: write '{{owner}}/*'.",
      virtualServer:
        "'{{keyring}}' is the virtual key ring of {{who}} certificates, there to verify partners; as we read RACF's description it offers no private key, so {{rule}}, acting as {{role}}, has no certificate of its own to present; use a ring that holds the server's certificate and key.",
    },
  },
  check(ctx) {
    for (const s of statementsOf(ctx.model, 'TTLSKeyringParms')) {
      const k = keyringOf(s);
      if (!k) continue;
      const pw = s.param('KeyringPw') ?? s.param('KeyringStashFile');
      const stashOnly = !s.param('KeyringPw');
      if (k.form === 'database') {
        if (!pw) ctx.report({ uri: s.doc.uri, span: spanOf(k.word), messageId: 'databaseWithoutPassword', data: { keyring: k.text } });
        continue;
      }
      if (k.form === 'token') continue;
      if (pw) {
        // KeyringStashFile itself is a recalled keyword: say so by capping the severity.
        ctx.report({ uri: s.doc.uri, span: spanOf(pw.keyword), messageId: 'safWithPassword', data: { keyword: pw.spec?.name ?? pw.keyword.text, keyring: k.text }, uncertain: stashOnly });
        continue;
      }
      if (/\.(kdb|p12|pfx|sth)$/i.test(k.text)) {
        ctx.report({ uri: s.doc.uri, span: spanOf(k.word), messageId: 'relativeDatabase', data: { keyring: k.text } });
        continue;
      }
      if (k.special) {
        // *AUTH*/* and *SITE*/* are RACF virtual key rings; with any other ring name they name nothing.
        if (k.form !== 'virtual') ctx.report({ uri: s.doc.uri, span: k.owner!.span, messageId: 'specialOwner', data: { owner: k.owner!.text, who: WHO[k.special] } });
        continue;
      }
      if (k.owner && !/^[A-Za-z0-9@#$]{1,8}$/.test(k.owner.text)) {
        ctx.report({ uri: s.doc.uri, span: k.owner.text === '' ? spanOf(k.word) : k.owner.span, messageId: 'badOwner', data: { owner: k.owner.text } });
      }
    }
    // A server must present its own certificate and key. CERTAUTH and SITE virtual rings are, by our
    // reading of RACF's guide, read-only views of CA and site certificates, so a server role with
    // one is reported -- as a warning (uncertain), since the conclusion is ours, not IBM's words.
    const reported = new Set<StatementInfo>();
    for (const rule of effectiveRules(ctx.model)) {
      const a = actionsOf(ctx.model, rule);
      if (!a.keyring || reported.has(a.keyring) || !secures(a)) continue;
      const k = keyringOf(a.keyring);
      if (k?.form !== 'virtual' || !k.special) continue;
      const role = handshakeRole(ctx.model, a);
      if (!is(role.value, 'server') && !is(role.value, 'serverwithclientauth')) continue;
      reported.add(a.keyring);
      ctx.report({
        uri: a.keyring.doc.uri,
        span: spanOf(k.word),
        messageId: 'virtualServer',
        data: { keyring: k.text, who: WHO[k.special], rule: rule.label, role: role.value! },
        ...(role.param ? { related: [{ message: `HandshakeRole ${role.value} for ${rule.label}`, span: spanOf(role.param.values[0]!), uri: role.param.owner.doc.uri }] } : {}),
        uncertain: true,
      });
    }
  },
});
