// `npm run fuzz`: the long fuzz run. Mutated corpus files and generated policies, megabyte lines,
// deep nesting and huge repeated files through parse, lint, match, fmt and every service feature,
// for as long as asked. Prints progress, the slowest inputs per stage, and every finding; each
// failing (or slow) input is saved under test-results/fuzz/ with a note of what went wrong.
//
//   npm run fuzz                          # 10 minutes from a seed taken from the clock
//   npm run fuzz -- --seconds 60 --seed 42
//   npm run fuzz -- --cases 500 --hang-factor 2
//
// Exit status: 0 nothing found, 1 a failure (exception, hang, formatter loss, index disagreement,
// a --fix that adds an error or changes a match answer).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { random } from '../support/random.js';
import { repoRoot } from '../support/shared.js';
import { limitMs, makeInput, runCase, type Finding } from './harness.js';
import { fuzzSeeds } from './seeds.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    cases: { type: 'string' },
    seed: { type: 'string' },
    'hang-factor': { type: 'string' },
    out: { type: 'string' },
  },
});

const seconds = Number(values.seconds ?? (values.cases ? Infinity : 600));
const maxCases = Number(values.cases ?? Infinity);
const seed = Number(values.seed ?? Date.now() % 1_000_000_007);
const hangFactor = Number(values['hang-factor'] ?? 3);
const outDir = values.out ?? join(repoRoot, 'test-results', 'fuzz');

console.log(`attls fuzz: seed ${seed}, ${Number.isFinite(seconds) ? `${seconds} s` : `${maxCases} cases`}, hang = ${hangFactor} x max(1 s, 1 s/MB); findings go to ${outDir}`);
const rnd = random(seed);
const seeds = fuzzSeeds();
const start = performance.now();
let cases = 0;
let bytes = 0;
let failures = 0;
let slow = 0;
const counts = new Map<string, number>();
/** Slowest input per stage, relative to its limit. */
const slowest = new Map<string, { ratio: number; ms: number; label: string; size: number }>();
let lastReport = start;

function save(kind: 'fail' | 'slow', label: string, text: string, findings: readonly Finding[]): string {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `${kind}-${seed}-${cases}`);
  writeFileSync(`${base}.ttls`, text);
  writeFileSync(`${base}.json`, JSON.stringify({ seed, case: cases, label, size: text.length, findings }, null, 2) + '\n');
  return `${base}.ttls`;
}

while (cases < maxCases && performance.now() - start < seconds * 1000) {
  // One big input in twenty: they take as long as dozens of small ones.
  const input = makeInput(rnd, seeds, rnd() < 0.05);
  const r = runCase(input.text, rnd, { hangFactor });
  cases++;
  bytes += input.text.length;
  const limit = limitMs(input.text);
  for (const t of r.times) {
    const ratio = t.ms / limit;
    const prev = slowest.get(t.stage);
    if (!prev || ratio > prev.ratio) slowest.set(t.stage, { ratio, ms: t.ms, label: input.label, size: input.text.length });
  }
  const bad = r.findings.filter((f) => f.kind !== 'slow');
  for (const f of r.findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  if (bad.length > 0) {
    failures++;
    const file = save('fail', input.label, input.text, r.findings);
    console.log(`\nFAIL case ${cases} (${input.label}, ${input.text.length} chars) -> ${file}`);
    for (const f of bad) console.log(`  ${f.kind} in ${f.stage}: ${f.message.split('\n').slice(0, 6).join('\n    ')}`);
  } else if (r.findings.length > 0) {
    slow++;
    const file = save('slow', input.label, input.text, r.findings);
    console.log(`\nslow case ${cases} (${input.label}, ${input.text.length} chars) -> ${file}: ${r.findings.map((f) => `${f.stage} ${f.message}`).join('; ')}`);
  }
  const now = performance.now();
  if (now - lastReport > 5000) {
    lastReport = now;
    process.stdout.write(`\r${cases} cases, ${(bytes / 1e6).toFixed(1)} MB, ${((now - start) / 1000).toFixed(0)} s, ${failures} failing, ${slow} slow   `);
  }
}

const elapsed = (performance.now() - start) / 1000;
console.log(`\n\n${cases} cases (${(bytes / 1e6).toFixed(1)} MB) in ${elapsed.toFixed(0)} s, seed ${seed}: ${failures} failing, ${slow} only slow`);
if (counts.size > 0) console.log(`findings: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log('slowest input per stage (time / limit):');
for (const [stage, s] of [...slowest].sort((a, b) => b[1].ratio - a[1].ratio).slice(0, 12)) {
  console.log(`  ${stage.padEnd(28)} ${s.ms.toFixed(0).padStart(6)} ms = ${(s.ratio * 100).toFixed(0).padStart(3)}% of the limit  (${s.label}, ${(s.size / 1e6).toFixed(2)} MB)`);
}
process.exitCode = failures > 0 ? 1 : 0;
