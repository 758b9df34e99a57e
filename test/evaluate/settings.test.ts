// Effective settings: precedence connection > environment > group, inline and referenced blocks,
// release-dependent defaults, cipher lists, and where every value comes from.
import assert from 'node:assert/strict';
import { effectiveSettings, explainMatch, answerJson, type Setting, blockLabel } from '@attls/evaluate';
import { conn, policyOf } from './helpers.js';

const POLICY = `
TTLSRule web
{
  LocalPortRange 443
  Direction Inbound
  TTLSGroupActionRef g
  TTLSEnvironmentActionRef e
  TTLSConnectionActionRef c
}
TTLSRule plain
{
  LocalPortRange 80
  Direction Inbound
  TTLSGroupActionRef g
  TTLSEnvironmentActionRef e
}
TTLSGroupAction g
{
  TTLSEnabled On
  Trace 6
  CtraceClearText On
  TTLSGroupAdvancedParms
  {
    SecondaryMap On
  }
}
TTLSEnvironmentAction e
{
  HandshakeRole ServerWithClientAuth
  Trace 14
  TTLSKeyringParmsRef ring
  TTLSEnvironmentAdvancedParms
  {
    TLSv1.2 On
    TLSv1.3 On
    ClientAuthType Full
    HandshakeTimeout 20
  }
  TTLSCipherParms
  {
    V3CipherSuites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
    V3CipherSuites4Char C02F1301
    V3CipherSuites 352F
  }
  TTLSSignatureParms
  {
    ClientECurves 0023
    SignaturePairs 0601
  }
}
TTLSConnectionAction c
{
  HandshakeRole Server
  Trace 255
  TTLSConnectionAdvancedParmsRef cadv
  TTLSCipherParms
  {
    V3CipherSuites4Char 1302
  }
  TTLSSignatureParms
  {
    ClientECurves 0024
  }
}
TTLSConnectionAdvancedParms cadv
{
  HandshakeTimeout 5
  TLSv1.3 Off
  SecondaryMap Off
}
TTLSKeyringParms ring
{
  Keyring WEBSRV/WebRing
  KeyringPw secret
}
`;

function settingsOf(ruleName: string, release?: '3.1' | '3.2'): Map<string, Setting> {
  const p = policyOf(POLICY, release);
  const r = p.byName.get(ruleName)!;
  return new Map(effectiveSettings(p.model, r).map((s) => [s.name, s]));
}

const from = (s: Setting | undefined): string => (s?.source.kind === 'policy' ? blockLabel(s.source.statement) : (s?.source.kind ?? 'missing'));

