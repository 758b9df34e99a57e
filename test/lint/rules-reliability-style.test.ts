// Rule tables, reliability and style rules: only what an annotated fixture cannot say -- the data
// that fills a message and the text after --fix. Codes, ranges, severities and message ids of every
// case, and the clean cases, are in test/fixtures/rules/<id>/ (test/lint/rule-fixtures.test.ts).
import { after, at, policy } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

const rule = (name: string, body: string) => `TTLSRule ${name}\n{\n${body.split('\n').map((l) => `  ${l}`).join('\n')}\n}\n`;
const other = (priority: string | null, port = '5000') =>
  rule('Other', `LocalPortRange ${port}\nDirection Inbound\n${priority === null ? '' : `Priority ${priority}\n`}TTLSGroupActionRef SecureGroup\nTTLSEnvironmentActionRef ServerEnv`);

{
  const bad = policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV' });
  const otherVirtual = policy({ cond: 'LocalPortRange 4000\nUserid WEBSRV', keyring: 'TCPIP/*' });
  ruleTester('keyring-owner-mismatch', {
    valid: [],
    invalid: [
      { code: bad, name: 'the user and the owner', errors: [at(bad, 'TCPIP', 'mismatch', 1, { data: { userid: 'WEBSRV', owner: 'TCPIP' } })] },
      { code: otherVirtual, name: "another user's virtual ring", errors: [at(otherVirtual, 'TCPIP', 'mismatch', 1, { data: { userid: 'WEBSRV', owner: 'TCPIP' } })] },
    ],
  });
}

{
  const info = policy({ group: 'Trace 6' });
  ruleTester('trace-too-verbose', {
    valid: [],
    invalid: [{ code: info, name: 'the bits beyond error reporting', errors: [after(info, 'Trace ', '6', 'verbose', 1, { data: { bits: ['4 (information)'] } })] }],
  });
}

{
  // Only where a connection can match both rules does the missing Priority matter.
  const noPrio = policy({ priority: null, extra: other('200', '4000-5000') });
  ruleTester('rule-without-priority', {
    valid: [],
    invalid: [{ code: noPrio, name: 'the rules it shares connections with', errors: [at(noPrio, 'SrvRule', 'missing', 1, { data: { rule: "TTLSRule 'SrvRule'", others: 'Other' } })] }],
  });
}

{
  const all = policy({ cond: 'LocalPortRange 0\nJobname *', direction: 'Both' });
  ruleTester('catch-all-rule', {
    valid: [],
    invalid: [{ code: all, name: 'the directions it catches', errors: [at(all, 'SrvRule', 'secured', 1, { data: { direction: 'inbound and outbound' } })] }],
  });
}

{
  const many = Array.from({ length: 3 }, (_, i) => rule(`R${i}`, `LocalPortRange ${5000 + i}\nDirection Inbound\nPriority ${200 + 10 * i}\nTTLSGroupActionRef G${i}\nTTLSEnvironmentActionRef ServerEnv`) + `TTLSGroupAction G${i}\n{\n  TTLSEnabled On\n}\n`).join('');
  const code = policy({ extra: many });
  ruleTester('too-many-groups', {
    valid: [],
    invalid: [{ code, options: { max: 2 }, name: 'the number of groups', errors: [at(code, 'G1', 'many', 2, { data: { count: 4 } })] }],
  });
}

{
  const ring = policy({ keyringBlock: 'TTLSKeyRingParms\n{\nKEYRING TCPIP/SrvRing\n}', cond: 'LocalPortRange 4000\nJobName FTPD*' });
  const fixed = ring.replace('TTLSKeyRingParms', 'TTLSKeyringParms').replace('KEYRING', 'Keyring').replace('JobName', 'Jobname');
  const ssl = policy({ adv: 'SSLV3 Off\nTLSV1.2 On' });
  ruleTester('keyword-case', {
    valid: [],
    invalid: [
      { code: ring, output: fixed, errors: [at(ring, 'JobName', 'spelling'), at(ring, 'TTLSKeyRingParms', 'spelling', 1, { data: { expected: 'TTLSKeyringParms' } }), at(ring, 'KEYRING', 'spelling')] },
      { code: ssl, output: ssl.replace('SSLV3', 'SSLv3').replace('TLSV1.2', 'TLSv1.2'), errors: [at(ssl, 'SSLV3', 'spelling'), at(ssl, 'TLSV1.2', 'spelling')] },
    ],
  });
}

{
  const up = policy({ enabled: 'ON', role: 'SERVER' });
  ruleTester('value-case', {
    valid: [],
    invalid: [{ code: up, output: up.replace('ON', 'On').replace('SERVER', 'Server'), errors: [at(up, 'ON', 'spelling'), at(up, 'SERVER', 'spelling')] }],
  });
}

{
  const tight = policy({ extra: other('101') });
  ruleTester('priority-gaps', {
    valid: [],
    invalid: [{ code: tight, name: 'the gap found', errors: [after(tight, 'Priority ', '100', 'tight', 1, { data: { gap: 1 } })] }],
  });
}

{
  const dup = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites4Char C02FC030C02F\n}' });
  const lines = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites TLS_AES_128_GCM_SHA256\nV3CipherSuites TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\nV3CipherSuites TLS_AES_128_GCM_SHA256\n}' });
  const copies = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites4Char C02FC030\nV3CipherSuites4Char C030C02F\n}' });
  const widths = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites 352F\nV3CipherSuites4Char 0035\n}' });
  const unknown = policy({ env: 'TTLSCipherParms\n{\nV3CipherSuites4Char C02FFFFFC02F\n}' });
  ruleTester('duplicate-cipher', {
    valid: [],
    invalid: [
      { code: dup, output: dup.replace('C02FC030C02F', 'C02FC030'), errors: [at(dup, 'C02F', 'duplicate', 2)] },
      { code: lines, output: lines.replace('    V3CipherSuites TLS_AES_128_GCM_SHA256\n  }', '  }'), errors: [at(lines, 'TLS_AES_128_GCM_SHA256', 'duplicate', 2)] },
      // Every code of the second line is listed earlier: the line goes, not its codes one by one,
      // which would leave V3CipherSuites4Char without a value.
      { code: copies, name: 'a line of copies goes whole', output: copies.replace('    V3CipherSuites4Char C030C02F\n', ''), errors: [at(copies, 'C030', 'duplicate', 2), at(copies, 'C02F', 'duplicate', 2)] },
      { code: widths, name: 'a 2-character code listed again in 4 characters', output: widths.replace('    V3CipherSuites4Char 0035\n', ''), errors: [at(widths, '0035', 'duplicate')] },
      // FFFF is no suite: removing the copy is only offered in the editor (no output: nothing fixed).
      { code: unknown, name: 'a copy beside an unknown code', errors: [at(unknown, 'C02F', 'duplicate', 2)] },
    ],
  });
}
