// `attls test`: runs connection cases from a YAML file against a policy and reports pass/fail per
// case and the rules no case reaches. The `yaml` package reads the file (YAML 1.2, so On and Off
// stay text while true and false are booleans).
import { readCaseFile, runCase, uncoveredRules, type CaseResult, type CompiledRule } from '@attls/evaluate';
import { TARGET_RELEASES, type TargetRelease } from '@attls/language';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs, UsageError } from '../args.js';
import { problemLine, reason } from '../files.js';
import { decode, type Io } from '../io.js';
import { loadPolicy } from '../policy.js';
import { reportNotes } from '../pasearch.js';

export const TEST_HELP = `Usage: attls test <cases.yaml> [policy files...] [options]

Runs connection cases against a policy: each case gives a connection and the rule, verdict and
settings it must get. The policy files are those named by 'policy:' in the case file (relative
to it), or the files given after it on the command line.

  policy: sysa-attls.ttls
  cases:
    - name: TN3270 clients get server authentication
      connection: { direction: inbound, local_port: 992, jobname: TN3270A }
      expect:
        rule: TN3270Secure          # or null: no rule matches
        secured: true
        settings: { HandshakeRole: Server, TLSv1.2: On }

Options:
  --format <text|json|junit>     output (default: text)
  --target-release <release>     z/OS release whose defaults apply: ${TARGET_RELEASES.join(', ')}
                                 (default: targetRelease in the case file, else 3.1)
  -h, --help                     show this help

Exit status: 0 every case passed, 1 a case failed, 2 unusable case file, policy or options.
`;

export async function testCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'format', type: 'string', choices: ['text', 'json', 'junit'] },
    { name: 'target-release', type: 'string', choices: [...TARGET_RELEASES] },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(TEST_HELP);
    return 0;
  }
  const [casesPath, ...policyArgs] = positionals;
  if (casesPath === undefined) throw new UsageError('no case file given (attls test <cases.yaml> [policy files...])');
  let text: string;
  try {
    text = decode(await io.readFile(casesPath));
  } catch (e) {
    throw new UsageError(problemLine({ file: casesPath, reason: reason(e) }));
  }
  // Loaded here, not at the top: only this command reads YAML. In the CLI bundle this import is a
  // require of dist/yaml.cjs (scripts/bundle.mjs), so other commands never read the library's
  // code. The package is CommonJS, so its exports are the namespace's default, both in Node and
  // in the bundle.
  const { parseDocument } = (await import('yaml')).default;
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    throw new UsageError(`${casesPath}${line ? `:${line}` : ''}: not valid YAML: ${err.message.split('\n')[0]}`);
  }
  const { file, problems } = readCaseFile(doc.toJS());
  if (!file) {
    for (const p of problems.slice(1)) io.stderr(`attls: ${casesPath}: ${p}\n`);
    throw new UsageError(`${casesPath}: ${problems[0]}`);
  }
  const release = (options['target-release'] as TargetRelease | undefined) ?? file.targetRelease;
  if (release !== undefined && !(TARGET_RELEASES as readonly string[]).includes(release)) {
    throw new UsageError(`${casesPath}: targetRelease must be one of ${TARGET_RELEASES.join(', ')} (not '${release}')`);
  }
  const policyPaths = policyArgs.length > 0 ? policyArgs : file.policy.map((p) => (isAbsolute(p) ? p : join(dirname(casesPath), p)));
  if (policyPaths.length === 0) throw new UsageError(`${casesPath} names no policy (add 'policy: file.ttls' or give the files after the case file)`);
  const policy = await loadPolicy(io, policyPaths, release as TargetRelease | undefined);
  const results = file.cases.map((c) => runCase(policy, c));
  for (const n of reportNotes(policy)) io.stderr(`attls: note: ${n}\n`);
  const uncovered = uncoveredRules(policy, results);
  const format = (options['format'] as string | undefined) ?? 'text';
  if (format === 'json') io.stdout(JSON.stringify(jsonReport(casesPath, results, uncovered), null, 2) + '\n');
  else if (format === 'junit') io.stdout(junitReport(casesPath, results, uncovered));
  else io.stdout(textReport(results, uncovered, policy.rules.length));
  return results.every((r) => r.passed) ? 0 : 1;
}

function textReport(results: readonly CaseResult[], uncovered: readonly CompiledRule[], ruleCount: number): string {
  const out: string[] = [];
  const width = Math.max(...results.map((r) => r.case.name.length));
  for (const r of results) {
    const got = r.rule ? `${r.rule.name} (#${r.rule.order}${r.secured ? ', secured' : ', not secured'})` : 'no rule (not secured)';
    out.push(`${r.passed ? 'PASS' : 'FAIL'}  ${r.case.name.padEnd(width)}  ${got}`);
    for (const f of r.failures) out.push(`      - ${f}`);
  }
  const failed = results.filter((r) => !r.passed).length;
  out.push('');
  out.push(`${results.length} case${results.length === 1 ? '' : 's'}: ${results.length - failed} passed, ${failed} failed`);
  if (uncovered.length === 0) out.push(`Every one of the ${ruleCount} rules is reached by a case.`);
  else out.push(`Rules no case reaches (${uncovered.length} of ${ruleCount}): ${uncovered.map((r) => r.name).join(', ')}`);
  return out.join('\n') + '\n';
}

function jsonReport(file: string, results: readonly CaseResult[], uncovered: readonly CompiledRule[]): unknown {
  return {
    file,
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed).length,
    cases: results.map((r) => ({
      name: r.case.name,
      passed: r.passed,
      rule: r.rule?.name ?? null,
      order: r.rule?.order ?? null,
      secured: r.secured,
      failures: r.failures,
    })),
    uncovered: uncovered.map((r) => ({ name: r.name, order: r.order, file: r.statement.doc.uri, line: r.statement.doc.parse.lineIndex.positionAt(r.statement.anchor.start).line + 1 })),
  };
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function junitReport(file: string, results: readonly CaseResult[], uncovered: readonly CompiledRule[]): string {
  const failed = results.filter((r) => !r.passed).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="attls test" tests="${results.length}" failures="${failed}">`);
  out.push(`  <testsuite name="${xml(file)}" tests="${results.length}" failures="${failed}" errors="0" skipped="0">`);
  for (const r of results) {
    const open = `    <testcase classname="${xml(file)}" name="${xml(r.case.name)}"`;
    if (r.passed) out.push(`${open}/>`);
    else {
      out.push(`${open}>`);
      out.push(`      <failure message="${xml(r.failures[0] ?? 'failed')}">${xml(r.failures.join('\n'))}</failure>`);
      out.push('    </testcase>');
    }
  }
  if (uncovered.length > 0) out.push(`    <system-out>${xml(`Rules no case reaches: ${uncovered.map((r) => r.name).join(', ')}`)}</system-out>`);
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