describe('evaluate: effective settings', () => {
  it('connection-level values override environment-level ones, which override the group', () => {
    const s = settingsOf('web');
    assert.equal(s.get('HandshakeRole')?.value, 'Server');
    assert.equal(from(s.get('HandshakeRole')), 'TTLSConnectionAction c');
    assert.equal(s.get('Trace')?.value, '255');
    assert.equal(s.get('HandshakeTimeout')?.value, '5');
    assert.equal(from(s.get('HandshakeTimeout')), 'TTLSConnectionAdvancedParms cadv');
    assert.equal(s.get('TLSv1.3')?.value, 'Off');
    assert.equal(s.get('TLSv1.2')?.value, 'On');
    assert.equal(from(s.get('TLSv1.2')), 'TTLSEnvironmentAdvancedParms in TTLSEnvironmentAction e');
    assert.equal(s.get('SecondaryMap')?.value, 'Off');
    assert.equal(s.get('CtraceClearText')?.value, 'On');
    assert.equal(from(s.get('CtraceClearText')), 'TTLSGroupAction g');
    assert.equal(s.get('ClientECurves')?.value?.toString(), '0024');
    assert.equal(s.get('SignaturePairs')?.value?.toString(), '0601');
  });

  it('without a connection action the environment values apply', () => {
    const s = settingsOf('plain');
    assert.equal(s.get('HandshakeRole')?.value, 'ServerWithClientAuth');
    assert.equal(s.get('Trace')?.value, '14');
    assert.equal(s.get('HandshakeTimeout')?.value, '20');
    assert.equal(s.get('SecondaryMap')?.value, 'On');
    assert.equal(from(s.get('SecondaryMap')), 'TTLSGroupAdvancedParms in TTLSGroupAction g');
    assert.equal(s.get('ClientAuthType')?.value, 'Full');
    assert.equal(s.get('ClientAuthType')?.key, true);
  });

  it('cipher lists: names, 2- and 4-character codes joined in order; a connection list replaces the environment list', () => {
    const env = settingsOf('plain').get('V3CipherSuites')!;
    assert.deepEqual(env.value, ['C030', 'C02F', '1301', '0035', '002F']);
    assert.equal(env.names?.[0], 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
    const c = settingsOf('web').get('V3CipherSuites')!;
    assert.deepEqual(c.value, ['1302']);
    assert.equal(from(c), 'TTLSCipherParms in TTLSConnectionAction c');
  });

  it('keyring parms come from the referenced block, and passwords are never shown', () => {
    const s = settingsOf('web');
    assert.equal(s.get('Keyring')?.value, 'WEBSRV/WebRing');
    assert.equal(from(s.get('Keyring')), 'TTLSKeyringParms ring');
    assert.equal(s.get('KeyringPw')?.value, '(set, not shown)');
  });

  it('defaults follow the target release and carry their certainty', () => {
    const s31 = settingsOf('web', '3.1');
    const s32 = settingsOf('web', '3.2');
    assert.equal(s31.get('TLSv1')?.value, 'On');
    assert.equal(s32.get('TLSv1')?.value, 'Off');
    const d = s32.get('TLSv1')!.source;
    assert.equal(d.kind, 'default');
    assert.equal(d.kind === 'default' && d.release, '3.2');
    assert.equal(d.kind === 'default' && d.certainty, 'usage');
    assert.equal(s31.get('FIPS140')?.value, 'Off');
    assert.equal(s31.get('SSLv3')?.value, 'Off');
  });

  it('the default cipher list is known for 3.2 and honestly unknown before', () => {
    const p31 = policyOf(POLICY.replace(/  TTLSCipherParms\n  \{\n    V3CipherSuites TLS[\s\S]*?\n  \}\n/, ''), '3.1');
    const e31 = effectiveSettings(p31.model, p31.byName.get('plain')!).find((s) => s.name === 'V3CipherSuites')!;
    assert.equal(e31.value, null);
    assert.equal(e31.source.kind, 'default');
    const p32 = policyOf(POLICY.replace(/  TTLSCipherParms\n  \{\n    V3CipherSuites TLS[\s\S]*?\n  \}\n/, ''), '3.2');
    const e32 = effectiveSettings(p32.model, p32.byName.get('plain')!).find((s) => s.name === 'V3CipherSuites')!;
    assert.deepEqual(e32.value, ['C030', 'C02C', 'C02F', 'C02B']);
  });

  it('JSON says where each value came from: statement and line, or default with release', () => {
    const p = policyOf(POLICY);
    const a = answerJson(explainMatch(p, conn({ direction: 'inbound', local_port: '443' })));
    assert.equal(a.rule?.name, 'web');
    assert.equal(a.secured, true);
    assert.deepEqual(a.actions, { group: 'g', environment: 'e', connection: 'c' });
    assert.equal(a.settings['HandshakeRole']?.from, 'TTLSConnectionAction c (policy.ttls:53)');
    assert.equal(a.settings['HandshakeRole']?.line, 53);
    assert.equal(a.settings['SSLv2']?.from, 'default');
    assert.equal(a.settings['SSLv2']?.release, '3.1');
    // plain (tried first: p sorts before w) maps primary connections with SecondaryMap On.
    assert.ok(a.notes.some((n) => /^plain has SecondaryMap On: if this connection comes from the same process/.test(n)));
    const b = answerJson(explainMatch(p, conn({ direction: 'inbound', local_port: '80' })));
    assert.ok(b.notes.some((n) => /^plain has SecondaryMap On/.test(n)));
  });
});
