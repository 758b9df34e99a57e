// Commands on pasearch reports: match answers for the installed policy and says what the report
// cannot tell; lint shows only what a report can show, on the report's own lines; test runs cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOT_SEEN_IN_REPORT, SEEN_IN_REPORT } from '@attls/cli/pasearch';
import { RULES } from '@attls/lint';
import { run } from '@attls/cli';
import { attls } from '../evaluate/helpers.js';
import { encodeIbm1047 } from '../support/ebcdic.js';
import { memoryIo } from '../support/memory-io.js';
import { repoRoot } from '../support/shared.js';

const dir = join(repoRoot, 'test', 'fixtures', 'pasearch');
const REPORT = readFileSync(join(dir, 'easyattls.report'), 'utf8');
const REBUILT = readFileSync(join(dir, 'easyattls-rebuilt.ttls'), 'utf8');
const lines = REPORT.split('\n');
const lineOf = (text: string, from = 1): number => lines.findIndex((l, i) => i >= from - 1 && l.includes(text)) + 1;
const FILES = (): Record<string, string> => ({ 'easyattls.report': REPORT, 'rebuilt.ttls': REBUILT });

describe('cli: attls match on a pasearch report', () => {
  it('gives the installed rule, its place in the report, and the notes of the report', async () => {
    const r = await attls(['match', 'easyattls.report', '--direction', 'inbound', '--local-port', '2023', '--jobname', 'TN3270', '--format', 'json'], FILES());
    assert.equal(r.status, 0, r.err);
    const a = JSON.parse(r.out);
    assert.equal(a.rule.name, 'TNZZZZ');
    assert.equal(a.rule.file, 'easyattls.report');
    assert.equal(a.rule.range.start.line + 1, lineOf('policyRule:             TNZZZZ'));
    assert.equal(a.rule.range.start.character, lines[a.rule.range.start.line]!.indexOf('TNZZZZ'));
    assert.equal(a.secured, true);
    assert.equal(a.settings.HandshakeTimeout.value, '3');
    assert.equal(a.settings.HandshakeTimeout.line, lineOf('HandshakeTimeout:          3', lineOf('TTLS Action:                  TNCA')));
    assert.equal(a.targetRelease, '3.1');
    assert.ok(a.notes.some((n: string) => /^easyattls\.report: pasearch prints every setting of an environment action/.test(n)), a.notes.join('\n'));
    assert.ok(a.notes.some((n: string) => /Priority 1 both for rules coded with Priority 1 and for rules without/.test(n)));
  });

  it('text: the notes are part of the answer', async () => {
    const r = await attls(['match', 'easyattls.report', '--direction', 'outbound', '--local-addr', '10.0.0.1', '--local-port', '40000', '--remote-addr', '192.0.2.25', '--remote-port', '25', '--jobname', 'CSSMTP', '--userid', 'CSSMTP'], FILES());
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^Rule {8}CSSMTPRule {2}\(8th of 12 in evaluation order, Priority 1\)$/m);
    assert.match(r.out, /^ {12}easyattls\.report:1338$/m);
    assert.match(r.out, /^Notes\n(.*\n)* {2}- easyattls\.report: pasearch prints every setting/m);
  });

  it('batch answers say the notes on standard error', async () => {
    const r = await attls(['match', 'easyattls.report', '--batch', 'c.csv', '--format', 'jsonl'], { ...FILES(), 'c.csv': 'direction,local_port\ninbound,6794\n' });
    assert.equal(r.status, 0, r.err);
    assert.equal(JSON.parse(r.out.trim()).rule, 'AZFMutAuthRule');
    assert.match(r.err, /^attls: note: easyattls\.report: pasearch prints every setting/m);
  });

  it('reads a report copied from z/OS in binary (IBM-1047)', async () => {
    const io = memoryIo({ 'pasearch.bin': encodeIbm1047(REPORT) });
    const status = await run(['match', 'pasearch.bin', '--direction', 'inbound', '--local-port', '6793', '--format', 'json'], io);
    assert.equal(status, 0, io.err());
    assert.equal(JSON.parse(io.out()).rule.name, 'AZFSrvAuthRule');
  });

  it('wants a report alone, and an image when the report has several', async () => {
    let r = await attls(['match', 'easyattls.report', 'rebuilt.ttls', '--direction', 'inbound'], FILES());
    assert.equal(r.status, 2);
    assert.equal(r.err, 'attls: easyattls.report: a pasearch report is the whole installed policy of a stack; give it alone, without policy files\n');
    const two = `${REPORT}\n${REPORT.replace('Image Name: TCPIP', 'Image Name: TCPIPB').replace(/policyRule: {13}TNZZZZ/, 'policyRule:             ONLYINB')}`;
    r = await attls(['match', 'two.report', '--direction', 'inbound', '--local-port', '2023', '--jobname', 'TN3270'], { 'two.report': two });
    assert.equal(r.status, 2);
    assert.equal(r.err, 'attls: two.report: the report has several images (TCPIP, TCPIPB); choose one with --stack\n');
    r = await attls(['match', 'two.report', '--stack', 'TCPIPB', '--direction', 'inbound', '--local-port', '2023', '--jobname', 'TN3270', '--format', 'json'], { 'two.report': two });
    assert.equal(r.status, 0, r.err);
    assert.equal(JSON.parse(r.out).rule.name, 'ONLYINB');
  });

  it('runs test cases against a report', async () => {
    const cases = [
      'policy: easyattls.report',
      'cases:',
      '  - name: TN3270 gets TNZZZZ',
      '    connection: { direction: inbound, local_port: 2023, jobname: TN3270 }',
      '    expect: { rule: TNZZZZ, secured: true, settings: { HandshakeTimeout: 3, TLSv1.2: On } }',
      '  - name: SMTP client',
      '    connection: { direction: outbound, local_addr: 10.0.0.1, local_port: 40000, remote_addr: 192.0.2.25, remote_port: 25, jobname: CSSMTP, userid: CSSMTP }',
      '    expect: { rule: CSSMTPRule, settings: { ApplicationControlled: On } }',
    ].join('\n');
    const r = await attls(['test', 'cases.yaml'], { ...FILES(), 'cases.yaml': cases });
    assert.equal(r.status, 0, r.out + r.err);
    assert.match(r.out, /2 cases: 2 passed, 0 failed/);
    assert.match(r.err, /attls: note: easyattls\.report: /);
  });
});

