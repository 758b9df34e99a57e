// `attls explain` through run() with an in-memory Io: codes, logs against policies, JSON, exit codes.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { memoryIo } from '../support/memory-io.js';
import { fixture } from './support.js';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `attls ...args` over in-memory files and standard input. */
async function attls(args: readonly string[], files: Record<string, string> = {}, stdin = ''): Promise<Result> {
  const io = memoryIo(files, { stdin });
  const code = await run(args, io, 'attls');
  return { code, stdout: io.out(), stderr: io.err() };
}

const files = (...names: string[]) => Object.fromEntries(names.map((n) => [n, fixture(n)]));

describe('attls explain (CLI)', () => {
  it('explains a return code in text', async () => {
    const r = await attls(['explain', '202']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^RC 202 \(System SSL return code, 1-4999\)$/m);
    assert.match(r.stdout, /Keyring/);
    assert.match(r.stdout, /owner/);
  });

  it('says when a meaning is unconfirmed', async () => {
    const r = await attls(['explain', '417']);
    assert.match(r.stdout, /Certainty: recalled - unconfirmed/);
  });

  it('explains several codes as JSON', async () => {
    const r = await attls(['explain', '5006', 'RC:401', '--format', 'json']);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.stdout) as { code: number; meaning: string; certainty: string; lookAt: { focus: string }[] }[];
    assert.deepEqual(
      list.map((e) => e.code),
      [5006, 401],
    );
    assert.equal(list[0]!.certainty, 'usage');
    assert.ok(list[0]!.lookAt.some((l) => l.focus === 'environment-action'));
    assert.match(list[1]!.meaning, /expired/);
  });

  it('exits 0 for a code not in the table, naming its range', async () => {
    const r = await attls(['explain', '4321']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /not in our table/);
    assert.match(r.stdout, /System SSL Programming/);
  });

  it('exits 2 with one line for what is not a number, a missing code, or a bad option', async () => {
    for (const args of [['explain', 'abc'], ['explain'], ['explain', '202', '--format', 'xml'], ['explain', '--policy', 'x.ttls']]) {
      const r = await attls(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^attls: /);
    }
  });

  it('explains a log against a policy, as JSON with rule, file, line, rc, meaning, checks', async () => {
    const r = await attls(
      ['explain', '--log', 'paice-cssmtp-417.log', '--policy', 'paice-cssmtp.ttls', '--format', 'json'],
      files('paice-cssmtp-417.log', 'paice-cssmtp.ttls'),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { groups: Record<string, unknown>[]; messages: number };
    assert.equal(out.messages, 1);
    const g = out.groups[0]!;
    assert.equal(g['rule'], 'CSSMTPRule');
    assert.equal(g['file'], 'paice-cssmtp.ttls');
    assert.equal(g['line'], 1);
    assert.equal(g['rc'], 417);
    assert.match(g['meaning'] as string, /self-signed/);
    assert.match((g['checks'] as string[])[0]!, /^Keyring START1\/MQRING at paice-cssmtp\.ttls:17/);
    assert.equal(g['connection'], '00000036');
  });

  it('explains the SHARE story in text, reading the log from standard input and several policy files', async () => {
    const r = await attls(
      ['explain', '--log', '-', '--policy', 'share-ftp-server-ftpp.ttls', 'paice-cssmtp.ttls'],
      files('share-ftp-server-ftpp.ttls', 'paice-cssmtp.ttls'),
      fixture('share-error1-console.log'),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Failed: RC 202 at Environment Master Init/);
    assert.match(r.stdout, /Keyring FTPP\/Server_RING at share-ftp-server-ftpp\.ttls:26: ring Server_RING owned by FTPP/);
    assert.match(r.stdout, /Keyring START1\/MQRING at paice-cssmtp\.ttls:17/, 'every environment action is a candidate');
    assert.match(r.stdout, /RC 202 at Environment Master Init \(log line 1\) is the likely cause/);
    assert.match(r.stdout, /4 AT-TLS messages in 4 groups \(4 with errors\); 0 other lines skipped\./);
  });

  it('explains a log without a policy', async () => {
    const r = await attls(['explain', '--log', 'share-error6-401.log'], files('share-error6-401.log'));
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Connection 000000AD \(group 00000002, environment 00000009\), log lines 1-5$/m);
    assert.match(r.stdout, /Rule: FTPTClient@192\.168\.20\.11n-5$/m);
  });

  it('exits 2 with one line for a missing log or policy file, or options that do not fit', async () => {
    const missingLog = await attls(['explain', '--log', 'nope.log']);
    assert.equal(missingLog.code, 2);
    assert.equal(missingLog.stderr, 'attls: nope.log: no such file or directory\n');
    const missingPolicy = await attls(['explain', '--log', 'a.log', '--policy', 'nope.ttls'], { 'a.log': '' });
    assert.equal(missingPolicy.code, 2);
    assert.equal(missingPolicy.stderr, 'attls: nope.ttls: no such file or directory\n');
    const both = await attls(['explain', '--log', 'a.log', '202'], { 'a.log': '' });
    assert.equal(both.code, 2);
    const rootWithoutConf = await attls(['explain', '--log', 'a.log', '--policy', 'p.ttls', '--root', '/'], { 'a.log': '', 'p.ttls': fixture('paice-cssmtp.ttls') });
    assert.equal(rootWithoutConf.code, 2);
    assert.match(rootWithoutConf.stderr, /^attls: --root applies to a pagent.conf/);
  });

  describe('with a pagent.conf', () => {
    const oneStack = {
      '/sys/etc/pagent.conf': 'TcpImage TCPIPA /etc/pagent/tcpipa.image FLUSH\n',
      '/sys/etc/pagent/tcpipa.image': 'TTLSConfig /etc/pagent/cssmtp.ttls FLUSH\n',
      '/sys/etc/pagent/cssmtp.ttls': fixture('paice-cssmtp.ttls'),
      '/logs/cssmtp.log': fixture('paice-cssmtp-417.log'),
    };
    const twoStacks = {
      '/sys/etc/pagent.conf': 'TcpImage TCPIP /etc/pagent/tcpip.image\nTcpImage TCPIPB /etc/pagent/tcpipb.image\n',
      '/sys/etc/pagent/tcpip.image': 'TTLSConfig /etc/pagent/colattls.ttls\n',
      '/sys/etc/pagent/tcpipb.image': 'TTLSConfig /etc/pagent/cssmtp.ttls\n',
      '/sys/etc/pagent/colattls.ttls': fixture('paice-colattls.ttls'),
      '/sys/etc/pagent/cssmtp.ttls': fixture('paice-cssmtp.ttls'),
      '/logs/cssmtp.log': fixture('paice-cssmtp-417.log'),
      '/logs/colattls.log': fixture('paice-colattls-syslog.log'),
    };

    it('follows TcpImage and TTLSConfig under --root to the only stack', async () => {
      const r = await attls(['explain', '--log', '/logs/cssmtp.log', '--policy', '/sys/etc/pagent.conf', '--root', '/sys', '--format', 'json'], oneStack);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { groups: { file: string; line: number; rule: string }[]; policy: { stack: string; files: string[] } };
      assert.deepEqual(
        [out.groups[0]!.rule, out.groups[0]!.file, out.groups[0]!.line],
        ['CSSMTPRule', '/sys/etc/pagent/cssmtp.ttls', 1],
      );
      assert.equal(out.policy.stack, 'TCPIPA');
    });

    it('picks the stack the log names, or the one asked for with --stack', async () => {
      const named = await attls(['explain', '--log', '/logs/colattls.log', '--policy', '/sys/etc/pagent.conf', '--root', '/sys'], twoStacks);
      assert.equal(named.code, 0, named.stderr);
      assert.match(named.stdout, /Rule: COLATTLJ at \/sys\/etc\/pagent\/colattls\.ttls:1$/m);
      assert.match(named.stdout, /Compared with the policy of stack TCPIP: /);
      const chosen = await attls(['explain', '--log', '/logs/cssmtp.log', '--policy', '/sys/etc/pagent.conf', '--root', '/sys', '--stack', 'tcpipb'], twoStacks);
      assert.equal(chosen.code, 0, chosen.stderr);
      assert.match(chosen.stdout, /Rule: CSSMTPRule at \/sys\/etc\/pagent\/cssmtp\.ttls:1$/m);
      const unknown = await attls(['explain', '--log', '/logs/cssmtp.log', '--policy', '/sys/etc/pagent.conf', '--root', '/sys', '--stack', 'TCPIPX'], twoStacks);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /stack 'TCPIPX' is not in/);
    });

    it('picks the only stack whose policy defines the rule a bare EZD1286I line names', async () => {
      // The log has no prefix naming a stack; CSSMTPRule is only in TCPIPB's policy.
      const r = await attls(['explain', '--log', '/logs/cssmtp.log', '--policy', '/sys/etc/pagent.conf', '--root', '/sys', '--format', 'json'], twoStacks);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { groups: { rule: string; file: string; line: number }[]; policy: { stack: string } };
      assert.equal(out.policy.stack, 'TCPIPB');
      assert.deepEqual([out.groups[0]!.rule, out.groups[0]!.file, out.groups[0]!.line], ['CSSMTPRule', '/sys/etc/pagent/cssmtp.ttls', 1]);
    });

    it('asks for --stack, in one line, only when the log leaves the stack open', async () => {
      // Both stacks define CSSMTPRule: the rule does not tell them apart.
      const both = { ...twoStacks, '/sys/etc/pagent/colattls.ttls': `${fixture('paice-colattls.ttls')}\n${fixture('paice-cssmtp.ttls')}` };
      const same = await attls(['explain', '--log', '/logs/cssmtp.log', '--policy', '/sys/etc/pagent.conf', '--root', '/sys'], both);
      assert.equal(same.code, 2);
      assert.match(same.stderr, /^attls: .*several stacks \(TCPIP, TCPIPB\); choose one with --stack\n$/);
      // Neither stack defines the rule.
      const log = fixture('paice-cssmtp-417.log').replace('CSSMTPRule', 'NoSuchRule');
      const none = await attls(['explain', '--log', '/logs/other.log', '--policy', '/sys/etc/pagent.conf', '--root', '/sys'], { ...twoStacks, '/logs/other.log': log });
      assert.equal(none.code, 2);
      assert.match(none.stderr, /^attls: .*choose one with --stack\n$/);
    });

    it('exits 2 with one line when the stack policy cannot be found', async () => {
      const r = await attls(['explain', '--log', '/logs/cssmtp.log', '--policy', '/sys/etc/pagent.conf'], {
        '/sys/etc/pagent.conf': 'TcpImage TCPIPA /etc/pagent/tcpipa.image\n',
        '/logs/cssmtp.log': fixture('paice-cssmtp-417.log'),
      });
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.match(r.stderr, /no AT-TLS policy found for stack TCPIPA/);
    });
  });

  it('is listed in attls --help and has its own help', async () => {
    assert.match((await attls(['--help'])).stdout, /^ {2}explain /m);
    const h = await attls(['explain', '--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /--log/);
  });
});
