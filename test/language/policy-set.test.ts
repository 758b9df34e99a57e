// Whole Policy Agent configurations: following pagent.conf to every stack's policy files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { candidateFiles, candidatePaths, isConfigurationText, loadPolicySet, normalizeZosPath, readDataSetName, modelFindings } from '@attls/language';
import { lintPolicySet } from '@attls/lint';
import { POLICY_TREE, POLICY_TREE_FILES } from '../support/policy-tree.js';

const root = POLICY_TREE;
const mainPath = join(root, 'etc', 'pagent.conf');
const read = async (p: string): Promise<string | undefined> => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const load = () => loadPolicySet(mainPath, readFileSync(mainPath, 'utf8'), { root, read });
const rel = (p: string | undefined): string | undefined => p?.slice(root.length + 1);

describe('policy sets: file names', () => {
  it('reads data set names with and without quotes and members', () => {
    assert.deepEqual(readDataSetName("//'SYS1.TCPPARMS(TTLS)'"), { dsn: 'SYS1.TCPPARMS', member: 'TTLS' });
    assert.deepEqual(readDataSetName("//'user.policy'"), { dsn: 'USER.POLICY', member: undefined });
    assert.deepEqual(readDataSetName('//SYS1.TCPPARMS(TTLS)'), { dsn: 'SYS1.TCPPARMS', member: 'TTLS' });
    assert.equal(readDataSetName('/etc/pagent.conf'), undefined);
    assert.equal(readDataSetName("//'SYS1..BAD'"), undefined);
  });

  it('maps z/OS paths and members under the root, then tries the main file folder', () => {
    assert.deepEqual(candidatePaths('/etc/pagent/a.ttls', '/copy/etc/pagent.conf', { root: '/copy' }), ['/copy/etc/pagent/a.ttls', '/copy/etc/a.ttls']);
    assert.deepEqual(candidatePaths("//'SYS1.TCPPARMS(TTLSB)'", '/copy/main.conf', { root: '/copy' }), ['/copy/SYS1.TCPPARMS/TTLSB', '/copy/TTLSB']);
    assert.deepEqual(candidatePaths("//'USER.POLICY'", '/x/main.conf', {}), ['/x/USER.POLICY', '/USER.POLICY']);
  });

  it('without a root, recognises a local tree that mirrors z/OS and looks for data sets above the main file', () => {
    // ROOT/etc/pagent.conf naming /etc/pagent/a.ttls: ROOT stands for '/'.
    assert.deepEqual(candidatePaths('/etc/pagent/a.ttls', '/copy/etc/pagent.conf', {}), ['/copy/etc/etc/pagent/a.ttls', '/copy/etc/pagent/a.ttls', '/copy/etc/a.ttls']);
    assert.deepEqual(candidatePaths('/u/user1/a.ttls', '/copy/etc/pagent.conf', {}), ['/copy/etc/u/user1/a.ttls', '/copy/etc/a.ttls']);
    assert.deepEqual(candidatePaths("//'SYS1.TCPPARMS(TTLSB)'", '/copy/etc/pagent.conf', {}), [
      '/copy/etc/SYS1.TCPPARMS/TTLSB',
      '/copy/etc/TTLSB',
      '/copy/SYS1.TCPPARMS/TTLSB',
      '/SYS1.TCPPARMS/TTLSB',
    ]);
    // A root given is taken as it is.
    assert.deepEqual(candidatePaths('/etc/pagent/a.ttls', '/copy/etc/pagent.conf', { root: '/r' }), ['/r/etc/pagent/a.ttls', '/copy/etc/a.ttls']);
  });

  it('recognises the mirrored tree however a relative main path is spelled', () => {
    // etc/pagent.conf seen from ROOT: the current folder stands for '/', not the file system's root.
    assert.ok(candidatePaths('/etc/pagent/a.ttls', 'etc/pagent.conf', {}).includes('./etc/pagent/a.ttls'));
    assert.ok(!candidatePaths('/etc/pagent/a.ttls', 'etc/pagent.conf', {}).includes('/etc/pagent/a.ttls'));
    assert.ok(candidatePaths('/etc/pagent/a.ttls', './etc/pagent.conf', {}).includes('./etc/pagent/a.ttls'));
    assert.ok(candidatePaths('/etc/pagent/a.ttls', 'copy/./etc/pagent.conf', {}).includes('copy/etc/pagent/a.ttls'));
    assert.ok(candidatePaths('/etc/pagent/a.ttls', '../copy/etc/pagent.conf', {}).includes('../copy/etc/pagent/a.ttls'));
    // A tree mirrored at the file system's root is still '/'.
    assert.ok(candidatePaths('/etc/pagent/a.ttls', '/etc/pagent.conf', {}).includes('/etc/pagent/a.ttls'));
  });

  it('names every file through localName, and reads it by that name', async () => {
    const asked: string[] = [];
    const set = await loadPolicySet(mainPath, readFileSync(mainPath, 'utf8'), {
      read: (p) => {
        asked.push(p);
        return read(join(root, p));
      },
      localName: (p) => p.slice(root.length + 1),
    });
    assert.equal(set.mainUri, 'etc/pagent.conf');
    assert.deepEqual([...set.documents.keys()].sort(), ['SYS1.TCPPARMS/IMAGEB', 'SYS1.TCPPARMS/TTLSB', 'etc/pagent.conf', 'etc/pagent/common.ttls', 'etc/pagent/direct.ttls', 'etc/pagent/tcpipa.image', 'etc/pagent/tcpipa.ttls']);
    assert.ok(asked.every((p) => !p.startsWith('/')), asked.join(', '));
  });

  it('lets "paths" overrides win, longest prefix first', () => {
    const paths = { '/etc/': '/local/etc', '/etc/pagent/': '/local/pagent', 'SYS1.TCPPARMS': '/local/parms', "//'SYS1.TCPPARMS(SPECIAL)'": '/local/special.ttls' };
    assert.equal(candidatePaths('/etc/pagent/a.ttls', '/m/main.conf', { paths })[0], '/local/pagent/a.ttls');
    assert.equal(candidatePaths('/etc/other.conf', '/m/main.conf', { paths })[0], '/local/etc/other.conf');
    assert.equal(candidatePaths("//'SYS1.TCPPARMS(TTLSB)'", '/m/main.conf', { paths })[0], '/local/parms/TTLSB');
    assert.equal(candidatePaths("//'SYS1.TCPPARMS(SPECIAL)'", '/m/main.conf', { paths })[0], '/local/special.ttls');
  });

  it('tells a configuration file from a policy file', () => {
    assert.equal(isConfigurationText(readFileSync(mainPath, 'utf8')), true);
    assert.equal(isConfigurationText('TTLSConfig /etc/x.ttls\n'), true);
    assert.equal(isConfigurationText('TTLSRule r\n{\n}\n'), false);
    assert.equal(isConfigurationText('LogLevel 31\n'), false);
  });
});

