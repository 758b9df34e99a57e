// The set operations under the shadow analysis, diff and properties, checked against plain
// reference sets, and the policy-wide bound on their work: a policy of rules that all partly
// overlap (hundreds by port, hundreds by job name) made every operation cost in proportion to
// what earlier rules had taken out, and a 2,000-rule file of 260 KB ran for more than ten minutes.
import assert from 'node:assert/strict';
import {
  ALL_NAMES,
  analysePolicy,
  compilePolicy,
  countNames,
  diffPolicies,
  has,
  intersect,
  intersectNames,
  intersects,
  intersectsNames,
  nameSetWork,
  normalise,
  patternSet,
  subtract,
  subtractNames,
  type IntervalSet,
  type NameSet,
} from '@attls/evaluate';
import { lintText } from '@attls/lint';
import { random } from '../support/random.js';
import { portAndJobRules } from '../support/overlap.js';
import { modelOf } from './helpers.js';

/** Members of an interval set over a small universe, as a bit array. */
function members(s: IntervalSet, n: number): boolean[] {
  const out = new Array<boolean>(n).fill(false);
  for (const i of s) for (let x = Number(i.lo); x <= Number(i.hi); x++) out[x] = true;
  return out;
}

/** A set of `count` random intervals in [0, n). */
function randomSet(rnd: () => number, n: number, count: number): IntervalSet {
  const list = [];
  for (let k = 0; k < count; k++) {
    const lo = Math.floor(rnd() * n);
    const hi = Math.min(n - 1, lo + Math.floor(rnd() * 6));
    list.push({ lo: BigInt(lo), hi: BigInt(hi) });
  }
  return normalise(list);
}

/** Sorted, disjoint and not adjacent: the form every operation must give back. */
function wellFormed(s: IntervalSet): boolean {
  return s.every((i, k) => i.lo <= i.hi && (k === 0 || s[k - 1]!.hi + 1n < i.lo));
}

describe('evaluate: interval sets, one side much longer than the other', () => {
  it('intersect, intersects and subtract agree with plain sets (2,000 random pairs)', () => {
    const rnd = random(2026_12_08);
    const n = 600;
    for (let k = 0; k < 2000; k++) {
      // One side of 1-3 intervals against one of up to 120: the searching paths; equal sizes: the walk.
      const long = randomSet(rnd, n, 20 + Math.floor(rnd() * 100));
      const short = randomSet(rnd, n, 1 + Math.floor(rnd() * 3));
      const [a, b] = rnd() < 0.5 ? [long, short] : [short, long];
      const ma = members(a, n);
      const mb = members(b, n);
      const both = intersect(a, b);
      const rest = subtract(a, b);
      assert.ok(wellFormed(both) && wellFormed(rest), `not normalised for case ${k}`);
      assert.deepEqual(members(both, n), ma.map((x, i) => x && mb[i]!), `intersect, case ${k}`);
      assert.deepEqual(members(rest, n), ma.map((x, i) => x && !mb[i]!), `subtract, case ${k}`);
      assert.equal(intersects(a, b), ma.some((x, i) => x && mb[i]!), `intersects, case ${k}`);
    }
  });

  it('intervals that the other set does not touch are kept, not copied', () => {
    const a = normalise([...Array(50)].map((_, i) => ({ lo: BigInt(i * 10), hi: BigInt(i * 10 + 3) })));
    const rest = subtract(a, [{ lo: 201n, hi: 202n }]);
    assert.equal(rest.length, 51);
    assert.equal(rest[0], a[0]);
    assert.equal(rest[50], a[49]);
  });
});

/** Membership read straight from the terms, as the types describe it. */
function inTerms(set: NameSet, name: string): boolean {
  return set.some((t) => (t.kind === 'name' ? t.name === name : name.startsWith(t.prefix) && !t.excluded.some((e) => (e.kind === 'name' ? e.name === name : name.startsWith(e.prefix)))));
}

