// Shadowing and overlap analysis, the name sets it rests on, and the three lint rules built on it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analysePolicy,
  compilePolicy,
  countNames,
  has,
  intersectNames,
  isSubsetNames,
  NAME_ALPHABET,
  OverlapFinder,
  patternSet,
  sampleName,
  subtractNames,
  type NameSet,
} from '@attls/evaluate';
import { lintText, RULES } from '@attls/lint';
import { repoRoot, seedsDir } from '../support/shared.js';
import { ACTIONS, modelOf, rule } from './helpers.js';

const pat = (p: string): NameSet => patternSet(p.replace(/\*$/, ''), p.endsWith('*'));

function status(text: string): Record<string, string> {
  const a = analysePolicy(modelOf(text));
  return Object.fromEntries(a.rules.map((r) => [r.rule.name, r.status]));
}

function codes(text: string, code: string): { line: number; message: string; messageId?: string; related: number }[] {
  const r = lintText('policy.ttls', text);
  return r.diagnostics
    .filter((d) => d.code === code)
    .map((d) => ({ line: r.lineIndex.positionAt(d.span.start).line + 1, message: d.message, messageId: d.messageId, related: d.related?.length ?? 0 }));
}

describe('evaluate: job name and user ID sets', () => {
  it('P* contains Q* exactly when Q starts with P; names likewise', () => {
    assert.ok(isSubsetNames(pat('APPX*'), pat('APP*')));
    assert.ok(!isSubsetNames(pat('APP*'), pat('APPX*')));
    assert.ok(isSubsetNames(pat('APPX1'), pat('APP*')));
    assert.ok(isSubsetNames(pat('APP'), pat('APP*')));
    assert.ok(!isSubsetNames(pat('AP'), pat('APP*')));
    assert.ok(isSubsetNames(pat('ANY'), pat('*')));
    assert.ok(!isSubsetNames(pat('*'), pat('A*')));
  });

  it('differences are exact: APP* minus APPX* keeps APP and APPY but not APPX1', () => {
    const d = subtractNames(pat('APP*'), pat('APPX*'));
    assert.ok(has(d, 'APP') && has(d, 'APPY') && !has(d, 'APPX1'));
    assert.equal(intersectNames(d, pat('APPX*')).length, 0);
    assert.ok(has(subtractNames(pat('*'), pat('A*')), 'B'));
  });

  it('a prefix covered by all its continuations one by one is recognised as covered', () => {
    // ABCDEFG* = ABCDEFG plus ABCDEFG followed by any one character (names are at most 8 long).
    let rest = subtractNames(pat('ABCDEFG*'), pat('ABCDEFG'));
    for (const c of NAME_ALPHABET) {
      assert.ok(countNames(rest) > 0);
      rest = subtractNames(rest, pat(`ABCDEFG${c}`));
    }
    assert.equal(rest.length, 0);
  });

  it('samples a member that avoids the exclusions', () => {
    const d = subtractNames(pat('MON*'), [...pat('MON'), ...pat('MONA*')]);
    const s = sampleName(d)!;
    assert.ok(has(d, s) && s.startsWith('MON') && s !== 'MON' && !s.startsWith('MONA'));
  });
});

