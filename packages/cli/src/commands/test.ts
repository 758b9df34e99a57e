// `attls test`: runs connection cases from a YAML file against a policy and reports pass/fail per
// case, decides the file's properties over every connection of their spaces (with a counterexample
// when one fails), and says what the cases leave uncovered. The `yaml` package reads the file
// (YAML 1.2, so On and Off stay text while true and false are booleans).
import {
  blockLabel,
  caseCoverage,
  checkProperty,
  connectionFields,
  describeConnection,
  readCaseFile,
  ruleLabel,
  runCase,
  type CaseResult,
  type Coverage,
  type PropertyResult,
} from '@attls/evaluate';
import { TARGET_RELEASES, type StatementInfo, type TargetRelease } from '@attls/language';
import { escapeControl, jsonWithoutControls, xmlText } from '@attls/lint';
import { dirname, isAbsolute, join } from 'node:path';
import { checkRoot, parseArgs, UsageError } from '../args.js';
import { problemLine, reason } from '../files.js';
import { decode, type Io } from '../io.js';
import { loadPolicy } from '../policy.js';
import { reportNotes } from '../pasearch.js';

export const TEST_HELP = `Usage: attls test <cases.yaml> [policy files...] [options]

Runs connection cases against a policy: each case gives a connection and the rule, verdict and
settings it must get. Properties say what every connection of a space must get; each is decided
over all the connections the space allows (addresses, ports, job names, user IDs and times), and
one that fails shows a connection that breaks it. The policy files are those named by 'policy:'
in the case file (relative to it), or the files given after it on the command line.
A Policy Agent main configuration file (pagent.conf) is followed to one stack's policy:
'stack:' in the case file or --stack names it.

  policy: sysa-attls.ttls
  cases:
    - name: TN3270 clients get server authentication
      connection: { direction: inbound, local_port: 992, jobname: TN3270A }
      expect:
        rule: TN3270Secure          # or null: no rule matches
        secured: true
        settings: { HandshakeRole: Server, TLSv1.2: On }
  properties:
    - name: every inbound connection to a privileged port is secured
      for: { direction: inbound, local_port: 1-1023 }   # any connection field; ranges,
      expect: { secured: true, settings: { TLSv1: Off } } # prefixes, name patterns

Options:
  --format <text|json|junit>     output (default: text)
  --target-release <release>     z/OS release whose defaults apply: ${TARGET_RELEASES.join(', ')}
                                 (default: targetRelease in the case file, else 3.1)
  --stack <name>                 with a pagent.conf: the TCP/IP stack whose policy to test
                                 (default: 'stack:' in the case file, else the only stack
                                 with a policy)
  --root <folder>                with a pagent.conf: local folder standing for the z/OS root /
                                 (default: root in .attlslintrc.json, else the pagent.conf's folder)
  --min-coverage <percent>       fail when the cases reach less than this share of the rules,
                                 actions and parameter blocks in use
  -h, --help                     show this help

Exit status: 0 every case passed and every property holds, 1 a case or property failed (or
coverage is below --min-coverage), 2 unusable case file, policy or options.
`;

