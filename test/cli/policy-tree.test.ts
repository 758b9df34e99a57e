// attls lint, match and explain on test/fixtures/policy-set: a copy of a z/OS system with a main
// file, two stacks with a policy, a common file, a data set member, a missing image file, a
// TcpImage that names a policy file and a definition the stack file overrides. The tree is
// loaded into memory under /t, so that each command can be run from /t or /t/etc with the main
// file spelled as a user would type it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from '@attls/cli';
import { memoryIo } from '../support/io.js';
import { POLICY_TREE, POLICY_TREE_FILES } from '../support/policy-tree.js';
import { repoRoot } from '../support/shared.js';

const fixture = POLICY_TREE;

function treeFiles(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) treeFiles(path, out);
    else out[`/t/${relative(fixture, path).split('\\').join('/')}`] = readFileSync(path, 'utf8');
  }
  return out;
}
const TREE = treeFiles(fixture);

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function attls(argv: string[], cwd = '/t', extra: Record<string, string> = {}): Promise<Run> {
  const m = memoryIo({ ...TREE, ...extra }, { cwd });
  const code = await run(argv, m.io);
  return { code, out: m.out(), err: m.err() };
}

interface FileResult {
  file: string;
  diagnostics: { code: string; message: string; range: { start: { line: number } } }[];
}
const json = (r: Run): FileResult[] => JSON.parse(r.out) as FileResult[];

/** The files of the set, as named from /t. */
const FILES = POLICY_TREE_FILES;

