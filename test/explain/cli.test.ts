// `attls explain` through run() with an in-memory Io: codes, logs against policies, JSON, exit codes.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { fixture } from './support.js';

type Io = Parameters<typeof run>[1];

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `attls ...args` over in-memory files (named like the fixtures) and standard input. */
async function attls(args: readonly string[], files: Record<string, string> = {}, stdin = ''): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const missing = (path: string) => Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (p) => {
      if (!(p in files)) throw missing(p);
      return new TextEncoder().encode(files[p]);
    },
    writeFile: async () => undefined,
    stat: async (p) => {
      if (!(p in files)) throw missing(p);
      return { isDirectory: () => false, isFile: () => true };
    },
    readdir: async () => [],
    readStdin: async () => new TextEncoder().encode(stdin),
    stdoutIsTTY: false,
    env: {},
    cwd: '/',
  };
  const code = await run(args, io, 'attls');
  return { code, stdout, stderr };
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

  it('exits 2 with one line for a missing log or policy file, or a configuration file given as policy', async () => {
    const missingLog = await attls(['explain', '--log', 'nope.log']);
    assert.equal(missingLog.code, 2);
    assert.equal(missingLog.stderr, "attls: cannot read log 'nope.log': no such file or directory\n");
    const missingPolicy = await attls(['explain', '--log', 'a.log', '--policy', 'nope.ttls'], { 'a.log': '' });
    assert.equal(missingPolicy.code, 2);
    assert.equal(missingPolicy.stderr, "attls: cannot read 'nope.ttls': no such file or directory\n");
    const conf = await attls(['explain', '--log', 'a.log', '--policy', 'pagent.conf'], { 'a.log': '', 'pagent.conf': 'TcpImage TCPIP /etc/tcpip.conf\n' });
    assert.equal(conf.code, 2);
    assert.match(conf.stderr, /configuration file/);
    const both = await attls(['explain', '--log', 'a.log', '202'], { 'a.log': '' });
    assert.equal(both.code, 2);
  });

  it('is listed in attls --help and has its own help', async () => {
    assert.match((await attls(['--help'])).stdout, /^ {2}explain /m);
    const h = await attls(['explain', '--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /--log/);
  });
});
