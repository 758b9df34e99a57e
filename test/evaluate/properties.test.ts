// Properties: guarantees decided over every connection of a space (packages/evaluate/src/properties*.ts).
//  - fixed policies whose answer is known: a counterexample that only one job-name class reaches,
//    rules that cover a space only together, time windows, lower-case patterns;
//  - generated policies and properties (fixed seed): every counterexample lies in the space and,
//    given to `attls match` (in process, and the CLI for a share of them), gets exactly the rule,
//    verdict and reason reported; every property that holds is kept by random connections of its
//    space.
import assert from 'node:assert/strict';
import {
  checkProperty,
  connectionFields,
  contains,
  expectJudge,
  explainMatch,
  firstMatchScan,
  has,
  isSecured,
  readCaseFile,
  readConnection,
  readSpace,
  readTime,
  type Box,
  type CompiledPolicy,
  type Connection,
  type Property,
  type PropertyExpect,
  type Space,
} from '@attls/evaluate';
import { random } from '../support/random.js';
import { ACTIONS, attls, policyOf, rule } from './helpers.js';

function space(fields: Record<string, unknown>): Space {
  const r = readSpace(fields);
  if (!r.space) throw new Error(`bad test space: ${r.problems.join('; ')}`);
  return r.space;
}

const prop = (fields: Record<string, unknown>, expect: Partial<PropertyExpect>): Property => ({ name: 'p', space: space(fields), expect: { settings: {}, ...expect } });

/** What `attls match` answers for the counterexample's fields, read back as text. */
function matchOf(policy: CompiledPolicy, c: Connection): ReturnType<typeof explainMatch> {
  const fields = Object.fromEntries(Object.entries(connectionFields(c)).map(([k, v]) => [k, String(v)]));
  const r = readConnection(fields);
  assert.ok(r.connection, `the counterexample reads back: ${r.problems.join('; ')}`);
  return explainMatch(policy, r.connection);
}