describe('cli: attls lint on a pasearch report', () => {
  it('classifies every lint rule as seen or not seen in a report', () => {
    for (const rule of RULES) {
      const id = rule.meta.id;
      assert.ok(SEEN_IN_REPORT.has(id) !== NOT_SEEN_IN_REPORT.has(id), `${id} must be in exactly one of SEEN_IN_REPORT and NOT_SEEN_IN_REPORT`);
    }
    assert.equal(SEEN_IN_REPORT.size + NOT_SEEN_IN_REPORT.size, RULES.length);
  });

  it('lints each image of a report of several on its own lines: the second copy of a report gets the first one\'s findings, moved down', async () => {
    const two = `${REPORT}\n${REPORT.replace('Image Name: TCPIP', 'Image Name: TCPIPB')}`;
    const offset = REPORT.split('\n').length;
    const r = await attls(['lint', 'two.report', '--format', 'json'], { 'two.report': two });
    assert.equal(r.status, 1, r.err);
    type Finding = { code: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    const found: Finding[] = JSON.parse(r.out)[0].diagnostics;
    const key = (f: Finding, shift: number): string => `${f.code} ${f.range.start.line - shift}:${f.range.start.character}-${f.range.end.line - shift}:${f.range.end.character} ${f.message}`;
    const first = found.filter((f) => f.range.start.line < offset).map((f) => key(f, 0));
    const second = found.filter((f) => f.range.start.line >= offset).map((f) => key(f, offset));
    assert.ok(first.length > 5, `${first.length} findings in the first image`);
    assert.deepEqual(second, first);
  });

  it('shows only findings a report can support, on the report lines, and says so in one line', async () => {
    const r = await attls(['lint', 'easyattls.report', '--format', 'json'], FILES());
    assert.equal(r.status, 1, r.err);
    assert.equal(r.err, 'attls: easyattls.report: a pasearch report: only findings about what the installed policy does are shown; its layout, spelling and which values the source codes cannot be seen in a report\n');
    const [result] = JSON.parse(r.out);
    type Finding = { code: string; message: string; range: { start: { line: number; character: number } } };
    const found: Finding[] = result.diagnostics;
    const codes = new Set(found.map((m) => m.code));
    for (const c of codes) assert.ok(SEEN_IN_REPORT.has(c), `${c} is not a finding a report can show`);
    // The real findings of this installed policy: TLSv1 on, SHA-1 signatures, a key ring of another user.
    assert.ok(codes.has('weak-protocol') && codes.has('weak-signature-algorithm') && codes.has('keyring-owner-mismatch'), [...codes].join(', '));
    const at = (m: Finding): string => lines[m.range.start.line]!.slice(m.range.start.character);
    const sha1 = found.filter((m) => m.code === 'weak-signature-algorithm' && m.message.startsWith('0201'));
    assert.ok(sha1.length > 0);
    for (const m of sha1) assert.equal(at(m), '0201  TLS_SIGALG_SHA1_WITH_RSA');
    const tls1 = found.find((m) => m.code === 'weak-protocol')!;
    assert.match(at(tls1), /^On/);
    assert.match(lines[tls1.range.start.line]!, /^ {5}TLSv1:/);
    const owner = found.find((m) => m.code === 'keyring-owner-mismatch')!;
    assert.match(at(owner), /^start1\/TN3270/);
  });

  it('never writes a report, even with --fix', async () => {
    const files = FILES();
    const r = await attls(['lint', 'easyattls.report', '--fix'], files);
    assert.equal(r.status, 1);
    assert.equal(files['easyattls.report'], REPORT);
    const dry = await attls(['lint', 'easyattls.report', '--fix-dry-run'], FILES());
    assert.equal(dry.out, '');
  });
});

describe('cli: attls fmt on a pasearch report', () => {
  it('refuses to format pasearch output, and never writes it', async () => {
    const files = FILES();
    const r = await attls(['fmt', '--write', 'easyattls.report'], files);
    assert.deepEqual([r.status, r.err], [2, 'attls: easyattls.report: not formatted: it is pasearch output, not a policy file\n']);
    assert.equal(files['easyattls.report'], REPORT);
  });
});

describe('cli: attls explain against a pasearch report', () => {
  it('places the rule and actions a log line names in the installed policy', async () => {
    // Log lines of the same system as the report (Colin Paice's z/OS 3.1), from the explain tests.
    const log = readFileSync(join(repoRoot, 'test', 'explain', 'fixtures', 'paice-colattls-syslog.log'), 'utf8');
    const r = await attls(['explain', '--log', 'syslog.log', '--policy', 'easyattls.report'], { ...FILES(), 'syslog.log': log });
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, new RegExp(`Rule: COLATTLJ at easyattls\\.report:${lineOf('policyRule:             COLATTLJ')}`));
    assert.match(r.out, new RegExp(`connection TNCA at easyattls\\.report:${lineOf('TTLS Action:                  TNCA')}`));
  });
});
