// `attls match`: which rule a connection gets, why, and with which settings -- or, with --batch,
// the rule for every connection of a CSV file.
import {
  answerJson,
  answerText,
  batchColumns,
  BatchSummary,
  CONNECTION_FIELDS,
  CsvReader,
  EMPTY_CSV,
  explainMatch,
  JsonLines,
  BatchMatcher,
  noDirection,
  readConnection,
  readDirection,
  RuleIndex,
  type BatchOutcome,
  type CsvRow,
  type Direction,
} from '@attls/evaluate';
import { TARGET_RELEASES, type TargetRelease } from '@attls/language';
import { ChunkDecoder } from '@attls/language/input';
import { escapeControl, jsonWithoutControls } from '@attls/lint';
import { checkRoot, parseArgs, UsageError } from '../args.js';
import { problemLine, reason } from '../files.js';
import { chunksOf, type Io } from '../io.js';
import { loadPolicy } from '../policy.js';
import { reportNotes } from '../pasearch.js';

export const MATCH_HELP = `Usage: attls match <policy files...> --direction inbound|outbound [connection options]
       attls match <policy files...> --batch connections.csv [--direction inbound|outbound]
                   [--format jsonl|summary]

Tells which TTLSRule a connection gets, exactly as Policy Agent orders and matches rules, whether
the connection is secured, its effective settings and where each one comes from, and for every
rule tried before the winner the first condition that failed. Several files are read in the
order given (a common file first), like CommonTTLSConfig before TTLSConfig.

A Policy Agent main configuration file (pagent.conf) is followed to a stack's policy: its own
TTLSConfig file with the CommonTTLSConfig file, as Policy Agent combines them. The output of
'pasearch -t' is read as the installed policy (alone; --stack chooses among its images).
  --stack <name>                   the TCP/IP stack (default: the only stack with a policy)
  --root <folder>                  local folder standing for the z/OS root / (default: root in
                                   .attlslintrc.json, else the folder of the pagent.conf)

Connection:
  --direction <inbound|outbound>   inbound: accepted by z/OS; outbound: started by z/OS (required)
  --local-addr <address>           z/OS end of the connection (IPv4 or IPv6)
  --local-port <port>
  --remote-addr <address>          partner end of the connection
  --remote-port <port>
  --jobname <name>                 job that owns the socket (uppercased, as z/OS shows it)
  --userid <id>                    user ID that owns the socket (uppercased)
  --time <time>                    e.g. 2025-03-01T14:30 or 2025-03-01T14:30+01:00, for IpTimeCondition
A rule that tests an attribute you leave out is taken to match on it; the answer says so.

Output:
  --format <text|json>             single connection (default: text)
  --batch <file.csv>               match every row of a CSV file (- for standard input) with
                                   the header below (any column may be left out; blank lines
                                   and CRLF are fine):
                                   ${CONNECTION_FIELDS.join(',')}
  --direction <inbound|outbound>   with --batch: the direction of rows without one (no direction
                                   column, or an empty cell); a row with neither is an error
  --format <jsonl|summary>         with --batch: one compact JSON answer per line ({"line", "rule",
                                   "order", "priority", "secured", "actions"}), or hits per rule
                                   and the rules no connection hits (default: summary)
  --target-release <release>       z/OS release whose defaults apply: ${TARGET_RELEASES.join(', ')} (default: 3.1)
  -h, --help                       show this help

Exit status: 0 answered; 2 unusable options or input. With --batch, rows that cannot be read are
reported on standard error with their line number (and as {"line","error"} in jsonl), the other
rows are still matched, and the exit status is 2.
`;

/** The whole answer for a policy without rules: there is nothing to try, explain or compare. */
const NO_RULES = `No rule matches: the policy has no TTLSRule statements, so AT-TLS secures no connection
with it (the connection is made without AT-TLS). Check that the files given are the policy's
files, or, for a pagent.conf, that the stack's TTLSConfig names them.
`;

const OPTION_OF: Record<string, string> = {
  direction: '--direction',
  local_addr: '--local-addr',
  local_port: '--local-port',
  remote_addr: '--remote-addr',
  remote_port: '--remote-port',
  jobname: '--jobname',
  userid: '--userid',
  time: '--time',
};

