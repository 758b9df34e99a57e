// attls/propertyLenses over LSP: the client sends a case file's text; the server reads the policy
// it names from the editor or from disk, only inside the workspace folder.
import assert from 'node:assert/strict';
import type { FileAccess } from '@attls/server/files';
import { TestClient } from '../support/lsp-client.js';

const POLICY = `TTLSRule Web
{
  LocalPortRange 443
  Direction Inbound
  Priority 10
  TTLSGroupActionRef gWeb
}
TTLSGroupAction gWeb
{
  TTLSEnabled On
}
`;

const CASES = (policy: string): string => `policy: ${policy}
properties:
  - name: the web port is secured
    for: { direction: inbound, local_port: 443 }
    expect: { secured: true }
`;

/** Files on a pretend disk; the workspace scan finds no folder entries, so every read is by name. */
function disk(files: Record<string, string>): FileAccess & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: async (p) => {
      reads.push(p);
      if (!(p in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return files[p]!;
    },
    readdir: async () => [],
    size: async (p) => {
      if (!(p in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return files[p]!.length;
    },
  };
}

type Lens = { range: { start: { line: number } }; command?: { title: string; command: string } };

describe('language server: attls/propertyLenses', function () {
  this.timeout(20000);
  let client: TestClient | undefined;
  afterEach(async () => {
    if (client) {
      assert.deepEqual(client.errors(), [], 'the server logged no error');
      await client.dispose();
    }
    client = undefined;
  });

  it('reads the policy from disk inside the workspace, and prefers the open document', async () => {
    const files = disk({ '/ws/policy.ttls': POLICY, '/outside/policy.ttls': POLICY });
    client = TestClient.inProcess({ files });
    await client.initialize(undefined, {}, 'file:///ws');
    const ask = (text: string) => client!.request<Lens[]>('attls/propertyLenses', { textDocument: { uri: 'file:///ws/cases.yaml' }, text });
    const [lens] = await ask(CASES('policy.ttls'));
    assert.equal(lens?.range.start.line, 2);
    assert.equal(lens?.command?.title, 'holds (every connection: 2 regions checked)');
    // The open (edited) policy wins over the saved one.
    await client.open('file:///ws/policy.ttls', POLICY.replace('TTLSEnabled On', 'TTLSEnabled Off'), 1);
    const [edited] = await ask(CASES('policy.ttls'));
    assert.match(edited!.command!.title, /^fails: inbound, local 0\.0\.0\.0 port 443, .*: gets Web \(#1\): TTLSEnabled Off in gWeb: not secured$/);
    assert.equal(edited!.command!.command, 'attls.matchConnection');
    // A file outside the workspace folder is not read.
    const [outside] = await ask(CASES('../outside/policy.ttls'));
    assert.equal(outside?.command?.title, 'attls test cannot read policy.ttls');
    assert.ok(!files.reads.includes('/outside/policy.ttls'), files.reads.join(', '));
  });

  it('asks for the case file text', async () => {
    client = TestClient.inProcess({ files: null });
    await client.initialize();
    await assert.rejects(client.request('attls/propertyLenses', { textDocument: { uri: 'file:///ws/cases.yaml' } }), /needs textDocument\.uri and text/);
  });
});