describe('policy sets: following the configuration', () => {
  it('finds every stack, its image file and its policy files, common file first', async () => {
    const set = await load();
    assert.deepEqual(
      set.stacks.map((s) => [s.name, rel(s.image?.localPath), rel(s.ttlsConfig?.localPath), s.policyFiles.map(rel)]),
      [
        ['TCPIPA', 'etc/pagent/tcpipa.image', 'etc/pagent/tcpipa.ttls', ['etc/pagent/common.ttls', 'etc/pagent/tcpipa.ttls']],
        ['TCPIPB', 'SYS1.TCPPARMS/IMAGEB', 'SYS1.TCPPARMS/TTLSB', ['etc/pagent/common.ttls', 'SYS1.TCPPARMS/TTLSB']],
        ['TCPIPC', undefined, undefined, []],
        ['TCPIPD', 'etc/pagent/direct.ttls', undefined, []],
      ],
    );
    assert.equal(rel(set.common?.localPath), 'etc/pagent/common.ttls');
  });

  it('reports a missing file at the statement that names it, and a TcpImage that names a policy', async () => {
    const set = await load();
    const main = set.diagnostics.get(mainPath) ?? [];
    const text = readFileSync(mainPath, 'utf8');
    const at = (code: string): string[] => main.filter((d) => d.code === code).map((d) => text.slice(d.span.start, d.span.end));
    assert.deepEqual(at('missing-file'), ['/etc/pagent/tcpipc.image']);
    assert.deepEqual(at('image-is-policy'), ['/etc/pagent/direct.ttls']);
  });

  it("keeps with each stack the findings about its own chain of files", async () => {
    const set = await load();
    const problems = Object.fromEntries(set.stacks.map((s) => [s.name, s.problems.map((d) => d.code)]));
    assert.deepEqual(problems, { TCPIPA: [], TCPIPB: [], TCPIPC: ['missing-file'], TCPIPD: ['image-is-policy'] });
    assert.match(set.stacks[2]!.problems[0]!.message, /tcpipc\.image/);
  });

  it('resolves references between the common file and a stack file in both directions', async () => {
    const set = await load();
    const a = set.model('TCPIPA')!;
    const common = a.rules().find((r) => r.name === 'CommonTN3270')!;
    assert.equal(rel(a.referenced(common, 'TTLSEnvironmentActionRef')?.doc.uri), 'etc/pagent/tcpipa.ttls', 'common → stack');
    const eStack = a.resolve('TTLSEnvironmentAction', 'eStack')!;
    assert.equal(rel(a.block(eStack, 'TTLSKeyringParms')?.doc.uri), 'etc/pagent/common.ttls', 'stack → common');
    assert.ok(!modelFindings(a, set.stacks[0]!.policyFiles[0]!).some((d) => d.code === 'undefined-reference'));
  });

  it('lets the stack file override a common definition of the same kind and name', async () => {
    const set = await load();
    const a = set.model('TCPIPA')!;
    assert.equal(a.resolve('TTLSGroupAction', 'gClear')?.value('TTLSEnabled'), 'On');
    const dup = modelFindings(a, join(root, 'etc/pagent/common.ttls')).find((d) => d.code === 'duplicate-definition')!;
    assert.equal(dup.severity, 'warning');
    assert.match(dup.message, /defined again in .*tcpipa\.ttls, which Policy Agent reads later; that definition wins/);
    assert.equal(set.model('TCPIPB')!.resolve('TTLSGroupAction', 'gClear')?.value('TTLSEnabled'), 'Off', 'stack B sees the common one');
  });

  it('gives a stack only its own file and the common file', async () => {
    const set = await load();
    const b = set.model('TCPIPB')!;
    assert.equal(b.resolve('TTLSEnvironmentAction', 'eStack'), undefined, "stack A's eStack is not visible to stack B");
    assert.deepEqual(b.rules().map((r) => r.name), ['CommonTN3270', 'StackBMail']);
    assert.equal(set.model('TCPIPC'), undefined);
  });

  it('lints every file once, naming the stacks a shared finding holds for', async () => {
    const results = lintPolicySet(await load());
    assert.deepEqual(results.map((r) => rel(r.uri)), POLICY_TREE_FILES);
    const common = results.find((r) => rel(r.uri) === 'etc/pagent/common.ttls')!;
    const undef = common.diagnostics.filter((d) => d.code === 'undefined-reference');
    assert.equal(undef.length, 1);
    assert.match(undef[0]!.message, /'eStack' is not defined.*\(for stack TCPIPB\)$/);
  });

  it('treats a main file without TcpImage as the image file of the default stack', async () => {
    const files: Record<string, string> = {
      '/r/pagent.conf': 'LogLevel 31\nTTLSConfig /etc/only.ttls FLUSH PURGE\n',
      '/r/etc/only.ttls': 'TTLSRule R\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef g\n}\nTTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n',
    };
    const set = await loadPolicySet('/r/pagent.conf', files['/r/pagent.conf']!, { root: '/r', read: async (p) => files[p] });
    assert.deepEqual(set.stacks.map((s) => [s.name, s.policyFiles]), [['(default)', ['/r/etc/only.ttls']]]);
    assert.deepEqual([...set.diagnostics.values()].flat(), []);
  });

  it('reports configuration statements in the wrong file', async () => {
    const files: Record<string, string> = {
      '/r/pagent.conf': 'TcpImage TCPIP /etc/image.conf\nTTLSConfig /etc/p.ttls\nTTLSRule Stray\n{\n}\n',
      '/r/etc/image.conf': 'TTLSConfig /etc/p.ttls\nTTLSConfig /etc/p.ttls\nCommonTTLSConfig /etc/c.ttls\n',
      '/r/etc/p.ttls': 'TTLSRule R\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef g\n}\nTTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n',
    };
    const set = await loadPolicySet('/r/pagent.conf', files['/r/pagent.conf']!, { root: '/r', read: async (p) => files[p] });
    const codes = (uri: string): string[] => (set.diagnostics.get(uri) ?? []).map((d) => `${d.code}:${d.messageId ?? ''}`);
    assert.deepEqual(codes('/r/pagent.conf'), ['ignored-statement:ttlsConfigInMain', 'ignored-statement:policyInConfig']);
    assert.deepEqual(codes('/r/etc/image.conf'), ['duplicate-config:sameFile', 'ignored-statement:mainOnlyInImage']);
  });

  it('excuses AT-TLS statements only in the image file that is itself a policy, not in every stack\'s image file', async () => {
    const rule = 'TTLSRule R\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef g\n}\nTTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n';
    const files: Record<string, string> = {
      // TCPIPA's TcpImage names a policy (image-is-policy); TCPIPB's image file is a real one that
      // also holds a stray rule, which Policy Agent ignores there.
      '/r/pagent.conf': 'TcpImage TCPIPA /etc/direct.ttls\nTcpImage TCPIPB /etc/imageb.conf\n',
      '/r/etc/direct.ttls': rule,
      '/r/etc/imageb.conf': 'TTLSConfig /etc/b.ttls\nTTLSRule Stray\n{\n}\n',
      '/r/etc/b.ttls': rule,
    };
    const set = await loadPolicySet('/r/pagent.conf', files['/r/pagent.conf']!, { root: '/r', read: async (p) => files[p] });
    const codes = (uri: string): string[] => (set.diagnostics.get(uri) ?? []).map((d) => `${d.code}:${d.messageId ?? ''}`);
    assert.deepEqual(codes('/r/pagent.conf'), ['image-is-policy:']);
    assert.deepEqual(codes('/r/etc/direct.ttls'), []);
    assert.deepEqual(codes('/r/etc/imageb.conf'), ['ignored-statement:policyInConfig']);
  });

  it('reads each distinct file once, and analyses a policy 10,000 stacks share once', async () => {
    const stacks = Array.from({ length: 10_000 }, (_, i) => `TcpImage TCP${i} /etc/tcpip.image\n`).join('');
    const files: Record<string, string> = {
      '/r/pagent.conf': `CommonTTLSConfig /etc/common.ttls\n${stacks}`,
      '/r/etc/tcpip.image': 'TTLSConfig /etc/stack.ttls\n',
      '/r/etc/common.ttls': 'TTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n',
      '/r/etc/stack.ttls': 'TTLSRule R\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef g\n}\n',
    };
    const asked = new Map<string, number>();
    const set = await loadPolicySet('/r/pagent.conf', files['/r/pagent.conf']!, {
      root: '/r',
      read: async (p) => {
        asked.set(p, (asked.get(p) ?? 0) + 1);
        return files[p];
      },
    });
    assert.equal(set.stacks.length, 10_000);
    assert.deepEqual([...asked.values()].filter((n) => n > 1), []);
    assert.equal(set.policies.length, 1);
    assert.deepEqual(set.policies[0]!.files, ['/r/etc/common.ttls', '/r/etc/stack.ttls']);
    assert.equal(set.policies[0]!.stacks.length, 10_000);
    assert.equal(set.model('TCP1'), set.model('TCP9999'), 'one model for every stack reading the same files');
  });
});

