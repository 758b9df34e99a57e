// Hover, code lenses and inlay hints where they say what a rule gets: the semantic core's answers
// (the Priority it assumes, the EBCDIC name order, Suite B profiles, values from defaults or from
// another level), and the catalogue texts of the corrected facts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRules, getCodeLenses, getHover, getInlayHints, Workspace } from '@attls/service';
import type { MarkupContent } from 'vscode-languageserver-types';
import { markers, positionAt, snapshotOf, URI } from '../support/markers.js';
import { repoRoot } from '../support/shared.js';

const FIXTURES = join(repoRoot, 'test', 'fixtures', 'rules');
const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

/** The hover at the first `<|>` of a text, in a workspace that evaluates rules with the core. */
function hover(source: string, evaluate = true): string {
  const m = markers(source);
  const ws = new Workspace(evaluate ? { evaluator: evaluateRules } : {});
  ws.setDocument(URI, m.text, 1);
  const snap = ws.snapshot(URI)!;
  const h = getHover(snap, positionAt(snap, m.indices[0]!));
  return ((h?.contents as MarkupContent | undefined)?.value) ?? '';
}

/** Puts a cursor marker before the n-th occurrence of `needle` (plus `delta` characters). */
function cursor(text: string, needle: string, delta = 1, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return text.slice(0, i + delta) + '<|>' + text.slice(i + delta);
}

// Two overlapping rules: B codes Priority 1, a codes none, so they tie and a (lowercase) comes
// first in EBCDIC order; Top has a priority of its own.
const TIED = `TTLSRule Top
{
  LocalPortRange 22
  Direction Inbound
  Priority 50
  TTLSGroupActionRef g
}
TTLSRule B
{
  LocalPortRange 443
  Direction Inbound
  Priority 1
  TTLSGroupActionRef g
}
TTLSRule a
{
  LocalPortRange 443
  Direction Inbound
  TTLSGroupActionRef g
}
TTLSGroupAction g
{
  TTLSEnabled Off
}
`;

