// `attls rules`: the rule catalogue, for people (a table) and for tools (JSON).
import { ruleEntries } from '@attls/lint';
import { parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';

export const RULES_HELP = `Usage: attls rules [--format text|json] [--all]

Lists the lint rules of attls-lint: id, category, default severity, whether --fix
can fix it, and the page that documents it.

Options:
  --format <text|json>   a table (default) or JSON: [{"id", "category", "defaultSeverity",
                         "description", "fixable", "docs"}]
  --all                  also list the codes that always run: the checks of the parser and the
                         policy model, those of following a main configuration file to each
                         stack's policy (missing-file, no-attls-policy, ...), and the editor's
                         config-error; a configuration can set their severity too (syntax-*
                         and config-error excepted)
  -h, --help             show this help
`;

export async function rulesCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'format', type: 'string', choices: ['text', 'json'] },
    { name: 'all', type: 'boolean' },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(RULES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`'attls rules' takes no file names (got '${positionals[0]}')`);
  const entries = ruleEntries(undefined, { builtins: options['all'] === true });
  if (options['format'] === 'json') {
    io.stdout(JSON.stringify(entries, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...entries.map((e) => e.id.length), 2);
  const lines = [`${'id'.padEnd(w)}  ${'category'.padEnd(11)}  ${'severity'.padEnd(8)}  fix  description`];
  for (const e of entries) {
    lines.push(`${e.id.padEnd(w)}  ${e.category.padEnd(11)}  ${e.defaultSeverity.padEnd(8)}  ${e.fixable ? 'yes' : '   '}  ${e.description}`);
  }
  lines.push('', `${entries.length} ${options['all'] ? 'rules and checks' : 'rules'}; docs: ${entries[0]?.docs.replace(/[^/]*$/, '') ?? ''}<id>.md`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
