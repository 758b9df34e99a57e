// attls match and attls test, run in memory through run(argv, io).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';
import { ACTIONS, attls, rule } from './helpers.js';

const EXAMPLE = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');
const FILES = (): Record<string, string> => ({ 'sysa.ttls': EXAMPLE });

describe('cli: attls match', () => {
  it('text: the rule with its place and priority, the verdict, settings, and why earlier rules failed', async () => {
    const r = await attls(['match', 'sysa.ttls', '--direction', 'inbound', '--local-port', '21', '--jobname', 'ftpd1'], FILES());
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^Rule {8}FTPServerControl {2}\(2nd of 5 in evaluation order, Priority 400\)$/m);
    assert.match(r.out, /^Verdict {5}SECURED - AT-TLS is on/m);
    assert.match(r.out, /^ {2}HandshakeRole +ServerWithClientAuth +TTLSEnvironmentAction eFTPServer, line 91$/m);
    assert.match(r.out, /^ {2}ApplicationControlled +On +TTLSConnectionAdvancedParms in TTLSConnectionAction cFTPControl, line 107$/m);
    // The misspelt HandshakeTimout is ignored by Policy Agent: the default applies.
    assert.match(r.out, /^ {2}HandshakeTimeout +10$/m);
    assert.match(r.out, /^ {2}#1 {2}TN3270Secure {2}500 {2}LocalPortRange 992 does not match 21$/m);
    // Coded settings come before defaults.
    assert.ok(r.out.indexOf('Settings coded in the policy') < r.out.indexOf('Defaults that apply (z/OS 3.1; not coded)'));
  });

  it('text: a TTLSEnabled Off rule ends the search and the connection is not secured', async () => {
    const r = await attls(['match', 'sysa.ttls', '--direction', 'outbound', '--remote-port', '9005', '--jobname', 'MONAGT01'], FILES());
    assert.equal(r.status, 0);
    assert.match(r.out, /^Rule {8}MonitorExempt {2}\(4th of 5/m);
    assert.match(r.out, /NOT SECURED - the rule matches, but its group gClear has TTLSEnabled Off/);
    assert.doesNotMatch(r.out, /Settings coded/);
  });

  it('json: the documented shape', async () => {
    const r = await attls(['match', 'sysa.ttls', '--direction', 'inbound', '--local-port', '992', '--jobname', 'TN3270A', '--format', 'json'], FILES());
    assert.equal(r.status, 0);
    const a = JSON.parse(r.out);
    assert.deepEqual(a.rule, { name: 'TN3270Secure', priority: 500, priorityCoded: true, order: 1, file: 'sysa.ttls', range: { start: { line: 13, character: 30 }, end: { line: 13, character: 42 } } });
    assert.equal(a.secured, true);
    assert.deepEqual(a.actions, { group: 'gSecure', environment: 'eTN3270Server', connection: null });
    assert.deepEqual(a.settings.HandshakeRole, { value: 'Server', from: 'TTLSEnvironmentAction eTN3270Server (sysa.ttls:81)', level: 'environment', file: 'sysa.ttls', line: 81 });
    assert.equal(a.settings.SSLv3.from, 'default');
    assert.deepEqual(a.trace, [
      { rule: 'TN3270Secure', order: 1, priority: 500, matched: true, failed: null, detail: 'every condition holds', file: 'sysa.ttls', range: { start: { line: 13, character: 30 }, end: { line: 13, character: 42 } } },
    ]);
    assert.ok(Array.isArray(a.assumptions));
  });

  it('json: no match gives rule null, not secured, and every rule in the trace', async () => {
    const r = await attls(['match', 'sysa.ttls', '--direction', 'inbound', '--local-port', '8080', '--format', 'json'], FILES());
    const a = JSON.parse(r.out);
    assert.equal(a.rule, null);
    assert.equal(a.secured, false);
    assert.equal(a.trace.length, 5);
    assert.deepEqual(a.trace[3], {
      rule: 'MonitorExempt',
      order: 4,
      priority: 200,
      matched: false,
      failed: 'Direction',
      detail: 'Direction Outbound does not match an inbound connection',
      file: 'sysa.ttls',
      range: { start: { line: 48, character: 30 }, end: { line: 48, character: 43 } },
    });
  });

  it('usage errors exit 2 with one line: missing direction, bad port, bad address, missing file, no files', async () => {
    const cases: [string[], RegExp][] = [
      [['match', 'sysa.ttls', '--local-port', '21'], /^attls: --direction is required \(inbound or outbound\)\n$/],
      [['match', 'sysa.ttls', '--direction', 'inbound', '--local-port', '70000'], /^attls: --local-port: '70000' is not a port \(1-65535\)\n$/],
      [['match', 'sysa.ttls', '--direction', 'sideways'], /^attls: --direction: 'sideways' is not a direction/],
      [['match', 'sysa.ttls', '--direction', 'in', '--remote-addr', '10.1.2'], /^attls: --remote-addr: '10\.1\.2' is not a valid IPv4 address\n$/],
      [['match', 'nope.ttls', '--direction', 'in'], /^attls: nope\.ttls: no such file or directory\n$/],
      [['match', '--direction', 'in'], /^attls: no policy files given/],
      [['match', 'sysa.ttls', '--direction', 'in', '--format', 'jsonl'], /needs --batch/],
    ];
    for (const [argv, err] of cases) {
      const r = await attls(argv, FILES());
      assert.equal(r.status, 2, argv.join(' '));
      assert.match(r.err, err, argv.join(' '));
      assert.equal(r.out, '');
    }
  });

  it('json: trace entries, actions and later matches each carry their own file and name range, across the files of a set', async () => {
    // The environment action shares its name with a rule: a place looked up by name could pick
    // either, so each entry says where its own statement is.
    const common = 'TTLSRule Early\n{\n  Priority 30\n  Direction Inbound\n  LocalPortRange 80\n  TTLSGroupActionRef gOn\n  TTLSEnvironmentActionRef Web\n}\nTTLSGroupAction gOn\n{\n  TTLSEnabled On\n}\nTTLSEnvironmentAction Web\n{\n  HandshakeRole Server\n}\n';
    const stack = 'TTLSRule Web\n{\n  Priority 20\n  Direction Inbound\n  LocalPortRange 443\n  TTLSGroupActionRef gOn\n  TTLSEnvironmentActionRef Web\n}\nTTLSRule Wide\n{\n  Priority 10\n  Direction Inbound\n  TTLSGroupActionRef gOn\n}\n';
    const r = await attls(['match', 'common.ttls', 'stack.ttls', '--direction', 'inbound', '--local-port', '443', '--format', 'json'], { 'common.ttls': common, 'stack.ttls': stack });
    assert.equal(r.status, 0, r.err);
    const a = JSON.parse(r.out);
    /** The place of the name after `keyword` in `text`. */
    const at = (file: string, text: string, keyword: string, name: string) => {
      const lines = text.split('\n');
      const line = lines.indexOf(`${keyword} ${name}`);
      assert.ok(line >= 0, `${keyword} ${name}`);
      return { file, range: { start: { line, character: keyword.length + 1 }, end: { line, character: keyword.length + 1 + name.length } } };
    };
    const places = (list: { file: string; range: unknown }[]) => list.map((t) => ({ file: t.file, range: t.range }));
    assert.deepEqual(a.trace.map((t: { rule: string }) => t.rule), ['Early', 'Web']);
    assert.deepEqual(places(a.trace), [at('common.ttls', common, 'TTLSRule', 'Early'), at('stack.ttls', stack, 'TTLSRule', 'Web')]);
    assert.deepEqual(a.alsoMatches, [{ rule: 'Wide', order: 3, priority: 10, ...at('stack.ttls', stack, 'TTLSRule', 'Wide') }]);
    // The old shape stays; the places come beside it.
    assert.deepEqual(a.actions, { group: 'gOn', environment: 'Web', connection: null });
    assert.deepEqual(a.actionPlaces, {
      group: { name: 'gOn', ...at('common.ttls', common, 'TTLSGroupAction', 'gOn') },
      environment: { name: 'Web', ...at('common.ttls', common, 'TTLSEnvironmentAction', 'Web') },
      connection: null,
    });
    const none = JSON.parse((await attls(['match', 'common.ttls', 'stack.ttls', '--direction', 'outbound', '--format', 'json'], { 'common.ttls': common, 'stack.ttls': stack })).out);
    assert.deepEqual(none.actionPlaces, { group: null, environment: null, connection: null });
  });

  it('several files are read in the order given: a later definition wins', async () => {
    const common = rule('Web', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10']) + ACTIONS;
    const stack = rule('Web', ['LocalPortRange 8443', 'Direction Inbound', 'Priority 10']);
    const r = await attls(['match', 'common.ttls', 'stack.ttls', '--direction', 'in', '--local-port', '8443', '--format', 'json'], { 'common.ttls': common, 'stack.ttls': stack });
    assert.equal(JSON.parse(r.out).rule.file, 'stack.ttls');
  });
});

describe('cli: attls match --batch', () => {
  const CSV = 'direction,local_port,remote_port,jobname\r\ninbound,992,,TN3270A\r\n\r\n"outbound",,"9005",MONAGT1\r\ninbound,8080,,\r\n';

  it('jsonl: one compact answer per line, CRLF, quotes and blank lines tolerated', async () => {
    const r = await attls(['match', 'sysa.ttls', '--batch', 'c.csv', '--format', 'jsonl'], { ...FILES(), 'c.csv': CSV });
    assert.equal(r.status, 0, r.err);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines[0], { line: 2, rule: 'TN3270Secure', order: 1, priority: 500, secured: true, actions: { group: 'gSecure', environment: 'eTN3270Server', connection: null } });
    assert.equal(lines[1].line, 4);
    assert.equal(lines[1].rule, 'MonitorExempt');
    assert.equal(lines[1].secured, false);
    assert.equal(lines[2].rule, null);
  });

  it('summary: hits per rule and the rules no connection hits', async () => {
    const r = await attls(['match', 'sysa.ttls', '--batch', 'c.csv'], { ...FILES(), 'c.csv': CSV });
    assert.equal(r.status, 0);
    assert.match(r.out, /^3 connections matched against 5 rules$/m);
    assert.match(r.out, /^ +1 +33\.3% +#1 +TN3270Secure +500 +secured$/m);
    assert.match(r.out, /^ +1 +33\.3% +- +\(no rule\) +- +not secured \(no AT-TLS\)$/m);
    assert.match(r.out, /^Rules hit by no connection \(3\):\n {2}#2 FTPServerControl\n {2}#3 CICSPaymentsOut\n {2}#5 MonitorLegacy$/m);
  });

  it('a bad row is reported with its line number, the rest is matched, exit 2', async () => {
    const csv = 'direction,local_port\ninbound,992\ninbound,abc\nsideways,21\ninbound,21\n';
    const r = await attls(['match', 'sysa.ttls', '--batch', 'c.csv', '--format', 'jsonl'], { ...FILES(), 'c.csv': csv });
    assert.equal(r.status, 2);
    assert.match(r.err, /^attls: c\.csv:3: local_port: 'abc' is not a port \(1-65535\)$/m);
    assert.match(r.err, /^attls: c\.csv:4: direction: 'sideways' is not a direction/m);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.deepEqual(lines[1], { line: 3, error: "local_port: 'abc' is not a port (1-65535)" });
    assert.equal(lines[3].rule, 'FTPServerControl');
  });

  it('an unusable CSV header exits 2 at once', async () => {
    const r = await attls(['match', 'sysa.ttls', '--batch', 'c.csv'], { ...FILES(), 'c.csv': 'direction,port\ninbound,1\n' });
    assert.equal(r.status, 2);
    assert.match(r.err, /unknown CSV column 'port'/);
    const r2 = await attls(['match', 'sysa.ttls', '--batch', 'c.csv', '--local-port', '992'], { ...FILES(), 'c.csv': 'direction\nin\n' });
    assert.equal(r2.status, 2);
    assert.match(r2.err, /--local-port cannot be combined with --batch/);
    const r3 = await attls(['match', 'sysa.ttls', '--batch', 'c.csv', '--direction', 'sideways'], { ...FILES(), 'c.csv': 'local_port\n992\n' });
    assert.equal(r3.status, 2);
    assert.equal(r3.err, "attls: --direction: 'sideways' is not a direction (inbound or outbound)\n");
  });

  it('--direction gives the direction of rows without one: no column, or an empty cell', async () => {
    const noColumn = 'local_port,jobname\n992,TN3270A\n8080,\n';
    const r = await attls(['match', 'sysa.ttls', '--batch', 'c.csv', '--direction', 'inbound', '--format', 'jsonl'], { ...FILES(), 'c.csv': noColumn });
    assert.equal(r.status, 0, r.err);
    assert.deepEqual(r.out.trim().split('\n').map((l) => JSON.parse(l).rule), ['TN3270Secure', null]);
    // A direction in the row wins over the default; an empty cell takes it.
    const mixed = 'direction,local_port,remote_port,jobname\n,992,,TN3270A\noutbound,,9005,MONAGT1\n';
    const m = await attls(['match', 'sysa.ttls', '--batch', 'c.csv', '--direction', 'in', '--format', 'jsonl'], { ...FILES(), 'c.csv': mixed });
    assert.equal(m.status, 0, m.err);
    assert.deepEqual(m.out.trim().split('\n').map((l) => JSON.parse(l).rule), ['TN3270Secure', 'MonitorExempt']);
  });

  it('rows that have no direction and no --direction exit 2 with one line', async () => {
    const r = await attls(['match', 'sysa.ttls', '--batch', 'c.csv'], { ...FILES(), 'c.csv': 'local_port,jobname\n992,TN3270A\n8080,\n' });
    assert.equal(r.status, 2);
    assert.equal(r.out, '');
    assert.equal(r.err, 'attls: c.csv: line 2 has no direction: the CSV header (line 1) has no direction column and no default direction was given (--direction)\n');
    // A header alone has no row to lack a direction.
    const empty = await attls(['match', 'sysa.ttls', '--batch', 'c.csv'], { ...FILES(), 'c.csv': 'local_port\n' });
    assert.equal(empty.status, 0, empty.err);
    assert.match(empty.out, /^0 connections matched/);
  });
});

describe('cli: attls test', () => {
  const CASES = `
policy: sysa.ttls
cases:
  - name: TN3270 server auth
    connection: { direction: inbound, local_port: 992, jobname: TN3270A }
    expect:
      rule: TN3270Secure
      secured: true
      settings: { HandshakeRole: Server, TLSv1.2: On, TLSv1: "On" }
  - name: monitor in the clear
    connection: { direction: outbound, remote_port: 9005, jobname: MONAGT1 }
    expect: { rule: MonitorExempt, secured: false }
  - name: unknown port gets nothing
    connection: { direction: inbound, local_port: 8080 }
    expect: { rule: null }
`;

  it('all cases pass: exit 0 and the rules no case reaches', async () => {
    const r = await attls(['test', 'cases.yaml'], { ...FILES(), 'cases.yaml': CASES });
    assert.equal(r.status, 0, r.out + r.err);
    assert.match(r.out, /^PASS {2}TN3270 server auth {9}TN3270Secure \(#1, secured\)$/m);
    assert.match(r.out, /^3 cases: 3 passed, 0 failed$/m);
    assert.match(r.out, /^Rules no case reaches \(3 of 5\): FTPServerControl, CICSPaymentsOut, MonitorLegacy$/m);
  });

  it('a failing case: exit 1, with what was expected, what came, and why', async () => {
    const failing = CASES.replace('rule: MonitorExempt, secured: false', 'rule: MonitorLegacy').replace('TLSv1.2: On', 'TLSv1.2: Off');
    const r = await attls(['test', 'cases.yaml'], { ...FILES(), 'cases.yaml': failing });
    assert.equal(r.status, 1);
    assert.match(r.out, /^ {6}- TLSv1\.2: expected Off, got On \(from TTLSEnvironmentAdvancedParms ServerProtocols\)$/m);
    assert.match(r.out, /^ {6}- expected rule MonitorLegacy, got MonitorExempt \(#4\); MonitorLegacy: MonitorLegacy matches too, but comes later in evaluation order \(#5\)$/m);
    const j = await attls(['test', 'cases.yaml', '--format', 'json'], { ...FILES(), 'cases.yaml': failing });
    const report = JSON.parse(j.out);
    assert.equal(report.failed, 2);
    assert.deepEqual(
      report.uncovered.map((u: { name: string }) => u.name),
      ['FTPServerControl', 'CICSPaymentsOut', 'MonitorLegacy'],
    );
    const x = await attls(['test', 'cases.yaml', '--format', 'junit'], { ...FILES(), 'cases.yaml': failing });
    assert.match(x.out, /<testsuite name="cases\.yaml" tests="3" failures="2" errors="0" skipped="0">/);
    assert.match(x.out, /<testcase classname="cases\.yaml" name="unknown port gets nothing"\/>/);
    assert.match(x.out, /<failure message="expected rule MonitorLegacy, got MonitorExempt/);
  });

  it('unusable case files exit 2: bad YAML, unknown keys and settings, bad connections, missing policy', async () => {
    const bad: [string, RegExp][] = [
      ['cases: [\n', /^attls: cases\.yaml:2:1: not valid YAML/],
      ['policy: sysa.ttls\ncases:\n  - name: x\n    connection: { direction: in, port: 1 }\n    expect: { rule: null }\n', /unknown connection field 'port'/],
      ['policy: sysa.ttls\ncases:\n  - name: x\n    connection: { direction: in }\n    expect: { settings: { HandshakeRoll: Server } }\n', /unknown setting 'HandshakeRoll'/],
      ['policy: sysa.ttls\ncases:\n  - name: x\n    connection: { local_port: 1 }\n    expect: { rule: null }\n', /direction is required/],
      ['policy: missing.ttls\ncases:\n  - name: x\n    connection: { direction: in }\n    expect: { rule: null }\n', /attls: missing\.ttls: no such file or directory/],
    ];
    for (const [yaml, err] of bad) {
      const r = await attls(['test', 'cases.yaml'], { ...FILES(), 'cases.yaml': yaml });
      assert.equal(r.status, 2, yaml);
      assert.match(r.err, err, yaml);
    }
  });

  it('policy files on the command line replace the one named in the case file', async () => {
    const r = await attls(['test', 'cases.yaml', 'other.ttls'], { 'other.ttls': EXAMPLE, 'cases.yaml': CASES.replace('policy: sysa.ttls', 'policy: gone.ttls') });
    assert.equal(r.status, 0, r.err);
  });
});

describe('examples/sysa-cases.yaml', () => {
  it('passes against the example policy, and only MonitorLegacy is unreached', async () => {
    const files = {
      'examples/sysa-cases.yaml': readFileSync(join(repoRoot, 'examples', 'sysa-cases.yaml'), 'utf8'),
      'examples/sysa-attls.ttls': EXAMPLE,
    };
    const r = await attls(['test', 'examples/sysa-cases.yaml'], files);
    assert.equal(r.status, 0, r.out + r.err);
    assert.match(r.out, /^Rules no case reaches \(1 of 5\): MonitorLegacy$/m);
  });
});
