// The smaller command-line points of issue 18: attls test with a stack, YAML mistakes as one line,
// match on a policy without rules, --root checked up front, --quiet counting what it hides, and
// `attls help <command>`.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { memoryIo } from '../support/io.js';
import { policy } from '../support/policies.js';

async function attls(argv: string[], files: Record<string, string> = {}) {
  const m = memoryIo(files);
  const code = await run(argv, m.io);
  return { code, out: m.out(), err: m.err() };
}

// Two stacks with a policy each; the same connection gets a different rule on each.
const SET = {
  '/work/s/pagent.conf': 'CommonTTLSConfig /etc/common.ttls\nTcpImage TCPIPA /etc/a.image\nTcpImage TCPIPB /etc/b.image\n',
  '/work/s/etc/a.image': 'TTLSConfig /etc/a.ttls\n',
  '/work/s/etc/b.image': 'TTLSConfig /etc/b.ttls\n',
  '/work/s/etc/common.ttls': 'TTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\n',
  '/work/s/etc/a.ttls': 'TTLSRule OnlyInA\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\n',
  '/work/s/etc/b.ttls': 'TTLSRule OnlyInB\n{\n  LocalPortRange 21\n  Direction Inbound\n  TTLSGroupActionRef gOff\n}\n',
};
const cases = (head: string, rule: string) => `${head}cases:\n  - name: FTP control\n    connection: { direction: inbound, local_port: 21 }\n    expect: { rule: ${rule}, secured: false }\n`;

describe('attls test on a pagent.conf: --stack and stack:', () => {
  it('--stack picks the stack whose policy the cases run against', async () => {
    const files = { ...SET, '/work/s/cases.yaml': cases('policy: pagent.conf\n', 'OnlyInB') };
    const r = await attls(['test', 's/cases.yaml', '--stack', 'TCPIPB', '--root', 's'], files);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^PASS {2}FTP control {2}OnlyInB/m);
    const a = await attls(['test', 's/cases.yaml', '--stack', 'tcpipa', '--root', 's'], files);
    assert.equal(a.code, 1, 'stack A gives OnlyInA');
  });

  it('stack: in the case file does the same, and --stack overrides it', async () => {
    const files = { ...SET, '/work/s/cases.yaml': cases('policy: pagent.conf\nstack: TCPIPA\n', 'OnlyInA') };
    const r = await attls(['test', 's/cases.yaml'], files);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal((await attls(['test', 's/cases.yaml', '--stack', 'TCPIPB'], files)).code, 1);
  });

  it('without a stack, several stacks are a one-line usage error; a bad stack: value too', async () => {
    const r = await attls(['test', 's/cases.yaml'], { ...SET, '/work/s/cases.yaml': cases('policy: pagent.conf\n', 'OnlyInA') });
    assert.equal(r.code, 2);
    assert.match(r.err, /^attls: 's\/pagent.conf' has several stacks \(TCPIPA, TCPIPB\); choose one with --stack\n$/);
    const bad = await attls(['test', 's/cases.yaml'], { ...SET, '/work/s/cases.yaml': cases('policy: pagent.conf\nstack: [A, B]\n', 'OnlyInA') });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^attls: s\/cases\.yaml: "stack" must be the name of a TCP\/IP stack/);
  });
});

describe('attls test: a YAML mistake is one line with its place', () => {
  for (const [name, text, where, what] of [
    ['an unclosed flow mapping', 'cases:\n  - name: x\n    connection: { direction: inbound\n', '4:1', /Flow map/],
    ['a repeated key', 'policy: a.ttls\npolicy: b.ttls\n', '2:1', /unique/],
    ['a tab as indentation', 'cases:\n\t- name: x\n', '2:1', /Tabs/],
    ['an alias without its anchor', 'policy: p.ttls\ncases:\n  - *missing\n', '3:5', /alias/i],
  ] as const) {
    it(name, async () => {
      const r = await attls(['test', 'cases.yaml'], { '/work/cases.yaml': text, '/work/p.ttls': policy() });
      assert.equal(r.code, 2);
      assert.doesNotMatch(r.err, /internal error/);
      assert.equal(r.err.split('\n').length, 2, `one line: ${r.err}`);
      assert.ok(r.err.startsWith(`attls: cases.yaml:${where}: not valid YAML: `), r.err);
      assert.match(r.err, what);
    });
  }
});

