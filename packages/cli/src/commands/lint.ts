// `attls lint` (also `attls-lint`): check policy files and report, with honest exit codes.
import { dirname, join, resolve } from 'node:path';
import { isConfigurationText, isPasearchReport, parse, TARGET_RELEASES, type Diagnostic, type TargetRelease } from '@attls/language';
import {
  ConfigError,
  ConfigResolver,
  countSeverities,
  fixText,
  formatCompact,
  formatGithub,
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
  unifiedDiff,
  type LintConfig,
  type LintResult,
} from '@attls/lint';
import { parseArgs, UsageError } from '../args.js';
import { collectFiles, NO_POLICY_FILES, problemLine } from '../files.js';
import { loadCliPolicySet } from '../policy.js';
import { lintReport, reportLintNotice } from '../pasearch.js';
import { decode, type Io } from '../io.js';

export const FORMATS = ['stylish', 'compact', 'json', 'sarif', 'github', 'junit'] as const;

export const LINT_HELP = `Usage: attls lint [options] [files or folders...]

Checks AT-TLS policy files and Policy Agent configuration files. A folder is searched
for *.ttls, *.attls, *.pagent, *.policy and *.conf files (and files without an extension
that start like a policy). With no files or folders, the current folder is searched the
same way. Use - to read a policy from standard input.

A Policy Agent main configuration file (with TcpImage, TTLSConfig or CommonTTLSConfig) is
followed to every stack's policy: z/OS UNIX paths are read under --root, and data sets
//'HLQ.NAME(MEMBER)' as --root/HLQ.NAME/MEMBER; each stack's policy is checked together
with the common file. The output of 'pasearch -t' is checked for what the installed policy
does only (never its layout or spelling, and never fixed).

Output:
  --format <name>              stylish (default), compact, json, sarif, github, junit
  --quiet                      report errors only
  --color, --no-color          force or suppress colours (default: colours on a terminal)

Configuration:
  --config <file>              use this configuration instead of the nearest .attlslintrc.json
  --target-release <release>   z/OS release whose defaults apply: ${TARGET_RELEASES.join(', ')}
                               (default: the configuration's targetRelease, else 3.1)
  --root <folder>              local folder standing for the z/OS root / (default: the
                               folder of the main configuration file)
  --no-inline-config           ignore # attls-lint-disable comments
  --report-unused-disable      report # attls-lint-disable comments that suppress nothing

Failing the run:
  --max-warnings <n>           exit 1 when there are more than n warnings
  --fail-level <error|warning> lowest severity that makes the run fail (default: error)

Fixes:
  --fix                        apply the safe fixes and write the files
  --fix-dry-run                print the safe fixes as a unified diff; write nothing

  --stdin-filename <name>      name to show for a policy read from standard input
  -h, --help                   show this help

Exit status: 0 no errors found, 1 errors found (or warnings past --max-warnings or
--fail-level warning), 2 unusable input, options or configuration (one line on standard
error says why; for a file it reads attls: <file>: <reason>).
`;

