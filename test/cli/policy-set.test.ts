// attls lint on a Policy Agent main configuration file: every stack's files are checked.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { memoryIo } from '../support/memory-io.js';

describe('cli: attls lint pagent.conf --root', () => {
  const files = {
    '/copy/etc/pagent.conf': "CommonTTLSConfig /etc/common.ttls\nTcpImage TCPIP //'SYS1.PARMS(IMAGE)'\nTcpImage TCPIP2 /etc/gone.image\n",
    '/copy/SYS1.PARMS/IMAGE': "TTLSConfig //'SYS1.PARMS(TTLS)'\n",
    '/copy/SYS1.PARMS/TTLS': 'TTLSRule R\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\n',
    '/copy/etc/common.ttls': 'TTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\n',
  };

  it('follows the main file to the stack files and reports each file', async () => {
    const io = memoryIo(files);
    const code = await run(['lint', '--format', 'json', '--root', '/copy', '/copy/etc/pagent.conf'], io);
    assert.equal(code, 1);
    const out = JSON.parse(io.out()) as { file: string; diagnostics: { code: string; message: string }[] }[];
    assert.deepEqual(out.map((r) => r.file), ['/copy/etc/pagent.conf', '/copy/SYS1.PARMS/IMAGE', '/copy/etc/common.ttls', '/copy/SYS1.PARMS/TTLS']);
    assert.deepEqual(out[0]!.diagnostics.map((d) => d.code), ['missing-file']);
    assert.deepEqual(out[3]!.diagnostics, [], 'the stack file resolves gOff in the common file');
  });

  it('finds the files under the main file folder when --root is not given', async () => {
    const io = memoryIo({ '/copy/pagent.conf': 'TcpImage TCPIP /etc/image.conf\n', '/copy/image.conf': 'TTLSConfig /etc/p.ttls\n', '/copy/p.ttls': files['/copy/SYS1.PARMS/TTLS'].replace('gOff', 'g') + 'TTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n' });
    assert.equal(await run(['lint', '/copy/pagent.conf'], io), 0, io.out());
    assert.match(io.out(), /No problems found in 3 files/);
  });

  it('takes root and paths from .attlslintrc.json, relative to that file', async () => {
    const io = memoryIo({
      '/repo/.attlslintrc.json': JSON.stringify({ root: 'zos', paths: { 'SYS1.PARMS': 'members', '/etc/common.ttls': 'shared/common.ttls' } }),
      '/repo/zos/etc/pagent.conf': files['/copy/etc/pagent.conf'].replace('TcpImage TCPIP2 /etc/gone.image\n', ''),
      '/repo/members/IMAGE': files['/copy/SYS1.PARMS/IMAGE'],
      '/repo/members/TTLS': files['/copy/SYS1.PARMS/TTLS'],
      '/repo/shared/common.ttls': files['/copy/etc/common.ttls'],
    });
    const code = await run(['lint', '--format', 'json', '/repo/zos/etc/pagent.conf'], io);
    const out = JSON.parse(io.out()) as { file: string; diagnostics: unknown[] }[];
    assert.deepEqual(out.map((r) => r.file), ['/repo/zos/etc/pagent.conf', '/repo/members/IMAGE', '/repo/shared/common.ttls', '/repo/members/TTLS']);
    assert.equal(code, 0, io.out());
  });

  it('refuses a paths entry that names neither a z/OS path nor a data set', async () => {
    const io = memoryIo({ '/repo/.attlslintrc.json': JSON.stringify({ paths: { 'not a name': 'x' } }), '/repo/p.ttls': 'TTLSRule r\n{\n}\n' });
    assert.equal(await run(['lint', '/repo/p.ttls'], io), 2);
    assert.match(io.err(), /"paths": "not a name" is neither a z\/OS UNIX path nor a data set name/);
  });

  describe('attls match on a pagent.conf', () => {
    const sets = {
      '/s/pagent.conf': 'CommonTTLSConfig /etc/common.ttls\nTcpImage TCPIPA /etc/a.image\nTcpImage TCPIPB /etc/b.image\n',
      '/s/etc/a.image': 'TTLSConfig /etc/a.ttls\n',
      '/s/etc/b.image': 'TTLSConfig /etc/b.ttls\n',
      '/s/etc/common.ttls': 'TTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\n',
      '/s/etc/a.ttls': 'TTLSRule OnlyInA\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\n',
      '/s/etc/b.ttls': 'TTLSRule OnlyInB\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\n',
    };
    const answer = async (argv: string[]): Promise<{ code: number; rule?: string; err: string }> => {
      const io = memoryIo(sets);
      const code = await run(['match', '/s/pagent.conf', '--root', '/s', '--direction', 'inbound', '--local-port', '21', '--format', 'json', ...argv], io);
      return { code, rule: code === 0 ? (JSON.parse(io.out()).rule?.name as string) : undefined, err: io.err() };
    };

    it("evaluates the chosen stack's file with the common file", async () => {
      assert.deepEqual(await answer(['--stack', 'TCPIPA']), { code: 0, rule: 'OnlyInA', err: '' });
      assert.deepEqual(await answer(['--stack', 'tcpipb']), { code: 0, rule: 'OnlyInB', err: '' });
    });

    it('asks for --stack when several stacks have a policy, and names a missing one', async () => {
      const several = await answer([]);
      assert.equal(several.code, 2);
      assert.match(several.err, /has several stacks \(TCPIPA, TCPIPB\); choose one with --stack/);
      const unknown = await answer(['--stack', 'TCPIPZ']);
      assert.match(unknown.err, /stack 'TCPIPZ' is not in '\/s\/pagent.conf' \(it has TCPIPA, TCPIPB\)/);
    });

    it('refuses --stack with plain policy files', async () => {
      const io = memoryIo(sets);
      assert.equal(await run(['match', '/s/etc/a.ttls', '--stack', 'TCPIPA', '--direction', 'inbound'], io), 2);
      assert.match(io.err(), /--stack applies to a Policy Agent main configuration file/);
    });
  });
});
