// --fix keeps what the policy does: over the fuzz corpus (mutated real policies and generated ones),
// the fixed text has no error finding the input did not have, and `attls match` answers every
// sample connection as before (test/fuzz/fix-property.ts says what is compared).
import assert from 'node:assert/strict';
import { checkFix } from '../fuzz/fix-property.js';
import { makeInput } from '../fuzz/harness.js';
import { fuzzSeeds } from '../fuzz/seeds.js';
import { random } from '../support/random.js';

describe('--fix: safe on fuzzed policies (property)', function () {
  this.timeout(120_000);

  it('1,500 fuzzed policies: no new error finding, the same match answers', () => {
    const rnd = random(18_4);
    const seeds = fuzzSeeds();
    const failing: string[] = [];
    let changed = 0;
    for (let i = 0; i < 1500; i++) {
      const input = makeInput(rnd, seeds, false);
      const r = checkFix(input.text);
      if (r.fixed > 0) changed++;
      if (r.problems.length > 0) failing.push(`case ${i} (${input.label}): ${r.problems.slice(0, 2).map((p) => `${p.kind} ${p.detail.slice(0, 160)}`).join('; ')}`);
    }
    assert.equal(failing.length, 0, `${failing.length} of 1500 --fix runs broke the property:\n${failing.slice(0, 20).join('\n')}`);
    // Not vacuous: --fix does change a good share of these texts.
    assert.ok(changed >= 250, `only ${changed} of 1500 texts were changed by --fix`);
  });
});
