// `attls lint` (also `attls-lint`): check policy files and report, with honest exit codes.
import { isConfigurationText, loadPolicySet, TARGET_RELEASES, type TargetRelease } from '@attls/language';
import { countSeverities, formatJson, formatStylish, lintPolicySet, lintText, type LintResult } from '@attls/lint';
import { parseArgs, UsageError } from '../args.js';
import { collectFiles } from '../files.js';
import { decode, type Io } from '../io.js';

export const LINT_HELP = `Usage: attls lint [options] <files or folders...>

Checks AT-TLS policy files and Policy Agent configuration files. A folder is searched
for *.ttls, *.attls, *.pagent, *.policy and *.conf files (and files without an extension
that start like a policy). Use - to read a policy from standard input.

A Policy Agent main configuration file (with TcpImage, TTLSConfig or CommonTTLSConfig) is
followed to every stack's policy: z/OS UNIX paths are read under --root, and data sets
//'HLQ.NAME(MEMBER)' as --root/HLQ.NAME/MEMBER; each stack's policy is checked together
with the common file.

Options:
  --format <stylish|json>      output format (default: stylish)
  --target-release <release>   z/OS release whose defaults apply: ${TARGET_RELEASES.join(', ')} (default: 3.1)
  --root <folder>              local folder standing for the z/OS root / (default: the
                               folder of the main configuration file)
  --stdin-filename <name>      name to show for a policy read from standard input
  --color, --no-color          force or suppress colours (default: colours on a terminal)
  -h, --help                   show this help

Exit status: 0 no errors found, 1 errors found, 2 unusable input or options.
`;

export async function lintCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'format', type: 'string', choices: ['stylish', 'json'] },
    { name: 'target-release', type: 'string', choices: [...TARGET_RELEASES] },
    { name: 'stdin-filename', type: 'string' },
    { name: 'root', type: 'string' },
    { name: 'color', type: 'boolean' },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(LINT_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no files to lint (give files or folders, or - for standard input)');
  const { files, problems } = await collectFiles(io, positionals, (options['stdin-filename'] as string | undefined) ?? '<stdin>');
  const targetRelease = options['target-release'] as TargetRelease | undefined;
  const root = options['root'] as string | undefined;
  const results: LintResult[] = [];
  for (const f of files) {
    if (!isConfigurationText(f.text)) {
      results.push(lintText(f.path, f.text, { targetRelease }));
      continue;
    }
    const set = await loadPolicySet(f.path, f.text, {
      root,
      read: async (p) => {
        try {
          return decode(await io.readFile(p));
        } catch {
          return undefined;
        }
      },
    });
    results.push(...lintPolicySet(set, { targetRelease }));
  }
  const format = (options['format'] as string | undefined) ?? 'stylish';
  if (format === 'json') io.stdout(formatJson(results));
  else {
    const color = (options['color'] as boolean | undefined) ?? (io.stdoutIsTTY && !io.env['NO_COLOR']);
    if (results.length > 0) io.stdout(formatStylish(results, { color }));
  }
  for (const p of problems) io.stderr(`attls: ${p}\n`);
  if (problems.length > 0) return 2;
  return countSeverities(results).error > 0 ? 1 : 0;
}
