// `npm run bench`: prints every performance figure of the toolchain. Targets are checked here, by
// figures a person reads, never by timed unit tests.
//
//   npm run bench                      # everything (a few minutes)
//   npm run bench -- --quick           # the 2,000-rule figures and the language server only
//   ATTLS_TTLSCHK=/tmp/ttlschk/TTLSCHK.py npm run bench    # also time the Python TTLSCHK checker
//
// Wall-clock figures depend on what else the machine runs: the load average is printed at the
// start and the end, and CPU time (which other load does not inflate) is printed beside them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analysePolicy, compilePolicy, csvRows, matchBatch, readBatchHeader, RuleIndex } from '@attls/evaluate';
import { buildModel, modelFindings, parse } from '@attls/language';
import { finishFile, formatJson, RULES, runRules } from '@attls/lint';
import { repoRoot } from '../support/shared.js';
import { connections, csvOf, evaluateBench } from './evaluate.js';
import { generatePolicy } from './generate.js';
import { benchServer } from './server.js';
import type { StageTimes } from './stages.js';

const quick = process.argv.includes('--quick');
const fmt = (n: number, d = 1): string => n.toFixed(d);
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const bin = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');
const dir = join(repoRoot, 'test-results', 'bench');

/** A generated policy written to test-results/bench. */
function policyFile(rules: number): { file: string; text: string; mb: number; lines: number } {
  const text = generatePolicy({ rules });
  const file = join(dir, `policy-${rules}.ttls`);
  writeFileSync(file, text);
  return { file, text, mb: Buffer.byteLength(text) / 1e6, lines: text.split('\n').length };
}

/** A command in a fresh process: wall clock, CPU time (user + sys) and peak RSS, from /usr/bin/time. */
function timed(args: readonly string[], cwd?: string): { wallMs: number; cpuMs: number; rssMb: number; status: number | null; stderr: string } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...args], { encoding: 'utf8', maxBuffer: 1 << 30, cwd });
  const wallMs = performance.now() - t;
  const [user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wallMs, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000, rssMb: (kb ?? NaN) / 1024, status: r.status, stderr: r.stderr };
}

/** Runs a command n times; medians of wall and CPU, the largest peak RSS. */
function repeat(n: number, args: readonly string[], cwd?: string, ok: (status: number | null) => boolean = (s) => s !== 2): { wallMs: number; cpuMs: number; rssMb: number; minWallMs: number } {
  const runs = [];
  for (let i = 0; i < n; i++) {
    const r = timed(args, cwd);
    if (!ok(r.status)) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    runs.push(r);
  }
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    minWallMs: Math.min(...runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
  };
}

/** Collects garbage when the bench runs with --expose-gc (npm run bench does). */
const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

/**
 * In-process stage times after a warm-up: medians of `runs` runs. Garbage is collected before each
 * stage, so that a stage is not charged for collecting what earlier runs left behind.
 */
function warmStages(file: string, text: string, runs: number): Record<string, number> {
  const acc: Record<string, number[]> = {};
  const add = (k: string, ms: number): void => void (acc[k] ??= []).push(ms);
  for (let i = 0; i <= runs; i++) {
    collect();
    let t = performance.now();
    const step = (k: string): void => {
      const now = performance.now();
      if (i > 0) add(k, now - t);
      collect();
      t = performance.now();
    };
    const p = parse(text);
    step('parse');
    const model = buildModel([{ uri: file, parse: p }]);
    step('model + built-in checks');
    analysePolicy(model);
    step('shadow analysis');
    runRules(model, RULES);
    step('other lint rules');
    formatJson([finishFile(file, p, modelFindings(model, file), {})]);
    step('suppressions + JSON');
  }
  const out: Record<string, number> = {};
  for (const [k, xs] of Object.entries(acc)) out[k] = median(xs);
  return out;
}

