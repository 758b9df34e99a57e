// The fixed-seed fuzz set run by `npm test`: mutated corpus files and generated policies, plus one
// each of the hostile shapes (a megabyte on one line, deep nesting, a policy repeated to
// megabytes), through parse, lint, match, fmt and every service feature. `npm run fuzz` runs the
// same harness for as long as asked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePolicy } from '../bench/generate.js';
import { random } from '../support/random.js';
import { longLine, makeInput, runCase, type Finding } from './harness.js';
import { fuzzSeeds } from './seeds.js';
import { portAndJobRules } from '../support/overlap.js';
import { repoRoot } from '../support/shared.js';

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

  it('hostile shapes: megabyte lines, deep nesting, a repeated policy, names of thousands of characters, shared blocks, a report of thousands of images, rules that all partly overlap', () => {
    const rnd = random(4711);
    const inputs = [
      longLine(rnd),
      longLine(rnd),
      { label: 'nesting 20000', text: `TTLSRule r\n${'{\n'.repeat(20000)}${'}\n'.repeat(20000)}` },
      { label: 'generated 700 rules (1 MB)', text: generatePolicy({ rules: 700, seed: 9 }) },
      { label: '800 rules sharing a list of 8,000 codes and a group of 800 address sets', text: sharedBlocks(800, 8000) },
      // Each image of a report was linted on a policy text as long as the whole report.
      { label: 'a pasearch report after 4,000 headers of other images', text: manyImages(4000) },
      // Fuzz seed 1207, case 25992: an undefined name 5,000 characters from a defined one of 25,000
      // kept the did-you-mean busy for 8 s.
      // Rules by port and by job name, each taking part of the others' connections: with 1,000 of
      // each the shadow analysis ran for more than ten minutes on 260 KB, attls diff for 72 s.
      { label: '600 rules by port and 600 by job name', text: portAndJobRules(1200) },
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

/** Rules that each have their own environment but share one cipher list and one address group. */
function sharedBlocks(rules: number, codes: number): string {
  const out = [`TTLSCipherParms c\n{\n  V3CipherSuites4Char ${'C02F'.repeat(codes)}\n}\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\nIpAddrGroup net\n{`];
  for (let i = 0; i < rules; i++) out.push(`  IpAddrSetRef s${i}`);
  out.push('}');
  for (let i = 0; i < rules; i++) {
    out.push(`IpAddrSet s${i}\n{\n  Prefix 10.${i >> 8}.${i & 255}.0/24\n}`);
    out.push(`TTLSRule r${i}\n{\n  RemoteAddrGroupRef net\n  LocalPortRange ${1000 + i}\n  Direction Inbound\n  TTLSGroupActionRef g\n  TTLSEnvironmentActionRef e${i}\n}`);
    out.push(`TTLSEnvironmentAction e${i}\n{\n  HandshakeRole Server\n  TTLSCipherParmsRef c\n  TTLSKeyringParms\n  {\n    Keyring R${i}\n  }\n}`);
  }
  return out.join('\n') + '\n';
}

/** A real pasearch report after the headers of many images without rules. */
function manyImages(images: number): string {
  const report = readFileSync(join(repoRoot, 'test', 'fixtures', 'pasearch', 'easyattls.report'), 'utf8');
  const header = report.split('\n').slice(0, 4).join('\n');
  const out: string[] = [];
  for (let i = 0; i < images; i++) out.push(header.replace('Image Name: TCPIP', `Image Name: TCP${i}`));
  out.push(report);
  return out.join('\n');
}
