// explainLog on the seeds' stories: which connection failed, with which rule and actions, where
// they are in the policy, what the return code means and what to check there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parse } from '@attls/language';
import { explainLog, formatLogText } from '@attls/explain';
import { fixture, policy } from './support.js';
import { repoRoot } from '../support/shared.js';

describe('explain: explainLog', () => {
  it('CSSMTP RC 417: rule, actions and key ring with file and line (seed 004)', () => {
    const x = explainLog(fixture('paice-cssmtp-417.log'), policy('paice-cssmtp.ttls'));
    assert.equal(x.groups.length, 1);
    const g = x.groups[0]!;
    assert.equal(g.scope, 'connection');
    assert.equal(g.connection, '00000036');
    assert.equal(g.failed, true);
    assert.equal(g.rc, 417);
    assert.equal(g.rule, 'CSSMTPRule');
    assert.equal(g.file, 'paice-cssmtp.ttls');
    assert.equal(g.line, 1);
    assert.equal(g.certainty, 'recalled');
    assert.match(g.uncertain!, /unconfirmed/);
    assert.deepEqual(
      g.places.map((p) => [p.focus, p.name ?? p.parameter, p.line]),
      [
        ['rule', 'CSSMTPRule', 1],
        ['group-action', 'CSSMTPGroup', 8],
        ['environment-action', 'CSSMTPEnvironment', 12],
        ['keyring', 'Keyring', 17],
      ],
    );
    assert.equal(g.places[3]!.value, 'START1/MQRING');
    assert.match(g.checks[0]!, /^Keyring START1\/MQRING at paice-cssmtp\.ttls:17: ring MQRING owned by START1; the connection ran as START1/);
    assert.ok(x.policy!.errors > 0, 'the policy as printed in the blog has a stray brace');
  });

  it('SHARE error #1: 202 at environment init points at the misspelt owner FTPP; 5006 and 406 point back at it (seed 003)', () => {
    const x = explainLog(fixture('share-error1-console.log'), policy('share-ftp-server-ftpp.ttls'));
    assert.deepEqual(
      x.groups.map((g) => [g.scope, g.rc]),
      [
        ['message', 202],
        ['message', 202],
        ['message', 406],
        ['message', 5006],
      ],
    );
    const [master, , client, env] = x.groups;
    assert.ok(master!.notes.some((n) => /names no rule/.test(n)));
    assert.ok(
      master!.checks.some((c) => c.startsWith('Keyring FTPP/Server_RING at share-ftp-server-ftpp.ttls:26: ring Server_RING owned by FTPP')),
      master!.checks.join('\n'),
    );
    assert.ok(master!.checks.some((c) => /RACDCERT ID\(FTPP\) LISTRING\(Server_RING\)/.test(c)));
    assert.equal(master!.file, 'share-ftp-server-ftpp.ttls');
    assert.equal(master!.line, 18, 'no rule in the line: the environment action');
    // 5006 on MVS3: the environment errors of MVS3 before it, not the client's 406 from MVS1.
    assert.deepEqual(
      env!.related.map((r) => [r.rc, r.line]),
      [
        [202, 1],
        [202, 2],
      ],
    );
    assert.match(env!.checks[0]!, /^RC 202 at Environment Master Init \(log line 1\) is the likely cause/);
    // 406 on MVS1: the errors of the other system.
    assert.deepEqual(
      client!.related.map((r) => r.line),
      [1, 2, 4],
    );
    assert.match(client!.checks[0]!, /partner/);
  });

  it('a log naming a rule in another case finds the policy rule of that name and says they differ in case', () => {
    const line = ftpError202('ftptat192.168.20.9N~1');
    const x = explainLog(line, policy('share-ftp-server-ftpp.ttls'));
    const g = x.groups[0]!;
    // The group keeps the name the log shows, and points at the policy's rule of that name.
    assert.equal(g.rule, 'ftptat192.168.20.9N~1');
    assert.equal(g.file, 'share-ftp-server-ftpp.ttls');
    assert.equal(g.line, 5);
    assert.ok(
      g.notes.some((n) => n.includes("The log names rule 'ftptat192.168.20.9N~1'; the policy has 'FTPTat192.168.20.9n~1', which differs only in case")),
      g.notes.join('\n'),
    );
    // A name no rule has in any case is reported as missing.
    const missing = explainLog(line.replace('ftptat192.168.20.9N~1', 'Elsewhere~1'), policy('share-ftp-server-ftpp.ttls')).groups[0]!;
    assert.ok(missing.notes.some((n) => n.startsWith("Rule 'Elsewhere~1' is not in the policy given")));
  });

  it('202 on a mapped connection compares the ring owner with the user ID it ran under', () => {
    // Constructed in the EZD1286I layout of seed 003 with the story's names: the connection ran as
    // TCPIP, the policy names a ring owned by FTPP.
    const line = ftpError202('FTPTat192.168.20.9n~1');
    const g = explainLog(line, policy('share-ftp-server-ftpp.ttls')).groups[0]!;
    assert.equal(g.rule, 'FTPTat192.168.20.9n~1');
    assert.equal(g.line, 5);
    const ring = g.checks.find((c) => c.startsWith('Keyring '))!;
    assert.match(ring, /^Keyring FTPP\/Server_RING at share-ftp-server-ftpp\.ttls:26: ring Server_RING owned by FTPP; the connection ran as TCPIP, not as FTPP/);
    assert.match(ring, /RDATALIB FTPP\.Server_RING\.LST/);
    assert.ok(g.checks.some((c) => /EnvironmentUserInstance 0 at share-ftp-server-ftpp\.ttls:21/.test(c)));
  });

  it('5004 on a mapped connection gives the start interval on each side from the HandshakeTimeout in force', () => {
    // Constructed in the EZD1286I layout of seed 003: a handshake that never started.
    const line = [
      'EZD1286I TTLS Error GRPID: 00000005 ENVID: 0000000C CONNID: 000007CD',
      'LOCAL: 192.168.20.93..21 REMOTE: 192.168.20.91..1038 JOBNAME: FTPT1',
      'USERID: TCPIP RULE: FTPTat192.168.20.9n~1 RC: 5004 Initial Handshake',
    ].join('\n');
    const g = explainLog(line, policy('share-ftp-server-ftpp.ttls')).groups[0]!;
    assert.equal(g.rc, 5004);
    const timer = g.checks.find((c) => c.startsWith('HandshakeTimeout'))!;
    assert.match(timer, /within 10 seconds on the accepting \(server\) side, and within five times that \(50 seconds\) on the connecting \(client\) side; only that start interval gives 5004/);
  });

  it('402 under a Suite B profile names the profile suites, says IBM does not list them, and that the coded list is ignored', () => {
    const text = readFileSync(join(repoRoot, 'test', 'fixtures', 'rules', 'cipher-list-ignored', 'suite-b-environment.ttls'), 'utf8');
    const model = buildModel([{ uri: 'suite-b.ttls', parse: parse(text) }]);
    const line = [
      'EZD1286I TTLS Error GRPID: 00000005 ENVID: 0000000C CONNID: 000007CE',
      'LOCAL: 10.1.1.2..4000 REMOTE: 10.1.0.2..60742 JOBNAME: SRV1',
      'USERID: START1 RULE: SrvRule RC: 402 Initial Handshake',
    ].join('\n');
    const g = explainLog(line, model).groups[0]!;
    const suiteB = g.checks.find((c) => c.startsWith('SuiteBProfile'))!;
    assert.match(suiteB, /^SuiteBProfile 192 at suite-b\.ttls:17: only the Suite B suites are used \(TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, as attls reads the profile from RFC 6460; IBM does not list them\)/);
    assert.match(suiteB, /any TTLSCipherParms is ignored/);
  });

  it('SHARE error #3: RC 6 on a connection finds rule, actions and the default certificate of the ring (seed 003)', () => {
    const x = explainLog(fixture('share-error3-ezd1286i.log'), policy('share-ftp-server-ftpd.ttls'));
    const g = x.groups[0]!;
    assert.equal(g.rc, 6);
    assert.equal(g.userid, 'TCPIP');
    assert.deepEqual(g.actions, { group: 'gAct1', environment: 'eAct1~FTPTat192.168.20.9n', connection: 'cAct1' });
    assert.deepEqual(
      g.places.filter((p) => p.focus !== 'keyring' && p.focus !== 'instance').map((p) => [p.focus, p.line]),
      [
        ['rule', 6],
        ['group-action', 15],
        ['environment-action', 19],
        ['connection-action', 29],
      ],
    );
    assert.ok(g.checks.some((c) => /No CertificateLabel is coded/.test(c) && /DEFAULT/.test(c)));
    assert.ok(g.checks.some((c) => /Keyring FTPD\/Server_RING at share-ftp-server-ftpd\.ttls:27/.test(c)));
  });

  it('SHARE error #4: 438 on the client points at the 428 of the server (seed 003)', () => {
    const x = explainLog(fixture('share-error4-console.log'));
    const [client, server] = x.groups;
    assert.equal(client!.rc, 438);
    assert.deepEqual(client!.related.map((r) => r.rc), [428]);
    assert.equal(server!.rc, 428);
    assert.match(server!.meaning!, /private key/);
    assert.ok(server!.checks.some((c) => /CertificateLabel/.test(c)), 'without a policy: where to look, in words');
  });

  it('SHARE error #6: RC 401 on both ends, grouped by connection, without a policy (seed 003)', () => {
    const x = explainLog(fixture('share-error6-401.log'));
    assert.deepEqual(
      x.groups.map((g) => [g.connection, g.rc, g.rule, g.messages.length]),
      [
        ['000000AD', 401, 'FTPT@192.168.20.113', 1],
        ['000000CA', 401, 'FTPTClient@192.168.20.11n-5', 3],
      ],
    );
    const client = x.groups[1]!;
    assert.equal(client.event, 'Initial Handshake', 'the event of EZD1286I, not of the flow line');
    assert.deepEqual(client.rcs, [401]);
    assert.match(client.meaning!, /expired/);
    assert.equal(client.file, undefined);
    assert.equal(x.policy, undefined);
  });

  it('COLATTLS: a mapping without an error still shows the rule and actions with their lines (seed 004)', () => {
    const x = explainLog(fixture('paice-colattls-console.log'), policy('paice-colattls.ttls'));
    const g = x.groups[0]!;
    assert.equal(g.scope, 'connection');
    assert.equal(g.failed, false);
    assert.equal(g.rule, 'COLATTLJ');
    assert.deepEqual(
      g.places.map((p) => [p.focus, p.name, p.line]),
      [
        ['rule', 'COLATTLJ', 1],
        ['group-action', 'TNGA', 82],
        ['environment-action', 'TNEA', 52],
        ['connection-action', 'TNCA', 23],
      ],
    );
    assert.deepEqual(
      x.groups.slice(1).map((e) => [e.scope, e.environment, e.actions.environment]),
      [
        ['environment', '00000001', 'TNEA'],
        ['environment', '00000002', 'TNEA'],
      ],
    );
    assert.equal(x.skippedLines, 2);
  });

  it('says when the rule of the log is not in the policy', () => {
    const g = explainLog(fixture('paice-cssmtp-417.log'), policy('paice-colattls.ttls')).groups[0]!;
    assert.equal(g.file, undefined);
    assert.ok(g.notes.some((n) => /Rule 'CSSMTPRule' is not in the policy given/.test(n)));
  });

  it('says when the log and the policy disagree on an action', () => {
    const log = fixture('paice-colattls-syslog.log').replace('TNGA TNEA TNCA', 'TNGA OLDENV TNCA');
    const g = explainLog(log, policy('paice-colattls.ttls')).groups[0]!;
    assert.ok(g.notes.some((n) => /TTLSEnvironmentAction 'OLDENV' named in the log is not in the policy/.test(n)));
    assert.ok(g.notes.some((n) => /now refers to 'TNEA'/.test(n)));
  });

  it('keeps one connection together across a syslog excerpt and debug lines without a prefix (seed 004)', () => {
    const x = explainLog(`${fixture('paice-colattls-syslog.log')}\n${fixture('paice-debug.log')}`);
    assert.equal(x.groups.length, 1);
    const g = x.groups[0]!;
    assert.equal(g.connection, '00000032');
    assert.equal(g.host, 'S0W1');
    assert.equal(g.messages.length, 8);
  });

  it('links connections and environments only when their lines are near each other', () => {
    const far = explainLog(`${fixture('paice-cssmtp-417.log')}\n${'text\n'.repeat(80)}\n${fixture('paice-colattls-console.log')}`);
    const env2 = far.groups.find((g) => g.scope === 'environment' && g.environment === '00000002')!;
    assert.deepEqual(env2.related, [], 'the CSSMTP connection uses an ENVID 2 of another time');
    assert.equal(env2.actions.environment, 'TNEA', 'but the nearby connection 2F names its actions');
  });

  it('says when the key ring System SSL was given differs from the policy now', () => {
    // The debug lines of seed 004 show Set GSK_KEYRING_FILE start1/TN3270; the error line is
    // constructed in the EZD1286I layout for the same connection.
    const log = `${fixture('paice-debug.log')}\nEZD1286I TTLS Error GRPID: 00000007 ENVID: 00000003 CONNID: 00000032 LOCAL: 10.1.1.2..4000\nREMOTE: 10.1.0.2..60742 JOBNAME: COLATTLS USERID: START1 RULE: COLATTLJ RC: 202 Initial Handshake\n`;
    const text = fixture('paice-colattls.ttls').replace('start1/TN3270', 'START1/NEWRING');
    const model = buildModel([{ uri: 'colattls.ttls', parse: parse(text) }]);
    const g = explainLog(log, model).groups[0]!;
    assert.equal(g.rc, 202);
    assert.ok(g.checks.some((c) => /System SSL was given key ring 'start1\/TN3270', but the policy now says 'START1\/NEWRING'/.test(c)), g.checks.join('\n'));
    assert.ok(g.checks.some((c) => /^Keyring START1\/NEWRING at colattls\.ttls:58: ring NEWRING owned by START1; the connection ran as START1/.test(c)));
  });

  it('renders text with one block per connection and file:line links', () => {
    const text = formatLogText(explainLog(fixture('paice-cssmtp-417.log'), policy('paice-cssmtp.ttls')));
    assert.match(text, /^Connection 00000036 \(group 00000007, environment 00000002\), log lines 1-4$/m);
    assert.match(text, /^ {2}Failed: RC 417 at Initial Handshake/m);
    assert.match(text, /^ {2}Rule: CSSMTPRule at paice-cssmtp\.ttls:1$/m);
    assert.match(text, /unconfirmed/);
  });
});

/**
 * An EZD1286I RC 202 for FTP server job FTPT1 running as TCPIP, mapped to `rule` (the layout of
 * seed 003, with the names of the share-ftp-server-ftpp story).
 */
function ftpError202(rule: string): string {
  return [
    'EZD1286I TTLS Error GRPID: 00000005 ENVID: 0000000C CONNID: 000007CC',
    'LOCAL: 192.168.20.93..21 REMOTE: 192.168.20.91..1037 JOBNAME: FTPT1',
    `USERID: TCPIP RULE: ${rule} RC: 202 Environment Master Init`,
  ].join('\n');
}
