// attls diff: the classes of difference on small policies, the connection regions checked against
// the matcher on generated pairs (every example gives the stated answers; the regions are exactly
// the connections whose answer changes), the real report against the policy rebuilt from it, and
// the command's formats and exit codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  boxContains,
  compilePolicy,
  diffPolicies,
  effectiveSettings,
  explainMatch,
  hasDifferences,
  isSecured,
  readConnection,
  regionPairs,
  settingKey,
  type CompiledPolicy,
  type Connection,
  type ConnectionChange,
  type PolicyDiff,
} from '@attls/evaluate';
import { readPasearch } from '@attls/language';
import { attls, policyOf } from '../evaluate/helpers.js';
import { generatePolicy } from '../bench/generate.js';
import { random, int, pick } from '../support/random.js';
import { mutate } from '../support/mutate.js';
import { repoRoot } from '../support/shared.js';
import { BEHAVIOUR, mutatePolicy, policyText, randomPolicy, WRITING } from './pairs.js';

const dir = join(repoRoot, 'test', 'fixtures', 'pasearch');
const REPORT = readFileSync(join(dir, 'easyattls.report'), 'utf8');
const REBUILT = readFileSync(join(dir, 'easyattls-rebuilt.ttls'), 'utf8');

const diffOf = (a: string, b: string): PolicyDiff => diffPolicies({ policy: policyOf([{ uri: 'old.ttls', text: a }]), source: 'old.ttls' }, { policy: policyOf([{ uri: 'new.ttls', text: b }]), source: 'new.ttls' });
/** The 1-based line of the first line of a text that contains `needle`. */
const lineIn = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const BASE = `
TTLSRule TN3270
{
  Priority 200
  LocalPortRange 992
  Direction Inbound
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eServer
}
TTLSRule FTP
{
  Priority 100
  LocalPortRange 20-21
  Jobname FTPD*
  Direction Inbound
  TTLSGroupActionRef gOn
  TTLSEnvironmentActionRef eServer
  TTLSConnectionActionRef cFTP
}
TTLSRule Clear
{
  Priority 50
  LocalPortRange 1-1023
  Direction Inbound
  TTLSGroupActionRef gOff
}
TTLSGroupAction gOn
{
  TTLSEnabled On
}
TTLSGroupAction gOff
{
  TTLSEnabled Off
}
TTLSEnvironmentAction eServer
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring TCPIP/RING
  }
  TTLSEnvironmentAdvancedParms
  {
    TLSv1.2 On
    ApplicationControlled Off
  }
}
TTLSConnectionAction cFTP
{
  TTLSConnectionAdvancedParms
  {
    ApplicationControlled On
  }
}
`;

/** Checks an example connection against `attls match`'s engine on both sides. */
function confirm(c: ConnectionChange, oldP: CompiledPolicy, newP: CompiledPolicy, what: string): void {
  const fields = Object.fromEntries(Object.entries(c.example).map(([k, v]) => [k, String(v)]));
  const r = readConnection(fields);
  assert.ok(r.connection, `${what}: the example ${JSON.stringify(c.example)} is a connection attls match reads (${r.problems.join('; ')})`);
  for (const [side, p, want] of [['old', oldP, c.old], ['new', newP, c.new]] as const) {
    const e = explainMatch(p, r.connection);
    assert.equal(e.result.rule?.name ?? null, want.rule, `${what}: ${side} rule for ${JSON.stringify(c.example)}`);
    assert.equal(isSecured(e.result.rule), want.secured === true, `${what}: ${side} verdict`);
    const byName = new Map(e.settings.map((s) => [s.name, s]));
    for (const s of c.settings) {
      const got = byName.get(s.name);
      const shown = got ? (typeof got.value === 'string' ? got.value : got.value?.join(' ') ?? null) : null;
      assert.equal(shown, side === 'old' ? s.old : s.new, `${what}: ${side} ${s.name}`);
    }
  }
}

/** The answer that matters for a connection: rule, verdict, and the settings as compared. */
function outcome(p: CompiledPolicy, c: Connection): string {
  const rule = explainMatch(p, c).result.rule;
  if (!rule) return 'none';
  const settings = rule.enabled === true ? effectiveSettings(p.model, rule).map((s) => `${s.name}=${settingKey(s)}`).join(';') : '';
  return `${rule.name}|${String(rule.enabled)}|${settings}`;
}

