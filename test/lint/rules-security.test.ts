// Rule tables: security rules.
import { BASE_ADV, after, at, policy } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

const cipher = (list: string, kw = 'V3CipherSuites4Char') => `TTLSCipherParms\n{\n${kw} ${list}\n}`;

{
  const explicit = policy({ adv: 'TLSv1.2 On\nTLSv1 On\nTLSv1.1 Off' });
  const byDefault = policy({ adv: 'TLSv1.2 On' });
  const noAdv = policy({ adv: null });
  const sslv3 = policy({ adv: BASE_ADV + '\nSSLv3 On' });
  const connOff = policy({ adv: 'TLSv1.2 On', conn: 'TTLSConnectionAdvancedParms\n{\nTLSv1 Off\nTLSv1.1 Off\n}' });
  // A second rule that uses the same environment but never secures a connection.
  const clearRule = 'TTLSRule ClearRule\n{\n  LocalPortRange 4001\n  Direction Inbound\n  Priority 90\n  TTLSGroupActionRef ClearGroup\n  TTLSEnvironmentActionRef ServerEnv\n}\nTTLSGroupAction ClearGroup\n{\n  TTLSEnabled Off\n}\n';
  const mixed = policy({ adv: 'TLSv1.2 On\nTLSv1 On\nTLSv1.1 Off', extra: clearRule });
  ruleTester('weak-protocol', {
    valid: [
      policy(),
      { code: policy({ enabled: 'Off', adv: 'TLSv1.2 On\nTLSv1 On\nTLSv1.1 On' }), name: 'switched On, but every rule using it has TTLSEnabled Off' },
      { code: policy({ enabled: 'Off', adv: 'TLSv1.2 On' }), name: 'On by default, but every rule using it has TTLSEnabled Off' },
      { code: policy({ enabled: 'Off', adv: 'TLSv1.2 On', conn: 'TTLSConnectionAdvancedParms\n{\nSSLv3 On\n}' }), name: 'a connection action of an unsecured rule' },
      { code: byDefault, release: '3.2', name: 'z/OS 3.2 switched TLSv1 and TLSv1.1 off by default' },
      { code: connOff, name: 'every rule turns them off at connection level' },
      policy({ adv: BASE_ADV + '\nSSLv3 Off' }),
    ],
    invalid: [
      { code: explicit, errors: [after(explicit, 'TLSv1 ', 'On', 'explicit', 1, { data: { protocol: 'TLSv1' } })] },
      { code: sslv3, errors: [after(sslv3, 'SSLv3 ', 'On', 'explicit')] },
      { code: mixed, name: 'one secured user is enough', errors: [after(mixed, 'TLSv1 ', 'On', 'explicit')] },
      {
        code: byDefault,
        name: 'left out on 3.1, where the default is On',
        errors: [at(byDefault, 'TTLSEnvironmentAdvancedParms', 'byDefault', 1, { data: { protocol: 'TLSv1', release: '3.1' } }), at(byDefault, 'TTLSEnvironmentAdvancedParms', 'byDefault', 1, { data: { protocol: 'TLSv1.1' } })],
      },
      { code: noAdv, release: '2.5', errors: [at(noAdv, 'ServerEnv', 'byDefault', 2), at(noAdv, 'ServerEnv', 'byDefault', 2)] },
    ],
  });
}

