// `npm run bench`: the toolchain's performance figures, each beside its target, ending with one
// table of targets met or missed. Targets are checked here, by figures a person reads, never by
// timed unit tests.
//
//   npm run bench                                       # every figure (several minutes)
//   npm run bench -- --quick                            # fewer runs, no 10,000-rule policy
//   ATTLS_PEER_V2=/path/TTLSCHKv1.0.py npm run bench    # also time the peer checker, side by side
//
// The bench fetches nothing: the peer checker (TTLSCHKv1.0.py, in the public repository
// aididican/MFNET) runs only when a copy is named. Wall-clock figures depend on what else the
// machine runs, so the load average is printed at the start and the end, CPU time is printed
// beside wall time, and the figures compared with each other are taken interleaved, run by run.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildModel, parse } from '@attls/language';
import { compilePolicy } from '@attls/evaluate';
import { repoRoot } from '../support/shared.js';
import { connections, csvOf, evaluateBench } from './evaluate.js';
import { generatePolicy } from './generate.js';
import { benchServer } from './server.js';
import type { StageTimes } from './stages.js';

const quick = process.argv.includes('--quick');
const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '?');
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
}

const bin = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');
const dir = join(repoRoot, 'test-results', 'bench');

/** One line of the closing table. `met` is undefined when the figure could not be taken. */
interface Target {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  readonly met: boolean | undefined;
}
const targets: Target[] = [];

/** A generated policy written to test-results/bench. */
function policyFile(rules: number): { file: string; text: string; mb: number; lines: number } {
  const text = generatePolicy({ rules });
  const file = join(dir, `policy-${rules}.ttls`);
  writeFileSync(file, text);
  return { file, text, mb: Buffer.byteLength(text) / 1e6, lines: text.split('\n').length };
}

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMb: number;
}

/** A command in a fresh process: wall clock, CPU time (user + sys) and peak RSS, from /usr/bin/time. */
function timed(args: readonly string[], ok: (status: number | null) => boolean, stdout: 'pipe' | number = 'pipe'): Run {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', stdout, 'pipe'] });
  const wallMs = performance.now() - t;
  if (!ok(r.status)) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const [user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wallMs, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000, rssMb: (kb ?? NaN) / 1024 };
}

const summary = (runs: readonly Run[]): Run & { minWallMs: number; maxWallMs: number } => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  cpuMs: median(runs.map((r) => r.cpuMs)),
  rssMb: Math.max(...runs.map((r) => r.rssMb)),
  minWallMs: Math.min(...runs.map((r) => r.wallMs)),
  maxWallMs: Math.max(...runs.map((r) => r.wallMs)),
});

const lintArgs = (file: string): string[] => [process.execPath, bin, 'lint', '--format', 'json', file];
const lintOk = (s: number | null): boolean => s === 0 || s === 1;

function section(title: string): void {
  console.log(`\n== ${title}`);
}

/** The peer checker's path, or why it is not run. */
function peerScript(): { script: string } | { why: string } {
  const script = process.env['ATTLS_PEER_V2'];
  if (!script) return { why: 'not run: set ATTLS_PEER_V2 to a copy of TTLSCHKv1.0.py (public repository aididican/MFNET) to compare' };
  if (!existsSync(script)) return { why: `not run: ATTLS_PEER_V2 names ${script}, which does not exist` };
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return { why: 'not run: python3 is not on the PATH' };
  return { script };
}

