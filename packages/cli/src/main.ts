// Entry of the attls command line: dispatches sub-commands and turns failures into exit codes.
import { escapeControl } from '@attls/lint';
import { UsageError } from './args.js';
import { FMT_HELP, fmtCommand } from './commands/fmt.js';
import { EXPLAIN_HELP, explainCommand } from './commands/explain.js';
import { diffCommand } from './commands/diff.js';
import { LINT_HELP, lintCommand } from './commands/lint.js';
import { matchCommand } from './commands/match.js';
import { testCommand } from './commands/test.js';
import { rulesCommand } from './commands/rules.js';
import { nodeIo, type Io } from './io.js';

export const VERSION = '0.1.0';

const HELP = `attls ${VERSION} - tools for z/OS AT-TLS policy files

Usage: attls <command> [options]

Commands:
  lint      check policy files for errors, mistakes and weak settings
  fmt       format policy files in Policy Agent's layout
  rules     list the lint rules (--format json, --all for built-in checks too)
  explain   explain an AT-TLS or System SSL return code, or AT-TLS log lines against a policy
  match     which rule a connection gets, why, and with which settings
  test      check connection cases (YAML) against a policy
  diff      what changes between two policies, or between a policy and pasearch output

Run 'attls <command> --help' or 'attls help <command>' for the options of a command.
`;

type Command = (argv: readonly string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  fmt: fmtCommand,
  rules: rulesCommand,
  explain: explainCommand,
  match: matchCommand,
  test: testCommand,
  diff: diffCommand,
};

/** Runs the CLI; returns the exit status. `prog` is 'attls' or 'attls-lint'. */
export async function run(argv: readonly string[], io: Io, prog: 'attls' | 'attls-lint' = 'attls'): Promise<number> {
  try {
    if (prog === 'attls-lint') return await lintCommand(argv, io);
    const [command, ...rest] = argv;
    if (command === 'help' && rest.length > 0) {
      const [topic, ...extra] = rest;
      if (!Object.hasOwn(COMMANDS, topic!)) throw new UsageError(`no help for '${topic}': it is not a command (try 'attls --help')`);
      if (extra.length > 0) throw new UsageError(`'attls help' takes one command name (got '${extra[0]}' too)`);
      return await COMMANDS[topic!]!(['--help'], io);
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command '${command}' (try 'attls --help')`);
    return await run(rest, io);
  } catch (e) {
    // Messages quote file names, command-line words and policy text: shown escaped.
    if (e instanceof UsageError) {
      io.stderr(`${prog}: ${escapeControl(e.message)}\n`);
      return 2;
    }
    const detail = io.env['ATTLS_DEBUG'] ? `\n${(e as Error)?.stack ?? String(e)}` : '';
    io.stderr(`${prog}: internal error: ${escapeControl(`${(e as Error)?.message ?? String(e)}${detail}`, { lineBreaks: true })}\n`);
    return 2;
  }
}

/** Process entry used by the bin scripts. */
export async function main(argv: readonly string[], prog: 'attls' | 'attls-lint'): Promise<number> {
  // A reader that stops early (`attls ... | head`) closes the pipe: that is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return run(argv, nodeIo(), prog);
}

export { EXPLAIN_HELP, FMT_HELP, LINT_HELP };
export type { Io } from './io.js';