export async function testCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'format', type: 'string', choices: ['text', 'json', 'junit'] },
    { name: 'target-release', type: 'string', choices: [...TARGET_RELEASES] },
    { name: 'stack', type: 'string' },
    { name: 'root', type: 'string' },
    { name: 'min-coverage', type: 'string' },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(TEST_HELP);
    return 0;
  }
  await checkRoot(io, options['root'] as string | undefined);
  const minText = options['min-coverage'] as string | undefined;
  const minCoverage = minText === undefined ? undefined : Number(minText);
  if (minCoverage !== undefined && !(/^\d+(\.\d+)?$/.test(minText!) && minCoverage <= 100)) throw new UsageError(`--min-coverage needs a percentage from 0 to 100, not '${minText}'`);
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
  const yaml = (await import('yaml')).default;
  let data = readYaml(yaml, text, casesPath);
  // 'stack' belongs to the command line's side (which policy to read), not to the cases.
  let stack = options['stack'] as string | undefined;
  if (isRecord(data) && 'stack' in data) {
    const { stack: fromFile, ...rest } = data;
    if (typeof fromFile !== 'string' || fromFile === '') throw new UsageError(`${casesPath}: "stack" must be the name of a TCP/IP stack (a TcpImage of the pagent.conf)`);
    stack ??= fromFile;
    data = rest;
  }
  const { file, problems } = readCaseFile(data);
  if (!file) {
    for (const p of problems.slice(1)) io.stderr(`attls: ${escapeControl(`${casesPath}: ${p}`)}\n`);
    throw new UsageError(`${casesPath}: ${problems[0]}`);
  }
  const release = (options['target-release'] as TargetRelease | undefined) ?? file.targetRelease;
  if (release !== undefined && !(TARGET_RELEASES as readonly string[]).includes(release)) {
    throw new UsageError(`${casesPath}: targetRelease must be one of ${TARGET_RELEASES.join(', ')} (not '${release}')`);
  }
  const policyPaths = policyArgs.length > 0 ? policyArgs : file.policy.map((p) => (isAbsolute(p) ? p : join(dirname(casesPath), p)));
  if (policyPaths.length === 0) throw new UsageError(`${casesPath} names no policy (add 'policy: file.ttls' or give the files after the case file)`);
  const policy = await loadPolicy(io, policyPaths, release as TargetRelease | undefined, { stack, root: options['root'] as string | undefined });
  const results = file.cases.map((c) => runCase(policy, c));
  for (const n of reportNotes(policy)) io.stderr(`attls: note: ${escapeControl(n)}\n`);
  const properties = file.properties.map((p) => checkProperty(policy, p));
  const coverage = caseCoverage(policy, results);
  const low = minCoverage !== undefined && coverage.percent < minCoverage;
  const report: Report = { file: casesPath, policyPaths, results, properties, coverage, minCoverage };
  const format = (options['format'] as string | undefined) ?? 'text';
  if (format === 'json') io.stdout(jsonWithoutControls(JSON.stringify(jsonReport(report), null, 2)) + '\n');
  else if (format === 'junit') io.stdout(junitReport(report));
  else io.stdout(escapeControl(textReport(report), { lineBreaks: true }));
  return results.every((r) => r.passed) && properties.every((p) => p.passed) && !low ? 0 : 1;
}

interface Report {
  readonly file: string;
  readonly policyPaths: readonly string[];
  readonly results: readonly CaseResult[];
  readonly properties: readonly PropertyResult[];
  readonly coverage: Coverage;
  readonly minCoverage: number | undefined;
}

/** Names and reasons come from the files: control characters are shown, not sent to the terminal. */
const printable = (t: string): string => escapeControl(t);

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const percentText = (p: number): string => `${Math.floor(p * 10) / 10}%`;

