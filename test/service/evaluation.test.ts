// The editor's view of rule evaluation through @attls/evaluate: order, shadowing and overlap in
// code lenses, and attls/match answers, on the example policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRules, getCodeLenses, getHover, matchConnection, MatchInputError, Workspace } from '@attls/service';
import type { MarkupContent } from 'vscode-languageserver-types';
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

// Range overlaps Web with other actions (443 goes to Web first, 400-500 otherwise to Range); Twin
// overlaps Web too but with the same actions, which changes nothing for a connection; every port of
// Hidden is taken by Range first.
const OVERLAP = `TTLSRule Web
{
  Priority 20
  Direction Inbound
  LocalPortRange 443
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eWeb
}
TTLSRule Twin
{
  Priority 15
  Direction Inbound
  LocalPortRange 443-444
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eWeb
}
TTLSRule Range
{
  Priority 10
  Direction Inbound
  LocalPortRange 400-500
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eOther
}
TTLSRule Hidden
{
  Priority 5
  Direction Inbound
  LocalPortRange 450
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eOther
}
TTLSGroupAction gOn
{
  TTLSEnabled On
}
TTLSEnvironmentAction eWeb
{
  HandshakeRole Server
}
TTLSEnvironmentAction eOther
{
  HandshakeRole Server
}
`;

describe('service: overlap and shadowing through the real evaluator', () => {
  const uri = 'file:///work/overlap.ttls';
  const ws = new Workspace({ evaluator: evaluateRules });
  ws.setDocument(uri, OVERLAP, 1);
  const snap = ws.snapshot(uri)!;
  const line = (name: string): number => OVERLAP.split('\n').indexOf(`TTLSRule ${name}`);
  const lenses = (name: string): { title: string; args: unknown }[] =>
    getCodeLenses(snap)
      .filter((l) => l.range.start.line === line(name))
      .map((l) => ({ title: l.command!.title, args: l.command!.arguments }));
  const hover = (name: string): string => (getHover(snap, { line: line(name), character: 'TTLSRule '.length + 1 })!.contents as MarkupContent).value;

  it('puts "overlaps" on a rule whose connections are partly taken by a rule with other actions, linked to that rule', () => {
    assert.deepEqual(lenses('Range'), [
      { title: '#3 in order, priority 10', args: [uri, 'Range'] },
      { title: 'overlaps Web, Twin', args: [uri, 'Web'] },
    ]);
  });

  it('says nothing more when the earlier rule has the same actions', () => {
    assert.deepEqual(lenses('Twin'), [{ title: '#2 in order, priority 15', args: [uri, 'Twin'] }]);
  });

  it('puts "shadowed by" (not "overlaps") on a rule that never matches', () => {
    assert.deepEqual(lenses('Hidden'), [
      { title: '#4 in order, priority 5', args: [uri, 'Hidden'] },
      { title: 'shadowed by Range', args: [uri, 'Range'] },
    ]);
  });

  it('names the overlapping rules in the hover of the rule name', () => {
    const value = hover('Range');
    assert.match(value, /\*\*#3\*\* of 4 in evaluation order, priority 10\./);
    assert.match(value, /Overlaps `Web`, `Twin`: some of its connections are taken by those rules first\./);
    assert.doesNotMatch(value, /Shadowed/);
    assert.doesNotMatch(hover('Twin'), /Overlaps|Shadowed/);
  });

  it('names the shadowing rule in the hover of a shadowed rule', () => {
    const value = hover('Hidden');
    assert.match(value, /\*\*#4\*\* of 4 in evaluation order, priority 5\./);
    assert.match(value, /Shadowed by `Range`: it never matches a connection\./);
    assert.doesNotMatch(value, /Overlaps/);
  });
});
