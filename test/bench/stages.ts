// Per-stage split of one cold `attls lint` of a policy, run in a fresh process so that every stage
// pays what it pays in the real command (unoptimised code, heap growth). Prints JSON on stdout:
// wall and CPU milliseconds per stage, and the garbage collector's total (V8 reports collections
// asynchronously, so they are summed over the run rather than per stage).
//
//   node test/out/bench/stages.js policy.ttls [stages]
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { analysePolicy } from '@attls/evaluate';
import { buildModel, checkModel, parse } from '@attls/language';
import { finishFile, formatJson, modelDiagnostics, RULES, runRules } from '@attls/lint';

export interface StageTimes {
  readonly stages: { readonly name: string; readonly wallMs: number; readonly cpuMs: number }[];
  readonly totalWallMs: number;
  readonly totalCpuMs: number;
  readonly gcMs: number;
  readonly heapMb: number;
}

/**
 * Runs parse, model and checks, shadow analysis, lint rules, and output; times each. `upto` stops
 * after that many stages, so that instruction counts of runs stopping at successive stages (under
 * callgrind, which no other load on the machine disturbs) give each stage's share by difference.
 */
export function runStages(file: string, upto = Infinity): StageTimes {
  let gcMs = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  obs.observe({ entryTypes: ['gc'] });
  const stages: { name: string; wallMs: number; cpuMs: number }[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const stage = <T>(name: string, fn: () => T): T => {
    if (stages.length >= upto) return undefined as T;
    const t = performance.now();
    const c = process.cpuUsage();
    const value = fn();
    const d = process.cpuUsage(c);
    stages.push({ name, wallMs: performance.now() - t, cpuMs: (d.user + d.system) / 1000 });
    return value;
  };
  const text = stage('read', () => readFileSync(file, 'utf8'));
  const parsed = stage('parse', () => parse(text));
  const model = stage('model', () => buildModel([{ uri: file, parse: parsed }]));
  stage('built-in checks', () => checkModel(model));
  stage('rule order + shadow analysis', () => analysePolicy(model));
  // The shadow rules find the analysis cached on the model, so this is the other rules' cost.
  const found = stage('lint rules', () => runRules(model, RULES));
  const result = stage('suppressions, order', () => finishFile(file, parsed, modelDiagnostics(model, found, file), {}));
  stage('JSON output', () => formatJson([result]));
  const total = process.cpuUsage(c0);
  const totalWallMs = performance.now() - t0;
  // GC entries are delivered asynchronously; the caller awaits a tick before reading gcMs.
  return {
    stages,
    totalWallMs,
    totalCpuMs: (total.user + total.system) / 1000,
    get gcMs() {
      obs.disconnect();
      return gcMs;
    },
    heapMb: process.memoryUsage().rss / 1e6,
  };
}

if (/stages(\.bundle)?\.m?js$/.test(process.argv[1] ?? '') && process.argv[2]) {
  const r = runStages(process.argv[2], process.argv[3] !== undefined ? Number(process.argv[3]) : Infinity);
  setTimeout(() => console.log(JSON.stringify({ ...r, gcMs: r.gcMs })), 50);
}
