// Rule tables, correctness rules: only what an annotated fixture cannot say -- the data that fills
// a message. Codes, ranges, severities and message ids of every case, and the clean cases, are in
// test/fixtures/rules/<id>/ (test/lint/rule-fixtures.test.ts).
import { BASE_ADV, at, policy } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

const client = { role: 'Client', direction: 'Outbound', cond: 'RemotePortRange 443' };

{
  const authRing = policy({ ...client, keyring: '*AUTH*/CaRing' });
  const authServer = policy({ keyring: '*AUTH*/*' });
  const siteSwca = policy({ role: 'ServerWithClientAuth', keyring: '*SITE*/*' });
  ruleTester('keyring-format', {
    valid: [],
    invalid: [
      { code: authRing, name: '*AUTH* is named as CERTAUTH', errors: [at(authRing, '*AUTH*', 'specialOwner', 1, { data: { owner: '*AUTH*', who: 'CERTAUTH' } })] },
      { code: authServer, name: 'the virtual ring of CERTAUTH', errors: [at(authServer, '*AUTH*/*', 'virtualServer', 1, { severity: 'warning', data: { who: 'CERTAUTH' } })] },
      { code: siteSwca, name: 'the virtual ring of SITE', errors: [at(siteSwca, '*SITE*/*', 'virtualServer', 1, { severity: 'warning', data: { who: 'SITE' } })] },
    ],
  });
}

{
  const extra = 'TTLSKeyringParms Other\n{\n  Keyring tcpip/srvring\n}\n';
  const two = policy({ extra });
  const virt = policy({ keyring: 'TCPIP/*', extra: extra.replace('tcpip/srvring', 'tcpip/*') });
  ruleTester('keyring-spelling', {
    valid: [],
    invalid: [
      { code: two, name: 'the first spelling is named', errors: [at(two, 'tcpip/srvring', 'spelling', 1, { data: { first: 'TCPIP/SrvRing' } })] },
      { code: virt, name: 'a virtual ring spelt two ways', errors: [at(virt, 'tcpip/*', 'spelling', 1, { data: { first: 'TCPIP/*' } })] },
    ],
  });
}

{
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
    valid: [],
    invalid: [
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
  const mb = policy({ adv: BASE_ADV + '\nMiddleBoxCompatMode On' });
  ruleTester('dependent-parameter', {
    valid: [],
    invalid: [{ code: mb, name: 'the value the setting depends on, and where it comes from', errors: [at(mb, 'MiddleBoxCompatMode', 'noEffect', 1, { data: { actual: 'Off by default' } })] }],
  });
}