describe('attls match on a policy without rules', () => {
  it('says there are no rules, and nothing about a first rule', async () => {
    const r = await attls(['match', 'p.ttls', '--direction', 'inbound', '--local-port', '443'], { '/work/p.ttls': 'TTLSGroupAction g\n{\n  TTLSEnabled On\n}\n' });
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.out, /undefined/);
    assert.match(r.out, /^No rule matches: the policy has no TTLSRule statements/);
  });
});

describe('--root that does not exist or is a file', () => {
  const files = { ...SET, '/work/p.ttls': policy(), '/work/cases.yaml': cases('policy: s/pagent.conf\nstack: TCPIPA\n', 'OnlyInA'), '/work/x.log': 'EZD1286I TTLS Error RC: 5006\n' };
  for (const [command, argv] of [
    ['lint', ['lint', 's/pagent.conf']],
    ['match', ['match', 's/pagent.conf', '--stack', 'TCPIPA', '--direction', 'inbound']],
    ['explain', ['explain', '--log', 'x.log', '--policy', 's/pagent.conf', '--stack', 'TCPIPA']],
    ['test', ['test', 'cases.yaml']],
  ] as const) {
    it(`attls ${command}: exit 2 with one line`, async () => {
      const missing = await attls([...argv, '--root', 'nowhere'], files);
      assert.equal(missing.code, 2, missing.out);
      assert.equal(missing.err, 'attls: nowhere: --root does not exist\n');
      const file = await attls([...argv, '--root', 'p.ttls'], files);
      assert.equal(file.code, 2, file.out);
      assert.equal(file.err, 'attls: p.ttls: --root is not a folder\n');
      assert.equal((await attls([...argv, '--root', 's'], files)).err, '', 'an existing folder is fine');
    });
  }
});

describe('attls lint --quiet', () => {
  const warnOnly = policy({ group: 'Trace 255' }); // one warning
  const weak = policy({ adv: 'TLSv1 On\nTLSv1.1 Off\nTLSv1.2 On' }); // one error

  it('says how many warnings it did not show', async () => {
    const r = await attls(['lint', '--quiet', 'a.ttls', 'b.ttls'], { '/work/a.ttls': warnOnly, '/work/b.ttls': weak.replace('TTLSRule SrvRule', 'ttlsrule SrvRule') });
    assert.equal(r.code, 1);
    assert.match(r.out, /1 problem \(1 error, 0 warnings\) in 2 files; 1 warning and 1 note not shown \(--quiet\)/);
    const clean = await attls(['lint', '--quiet', 'a.ttls'], { '/work/a.ttls': warnOnly });
    assert.equal(clean.code, 0);
    assert.match(clean.out, /^No errors found in 1 file; 1 warning not shown \(--quiet\)\.$/m);
  });

  it('machine formats stay as they were', async () => {
    const r = await attls(['lint', '--quiet', '--format', 'compact', 'a.ttls'], { '/work/a.ttls': warnOnly });
    assert.equal(r.out, '');
    const j = await attls(['lint', '--quiet', '--format', 'json', 'a.ttls'], { '/work/a.ttls': warnOnly });
    assert.deepEqual(JSON.parse(j.out), [{ file: 'a.ttls', diagnostics: [] }]);
  });
});

describe('attls help <command>', () => {
  for (const command of ['lint', 'fmt', 'rules', 'explain', 'match', 'test']) {
    it(`attls help ${command} is attls ${command} --help`, async () => {
      const help = await attls(['help', command]);
      const direct = await attls([command, '--help']);
      assert.equal(help.code, 0);
      assert.equal(help.out, direct.out);
      assert.match(help.out, new RegExp(`^Usage: attls ${command}`));
    });
  }
  it('an unknown command is a usage error', async () => {
    const r = await attls(['help', 'lnt']);
    assert.equal(r.code, 2);
    assert.equal(r.err, "attls: no help for 'lnt': it is not a command (try 'attls --help')\n");
    assert.equal((await attls(['toString'])).code, 2, 'names of object properties are not commands');
  });
});
