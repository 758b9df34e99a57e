// Code lenses on the properties of a case file: "holds", or "fails: ..." whose command carries the
// counterexample and the answer attls/match gives for it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchConnection, Workspace } from '@attls/service';
import { caseFilePolicyUris, getPropertyLenses, MATCH_CONNECTION_COMMAND, type MatchConnectionArgument } from '@attls/service/property-lenses';
import { repoRoot } from '../support/shared.js';

const CASES_URI = 'file:///ws/examples/sysa-properties.yaml';
const POLICY_URI = 'file:///ws/examples/sysa-attls.ttls';
const cases = readFileSync(join(repoRoot, 'examples', 'sysa-properties.yaml'), 'utf8');
const policy = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');

/** 0-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

describe('service: property lenses in a case file', () => {
  it('resolves the policy files against the case file', () => {
    assert.deepEqual(caseFilePolicyUris(CASES_URI, cases), [POLICY_URI]);
    assert.deepEqual(caseFilePolicyUris(CASES_URI, 'policy: [../common.ttls, stack.ttls]\n'), ['file:///ws/common.ttls', 'file:///ws/examples/stack.ttls']);
    assert.equal(caseFilePolicyUris(CASES_URI, 'cases: [\n'), undefined);
  });

  it('"holds" on a property that holds, "fails: ..." with the counterexample on one that fails', () => {
    const lenses = getPropertyLenses(CASES_URI, cases, new Map([[POLICY_URI, policy]]));
    assert.equal(lenses.length, 2);
    const [holds, fails] = lenses as [(typeof lenses)[0], (typeof lenses)[0]];
    assert.equal(holds.range.start.line, lineOf(cases, 'name: FTP control'));
    assert.deepEqual(holds.command, { title: 'holds (every connection: 2 regions checked)', command: '' });
    assert.equal(fails.range.start.line, lineOf(cases, 'name: every inbound connection'));
    assert.equal(fails.command?.title, 'fails: inbound, local 0.0.0.0 port 992, remote 0.0.0.0 port 1, job A, user A: no rule matches, so AT-TLS does not secure it');
    assert.equal(fails.command?.command, MATCH_CONNECTION_COMMAND);
    const arg = fails.command!.arguments![0] as MatchConnectionArgument;
    assert.equal(arg.policy, POLICY_URI);
    assert.deepEqual(arg.connection, { direction: 'inbound', local_addr: '0.0.0.0', local_port: 992, remote_addr: '0.0.0.0', remote_port: 1, jobname: 'A', userid: 'A' });
    // The answer is the one attls/match gives for the policy and that connection.
    const ws = new Workspace({ matcher: matchConnection });
    ws.setDocument(POLICY_URI, policy, 1);
    assert.deepEqual(arg.answer, matchConnection(ws.snapshot(POLICY_URI)!.model, arg.connection));
  });

  it('says at the top of the file when the file or its policy cannot be used', () => {
    const note = (text: string, policies: ReadonlyMap<string, string | undefined>) => getPropertyLenses(CASES_URI, text, policies).map((l) => [l.range.start.line, l.command?.title]);
    assert.deepEqual(note(cases, new Map([[POLICY_URI, undefined]])), [[0, 'attls test cannot read sysa-attls.ttls']]);
    const bad = cases.replace('local_port: 992', 'local_port: 99999');
    assert.deepEqual(note(bad, new Map([[POLICY_URI, policy]])), [[0, "attls test cannot use this file: property 2 (every inbound connection to the TN3270 port is secured): for: local_port: ports must be 0-65535"]]);
    // A file without properties, or that is not YAML, gets no lens.
    assert.deepEqual(note('policy: x.ttls\ncases: []\n', new Map()), []);
    assert.deepEqual(note('properties: [\n', new Map()), []);
  });
});
