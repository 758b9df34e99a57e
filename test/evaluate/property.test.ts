// Property tests with a fixed seed over thousands of random small policies, built to collide:
// a few addresses, ports and names, tied priorities, mixed-case names, groups, IPv4 and IPv6,
// time conditions and TTLSEnabled Off.
//  1. The index answers exactly what the plain scan answers, for every connection.
//  2. The shadow analysis is exact: every reachable rule has a witness connection that the scan
//     gives to that very rule, and no connection inside a shadowed (or never-matching) rule ever
//     reaches it.
import assert from 'node:assert/strict';
import {
  analyseCompiled,
  CONNECTION_FIELDS,
  parseCsv,
  firstMatchScan,
  matchBatch,
  readBatchHeader,
  readConnection,
  has,
  readTime,
  RuleIndex,
  ruleBoxes,
  sampleName,
  type CompiledPolicy,
  type Connection,
  type IntervalSet,
  type NameSet,
} from '@attls/evaluate';
import { connections } from '../bench/evaluate.js';
import { generatePolicy } from '../bench/generate.js';
import { random } from '../support/random.js';
import { ACTIONS, policyOf } from './helpers.js';

const POLICIES = 1500;
const CONNECTIONS = 120;
const NAMES = ['A', 'AB', 'ABC', 'ABD', 'B', 'BA', 'C', 'Z9'];
const PATTERNS = ['A*', 'AB*', 'ABC', 'AB', 'B*', '*', 'Z9', 'ABD*'];
// Saturday 2025-03-01: every generated time condition excludes Saturday.
const SATURDAY = readTime('2025-03-01T12:00')!;
const TIMES = ['2025-03-03T09:00', '2025-03-04T20:00', '2025-03-01T12:00'].map((t) => readTime(t)!);