describe('policy sets: confinement', () => {
  it('resolves a z/OS path as z/OS does: .. stops at /', () => {
    assert.equal(normalizeZosPath('/../../../../etc/passwd'), '/etc/passwd');
    assert.equal(normalizeZosPath('/etc/./pagent/../x.ttls'), '/etc/x.ttls');
    assert.deepEqual(candidatePaths('/../../../../etc/passwd', '/copy/etc/pagent.conf', { root: '/copy' }), ['/copy/etc/passwd']);
  });

  it('gives every candidate the folder it must stay inside', () => {
    const inside = (path: string, folder: string): boolean => path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
    for (const name of ['/../../etc/passwd', '/etc/pagent/a.ttls', "//'SYS1.TCPPARMS(TTLS)'", '/..']) {
      for (const c of candidateFiles(name, '/copy/etc/pagent.conf', { root: '/copy' })) {
        assert.ok(inside(c.path, c.within), `${name}: ${c.path} outside ${c.within}`);
      }
      for (const c of candidateFiles(name, '/copy/etc/pagent.conf', {})) {
        assert.ok(inside(c.path, c.within), `${name}: ${c.path} outside ${c.within}`);
      }
    }
  });

  it('turns a refusal of the reader into a finding on the word that names the file', async () => {
    const text = 'TcpImage TCPIP /etc/tcpip.image\n';
    const set = await loadPolicySet('/r/pagent.conf', text, { root: '/r', read: async (p) => (p === '/r/etc/tcpip.image' ? { refused: 'not a regular file' } : undefined) });
    const [d] = set.diagnostics.get('/r/pagent.conf')!;
    assert.equal(d!.code, 'unreadable-file');
    assert.equal(text.slice(d!.span.start, d!.span.end), '/etc/tcpip.image');
    assert.equal(d!.message, '/etc/tcpip.image is not read: /r/etc/tcpip.image: not a regular file.');
    assert.deepEqual(set.stacks[0]!.problems, [d]);
  });

  it('follows a STDENV member to the main configuration it names', async () => {
    const files: Record<string, string> = {
      "/r/USER.TCPPARMS/PAGENTCF": "TcpImage TCPIP //'USER.TCPPARMS(PAGENTT)'\n",
      '/r/USER.TCPPARMS/PAGENTT': "TTLSConfig //'USER.TCPPARMS(PAGENTZ)' FLUSH PURGE\n",
      '/r/USER.TCPPARMS/PAGENTZ': 'TTLSRule R\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef g\n}\nTTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n',
    };
    const env = "PAGENT_CONFIG_FILE=//'USER.TCPPARMS(PAGENTCF)'\nLIBPATH=/usr/lib\n";
    const set = await loadPolicySet('/r/USER.TCPPARMS/PAGENTEN', env, { root: '/r', read: async (p) => files[p] });
    assert.equal(set.mainUri, '/r/USER.TCPPARMS/PAGENTCF');
    assert.equal(set.environment?.configFile?.localPath, '/r/USER.TCPPARMS/PAGENTCF');
    assert.deepEqual(set.stacks.map((s) => [s.name, s.policyFiles]), [['TCPIP', ['/r/USER.TCPPARMS/PAGENTZ']]]);
    assert.deepEqual(lintPolicySet(set).map((r) => r.uri), ['/r/USER.TCPPARMS/PAGENTEN', '/r/USER.TCPPARMS/PAGENTCF', '/r/USER.TCPPARMS/PAGENTT', '/r/USER.TCPPARMS/PAGENTZ']);
  });
});