/** A shell word: quoted when it holds anything but plain characters (job names may have $ and #). */
const shellWord = (w: string): string => (/^[A-Za-z0-9._:/=-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** The `attls match` command that shows a counterexample's answer. */
function matchCommandLine(policyPaths: readonly string[], fields: Readonly<Record<string, string | number>>): string {
  const words = ['attls', 'match', ...policyPaths];
  for (const [k, v] of Object.entries(fields)) words.push(`--${k.replace('_', '-')}`, String(v));
  return words.map(shellWord).join(' ');
}

function textReport(r: Report): string {
  const { results, properties, coverage } = r;
  const out: string[] = [];
  if (results.length > 0) {
    const width = Math.max(...results.map((x) => printable(x.case.name).length));
    for (const x of results) {
      const got = x.rule ? `${x.rule.name} (#${x.rule.order}${x.secured ? ', secured' : ', not secured'})` : 'no rule (not secured)';
      out.push(`${x.passed ? 'PASS' : 'FAIL'}  ${printable(x.case.name).padEnd(width)}  ${got}`);
      for (const f of x.failures) out.push(`      - ${printable(f)}`);
    }
    const failed = results.filter((x) => !x.passed).length;
    out.push('');
    out.push(`${plural(results.length, 'case')}: ${results.length - failed} passed, ${failed} failed`);
  }
  if (properties.length > 0) {
    if (out.length > 0) out.push('');
    for (const p of properties) {
      const name = printable(p.property.name);
      if (p.passed) {
        out.push(`HOLDS  ${name}  (${plural(p.regions, 'region')}, every one checked)`);
        continue;
      }
      if (p.undecided) {
        out.push(`FAILS  ${name}  (undecided)`);
        out.push(`      - ${printable(p.undecided)}`);
      } else out.push(`FAILS  ${name}  (${p.failingRegions} of ${plural(p.regions, 'region')} fail)`);
      const c = p.counterexample;
      if (c) {
        const fields = connectionFields(c.connection);
        out.push(`      - for example ${describeConnection(c.connection)}`);
        out.push(c.rule ? `        gets ${ruleLabel(c.rule)}, ${c.secured ? 'secured' : 'not secured'}: ${printable(c.reason)}` : `        ${printable(c.reason)}`);
        out.push(`        see: ${printable(matchCommandLine(r.policyPaths, fields))}`);
      }
    }
    const failed = properties.filter((p) => !p.passed).length;
    out.push('');
    out.push(`${plural(properties.length, 'property', 'properties')}: ${properties.length - failed} ${properties.length - failed === 1 ? 'holds' : 'hold'}, ${failed} ${failed === 1 ? 'fails' : 'fail'}`);
  }
  if (results.length > 0 || r.minCoverage !== undefined) {
    if (properties.length > 0) out.push('');
    const names = (list: readonly { readonly name?: string }[]): string => list.map((x) => printable(x.name ?? '(unnamed)')).join(', ');
    const { rules, actions, blocks } = coverage;
    if (rules.uncovered.length === 0) out.push(`Every one of the ${plural(rules.total, 'rule')} is reached by a case.`);
    else out.push(`Rules no case reaches (${rules.uncovered.length} of ${rules.total}): ${names(rules.uncovered)}`);
    if (actions.uncovered.length > 0) out.push(`Actions no case reaches (${actions.uncovered.length} of ${actions.total}): ${names(actions.uncovered)}`);
    if (blocks.uncovered.length > 0) out.push(`Parameter blocks no case takes a setting from (${blocks.uncovered.length} of ${blocks.total}): ${blocks.uncovered.map((b) => printable(blockLabel(b))).join(', ')}`);
    const covered = rules.covered + actions.covered + blocks.covered;
    const total = rules.total + actions.total + blocks.total;
    const below = r.minCoverage !== undefined && coverage.percent < r.minCoverage ? ` - below the minimum of ${r.minCoverage}%` : '';
    out.push(`Coverage ${percentText(coverage.percent)}: ${covered} of ${total} rules, actions and parameter blocks${below}`);
  }
  return out.join('\n') + '\n';
}

function placeJson(s: StatementInfo): { file: string; line: number } {
  return { file: s.doc.uri, line: s.doc.parse.lineIndex.positionAt(s.anchor.start).line + 1 };
}

function jsonReport(r: Report): unknown {
  const { results, coverage } = r;
  return {
    file: r.file,
    passed: results.filter((x) => x.passed).length,
    failed: results.filter((x) => !x.passed).length,
    cases: results.map((x) => ({
      name: x.case.name,
      passed: x.passed,
      rule: x.rule?.name ?? null,
      order: x.rule?.order ?? null,
      secured: x.secured,
      failures: x.failures,
    })),
    properties: r.properties.map((p) => ({
      name: p.property.name,
      passed: p.passed,
      counterexample: p.counterexample
        ? { connection: connectionFields(p.counterexample.connection), rule: p.counterexample.rule?.name ?? null, secured: p.counterexample.secured, reason: p.counterexample.reason }
        : null,
      failingRegions: p.failingRegions,
      regions: p.regions,
      ...(p.undecided ? { undecided: p.undecided } : {}),
    })),
    uncovered: coverage.rules.uncovered.map((x) => ({ name: x.name, order: x.order, ...placeJson(x.statement) })),
    uncoveredActions: coverage.actions.uncovered.map((a) => ({ kind: a.kind, name: a.name ?? null, ...placeJson(a) })),
    uncoveredBlocks: coverage.blocks.uncovered.map((b) => ({ kind: b.kind, name: b.name ?? null, label: blockLabel(b), ...placeJson(b) })),
    coverage: {
      percent: Math.floor(coverage.percent * 10) / 10,
      rules: { covered: coverage.rules.covered, total: coverage.rules.total },
      actions: { covered: coverage.actions.covered, total: coverage.actions.total },
      blocks: { covered: coverage.blocks.covered, total: coverage.blocks.total },
      ...(r.minCoverage !== undefined ? { minimum: r.minCoverage, met: coverage.percent >= r.minCoverage } : {}),
    },
  };
}

const xml = xmlText;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type YamlModule = typeof import('yaml');

/**
 * The case file's data, or a usage error naming the file, line and column of the first YAML
 * mistake. An alias whose anchor is missing, or aliases that expand without bound, only show up
 * when the document is turned into data: they are located at the alias.
 */
function readYaml(yaml: YamlModule, text: string, file: string): unknown {
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { prettyErrors: false, lineCounter });
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return '';
    const p = lineCounter.linePos(offset);
    return `:${p.line}:${p.col}`;
  };
  const first = doc.errors[0];
  if (first) throw new UsageError(`${file}${where(first.pos[0])}: not valid YAML: ${first.message.split('\n')[0]}`);
  try {
    return doc.toJS();
  } catch (e) {
    // The alias whose anchor is missing, else the first alias (an expansion without bound).
    let missing: number | undefined;
    let any: number | undefined;
    yaml.visit(doc, {
      Alias(_, node) {
        any ??= node.range?.[0];
        if (missing === undefined && node.resolve(doc) === undefined) missing = node.range?.[0];
      },
    });
    const at = missing ?? any;
    throw new UsageError(`${file}${where(at)}: not valid YAML: ${((e as Error)?.message ?? String(e)).split('\n')[0]}`);
  }
}

