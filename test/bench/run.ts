// `npm run bench`: prints throughput and latency figures. Targets are checked here, by figures a
// person reads, never by timed unit tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, parse } from '@attls/language';
import { lintText } from '@attls/lint';
import { repoRoot } from '../support/shared.js';
import { evaluateBench } from './evaluate.js';
import { generatePolicy } from './generate.js';
import { benchServer } from './server.js';

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const fmt = (n: number, d = 1): string => n.toFixed(d);

function main(): void {
  const dir = join(repoRoot, 'test-results', 'bench');
  mkdirSync(dir, { recursive: true });
  const text = generatePolicy({ rules: 2000 });
  const file = join(dir, 'policy-2000.ttls');
  writeFileSync(file, text);
  const mb = Buffer.byteLength(text) / 1e6;
  const lines = text.split('\n').length;
  console.log(`Generated policy: 2000 rules, ${lines} lines, ${fmt(mb, 2)} MB (${file})`);

  // In-process stages, median of 5 runs after one warm-up.
  const parseMs: number[] = [];
  const modelMs: number[] = [];
  const lintMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const p = time(() => parse(text));
    const m = time(() => analyse([{ uri: file, parse: p.value }]));
    const l = time(() => lintText(file, text));
    if (i === 0) continue;
    parseMs.push(p.ms);
    modelMs.push(m.ms);
    lintMs.push(l.ms);
  }
  console.log(`parse (warm, median):        ${fmt(median(parseMs))} ms  = ${fmt(mb / (median(parseMs) / 1000))} MB/s`);
  console.log(`model + checks (warm):       ${fmt(median(modelMs))} ms`);
  console.log(`whole lint in process (warm): ${fmt(median(lintMs))} ms  = ${fmt(mb / (median(lintMs) / 1000))} MB/s`);

  // The real command, cold, as a pipeline runs it: wall clock and peak memory.
  const bin = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');
  const runs: number[] = [];
  let peakKb = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'lint', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push(performance.now() - t);
    const kb = Number((r.stderr.trim().split('\n').pop() ?? '0').trim());
    if (Number.isFinite(kb)) peakKb = Math.max(peakKb, kb);
    if (r.status === 2) throw new Error(`attls lint failed: ${r.stderr}`);
  }
  console.log(`attls lint (cold process):   ${fmt(median(runs))} ms median of 5 (target < 800 ms), peak RSS ${fmt(peakKb / 1024)} MB (target < 300 MB)`);

  evaluateBench(file, text, dir);
}

main();
await benchServer();
