// The editor's view of rule evaluation through @attls/evaluate: order, shadowing and overlap in
// code lenses, and attls/match answers, on the example policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRules, getCodeLenses, matchConnection, MatchInputError, Workspace } from '@attls/service';
import { repoRoot } from '../support/shared.js';

const URI = 'file:///examples/sysa-attls.ttls';
const text = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');

describe('service: rule evaluation from @attls/evaluate', () => {
  const ws = new Workspace({ evaluator: evaluateRules, matcher: matchConnection });
  ws.setDocument(URI, text, 1);
  const snap = ws.snapshot(URI)!;

  it('puts order, priority and shadowing on the rules as lenses', () => {
    const titles = getCodeLenses(snap).map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
    assert.ok(titles.includes('14: #1 in order, priority 500'), titles.join('\n'));
    assert.ok(titles.includes('58: #5 in order, priority 100'), titles.join('\n'));
    assert.ok(titles.includes('58: shadowed by MonitorExempt'), titles.join('\n'));
  });

  it('answers a connection with the JSON of attls match', () => {
    const answer = matchConnection(snap.model, { direction: 'outbound', remotePort: 9005, jobname: 'MONAGT01' }) as {
      rule: { name: string; order: number } | null;
      secured: boolean;
      trace: { rule: string; matched: boolean }[];
    };
    assert.equal(answer.rule?.name, 'MonitorExempt');
    assert.equal(answer.rule?.order, 4);
    assert.equal(answer.secured, false);
    assert.deepEqual(answer.trace.filter((t) => !t.matched).map((t) => t.rule), ['TN3270Secure', 'FTPServerControl', 'CICSPaymentsOut']);
  });

  it('refuses a connection it cannot read, saying why', () => {
    assert.throws(() => matchConnection(snap.model, { direction: 'sideways' }), (e: unknown) => e instanceof MatchInputError && /direction/.test((e as Error).message));
    assert.throws(() => matchConnection(snap.model, null), MatchInputError);
  });
});