{
  const twoChar = policy({ env: cipher('350A2F', 'V3CipherSuites') });
  const fourChar = policy({ env: cipher('C02F0005') });
  const name = policy({ env: cipher('TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'V3CipherSuites') });
  const anon = policy({ env: cipher('C02F0034') });
  const anon2 = policy({ env: cipher('2F343A', 'V3CipherSuites') });
  const export2 = policy({ env: cipher('0818', 'V3CipherSuites') });
  const v2 = policy({ env: cipher('713', 'V2CipherSuites') });
  const nul = policy({ env: cipher('TLS_NULL_WITH_NULL_NULL', 'V3CipherSuites') });
  ruleTester('weak-cipher', {
    valid: [policy({ env: cipher('C02FC0301301') }), policy({ env: cipher('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'V3CipherSuites') })],
    invalid: [
      { code: twoChar, name: 'a 2-character code inside a run', errors: [at(twoChar, '0A', 'weak', 1, { data: { code: '0A' } })] },
      { code: fourChar, name: 'RC4 by 4-character code', errors: [at(fourChar, '0005', 'weak')] },
      { code: name, errors: [at(name, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'weak')] },
      { code: anon, name: 'anonymous suite not in the catalogue', errors: [at(anon, '0034', 'weak')] },
      {
        code: anon2,
        name: 'anonymous suites by 2-character code (34 is 0034)',
        errors: [at(anon2, '34', 'weak', 1, { data: { code: '34', cipher: '34 (TLS_DH_anon_WITH_AES_128_CBC_SHA)' } }), at(anon2, '3A', 'weak', 1, { data: { code: '3A', cipher: '3A (TLS_DH_anon_WITH_AES_256_CBC_SHA)' } })],
      },
      {
        code: export2,
        name: 'export and anonymous RC4 suites by 2-character code',
        errors: [at(export2, '08', 'weak', 1, { data: { code: '08' } }), at(export2, '18', 'weak', 1, { data: { code: '18' } })],
      },
      { code: nul, errors: [at(nul, 'TLS_NULL_WITH_NULL_NULL', 'weak')] },
      { code: v2, name: 'V2CipherSuites at all', errors: [at(v2, 'V2CipherSuites', 'v2')] },
    ],
  });
}

{
  const bad = policy({ role: 'ServerWithClientAuth', adv: BASE_ADV + '\nClientAuthType PassThru' });
  const viaConn = policy({ role: 'Server', adv: BASE_ADV + '\nClientAuthType PassThru', conn: 'HandshakeRole ServerWithClientAuth' });
  ruleTester('client-auth-unverified', {
    valid: [policy({ role: 'ServerWithClientAuth', adv: BASE_ADV + '\nClientAuthType Required' }), policy({ role: 'ServerWithClientAuth' })],
    invalid: [
      { code: bad, errors: [after(bad, 'ClientAuthType ', 'PassThru', 'passThru')] },
      { code: viaConn, name: 'role from the connection action', errors: [after(viaConn, 'ClientAuthType ', 'PassThru', 'passThru')] },
    ],
  });
}

{
  const g = policy({ group: 'CtraceClearText On' });
  const c = policy({ conn: 'CtraceClearText ON' });
  ruleTester('ctrace-clear-text', {
    valid: [policy({ group: 'CtraceClearText Off' })],
    invalid: [
      { code: g, errors: [after(g, 'CtraceClearText ', 'On', 'on')] },
      { code: c, errors: [after(c, 'CtraceClearText ', 'ON', 'on')] },
    ],
  });
}

{
  const pw = policy({ keyringBlock: 'TTLSKeyringParms\n{\nKeyring /etc/a.kdb\nKeyringPw secret\n}' });
  ruleTester('keyring-password-in-policy', {
    valid: [policy({ keyringBlock: 'TTLSKeyringParms\n{\nKeyring /etc/a.kdb\nKeyringStashFile /etc/a.sth\n}' })],
    invalid: [{ code: pw, errors: [at(pw, 'KeyringPw', 'password')] }],
  });
}

{
  const sha1 = policy({ env: 'TTLSSignatureParms\n{\nSignaturePairs 040102010101\n}' });
  ruleTester('weak-signature-algorithm', {
    valid: [policy({ env: 'TTLSSignatureParms\n{\nSignaturePairs 04010403\n}' })],
    invalid: [{ code: sha1, errors: [at(sha1, '0201', 'weak', 1, { data: { hash: 'SHA-1' } }), at(sha1, '0101', 'weak', 2, { data: { hash: 'MD5' } })] }],
  });
}

{
  const rsa = policy({ adv: BASE_ADV + '\nPeerMinRsaKeySize 1024\nServerEDHGroupSize Legacy' });
  ruleTester('weak-key-size', {
    valid: [policy({ adv: BASE_ADV + '\nPeerMinRsaKeySize 2048\nPeerMinECCKeySize 256' }), { code: rsa.replace('\n    ServerEDHGroupSize Legacy', ''), options: { minRsa: 1024 } }],
    invalid: [{ code: rsa, errors: [after(rsa, 'PeerMinRsaKeySize ', '1024', 'small', 1, { data: { min: 2048 } }), after(rsa, 'ServerEDHGroupSize ', 'Legacy', 'legacy')] }],
  });
}

{
  const all = policy({ adv: BASE_ADV + '\nRenegotiation All' });
  const abbr = policy({ adv: BASE_ADV + '\nRenegotiation Abbreviated' });
  ruleTester('insecure-renegotiation', {
    valid: [policy({ adv: BASE_ADV + '\nRenegotiation Disabled' }), policy({ adv: BASE_ADV + '\nRenegotiation Abbreviated\nRenegotiationIndicator Both' })],
    invalid: [
      { code: all, errors: [after(all, 'Renegotiation ', 'All', 'all')] },
      { code: abbr, errors: [after(abbr, 'Renegotiation ', 'Abbreviated', 'noIndicator')] },
    ],
  });
}

{
  const old = policy({ adv: BASE_ADV + '\nCertValidationMode RFC2459' });
  ruleTester('cert-validation-legacy', {
    valid: [policy({ adv: BASE_ADV + '\nCertValidationMode Any' })],
    invalid: [{ code: old, errors: [after(old, 'CertValidationMode ', 'RFC2459', 'rfc2459')] }],
  });
}