describe('evaluate: shadow analysis', () => {
  it('a rule covered by one rule ahead is shadowed; a wider one is reachable', () => {
    const s = status(
      rule('Wide', ['RemotePortRange 9000-9010', 'Direction Outbound', 'Priority 200'], 'gOff') +
        rule('Inside', ['RemotePortRange 9005', 'Jobname MONAGT*', 'Direction Outbound', 'Priority 100']) +
        rule('Outside', ['RemotePortRange 9005-9011', 'Direction Outbound', 'Priority 50']) +
        ACTIONS,
    );
    assert.deepEqual(s, { Wide: 'reachable', Inside: 'shadowed', Outside: 'reachable' });
  });

  it('several rules together can shadow a rule that none covers alone', () => {
    const text =
      rule('LowPorts', ['LocalPortRange 1-499', 'Direction Both', 'Priority 30']) +
      rule('HighPorts', ['LocalPortRange 500-65535', 'Direction Inbound', 'Priority 20']) +
      rule('OutHigh', ['LocalPortRange 400-65535', 'Direction Outbound', 'Priority 15']) +
      rule('Everything', ['Jobname *', 'Direction Both', 'Priority 10']) +
      ACTIONS;
    const a = analysePolicy(modelOf(text));
    const every = a.rules.find((r) => r.rule.name === 'Everything')!;
    assert.equal(every.status, 'shadowed');
    assert.deepEqual(
      every.takers.map((t) => t.rule.name),
      ['LowPorts', 'HighPorts', 'OutHigh'],
    );
    const found = codes(text, 'shadowed-rule');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.messageId, 'shadowedTogether');
    assert.equal(found[0]!.related, 3);
  });

  it('addresses: IPv4 and IPv6 are separate; groups cover by union', () => {
    const s = status(
      rule('V4a', ['LocalAddr 10.0.0.0/9', 'Direction Both', 'Priority 30']) +
        rule('V4b', ['LocalAddr 10.128.0.0-10.255.255.255', 'Direction Both', 'Priority 20']) +
        rule('Ten', ['LocalAddr 10.0.0.0/8', 'Direction Both', 'Priority 10']) +
        rule('AllAddr', ['LocalAddr All', 'Direction Both', 'Priority 5']) +
        ACTIONS,
    );
    assert.equal(s['Ten'], 'shadowed');
    assert.equal(s['AllAddr'], 'reachable');
  });

  it('job name patterns: APP* covers APPX* and APP1, not AP*', () => {
    const s = status(
      rule('App', ['Jobname APP*', 'Direction Both', 'Priority 30']) +
        rule('AppX', ['Jobname APPX*', 'Direction Both', 'Priority 20']) +
        rule('App1', ['Jobname APP1', 'Direction Both', 'Priority 15']) +
        rule('Ap', ['Jobname AP*', 'Direction Both', 'Priority 10']) +
        ACTIONS,
    );
    assert.deepEqual(s, { App: 'reachable', AppX: 'shadowed', App1: 'shadowed', Ap: 'reachable' });
  });

  it('a rule with an IpTimeCondition never counts as covering another', () => {
    const s = status(
      rule('Timed', ['LocalPortRange 443', 'Direction Inbound', 'Priority 20', 'IpTimeConditionRef t']) +
        rule('Plain', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10']) +
        'IpTimeCondition t\n{\n  TimeOfDayRange 08:00-18:00\n}\n' +
        ACTIONS,
    );
    assert.deepEqual(s, { Timed: 'reachable', Plain: 'reachable' });
  });

  it('a rule whose local and remote addresses are of different families can never match', () => {
    const text = rule('Mixed', ['LocalAddr 10.0.0.1', 'RemoteAddr 2001:db8::1', 'Direction Both']) + ACTIONS;
    assert.equal(status(text)['Mixed'], 'never');
    assert.equal(codes(text, 'shadowed-rule')[0]?.messageId, 'never');
  });

  it('reachable rules carry a witness connection that gets them', () => {
    const a = analysePolicy(modelOf(rule('A', ['LocalPortRange 1-100', 'Direction Inbound', 'Priority 2']) + rule('B', ['LocalPortRange 50-150', 'Direction Inbound', 'Priority 1']) + ACTIONS));
    const b = a.rules.find((r) => r.rule.name === 'B')!;
    assert.equal(b.status, 'reachable');
    assert.ok(b.witness!.localPort! > 100 && b.witness!.localPort! <= 150);
  });
});

describe('evaluate: OverlapFinder', () => {
  it('finds every rule sharing a connection with a rule, ahead or behind, and no other', () => {
    const text =
      rule('High', ['LocalPortRange 4000-4010', 'Direction Inbound', 'Priority 300']) +
      rule('Mid', ['LocalPortRange 4005', 'Direction Both', 'Priority 200']) +
      rule('OtherDir', ['LocalPortRange 4005', 'Direction Outbound', 'Priority 150']) +
      rule('Low', ['Jobname APP*', 'Direction Inbound', 'Priority 100']) +
      rule('V6', ['LocalAddr 2001:db8::1', 'LocalPortRange 4005', 'Direction Inbound', 'Priority 50']) +
      rule('Apart', ['LocalPortRange 5000', 'Direction Inbound', 'Priority 10']) +
      ACTIONS;
    const policy = compilePolicy(modelOf(text));
    const finder = new OverlapFinder(policy);
    const of = (name: string) => finder.of(policy.rules.find((r) => r.name === name)!).map((r) => r.name);
    assert.deepEqual(of('Mid'), ['High', 'OtherDir', 'Low', 'V6']);
    assert.deepEqual(of('High'), ['Mid', 'Low', 'V6']);
    assert.deepEqual(of('OtherDir'), ['Mid']);
    assert.deepEqual(of('Apart'), ['Low']);
  });
});