describe('cli: the policy-set fixture tree', () => {
  describe('attls lint', () => {
    it('finds every file of the mirrored tree however the main file is spelled', async () => {
      const spellings: [string[], string][] = [
        [['etc/pagent.conf'], '/t'],
        [['./etc/pagent.conf'], '/t'],
        [['/t/etc/pagent.conf'], '/t'],
        [['etc/pagent.conf', '--root', '.'], '/t'],
        [['pagent.conf'], '/t/etc'],
        [['pagent.conf', '--root', '..'], '/t/etc'],
      ];
      for (const [args, cwd] of spellings) {
        const r = await attls(['lint', '--format', 'json', ...args], cwd);
        const what = `${args.join(' ')} from ${cwd}`;
        assert.equal(r.code, 1, what);
        const results = json(r);
        // From /t/etc the data set folder is outside the current folder, so its path is absolute.
        const expected = cwd === '/t' ? FILES : FILES.map((f) => (f.startsWith('etc/') ? f.slice(4) : `/t/${f}`));
        assert.deepEqual(results.map((x) => x.file), expected, what);
        // Only TCPIPC's image file is missing; the others were all found.
        const main = results[0]!.diagnostics;
        assert.deepEqual(main.map((d) => d.code), ['missing-file', 'image-is-policy'], what);
        assert.match(main[0]!.message, /No local copy of \/etc\/pagent\/tcpipc\.image was found/, what);
      }
    });

    it('names the stacks a finding of the common file holds for', async () => {
      const r = await attls(['lint', '--format', 'json', 'etc/pagent.conf']);
      const common = json(r).find((x) => x.file === 'etc/pagent/common.ttls')!;
      const at = (code: string): string[] => common.diagnostics.filter((d) => d.code === code).map((d) => `${d.range.start.line + 1}: ${d.message}`);
      assert.equal(at('undefined-reference').length, 1);
      assert.match(at('undefined-reference')[0]!, /^7: TTLSEnvironmentAction 'eStack' is not defined.* \(for stack TCPIPB\)$/);
      assert.equal(at('unused-definition').length, 1);
      assert.match(at('unused-definition')[0]!, /^15: TTLSGroupAction 'gClear' is never referenced.* \(for stack TCPIPB\)$/);
      assert.equal(at('duplicate-definition').length, 1);
      assert.match(at('duplicate-definition')[0]!, /^15: TTLSGroupAction 'gClear' is defined again in etc\/pagent\/tcpipa\.ttls, .* \(for stack TCPIPA\)$/);
      // A finding that holds for both stacks names neither.
      assert.ok(at('weak-protocol').every((m) => !m.includes('(for stack')));
    });

    it('shows every file in one style, relative to the current folder', async () => {
      // "paths" in .attlslintrc.json become absolute paths; they are shown like the rest.
      const config = { '/t/.attlslintrc.json': JSON.stringify({ paths: { 'SYS1.TCPPARMS': 'SYS1.TCPPARMS', '/etc/pagent/': 'etc/pagent' } }) };
      for (const args of [['./etc/pagent.conf'], ['etc/pagent.conf', '--root', '.'], ['/t/etc/pagent.conf']]) {
        const r = await attls(['lint', '--format', 'compact', ...args], '/t', config);
        assert.equal(r.code, 1, r.err);
        const files = new Set(r.out.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(':'))));
        assert.deepEqual([...files].sort(), ['SYS1.TCPPARMS/TTLSB', 'etc/pagent.conf', 'etc/pagent/common.ttls', 'etc/pagent/tcpipa.ttls'], args.join(' '));
        assert.ok(!/\.\/|\/t\//.test(r.out), `no ./ and no absolute path in:\n${r.out}`);
      }
    });

    it('runs on the real files from the tree and from inside etc', () => {
      const bin = join(repoRoot, 'packages', 'cli', 'bin', 'attls.js');
      const fromRoot = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'etc/pagent.conf'], { cwd: fixture, encoding: 'utf8' });
      assert.equal(fromRoot.status, 1, fromRoot.stderr);
      assert.deepEqual((JSON.parse(fromRoot.stdout) as FileResult[]).map((x) => x.file), FILES);
      const fromEtc = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'pagent.conf'], { cwd: join(fixture, 'etc'), encoding: 'utf8' });
      assert.equal(fromEtc.status, 1, fromEtc.stderr);
      const main = (JSON.parse(fromEtc.stdout) as FileResult[])[0]!;
      assert.equal(main.file, 'pagent.conf');
      assert.deepEqual(main.diagnostics.map((d) => d.code), ['missing-file', 'image-is-policy']);
    });
  });

  describe('attls match --stack', () => {
    const match = async (stack: string, connection: string[], extra: string[] = [], cwd = '/t', main = 'etc/pagent.conf'): Promise<Run & { rule?: string; file?: string }> => {
      const r = await attls(['match', main, '--stack', stack, '--format', 'json', ...connection, ...extra], cwd);
      const answer = r.code === 0 ? (JSON.parse(r.out) as { rule: { name: string; file: string } | null }) : undefined;
      return { ...r, rule: answer?.rule?.name, file: answer?.rule?.file };
    };

    it("answers from each stack's own file and the common file", async () => {
      for (const extra of [[], ['--root', '.']]) {
        const a = await match('TCPIPA', ['--direction', 'inbound', '--local-port', '21'], extra);
        assert.deepEqual([a.code, a.rule, a.file, a.err], [0, 'StackAFtp', 'etc/pagent/tcpipa.ttls', '']);
        const common = await match('tcpipa', ['--direction', 'inbound', '--local-port', '992'], extra);
        assert.deepEqual([common.code, common.rule, common.file], [0, 'CommonTN3270', 'etc/pagent/common.ttls']);
        const b = await match('TCPIPB', ['--direction', 'outbound', '--remote-port', '25'], extra);
        assert.deepEqual([b.code, b.rule, b.file], [0, 'StackBMail', 'SYS1.TCPPARMS/TTLSB']);
        // Stack B does not see stack A's rule.
        const notA = await match('TCPIPB', ['--direction', 'inbound', '--local-port', '21'], extra);
        assert.deepEqual([notA.code, notA.rule], [0, undefined]);
      }
      const fromEtc = await match('TCPIPA', ['--direction', 'inbound', '--local-port', '21'], [], '/t/etc', 'pagent.conf');
      assert.deepEqual([fromEtc.code, fromEtc.rule, fromEtc.file], [0, 'StackAFtp', 'pagent/tcpipa.ttls']);
    });

    it("gives the chosen stack's own reason when it has no policy, in one line", async () => {
      for (const extra of [[], ['--root', '.']]) {
        const d = await match('TCPIPD', ['--direction', 'inbound', '--local-port', '443'], extra);
        assert.equal(d.code, 2);
        assert.equal(d.err.split('\n').length, 2, d.err);
        assert.match(d.err, /^attls: no AT-TLS policy found for stack TCPIPD in 'etc\/pagent\.conf': TcpImage TCPIPD names an AT-TLS policy file \(\/etc\/pagent\/direct\.ttls\)/);
        assert.doesNotMatch(d.err, /tcpipc/);
        const c = await match('TCPIPC', ['--direction', 'inbound', '--local-port', '443'], extra);
        assert.equal(c.code, 2);
        assert.match(c.err, /^attls: no AT-TLS policy found for stack TCPIPC in 'etc\/pagent\.conf': No local copy of \/etc\/pagent\/tcpipc\.image was found/);
      }
    });

    it('names the stacks there are when the one asked for is not among them', async () => {
      const r = await match('TCPIPZ', ['--direction', 'inbound', '--local-port', '21']);
      assert.equal(r.code, 2);
      assert.equal(r.err, "attls: stack 'TCPIPZ' is not in 'etc/pagent.conf' (it has TCPIPA, TCPIPB, TCPIPC, TCPIPD)\n");
    });
  });

  describe('attls explain --log --policy pagent.conf', () => {
    // A bare EZD1286I, as a console shows it: no prefix names the stack.
    const log = (rule: string): string =>
      [
        'EZD1286I TTLS Error GRPID: 00000007 ENVID: 00000002 CONNID: 00000036',
        'LOCAL: 10.1.1.2..1032 REMOTE: 10.1.0.2..25 JOBNAME: CSSMTP USERID:',
        `START1 RULE: ${rule} RC: 417 Initial Handshake 0000000000000000`,
        '0000005011421D10 0000000000000000',
        '',
      ].join('\n');
    const explain = (rule: string, extra: string[] = []): Promise<Run> => attls(['explain', '--log', '/logs/a.log', '--policy', 'pagent.conf', '--format', 'json', ...extra], '/t/etc', { '/logs/a.log': log(rule) });

    it('takes the stack whose policy defines the rule the log names', async () => {
      const b = await explain('StackBMail');
      assert.equal(b.code, 0, b.err);
      const out = JSON.parse(b.out) as { groups: { rule: string; file: string; line: number; rc: number }[]; policy: { stack: string } };
      assert.equal(out.policy.stack, 'TCPIPB');
      assert.deepEqual([out.groups[0]!.rule, out.groups[0]!.file, out.groups[0]!.line, out.groups[0]!.rc], ['StackBMail', '/t/SYS1.TCPPARMS/TTLSB', 1, 417]);
      const a = await explain('StackAFtp');
      assert.equal(a.code, 0, a.err);
      const outA = JSON.parse(a.out) as { groups: { file: string; line: number }[]; policy: { stack: string } };
      assert.deepEqual([outA.policy.stack, outA.groups[0]!.file, outA.groups[0]!.line], ['TCPIPA', 'pagent/tcpipa.ttls', 8]);
    });

    it('asks for --stack when every stack defines the rule, and takes the one given', async () => {
      const both = await explain('CommonTN3270');
      assert.equal(both.code, 2);
      assert.equal(both.err, "attls: 'pagent.conf' has several stacks (TCPIPA, TCPIPB); choose one with --stack\n");
      const chosen = await explain('CommonTN3270', ['--stack', 'TCPIPB']);
      assert.equal(chosen.code, 0, chosen.err);
      assert.equal((JSON.parse(chosen.out) as { groups: { file: string }[] }).groups[0]!.file, 'pagent/common.ttls');
    });
  });
});