/** The per-stage split of one cold `attls lint`, in fresh processes: medians of `runs`. */
function coldStages(file: string, runs: number): { stages: [string, number, number][]; totalWall: number; totalCpu: number; gc: number } {
  const all: StageTimes[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [join(repoRoot, 'test', 'out', 'bench', 'stages.js'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    all.push(JSON.parse(r.stdout) as StageTimes);
  }
  const names = all[0]!.stages.map((s) => s.name);
  return {
    stages: names.map((n, i) => [n, median(all.map((a) => a.stages[i]!.wallMs)), median(all.map((a) => a.stages[i]!.cpuMs))]),
    totalWall: median(all.map((a) => a.totalWallMs)),
    totalCpu: median(all.map((a) => a.totalCpuMs)),
    gc: median(all.map((a) => a.gcMs)),
  };
}

/** Runs the Python TTLSCHK on a file when ATTLS_TTLSCHK names the script (it reads ./pagtst.txt). */
function ttlschk(file: string, runs: number): { wallMs: number; cpuMs: number; rssMb: number } | string {
  const script = process.env['ATTLS_TTLSCHK'];
  if (!script) return 'not run: set ATTLS_TTLSCHK to the path of TTLSCHK.py (https://github.com/aididican/MFNET) to compare';
  if (!existsSync(script)) return `not run: ${script} does not exist`;
  const work = mkdtempSync(join(tmpdir(), 'ttlschk-'));
  try {
    copyFileSync(file, join(work, 'pagtst.txt'));
    return repeat(runs, ['python3', script], work, (s) => s === 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function section(title: string): void {
  console.log(`\n== ${title}`);
}

function main(): void {
  mkdirSync(dir, { recursive: true });
  console.log(`attls benchmarks: Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average at start ${load()}`);

  const p2k = policyFile(2000);
  section(`Generated policy: 2000 rules, ${p2k.lines} lines, ${fmt(p2k.mb, 2)} MB (${p2k.file})`);

  const warm = warmStages(p2k.file, p2k.text, 5);
  const warmTotal = Object.values(warm).reduce((a, b) => a + b, 0);
  console.log('In process, warm (median of 5 after one warm-up):');
  for (const [k, ms] of Object.entries(warm)) console.log(`  ${k.padEnd(28)} ${fmt(ms).padStart(7)} ms  ${fmt((100 * ms) / warmTotal, 0).padStart(3)}%`);
  console.log(`  ${'whole lint'.padEnd(28)} ${fmt(warmTotal).padStart(7)} ms  = ${fmt(p2k.mb / (warmTotal / 1000))} MB/s`);

  const cold = coldStages(p2k.file, quick ? 3 : 5);
  console.log(`Cold, one fresh process per run (median of ${quick ? 3 : 5}; wall / CPU ms, CPU includes V8's compiler and collector threads):`);
  for (const [k, w, c] of cold.stages) console.log(`  ${k.padEnd(28)} ${fmt(w).padStart(7)} / ${fmt(c).padStart(7)}`);
  console.log(`  ${'all stages'.padEnd(28)} ${fmt(cold.totalWall).padStart(7)} / ${fmt(cold.totalCpu).padStart(7)}   (garbage collection ${fmt(cold.gc)} ms of it)`);

  const lint = repeat(quick ? 5 : 9, [process.execPath, bin, 'lint', '--format', 'json', p2k.file]);
  console.log(`attls lint --format json, cold process: ${fmt(lint.wallMs, 0)} ms wall median (min ${fmt(lint.minWallMs, 0)}), CPU ${fmt(lint.cpuMs, 0)} ms, peak RSS ${fmt(lint.rssMb)} MB   (targets < 800 ms, < 300 MB)`);
  const py = ttlschk(p2k.file, 3);
  if (typeof py === 'string') console.log(`Python TTLSCHK: ${py}`);
  else {
    console.log(`Python TTLSCHK on the same file: ${fmt(py.wallMs, 0)} ms wall median of 3, CPU ${fmt(py.cpuMs, 0)} ms, peak RSS ${fmt(py.rssMb)} MB`);
    console.log(`  attls lint is ${fmt(py.wallMs / lint.wallMs, 2)}x faster by wall clock, ${fmt(py.cpuMs / lint.cpuMs, 2)}x by CPU time   (target >= 1.5x)`);
  }

  evaluateBench(p2k.file, p2k.text, dir);

  if (!quick) scaling(p2k);
  console.log(`\nload average at the end ${load()}`);
}

/** How each figure grows from 500 to 2,000 to 8,000 rules (each step is 4 times the policy). */
function scaling(p2k: ReturnType<typeof policyFile>): void {
  const sizes = [500, 2000, 8000];
  const rows: Record<string, number[]> = {};
  const add = (k: string, v: number): void => void (rows[k] ??= []).push(v);
  const shadowStats: string[] = [];
  for (const n of sizes) {
    const p = n === 2000 ? p2k : policyFile(n);
    const warm = warmStages(p.file, p.text, n === 8000 ? 3 : 5);
    for (const [k, ms] of Object.entries(warm)) add(`${k} (warm)`, ms);
    const model = buildModel([{ uri: p.file, parse: parse(p.text) }]);
    const a = analysePolicy(model);
    shadowStats.push(`${n} rules: ${a.stats.candidatePairs} candidate pairs, ${a.stats.boxOperations} box operations, ${a.stats.undecided} undecided`);
    // Batch matching in process: 100,000 connections from CSV through the index.
    const policy = compilePolicy(model);
    const csv = csvOf(connections(policy, 100_000, 12));
    const t = performance.now();
    const index = new RuleIndex(policy);
    for (const _ of matchBatch(index, readBatchHeader(csvRows(csv)))) void _;
    add('match 100,000 in process', performance.now() - t);
    const lint = repeat(3, [process.execPath, bin, 'lint', '--format', 'json', p.file]);
    add('attls lint cold (wall)', lint.wallMs);
    add('attls lint cold (CPU)', lint.cpuMs);
    add('attls lint peak RSS (MB)', lint.rssMb);
    const csvFile = join(dir, `connections-${n}.csv`);
    writeFileSync(csvFile, csv);
    const batch = repeat(3, [process.execPath, bin, 'match', p.file, '--batch', csvFile, '--format', 'summary'], undefined, (s) => s === 0);
    add('attls match --batch 100k cold (wall)', batch.wallMs);
    add('attls match --batch 100k cold (CPU)', batch.cpuMs);
  }
  section('Scaling: the same figures at 500, 2,000 and 8,000 rules (each step is 4x the policy; linear growth is 4.0x)');
  console.log(`  ${'figure'.padEnd(38)} ${sizes.map((s) => `${s} rules`.padStart(12)).join('')}   growth 500->2000, 2000->8000`);
  for (const [k, v] of Object.entries(rows)) {
    const unit = k.includes('MB') ? '' : ' ms';
    console.log(`  ${k.padEnd(38)} ${v.map((x) => `${fmt(x, x < 10 ? 1 : 0)}${unit}`.padStart(12)).join('')}   ${fmt(v[1]! / v[0]!, 2)}x, ${fmt(v[2]! / v[1]!, 2)}x`);
  }
  console.log('  (match batch figures hold the number of connections fixed, so they grow with the index, not with the connections)');
  console.log(`  shadow analysis work: ${shadowStats.join('; ')}`);
}

main();
await benchServer();
