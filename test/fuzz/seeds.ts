// Seeds for the fuzzer: every corpus file, the example policy, a pasearch report and generated policies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePolicy } from '../bench/generate.js';
import { corpusDir, repoRoot } from '../support/shared.js';
import type { FuzzInput } from './harness.js';

export function fuzzSeeds(): FuzzInput[] {
  const corpus = corpusDir;
  const out: FuzzInput[] = readdirSync(corpus)
    .filter((f) => f.endsWith('.conf'))
    .sort()
    .map((f) => ({ label: f, text: readFileSync(join(corpus, f), 'utf8') }));
  out.push({ label: 'example', text: readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8') });
  out.push({ label: 'pasearch report', text: readFileSync(join(repoRoot, 'test', 'fixtures', 'pasearch', 'easyattls.report'), 'utf8') });
  out.push({ label: 'generated 5 rules', text: generatePolicy({ rules: 5, seed: 3 }) });
  out.push({ label: 'generated 40 rules', text: generatePolicy({ rules: 40, seed: 5 }) });
  return out;
}
