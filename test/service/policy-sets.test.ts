// A file read by several stacks (the common file) in the editor: its diagnostics are those of
// every stack's policy, merged as `attls lint` merges them, and messages name files as paths.
import assert from 'node:assert/strict';
import { parse } from '@attls/language';
import { computeNamedPolicySets, configLinks, readableName, Workspace } from '@attls/service';

const MAIN = 'file:///ws/etc/pagent.conf';
const IMAGE_A = 'file:///ws/etc/pagent/a.image';
const IMAGE_B = 'file:///ws/etc/pagent/b.image';
const COMMON = 'file:///ws/etc/pagent/common.ttls';
const STACK_A = 'file:///ws/etc/pagent/a.ttls';
const STACK_B = 'file:///ws/etc/pagent/b.ttls';

const TEXTS: Record<string, string> = {
  [MAIN]: 'CommonTTLSConfig /etc/pagent/common.ttls\nTcpImage TCPIPA /etc/pagent/a.image\nTcpImage TCPIPB /etc/pagent/b.image\n',
  [IMAGE_A]: 'TTLSConfig /etc/pagent/a.ttls\n',
  [IMAGE_B]: 'TTLSConfig /etc/pagent/b.ttls\n',
  // gOff is used by stack A only; eOnlyA is defined by stack A only; gShared is used by both.
  [COMMON]:
    'TTLSRule Shared\n{\n  LocalPortRange 992\n  Direction Inbound\n  TTLSGroupActionRef gShared\n  TTLSEnvironmentActionRef eOnlyA\n}\n' +
    'TTLSGroupAction gShared\n{\n  TTLSEnabled Off\n}\nTTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\n',
  [STACK_A]: 'TTLSRule A\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\nTTLSEnvironmentAction eOnlyA\n{\n  HandshakeRole Server\n}\nTTLSGroupAction gShared\n{\n  TTLSEnabled Off\n}\n',
  [STACK_B]: 'TTLSRule B\n{\n  LocalPortRange 25\n  Direction Inbound\n  TTLSGroupActionRef gShared\n}\n',
};

function workspace(folders: string[] = ['file:///ws']): Workspace {
  const ws = new Workspace();
  ws.setFolders(folders);
  for (const [uri, text] of Object.entries(TEXTS)) ws.setDocument(uri, text, 1);
  return ws;
}

describe('service: a file several stacks read', () => {
  it('knows which stacks each policy set belongs to', () => {
    const links = (u: string) => configLinks(parse(TEXTS[u] ?? ''));
    assert.deepEqual(computeNamedPolicySets(Object.keys(TEXTS), links), [
      { files: [COMMON, STACK_A], stacks: ['TCPIPA'] },
      { files: [COMMON, STACK_B], stacks: ['TCPIPB'] },
    ]);
  });

  it("shows every stack's findings in the common file, naming the stacks a finding holds for", () => {
    const ds = workspace().snapshot(COMMON)!.diagnostics();
    const lines = ds.map((d) => `${d.code}: ${d.message}`);
    const of = (code: string): string[] => lines.filter((l) => l.startsWith(`${code}:`));
    assert.equal(of('undefined-reference').length, 1, lines.join('\n'));
    assert.match(of('undefined-reference')[0]!, /'eOnlyA' is not defined.* \(for stack TCPIPB\)$/);
    assert.equal(of('unused-definition').length, 1, lines.join('\n'));
    assert.match(of('unused-definition')[0]!, /'gOff' is never referenced.* \(for stack TCPIPB\)$/);
    // Each finding once, even where both stacks find it.
    assert.equal(new Set(lines).size, lines.length);
    // A file one stack reads keeps its messages as they are.
    assert.ok(workspace().snapshot(STACK_B)!.diagnostics().every((d) => !d.message.includes('(for stack')));
  });

  it('names the overriding file as a path, not a URI', () => {
    const dup = workspace()
      .snapshot(COMMON)!
      .diagnostics()
      .find((d) => d.code === 'duplicate-definition')!;
    assert.match(dup.message, /defined again in etc\/pagent\/a\.ttls, which Policy Agent reads later.*\(for stack TCPIPA\)$/);
    // Without workspace folders: relative to the folder the policy's files share.
    const alone = workspace([]).snapshot(COMMON)!.diagnostics().find((d) => d.code === 'duplicate-definition')!;
    assert.match(alone.message, /defined again in a\.ttls, /);
    assert.equal(readableName('file:///ws/x/SYS1.TCPPARMS/TTLSB', ['file:///ws/x/etc/common.ttls', 'file:///ws/x/SYS1.TCPPARMS/TTLSB']), 'SYS1.TCPPARMS/TTLSB');
  });
});
