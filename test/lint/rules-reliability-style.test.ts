// Rule tables: reliability and style rules.
import { BASE_ADV, after, at, policy } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

const rule = (name: string, body: string) => `TTLSRule ${name}\n{\n${body.split('\n').map((l) => `  ${l}`).join('\n')}\n}\n`;
const other = (priority: string | null, port = '5000') =>
  rule('Other', `LocalPortRange ${port}\nDirection Inbound\n${priority === null ? '' : `Priority ${priority}\n`}TTLSGroupActionRef SecureGroup\nTTLSEnvironmentActionRef ServerEnv`);

{
  const bad = policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV' });
  const otherVirtual = policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV', keyring: 'TCPIP/*' });
  ruleTester('keyring-owner-mismatch', {
    valid: [
      policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV', keyring: 'WEBSRV/SrvRing' }),
      policy({ cond: 'LocalPortRange 4000\nUserid WEB*' }),
      { code: policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV', keyring: '*AUTH*/*' }), name: '*AUTH* is CERTAUTH, not a user ID' },
      { code: policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV', keyring: '*SITE*/*' }), name: '*SITE* is SITE, not a user ID' },
      { code: policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV', keyring: 'WEBSRV/*' }), name: "the user's own virtual ring" },
    ],
    invalid: [
      { code: bad, errors: [at(bad, 'TCPIP', 'mismatch', 1, { data: { userid: 'WEBSRV', owner: 'TCPIP' } })] },
      { code: otherVirtual, name: "another user's virtual ring", errors: [at(otherVirtual, 'TCPIP', 'mismatch', 1, { data: { userid: 'WEBSRV', owner: 'TCPIP' } })] },
    ],
  });
}

{
  const inClient = policy({ role: 'Client' });
  const outServer = policy({ direction: 'Outbound', cond: 'RemotePortRange 443' });
  ruleTester('handshake-role-direction', {
    valid: [policy(), policy({ role: 'Client', direction: 'Outbound', cond: 'RemotePortRange 443' })],
    invalid: [
      { code: inClient, errors: [after(inClient, 'Direction ', 'Inbound', 'inboundClient')] },
      { code: outServer, errors: [after(outServer, 'Direction ', 'Outbound', 'outboundServer')] },
    ],
  });
}

{
  const bare = policy({ adv: BASE_ADV + '\nApplicationControlled On' });
  ruleTester('application-controlled-note', {
    valid: [policy({ adv: BASE_ADV + '\n# FTP starts TLS after AUTH TLS\nApplicationControlled On' }), policy({ adv: BASE_ADV + '\nApplicationControlled On # FTP AUTH TLS' })],
    invalid: [
      { code: bare, errors: [after(bare, 'ApplicationControlled ', 'On', 'note')] },
      { code: policy({ adv: BASE_ADV + '\n# attls-lint-disable-next-line weak-protocol\nApplicationControlled On' }), name: 'a directive is not a note', errors: [{ messageId: 'note', line: 26, column: 27 }] },
    ],
  });
}

{
  const loud = policy({ group: 'Trace 255' });
  const info = policy({ group: 'Trace 6' });
  ruleTester('trace-too-verbose', {
    valid: [policy({ group: 'Trace 2' }), policy({ group: 'Trace 3' }), { code: loud, options: { production: false } }, { code: info, options: { allowInfo: true } }],
    invalid: [
      { code: loud, errors: [after(loud, 'Trace ', '255', 'verbose')] },
      { code: info, errors: [after(info, 'Trace ', '6', 'verbose', 1, { data: { bits: ['4 (information)'] } })] },
    ],
  });
}

{
  const zero = policy({ adv: BASE_ADV + '\nHandshakeTimeout 0' });
  ruleTester('handshake-timeout-zero', {
    valid: [policy({ adv: BASE_ADV + '\nHandshakeTimeout 10' })],
    invalid: [{ code: zero, errors: [after(zero, 'HandshakeTimeout ', '0', 'zero', 1, { severity: 'warning' })] }],
  });
}

{
  const groupAdv = 'TTLSGroupAdvancedParms\n{\n  SecondaryMap On\n}';
  const bad = policy({ enabled: 'Off', refs: 'TTLSGroupActionRef SecureGroup', group: groupAdv });
  ruleTester('secondary-map-disabled-group', {
    valid: [policy({ group: groupAdv }), policy({ enabled: 'Off', refs: 'TTLSGroupActionRef SecureGroup', group: groupAdv.replace('On', 'Off') })],
    invalid: [{ code: bad, errors: [after(bad, 'SecondaryMap ', 'On', 'disabled')] }],
  });
}

{
  const envfile = policy({ group: 'TTLSGroupAdvancedParms\n{\n  Envfile /etc/attls/group.env\n}' });
  ruleTester('instance-hint', {
    valid: [policy({ group: 'GroupUserInstance 1\nTTLSGroupAdvancedParms\n{\n  Envfile /etc/attls/group.env\n}' }), policy()],
    invalid: [
      { code: envfile, errors: [at(envfile, '/etc/attls/group.env', 'envfile')] },
      { code: policy(), options: { keyring: true }, errors: [{ messageId: 'keyring', line: 18, column: 13, endColumn: 26 }] },
    ],
  });
}

{
  // Only where a connection can match both rules does the missing Priority matter.
  const noPrio = policy({ priority: null, extra: other('200', '4000-5000') });
  const neither = policy({ priority: null, extra: other(null, '4000') });
  ruleTester('rule-without-priority', {
    valid: [policy({ priority: null }), policy({ extra: other('200') }), policy({ priority: null, extra: other(null, '5000') })],
    invalid: [
      { code: noPrio, errors: [at(noPrio, 'SrvRule', 'missing', 1, { data: { rule: "TTLSRule 'SrvRule'", others: 'Other' } })] },
      { code: neither, errors: [at(neither, 'SrvRule', 'missing'), at(neither, 'Other', 'missing')] },
    ],
  });
}

{
  const all = policy({ cond: 'LocalPortRange 0\nJobname *', direction: 'Both' });
  const exempt = policy({ cond: 'RemoteAddr All', enabled: 'Off', refs: 'TTLSGroupActionRef SecureGroup', direction: 'Outbound' });
  ruleTester('catch-all-rule', {
    valid: [policy(), policy({ cond: 'LocalPortRange 0\nJobname FTPD*' })],
    invalid: [
      { code: all, errors: [at(all, 'SrvRule', 'secured', 1, { data: { direction: 'inbound and outbound' } })] },
      { code: exempt, errors: [at(exempt, 'SrvRule', 'exempt')] },
    ],
  });
}

{
  const many = Array.from({ length: 3 }, (_, i) => rule(`R${i}`, `LocalPortRange ${5000 + i}\nDirection Inbound\nPriority ${200 + 10 * i}\nTTLSGroupActionRef G${i}\nTTLSEnvironmentActionRef ServerEnv`) + `TTLSGroupAction G${i}\n{\n  TTLSEnabled On\n}\n`).join('');
  const code = policy({ extra: many });
  ruleTester('too-many-groups', {
    valid: [code, { code, options: { max: 4 } }],
    invalid: [{ code, options: { max: 2 }, errors: [at(code, 'G1', 'many', 2, { data: { count: 4 } })] }],
  });
}

{
  const ring = policy({ keyringBlock: 'TTLSKeyRingParms\n{\nKEYRING TCPIP/SrvRing\n}', cond: 'LocalPortRange 4000\nJobName FTPD*' });
  const fixed = ring.replace('TTLSKeyRingParms', 'TTLSKeyringParms').replace('KEYRING', 'Keyring').replace('JobName', 'Jobname');
  const ssl = policy({ adv: 'SSLV3 Off\nTLSV1.2 On' });
  ruleTester('keyword-case', {
    valid: [policy()],
    invalid: [
      { code: ring, output: fixed, errors: [at(ring, 'JobName', 'spelling'), at(ring, 'TTLSKeyRingParms', 'spelling', 1, { data: { expected: 'TTLSKeyringParms' } }), at(ring, 'KEYRING', 'spelling')] },
      { code: ssl, output: ssl.replace('SSLV3', 'SSLv3').replace('TLSV1.2', 'TLSv1.2'), errors: [at(ssl, 'SSLV3', 'spelling'), at(ssl, 'TLSV1.2', 'spelling')] },
    ],
  });
}

{
  const up = policy({ enabled: 'ON', role: 'SERVER' });
  ruleTester('value-case', {
    valid: [policy(), policy({ keyring: 'tcpip/ring' })],
    invalid: [{ code: up, output: up.replace('ON', 'On').replace('SERVER', 'Server'), errors: [at(up, 'ON', 'spelling'), at(up, 'SERVER', 'spelling')] }],
  });
}

{
  const tight = policy({ extra: other('101') });
  ruleTester('priority-gaps', {
    valid: [policy({ extra: other('200') }), { code: policy({ extra: other('110') }), options: { minGap: 10 } }],
    invalid: [
      { code: tight, errors: [after(tight, 'Priority ', '100', 'tight', 1, { data: { gap: 1 } })] },
      { code: policy({ extra: other('105') }), options: { minGap: 10 }, errors: [{ messageId: 'tight', line: 5, column: 12 }] },
    ],
  });
}

{
  const dup = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites4Char C02FC030C02F\n}' });
  const lines = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites TLS_AES_128_GCM_SHA256\nV3CipherSuites TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\nV3CipherSuites TLS_AES_128_GCM_SHA256\n}' });
  ruleTester('duplicate-cipher', {
    valid: [policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites4Char C02FC030\n}' })],
    invalid: [
      { code: dup, output: dup.replace('C02FC030C02F', 'C02FC030'), errors: [at(dup, 'C02F', 'duplicate', 2)] },
      { code: lines, output: lines.replace('    V3CipherSuites TLS_AES_128_GCM_SHA256\n  }', '  }'), errors: [at(lines, 'TLS_AES_128_GCM_SHA256', 'duplicate', 2)] },
    ],
  });
}