type Rnd = () => number;
const int = (rnd: Rnd, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[int(rnd, xs.length)]!;

function v4(rnd: Rnd): string {
  return `10.0.0.${int(rnd, 16)}`;
}
function v6(rnd: Rnd): string {
  return `2001:db8::${int(rnd, 16).toString(16)}`;
}

function addrCondition(rnd: Rnd, side: 'Local' | 'Remote', fam: 4 | 6, extra: string[], name: string): string | undefined {
  const a = fam === 4 ? v4 : v6;
  switch (int(rnd, 8)) {
    case 0:
      return `${side}Addr ${a(rnd)}`;
    case 1:
      return fam === 4 ? `${side}Addr 10.0.0.${pick(rnd, [0, 4, 8])}/${pick(rnd, [29, 30, 28])}` : `${side}Addr 2001:db8::/${pick(rnd, [124, 125, 126])}`;
    case 2: {
      const x = int(rnd, 12);
      return fam === 4 ? `${side}Addr 10.0.0.${x}-10.0.0.${x + int(rnd, 4)}` : `${side}Addr 2001:db8::${x.toString(16)}-2001:db8::${(x + int(rnd, 4)).toString(16)}`;
    }
    case 3:
      return `${side}Addr All`;
    case 4: {
      const g = `${name}${side}G`;
      const other = fam === 4 ? v6 : v4;
      extra.push(`IpAddrGroup ${g}\n{\n  IpAddr\n  {\n    Addr ${a(rnd)}\n  }\n  IpAddrSet\n  {\n    Range ${fam === 4 ? '10.0.0.9-10.0.0.12' : '2001:db8::9-2001:db8::c'}\n  }\n${rnd() < 0.3 ? `  IpAddr\n  {\n    Addr ${other(rnd)}\n  }\n` : ''}}`);
      return `${side}AddrGroupRef ${g}`;
    }
    default:
      return undefined;
  }
}

function portCondition(rnd: Rnd, side: 'Local' | 'Remote', extra: string[], name: string): string | undefined {
  switch (int(rnd, 7)) {
    case 0:
      return `${side}PortRange ${1 + int(rnd, 20)}`;
    case 1: {
      const x = 1 + int(rnd, 18);
      return `${side}PortRange ${x}-${x + int(rnd, 6)}`;
    }
    case 2:
      return `${side}PortRange 0`;
    case 3: {
      const g = `${name}${side}P`;
      extra.push(`PortGroup ${g}\n{\n  PortRange\n  {\n    Port ${1 + int(rnd, 20)}\n  }\n  PortRange\n  {\n    Port ${5 + int(rnd, 5)}-${12 + int(rnd, 5)}\n  }\n}`);
      return `${side}PortGroupRef ${g}`;
    }
    default:
      return undefined;
  }
}

function randomPolicy(rnd: Rnd): string {
  const n = 1 + int(rnd, 12);
  const out: string[] = [];
  const extra: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    let name: string;
    do name = `${pick(rnd, ['r', 'R', '9', 'rA', 'Ra'])}${pick(rnd, ['a', 'B', '1', 'b', 'A'])}${i % 3}`;
    while (used.has(name));
    used.add(name);
    const fam: 4 | 6 = rnd() < 0.75 ? 4 : 6;
    const lines: string[] = [];
    const la = addrCondition(rnd, 'Local', fam, extra, name);
    const ra = addrCondition(rnd, 'Remote', rnd() < 0.9 ? fam : fam === 4 ? 6 : 4, extra, name);
    const lp = portCondition(rnd, 'Local', extra, name);
    const rp = portCondition(rnd, 'Remote', extra, name);
    for (const l of [la, ra, lp, rp]) if (l) lines.push(l);
    if (rnd() < 0.4) lines.push(`Jobname ${pick(rnd, PATTERNS)}`);
    if (rnd() < 0.3) lines.push(`Userid ${pick(rnd, PATTERNS)}`);
    if (lines.length === 0) lines.push(`LocalPortRange ${1 + int(rnd, 20)}`);
    lines.push(`Direction ${pick(rnd, ['Inbound', 'Outbound', 'Both'])}`);
    if (rnd() < 0.7) lines.push(`Priority ${pick(rnd, [1, 2, 3, 5, 10])}`);
    if (rnd() < 0.1) lines.push(`IpTimeCondition\n  {\n    DayOfWeekMask ${pick(rnd, ['0111110', '1000000', '0000000'])}\n  }`);
    const off = rnd() < 0.25;
    out.push(`TTLSRule ${name}\n{\n${lines.map((l) => `  ${l}`).join('\n')}\n  TTLSGroupActionRef ${off ? 'gOff' : 'gOn'}\n${off ? '' : '  TTLSEnvironmentActionRef eAny\n'}}`);
  }
  return [...out, ...extra, ACTIONS].join('\n');
}

function randomConnection(rnd: Rnd): Connection {
  const fam: 4 | 6 = rnd() < 0.75 ? 4 : 6;
  const addr = (): Connection['localAddr'] => (rnd() < 0.15 ? undefined : { family: fam, value: BigInt(int(rnd, 18)) + (fam === 4 ? 0x0a000000n : 0x20010db8000000000000000000000000n) });
  const c: { -readonly [K in keyof Connection]: Connection[K] } = { direction: rnd() < 0.5 ? 'inbound' : 'outbound' };
  const la = addr();
  const ra = addr();
  if (la) c.localAddr = la;
  if (ra) c.remoteAddr = ra;
  if (rnd() < 0.9) c.localPort = 1 + int(rnd, 22);
  if (rnd() < 0.9) c.remotePort = 1 + int(rnd, 22);
  if (rnd() < 0.85) c.jobname = pick(rnd, NAMES);
  if (rnd() < 0.85) c.userid = pick(rnd, NAMES);
  if (rnd() < 0.5) c.time = pick(rnd, TIMES);
  return c;
}

function pickIn(rnd: Rnd, s: IntervalSet): bigint {
  const i = pick(rnd, s);
  const span = i.hi - i.lo;
  const off = span > 64n ? BigInt(int(rnd, 64)) : BigInt(int(rnd, Number(span) + 1));
  return rnd() < 0.5 ? i.lo + off : i.hi - off;
}

