// `attls explain`: return codes, or AT-TLS log lines tied to the policy, explained.
import { explainCode, explainLog, formatCodesText, formatLogText, parseLog } from '@attls/explain';
import { buildModel, isConfigurationText, parse, type PolicyDocument, type PolicyModel, type StackConfig } from '@attls/language';
import { escapeControl, jsonWithoutControls } from '@attls/lint';
import { checkRoot, parseArgs, UsageError } from '../args.js';
import { collectFiles, problemLine, reason } from '../files.js';
import { loadStackModel } from '../policy.js';
import { reportPolicy } from '../pasearch.js';
import { decode, type Io } from '../io.js';

export const EXPLAIN_HELP = `Usage: attls explain <return code...> [--format text|json]
       attls explain --log <file|-> [--policy <files or pagent.conf>...] [--root <folder>]
                     [--stack <name>] [--format text|json]

Explains AT-TLS and System SSL return codes: what they mean, how sure we are of
that, the usual causes, and which policy parameters to look at.

With --log, reads syslog or console lines (EZD1281I-EZD1287I, also wrapped over
several lines), groups them by connection (CONNID) or environment (GRPID/ENVID),
and for each one says what failed, the rule and actions it used, where they are
in the policy given with --policy (file:line), and what to check there.

Options:
  --log <file|->          log text to explain (- reads standard input)
  --policy <file>         AT-TLS policy file to compare with (repeat for several
                          files; more files may follow as arguments), or a Policy
                          Agent main configuration file (pagent.conf), followed
                          through TcpImage and TTLSConfig to the stack's policy
  --root <folder>         with a pagent.conf: local folder standing for the z/OS
                          root / (default: the folder of the pagent.conf)
  --stack <name>          with a pagent.conf: the TCP/IP stack whose policy to use
                          (default: the only stack with a policy, the one the
                          log's prefixes name, or the only one whose policy
                          defines the rules the log names)
  --format <text|json>    output format (default: text)
  -h, --help              show this help

Exit status: 0 explained (also for codes not in our table), 2 unusable input or options.
`;

/** A return code as typed: digits, optionally written as "RC 202", "RC:202" or "rc=202". */
function readCode(arg: string): number {
  const m = /^(?:rc\s*[:=]?\s*)?(\d{1,9})$/i.exec(arg.trim());
  if (!m) throw new UsageError(`'${arg}' is not a return code (give a number, such as 202)`);
  return Number(m[1]);
}

export async function explainCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'log', type: 'string' },
    { name: 'policy', type: 'string', multiple: true },
    { name: 'root', type: 'string' },
    { name: 'stack', type: 'string' },
    { name: 'format', type: 'string', choices: ['text', 'json'] },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  const json = options['format'] === 'json';
  const log = options['log'] as string | undefined;
  const policies = (options['policy'] as string[] | undefined) ?? [];

  if (log === undefined) {
    if (policies.length > 0) throw new UsageError('--policy needs --log (a policy is compared with log lines)');
    if (positionals.length === 0) throw new UsageError("give a return code (attls explain 202) or a log (attls explain --log FILE)");
    const list = positionals.map(readCode).map(explainCode);
    io.stdout(json ? `${jsonWithoutControls(JSON.stringify(list, null, 2))}\n` : escapeControl(formatCodesText(list), { lineBreaks: true }));
    return 0;
  }

  if (positionals.length > 0 && policies.length === 0) {
    throw new UsageError(`unexpected argument '${positionals[0]}' with --log (give return codes or a log, not both; policy files follow --policy)`);
  }
  let text: string;
  try {
    text = decode(log === '-' ? await io.readStdin() : await io.readFile(log));
  } catch (e) {
    throw new UsageError(problemLine({ file: log === '-' ? '<stdin>' : log, reason: reason(e) }));
  }

  const root = options['root'] as string | undefined;
  const stackOption = options['stack'] as string | undefined;
  let model: PolicyModel | undefined;
  let stack: string | undefined;
  const policyInputs = [...policies, ...positionals];
  if (policyInputs.length > 0) {
    if (policyInputs.includes('-') && log === '-') throw new UsageError('standard input cannot be both the log and a policy');
    const { files, problems } = await collectFiles(io, policyInputs);
    if (problems.length > 0) throw new UsageError(problemLine(problems[0]!));
    const configs = files.filter((f) => isConfigurationText(f.text));
    // The installed policy in a pasearch report is the one the log lines were written under.
    const installed = reportPolicy(files, undefined, stackOption);
    if (installed) model = installed.model;
    else if (configs.length > 0) {
      if (files.length > 1) throw new UsageError(`give either one Policy Agent configuration file ('${configs[0]!.path}') or AT-TLS policy files, not both`);
      await checkRoot(io, root);
      ({ model, stack } = await loadStackModel(io, configs[0]!.path, configs[0]!.text, {
        root,
        stack: stackOption,
        pick: (candidates, modelOf) => pickStack(text, candidates, modelOf),
      }));
    } else {
      if (root !== undefined || stackOption !== undefined) throw new UsageError(`--${root !== undefined ? 'root' : 'stack'} applies to a pagent.conf given with --policy`);
      const docs: PolicyDocument[] = files.map((f) => ({ uri: f.path, parse: parse(f.text) }));
      model = buildModel(docs);
    }
  } else if (root !== undefined || stackOption !== undefined) {
    throw new UsageError(`--${root !== undefined ? 'root' : 'stack'} applies to a pagent.conf given with --policy`);
  }
  const result = explainLog(text, model, stack !== undefined ? { stack } : {});
  // Log lines and policy names are quoted in the text: shown with control characters escaped.
  io.stdout(json ? `${jsonWithoutControls(JSON.stringify(result, null, 2))}\n` : escapeControl(formatLogText(result), { lineBreaks: true }));
  return 0;
}

/**
 * The stack a log is about, among several with a policy: the one whose TCP/IP job name the log's
 * prefixes show; else the one whose policy defines the rules the log names (bare EZD1286I lines
 * carry RULE but no stack) -- the stack defining the most of them, when no other defines as many.
 * Undefined when the log leaves it open, and the user is asked for --stack.
 */
function pickStack(text: string, candidates: readonly StackConfig[], modelOf: (s: StackConfig) => PolicyModel | undefined): StackConfig | undefined {
  const prefixes = logPrefixes(text);
  const named = candidates.filter((s) => new RegExp(`(^|[\\s(])${s.name.replace(/[$#@]/g, '\\$&')}([\\s)]|$)`, 'im').test(prefixes));
  if (named.length === 1) return named[0];
  const rules = new Set(parseLog(text).messages.flatMap((m) => (m.rule ? [m.rule] : [])));
  if (rules.size === 0) return undefined;
  // A log naming a stack narrows the choice to the stacks it names, even when it names several.
  const pool = named.length > 1 ? named : candidates;
  const scored = pool.map((s) => {
    const model = modelOf(s);
    return { s, n: model ? [...rules].filter((r) => model.definitionsOf('TTLSRule', r).length > 0).length : 0 };
  });
  const best = Math.max(...scored.map((x) => x.n));
  const top = scored.filter((x) => x.n === best);
  return best > 0 && top.length === 1 ? top[0]!.s : undefined;
}

/** The text before each AT-TLS message id and the header lines of a log, where stack names appear. */
function logPrefixes(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => {
      const i = l.search(/\bEZD128[1-7]I\b/);
      return i >= 0 ? l.slice(0, i) : /\bTTLS\b/.test(l) ? l : '';
    })
    .filter(Boolean)
    .join('\n');
}
