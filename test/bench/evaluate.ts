// Benchmarks of @attls/evaluate on the generated 2,000-rule policy: single-match latency (in
// process and through the real CLI, cold) and the shadow analysis.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  analyseCompiled,
  compilePolicy,
  explainMatch,
  FRAGMENT_LIMIT,
  POLICY_WORK_LIMIT,
  ruleBoxes,
  RuleIndex,
  sampleConnection,
  WORK_LIMIT,
  type Connection,
} from '@attls/evaluate';
import { buildModel, formatAddress, parse } from '@attls/language';
import { repoRoot } from '../support/shared.js';
import { random } from '../support/random.js';

const fmt = (n: number, d = 1): string => n.toFixed(d);

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Connections for a policy: three in four inside a random rule, the rest anywhere. */
export function connections(policy: ReturnType<typeof compilePolicy>, count: number, seed: number): Connection[] {
  const rnd = random(seed);
  const out: Connection[] = [];
  for (let i = 0; i < count; i++) {
    const r = policy.rules[Math.floor(rnd() * policy.rules.length)]!;
    const box = ruleBoxes(r)[0];
    if (box && rnd() < 0.75) {
      const c = sampleConnection(box);
      out.push({ ...c, localAddr: c.localAddr, remotePort: c.remotePort, userid: undefined });
    } else {
      out.push({
        direction: rnd() < 0.5 ? 'inbound' : 'outbound',
        localAddr: { family: 4, value: 0x0a000000n + BigInt(Math.floor(rnd() * 0xffffff)) },
        localPort: 1 + Math.floor(rnd() * 65535),
        remoteAddr: { family: 4, value: 0xc0a80000n + BigInt(Math.floor(rnd() * 0xffff)) },
        remotePort: 1 + Math.floor(rnd() * 65535),
        jobname: `J${String(Math.floor(rnd() * 2000)).padStart(4, '0')}`,
      });
    }
  }
  return out;
}

export function csvOf(conns: readonly Connection[]): string {
  const lines = ['direction,local_addr,local_port,remote_addr,remote_port,jobname,userid'];
  for (const c of conns) {
    const a = (x: Connection['localAddr']): string => (x ? formatAddress(x.family, x.value) : '');
    lines.push([c.direction, a(c.localAddr), c.localPort ?? '', a(c.remoteAddr), c.remotePort ?? '', c.jobname ?? '', c.userid ?? ''].join(','));
  }
  return lines.join('\n') + '\n';
}

export function evaluateBench(policyFile: string, text: string): void {
  const model = buildModel([{ uri: policyFile, parse: parse(text) }]);
  const policy = compilePolicy(model);
  console.log('');
  console.log(`attls match / analysis on ${policy.rules.length} rules`);

  // Single match, in process: the full answer (scan with trace, settings, notes), as `attls match` computes it.
  const sample = connections(policy, 2000, 11);
  for (const c of sample.slice(0, 200)) explainMatch(policy, c);
  const explainMs: number[] = [];
  for (const c of sample) {
    const t = performance.now();
    explainMatch(policy, c);
    explainMs.push(performance.now() - t);
  }
  const index = new RuleIndex(policy);
  const indexMs: number[] = [];
  for (const c of sample) {
    const t = performance.now();
    index.match(c);
    indexMs.push(performance.now() - t);
  }
  console.log(`single match, full answer (scan + trace + settings): median ${fmt(quantile(explainMs, 0.5), 3)} ms, p95 ${fmt(quantile(explainMs, 0.95), 3)} ms`);
  console.log(`single match, index only:                             median ${fmt(quantile(indexMs, 0.5) * 1000, 1)} us, p95 ${fmt(quantile(indexMs, 0.95) * 1000, 1)} us`);
  const bin = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');
  const one = sample[0]!;
  const single: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, 'match', policyFile, '--direction', one.direction, '--local-port', String(one.localPort), '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    single.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`attls match failed: ${r.stderr}`);
  }
  console.log(`attls match, one connection (cold process):          ${fmt(quantile(single, 0.5))} ms median of 3`);

  // Shadow analysis: the work behind shadowed-rule, rule-overlap and order-by-name.
  const analysisMs: number[] = [];
  let stats = analyseCompiled(policy).stats;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    stats = analyseCompiled(policy).stats;
    analysisMs.push(performance.now() - t);
  }
  console.log(`shadow analysis, ${policy.rules.length} rules (warm, median of 5): ${fmt(quantile(analysisMs, 0.5))} ms incl. index build`);
  console.log(`  ${stats.candidatePairs} candidate pairs from the index (of ${(policy.rules.length * (policy.rules.length - 1)) / 2} pairs), ${stats.boxOperations} box operations, at most ${stats.maxFragments} fragments per rule, ${stats.undecided} undecided`);
  console.log(`  bound: per rule at most ${FRAGMENT_LIMIT} fragments and ${WORK_LIMIT} box operations, per policy ${POLICY_WORK_LIMIT} set elements touched (rules past a bound are undecided; lint says so)`);
}
