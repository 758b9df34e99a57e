// SuiteBProfile: the profile's suites replace every TTLSCipherParms of the rules under it (IBM), the
// coded lists are named as ignored, and `attls match` shows the profile's suites with the caveat
// that IBM does not list them per profile.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionsOfRule, effectiveSettings, ignoredCipherBlock, SUITE_B_SUITES, SUITE_B_SUITES_NOTE } from '@attls/evaluate';
import { repoRoot } from '../support/shared.js';
import { attls, modelOf, policyOf } from './helpers.js';

const FIXTURES = join(repoRoot, 'test', 'fixtures', 'rules', 'cipher-list-ignored');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** The fixture with SuiteBProfile 192 on the environment, with another profile value put in. */
const withProfile = (value: string): string => read('suite-b-environment.ttls').replace(/^( +SuiteBProfile) 192$/m, `$1 ${value}`);

describe('evaluate: SuiteBProfile', () => {
  for (const [value, codes] of [
    ['128', ['C02B']],
    ['128Min', ['C02B', 'C02C']],
    ['192', ['C02C']],
    ['192Min', ['C02C']],
    ['All', ['C02B', 'C02C']],
  ] as const) {
    it(`${value}: the cipher list in effect is the profile's, and every coded list is ignored`, () => {
      const p = policyOf(withProfile(value));
      const s = effectiveSettings(p.model, p.byName.get('SrvRule')!).find((x) => x.name === 'V3CipherSuites')!;
      assert.deepEqual(s.value, codes);
      assert.equal(s.source.kind === 'policy' && s.source.param.keyword.text, 'SuiteBProfile');
      assert.deepEqual(
        s.overridden?.map((o) => o.param.keyword.text),
        ['V3CipherSuites4Char', 'V3CipherSuites'],
      );
      assert.ok(s.notes?.includes(SUITE_B_SUITES_NOTE));
    });
  }

  it('Off leaves the coded list in force', () => {
    const p = policyOf(withProfile('Off'));
    const s = effectiveSettings(p.model, p.byName.get('SrvRule')!).find((x) => x.name === 'V3CipherSuites')!;
    assert.deepEqual(s.value, ['C02F', 'C030', '000A']);
    assert.equal(s.overridden, undefined);
  });

  it('the caveat shown with the suites names exactly the suites attls uses for each profile', () => {
    for (const [value, codes] of Object.entries(SUITE_B_SUITES)) {
      const label = value === 'all' ? 'All' : value.replace('min', 'Min');
      assert.ok(SUITE_B_SUITES_NOTE.includes(`${label}: ${codes.join(', ')}`), `${label} in the note`);
    }
    assert.match(SUITE_B_SUITES_NOTE, /not confirmed/);
  });

  it('a shared list is ignored for the rule under a profile and in force for the other', () => {
    const model = modelOf(read('shared-list-partly.ttls'));
    const block = model.statementsOf('TTLSCipherParms')[0]!;
    const ignored = ignoredCipherBlock(model, block)!;
    assert.deepEqual(ignored.ignoredFor.map((x) => [x.rule.name, x.profile.value]), [['SuiteBRule', 'All']]);
    assert.deepEqual(ignored.inForceFor.map((r) => r.name), ['PlainRule']);
    const plain = model.rules().find((r) => r.name === 'PlainRule')!;
    assert.equal(actionsOfRule(model, plain).environmentCipher, block);
  });

  it("a connection action's list is ignored under the environment's profile", () => {
    const model = modelOf(read('connection-list-under-profile.ttls'));
    const ignored = ignoredCipherBlock(model, model.statementsOf('TTLSCipherParms')[0]!)!;
    assert.deepEqual(ignored.ignoredFor.map((x) => x.profile.value), ['128Min']);
    assert.deepEqual(ignored.inForceFor, []);
  });

  it('attls match shows the profile suites, the ignored lines and that the mapping is not confirmed', async () => {
    const files = { 'p.ttls': read('suite-b-environment.ttls') };
    const text = await attls(['match', 'p.ttls', '--direction', 'inbound', '--local-port', '4000'], files);
    assert.equal(text.status, 0, text.err);
    assert.match(text.out, /V3CipherSuites +C02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 +TTLSEnvironmentAction ServerEnv, line 17/);
    assert.doesNotMatch(text.out, /C02F/);
    assert.match(text.out, /SuiteBProfile 192 \(line 17\): .*ignores the coded cipher lists V3CipherSuites4Char \(line 30\), V3CipherSuites \(line 32\)/);
    assert.match(text.out, /does not list their suites, so this mapping is not confirmed/);
    const json = await attls(['match', 'p.ttls', '--direction', 'inbound', '--local-port', '4000', '--format', 'json'], files);
    const a = JSON.parse(json.out) as { settings: Record<string, { value: string[]; names: string[] }>; notes: string[] };
    assert.deepEqual(a.settings['V3CipherSuites']!.value, ['C02C']);
    assert.deepEqual(a.settings['V3CipherSuites']!.names, ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384']);
    assert.ok(a.notes.includes(SUITE_B_SUITES_NOTE));
  });
});
