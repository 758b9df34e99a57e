// attls test with properties and coverage, run in memory: the example files, the three formats,
// --min-coverage, and counterexamples that `attls match` answers the same way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';
import { attls } from '../evaluate/helpers.js';

const example = (name: string): string => readFileSync(join(repoRoot, 'examples', name), 'utf8');
const FILES = (): Record<string, string> => ({
  'examples/sysa-attls.ttls': example('sysa-attls.ttls'),
  'examples/sysa-cases.yaml': example('sysa-cases.yaml'),
  'examples/sysa-properties.yaml': example('sysa-properties.yaml'),
});

interface PropertyJson {
  name: string;
  passed: boolean;
  counterexample: { connection: Record<string, string | number>; rule: string | null; secured: boolean; reason: string } | null;
  failingRegions: number;
  regions: number;
}

describe('cli: attls test with properties', () => {
  it('examples/sysa-properties.yaml: one property holds, one fails with a connection that breaks it (exit 1)', async () => {
    const r = await attls(['test', 'examples/sysa-properties.yaml'], FILES());
    assert.equal(r.status, 1, r.err);
    assert.equal(r.err, '');
    assert.match(r.out, /^HOLDS {2}FTP control connections are application controlled and ask for a client certificate {2}\(2 regions, every one checked\)$/m);
    assert.match(r.out, /^FAILS {2}every inbound connection to the TN3270 port is secured {2}\(2 of 4 regions fail\)$/m);
    assert.match(r.out, /^ {6}- for example inbound, local 0\.0\.0\.0 port 992, remote 0\.0\.0\.0 port 1, job A, user A$/m);
    assert.match(r.out, /^ {8}no rule matches, so AT-TLS does not secure it$/m);
    assert.match(r.out, /^ {8}see: attls match examples\/sysa-attls\.ttls --direction inbound --local-addr 0\.0\.0\.0 --local-port 992 --remote-addr 0\.0\.0\.0 --remote-port 1 --jobname A --userid A$/m);
    assert.match(r.out, /^2 properties: 1 holds, 1 fails$/m);
    // No cases: no case coverage to speak of.
    assert.doesNotMatch(r.out, /Coverage/);
  });

  it('json: "properties" next to "cases", and each counterexample gets the same answer from attls match', async () => {
    const r = await attls(['test', 'examples/sysa-properties.yaml', '--format', 'json'], FILES());
    assert.equal(r.status, 1);
    const report = JSON.parse(r.out) as { cases: unknown[]; properties: PropertyJson[] };
    assert.deepEqual(report.cases, []);
    assert.deepEqual(
      report.properties.map((p) => Object.keys(p)),
      [
        ['name', 'passed', 'counterexample', 'failingRegions', 'regions'],
        ['name', 'passed', 'counterexample', 'failingRegions', 'regions'],
      ],
    );
    const [holds, fails] = report.properties as [PropertyJson, PropertyJson];
    assert.deepEqual([holds.passed, holds.counterexample, holds.failingRegions], [true, null, 0]);
    assert.deepEqual(fails.counterexample, {
      connection: { direction: 'inbound', local_addr: '0.0.0.0', local_port: 992, remote_addr: '0.0.0.0', remote_port: 1, jobname: 'A', userid: 'A' },
      rule: null,
      secured: false,
      reason: 'no rule matches, so AT-TLS does not secure it',
    });
    const argv = ['match', 'examples/sysa-attls.ttls', '--format', 'json'];
    for (const [k, v] of Object.entries(fails.counterexample!.connection)) argv.push(`--${k.replace('_', '-')}`, String(v));
    const m = await attls(argv, FILES());
    const answer = JSON.parse(m.out) as { rule: unknown; secured: boolean };
    assert.deepEqual([answer.rule, answer.secured], [null, false]);
  });

  it('a counterexample that gets a rule: its settings and where they come from', async () => {
    const files = {
      ...FILES(),
      'p.yaml': `policy: examples/sysa-attls.ttls
properties:
  - name: TN3270 never offers TLS 1.0
    for: { direction: inbound, local_port: 992, jobname: "TN3270*" }
    expect: { secured: true, settings: { TLSv1: Off } }
`,
    };
    const r = await attls(['test', 'p.yaml'], files);
    assert.equal(r.status, 1);
    assert.match(r.out, /^ {8}gets TN3270Secure \(#1\), secured: TLSv1: expected Off, got On \(from TTLSEnvironmentAdvancedParms ServerProtocols\)$/m);
    const x = await attls(['test', 'p.yaml', '--format', 'junit'], files);
    assert.match(x.out, /<testsuite name="p\.yaml properties" tests="1" failures="1" errors="0" skipped="0">/);
    assert.match(x.out, /<failure message="inbound, local 0\.0\.0\.0 port 992, remote 0\.0\.0\.0 port 1, job TN3270, user A gets TN3270Secure \(#1\): TLSv1: expected Off, got On/);
    assert.match(x.out, /2 of 2 regions fail\nsee: attls match examples\/sysa-attls\.ttls --direction inbound/);
  });

  it('examples/sysa-cases.yaml still passes: its cases, a property that holds, and the coverage', async () => {
    const r = await attls(['test', 'examples/sysa-cases.yaml'], FILES());
    assert.equal(r.status, 0, r.out + r.err);
    assert.match(r.out, /^HOLDS {2}the payment partners get TLS 1\.2 and nothing older {2}\(1 region, every one checked\)$/m);
    assert.match(r.out, /^Rules no case reaches \(1 of 5\): MonitorLegacy$/m);
    assert.match(r.out, /^Coverage 94\.7%: 18 of 19 rules, actions and parameter blocks$/m);
  });

  it('coverage: the actions and parameter blocks no case reaches, and --min-coverage', async () => {
    const files = {
      ...FILES(),
      'one.yaml': `policy: examples/sysa-attls.ttls
cases:
  - name: TN3270
    connection: { direction: inbound, local_port: 992, jobname: TN3270A }
    expect: { rule: TN3270Secure }
`,
    };
    const j = await attls(['test', 'one.yaml', '--format', 'json'], files);
    assert.equal(j.status, 0, j.err);
    const report = JSON.parse(j.out) as {
      uncoveredActions: { kind: string; name: string; line: number }[];
      uncoveredBlocks: { label: string; line: number }[];
      coverage: { percent: number; rules: { covered: number; total: number }; actions: { covered: number; total: number }; blocks: { covered: number; total: number } };
    };
    assert.deepEqual(
      report.uncoveredActions.map((a) => `${a.kind} ${a.name}:${a.line}`),
      ['TTLSGroupAction gClear:74', 'TTLSEnvironmentAction eFTPServer:89', 'TTLSConnectionAction cFTPControl:103', 'TTLSEnvironmentAction eCICSClient:113'],
    );
    assert.deepEqual(
      report.uncoveredBlocks.map((b) => b.label),
      [
        'TTLSEnvironmentAdvancedParms in TTLSEnvironmentAction eFTPServer',
        'TTLSConnectionAdvancedParms in TTLSConnectionAction cFTPControl',
        'TTLSKeyringParms FTPRing',
        'TTLSKeyringParms CICSRing',
        'TTLSEnvironmentAdvancedParms ClientProtocols',
        'TTLSCipherParms ModernCiphers',
      ],
    );
    // TN3270Secure, gSecure, eTN3270Server, its inline key ring and ServerProtocols: 5 of 19.
    assert.deepEqual(report.coverage, { percent: 26.3, rules: { covered: 1, total: 5 }, actions: { covered: 2, total: 6 }, blocks: { covered: 2, total: 8 } });
    const low = await attls(['test', 'one.yaml', '--min-coverage', '50'], files);
    assert.equal(low.status, 1);
    assert.match(low.out, /^Coverage 26\.3%: 5 of 19 rules, actions and parameter blocks - below the minimum of 50%$/m);
    assert.match(low.out, /^Actions no case reaches \(4 of 6\): gClear, eFTPServer, cFTPControl, eCICSClient$/m);
    assert.equal((await attls(['test', 'one.yaml', '--min-coverage', '26'], files)).status, 0);
    const bad = await attls(['test', 'one.yaml', '--min-coverage', 'most'], files);
    assert.equal(bad.status, 2);
    assert.equal(bad.err, "attls: --min-coverage needs a percentage from 0 to 100, not 'most'\n");
  });

  it('unusable properties exit 2 with the reason; names with control characters are shown escaped', async () => {
    const bad = await attls(['test', 'p.yaml'], { ...FILES(), 'p.yaml': 'policy: examples/sysa-attls.ttls\nproperties:\n  - name: x\n    for: { local_port: 70000 }\n    expect: { secured: true }\n' });
    assert.equal(bad.status, 2);
    assert.match(bad.err, /^attls: p\.yaml: property 1 \(x\): for: local_port: /);
    const odd = await attls(['test', 'p.yaml'], { ...FILES(), 'p.yaml': 'policy: examples/sysa-attls.ttls\nproperties:\n  - name: "red \\e[31m"\n    for: { direction: outbound, remote_port: 9005 }\n    expect: { secured: true }\n' });
    assert.equal(odd.status, 1);
    assert.match(odd.out, /^FAILS {2}red \\x1b\[31m {2}/m);
    assert.doesNotMatch(odd.out, /\u001b/);
  });
});