/** A connection with every attribute, from small sets that hit the generated rules' edges. */
function randomConnection(rnd: () => number): Connection {
  const v6 = rnd() < 0.2;
  const fields = {
    direction: pick(rnd, ['inbound', 'outbound']),
    local_addr: v6 ? pick(rnd, ['2001:db8::1', '2001:db9::1']) : pick(rnd, ['10.1.1.1', '10.2.0.1', '192.0.2.5']),
    remote_addr: v6 ? pick(rnd, ['2001:db8::5', '2001:db7::5', '::1']) : pick(rnd, ['10.1.1.1', '10.1.1.5', '10.1.2.3', '10.9.9.9', '192.0.2.77', '198.51.100.1']),
    local_port: String(pick(rnd, [20, 21, 22, 25, 26, 443, 999, 1000, 1500, 2000, 2001, 50000])),
    remote_port: String(int(rnd, 1, 65535)),
    jobname: pick(rnd, ['TN3270', 'TNX', 'FTPD1', 'FTPD2', 'APP1', 'A', 'ZZZ']),
    userid: pick(rnd, ['USR1', 'USR2', 'SYS1', 'OTHER']),
  };
  return readConnection(fields).connection!;
}

describe('attls diff: classes of difference', () => {
  it('finds nothing between a policy and itself', () => {
    const d = diffOf(BASE, BASE);
    assert.equal(hasDifferences(d), false);
    assert.deepEqual(d.rules, { added: [], removed: [], reordered: [], changed: [] });
    assert.deepEqual(d.connections, []);
  });

  it('a setting moved from the environment to the connection action, or coded as its default, is no difference', () => {
    const moved = BASE.replace('    TLSv1.2 On\n    ApplicationControlled Off\n', '    TLSv1.2 On\n')
      .replace('TTLSRule TN3270\n{\n', 'TTLSRule TN3270\n{\n')
      .replace('    ApplicationControlled On\n', '    ApplicationControlled On\n    TLSv1.2 On\n');
    const coded = BASE.replace('    TLSv1.2 On\n', '    TLSv1.2 On\n    SSLv3 Off\n    HandshakeTimeout 10\n    Renegotiation Default\n');
    for (const other of [moved, coded]) {
      const d = diffOf(BASE, other);
      assert.equal(hasDifferences(d), false, JSON.stringify(d.rules.changed));
    }
  });

  it('reports a rule added, removed and moved, and the connections that change with it', () => {
    const next = BASE.replace('TTLSRule FTP\n{\n  Priority 100', 'TTLSRule FTP\n{\n  Priority 300').replace('TTLSRule Clear', 'TTLSRule Clear2');
    const d = diffOf(BASE, next);
    assert.deepEqual(d.rules.added, ['Clear2']);
    assert.deepEqual(d.rules.removed, ['Clear']);
    assert.deepEqual(d.rules.reordered, [{ rule: 'FTP', old: 2, new: 1 }]);
    assert.deepEqual(d.rules.changed, [{ rule: 'FTP', changes: [{ kind: 'priority', name: 'Priority', old: '100', new: '300' }] }]);
    // Renaming a rule changes the rule connections get, not whether they are secured; FTP moving
    // above TN3270 changes nothing, since they share no connection.
    assert.deepEqual(d.connections.map((c) => [c.old.rule, c.new.rule]), [['Clear', 'Clear2']]);
    assert.deepEqual(d.connections[0]!.region, [
      { family: 4, direction: 'inbound', local_addr: 'any', local_port: '1-19, 22-991, 993-1023', remote_addr: 'any', remote_port: 'any', jobname: 'any', userid: 'any' },
      { family: 4, direction: 'inbound', local_addr: 'any', local_port: '20-21', remote_addr: 'any', remote_port: 'any', jobname: 'any except FTPD*', userid: 'any' },
      { family: 6, direction: 'inbound', local_addr: 'any', local_port: '1-19, 22-991, 993-1023', remote_addr: 'any', remote_port: 'any', jobname: 'any', userid: 'any' },
      { family: 6, direction: 'inbound', local_addr: 'any', local_port: '20-21', remote_addr: 'any', remote_port: 'any', jobname: 'any except FTPD*', userid: 'any' },
    ]);
  });

  it('reports changed conditions, actions and effective settings with where each value comes from', () => {
    const next = BASE.replace('  LocalPortRange 20-21\n', '  LocalPortRange 21\n')
      .replace('  TTLSConnectionActionRef cFTP\n', '')
      .replace('    TLSv1.2 On\n', '    TLSv1.2 On\n    TLSv1.3 On\n');
    const d = diffOf(BASE, next);
    const ftp = d.rules.changed.find((c) => c.rule === 'FTP')!.changes;
    assert.deepEqual(ftp.find((c) => c.kind === 'condition'), { kind: 'condition', name: 'LocalPortRange', old: '20-21', new: '21' });
    assert.deepEqual(ftp.find((c) => c.kind === 'action'), { kind: 'action', name: 'TTLSConnectionActionRef', old: 'cFTP', new: null });
    assert.deepEqual(ftp.find((c) => c.name === 'ApplicationControlled'), {
      kind: 'setting',
      name: 'ApplicationControlled',
      old: 'On',
      new: 'Off',
      oldFrom: `TTLSConnectionAdvancedParms in TTLSConnectionAction cFTP (old.ttls:${lineIn(BASE, 'ApplicationControlled On')})`,
      newFrom: `TTLSEnvironmentAdvancedParms in TTLSEnvironmentAction eServer (new.ttls:${lineIn(next, 'ApplicationControlled Off')})`,
    });
    assert.deepEqual(ftp.find((c) => c.name === 'TLSv1.3'), { kind: 'setting', name: 'TLSv1.3', old: 'Off', new: 'On', oldFrom: 'default for z/OS 3.1', newFrom: `TTLSEnvironmentAdvancedParms in TTLSEnvironmentAction eServer (new.ttls:${lineIn(next, 'TLSv1.3 On')})` });
    // Port 20 of FTPD jobs now falls to Clear: not secured any more.
    const lost = d.connections.find((c) => c.old.rule === 'FTP' && c.new.rule === 'Clear')!;
    assert.deepEqual([lost.old.secured, lost.new.secured, lost.region[0]!.local_port, lost.region[0]!.jobname], [true, false, '20', 'FTPD*']);
    const kept = d.connections.find((c) => c.old.rule === 'TN3270' && c.new.rule === 'TN3270')!;
    assert.deepEqual(kept.settings, [{ name: 'TLSv1.3', old: 'Off', new: 'On' }]);
    for (const c of d.connections) confirm(c, policyOf(BASE), policyOf(next), 'handwritten');
  });

  it('reports a group turned off: the connections go in the clear, and no other setting is compared', () => {
    const next = BASE.replace('  TTLSGroupActionRef gOn\n  TTLSEnvironmentActionRef eServer\n}\nTTLSRule FTP', '  TTLSGroupActionRef gOff\n}\nTTLSRule FTP');
    const d = diffOf(BASE, next);
    const tn = d.rules.changed.find((c) => c.rule === 'TN3270')!.changes;
    assert.deepEqual(tn.filter((c) => c.kind === 'setting').map((c) => [c.name, c.old, c.new]), [['TTLSEnabled', 'On', 'Off']]);
    assert.deepEqual(d.connections.map((c) => [c.old, c.new, c.settings]), [[{ rule: 'TN3270', secured: true }, { rule: 'TN3270', secured: false }, []]]);
  });
});