function junitReport(r: Report): string {
  const { results, properties, coverage } = r;
  const file = r.file;
  const failedCases = results.filter((x) => !x.passed).length;
  const failedProps = properties.filter((p) => !p.passed).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="attls test" tests="${results.length + properties.length}" failures="${failedCases + failedProps}">`);
  if (results.length > 0 || properties.length === 0) {
    out.push(`  <testsuite name="${xml(file)}" tests="${results.length}" failures="${failedCases}" errors="0" skipped="0">`);
    for (const x of results) {
      const open = `    <testcase classname="${xml(file)}" name="${xml(x.case.name)}"`;
      if (x.passed) out.push(`${open}/>`);
      else {
        out.push(`${open}>`);
        out.push(`      <failure message="${xml(x.failures[0] ?? 'failed')}">${xml(x.failures.join('\n'))}</failure>`);
        out.push('    </testcase>');
      }
    }
    if (coverage.rules.uncovered.length > 0) out.push(`    <system-out>${xml(`Rules no case reaches: ${coverage.rules.uncovered.map((x) => x.name).join(', ')}`)}</system-out>`);
    out.push('  </testsuite>');
  }
  if (properties.length > 0) {
    const suite = `${file} properties`;
    out.push(`  <testsuite name="${xml(suite)}" tests="${properties.length}" failures="${failedProps}" errors="0" skipped="0">`);
    for (const p of properties) {
      const open = `    <testcase classname="${xml(suite)}" name="${xml(p.property.name)}"`;
      if (p.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const c = p.counterexample;
      const message = p.undecided ?? (c ? `${describeConnection(c.connection)}${c.rule ? ` gets ${ruleLabel(c.rule)}` : ''}: ${c.reason}` : 'fails');
      const body = [message, ...(c ? [`${p.failingRegions} of ${plural(p.regions, 'region')} fail`, `see: ${matchCommandLine(r.policyPaths, connectionFields(c.connection))}`] : [])];
      out.push(`${open}>`);
      out.push(`      <failure message="${xml(message)}">${xml(body.join('\n'), { lineBreaks: true })}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
