// `attls diff OLD NEW`: what a policy change does, or how the installed policy (a pasearch report)
// differs from the source, in behaviour: rules, settings and the connections whose outcome changes.
import { diffMarkdown, diffPolicies, diffText, hasDifferences, type CompiledPolicy } from '@attls/evaluate';
import { isConfigurationText, isPasearchReport, readReport, TARGET_RELEASES, type TargetRelease } from '@attls/language';
import { parseArgs, UsageError } from '../args.js';
import { collectFiles } from '../files.js';
import type { Io } from '../io.js';
import { loadPolicy } from '../policy.js';

export const DIFF_HELP = `Usage: attls diff OLD NEW [options]
       attls diff --old <file>... --new <file>... [options]

Compares two AT-TLS policies by what they do, not by their text: rules added, removed and moved
in the evaluation order; for each rule on both sides its priority, conditions, actions and
effective settings (compared by value, so a setting moved to another action or coded as its
default is no difference); and the connections whose outcome changes, as exact regions of the
connection space, each with an example connection to try with 'attls match'.

Each side is a policy file, several policy files (--old/--new, repeated, in Policy Agent's
reading order), a Policy Agent main configuration file (pagent.conf, followed to a stack's
policy), or the output of 'pasearch -t' (the installed policy). When one side is a pasearch
report, a difference that comes only from attls's default for a setting the policy leaves
uncoded is marked as such.

Options:
  --old <file>                     a file of the old side (repeat for several)
  --new <file>                     a file of the new side (repeat for several)
  --stack <name>                   the stack of a main configuration file, or the image of a
                                   pasearch report that has several (default: the only one)
  --root <folder>                  local folder standing for the z/OS root / (main
                                   configuration files)
  --format <text|json|markdown>    text (default), JSON, or Markdown for a pull-request comment
  --target-release <release>       z/OS release whose defaults apply: ${TARGET_RELEASES.join(', ')}
                                   (default: 3.1, or the release a pasearch report names)
  -h, --help                       show this help

Exit status: 0 nothing behaves differently, 1 something does, 2 unusable input or options.
`;

/**
 * Whether --stack and --root apply to a side: one main configuration file, or one report of
 * several images (a report of one image is that image, whatever the other side's stack is called).
 */
async function takesStack(io: Io, paths: readonly string[]): Promise<boolean> {
  if (paths.length !== 1) return false;
  // Standard input can be read once only: what it holds is up to the user's --stack.
  if (paths[0] === '-') return true;
  const { files } = await collectFiles(io, paths);
  const f = files[0];
  if (!f || files.length !== 1) return false;
  if (isPasearchReport(f.text)) return readReport(f.text).headers.filter((h, i, all) => all.findIndex((x) => x.image?.text === h.image?.text) === i).length > 1;
  return isConfigurationText(f.text);
}

export async function diffCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'old', type: 'string', multiple: true },
    { name: 'new', type: 'string', multiple: true },
    { name: 'stack', type: 'string' },
    { name: 'root', type: 'string' },
    { name: 'format', type: 'string', choices: ['text', 'json', 'markdown'] },
    { name: 'target-release', type: 'string', choices: [...TARGET_RELEASES] },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const olds = (options['old'] as string[] | undefined) ?? [];
  const news = (options['new'] as string[] | undefined) ?? [];
  let sides: [string[], string[]];
  if (olds.length > 0 || news.length > 0) {
    if (positionals.length > 0) throw new UsageError(`give the sides either as OLD NEW or with --old and --new, not both (got '${positionals[0]}')`);
    if (olds.length === 0 || news.length === 0) throw new UsageError(`--${olds.length === 0 ? 'old' : 'new'} is missing: both sides need at least one file`);
    sides = [olds, news];
  } else {
    if (positionals.length !== 2) throw new UsageError(`attls diff compares two policies: give OLD and NEW (got ${positionals.length} file${positionals.length === 1 ? '' : 's'}; use --old and --new for sides of several files)`);
    sides = [[positionals[0]!], [positionals[1]!]];
  }
  if (sides[0].includes('-') && sides[1].includes('-')) throw new UsageError('standard input (-) can be one side only');
  const release = options['target-release'] as TargetRelease | undefined;
  const stack = { root: options['root'] as string | undefined, stack: options['stack'] as string | undefined };
  const load = async (paths: string[]): Promise<CompiledPolicy> => loadPolicy(io, paths, release, (await takesStack(io, paths)) ? stack : {});
  const oldPolicy = await load(sides[0]);
  const newPolicy = await load(sides[1]);
  const source = (paths: readonly string[]): string => paths.map((p) => (p === '-' ? '<stdin>' : p)).join(', ');
  const d = diffPolicies({ policy: oldPolicy, source: source(sides[0]) }, { policy: newPolicy, source: source(sides[1]) });
  const format = (options['format'] as string | undefined) ?? 'text';
  if (format === 'json') {
    const { places: _places, ...shape } = d;
    io.stdout(JSON.stringify(shape, null, 2) + '\n');
  } else io.stdout(format === 'markdown' ? diffMarkdown(d) : diffText(d));
  return hasDifferences(d) ? 1 : 0;
}
