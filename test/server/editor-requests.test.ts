// The custom requests behind the VS Code extension's commands (attls/evaluationOrder,
// attls/explain) and the attls.root setting, over LSP in this process.
import assert from 'node:assert/strict';
import { computePolicySets, ruleEvaluation, type Evaluator } from '@attls/service';
import { readSettings } from '@attls/server';
import { TestClient } from '../support/lsp-client.js';

const URI = 'file:///ws/policy.ttls';
const TEXT = `TTLSRule Web
{
  LocalPortRange 443
  Direction Inbound
  Priority 10
  TTLSGroupActionRef gWeb
  TTLSEnvironmentActionRef eWeb
}
TTLSRule All
{
  Direction Inbound
  TTLSGroupActionRef gWeb
}
TTLSGroupAction gWeb
{
  TTLSEnabled On
}
TTLSEnvironmentAction eWeb
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring WEB/Ring
  }
}
`;

/** A stand-in for packages/evaluate: rules in reading order, the second shadowed by the first. */
const evaluator: Evaluator = (model) => {
  const rules = model.rules();
  return ruleEvaluation(rules.map((rule, i) => ({ rule, position: i + 1, priority: rule.value('Priority') ? Number(rule.value('Priority')) : undefined, shadowedBy: i > 0 ? [rules[0]!] : [], overlaps: [] })));
};

describe('language server: requests of the editor commands', function () {
  this.timeout(20000);
  let client: TestClient | undefined;
  afterEach(async () => {
    if (client) {
      assert.deepEqual(client.errors(), [], 'the server logged no error');
      await client.dispose();
    }
    client = undefined;
  });

  it('attls/evaluationOrder: rules in order with conditions, actions, places and marks', async () => {
    client = TestClient.inProcess({ files: null, evaluator });
    await client.initialize();
    await client.open(URI, TEXT, 1);
    await client.diagnosticsFor(URI, 1);
    const order = (await client.request('attls/evaluationOrder', { textDocument: { uri: URI } })) as {
      rules: { position: number; name: string; priority: number | null; file: string; range: { start: { line: number; character: number } }; conditions: string[]; actions: Record<string, string | null>; actionPlaces: Record<string, unknown>; shadowedBy: string[] }[];
      notes: string[];
    };
    assert.deepEqual(
      order.rules.map((r) => [r.position, r.name, r.priority, r.file, r.range.start.line, r.range.start.character]),
      [
        [1, 'Web', 10, URI, 0, 9],
        [2, 'All', null, URI, 8, 9],
      ],
    );
    assert.deepEqual(order.rules[0]!.conditions, ['LocalPortRange 443', 'Direction Inbound']);
    assert.deepEqual(order.rules[0]!.actions, { group: 'gWeb', environment: 'eWeb', connection: null });
    // Each action with the place of its definition, so the panel links it without a name lookup.
    const gWeb = { name: 'gWeb', file: URI, range: { start: { line: 13, character: 16 }, end: { line: 13, character: 20 } } };
    assert.deepEqual(order.rules[0]!.actionPlaces, { group: gWeb, environment: { name: 'eWeb', file: URI, range: { start: { line: 17, character: 22 }, end: { line: 17, character: 26 } } }, connection: null });
    assert.deepEqual(order.rules[1]!.actionPlaces, { group: gWeb, environment: null, connection: null });
    assert.deepEqual(order.rules[1]!.shadowedBy, ['Web']);
    assert.ok(order.notes.some((n) => /EBCDIC/.test(n)));
  });

  it('attls/evaluationOrder says so when the server has no rule evaluation', async () => {
    client = TestClient.inProcess({ files: null });
    await client.initialize();
    await client.open(URI, TEXT, 1);
    await assert.rejects(client.request('attls/evaluationOrder', { textDocument: { uri: URI } }), /not available/);
    await assert.rejects(client.request('attls/evaluationOrder', {}), /needs textDocument/);
  });

  it('attls/explain: return codes, and log lines tied to the open policy', async () => {
    client = TestClient.inProcess({ files: null });
    await client.initialize();
    await client.open(URI, TEXT, 1);
    const codes = (await client.request('attls/explain', { text: '202' })) as { kind: string; text: string; places: unknown[] };
    assert.equal(codes.kind, 'codes');
    assert.match(codes.text, /202/);
    assert.deepEqual(codes.places, []);
    const line = 'EZD1286I TTLS Error GRPID: 00000007 ENVID: 00000003 CONNID: 00000032 LOCAL: 10.1.1.2..443 REMOTE: 10.1.0.2..60742 JOBNAME: WEBSRV USERID: WEBUSR RULE: Web RC: 202 Initial Handshake';
    const log = (await client.request('attls/explain', { text: line, textDocument: { uri: URI } })) as { kind: string; text: string; places: { label: string; file: string; line: number }[] };
    assert.equal(log.kind, 'log');
    assert.match(log.text, /202/);
    assert.ok(
      log.places.some((p) => p.file === URI && p.line === 1 && /TTLSRule Web/.test(p.label)),
      JSON.stringify(log.places),
    );
    await assert.rejects(client.request('attls/explain', { text: '  ' }), /needs text/);
  });

  it('reads attls.root from the settings', () => {
    assert.equal(readSettings({ root: ' /data/zfs ' }).root, '/data/zfs');
    assert.equal(readSettings({ root: 3 }).root, undefined);
  });

  it('looks z/OS paths of pagent.conf up under the root when one is set', () => {
    const conf = 'file:///ws/pagent.conf';
    const zfs = 'file:///ws/zfs/etc/pagent/ttls.conf';
    const stale = 'file:///ws/old/ttls.conf';
    const links = (u: string) => (u === conf ? { common: [], stack: ['/etc/pagent/ttls.conf'], image: [] } : { common: [], stack: [], image: [] });
    // Without a root, where `attls lint` would look finds nothing; a file of the same name stands
    // for it, the first in the workspace (a stack reads one file, as `attls lint` takes one).
    assert.deepEqual(computePolicySets([conf, zfs, stale], links), [[zfs]]);
    assert.deepEqual(computePolicySets([conf, stale, zfs], links), [[stale]]);
    assert.deepEqual(computePolicySets([conf, zfs, stale], links, { root: '/ws/zfs' }), [[zfs]]);
  });
});