function nameIn(rnd: Rnd, s: NameSet): string {
  const pool = NAMES.filter((n) => has(s, n));
  return pool.length > 0 && rnd() < 0.8 ? pick(rnd, pool) : sampleName(s)!;
}

/** A random connection inside one of a rule's boxes. */
function connectionInside(rnd: Rnd, policy: CompiledPolicy, index: number): Connection | undefined {
  const boxes = ruleBoxes(policy.rules[index]!);
  if (boxes.length === 0) return undefined;
  const b = pick(rnd, boxes);
  const dirs = [b.dir & 1 ? 'inbound' : undefined, b.dir & 2 ? 'outbound' : undefined].filter((d): d is 'inbound' | 'outbound' => !!d);
  return {
    direction: pick(rnd, dirs),
    localAddr: { family: b.fam, value: pickIn(rnd, b.la) },
    remoteAddr: { family: b.fam, value: pickIn(rnd, b.ra) },
    localPort: Number(pickIn(rnd, b.lp)),
    remotePort: Number(pickIn(rnd, b.rp)),
    jobname: nameIn(rnd, b.job),
    userid: nameIn(rnd, b.user),
    time: pick(rnd, TIMES),
  };
}

describe('evaluate: properties over random policies (fixed seed)', function () {
  this.timeout(120_000);

  it(`the index agrees with the plain scan (${POLICIES} policies x ${CONNECTIONS} connections)`, () => {
    const rnd = random(20251121);
    let compared = 0;
    let matched = 0;
    for (let p = 0; p < POLICIES; p++) {
      const text = randomPolicy(rnd);
      const policy = policyOf(text);
      const index = new RuleIndex(policy);
      // The path for policies too large for exact port tables: bounds, checked exactly.
      const bounded = new RuleIndex(policy, { exactPortWords: 0 });
      for (let c = 0; c < CONNECTIONS; c++) {
        const conn = randomConnection(rnd);
        const want = firstMatchScan(policy, conn);
        const got = index.match(conn);
        assert.equal(bounded.match(conn), want, `policy ${p}: the index without exact port tables`);
        if (got !== want) assert.fail(`policy ${p} connection ${JSON.stringify(conn, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}: index ${got?.name} scan ${want?.name}\n${text}`);
        compared++;
        if (want) matched++;
      }
      // Connections inside each rule exercise the matching paths, not only the misses.
      for (const r of policy.rules) {
        const inside = connectionInside(rnd, policy, r.index);
        if (!inside) continue;
        assert.equal(index.match(inside), firstMatchScan(policy, inside), `policy ${p}, inside ${r.name}\n${text}`);
        compared++;
      }
    }
    assert.ok(matched > compared / 10, `enough connections match a rule (${matched} of ${compared})`);
  });

  it('the index agrees with the plain scan on policies of hundreds of rules (many words of rules per row)', () => {
    // The random policies above fit in one 32-rule word; here the port rows' word masks decide
    // which words are read at all, for either direction and with one port, both or none given.
    for (const [rules, seed] of [[300, 3], [700, 11]] as const) {
      const policy = policyOf(generatePolicy({ rules, seed }));
      const index = new RuleIndex(policy);
      const bounded = new RuleIndex(policy, { exactPortWords: 0 });
      const rnd = random(seed);
      let matched = 0;
      for (const c0 of connections(policy, 3000, seed)) {
        const r = rnd();
        const c = r < 0.15 ? { ...c0, localPort: undefined } : r < 0.3 ? { ...c0, remotePort: undefined } : r < 0.4 ? { ...c0, localPort: undefined, remotePort: undefined } : c0;
        const want = firstMatchScan(policy, c);
        assert.equal(index.match(c), want, `${rules} rules: ${JSON.stringify(c, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
        assert.equal(bounded.match(c), want);
        if (want) matched++;
      }
      assert.ok(matched > 1000, `enough connections match a rule (${matched})`);
    }
  });

  it('the shadow analysis is exact: witnesses reach their rule, shadowed rules are never reached', () => {
    const rnd = random(7);
    const counts = { reachable: 0, shadowed: 0, never: 0, undecided: 0, broken: 0 };
    for (let p = 0; p < POLICIES; p++) {
      const text = randomPolicy(rnd);
      const policy = policyOf(text);
      const analysis = analyseCompiled(policy);
      for (const a of analysis.rules) {
        counts[a.status]++;
        if (a.status === 'reachable' && !a.rule.time) {
          // Saturday: no generated time condition is in effect (so rules that have one are not
          // checked here: they are reachable only at times the analysis does not model).
          const w = { ...a.witness!, time: SATURDAY };
          assert.equal(firstMatchScan(policy, w)?.name, a.rule.name, `witness of ${a.rule.name} in policy ${p}\n${text}`);
          for (const t of a.takers) {
            const first = firstMatchScan(policy, { ...t.example, time: SATURDAY });
            if (!t.timeLimited) assert.equal(first?.name, t.rule.name, `example for taker ${t.rule.name} of ${a.rule.name}\n${text}`);
          }
        } else if (a.status === 'shadowed' || a.status === 'never') {
          for (let k = 0; k < 40; k++) {
            const inside = connectionInside(rnd, policy, a.rule.index);
            if (!inside) break;
            const got = firstMatchScan(policy, inside);
            assert.notEqual(got?.name, a.rule.name, `${a.rule.name} is ${a.status} but reached in policy ${p}\n${text}`);
          }
        }
      }
    }
    assert.equal(counts.undecided, 0);
    assert.ok(counts.shadowed > 100, `enough shadowed rules to mean something (${JSON.stringify(counts)})`);
    assert.ok(counts.never > 10, `some never-matching rules (${JSON.stringify(counts)})`);
  });
});

describe('evaluate: batch rows read the same as single connections (fixed seed)', () => {
  it('matchBatch gives, row by row, what readConnection and the scan give', () => {
    const rnd = random(99);
    const values: Record<string, readonly string[]> = {
      direction: ['inbound', 'outbound', 'IN', 'out', 'sideways', ''],
      local_addr: ['10.0.0.1', '10.0.0.9', '2001:db8::3', '::ffff:10.0.0.2', '10.0.0.256', '', '10.0.0'],
      local_port: ['1', '5', '17', '0', '65536', 'x', ''],
      remote_addr: ['10.0.0.12', '2001:db8::a', '', '10.0.0.4'],
      remote_port: ['2', '9', '20', '', '99999'],
      jobname: ['A', 'ab', 'ABC', 'Z9', 'TOOLONGNAME', ''],
      userid: ['B', 'ba', '', 'C'],
      time: ['', '2025-03-01T12:00', 'noon'],
    };
    for (let p = 0; p < 100; p++) {
      const policy = policyOf(randomPolicy(rnd));
      const index = new RuleIndex(policy);
      const columns = CONNECTION_FIELDS.filter((c) => c === 'direction' || rnd() < 0.8);
      const lines = [columns.join(',')];
      const rows: Record<string, string>[] = [];
      for (let i = 0; i < 60; i++) {
        const row = Object.fromEntries(columns.map((c) => [c, pick(rnd, values[c]!)]));
        rows.push(row);
        lines.push(columns.map((c) => row[c]).join(','));
      }
      const outcomes = [...matchBatch(index, readBatchHeader(parseCsv(lines.join('\r\n'))))];
      assert.equal(outcomes.length, rows.length);
      outcomes.forEach((o, i) => {
        const r = readConnection(rows[i]!);
        if (!r.connection) assert.ok('error' in o && o.error === r.problems.join('; '), `row ${i + 2}: ${JSON.stringify(rows[i])}`);
        else assert.ok(!('error' in o) && o.rule === firstMatchScan(policy, r.connection), `row ${i + 2}: ${JSON.stringify(rows[i])}`);
      });
    }
  });
});
