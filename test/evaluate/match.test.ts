// Matching: every condition form, evaluation order, TTLSEnabled Off, no match, and the seed story.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareEbcdic, explainMatch, firstMatchScan, matchScan, policyVerdict, type CompiledPolicy } from '@attls/evaluate';
import { seedsDir } from '../support/shared.js';
import { ACTIONS, conn, policyOf, rule } from './helpers.js';

function winner(policy: CompiledPolicy, fields: Parameters<typeof conn>[0]): string | null {
  return matchScan(policy, conn(fields)).rule?.name ?? null;
}

function lastDetail(policy: CompiledPolicy, fields: Parameters<typeof conn>[0], ruleName: string): string | undefined {
  return matchScan(policy, conn(fields)).trace.find((t) => t.rule.name === ruleName)?.detail;
}

describe('evaluate: condition forms', () => {
  it('LocalAddr: single address, prefix, range and All', () => {
    const p = policyOf(
      rule('A_single', ['LocalAddr 10.1.1.1', 'Direction Inbound', 'Priority 40']) +
        rule('B_prefix', ['LocalAddr 10.2.0.0/16', 'Direction Inbound', 'Priority 30']) +
        rule('C_range', ['LocalAddr 10.3.0.5-10.3.0.9', 'Direction Inbound', 'Priority 20']) +
        rule('D_all', ['LocalAddr All', 'LocalPortRange 7', 'Direction Inbound', 'Priority 10']) +
        ACTIONS,
    );
    assert.equal(winner(p, { direction: 'inbound', local_addr: '10.1.1.1', local_port: '1' }), 'A_single');
    assert.equal(winner(p, { direction: 'inbound', local_addr: '10.2.255.1', local_port: '1' }), 'B_prefix');
    assert.equal(winner(p, { direction: 'inbound', local_addr: '10.3.0.9', local_port: '1' }), 'C_range');
    assert.equal(winner(p, { direction: 'inbound', local_addr: '10.3.0.10', local_port: '1' }), null);
    assert.equal(winner(p, { direction: 'inbound', local_addr: '192.168.1.1', local_port: '7' }), 'D_all');
    assert.equal(lastDetail(p, { direction: 'inbound', local_addr: '10.3.0.10', local_port: '1' }, 'C_range'), 'LocalAddr 10.3.0.5-10.3.0.9 does not contain 10.3.0.10');
  });

  it('IPv4 conditions hold exactly on their ranges, edges of the address space included', () => {
    const p = policyOf(
      rule('R_set', ['RemoteAddrGroupRef edges', 'Direction Outbound']) +
        `
IpAddrGroup edges
{
  IpAddrSet
  {
    Range 0.0.0.0-0.0.0.3
  }
  IpAddr
  {
    Addr 10.0.0.7
  }
  IpAddrSet
  {
    Prefix 10.1.0.0/30
  }
  IpAddrSet
  {
    Range 172.16.0.250-172.16.1.5
  }
  IpAddrSet
  {
    Range 255.255.255.250-255.255.255.255
  }
}
` +
        ACTIONS,
    );
    const ranges = p.rules[0]!.remoteAddr!.v4;
    assert.equal(ranges.length, 5);
    const text = (v: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
    let checked = 0;
    for (const r of ranges) {
      for (const v of [r.lo - 1n, r.lo, r.lo + 1n, r.hi - 1n, r.hi, r.hi + 1n]) {
        if (v < 0n || v > 0xffffffffn) continue;
        const inside = ranges.some((x) => v >= x.lo && v <= x.hi);
        const c = { direction: 'outbound' as const, remote_addr: text(v) };
        assert.equal(firstMatchScan(p, conn(c))?.name ?? null, inside ? 'R_set' : null, text(v));
        assert.equal(winner(p, c), inside ? 'R_set' : null, text(v));
        checked++;
      }
    }
    assert.ok(checked >= 25);
  });

  it('RemoteAddr through IpAddr, IpAddrSet and IpAddrGroup with inline and referenced members', () => {
    const p = policyOf(
      rule('R_ref', ['RemoteAddrRef hostA', 'Direction Outbound', 'Priority 30']) +
        rule('R_set', ['RemoteAddrSetRef netB', 'Direction Outbound', 'Priority 20']) +
        rule('R_group', ['RemoteAddrGroupRef partners', 'Direction Outbound', 'Priority 10']) +
        `
IpAddr hostA
{
  Addr 192.0.2.1
}
IpAddrSet netB
{
  Range 192.0.2.10-192.0.2.19
}
IpAddrSet netC
{
  Prefix 2001:db8::/32
}
IpAddr hostD
{
  Addr 203.0.113.7
}
IpAddrGroup partners
{
  IpAddrRef hostD
  IpAddrSetRef netC
  IpAddr
  {
    Addr 198.51.100.1
  }
  IpAddrSet
  {
    Prefix 198.51.100.128/25
  }
}
` +
        ACTIONS,
    );
    assert.equal(winner(p, { direction: 'outbound', remote_addr: '192.0.2.1' }), 'R_ref');
    assert.equal(winner(p, { direction: 'outbound', remote_addr: '192.0.2.15' }), 'R_set');
    assert.equal(winner(p, { direction: 'outbound', remote_addr: '203.0.113.7' }), 'R_group');
    assert.equal(winner(p, { direction: 'outbound', remote_addr: '198.51.100.1' }), 'R_group');
    assert.equal(winner(p, { direction: 'outbound', remote_addr: '198.51.100.200' }), 'R_group');
    assert.equal(winner(p, { direction: 'outbound', remote_addr: '2001:db8:1::5' }), 'R_group');
    assert.equal(winner(p, { direction: 'outbound', remote_addr: '198.51.100.2' }), null);
    const d = lastDetail(p, { direction: 'outbound', remote_addr: '198.51.100.2' }, 'R_group');
    assert.match(d!, /^RemoteAddrGroupRef partners \(203\.0\.113\.7, 2001:db8::\/32, 198\.51\.100\.1, 198\.51\.100\.128\/25\) does not contain 198\.51\.100\.2$/);
  });

  it('IPv6 addresses and family separation', () => {
    const p = policyOf(rule('V6', ['LocalAddr 2001:db8::/48', 'Direction Both']) + rule('V4', ['LocalAddr 0.0.0.0/0', 'Direction Both']) + ACTIONS);
    assert.equal(winner(p, { direction: 'inbound', local_addr: '2001:db8:0:1::1' }), 'V6');
    assert.equal(winner(p, { direction: 'inbound', local_addr: '10.0.0.1' }), 'V4');
    assert.equal(winner(p, { direction: 'inbound', local_addr: '2001:db9::1' }), null);
    // An IPv4-mapped IPv6 address given for a connection is the IPv4 address it carries.
    assert.equal(winner(p, { direction: 'inbound', local_addr: '::ffff:10.0.0.1' }), 'V4');
    assert.match(lastDetail(p, { direction: 'inbound', local_addr: '2001:db9::1' }, 'V4')!, /has no IPv6 addresses/);
  });

  it('ports: n, n-m, n:m, "n m", 0, PortRangeRef and PortGroupRef', () => {
    const p = policyOf(
      rule('P1', ['LocalPortRange 21', 'Direction Inbound', 'Priority 60']) +
        rule('P2', ['LocalPortRange 1000-1009', 'Direction Inbound', 'Priority 50']) +
        rule('P3', ['LocalPortRange 2000:2009', 'Direction Inbound', 'Priority 45']) +
        rule('P4', ['LocalPortRange 3000 3009', 'Direction Inbound', 'Priority 40']) +
        rule('P5', ['LocalPortRangeRef web', 'Direction Inbound', 'Priority 30']) +
        rule('P6', ['RemotePortGroupRef admin', 'Direction Inbound', 'Priority 20']) +
        rule('P7', ['LocalPortRange 0', 'Jobname ANY', 'Direction Inbound', 'Priority 10']) +
        `
PortRange web
{
  Port 8080-8089
}
PortRange ssh
{
  Port 22
}
PortGroup admin
{
  PortRangeRef ssh
  PortRange
  {
    Port 9000-9001
  }
}
` +
        ACTIONS,
    );
    assert.equal(winner(p, { direction: 'inbound', local_port: '21' }), 'P1');
    assert.equal(winner(p, { direction: 'inbound', local_port: '1009' }), 'P2');
    assert.equal(winner(p, { direction: 'inbound', local_port: '2005' }), 'P3');
    assert.equal(winner(p, { direction: 'inbound', local_port: '3000' }), 'P4');
    assert.equal(winner(p, { direction: 'inbound', local_port: '8088' }), 'P5');
    assert.equal(winner(p, { direction: 'inbound', local_port: '5', remote_port: '22' }), 'P6');
    assert.equal(winner(p, { direction: 'inbound', local_port: '5', remote_port: '9001' }), 'P6');
    assert.equal(winner(p, { direction: 'inbound', local_port: '5', remote_port: '9002', jobname: 'ANY' }), 'P7');
    assert.equal(winner(p, { direction: 'inbound', local_port: '5', remote_port: '9002', jobname: 'OTHER' }), null);
    assert.equal(lastDetail(p, { direction: 'inbound', local_port: '22' }, 'P1'), 'LocalPortRange 21 does not match 22');
    assert.equal(lastDetail(p, { direction: 'inbound', local_port: '5', remote_port: '23' }, 'P6'), 'RemotePortGroupRef admin (22, 9000-9001) does not match 23');
  });

  it('Jobname and Userid: exact, trailing * wildcard and bare *', () => {
    const p = policyOf(
      rule('MidJobs', ['Jobname APPX*', 'Direction Both', 'Priority 30']) +
        rule('Exact', ['Jobname PAYROLL', 'Userid START1', 'Direction Both', 'Priority 20']) +
        rule('Star', ['Userid *', 'Jobname OTHER', 'Direction Both', 'Priority 10']) +
        ACTIONS,
    );
    assert.equal(winner(p, { direction: 'inbound', jobname: 'APPX' }), 'MidJobs');
    assert.equal(winner(p, { direction: 'inbound', jobname: 'APPX0001' }), 'MidJobs');
    assert.equal(winner(p, { direction: 'inbound', jobname: 'PAYROLL', userid: 'START1' }), 'Exact');
    assert.equal(winner(p, { direction: 'inbound', jobname: 'PAYROLL1', userid: 'START1' }), null);
    assert.equal(winner(p, { direction: 'inbound', jobname: 'other', userid: 'anyone' }), 'Star');
    assert.equal(lastDetail(p, { direction: 'inbound', jobname: 'OTHER', userid: 'X' }, 'MidJobs'), 'Jobname APPX* does not match OTHER');
    assert.equal(lastDetail(p, { direction: 'inbound', jobname: 'PAYROLL', userid: 'START2' }, 'Exact'), 'Userid START1 does not match START2');
  });

  it('Direction: Inbound, Outbound and Both', () => {
    const p = policyOf(rule('In', ['LocalPortRange 1', 'Direction Inbound']) + rule('Out', ['LocalPortRange 1', 'Direction Outbound']) + rule('Zboth', ['LocalPortRange 2', 'Direction Both']) + ACTIONS);
    assert.equal(winner(p, { direction: 'inbound', local_port: '1' }), 'In');
    assert.equal(winner(p, { direction: 'outbound', local_port: '1' }), 'Out');
    assert.equal(winner(p, { direction: 'outbound', local_port: '2' }), 'Zboth');
    assert.equal(winner(p, { direction: 'inbound', local_port: '2' }), 'Zboth');
    assert.equal(lastDetail(p, { direction: 'outbound', local_port: '1' }, 'In'), 'Direction Inbound does not match an outbound connection');
  });

  it('IpTimeCondition: skipped outside its window when a time is given, assumed in effect without one', () => {
    const p = policyOf(
      rule('Office', ['LocalPortRange 443', 'Direction Inbound', 'Priority 20', 'IpTimeConditionRef officeHours']) +
        rule('Always', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10']) +
        `
IpTimeCondition officeHours
{
  DayOfWeekMask 0111110
  TimeOfDayRange 08:00-18:00
}
` +
        ACTIONS,
    );
    // 2025-03-03 is a Monday, 2025-03-02 a Sunday.
    assert.equal(winner(p, { direction: 'inbound', local_port: '443', time: '2025-03-03T09:30' }), 'Office');
    assert.equal(winner(p, { direction: 'inbound', local_port: '443', time: '2025-03-03T19:30' }), 'Always');
    assert.equal(winner(p, { direction: 'inbound', local_port: '443', time: '2025-03-02T09:30' }), 'Always');
    assert.match(lastDetail(p, { direction: 'inbound', local_port: '443', time: '2025-03-02T09:30' }, 'Office')!, /DayOfWeekMask 0111110 excludes Sunday/);
    const r = matchScan(p, conn({ direction: 'inbound', local_port: '443' }));
    assert.equal(r.rule?.name, 'Office');
    assert.match(r.trace[0]!.notes.join(' '), /no time was given/);
  });

  it('DayOfMonthMask: a day is in effect when either half has it (first-to-last or last-to-first)', () => {
    // First half: day 1 only; second half: the last day only (counted back from the end).
    const mask = '1' + '0'.repeat(30) + '1' + '0'.repeat(30);
    const p = policyOf(
      rule('Ends', ['LocalPortRange 443', 'Direction Inbound', 'Priority 20', 'IpTimeConditionRef monthEnds']) +
        rule('Always', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10']) +
        `
IpTimeCondition monthEnds
{
  DayOfMonthMask ${mask}
}
` +
        ACTIONS,
    );
    for (const [month, days] of [
      ['02', 28],
      ['03', 31],
      ['04', 30],
    ] as const) {
      const inEffect: number[] = [];
      for (let d = 1; d <= days; d++) {
        const time = `2025-${month}-${String(d).padStart(2, '0')}T12:00`;
        if (winner(p, { direction: 'inbound', local_port: '443', time }) === 'Ends') inEffect.push(d);
      }
      assert.deepEqual(inEffect, [1, days], `2025-${month}`);
    }
    assert.match(lastDetail(p, { direction: 'inbound', local_port: '443', time: '2025-03-15T12:00' }, 'Ends')!, /DayOfMonthMask excludes day 15/);
  });

  it('a connection without an attribute matches rules that test it, and says so', () => {
    const p = policyOf(rule('NeedsAddr', ['LocalAddr 10.0.0.1', 'LocalPortRange 992', 'Direction Inbound']) + ACTIONS);
    const r = matchScan(p, conn({ direction: 'inbound', local_port: '992' }));
    assert.equal(r.rule?.name, 'NeedsAddr');
    assert.deepEqual(r.trace[0]!.assumed, ['LocalAddr 10.0.0.1 (no local address given)']);
  });

  it('a condition naming a missing statement matches nothing and says why', () => {
    const p = policyOf(rule('Broken', ['LocalPortGroupRef nowhere', 'Direction Inbound']) + ACTIONS);
    const r = matchScan(p, conn({ direction: 'inbound', local_port: '1' }));
    assert.equal(r.rule, undefined);
    assert.match(r.trace[0]!.detail!, /PortGroup 'nowhere' is not defined/);
  });
});

describe('evaluate: order and outcome', () => {
  it('orders by Priority descending (no Priority counts as 1 and ties with Priority 1), then by EBCDIC name', () => {
    const p = policyOf(
      rule('zeta', ['LocalPortRange 1', 'Direction Inbound']) +
        rule('Alpha', ['LocalPortRange 1', 'Direction Inbound']) +
        rule('zz1', ['LocalPortRange 1', 'Direction Inbound', 'Priority 1']) +
        rule('Top', ['LocalPortRange 1', 'Direction Inbound', 'Priority 2000000000']) +
        rule('Mid', ['LocalPortRange 1', 'Direction Inbound', 'Priority 300']) +
        rule('9lives', ['LocalPortRange 1', 'Direction Inbound']) +
        ACTIONS,
    );
    // EBCDIC: lowercase < uppercase < digits; zz1 (Priority 1) sorts among the rules without one.
    assert.deepEqual(
      p.rules.map((r) => r.name),
      ['Top', 'Mid', 'zeta', 'zz1', 'Alpha', '9lives'],
    );
    assert.deepEqual(
      p.rules.map((r) => r.order),
      [1, 2, 3, 4, 5, 6],
    );
    assert.ok(compareEbcdic('a', 'A') < 0 && compareEbcdic('Z', '0') < 0 && compareEbcdic('AB', 'ABC') < 0);
    assert.ok(compareEbcdic('COLATTLJ', 'COLATTLS') < 0);
  });

  it('a rule whose group has TTLSEnabled Off matches and ends the search', () => {
    const p = policyOf(rule('Exempt', ['RemotePortRange 9000-9010', 'Direction Outbound', 'Priority 200'], 'gOff') + rule('Secure', ['RemotePortRange 9005', 'Direction Outbound', 'Priority 100']) + ACTIONS);
    const e = explainMatch(p, conn({ direction: 'outbound', remote_port: '9005' }));
    assert.equal(e.result.rule?.name, 'Exempt');
    assert.equal(e.result.rule?.enabled, false);
    assert.deepEqual(
      e.settings.map((s) => s.name),
      ['TTLSEnabled'],
    );
  });

  it('tells a policy Policy Agent would refuse from one where it only ignores a part', () => {
    const ignored = policyOf(rule('A', ['LocalPortRange 443', 'Direction Inbound', 'Frobnicate 1']) + ACTIONS);
    const eIgnored = explainMatch(ignored, conn({ direction: 'inbound', local_port: '443' }));
    assert.deepEqual(policyVerdict(ignored.model), { rejected: 0, ignored: 1 });
    assert.ok(eIgnored.notes.some((n) => /^Policy Agent ignores 1 part of this policy/.test(n)));
    assert.ok(!eIgnored.notes.some((n) => /would not install/.test(n)));
    const refused = policyOf(rule('B', ['LocalPortRange 443', 'Direction Inbound']).replace('eAny', 'eMissing') + ACTIONS);
    const eRefused = explainMatch(refused, conn({ direction: 'inbound', local_port: '443' }));
    assert.equal(policyVerdict(refused.model).rejected, 1);
    assert.ok(eRefused.notes.some((n) => /rejects \(see attls lint\): it would not install this policy/.test(n)));
  });

  it('no matching rule: no AT-TLS', () => {
    const p = policyOf(rule('Only', ['LocalPortRange 1', 'Direction Inbound']) + ACTIONS);
    const r = matchScan(p, conn({ direction: 'outbound', local_port: '1' }));
    assert.equal(r.rule, undefined);
    assert.equal(r.trace.length, 1);
    assert.equal(firstMatchScan(p, conn({ direction: 'outbound', local_port: '1' })), undefined);
  });

  it('seed 004: COLATTLJ is chosen over COLATTLS for port 4000 because of name order', () => {
    const seed = readFileSync(join(seedsDir, '004_e22e79e67807c707.txt'), 'utf8').split('\n');
    const start = seed.findIndex((l) => l.startsWith('TTLSRule') && l.includes('COLATTLJ'));
    const end = seed.findIndex((l, i) => i > start && l.startsWith('Submitting a job'));
    const p = policyOf(seed.slice(start, end).join('\n'));
    assert.deepEqual(
      p.rules.map((r) => r.name),
      ['COLATTLJ', 'COLATTLS'],
    );
    const e = explainMatch(p, conn({ direction: 'inbound', local_port: '4000', jobname: 'COLATTLS', userid: 'START1' }));
    assert.equal(e.result.rule?.name, 'COLATTLJ');
    assert.deepEqual(
      e.tiedAfter.map((r) => r.name),
      ['COLATTLS'],
    );
    assert.ok(e.assumptions.some((a) => a.id === 'name-order-ebcdic'));
    // What the seed's program printed: ServerWithClientAuth with ClientAuthType Required, TLS 1.2.
    const get = (n: string): unknown => e.settings.find((s) => s.name === n)?.value;
    assert.equal(get('HandshakeRole'), 'ServerWithClientAuth');
    assert.equal(get('ClientAuthType'), 'Required');
    assert.equal(get('TLSv1.2'), 'ON');
    assert.equal(get('ApplicationControlled'), 'On');
  });
});
