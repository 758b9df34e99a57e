// The fixed-seed fuzz set run by `npm test`: mutated corpus files and generated policies, plus one
// each of the hostile shapes (a megabyte on one line, deep nesting, a policy repeated to
// megabytes), through parse, lint, match, fmt and every service feature. `npm run fuzz` runs the
// same harness for as long as asked.
import assert from 'node:assert/strict';
import { generatePolicy } from '../bench/generate.js';
import { random } from '../support/random.js';
import { longLine, makeInput, runCase, type Finding } from './harness.js';
import { fuzzSeeds } from './seeds.js';

/** Findings that fail a run; "slow" alone is only reported (a busy machine is not a bug). */
const failing = (f: Finding): boolean => f.kind !== 'slow';

function show(label: string, text: string, findings: readonly Finding[]): string {
  return `${label} (${text.length} chars): ${findings.map((f) => `${f.kind} in ${f.stage}: ${f.message.split('\n').slice(0, 4).join(' | ')}`).join('; ')}`;
}

describe('fuzz (fixed seeds)', function () {
  this.timeout(120_000);
  const seeds = fuzzSeeds();

  it('mutated policies: no exception, no hang, no token lost by fmt, index agrees with the scan, --fix safe (150 cases)', () => {
    const rnd = random(8_2026);
    const problems: string[] = [];
    for (let i = 0; i < 150; i++) {
      const input = makeInput(rnd, seeds, false);
      const r = runCase(input.text, rnd);
      const bad = r.findings.filter(failing);
      if (bad.length > 0) problems.push(`case ${i} ${show(input.label, input.text, bad)}`);
    }
    assert.deepEqual(problems, []);
  });

  it('hostile shapes: megabyte lines, deep nesting, a repeated policy, names of thousands of characters', () => {
    const rnd = random(4711);
    const inputs = [
      longLine(rnd),
      longLine(rnd),
      { label: 'nesting 20000', text: `TTLSRule r\n${'{\n'.repeat(20000)}${'}\n'.repeat(20000)}` },
      { label: 'generated 700 rules (1 MB)', text: generatePolicy({ rules: 700, seed: 9 }) },
      // Fuzz seed 1207, case 25992: an undefined name 5,000 characters from a defined one of 25,000
      // kept the did-you-mean busy for 8 s.
      { label: 'names of 30,000 and 25,000 characters', text: `TTLSRule r\n{\n  TTLSGroupActionRef g${'x'.repeat(30_000)}\n}\nTTLSGroupAction g${'x'.repeat(25_000)}\n{\n  TTLSEnabled On\n}\n` },
    ];
    const problems: string[] = [];
    for (const input of inputs) {
      const r = runCase(input.text, rnd);
      const bad = r.findings.filter(failing);
      if (bad.length > 0) problems.push(show(input.label, input.text, bad));
    }
    assert.deepEqual(problems, []);
  });
});
