// Rule tables: correctness rules.
import { BASE_ADV, after, at, policy } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

const cipher = (list: string, kw = 'V3CipherSuites4Char') => `TTLSCipherParms\n{\n${kw} ${list}\n}`;
const client = { role: 'Client', direction: 'Outbound', cond: 'RemotePortRange 443' };

{
  const none = policy({ keyringBlock: 'TTLSKeyringParms\n{\n}' });
  const empty = policy({ keyring: '""' });
  ruleTester('keyring-missing', {
    valid: [policy()],
    invalid: [
      { code: none, errors: [at(none, 'TTLSKeyringParms', 'missing')] },
      { code: empty, errors: [at(empty, '""', 'empty')] },
    ],
  });
}

{
  const kdb = policy({ keyring: '/etc/attls/a.kdb' });
  const saf = policy({ keyringBlock: 'TTLSKeyringParms\n{\nKeyring TCPIP/Ring\nKeyringPw secret\n}' });
  const rel = policy({ keyring: 'server.kdb' });
  const owner = policy({ keyring: 'TOOLONGUSER/Ring' });
  const virtualOwner = policy({ keyring: 'TOOLONGUSER/*' });
  const authRing = policy({ ...client, keyring: '*AUTH*/CaRing' });
  const authServer = policy({ keyring: '*AUTH*/*' });
  const siteSwca = policy({ role: 'ServerWithClientAuth', keyring: '*SITE*/*' });
  const connServer = policy({ ...client, keyring: '*AUTH*/*', conn: 'HandshakeRole Server' });
  ruleTester('keyring-format', {
    valid: [
      policy(),
      policy({ keyring: 'SrvRing' }),
      policy({ keyring: '*TOKEN*/MyToken' }),
      policy({ keyringBlock: 'TTLSKeyringParms\n{\nKeyring /etc/a.kdb\nKeyringStashFile /etc/a.sth\n}' }),
      { code: policy({ ...client, keyring: '*AUTH*/*' }), name: 'a client verifying servers with the CERTAUTH virtual ring' },
      { code: policy({ ...client, keyring: '*SITE*/*' }), name: 'the SITE virtual ring' },
      { code: policy({ keyring: 'WEBSRV/*' }), name: "a user's virtual ring holds that user's own certificates and keys" },
      { code: policy({ enabled: 'Off', keyring: '*AUTH*/*' }), name: 'a server role that is never secured' },
    ],
    invalid: [
      { code: kdb, errors: [at(kdb, '/etc/attls/a.kdb', 'databaseWithoutPassword')] },
      { code: saf, errors: [at(saf, 'KeyringPw', 'safWithPassword', 1, { severity: 'error' })] },
      { code: rel, errors: [at(rel, 'server.kdb', 'relativeDatabase')] },
      { code: owner, errors: [at(owner, 'TOOLONGUSER', 'badOwner')] },
      { code: virtualOwner, name: 'a virtual ring still needs a user ID as owner', errors: [at(virtualOwner, 'TOOLONGUSER', 'badOwner')] },
      { code: authRing, name: '*AUTH* has only the virtual ring', errors: [at(authRing, '*AUTH*', 'specialOwner', 1, { data: { owner: '*AUTH*', who: 'CERTAUTH' } })] },
      { code: authServer, name: 'a server cannot present a certificate from *AUTH*/* (a warning: our reading)', errors: [at(authServer, '*AUTH*/*', 'virtualServer', 1, { severity: 'warning', data: { who: 'CERTAUTH' } })] },
      { code: siteSwca, errors: [at(siteSwca, '*SITE*/*', 'virtualServer', 1, { severity: 'warning', data: { who: 'SITE' } })] },
      { code: connServer, name: 'server role from the connection action', errors: [at(connServer, '*AUTH*/*', 'virtualServer', 1, { severity: 'warning' })] },
    ],
  });
}

{
  const extra = 'TTLSKeyringParms Other\n{\n  Keyring tcpip/srvring\n}\n';
  const two = policy({ extra });
  const virt = policy({ keyring: 'TCPIP/*', extra: extra.replace('tcpip/srvring', 'tcpip/*') });
  ruleTester('keyring-spelling', {
    valid: [
      policy({ extra: extra.replace('tcpip/srvring', 'TCPIP/SrvRing') }),
      policy({ extra: extra.replace('tcpip/srvring', 'TCPIP/OtherRing') }),
      { code: policy({ ...client, keyring: '*AUTH*/*', extra: extra.replace('tcpip/srvring', '*SITE*/*') }), name: 'two different virtual rings' },
      { code: policy({ keyring: 'TCPIP/*', extra: extra.replace('tcpip/srvring', 'TCPIP/SrvRing') }), name: "a user's virtual ring is not one of that user's real rings" },
    ],
    invalid: [
      { code: two, errors: [at(two, 'tcpip/srvring', 'spelling', 1, { data: { first: 'TCPIP/SrvRing' } })] },
      { code: virt, name: 'a virtual ring spelt two ways', errors: [at(virt, 'tcpip/*', 'spelling', 1, { data: { first: 'TCPIP/*' } })] },
    ],
  });
}