/** Cold `attls lint` of the 2,000-rule policy, interleaved run by run with the peer checker. */
function lintAgainstPeer(p: ReturnType<typeof policyFile>): number {
  const n = quick ? 5 : 11;
  const peer = peerScript();
  const ours: Run[] = [];
  const theirs: Run[] = [];
  for (let i = 0; i < n; i++) {
    ours.push(timed(lintArgs(p.file), lintOk));
    // The peer prints its findings; a non-zero exit means it found problems, not that it failed.
    if ('script' in peer) theirs.push(timed(['python3', peer.script, p.file], (s) => s !== null && s < 2));
  }
  const a = summary(ours);
  section(`Cold lint of the generated 2,000-rule policy (${p.lines} lines, ${fmt(p.mb, 2)} MB), ${n} runs`);
  console.log(`attls lint --format json: ${fmt(a.wallMs, 0)} ms wall median (${fmt(a.minWallMs, 0)}-${fmt(a.maxWallMs, 0)}), CPU ${fmt(a.cpuMs, 0)} ms, peak RSS ${fmt(a.rssMb)} MB`);
  if ('why' in peer) {
    console.log(`peer checker TTLSCHK v2: ${peer.why}`);
    targets.push({ figure: 'attls lint, 2,000 rules, cold, vs TTLSCHK v2', measured: `${fmt(a.wallMs, 0)} ms; peer not run`, target: 'ratio <= 1.0 (stretch 0.7)', met: undefined });
  } else {
    const b = summary(theirs);
    const ratio = a.wallMs / b.wallMs;
    console.log(`peer checker TTLSCHK v2:  ${fmt(b.wallMs, 0)} ms wall median (${fmt(b.minWallMs, 0)}-${fmt(b.maxWallMs, 0)}), CPU ${fmt(b.cpuMs, 0)} ms, peak RSS ${fmt(b.rssMb)} MB (runs interleaved with ours)`);
    console.log(`ratio of medians attls / peer: ${fmt(ratio, 2)} by wall clock, ${fmt(a.cpuMs / b.cpuMs, 2)} by CPU time (target <= 1.0, stretch 0.7)`);
    targets.push({ figure: 'attls lint, 2,000 rules, cold, vs TTLSCHK v2', measured: `${fmt(a.wallMs, 0)} ms vs ${fmt(b.wallMs, 0)} ms = ${fmt(ratio, 2)}`, target: 'ratio <= 1.0 (stretch 0.7)', met: ratio <= 1.0 });
  }
  return a.wallMs / p.mb;
}