describe('lint: shadowed-rule, rule-overlap, order-by-name', () => {
  it('the example policy: MonitorLegacy is shadowed by MonitorExempt', () => {
    const text = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');
    const found = codes(text, 'shadowed-rule');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^Rule MonitorLegacy can never be reached: MonitorExempt \(priority 200, #4, TTLSEnabled Off\)/);
    assert.equal(codes(text, 'rule-overlap').length, 0);
    assert.equal(codes(text, 'order-by-name').length, 0);
  });

  it('seed 004: COLATTLS is shadowed by COLATTLJ because of name order', () => {
    const seed = readFileSync(join(seedsDir, '004_e22e79e67807c707.txt'), 'utf8').split('\n');
    const start = seed.findIndex((l) => l.startsWith('TTLSRule') && l.includes('COLATTLJ'));
    const end = seed.findIndex((l, i) => i > start && l.startsWith('Submitting a job'));
    const text = seed.slice(start, end).join('\n');
    const found = codes(text, 'shadowed-rule');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.messageId, 'byName');
    assert.match(found[0]!.message, /^Rule COLATTLS can never be reached: COLATTLJ .* only because its name sorts before COLATTLS at equal priority \(EBCDIC order assumed\)/);
    // Reported once: a shadowed rule is not also an order-by-name finding.
    assert.equal(codes(text, 'order-by-name').length, 0);
  });

  it('rule-overlap names the rule ahead, what it does and an example connection', () => {
    const text =
      rule('Broad', ['RemoteAddr 192.0.2.0/24', 'Direction Outbound', 'Priority 100']) +
      rule('ClearOld', ['RemoteAddr 192.0.2.0/25', 'RemotePortRange 7000-7999', 'Direction Outbound', 'Priority 200'], 'gOff') +
      ACTIONS;
    const found = codes(text, 'rule-overlap');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.messageId, 'exempted');
    assert.match(found[0]!.message, /^Rule Broad .* ClearOld \(priority 200\) leaves them not secured \(TTLSEnabled Off in gOff\), for example outbound, remote 192\.0\.2\.0, remote port 7000\.$/);
    // Same actions: no finding.
    assert.equal(codes(text.replace("'gOff'", "'gOn'").replace('TTLSGroupActionRef gOff', 'TTLSGroupActionRef gOn\n  TTLSEnvironmentActionRef eAny'), 'rule-overlap').length, 0);
  });

  it('order-by-name: equal priority overlap, and Priority 1 tied with no Priority (which counts as 1)', () => {
    const tie = rule('AppPort4000', ['LocalPortRange 4000', 'Direction Inbound']) + rule('AppStart1', ['Userid START1', 'Direction Inbound']) + ACTIONS;
    const found = codes(tie, 'order-by-name');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.messageId, 'equalPriority');
    assert.match(found[0]!.message, /only name order puts AppPort4000 first/);
    const one = rule('Zed', ['LocalPortRange 4000', 'Direction Inbound', 'Priority 1']) + rule('Able', ['Userid START1', 'Direction Inbound']) + ACTIONS;
    const f1 = codes(one, 'order-by-name');
    assert.equal(f1.length, 1);
    assert.equal(f1[0]!.messageId, 'equalPriority');
    assert.match(f1[0]!.message, /^Rules Able and Zed overlap and both count as Priority 1 \(Able codes none\): only name order puts Able first/);
  });

  it('suggestions set a Priority aligned with the other values, or remove the rule', () => {
    const text = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');
    const d = lintText('p.ttls', text).diagnostics.find((x) => x.code === 'shadowed-rule')!;
    assert.deepEqual(
      d.suggestions?.map((s) => s.title),
      ['Give MonitorLegacy Priority 201 so that it is tried first', 'Remove rule MonitorLegacy'],
    );
    const edit = d.suggestions![0]!.edits[0]!;
    assert.equal(text.slice(edit.span.start, edit.span.end), '100');
    assert.equal(edit.newText, '201');
    const seed = rule('X', ['LocalPortRange 1', 'Direction Inbound']) + rule('Y', ['LocalPortRange 1', 'Direction Inbound']) + ACTIONS;
    const s = lintText('p.ttls', seed).diagnostics.find((x) => x.code === 'shadowed-rule')!;
    const ins = s.suggestions![0]!.edits[0]!;
    assert.equal(ins.newText, '  Priority       2\n'); // value aligned with 'LocalPortRange 1'; 1 would tie with X
    const applied = seed.slice(0, ins.span.start) + ins.newText + seed.slice(ins.span.end);
    // Y now comes first, so X (same conditions, no Priority) is the one that is shadowed.
    assert.deepEqual(
      codes(applied, 'shadowed-rule').map((f) => f.message.slice(0, 36)),
      ['Rule X can never be reached: Y (prio'],
    );
  });
});

describe('lint rule docs for shadowed-rule, rule-overlap, order-by-name', () => {
  for (const id of ['shadowed-rule', 'rule-overlap', 'order-by-name']) {
    it(`docs/rules/${id}.md: summary, table, Avoid triggers, Prefer does not`, () => {
      const meta = RULES.find((r) => r.meta.id === id)?.meta;
      assert.ok(meta, `${id} is registered`);
      const page = readFileSync(join(repoRoot, 'docs', 'rules', `${id}.md`), 'utf8');
      const lines = page.split('\n');
      assert.equal(lines[0], `# ${id}`);
      assert.equal(lines[2], meta.description);
      assert.ok(page.includes(`| ${meta.category} | ${meta.defaultSeverity} | suggestion |`));
      const blocks = [...page.matchAll(/```attls\n([\s\S]*?)```/g)].map((m) => m[1]!);
      assert.equal(blocks.length, 2);
      assert.ok(codes(blocks[0]!, id).length > 0, 'Avoid triggers the rule');
      assert.equal(codes(blocks[1]!, id).length, 0, 'Prefer does not trigger it');
      for (const h of ['## Why it matters', '## Avoid', '## Prefer', '## Options', '## Fix']) assert.ok(page.includes(h), h);
    });
  }
});