{
  const conn = 'HandshakeRole Server';
  const bad = policy({ ...client, conn });
  const swca = policy({ conn: 'HandshakeRole ServerWithClientAuth' });
  ruleTester('connection-role-mismatch', {
    valid: [policy({ ...client, role: 'Server', conn }), policy({ ...client, conn, adv: BASE_ADV + '\nCertificateLabel SrvCert' }), policy({ role: 'ServerWithClientAuth', conn: 'HandshakeRole ServerWithClientAuth' })],
    invalid: [
      { code: bad, errors: [after(bad, 'ConnAct\n{\n  HandshakeRole ', 'Server', 'noServerCertificate')] },
      { code: swca, errors: [after(swca, 'ConnAct\n{\n  HandshakeRole ', 'ServerWithClientAuth', 'clientAuthEnv')] },
    ],
  });
}

{
  const ssl3 = policy({ group: 'FIPS140 On', adv: BASE_ADV + '\nSSLv3 On' });
  const rc4 = policy({ group: 'FIPS140 Level1', env: cipher('C02F0005') });
  ruleTester('fips-incompatible', {
    valid: [policy({ group: 'FIPS140 On', env: cipher('C02FC030') }), policy({ group: 'FIPS140 Off', env: cipher('C02F0005') })],
    invalid: [
      { code: ssl3, errors: [after(ssl3, 'SSLv3 ', 'On', 'protocol')] },
      { code: rc4, errors: [at(rc4, '0005', 'cipher')] },
    ],
  });
}

{
  const coded = policy({ adv: BASE_ADV + '\nTLSv1.3 On', env: cipher('C02FC030') });
  const dflt = policy({ adv: BASE_ADV + '\nTLSv1.3 On' });
  ruleTester('tls13-ciphers', {
    valid: [policy({ adv: BASE_ADV + '\nTLSv1.3 On', env: cipher('1301C02F') }), { code: dflt, release: '3.1', name: 'the 3.1 default list is not catalogued' }],
    invalid: [
      { code: coded, errors: [after(coded, 'TLSv1.3 ', 'On', 'coded')] },
      { code: dflt, release: '3.2', errors: [after(dflt, 'TLSv1.3 ', 'On', 'defaultList')] },
    ],
  });
}

{
  const only13 = policy({ env: cipher('13011302') });
  ruleTester('no-usable-cipher', {
    valid: [policy({ env: cipher('1301C02F') }), policy({ adv: BASE_ADV + '\nTLSv1.3 On', env: cipher('13011302') })],
    invalid: [{ code: only13, errors: [at(only13, 'TTLSCipherParms', 'only13')] }],
  });
}

{
  const ignored = policy({ adv: BASE_ADV + '\nClientAuthType Full' });
  // Named environments and one named advanced parms block; `first` is a definition that a later
  // one of the same name replaces (Policy Agent keeps the last).
  const env = (name: string, role: string, adv = true) =>
    `TTLSEnvironmentAction ${name}\n{\n  HandshakeRole ${role}\n${adv ? '  TTLSEnvironmentAdvancedParmsRef Adv\n' : ''}  TTLSKeyringParms\n  {\n    Keyring TCPIP/SrvRing\n  }\n}\n`;
  const named = (...envs: string[]) =>
    policy({ refs: 'TTLSGroupActionRef SecureGroup\nTTLSEnvironmentActionRef ServerEnv', adv: null, keyringBlock: '', role: 'Client' })
      .replace(/TTLSEnvironmentAction ServerEnv\n\{[^}]*\}\n/, '')
      .concat(...envs, `TTLSEnvironmentAdvancedParms Adv\n{\n  TLSv1.2 On\n  ClientAuthType Full\n}\n`);
  const keptServer = named(env('ServerEnv', 'ServerWithClientAuth'), env('ServerEnv', 'Server'));
  const corpus002 = named(env('ServerEnv', 'Server'), env('ClientEnv', 'Client'), env('ServerEnv', 'ServerWithClientAuth', false));
  ruleTester('client-auth-type-ignored', {
    valid: [
      policy({ role: 'ServerWithClientAuth', adv: BASE_ADV + '\nClientAuthType Full' }),
      policy({ adv: BASE_ADV + '\nClientAuthType Full', conn: 'HandshakeRole ServerWithClientAuth' }),
      { code: named(env('ServerEnv', 'Server'), env('ServerEnv', 'ServerWithClientAuth')), name: 'the definition kept asks for client certificates' },
    ],
    invalid: [
      { code: ignored, errors: [at(ignored, 'ClientAuthType', 'ignored')] },
      {
        code: keptServer,
        name: 'an earlier, replaced definition with ServerWithClientAuth does not count',
        errors: [at(keptServer, 'ClientAuthType', 'ignored', 1, { data: { who: "TTLSEnvironmentAction 'ServerEnv'", roles: 'Server' } })],
      },
      {
        code: corpus002,
        name: 'corpus 002: only the environments kept are named',
        errors: [at(corpus002, 'ClientAuthType', 'ignored', 1, { data: { who: "TTLSEnvironmentAction 'ClientEnv'", roles: 'Client' } })],
      },
    ],
  });
}