/** The per-stage split of one cold `attls lint`, in fresh processes: medians. */
function coldStages(file: string): void {
  const runs = quick ? 3 : 5;
  const all: StageTimes[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [join(repoRoot, 'test', 'out', 'bench', 'stages.js'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    all.push(JSON.parse(r.stdout) as StageTimes);
  }
  const names = all[0]!.stages.map((s) => s.name);
  const total = median(all.map((a) => a.totalWallMs));
  console.log(`Stage by stage, one fresh process per run (median of ${runs}; wall / CPU ms; CPU includes V8's compiler and collector threads):`);
  names.forEach((n, i) => {
    const w = median(all.map((a) => a.stages[i]!.wallMs));
    const c = median(all.map((a) => a.stages[i]!.cpuMs));
    console.log(`  ${n.padEnd(30)} ${fmt(w).padStart(7)} / ${fmt(c).padStart(7)}  ${fmt((100 * w) / total, 0).padStart(3)}%`);
  });
  console.log(`  ${'all stages'.padEnd(30)} ${fmt(total).padStart(7)} / ${fmt(median(all.map((a) => a.totalCpuMs))).padStart(7)}   (garbage collection ${fmt(median(all.map((a) => a.gcMs)))} ms of it)`);
  console.log('  (the process itself adds Node start-up and loading the bundle, about 60-80 ms, to the command above)');
}

/** Cold lint of the 10,000-rule policy: time per MB against the 2,000-rule figure. */
function largePolicy(msPerMb2k: number): void {
  const p = policyFile(10_000);
  const r = summary([0, 1, 2].map(() => timed(lintArgs(p.file), lintOk)));
  const perMb = r.wallMs / p.mb;
  const ratio = perMb / msPerMb2k;
  section(`Cold lint of a 10,000-rule policy (${p.lines} lines, ${fmt(p.mb, 1)} MB), 3 runs`);
  console.log(`attls lint --format json: ${fmt(r.wallMs, 0)} ms wall median, CPU ${fmt(r.cpuMs, 0)} ms, peak RSS ${fmt(r.rssMb)} MB`);
  console.log(`${fmt(perMb, 0)} ms per MB against ${fmt(msPerMb2k, 0)} ms per MB at 2,000 rules: ${fmt(ratio, 2)}x (target <= 1.3x)`);
  targets.push({ figure: 'attls lint, 10,000 rules: time per MB vs 2,000 rules', measured: `${fmt(perMb, 0)} vs ${fmt(msPerMb2k, 0)} ms/MB = ${fmt(ratio, 2)}x`, target: '<= 1.3x', met: ratio <= 1.3 });
}

/** `attls match --batch` of a million connections, summary format, cold process. */
function batchMillion(p: ReturnType<typeof policyFile>): void {
  const policy = compilePolicy(buildModel([{ uri: p.file, parse: parse(p.text) }]));
  const csv = join(dir, 'connections-1m.csv');
  const fd = openSync(csv, 'w');
  // Written a hundred thousand at a time, so that the bench itself stays small.
  for (let done = 0; done < 1_000_000; done += 100_000) {
    const chunk = csvOf(connections(policy, 100_000, 12 + done));
    writeSync(fd, done === 0 ? chunk : chunk.slice(chunk.indexOf('\n') + 1));
  }
  closeSync(fd);
  const n = quick ? 1 : 3;
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const out = openSync(join(dir, 'batch-1m.summary'), 'w');
    try {
      runs.push(timed([process.execPath, bin, 'match', p.file, '--batch', csv, '--format', 'summary'], (s) => s === 0, out));
    } finally {
      closeSync(out);
    }
  }
  const r = summary(runs);
  section(`attls match --batch, 1,000,000 connections against the 2,000-rule policy, --format summary (${n} run${n === 1 ? '' : 's'})`);
  console.log(`${fmt(r.wallMs, 0)} ms wall median (${fmt(r.minWallMs, 0)}-${fmt(r.maxWallMs, 0)}), CPU ${fmt(r.cpuMs, 0)} ms, peak RSS ${fmt(r.rssMb)} MB = ${fmt(1_000_000 / r.wallMs, 0)}k connections/s end to end`);
  targets.push({ figure: 'attls match --batch, 1,000,000 connections, summary', measured: `${fmt(r.wallMs / 1000, 2)} s, ${fmt(r.rssMb, 0)} MB peak`, target: '<= 3 s, <= 300 MB', met: r.wallMs <= 3000 && r.rssMb <= 300 });
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  console.log(`attls benchmarks${quick ? ' (--quick)' : ''}: Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average at start ${load()}`);
  const p2k = policyFile(2000);
  const msPerMb2k = lintAgainstPeer(p2k);
  coldStages(p2k.file);
  if (quick) console.log('\n== Cold lint of a 10,000-rule policy: skipped (--quick)');
  else largePolicy(msPerMb2k);
  batchMillion(p2k);
  evaluateBench(p2k.file, p2k.text);
  const lsp = await benchServer();
  targets.push({ figure: 'language server, 10,000 lines: hover right after a one-character edit', measured: `p95 ${fmt(lsp.hoverAfterEdit.p95)} ms`, target: 'p95 <= 50 ms', met: lsp.hoverAfterEdit.p95 <= 50 });
  targets.push({ figure: 'language server: diagnostics after an edit, with the debounce', measured: `p95 ${fmt(lsp.diagnosticsAfterEdit.p95, 0)} ms (debounce ${lsp.debounceMs} ms)`, target: '<= 400 ms', met: lsp.diagnosticsAfterEdit.p95 <= 400 });

  section('Targets');
  const w = Math.max(...targets.map((t) => t.figure.length));
  const m = Math.max(...targets.map((t) => t.measured.length));
  for (const t of targets) console.log(`  ${t.met === undefined ? 'not measured' : t.met ? 'met         ' : 'MISSED      '}  ${t.figure.padEnd(w)}  ${t.measured.padEnd(m)}  target ${t.target}`);
  console.log(`\nload average at the end ${load()}`);
}

await main();