/** Reads a configuration file's text; undefined when it does not exist. */
function reader(io: Io): (path: string) => Promise<string | undefined> {
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
    { name: 'fail-level', type: 'string', choices: ['error', 'warning'] },
    { name: 'quiet', type: 'boolean' },
    { name: 'fix', type: 'boolean' },
    { name: 'fix-dry-run', type: 'boolean' },
    { name: 'stdin-filename', type: 'string' },
    { name: 'root', type: 'string' },
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

  const read = reader(io);
  const cliRelease = options['target-release'] as TargetRelease | undefined;
  let explicit: LintConfig | undefined;
  const resolver = new ConfigResolver(read, RULES);
  try {
    const configPath = options['config'] as string | undefined;
    if (configPath !== undefined) {
      const text = await read(configPath);
      if (text === undefined) throw new ConfigError(configPath, 'no such file');
      explicit = parseConfig(text, configPath, RULES);
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`attls: ${e.file}: ${e.reason}\n`);
      return 2;
    }
    throw e;
  }

  // No file arguments: the current folder, by the same rules as a folder argument (as ESLint
  // does), so that `attls lint` in a folder of policies just works.
  const here = positionals.length === 0;
  const { files, problems: found } = await collectFiles(io, here ? ['.'] : positionals, stdinName);
  const problems = here
    ? found.map((p) => (p.file === '.' && p.reason === NO_POLICY_FILES ? { file: '.', reason: 'no policy files found in the current folder; give files or folders to lint, or - for standard input' } : p))
    : found;
  const results: LintResult[] = [];
  const diffs: string[] = [];
  for (const f of files) {
    let config: LintConfig;
    const isStdin = f.path === stdinName && positionals.includes('-');
    try {
      config = explicit ?? (isStdin ? await resolver.forDir(options['stdin-filename'] ? dirname(resolve(io.cwd, stdinName)) : io.cwd) : await resolver.forFile(resolve(io.cwd, f.path)));
    } catch (e) {
      if (e instanceof ConfigError) {
        io.stderr(`attls: ${e.file}: ${e.reason}\n`);
        return 2;
      }
      throw e;
    }
    if (isIgnored(config, isStdin ? join(io.cwd, stdinName) : resolve(io.cwd, f.path))) {
      // A file found in a folder is skipped quietly; one named on the command line gets a notice,
      // so that an ignore pattern cannot make a pipeline pass without anyone noticing.
      if (isStdin || positionals.includes(f.path)) io.stderr(`attls: ${f.path} is not linted: it matches "ignore" in ${config.path}\n`);
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
      io.stderr(reportLintNotice(f.path));
      results.push(lintReport(f.path, f.text, lintOptions));
      continue;
    }
    // Parsed once: telling a configuration file from a policy needs the parse, and so does linting.
    const parsed = parse(f.text);
    if (isConfigurationText(parsed)) {
      // A main configuration file: lint every stack's policy with it (fixes are not applied
      // across a policy set; lint the policy files themselves to fix them).
      const set = await loadCliPolicySet(io, f.path, f.text, {
        root: (options['root'] as string | undefined) ?? config.root,
        paths: config.paths,
        read: async (p) => {
          try {
            return decode(await io.readFile(p));
          } catch {
            return undefined;
          }
        },
      });
      results.push(...lintPolicySet(set, lintOptions));
      continue;
    }
    if (fix || dryRun) {
      const fixed = fixText(f.path, f.text, lintOptions);
      if (fixed.output !== f.text) {
        if (dryRun) diffs.push(unifiedDiff(f.path, f.text, fixed.output));
        else {
          try {
            await io.writeFile(f.path, fixed.output);
          } catch (e) {
            problems.push({ file: f.path, reason: `cannot write it: ${(e as Error)?.message ?? String(e)}` });
          }
        }
      }
      results.push(fixed.result);
    } else results.push(lintParsed(f.path, parsed, lintOptions));
  }

  const shown = options['quiet'] ? results.map(onlyErrors) : results;
  const format = (options['format'] as string | undefined) ?? 'stylish';
  if (dryRun) io.stdout(diffs.join(''));
  else if (format === 'json') io.stdout(formatJson(shown));
  else if (format === 'sarif') io.stdout(formatSarif(shown, { version: LINT_VERSION }));
  else if (format === 'compact') io.stdout(formatCompact(shown));
  else if (format === 'github') io.stdout(formatGithub(shown));
  else if (format === 'junit') io.stdout(formatJunit(shown));
  else {
    const color = (options['color'] as boolean | undefined) ?? (io.stdoutIsTTY && !io.env['NO_COLOR']);
    if (shown.length > 0) io.stdout(formatStylish(shown, { color }));
  }
  for (const p of problems) io.stderr(`attls: ${problemLine(p)}\n`);
  if (problems.length > 0) return 2;
  const counts = countSeverities(shown);
  if (counts.error > 0) return 1;
  if (options['fail-level'] === 'warning' && counts.warning > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    io.stderr(`attls: ${counts.warning} warning${counts.warning === 1 ? '' : 's'} found, more than --max-warnings ${maxWarnings} allows.\n`);
    return 1;
  }
  return 0;
}