{
  const lower = policy({ cond: 'LocalPortRange 4000\nJobname ftpd*\nUserid webusr' });
  ruleTester('jobname-lowercase', {
    valid: [policy({ cond: 'LocalPortRange 4000\nJobname FTPD*' })],
    invalid: [{ code: lower, errors: [at(lower, 'ftpd*', 'lower', 1, { severity: 'warning' }), at(lower, 'webusr', 'lower')] }],
  });
}

{
  const frag = policy({ adv: BASE_ADV + '\nClientMaxSSLFragmentLength 1024' });
  const mb = policy({ adv: BASE_ADV + '\nMiddleBoxCompatMode On' });
  const ldap = policy({ env: 'TTLSGskAdvancedParms\n{\nTTLSGskLdapParms\n{\nGSK_LDAP_SERVER ldap.example.com\nGSK_LDAP_USER cn=attls\n}\n}' });
  ruleTester('dependent-parameter', {
    valid: [policy({ adv: BASE_ADV + '\nClientMaxSSLFragment Optional\nClientMaxSSLFragmentLength 1024' }), policy({ adv: BASE_ADV + '\nTLSv1.3 On\nMiddleBoxCompatMode On' })],
    invalid: [
      { code: frag, errors: [at(frag, 'ClientMaxSSLFragmentLength', 'noEffect')] },
      { code: mb, errors: [at(mb, 'MiddleBoxCompatMode', 'noEffect', 1, { data: { actual: 'Off by default' } })] },
      { code: ldap, errors: [at(ldap, 'GSK_LDAP_USER', 'missing')] },
    ],
  });
}

{
  const mixed = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites 35\nV3CipherSuites4Char C02F\n}' });
  ruleTester('mixed-cipher-lists', {
    valid: [policy({ env: cipher('C02F0035') })],
    invalid: [{ code: mixed, errors: [at(mixed, 'V3CipherSuites4Char', 'mixed')] }],
  });
}

{
  const scsv = policy({ ...client, adv: BASE_ADV + '\nServerScsv On' });
  const sni = policy({ adv: BASE_ADV + '\nClientHandshakeSNI Optional' });
  ruleTester('role-irrelevant-setting', {
    valid: [policy({ adv: BASE_ADV + '\nServerScsv On' }), policy({ ...client, adv: BASE_ADV + '\nServerScsv On', conn: 'HandshakeRole Server' })],
    invalid: [
      { code: scsv, errors: [at(scsv, 'ServerScsv', 'serverOnly')] },
      { code: sni, errors: [at(sni, 'ClientHandshakeSNI', 'clientOnly')] },
    ],
  });
}

{
  const off = policy({ adv: 'TLSv1 Off\nTLSv1.1 Off\nTLSv1.2 Off' });
  const weakOnly = policy({ adv: 'TLSv1 Off' });
  ruleTester('no-modern-protocol', {
    valid: [policy(), { code: weakOnly, release: '3.2' }],
    invalid: [
      { code: off, errors: [at(off, 'TTLSEnvironmentAdvancedParms', 'none', 1, { severity: 'error' })] },
      { code: weakOnly, name: 'relies on the TLSv1.2 default of 3.1: a warning', errors: [at(weakOnly, 'TTLSEnvironmentAdvancedParms', 'onlyWeak', 1, { severity: 'warning' })] },
    ],
  });
}

{
  const off = policy({ enabled: 'Off', conn: 'HandshakeRole Server' });
  ruleTester('disabled-group-actions', {
    valid: [policy(), policy({ enabled: 'Off', refs: 'TTLSGroupActionRef SecureGroup' })],
    invalid: [{ code: off, errors: [at(off, 'TTLSEnvironmentActionRef', 'unused'), at(off, 'TTLSConnectionActionRef', 'unused')] }],
  });
}