describe('attls diff: generated pairs', () => {
  it('every example connection gets the stated rule, verdict and settings from the matcher on each side', () => {
    const rnd = random(1919);
    let examples = 0;
    for (let k = 0; k < 150; k++) {
      const base = randomPolicy(rnd);
      const m = pick(rnd, BEHAVIOUR);
      const next = mutatePolicy(base, rnd, m);
      const [a, b] = [policyOf(policyText(base)), policyOf(policyText(next))];
      const d = diffPolicies({ policy: a, source: 'a' }, { policy: b, source: 'b' });
      for (const c of d.connections) {
        confirm(c, a, b, `pair ${k} (${m})`);
        examples++;
      }
    }
    assert.ok(examples > 150, `${examples} examples checked`);
  });

  for (const [how, options] of [
    ['looking only where the rules that differ match', {}],
    ['splitting each whole space', { changedLimit: 0 }],
  ] as const) {
    it(`the regions hold exactly the connections whose answer changes (${how})`, () => {
      const rnd = random(4242);
      let changed = 0;
      for (let k = 0; k < 60; k++) {
        const base = randomPolicy(rnd);
        // One change in most pairs, up to four in some: the changed rules' areas then overlap.
        let next = mutatePolicy(base, rnd, pick(rnd, BEHAVIOUR));
        if (k % 3 === 0) for (let j = int(rnd, 1, 3); j > 0; j--) next = mutatePolicy(next, rnd, pick(rnd, BEHAVIOUR));
        const [a, b] = [policyOf(policyText(base)), policyOf(policyText(next))];
        const { pairs, undecided } = regionPairs(a, b, undefined, undefined, options);
        assert.deepEqual(undecided, []);
        for (let i = 0; i < 150; i++) {
          const c = randomConnection(rnd);
          const differs = outcome(a, c) !== outcome(b, c);
          const inside = pairs.filter((p) => p.boxes.some((x) => boxContains(x, c)));
          assert.ok(inside.length <= 1, 'regions are disjoint');
          assert.equal(inside.length === 1, differs, `pair ${k}: ${JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
          if (inside.length === 1) {
            changed++;
            const rule = (p: CompiledPolicy): string | null => explainMatch(p, c).result.rule?.name ?? null;
            assert.equal(inside[0]!.old?.name ?? null, rule(a));
            assert.equal(inside[0]!.new?.name ?? null, rule(b));
          }
        }
      }
      assert.ok(changed > 100, `${changed} changed connections seen`);
    });
  }

  it('finds no difference when only the writing changes', () => {
    const rnd = random(77);
    for (let k = 0; k < 60; k++) {
      const base = randomPolicy(rnd);
      const m = pick(rnd, WRITING);
      const d = diffOf(policyText(base), policyText(mutatePolicy(base, rnd, m)));
      assert.equal(hasDifferences(d), false, `pair ${k} (${m}): ${JSON.stringify(d.rules)}`);
    }
  });

  it('compares the verbose generated policies (bench generator) with a priority and a protocol changed', () => {
    const text = generatePolicy({ rules: 60, seed: 5 });
    const next = text.replace(/(TTLSRule +Rule_00007~\w+\n\{\n(?:.*\n)*?  Priority +)\d+/, '$19999').replace(/(TTLSEnvironmentAdvancedParms eAdv_00003\n\{\n(?:.*\n)*?  TLSv1\.3 +)(On|Off)/, (_m, head: string, v: string) => `${head}${v === 'On' ? 'Off' : 'On'}`);
    assert.notEqual(next, text);
    const [a, b] = [policyOf(text), policyOf(next)];
    const d = diffPolicies({ policy: a, source: 'a' }, { policy: b, source: 'b' });
    assert.deepEqual(d.rules.changed.map((c) => [c.rule, c.changes.map((x) => x.name)]), [
      ['Rule_00003~' + (text.includes('Rule_00003~Srv') ? 'Srv' : 'Cli'), ['TLSv1.3']],
      ['Rule_00007~' + (text.includes('Rule_00007~Srv') ? 'Srv' : 'Cli'), ['Priority']],
    ].sort());
    for (const c of d.connections) confirm(c, a, b, 'bench');
    assert.ok(d.connections.some((c) => c.settings.some((s) => s.name === 'TLSv1.3')));
  });

  it('never fails on damaged policies, and its examples still hold', () => {
    const rnd = random(99);
    for (let k = 0; k < 40; k++) {
      const text = policyText(randomPolicy(rnd));
      const broken = mutate(text, rnd);
      const [a, b] = [policyOf(text), policyOf(broken)];
      const d = diffPolicies({ policy: a, source: 'a' }, { policy: b, source: 'b' });
      for (const c of d.connections.slice(0, 10)) confirm(c, a, b, `damaged ${k}`);
    }
  });
});

describe('attls diff: a pasearch report against the policy rebuilt from it', () => {
  const report = compilePolicy(readPasearch('easyattls.report', REPORT).model);
  const rebuilt = policyOf([{ uri: 'rebuilt.ttls', text: REBUILT }]);
  const d = diffPolicies({ policy: rebuilt, source: 'rebuilt.ttls' }, { policy: report, source: 'easyattls.report' });

  it('finds the rule the rebuild lost, and TLSv1 left to a default the installed policy does not use', () => {
    assert.equal(d.old.kind, 'policy');
    assert.equal(d.new.kind, 'pasearch');
    assert.deepEqual(d.rules.added, ['TNZZZZ']);
    assert.deepEqual(d.rules.removed, []);
    assert.deepEqual(d.rules.reordered, []);
    const client = d.rules.changed.find((c) => c.rule === 'AZFClientRule')!.changes;
    assert.deepEqual(client.find((c) => c.name === 'TLSv1'), {
      kind: 'setting',
      name: 'TLSv1',
      old: 'On',
      new: 'Off',
      oldFrom: 'default for z/OS 3.1',
      newFrom: 'TTLSEnvironmentAdvancedParms in TTLSEnvironmentAction eActAZFClient (easyattls.report:58)',
      default: 'old',
    });
    // The rebuild coded TLSv1 On for these: the same as installed, so no difference.
    assert.equal(d.rules.changed.find((c) => c.rule === 'AZFMutAuthRule')!.changes.some((c) => c.name === 'TLSv1'), false);
    // A rule without Priority against the report's Priority 1: when the core tells them apart, the
    // difference is marked as the report's blind spot; when it reads no Priority as 1, there is none.
    const prio = d.rules.changed.find((c) => c.rule === 'GPMSERVE')!.changes.find((c) => c.kind === 'priority');
    if (rebuilt.byName.get('GPMSERVE')!.priority === undefined) assert.deepEqual(prio, { kind: 'priority', name: 'Priority', old: null, new: '1', default: 'old' });
    else assert.equal(prio, undefined);
    assert.ok(d.notes.some((n) => /^Differences that come only from defaults: .*TLSv1 \(attls's default On, installed Off; 8 rules\)/.test(n)), d.notes.join('\n'));
    assert.ok(d.notes.some((n) => /^NEW \(report\): pasearch prints every setting/.test(n)));
  });

  it('lists TNZZZZ connections as newly secured, and every example holds on both sides', () => {
    const tn = d.connections.find((c) => c.new.rule === 'TNZZZZ')!;
    assert.deepEqual([tn.old, tn.new], [{ rule: null, secured: false }, { rule: 'TNZZZZ', secured: true }]);
    assert.equal(tn.region[0]!.local_port, '2023');
    assert.equal(tn.region[0]!.jobname, 'TN3270');
    for (const c of d.connections) confirm(c, rebuilt, report, 'report');
    // DEFAULTRULE13 has the same conditions as DEFAULTRULE12 and sorts after it: it gets nothing.
    assert.equal(d.connections.some((c) => c.old.rule === 'DEFAULTRULE13' || c.new.rule === 'DEFAULTRULE13'), false);
  });
});

describe('cli: attls diff', () => {
  const FILES = (): Record<string, string> => ({ 'old.ttls': BASE, 'same.ttls': BASE, 'new.ttls': BASE.replace('Priority 100', 'Priority 300'), 'easyattls.report': REPORT, 'rebuilt.ttls': REBUILT });

  it('exits 0 when nothing differs, 1 when something does, 2 on unusable input', async () => {
    let r = await attls(['diff', 'old.ttls', 'same.ttls'], FILES());
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^No difference in behaviour\.$/m);
    r = await attls(['diff', 'old.ttls', 'new.ttls'], FILES());
    assert.equal(r.status, 1, r.err);
    r = await attls(['diff', 'old.ttls', 'missing.ttls'], FILES());
    assert.deepEqual([r.status, r.err], [2, 'attls: missing.ttls: no such file or directory\n']);
    r = await attls(['diff', 'old.ttls'], FILES());
    assert.equal(r.status, 2);
    assert.match(r.err, /^attls: attls diff compares two policies: give OLD and NEW \(got 1 file/);
    r = await attls(['diff', 'old.ttls', 'new.ttls', '--format', 'yaml'], FILES());
    assert.equal(r.status, 2);
    r = await attls(['diff', '-', '-'], FILES(), BASE);
    assert.deepEqual([r.status, r.err], [2, 'attls: standard input (-) can be one side only\n']);
    r = await attls(['diff', 'old.ttls', '-'], FILES(), REPORT);
    assert.equal(r.status, 1, r.err);
    assert.match(r.out, /^NEW {2}<stdin> {2}\(pasearch report, 12 rules\)$/m);
  });

  it('json: the documented shape, with examples attls match confirms', async () => {
    const r = await attls(['diff', 'rebuilt.ttls', 'easyattls.report', '--format', 'json'], FILES());
    assert.equal(r.status, 1, r.err);
    const d = JSON.parse(r.out);
    assert.deepEqual(Object.keys(d), ['old', 'new', 'rules', 'connections', 'notes']);
    assert.deepEqual(d.old, { source: 'rebuilt.ttls', kind: 'policy' });
    assert.deepEqual(d.new, { source: 'easyattls.report', kind: 'pasearch' });
    assert.deepEqual(Object.keys(d.rules), ['added', 'removed', 'reordered', 'changed']);
    for (const c of d.connections.slice(0, 4) as ConnectionChange[]) {
      assert.deepEqual(Object.keys(c.example), ['direction', 'local_addr', 'local_port', 'remote_addr', 'remote_port', 'jobname', 'userid']);
      for (const [file, want] of [['rebuilt.ttls', c.old], ['easyattls.report', c.new]] as const) {
        const args = Object.entries(c.example).flatMap(([k, v]) => [`--${k.replace('_', '-')}`, String(v)]);
        const m = await attls(['match', file, ...args, '--format', 'json'], FILES());
        assert.equal(m.status, 0, m.err);
        const a = JSON.parse(m.out);
        assert.equal(a.rule?.name ?? null, want.rule);
        assert.equal(a.secured, want.secured === true);
      }
    }
  });

  it('text and markdown name the rules, the changes and the example commands', async () => {
    const text = await attls(['diff', 'old.ttls', 'new.ttls'], FILES());
    assert.match(text.out, /^OLD {2}old\.ttls {2}\(policy, 3 rules\)$/m);
    assert.match(text.out, /^ {2}moved {4}FTP {2}#2 -> #1 in evaluation order$/m);
    assert.match(text.out, /^ {4}priority {2}Priority {2}100 -> 300$/m);
    const md = await attls(['diff', 'rebuilt.ttls', 'easyattls.report', '--format', 'markdown'], FILES());
    assert.match(md.out, /^### AT-TLS policy: 1 rule added, 11 rules changed, 10 regions of connections with another outcome\.$/m);
    assert.match(md.out, /^\| `AZFClientRule` \| setting TLSv1 \(default in old\) \| `On` \| `Off` \|$/m);
    assert.match(md.out, /\| no rule \(not secured\) \| TNZZZZ \(secured\) \| — \| `attls match --direction inbound .*--local-port 2023 .*--jobname TN3270 .*` \|$/m);
  });

  it('takes sides of several files, and --stack for a report of several images', async () => {
    const files = { ...FILES(), 'rules.ttls': BASE.slice(0, BASE.indexOf('TTLSGroupAction gOn')), 'actions.ttls': BASE.slice(BASE.indexOf('TTLSGroupAction gOn')) };
    let r = await attls(['diff', '--old', 'rules.ttls', '--old', 'actions.ttls', '--new', 'old.ttls'], files);
    assert.equal(r.status, 0, r.out + r.err);
    const two = `${REPORT}\n${REPORT.replace('Image Name: TCPIP', 'Image Name: TCPIPB')}`;
    r = await attls(['diff', 'easyattls.report', 'two.report'], { ...files, 'two.report': two });
    assert.deepEqual([r.status, r.err], [2, 'attls: two.report: the report has several images (TCPIP, TCPIPB); choose one with --stack\n']);
    r = await attls(['diff', 'easyattls.report', 'two.report', '--stack', 'TCPIPB'], { ...files, 'two.report': two });
    assert.equal(r.status, 0, r.out + r.err);
  });

  it('escapes control characters of policy text in the terminal output', async () => {
    const next = BASE.replace('TTLSRule Clear', 'TTLSRule Cl\u001b[2Jear');
    const r = await attls(['diff', 'old.ttls', 'evil.ttls'], { ...FILES(), 'evil.ttls': next });
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.out, /\u001b/);
    assert.match(r.out, /Cl\\u001b\[2Jear/);
  });
});