export async function matchCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'direction', type: 'string' },
    { name: 'local-addr', type: 'string' },
    { name: 'local-port', type: 'string' },
    { name: 'remote-addr', type: 'string' },
    { name: 'remote-port', type: 'string' },
    { name: 'jobname', type: 'string' },
    { name: 'userid', type: 'string' },
    { name: 'time', type: 'string' },
    { name: 'batch', type: 'string' },
    { name: 'format', type: 'string', choices: ['text', 'json', 'jsonl', 'summary'] },
    { name: 'target-release', type: 'string', choices: [...TARGET_RELEASES] },
    { name: 'root', type: 'string' },
    { name: 'stack', type: 'string' },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(MATCH_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no policy files given (attls match <policy files...> --direction inbound|outbound ...)');
  const format = options['format'] as string | undefined;
  const batch = options['batch'] as string | undefined;
  const connectionOptions = Object.values(OPTION_OF).filter((o) => options[o.slice(2)] !== undefined);
  let defaultDirection: Direction | undefined;
  if (batch !== undefined) {
    // --direction is the default of the rows that give none; the other attributes come from the file.
    const others = connectionOptions.filter((o) => o !== '--direction');
    if (others.length > 0) throw new UsageError(`${others[0]} cannot be combined with --batch (the CSV file gives the connections; only --direction may give a default)`);
    if (options['direction'] !== undefined) {
      const d = readDirection(options['direction'] as string);
      if (!d.ok) throw new UsageError(`--direction: ${d.reason}`);
      defaultDirection = d.value;
    }
    if (format === 'text' || format === 'json') throw new UsageError(`--format ${format} is for one connection; with --batch use jsonl or summary`);
  } else {
    if (format === 'jsonl' || format === 'summary') throw new UsageError(`--format ${format} needs --batch <file.csv>`);
    if (options['direction'] === undefined) throw new UsageError('--direction is required (inbound or outbound)');
  }
  // Check the connection before reading the policy: a typo should not wait for a large policy.
  let connection;
  if (batch === undefined) {
    const fields: Record<string, string> = {};
    for (const [field, option] of Object.entries(OPTION_OF)) {
      const v = options[option.slice(2)];
      if (typeof v === 'string') fields[field] = v;
    }
    const r = readConnection(fields);
    if (!r.connection) {
      const first = r.problems[0] ?? 'the connection is not usable';
      const field = first.split(':')[0]!;
      throw new UsageError(OPTION_OF[field] ? `${OPTION_OF[field]}${first.slice(field.length)}` : first);
    }
    connection = r.connection;
  }
  await checkRoot(io, options['root'] as string | undefined);
  const policy = await loadPolicy(io, positionals, options['target-release'] as TargetRelease | undefined, {
    root: options['root'] as string | undefined,
    stack: options['stack'] as string | undefined,
  });
  if (connection) {
    const answer = explainMatch(policy, connection);
    const e = { ...answer, notes: [...answer.notes, ...reportNotes(policy)] };
    if (format === 'json') io.stdout(jsonWithoutControls(JSON.stringify(answerJson(e), null, 2)) + '\n');
    else if (policy.rules.length === 0) io.stdout(NO_RULES);
    // Names and values in the answer come from the policy: shown with control characters escaped.
    else io.stdout(escapeControl(answerText(e), { lineBreaks: true }));
    return 0;
  }
  return runBatch(io, batch!, policy, format === 'jsonl' ? 'jsonl' : 'summary', defaultDirection);
}

async function runBatch(io: Io, file: string, policy: Awaited<ReturnType<typeof loadPolicy>>, format: 'jsonl' | 'summary', defaultDirection: Direction | undefined): Promise<number> {
  const shown = file === '-' ? '<stdin>' : file;
  const index = new RuleIndex(policy);
  const errors: string[] = [];
  let errorCount = 0;
  const noteError = (line: number, message: string): void => {
    errorCount++;
    if (errors.length < 20) errors.push(`attls: ${escapeControl(`${file}:${line}: ${message}`)}\n`);
  };
  const lines = format === 'jsonl' ? new JsonLines() : undefined;
  const summary = format === 'summary' ? new BatchSummary(policy) : undefined;
  // The file is read and decoded a piece at a time, and each row is answered as soon as it is
  // read: a million connections take the memory of one piece of text.
  const decoder = new ChunkDecoder();
  let header: CsvRow | undefined;
  let columns: ReturnType<typeof batchColumns> = [];
  let matcher: BatchMatcher | undefined;
  // JSON Lines of the piece being read, written before the next piece is read.
  const out: string[] = [];
  const take = (o: BatchOutcome): void => {
    if ('error' in o) noteError(o.line, o.error);
    if (lines) out.push(lines.line(o));
    else summary!.add(o);
  };
  const onRow = (row: CsvRow): void => {
    if (!header) {
      header = row;
      try {
        columns = batchColumns(header);
      } catch (e) {
        throw new UsageError(`${file}: ${(e as Error).message}`);
      }
      return;
    }
    if (!matcher) {
      // Checked on the first row: a header without rows is fine either way.
      if (!columns.includes('direction') && defaultDirection === undefined) throw new UsageError(`${file}: ${noDirection(row, header)}`);
      matcher = new BatchMatcher(index, columns, defaultDirection);
    }
    take(matcher.match(row));
  };
  // Once the first row has made the matcher (checking the header's columns), the common line (no
  // quotes, values the quick reading takes) is answered where it lies in the text; any other line
  // comes back to onRow as a row.
  const onLine = (text: string, start: number, end: number, line: number): boolean => {
    const o = matcher?.matchLine(text, start, end, line);
    if (o) take(o);
    return o !== undefined;
  };
  const reader = new CsvReader(onRow, onLine);
  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    io.stdout(jsonWithoutControls(out.join('\n')) + '\n');
    out.length = 0;
    await io.drained?.();
  };
  try {
    for await (const bytes of chunksOf(io, file)) {
      reader.push(decoder.decode(bytes));
      await flush();
    }
    reader.push(decoder.decode(new Uint8Array(0), true));
    reader.end();
    await flush();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(problemLine({ file: shown, reason: reason(e) }));
  }
  if (!header) throw new UsageError(`${file}: ${EMPTY_CSV}`);
  if (summary) io.stdout(escapeControl(summary.text(), { lineBreaks: true }));
  for (const n of reportNotes(policy)) io.stderr(`attls: note: ${n}\n`);
  for (const e of errors) io.stderr(e);
  if (errorCount > errors.length) io.stderr(`attls: ${escapeControl(file)}: ... and ${errorCount - errors.length} more rows that could not be read\n`);
  return errorCount > 0 ? 2 : 0;
}
