// `attls lint` (also `attls-lint`): check policy files and report, with honest exit codes.
import { dirname, join, resolve } from 'node:path';
import { isPasearchReport, parse, TARGET_RELEASES, type Diagnostic, type Severity, type TargetRelease } from '@attls/language';
import {
  ConfigError,
  ConfigResolver,
  countSeverities,
  escapeControl,
  fixText,
  formatCompact,
  formatGithub,
  formatGitlab,
  formatJson,
  formatJunit,
  formatSarif,
  formatStylish,
  isIgnored,
  LINT_VERSION,
  lintParsed,
  lintPolicySet,
  parseConfig,
  RULES,
  runOutcome,
  unifiedDiff,
  type LintConfig,
  type LintResult,
} from '@attls/lint';
import { checkRoot, parseArgs, UsageError } from '../args.js';
import { collectFiles, NO_POLICY_FILES, problemLine, recordLengthOption } from '../files.js';
import { fixPolicySet, InputSet, loadCliPolicySet, withNotes } from '../policy.js';
import { lintReport, reportLintNotice } from '../pasearch.js';
import { decode, type Io } from '../io.js';

export const FORMATS = ['stylish', 'compact', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;

export const LINT_HELP = `Usage: attls lint [options] [files or folders...]

Checks AT-TLS policy files and Policy Agent configuration files. A folder is searched
for *.ttls, *.attls, *.pagent, *.policy and *.conf files (and files without an extension
that start like a policy). With no files or folders, the current folder is searched the
same way. Use - to read a policy from standard input.

A Policy Agent main configuration file (with TcpImage, TTLSConfig or CommonTTLSConfig), or
the STDENV member whose PAGENT_CONFIG_FILE names it, is followed to every stack's policy:
z/OS UNIX paths are read under --root, and data sets //'HLQ.NAME(MEMBER)' as
--root/HLQ.NAME/MEMBER; each stack's policy is checked together with the common file. In a
folder that holds a main configuration file, the files it reaches are checked through it, the
others on their own. The output of
'pasearch -t' is checked for what the installed policy does only (never its layout or
spelling, and never fixed).

Output:
  --format <name>              stylish (default), compact, json, sarif, github, junit,
                               gitlab (code quality report)
  --quiet                      report errors only (stylish says how many others it hid)
  --color, --no-color          force or suppress colours (default: colours on a terminal)

Configuration:
  --config <file>              use this configuration instead of the nearest .attlslintrc.json
  --target-release <release>   z/OS release whose defaults apply: ${TARGET_RELEASES.join(', ')}
                               (default: the configuration's targetRelease, else 3.1)
  --root <folder>              local folder standing for the z/OS root / (default: the
                               folder of the main configuration file); files a configuration
                               names are read only inside it
  --record-length <n>          split files without line ends into records of n bytes (a
                               binary download of a RECFM=F/FB data set; IBM-1047 files whose
                               length is a multiple of 80 are split into 80-byte records anyway)
  --no-inline-config           ignore # attls-lint-disable comments
  --report-unused-disable      report # attls-lint-disable comments that suppress nothing

Failing the run:
  --max-warnings <n>           exit 1 when there are more than n warnings
  --fail-level <level>         lowest severity that makes the run fail: error (default),
                               warning, info or hint

Fixes:
  --fix                        apply the safe fixes and write the files
  --fix-dry-run                print the safe fixes as a unified diff; write nothing

  --stdin-filename <name>      name to show for a policy read from standard input
  -h, --help                   show this help

Exit status: 0 no errors found, 1 errors found (or warnings past --max-warnings, or
findings at or above --fail-level), 2 unusable input, options or configuration (one line on standard
error says why; for a file it reads attls: <file>: <reason>).
`;

/**
 * The configuration `--config` names, read and checked; undefined without the option, null when it
 * cannot be used (the reason is written to stderr: the command exits 2).
 */
export async function explicitConfig(io: Io, read: (path: string) => Promise<string | undefined>, path: string | undefined): Promise<LintConfig | undefined | null> {
  if (path === undefined) return undefined;
  try {
    const text = await read(path);
    if (text === undefined) throw new ConfigError(path, 'no such file');
    return parseConfig(text, path, RULES);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr(`attls: ${escapeControl(`${e.file}: ${e.reason}`)}\n`);
    return null;
  }
}

/** Reads a configuration file's text; undefined when it does not exist. */
export function reader(io: Io): (path: string) => Promise<string | undefined> {
  return async (path) => {
    try {
      return decode(await io.readFile(path));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      if (code === 'EISDIR') throw new ConfigError(path, 'is a folder, not a configuration file');
      throw new ConfigError(path, `cannot read it (${code ?? (e as Error)?.message ?? String(e)})`);
    }
  };
}

function onlyErrors(r: LintResult): LintResult {
  return { ...r, diagnostics: r.diagnostics.filter((d: Diagnostic) => d.severity === 'error') };
}

export async function lintCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'format', type: 'string', choices: [...FORMATS] },
    { name: 'target-release', type: 'string', choices: [...TARGET_RELEASES] },
    { name: 'config', type: 'string' },
    { name: 'inline-config', type: 'boolean' },
    { name: 'report-unused-disable', type: 'boolean' },
    { name: 'max-warnings', type: 'number' },
    { name: 'fail-level', type: 'string', choices: ['error', 'warning', 'info', 'hint'] },
    { name: 'quiet', type: 'boolean' },
    { name: 'fix', type: 'boolean' },
    { name: 'fix-dry-run', type: 'boolean' },
    { name: 'stdin-filename', type: 'string' },
    { name: 'root', type: 'string' },
    { name: 'record-length', type: 'number' },
    { name: 'color', type: 'boolean' },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const maxWarnings = options['max-warnings'] as number | undefined;
  if (maxWarnings !== undefined && maxWarnings < 0) throw new UsageError(`option '--max-warnings' needs a number of 0 or more`);
  const fix = options['fix'] === true;
  const dryRun = options['fix-dry-run'] === true;
  if (fix && dryRun) throw new UsageError(`use either '--fix' or '--fix-dry-run', not both`);
  const stdinName = (options['stdin-filename'] as string | undefined) ?? '<stdin>';
  if (fix && positionals.includes('-')) throw new UsageError(`'--fix' cannot write to standard input; use '--fix-dry-run' to see the fixes`);
  await checkRoot(io, options['root'] as string | undefined);

  const read = reader(io);
  const cliRelease = options['target-release'] as TargetRelease | undefined;
  const resolver = new ConfigResolver(read, RULES);
  const explicit = await explicitConfig(io, read, options['config'] as string | undefined);
  if (explicit === null) return 2;

  // No file arguments: the current folder, by the same rules as a folder argument (as ESLint
  // does), so that `attls lint` in a folder of policies just works.
  const here = positionals.length === 0;
  const decodeOptions = recordLengthOption(options['record-length']);
  const { files, problems: found, notices } = await collectFiles(io, here ? ['.'] : positionals, stdinName, decodeOptions);
  const problems = here
    ? found.map((p) => (p.file === '.' && p.reason === NO_POLICY_FILES ? { file: '.', reason: 'no policy files found in the current folder; give files or folders to lint, or - for standard input' } : p))
    : found;
  const inputs = new InputSet(io, files, stdinName, positionals.includes('-'), decodeOptions);
  const diffs: string[] = [];
  for (const f of inputs.ordered()) {
    // A file a configuration linted already was linted there, in the context of its stacks.
    if (inputs.reached(f)) continue;
    let config: LintConfig;
    const isStdin = inputs.isStdin(f);
    try {
      config = explicit ?? (isStdin ? await resolver.forDir(options['stdin-filename'] ? dirname(resolve(io.cwd, stdinName)) : io.cwd) : await resolver.forFile(resolve(io.cwd, f.path)));
    } catch (e) {
      if (e instanceof ConfigError) {
        io.stderr(`attls: ${escapeControl(`${e.file}: ${e.reason}`)}\n`);
        return 2;
      }
      throw e;
    }
    if (isIgnored(config, isStdin ? join(io.cwd, stdinName) : resolve(io.cwd, f.path))) {
      // A file found in a folder is skipped quietly; one named on the command line gets a notice,
      // so that an ignore pattern cannot make a pipeline pass without anyone noticing.
      if (isStdin || positionals.includes(f.path)) io.stderr(`attls: ${escapeControl(`${f.path} is not linted: it matches "ignore" in ${config.path}`)}\n`);
      continue;
    }
    const lintOptions = {
      targetRelease: cliRelease,
      config,
      inlineConfig: options['inline-config'] !== false,
      reportUnusedDisable: options['report-unused-disable'] === true,
    };
    if (isPasearchReport(f.text)) {
      // The installed policy: checked for what it does, never fixed (it is pasearch's output).
      io.stderr(escapeControl(reportLintNotice(f.path), { lineBreaks: true }));
      inputs.add(lintReport(f.path, f.text, lintOptions));
      continue;
    }
    if (inputs.isConfiguration(f)) {
      // A main configuration file (or the STDENV member naming one): every stack's policy with it,
      // each file once, fixed through it when asked.
      const load = (): ReturnType<typeof loadCliPolicySet> =>
        loadCliPolicySet(io, f.path, inputs.textOf(f), { root: (options['root'] as string | undefined) ?? config.root, paths: config.paths, files: inputs.configurationFiles });
      const setResults = fix || dryRun ? await fixPolicySet(load, inputs, lintOptions) : lintPolicySet(await load(), lintOptions);
      for (const r of setResults) inputs.add(r, true);
      continue;
    }
    const parsed = inputs.parsed(f);
    if (fix || dryRun) {
      const fixed = fixText(f.path, f.text, lintOptions);
      if (fixed.output !== f.text) inputs.change(f.path, fixed.output);
      inputs.add(withNotes(fixed.result, f.notes, parse(fixed.output), lintOptions));
    } else inputs.add(withNotes(lintParsed(f.path, parsed, lintOptions), f.notes, parsed, lintOptions));
  }
  // Changed files are written once, at the end, as they were stored (encoding, line ends, records,
  // sequence numbers); a file whose new text no longer fits its layout is left alone and reported.
  for (const change of inputs.changes()) {
    if ('refused' in change) {
      problems.push({ file: change.path, reason: `not fixed: ${change.refused}` });
      continue;
    }
    if (dryRun) diffs.push(unifiedDiff(change.path, change.before, change.after));
    else {
      try {
        await io.writeFile(change.path, change.bytes);
      } catch (e) {
        problems.push({ file: change.path, reason: `cannot write it: ${(e as Error)?.message ?? String(e)}` });
      }
    }
  }
  for (const n of notices) io.stderr(`attls: ${problemLine(n)}\n`);
  const results = inputs.results();

  const shown = options['quiet'] ? results.map(onlyErrors) : results;
  // The exit status, and what the pipeline formats report as failing, are decided once here.
  const failLevel = options['fail-level'] as Severity | undefined;
  const outcome = runOutcome(shown, { failLevel, maxWarnings }, problems);
  const format = (options['format'] as string | undefined) ?? 'stylish';
  if (dryRun) io.stdout(diffs.join(''));
  else if (format === 'json') io.stdout(formatJson(shown));
  else if (format === 'sarif') io.stdout(formatSarif(shown, { version: LINT_VERSION, outcome }));
  else if (format === 'compact') io.stdout(formatCompact(shown));
  else if (format === 'github') io.stdout(formatGithub(shown));
  else if (format === 'junit') io.stdout(formatJunit(shown, { outcome }));
  else if (format === 'gitlab') io.stdout(formatGitlab(shown, { base: io.cwd, problems }));
  else {
    const color = (options['color'] as boolean | undefined) ?? (io.stdoutIsTTY && !io.env['NO_COLOR']);
    const all = countSeverities(results);
    const hidden = options['quiet'] ? { warnings: all.warning, notes: all.info + all.hint } : undefined;
    if (shown.length > 0) io.stdout(formatStylish(shown, { color, hidden }));
  }
  for (const p of problems) io.stderr(`attls: ${escapeControl(problemLine(p))}\n`);
  const tooMany = outcome.tooManyWarnings;
  if (outcome.exitCode === 1 && tooMany && countSeverities(shown).error === 0 && (failLevel ?? 'error') === 'error') {
    io.stderr(`attls: ${tooMany.count} warning${tooMany.count === 1 ? '' : 's'} found, more than --max-warnings ${tooMany.max} allows.\n`);
  }
  return outcome.exitCode;
}
