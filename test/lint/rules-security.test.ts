// Rule tables, security rules: only what an annotated fixture cannot say -- the data that fills a
// message. Codes, ranges, severities and message ids of every case, and the clean cases, are in
// test/fixtures/rules/<id>/ (test/lint/rule-fixtures.test.ts).
import { BASE_ADV, after, at, policy } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

const cipher = (list: string, kw = 'V3CipherSuites4Char') => `TTLSCipherParms\n{\n${kw} ${list}\n}`;

{
  const explicit = policy({ adv: 'TLSv1.2 On\nTLSv1 On\nTLSv1.1 Off' });
  const byDefault = policy({ adv: 'TLSv1.2 On' });
  ruleTester('weak-protocol', {
    valid: [],
    invalid: [
      { code: explicit, name: 'the protocol switched on', errors: [after(explicit, 'TLSv1 ', 'On', 'explicit', 1, { data: { protocol: 'TLSv1' } })] },
      {
        code: byDefault,
        name: 'left out on 3.1: which protocol, and the release whose default it is',
        errors: [at(byDefault, 'TTLSEnvironmentAdvancedParms', 'byDefault', 1, { data: { protocol: 'TLSv1', release: '3.1' } }), at(byDefault, 'TTLSEnvironmentAdvancedParms', 'byDefault', 1, { data: { protocol: 'TLSv1.1' } })],
      },
    ],
  });
}

{
  const twoChar = policy({ env: cipher('350A2F', 'V3CipherSuites') });
  const anon2 = policy({ env: cipher('2F343A', 'V3CipherSuites') });
  const export2 = policy({ env: cipher('0818', 'V3CipherSuites') });
  ruleTester('weak-cipher', {
    valid: [],
    invalid: [
      { code: twoChar, name: 'a 2-character code inside a run', errors: [at(twoChar, '0A', 'weak', 1, { data: { code: '0A' } })] },
      {
        code: anon2,
        name: 'anonymous suites by 2-character code are named by their 4-character code (34 is 0034)',
        errors: [at(anon2, '34', 'weak', 1, { data: { code: '34', cipher: '34 (TLS_DH_anon_WITH_AES_128_CBC_SHA)' } }), at(anon2, '3A', 'weak', 1, { data: { code: '3A', cipher: '3A (TLS_DH_anon_WITH_AES_256_CBC_SHA)' } })],
      },
      {
        code: export2,
        name: 'export and anonymous RC4 suites by 2-character code',
        errors: [at(export2, '08', 'weak', 1, { data: { code: '08' } }), at(export2, '18', 'weak', 1, { data: { code: '18' } })],
      },
    ],
  });
}

{
  const sha1 = policy({ env: 'TTLSSignatureParms\n{\nSignaturePairs 040102010101\n}' });
  ruleTester('weak-signature-algorithm', {
    valid: [],
    invalid: [{ code: sha1, name: 'the weak hash of each pair', errors: [at(sha1, '0201', 'weak', 1, { data: { hash: 'SHA-1' } }), at(sha1, '0101', 'weak', 2, { data: { hash: 'MD5' } })] }],
  });
}

{
  const rsa = policy({ adv: BASE_ADV + '\nPeerMinRsaKeySize 1024\nServerEDHGroupSize Legacy' });
  ruleTester('weak-key-size', {
    valid: [],
    invalid: [{ code: rsa, name: 'the minimum the message asks for', errors: [after(rsa, 'PeerMinRsaKeySize ', '1024', 'small', 1, { data: { min: 2048 } }), after(rsa, 'ServerEDHGroupSize ', 'Legacy', 'legacy')] }],
  });
}