describe('service: what a rule gets, from the core', () => {
  it('a rule without Priority: priority 1, not coded, with the assumption and the EBCDIC name order it ties by', () => {
    const v = hover(cursor(TIED, 'TTLSRule a', 10));
    assert.match(v, /\*\*#2\*\* of 3 in evaluation order, priority 1 \(not coded\)\./);
    assert.match(v, /A rule without Priority counts as Priority 1/);
    assert.match(v, /Same priority as `B`: their names decide the order/);
    assert.match(v, /IBM-1047 \(EBCDIC\) bytes/);
  });

  it('a rule with a priority of its own: no Priority assumption and no name-order note', () => {
    const v = hover(cursor(TIED, 'TTLSRule Top', 10));
    assert.match(v, /\*\*#1\*\* of 3 in evaluation order, priority 50\./);
    assert.doesNotMatch(v, /without Priority|EBCDIC/);
  });

  it('without an evaluator, a rule without Priority is still said to count as 1, as an assumption', () => {
    const v = hover(cursor(TIED, 'TTLSRule a', 10), false);
    assert.match(v, /No Priority: counted as Priority 1\./);
    assert.match(v, /IBM does not document the default/);
    assert.doesNotMatch(v, /sorts below/);
  });

  it('code lenses say "not coded" for a rule whose priority is the assumed 1', () => {
    const ws = new Workspace({ evaluator: evaluateRules });
    ws.setDocument(URI, TIED, 1);
    assert.deepEqual(
      getCodeLenses(ws.snapshot(URI)!).map((l) => l.command?.title),
      // a and B tie at priority 1 on the same connections: a sorts first in EBCDIC and shadows B.
      ['#1 in order, priority 50', '#3 in order, priority 1', 'shadowed by a', '#2 in order, priority 1 (not coded)'],
    );
    assert.deepEqual(getCodeLenses(snapshotOf(TIED)).map((l) => l.command?.title), ['priority 50', 'priority 1', 'priority 1 (not coded)']);
  });

  it('SuiteBProfile: its hover lists the suites the core uses for each profile, and that IBM does not confirm them', () => {
    const text = fixture('cipher-list-ignored/suite-b-environment.ttls');
    const v = hover(cursor(text, '  SuiteBProfile', 3));
    assert.match(v, /Policy Agent ignores every TTLSCipherParms/);
    assert.match(v, /- `128`: `C02B` TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/);
    assert.match(v, /- `All`: `C02B` TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, `C02C` TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384/);
    assert.match(v, /this mapping is not confirmed/);
    const value = hover(cursor(text, '  SuiteBProfile 192', 17));
    assert.match(value, /The cipher list in effect for the rules using this environment: `C02C` TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384; every TTLSCipherParms they use is ignored/);
  });

  it('a line of a list a Suite B profile replaces says that Policy Agent ignores it; a shared list says for whom', () => {
    const ignored = hover(cursor(fixture('cipher-list-ignored/suite-b-environment.ttls'), 'V3CipherSuites4Char', 3));
    assert.match(ignored, /^_Policy Agent ignores this list: SuiteBProfile 192 of TTLSEnvironmentAction 'ServerEnv'/);
    const shared = hover(cursor(fixture('cipher-list-ignored/shared-list-partly.ttls'), 'TTLSCipherParms SharedCiphers', 18));
    assert.match(shared, /_Ignored for TTLSRule 'SuiteBRule' \(SuiteBProfile All of TTLSEnvironmentAction 'SuiteBEnv'\); in force for TTLSRule 'PlainRule'\._/);
    const inForce = hover(cursor(fixture('cipher-list-ignored/ok-profile-off.ttls'), 'V3CipherSuites4Char', 3));
    assert.doesNotMatch(inForce, /ignore/i);
  });

  it('inlay hints: a default only for the rules that get it, with the others named in the tooltip', () => {
    const text = `TTLSRule Plain
{
  LocalPortRange 443
  Direction Inbound
  TTLSGroupActionRef g
  TTLSEnvironmentActionRef e
}
TTLSRule Legacy
{
  LocalPortRange 992
  Direction Inbound
  TTLSGroupActionRef g
  TTLSEnvironmentActionRef e
  TTLSConnectionActionRef c
}
TTLSGroupAction g
{
  TTLSEnabled On
}
TTLSEnvironmentAction e
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring RING
  }
  TTLSEnvironmentAdvancedParms adv
  {
    TLSv1.2 On
    TLSv1.3 On
  }
}
TTLSConnectionAction c
{
  TTLSConnectionAdvancedParms
  {
    SSLv3 On
    TLSv1 Off
    TLSv1.1 Off
  }
}
`;
    const hint = getInlayHints(snapshotOf(text, { targetRelease: '3.1' })).find((h) => h.label.toString().includes('TLSv1 '))!;
    assert.equal(hint.label, 'default: SSLv2 Off, SSLv3 Off, TLSv1 On, TLSv1.1 On');
    const tip = (hint.tooltip as MarkupContent).value;
    assert.match(tip, /- `SSLv3 Off`\n {2}- not for TTLSRule 'Legacy': it gets `On` from TTLSConnectionAdvancedParms in TTLSConnectionAction c\n/);
    assert.match(tip, /- `TLSv1 On`[^\n]*\n {2}- not for TTLSRule 'Legacy': it gets `Off` from TTLSConnectionAdvancedParms in TTLSConnectionAction c\n/);
    // When every rule gets the value from elsewhere, the block shows no default for it.
    const only = text.replace('TTLSRule Plain', 'TTLSRule Plain2').replace('  TTLSEnvironmentActionRef e\n}\nTTLSRule Legacy', '  TTLSEnvironmentActionRef e\n  TTLSConnectionActionRef c\n}\nTTLSRule Legacy');
    const hint2 = getInlayHints(snapshotOf(only, { targetRelease: '3.1' })).find((h) => h.label.toString().startsWith('default: SSLv2'))!;
    assert.equal(hint2.label, 'default: SSLv2 Off');
  });
});

describe('service: catalogue texts of the corrected facts', () => {
  const ADV = 'TTLSEnvironmentAdvancedParms adv\n{\n  HandshakeTimeout 10\n  ResetCipherTimer 60\n}\n';

  it('HandshakeTimeout: the start interval is the value on the listening side and five times it on the connecting side; only it gives 5004', () => {
    const v = hover(cursor(ADV, 'HandshakeTimeout', 2));
    assert.match(v, /within the value on the listening \(accepting\) side, and within five times the value on the side that opened the connection/);
    assert.match(v, /only start-interval timeouts give return code 5004/);
  });

  it('ResetCipherTimer: says both units IBM gives, plainly', () => {
    const v = hover(cursor(ADV, 'ResetCipherTimer', 2));
    assert.match(v, /IBM's IP Configuration Guide says 1-1440 seconds, while the statement reference attls follows says minutes/);
    assert.match(v, /could not be checked/);
    const conn = hover(cursor('TTLSConnectionAdvancedParms c\n{\n  ResetCipherTimer 60\n}\n', 'ResetCipherTimer', 2));
    assert.match(conn, /seconds in one book and minutes in another/);
  });

  it('V2 ciphers are named as IBM writes them (TLS_...), and an SSL_ name is said to be the same cipher', () => {
    const alias = hover(cursor('TTLSCipherParms p\n{\n  V2CipherSuites SSL_RC4_128_WITH_MD5\n}\n', 'SSL_RC4', 2));
    assert.match(alias, /^\*\*TLS_RC4_128_WITH_MD5\*\*/);
    assert.match(alias, /code `1`/);
    assert.match(alias, /another spelling of it/);
    const codes = hover(cursor('TTLSCipherParms p\n{\n  V2CipherSuites 17\n}\n', ' 17', 2));
    assert.match(codes, /- `1` TLS_RC4_128_WITH_MD5\n- `7` TLS_DES_192_EDE3_CBC_WITH_MD5/);
    assert.match(codes, /recalled/);
  });

  it('DayOfMonthMask: a day counts when either half has it', () => {
    const v = hover(cursor('IpTimeCondition t\n{\n  DayOfMonthMask 1\n}\n', 'DayOfMonthMask', 2));
    assert.match(v, /A day is in effect when its bit is 1 in either half/);
  });
});