describe('evaluate: properties', () => {
  it('a counterexample that only one job-name class reaches', () => {
    // The patterns cut job names into APPXY, APPX* but APPXY, APP* but APPX*, and the rest; only
    // the second class reaches the rule in the clear.
    const policy = policyOf(
      [
        rule('Exact', ['LocalPortRange 443', 'Jobname APPXY', 'Direction Inbound', 'Priority 40']),
        rule('Clear', ['LocalPortRange 443', 'Jobname APPX*', 'Direction Inbound', 'Priority 30'], 'gOff'),
        rule('Apps', ['LocalPortRange 443', 'Jobname APP*', 'Direction Inbound', 'Priority 20']),
        rule('Rest', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10']),
        ACTIONS,
      ].join('\n'),
    );
    const r = checkProperty(policy, prop({ direction: 'inbound', local_port: 443 }, { secured: true }));
    assert.equal(r.passed, false);
    const c = r.counterexample!;
    assert.equal(c.rule?.name, 'Clear');
    assert.equal(c.secured, false);
    assert.ok(c.connection.jobname!.startsWith('APPX') && c.connection.jobname !== 'APPXY', c.connection.jobname);
    // One region per address family, both in that class.
    assert.equal(r.failingRegions, 2);
    assert.equal(matchOf(policy, c.connection).result.rule?.name, 'Clear');
    // Names a case file would list (the exact job, a job of each pattern) all pass.
    for (const job of ['APPXY', 'APP1', 'OTHER']) assert.ok(isSecured(matchOf(policy, { direction: 'inbound', localPort: 443, jobname: job }).result.rule), job);
    // The classes on either side hold.
    assert.equal(checkProperty(policy, prop({ direction: 'inbound', local_port: 443, jobname: 'APPXY' }, { secured: true })).passed, true);
    assert.equal(checkProperty(policy, prop({ direction: 'inbound', local_port: 443, jobname: ['APP1*', 'APPY*', 'B*'] }, { secured: true })).passed, true);
  });

  it('rules that cover a space only together make it hold; the gap between them is the counterexample', () => {
    const policy = policyOf([rule('Low', ['LocalPortRange 1-100', 'Direction Inbound', 'Priority 2']), rule('High', ['LocalPortRange 102-200', 'Direction Both', 'Priority 1']), ACTIONS].join('\n'));
    assert.equal(checkProperty(policy, prop({ direction: 'inbound', local_port: ['1-100', '102-200'] }, { secured: true })).passed, true);
    const r = checkProperty(policy, prop({ direction: 'inbound', local_port: '1-200' }, { secured: true }));
    assert.equal(r.passed, false);
    assert.equal(r.counterexample!.connection.localPort, 101);
    assert.equal(r.counterexample!.rule, undefined);
    assert.equal(r.counterexample!.reason, 'no rule matches, so AT-TLS does not secure it');
  });

  it('rule and settings expectations are judged on the effective settings of each region', () => {
    const text = `${rule('Web', ['LocalPortRange 443', 'Direction Inbound', 'Priority 5'])}
TTLSRule Old
{
  LocalPortRange 8443
  Direction Inbound
  Priority 4
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eOld
}
TTLSEnvironmentAction eOld
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring RING
  }
  TTLSEnvironmentAdvancedParms
  {
    TLSv1 On
  }
}
${ACTIONS}`;
    const policy = policyOf(text);
    const r = checkProperty(policy, prop({ direction: 'inbound', local_port: [443, 8443] }, { settings: { TLSv1: 'On' } }));
    // eAny leaves TLSv1 to the default of z/OS 3.1 (On), so both hold; Off fails on both.
    assert.equal(r.passed, true);
    const off = checkProperty(policy, prop({ direction: 'inbound', local_port: [443, 8443] }, { settings: { TLSv1: 'Off' } }));
    assert.equal(off.counterexample?.rule?.name, 'Web');
    assert.match(off.counterexample!.reason, /^TLSv1: expected Off, got On \(from default\)$/);
    const named = checkProperty(policy, prop({ direction: 'inbound', local_port: '440-443' }, { rule: 'Web' }));
    assert.equal(named.counterexample?.connection.localPort, 440);
    assert.equal(named.counterexample?.rule, undefined);
    assert.equal(named.counterexample?.reason, 'gets no rule, expected Web');
    // An unsecured connection fails a property that expects settings.
    const clear = checkProperty(policy, prop({ direction: 'outbound' }, { settings: { TLSv1: 'Off' } }));
    assert.match(clear.counterexample!.reason, /settings apply only to secured connections/);
  });

  it('time: every moment is decided, and the counterexample carries a moment at which it fails', () => {
    const text = `TTLSRule Office
{
  LocalPortRange 443
  Direction Inbound
  Priority 10
  IpTimeCondition
  {
    DayOfWeekMask 0111110
    TimeOfDayRange 08:00-18:00
  }
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eAny
}
${rule('Clear', ['LocalPortRange 443', 'Direction Inbound', 'Priority 5'], 'gOff')}
${ACTIONS}`;
    const policy = policyOf(text);
    const r = checkProperty(policy, prop({ direction: 'inbound', local_port: 443 }, { secured: true }));
    assert.equal(r.passed, false);
    const c = r.counterexample!;
    assert.equal(c.rule?.name, 'Clear');
    assert.ok(c.connection.time, 'the counterexample names a moment');
    const at = matchOf(policy, c.connection);
    assert.equal(at.result.rule?.name, 'Clear');
    // Without the moment, attls match takes Office to be in effect: the moment is needed.
    assert.equal(explainMatch(policy, { ...c.connection, time: undefined }).result.rule?.name, 'Office');
    // At a fixed moment inside the window it holds; on a Sunday it does not.
    assert.equal(checkProperty(policy, prop({ direction: 'inbound', local_port: 443, time: '2025-03-04T10:00' }, { secured: true })).passed, true);
    const sunday = checkProperty(policy, prop({ direction: 'inbound', local_port: 443, time: '2025-03-02T10:00' }, { secured: true }));
    assert.equal(sunday.counterexample?.connection.time?.text, '2025-03-02T10:00');
  });

  it('time: combinations of windows that never occur together are not counterexamples', () => {
    // Day and Night never hold at once, and one of them always does: every moment is secured.
    const text = `TTLSRule Day
{
  LocalPortRange 443
  Direction Inbound
  Priority 10
  IpTimeCondition
  {
    TimeOfDayRange 06:00-20:00
  }
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eAny
}
TTLSRule Night
{
  LocalPortRange 443
  Direction Inbound
  Priority 9
  IpTimeCondition
  {
    TimeOfDayRange 20:00-06:00
  }
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eAny
}
${ACTIONS}`;
    const r = checkProperty(policyOf(text), prop({ direction: 'inbound', local_port: 443 }, { secured: true }));
    assert.equal(r.passed, true, JSON.stringify(r.counterexample && connectionFields(r.counterexample.connection)));
  });

  it('too many combinations of time windows to try: undecided, never guessed; a fixed moment decides it', () => {
    const windows = Array.from({ length: 30 }, (_, i) => `TTLSRule T${i}
{
  LocalPortRange ${100 + i}
  Direction Inbound
  Priority ${i + 10}
  IpTimeCondition
  {
    DayOfWeekMask 0111110
    DayOfMonthMask ${'1'.repeat(i % 31)}${'0'.repeat(31 - (i % 31))}
    TimeOfDayRange ${String(i % 24).padStart(2, '0')}:00-${String((i + 1) % 24).padStart(2, '0')}:30
  }
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eAny
}`);
    const policy = policyOf([...windows, ACTIONS].join('\n'));
    const r = checkProperty(policy, prop({ direction: 'inbound', local_port: '100-129' }, { secured: true }));
    assert.equal(r.passed, false);
    assert.match(r.undecided ?? '', /too many combinations to try every moment .*give a time in "for"/);
    // A space no time-limited rule meets is still decided.
    assert.equal(checkProperty(policy, prop({ direction: 'outbound' }, { rule: null })).passed, true);
    const fixed = checkProperty(policy, prop({ direction: 'inbound', local_port: '100-129', time: '2025-03-03T01:00' }, { secured: true }));
    assert.equal(fixed.undecided, undefined);
    assert.equal(fixed.passed, false);
  });

  it('names are upper case: a lower-case pattern matches no real connection', () => {
    const text = [rule('Lower', ['LocalPortRange 23', 'Jobname tn3270*', 'Direction Inbound', 'Priority 3']), rule('Upper', ['LocalPortRange 23', 'Jobname TN3270*', 'Direction Inbound', 'Priority 2'], 'gOff'), ACTIONS].join('\n');
    const policy = policyOf(text);
    const r = checkProperty(policy, prop({ direction: 'inbound', local_port: 23, jobname: 'tn3270*' }, { rule: 'Lower' }));
    assert.equal(r.passed, false);
    assert.equal(r.counterexample?.rule?.name, 'Upper');
    assert.equal(r.counterexample?.connection.jobname, 'TN3270');
    assert.equal(matchOf(policy, r.counterexample!.connection).result.rule?.name, 'Upper');
    // Over every name, Lower's region holds only lower-case names: no connection, so no failure.
    const clear = policyOf([text, rule('Rest', ['LocalPortRange 23', 'Direction Inbound', 'Priority 1'], 'gOff')].join('\n'));
    const all = checkProperty(clear, prop({ direction: 'inbound', local_port: 23 }, { secured: false }));
    assert.equal(all.passed, true, all.counterexample?.reason);
  });

  it('reading "for": ranges, prefixes, lists and patterns; problems name the field', () => {
    const s = space({ direction: 'outbound', remote_addr: ['10.0.0.0/8', '2001:db8::1-2001:db8::9'], remote_port: '443, 8443', jobname: 'cics*' });
    assert.deepEqual(s.boxes.map((b) => [b.fam, b.dir, b.rp.map((i) => [i.lo, i.hi])]), [
      [4, 2, [[443n, 443n], [8443n, 8443n]]],
      [6, 2, [[443n, 443n], [8443n, 8443n]]],
    ]);
    assert.ok(has(s.boxes[0]!.job, 'CICSP01') && !has(s.boxes[0]!.job, 'cicsp01'));
    // The IPv6 side never holds IPv4-mapped addresses: those are IPv4 connections.
    const all = space({});
    assert.ok(!contains(all.boxes[1]!.la, 0xffff0a000001n) && contains(all.boxes[1]!.la, 0xfffe0a000001n));
    const bad = (f: Record<string, unknown>): string[] => readSpace(f).problems;
    assert.deepEqual(bad({ direction: 'sideways' }), ["direction: 'sideways' is not a direction (inbound, outbound or both)"]);
    assert.match(bad({ local_port: '99999' })[0]!, /^local_port: /);
    assert.match(bad({ jobname: 'A*B' })[0]!, /^jobname: /);
    assert.match(bad({ port: 1 })[0]!, /^unknown field 'port'/);
    assert.match(bad({ local_addr: '10.0.0.1', remote_addr: '2001:db8::1' })[0]!, /^no connection has these fields: local and remote addresses must be of one family/);
    assert.match(bad({ local_addr: '::ffff:10.0.0.1' })[0]!, /^no connection has these fields/);
    assert.match(bad({ time: 'noon' })[0]!, /^time: 'noon' is not a time/);
  });

  it('case files: properties beside or instead of cases, with their problems', () => {
    const ok = readCaseFile({ policy: 'p.ttls', properties: [{ name: 'x', for: { direction: 'inbound' }, expect: { secured: true } }] });
    assert.equal(ok.file?.properties.length, 1);
    assert.equal(ok.file?.cases.length, 0);
    const problems = (doc: unknown): string[] => readCaseFile(doc).problems;
    assert.deepEqual(problems({ policy: 'p.ttls' }), ['the case file needs a non-empty "cases" or "properties" list']);
    assert.deepEqual(problems({ properties: [{ name: 'x', for: { direction: 'in' }, expect: {} }] }), ['property 1 (x): "expect" must give rule, secured and/or settings']);
    assert.deepEqual(problems({ properties: [{ name: 'x', for: { local_port: 'x' }, expect: { secured: true }, extra: 1 }] }), [
      "property 1: unknown key 'extra' (expected name, for, expect)",
      "property 1 (x): for: local_port: 'x' is not a port (0-65535) or a port range such as 1024-65535",
    ]);
    assert.deepEqual(problems({ properties: [{ name: 'x', expect: { settings: { TLSv9: 'On' } } }] }), ["property 1 (x): unknown setting 'TLSv9'"]);
  });
});

// --- generated policies and properties ------------------------------------------------------------

const POLICIES = 400;
const PROPERTIES = 6;
const SAMPLES = 40;
const NAMES = ['A', 'AB', 'ABC', 'ABD', 'B', 'BA', 'C', 'Z9', 'ABCDEFGH'];
const PATTERNS = ['A*', 'AB*', 'ABC', 'AB', 'B*', '*', 'Z9', 'ABD*', 'ab*'];
const TIMES = ['2025-03-01T12:00', '2025-03-03T09:00', '2025-03-04T20:30', '2025-03-05T05:00', '2025-03-02T23:59'];
const ENVS = ['eOld', 'eNew', 'eAny'];

type Rnd = () => number;
const int = (rnd: Rnd, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[int(rnd, xs.length)]!;

const GENERATED_ACTIONS = `${ACTIONS}
TTLSEnvironmentAction eOld
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring RING
  }
  TTLSEnvironmentAdvancedParms
  {
    TLSv1 On
    TLSv1.2 On
  }
}
TTLSEnvironmentAction eNew
{
  HandshakeRole Client
  TTLSKeyringParms
  {
    Keyring RING
  }
  TTLSEnvironmentAdvancedParms
  {
    TLSv1 Off
    TLSv1.1 Off
    TLSv1.2 On
  }
}
TTLSConnectionAction cApp
{
  TTLSConnectionAdvancedParms
  {
    ApplicationControlled On
    TLSv1 Off
  }
}
`;

function addr(rnd: Rnd, fam: 4 | 6): string {
  const x = int(rnd, 12);
  if (fam === 6) return pick(rnd, [`2001:db8::${x.toString(16)}`, `2001:db8::/${pick(rnd, [124, 126])}`, `2001:db8::${x.toString(16)}-2001:db8::${(x + int(rnd, 4)).toString(16)}`]);
  return pick(rnd, [`10.0.0.${x}`, `10.0.0.${pick(rnd, [0, 4, 8])}/${pick(rnd, [29, 30])}`, `10.0.0.${x}-10.0.0.${x + int(rnd, 4)}`]);
}

function ports(rnd: Rnd): string {
  const x = 1 + int(rnd, 18);
  return rnd() < 0.5 ? String(x) : `${x}-${x + int(rnd, 6)}`;
}

function randomPolicy(rnd: Rnd): { text: string; names: string[] } {
  const n = 1 + int(rnd, 10);
  const out: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${pick(rnd, ['r', 'R', 'Ra'])}${i}`;
    names.push(name);
    const fam: 4 | 6 = rnd() < 0.75 ? 4 : 6;
    const lines: string[] = [];
    if (rnd() < 0.3) lines.push(`LocalAddr ${addr(rnd, fam)}`);
    if (rnd() < 0.3) lines.push(`RemoteAddr ${addr(rnd, fam)}`);
    if (rnd() < 0.6) lines.push(`LocalPortRange ${ports(rnd)}`);
    if (rnd() < 0.4) lines.push(`RemotePortRange ${ports(rnd)}`);
    if (rnd() < 0.4) lines.push(`Jobname ${pick(rnd, PATTERNS)}`);
    if (rnd() < 0.25) lines.push(`Userid ${pick(rnd, PATTERNS)}`);
    lines.push(`Direction ${pick(rnd, ['Inbound', 'Outbound', 'Both'])}`);
    if (rnd() < 0.8) lines.push(`Priority ${pick(rnd, [1, 2, 3, 5, 10])}`);
    if (rnd() < 0.12) {
      const mask = rnd() < 0.5 ? `    DayOfWeekMask ${pick(rnd, ['0111110', '1000001'])}\n` : '';
      const hours = mask === '' || rnd() < 0.5 ? `    TimeOfDayRange ${pick(rnd, ['08:00-18:00', '20:00-06:00'])}\n` : '';
      lines.push(`IpTimeCondition\n  {\n${mask}${hours}  }`);
    }
    const off = rnd() < 0.25;
    lines.push(`TTLSGroupActionRef ${off ? 'gOff' : 'gOn'}`);
    if (!off) lines.push(`TTLSEnvironmentActionRef ${pick(rnd, ENVS)}`);
    if (!off && rnd() < 0.2) lines.push('TTLSConnectionActionRef cApp');
    out.push(`TTLSRule ${name}\n{\n${lines.map((l) => `  ${l}`).join('\n')}\n}`);
  }
  return { text: [...out, GENERATED_ACTIONS].join('\n'), names };
}

function randomProperty(rnd: Rnd, names: readonly string[]): { fields: Record<string, unknown>; expect: PropertyExpect } {
  const fields: Record<string, unknown> = {};
  if (rnd() < 0.7) fields['direction'] = pick(rnd, ['inbound', 'outbound', 'both']);
  if (rnd() < 0.5) fields['local_port'] = rnd() < 0.7 ? ports(rnd) : [ports(rnd), ports(rnd)];
  if (rnd() < 0.3) fields['remote_port'] = ports(rnd);
  if (rnd() < 0.3) fields['local_addr'] = addr(rnd, rnd() < 0.7 ? 4 : 6);
  if (rnd() < 0.3) fields['jobname'] = pick(rnd, ['A*', 'AB*', 'B*', 'ABC', 'Z*']);
  if (rnd() < 0.2) fields['userid'] = pick(rnd, ['A*', 'B*', 'AB']);
  if (rnd() < 0.15) fields['time'] = pick(rnd, TIMES);
  const expect = pick<PropertyExpect>(rnd, [
    { secured: true, settings: {} },
    { secured: false, settings: {} },
    { rule: pick(rnd, names), settings: {} },
    { rule: null, settings: {} },
    { settings: { TLSv1: 'Off' } },
    { secured: true, settings: { 'TLSv1.2': 'On', HandshakeRole: 'Server' } },
    { settings: { ApplicationControlled: 'Off' } },
  ]);
  return { fields, expect };
}

function pickIn(rnd: Rnd, s: Box['la']): bigint {
  const i = pick(rnd, s);
  const span = i.hi - i.lo;
  const off = span > 64n ? BigInt(int(rnd, 64)) : BigInt(int(rnd, Number(span) + 1));
  return rnd() < 0.5 ? i.lo + off : i.hi - off;
}

/** A random real connection of the space, or undefined when the pool of names misses its names. */
function connectionIn(rnd: Rnd, s: Space): Connection | undefined {
  const b = pick(rnd, s.boxes);
  const jobs = NAMES.filter((n) => has(b.job, n));
  const users = NAMES.filter((n) => has(b.user, n));
  if (jobs.length === 0 || users.length === 0) return undefined;
  const dirs = [b.dir & 1 ? 'inbound' : undefined, b.dir & 2 ? 'outbound' : undefined].filter((d): d is 'inbound' | 'outbound' => !!d);
  let la = pickIn(rnd, b.la);
  let ra = pickIn(rnd, b.ra);
  // Addresses near the policy's own, so that the samples meet the rules.
  const near = b.fam === 4 ? 0x0a000000n : 0x20010db8000000000000000000000000n;
  if (rnd() < 0.7 && contains(b.la, near + (la & 15n))) la = near + (la & 15n);
  if (rnd() < 0.7 && contains(b.ra, near + (ra & 15n))) ra = near + (ra & 15n);
  return {
    direction: pick(rnd, dirs),
    localAddr: { family: b.fam, value: la },
    remoteAddr: { family: b.fam, value: ra },
    localPort: Number(pickIn(rnd, b.lp)),
    remotePort: Number(pickIn(rnd, b.rp)),
    jobname: pick(rnd, jobs),
    userid: pick(rnd, users),
    time: s.time ?? readTime(pick(rnd, TIMES))!,
  };
}

/** Whether a connection lies in one of the space's boxes (and at its moment, when it fixes one). */
function inSpace(s: Space, c: Connection): boolean {
  if (s.time && c.time?.text !== s.time.text) return false;
  const bit = c.direction === 'inbound' ? 1 : 2;
  return s.boxes.some(
    (b) =>
      (b.dir & bit) !== 0 &&
      b.fam === c.localAddr!.family &&
      b.fam === c.remoteAddr!.family &&
      contains(b.la, c.localAddr!.value) &&
      contains(b.ra, c.remoteAddr!.value) &&
      contains(b.lp, BigInt(c.localPort!)) &&
      contains(b.rp, BigInt(c.remotePort!)) &&
      has(b.job, c.jobname!) &&
      has(b.user, c.userid!),
  );
}

describe('evaluate: properties over generated policies (fixed seed)', function () {
  this.timeout(300_000);

  it(`every counterexample is confirmed by attls match and every property that holds survives sampling (${POLICIES} policies x ${PROPERTIES} properties)`, async () => {
    const rnd = random(20260420);
    const stats = { holds: 0, fails: 0, timed: 0, ipv6: 0, noRule: 0, cli: 0, samples: 0 };
    for (let p = 0; p < POLICIES; p++) {
      const { text, names } = randomPolicy(rnd);
      const policy = policyOf(text);
      for (let k = 0; k < PROPERTIES; k++) {
        const { fields, expect } = randomProperty(rnd, names);
        const r = readSpace(fields);
        if (!r.space) continue;
        const property: Property = { name: `p${k}`, space: r.space, expect };
        const result = checkProperty(policy, property);
        const judge = expectJudge(policy, expect);
        const where = `policy ${p}, property ${JSON.stringify(fields)} expecting ${JSON.stringify(expect)}\n${text}`;
        assert.equal(result.undecided, undefined, where);
        if (result.passed) {
          stats.holds++;
          assert.equal(result.failingRegions, 0);
          for (let i = 0; i < SAMPLES; i++) {
            const c = connectionIn(rnd, r.space);
            if (!c) continue;
            stats.samples++;
            const got = firstMatchScan(policy, c);
            assert.equal(judge(got), undefined, `a connection of a holding property breaks it: ${JSON.stringify(connectionFields(c))} gets ${got?.name}\n${where}`);
          }
          continue;
        }
        stats.fails++;
        const c = result.counterexample!;
        assert.ok(result.failingRegions >= 1 && result.failingRegions <= result.regions, where);
        assert.ok(inSpace(r.space, c.connection), `the counterexample ${JSON.stringify(connectionFields(c.connection))} lies in the space\n${where}`);
        const answer = matchOf(policy, c.connection);
        assert.equal(answer.result.rule, c.rule, `attls match gives the reported rule for ${JSON.stringify(connectionFields(c.connection))}\n${where}`);
        assert.equal(isSecured(answer.result.rule), c.secured, where);
        assert.equal(judge(answer.result.rule), c.reason, where);
        if (c.connection.time && !fields['time']) stats.timed++;
        if (c.connection.localAddr?.family === 6) stats.ipv6++;
        if (!c.rule) stats.noRule++;
        // The command line too, for a share of them: the same rule and verdict in its JSON.
        if (stats.fails % 25 === 1) {
          const argv = ['match', 'policy.ttls', '--format', 'json'];
          for (const [key, v] of Object.entries(connectionFields(c.connection))) argv.push(`--${key.replace('_', '-')}`, String(v));
          const cli = await attls(argv, { 'policy.ttls': text });
          assert.equal(cli.status, 0, cli.err);
          const json = JSON.parse(cli.out) as { rule: { name: string } | null; secured: boolean };
          assert.equal(json.rule?.name ?? null, c.rule?.name ?? null, where);
          assert.equal(json.secured, c.secured, where);
          stats.cli++;
        }
      }
    }
    const seen = JSON.stringify(stats);
    assert.ok(stats.holds > 100 && stats.fails > 500, `enough of both outcomes: ${seen}`);
    assert.ok(stats.timed > 5, `counterexamples that need a moment: ${seen}`);
    assert.ok(stats.ipv6 > 20 && stats.noRule > 50 && stats.cli > 20, seen);
    assert.ok(stats.samples > 2000, seen);
  });
});
