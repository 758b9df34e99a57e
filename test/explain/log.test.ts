// parseLog on the AT-TLS log lines quoted in the seeds: syslog and console forms, lines wrapped
// by the console, prefixes, annotations, tabs, CRLF, and text that is not an AT-TLS message.
import assert from 'node:assert/strict';
import { parseLog } from '@attls/explain';
import { fixture } from './support.js';

describe('explain: parseLog', () => {
  it('joins the CSSMTP EZD1286I wrapped over four lines and reads every field (seed 004)', () => {
    const log = parseLog(fixture('paice-cssmtp-417.log'));
    assert.equal(log.messages.length, 1);
    assert.equal(log.skippedLines, 0);
    const m = log.messages[0]!;
    assert.equal(m.id, 'EZD1286I');
    assert.equal(m.title, 'TTLS Error');
    assert.deepEqual([m.line, m.endLine], [1, 4]);
    assert.deepEqual([m.grpid, m.envid, m.connid], ['00000007', '00000002', '00000036']);
    assert.deepEqual(m.local, { address: '10.1.1.2', port: 1032, text: '10.1.1.2..1032' });
    assert.deepEqual(m.remote, { address: '10.1.0.2', port: 25, text: '10.1.0.2..25' });
    assert.equal(m.jobname, 'CSSMTP');
    assert.equal(m.userid, 'START1', 'USERID: at the end of one line, its value on the next');
    assert.equal(m.rule, 'CSSMTPRule');
    assert.equal(m.rc, 417);
    assert.equal(m.event, 'Initial Handshake');
    assert.equal(m.data, '0000000000000000 0000005011421D10 0000000000000000');
  });

  it('reads the same message with CRLF line ends', () => {
    const crlf = parseLog(fixture('paice-cssmtp-417.log').replace(/\n/g, '\r\n'));
    const lf = parseLog(fixture('paice-cssmtp-417.log'));
    assert.deepEqual(crlf.messages, lf.messages);
  });

  it('takes the syslog header line before EZD1281I as its prefix and the ACTIONS from the next line (seed 004)', () => {
    const log = parseLog(fixture('paice-colattls-syslog.log'));
    assert.equal(log.messages.length, 2);
    assert.equal(log.skippedLines, 0);
    const [map, event] = log.messages;
    assert.equal(map!.id, 'EZD1281I');
    assert.deepEqual([map!.line, map!.endLine], [2, 5]);
    assert.equal(map!.prefix, 'Apr 2 17:25:53 S0W1 TTLS[16842781]: 17:25:53 TCPIP');
    assert.equal(map!.host, 'S0W1');
    assert.equal(map!.time, '17:25:53');
    assert.equal(map!.connid, '00000032');
    assert.equal(map!.type, 'InBound');
    assert.equal(map!.status, 'Appl Control');
    assert.equal(map!.rule, 'COLATTLJ');
    assert.deepEqual(map!.actions, { group: 'TNGA', environment: 'TNEA', connection: 'TNCA' });
    assert.equal(event!.rc, 0);
    assert.equal(event!.event, 'Initial Handshake');
    assert.equal(event!.data, '0000005011440BB0 0000005011422870 TLSV1.2 C02C', 'trailing data wrapped to the next line');
  });

  it('reads the console form with BPXF024I headers, skipping other messages (seed 004)', () => {
    const log = parseLog(fixture('paice-colattls-console.log'));
    assert.deepEqual(
      log.messages.map((m) => m.id),
      ['EZD1281I', 'EZD1283I', 'EZD1282I', 'EZD1283I', 'EZD1284I'],
    );
    assert.equal(log.skippedLines, 2, 'IEF403I and the "..." line');
    const [map, init, start, master, flow] = log.messages;
    assert.equal(map!.endLine - map!.line, 2, 'EZD1281I over three lines');
    assert.equal(map!.userid, 'START1');
    assert.deepEqual(map!.actions, { group: 'TNGA', environment: 'TNEA', connection: 'TNCA' });
    assert.match(map!.prefix, /^BPXF024I \(TCPIP\)/);
    assert.equal(init!.rc, 0, 'RC: with extra blanks');
    assert.equal(init!.event, 'Connection Init');
    assert.equal(start!.event, 'Environment Create');
    assert.deepEqual(start!.actions, { group: 'TNGA', environment: 'TNEA' }, '**N/A** means no connection action');
    assert.equal(master!.event, 'Environment Master Create');
    assert.deepEqual(flow!.flow, { action: 'Call', name: 'GSK_ENVIRONMENT_OPEN', value: '0000005011421D10' });
  });

  it('reads the debug trace lines: Set GSK_KEYRING_FILE, a start event over three lines, data lines (seed 004)', () => {
    const log = parseLog(fixture('paice-debug.log'));
    assert.deepEqual(
      log.messages.map((m) => m.id),
      ['EZD1283I', 'EZD1284I', 'EZD1282I', 'EZD1285I', 'EZD1285I', 'EZD1285I'],
    );
    const [, set, start] = log.messages;
    assert.deepEqual(set!.flow, { action: 'Set', name: 'GSK_KEYRING_FILE', value: 'start1/TN3270' });
    assert.equal(start!.connid, '00000032', 'CONNID: at the end of a line, its value on the next');
    assert.equal(start!.event, 'Initial Handshake');
    assert.equal(start!.data, 'HS-ServerWithClientAuth');
    assert.deepEqual([start!.line, start!.endLine], [7, 9]);
    assert.ok(log.messages.slice(3).every((m) => m.connid === '00000032'));
  });

  it('reads the tab-separated EZD1287I job-log lines of the SHARE story, with their "AT MVS3 (SERVER):" labels (seed 003)', () => {
    const log = parseLog(fixture('share-error1-console.log'));
    assert.deepEqual(
      log.messages.map((m) => [m.rc, m.event, m.prefix]),
      [
        [202, 'Environment Master Init', 'AT MVS3 (SERVER):'],
        [202, 'Environment Link', 'AT MVS3 (SERVER):'],
        [406, 'Initial Handshake', 'AT MVS1 (CLIENT):'],
        [5006, 'Initial Handshake', 'AT MVS3 (SERVER):'],
      ],
    );
    const diag = parseLog(fixture('share-error1-diagnosis.log'));
    assert.deepEqual(
      diag.messages.map((m) => [m.rc, m.event, m.data]),
      [
        [202, 'Environment Master Init', undefined],
        [406, 'Initial Handshake', '479'],
        [5006, 'Initial Handshake', '951'],
      ],
    );
  });

  it('reads the EZD1286I laid out with slide annotations in the left column (seed 003)', () => {
    const log = parseLog(fixture('share-error3-ezd1286i.log'));
    assert.equal(log.messages.length, 1);
    const m = log.messages[0]!;
    assert.deepEqual([m.line, m.endLine], [1, 4]);
    assert.equal(m.host, 'MVS3');
    assert.equal(m.connid, '000007CC');
    assert.equal(m.jobname, 'FTPT1');
    assert.equal(m.userid, 'TCPIP');
    assert.equal(m.rule, 'FTPTat192.168.20.9n~1');
    assert.equal(m.rc, 6);
    assert.equal(m.event, 'Initial Handshake');
  });

  it('reads the long EZD1287I form whose fields follow over four more lines (seed 003, RC 401)', () => {
    const log = parseLog(fixture('share-error6-401.log'));
    assert.deepEqual(
      log.messages.map((m) => m.id),
      ['EZD1287I', 'EZD1284I', 'EZD1283I', 'EZD1286I'],
    );
    const [job, , , err] = log.messages;
    assert.deepEqual([job!.line, job!.endLine], [1, 5]);
    assert.equal(job!.rule, 'FTPT@192.168.20.113');
    assert.equal(job!.connid, '000000AD');
    assert.equal(job!.userid, 'TCPIP');
    assert.equal(job!.rc, 401);
    assert.equal(err!.jobname, 'USER201');
    assert.equal(err!.rule, 'FTPTClient@192.168.20.11n-5');
  });

  it('skips and counts prose, other messages and message ids quoted in prose', () => {
    const text = [
      'EZD1287I: Explanation: AT-TLS detected an error during the specified AT-TLS event',
      'Which were not very helpful.',
      'EZD1819I CSSMTP UNABLE TO ESTABLISH A TLS CONNECTION TO TARGET SERVER 10.1.0.2',
      '',
      ...fixture('paice-cssmtp-417.log').split('\n'),
      'Where the RC is described (0 to 4999) here and 5000 and over described here',
    ].join('\n');
    const log = parseLog(text);
    assert.equal(log.messages.length, 1);
    assert.equal(log.messages[0]!.rc, 417);
    assert.equal(log.messages[0]!.line, 5);
    assert.equal(log.skippedLines, 4);
  });

  it('never throws on empty or odd input', () => {
    assert.deepEqual(parseLog('').messages, []);
    assert.deepEqual(parseLog('\n\n\r\n').messages, []);
    const odd = parseLog('EZD1286I TTLS Error RC: RULE: CONNID:\nLOCAL: ..\nRC: x');
    assert.equal(odd.messages.length, 1);
    assert.equal(odd.messages[0]!.rc, undefined);
  });
});