describe('evaluate: name sets with many exclusions', () => {
  it('taking 3,000 names out of every name one at a time stays exact', () => {
    let set: NameSet = ALL_NAMES;
    const names = [...Array(3000)].map((_, i) => `J${String(i).padStart(5, '0')}`);
    for (const name of names) set = subtractNames(set, patternSet(name, false));
    // Taking a name out again changes nothing.
    set = subtractNames(set, patternSet('J00007', false));
    assert.equal(countNames(set), countNames(ALL_NAMES) - 3000);
    assert.ok(names.every((n) => !has(set, n)));
    assert.ok(has(set, 'J03000') && has(set, 'J0') && has(set, 'A'));
  });

  it('intersections and differences of sets with many exclusions agree with membership and count (300 random pairs)', () => {
    const rnd = random(1208);
    const letters = 'AB1';
    const word = (): string => [...Array(2 + Math.floor(rnd() * 3))].map(() => letters[Math.floor(rnd() * letters.length)]).join('');
    // All names of one to five characters over the letters: where every exclusion and its neighbours lie.
    const sample: string[] = [];
    const grow = (s: string): void => {
      if (s.length > 0) sample.push(s);
      if (s.length < 5) for (const c of letters) grow(s + c);
    };
    grow('');
    const randomSet = (base: NameSet): NameSet => {
      let set = base;
      for (let k = 0; k < 30 + Math.floor(rnd() * 50); k++) set = subtractNames(set, patternSet(word(), rnd() < 0.4));
      return set;
    };
    for (let k = 0; k < 300; k++) {
      const a = randomSet(ALL_NAMES);
      const b = randomSet(patternSet(letters[k % 3]!, true));
      const both = intersectNames(a, b);
      const rest = subtractNames(a, b);
      for (const n of sample) {
        // has() reads long lists through an index once they are read often: hold it to the terms.
        for (const [set, what] of [[a, 'a'], [b, 'b'], [both, 'a ∩ b'], [rest, 'a \\ b']] as const) assert.equal(has(set, n), inTerms(set, n), `${n} in ${what}, case ${k}`);
        assert.equal(has(both, n), has(a, n) && has(b, n), `${n} in a ∩ b, case ${k}`);
        assert.equal(has(rest, n), has(a, n) && !has(b, n), `${n} in a \\ b, case ${k}`);
      }
      assert.equal(countNames(both) + countNames(rest), countNames(a), `counts, case ${k}`);
      assert.equal(intersectsNames(a, b), both.length > 0, `intersects, case ${k}`);
    }
  });

  it('the operations count the atoms they read, which is what bounds the analyses', () => {
    let a: NameSet = ALL_NAMES;
    let b: NameSet = patternSet('J', true);
    for (let i = 0; i < 1000; i++) {
      a = subtractNames(a, patternSet(`J${i}A`, false));
      b = subtractNames(b, patternSet(`J${i}B`, false));
    }
    const before = nameSetWork();
    const both = intersectNames(a, b);
    assert.equal(countNames(both), countNames(b) - 1000);
    // Both lists of 1,000 are read to merge them.
    assert.ok(nameSetWork() - before >= 2000, `${nameSetWork() - before} atoms counted`);
  });

  it('a prefix taken out after names inside it replaces them; names inside a taken prefix add nothing', () => {
    let set: NameSet = ALL_NAMES;
    for (const n of ['AB1', 'AB2', 'C']) set = subtractNames(set, patternSet(n, false));
    set = subtractNames(set, patternSet('AB', true));
    set = subtractNames(set, patternSet('AB3', false));
    assert.deepEqual(set, [{ kind: 'prefix', prefix: '', excluded: [{ kind: 'name', name: 'C' }, { kind: 'prefix', prefix: 'AB' }] }]);
  });
});

describe('evaluate: the work bound of a whole policy', () => {
  it('under the bound every rule is decided exactly: each port rule is taken in part by every job rule ahead', () => {
    const a = analysePolicy(modelOf(portAndJobRules(300)));
    assert.equal(a.stoppedAt, undefined);
    assert.equal(a.stats.undecided, 0);
    for (const r of a.rules) {
      const k = r.rule.index;
      assert.equal(r.status, 'reachable');
      // Rule r<k> is tried in place k; the rules ahead of it of the other kind are its takers.
      assert.equal(r.takers.length, k % 2 ? (k + 1) / 2 : k / 2, r.rule.name);
    }
  });

  it('past the bound the analysis stops at one rule: it and the rules after it are undecided, those before are exact', () => {
    const a = analysePolicy(modelOf(portAndJobRules(1500)));
    const stop = a.stoppedAt;
    assert.ok(stop, 'the analysis should stop');
    assert.ok(stop.index > 300 && stop.index < 1500, `stopped at ${stop.name}`);
    for (const r of a.rules) {
      if (r.rule.index < stop.index) assert.equal(r.takers.length, r.rule.index % 2 ? (r.rule.index + 1) / 2 : r.rule.index / 2, r.rule.name);
      else assert.equal(r.status, 'undecided', r.rule.name);
    }
    assert.equal(a.stats.undecided, 1500 - stop.index);
  });

  it('lint says where the shadow analysis stopped and how many rules it did not check', () => {
    const r = lintText('policy.ttls', portAndJobRules(1500));
    const stopped = r.diagnostics.filter((d) => d.code === 'shadowed-rule');
    assert.equal(stopped.length, 1);
    const m = /^The shadow analysis stopped at rule (r\d+):.* so \1 and the (\d+) rules after it are not checked for shadowing or overlap\.$/.exec(stopped[0]!.message);
    assert.ok(m, stopped[0]!.message);
    assert.equal(Number(m[2]), 1500 - 1 - Number(m[1]!.slice(1)));
    // Rules after the stop get no rule-overlap finding; rules before it do.
    const overlapped = new Set(r.diagnostics.filter((d) => d.code === 'rule-overlap').map((d) => /^Rule (r\d+)/.exec(d.message)?.[1]));
    assert.ok(overlapped.has('r1'));
    assert.ok(!overlapped.has(`r${Number(m[1]!.slice(1)) + 2}`));
  });

  it('a rule cut into more pieces than one rule may follow is undecided on its own, and lint says so', () => {
    // 800 rules of one port, one remote port, one job name and one user ID each, then a rule for
    // every port: each rule ahead cuts what is left of it into three more pieces.
    const rules = [...Array(800)].map((_, i) => `TTLSRule r${i}\n{\n  LocalPortRange ${1000 + i}\n  RemotePortRange ${3000 + i}\n  Jobname J${i}\n  Userid U${i}\n  Direction Inbound\n  Priority ${2000 - i}\n  TTLSGroupActionRef gOn\n  TTLSEnvironmentActionRef eS\n}`);
    rules.push('TTLSRule last\n{\n  LocalPortRange 1-65535\n  Direction Inbound\n  Priority 1\n  TTLSGroupActionRef gOn\n  TTLSEnvironmentActionRef eS\n}');
    const text = `${portAndJobRules(0)}${rules.join('\n')}\n`;
    const a = analysePolicy(modelOf(text));
    assert.equal(a.stoppedAt, undefined);
    assert.deepEqual(a.rules.filter((r) => r.status === 'undecided').map((r) => r.rule.name), ['last']);
    const found = lintText('policy.ttls', text).diagnostics.filter((d) => d.code === 'shadowed-rule');
    assert.deepEqual(found.map((d) => d.message), [
      'Whether rule last can be reached was not decided: the rules tried before it cut its connections into more pieces than the analysis follows exactly, so it is not checked for shadowing.',
    ]);
  });

  it('attls diff of two such policies answers within its bound and names the rules it could not compare', () => {
    const oldP = compilePolicy(modelOf(portAndJobRules(1500)));
    const newP = compilePolicy(modelOf(portAndJobRules(1500, () => 'gOn')));
    const { notes } = diffPolicies({ policy: oldP, source: 'old.ttls' }, { policy: newP, source: 'new.ttls' });
    const note = notes.find((n) => n.includes('too fragmented'));
    assert.ok(note, notes.join('\n'));
    // Ten rules by name, the rest counted: not three thousand names in one sentence.
    assert.match(note, /^The connections of (r\d+ \((OLD|NEW)\), ){9}r\d+ \((OLD|NEW)\) and \d+ more rules were too fragmented/);
  });
});
