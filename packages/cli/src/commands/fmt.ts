// `attls fmt`: formats policy files in Policy Agent's layout (the same formatter as the editor).
import { dirname, resolve } from 'node:path';
import { isPasearchReport } from '@attls/language';
import { ConfigError, ConfigResolver, escapeControl, formatLayout, RULES, VALUE_COLUMN_MAX, VALUE_COLUMN_MIN, type FormatConfig } from '@attls/lint';
import { formatText, unifiedDiff, type FormatOptions } from '@attls/service';
import { parseArgs, UsageError } from '../args.js';
import { encodeText, isEnvironmentText, sameBytes, type TextLayout } from '@attls/language/input';
import { collectFiles, problemLine, recordLengthOption } from '../files.js';
import type { Io } from '../io.js';
import { explicitConfig, reader } from './lint.js';

export const FMT_HELP = `Usage: attls fmt [options] <files or folders...>

Formats AT-TLS policy files: every brace on a line of its own, two spaces of indentation per
level, keywords in catalogue spelling, statement names and values in one column for the whole
file, comments kept where they are, at most one blank line in a row. A file whose values already
stand in one column (as in files from the Network Configuration Assistant) keeps that column; otherwise the column is the longest
keyword with its indentation plus one blank. Files whose braces do not balance are left unchanged
and reported. Use - to read a policy from standard input.

Options:
  --check                  print the files that are not formatted; exit 1 if there are any
  --diff                   print what would change, as a unified diff
  --write                  rewrite the files in place, as they are stored (encoding, line
                           ends, fixed-length records, sequence numbers in columns 73-80)
  --value-column <n>       start values in column n (${VALUE_COLUMN_MIN}-${VALUE_COLUMN_MAX}, counted from 1; files
                           from the Configuration Assistant use 35); a keyword that
                           reaches the column is followed by one blank
  --keep-layout            only re-indent: every line keeps what follows its indentation
  --config <file>          take "format" from this configuration instead of the nearest
                           .attlslintrc.json
  --record-length <n>      split files without line ends into records of n bytes
  --stdin-filename <name>  name to show for a policy read from standard input
  -h, --help               show this help

Without --check, --diff or --write, the formatted text of one file is printed. The "format" of
the nearest .attlslintrc.json ({ "valueColumn": 35 } or { "mode": "keepLayout" }) applies unless
an option says otherwise, so that the editor and a pipeline format alike.

Exit status: 0 done (or nothing to change), 1 --check found files to format,
2 unusable input, options or configuration, or a file that cannot be formatted.
`;

export async function fmtCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'check', type: 'boolean' },
    { name: 'diff', type: 'boolean' },
    { name: 'write', type: 'boolean' },
    { name: 'stdin-filename', type: 'string' },
    { name: 'record-length', type: 'number' },
    { name: 'value-column', type: 'number' },
    { name: 'keep-layout', type: 'boolean' },
    { name: 'config', type: 'string' },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(FMT_HELP);
    return 0;
  }
  const column = options['value-column'] as number | undefined;
  if (column !== undefined && (column < VALUE_COLUMN_MIN || column > VALUE_COLUMN_MAX)) throw new UsageError(`option '--value-column' needs a column from ${VALUE_COLUMN_MIN} to ${VALUE_COLUMN_MAX}, not ${column}`);
  if (column !== undefined && options['keep-layout'] === true) throw new UsageError(`use either '--value-column' or '--keep-layout', not both: keep layout moves no value`);
  // Options on the command line win over the configuration's "format".
  const given: FormatConfig = { ...(options['keep-layout'] === true ? { mode: 'keepLayout' as const } : {}), ...(column !== undefined ? { mode: 'align' as const, valueColumn: column } : {}) };
  const read = reader(io);
  const resolver = new ConfigResolver(read, RULES);
  const explicit = await explicitConfig(io, read, options['config'] as string | undefined);
  if (explicit === null) return 2;
  if (positionals.length === 0) throw new UsageError('no files to format (give files or folders, or - for standard input)');
  const check = options['check'] === true;
  const diff = options['diff'] === true;
  const write = options['write'] === true;
  const stdinName = (options['stdin-filename'] as string | undefined) ?? '<stdin>';
  const { files, problems, notices } = await collectFiles(io, positionals, stdinName, recordLengthOption(options['record-length']));
  const print = !check && !diff && !write;
  if (print && files.length > 1) throw new UsageError('formatting several files needs --write, --check or --diff');
  if (write && positionals.includes('-')) throw new UsageError('--write cannot rewrite standard input');
  let unformatted = 0;
  let failed = problems.length > 0;
  for (const f of files) {
    if (isPasearchReport(f.text)) {
      // pasearch's output is the installed policy as Policy Agent prints it: never rewritten.
      io.stderr(`attls: ${escapeControl(f.path)}: not formatted: it is pasearch output, not a policy file\n`);
      failed = true;
      continue;
    }
    // A STDENV member (NAME=value lines) is no policy: it is left as it is.
    if (isEnvironmentText(f.text)) {
      if (print) io.stdout(f.text);
      continue;
    }
    let layout: FormatOptions;
    try {
      // Standard input is looked up from its --stdin-filename, else from the current folder, as lint does.
      const isStdin = positionals.includes('-') && f.path === stdinName;
      const config = explicit ?? (isStdin ? await resolver.forDir(options['stdin-filename'] ? dirname(resolve(io.cwd, stdinName)) : io.cwd) : await resolver.forFile(resolve(io.cwd, f.path)));
      layout = formatLayout(config.format, given);
    } catch (e) {
      if (e instanceof ConfigError) {
        io.stderr(`attls: ${escapeControl(`${e.file}: ${e.reason}`)}\n`);
        return 2;
      }
      throw e;
    }
    const r = formatText(f.text, layout);
    if (!r.ok) {
      const line = r.reasonSpan ? ` (line ${lineOf(f.text, r.reasonSpan.start)})` : '';
      io.stderr(`attls: ${escapeControl(`${f.path}: not formatted${line}: ${r.reason}`)}\n`);
      failed = true;
      continue;
    }
    if (r.text === f.text) {
      if (print) io.stdout(r.text);
      continue;
    }
    // Unchanged too when writing it back gives the same bytes: records and sequence numbers pad
    // lines with blanks that the formatted text does not have.
    const bytes = encodeText(r.text, f.layout);
    if ('refused' in bytes) {
      if (print) io.stdout(r.text);
      io.stderr(`attls: ${problemLine({ file: f.path, reason: `not formatted: ${bytes.refused}` })}\n`);
      failed = true;
      continue;
    }
    const changed = !sameBytes(bytes, f.bytes);
    if (print) io.stdout(r.text);
    if (!changed) continue;
    unformatted++;
    if (check) io.stdout(`${escapeControl(f.path)}\n`);
    if (diff) io.stdout(unifiedDiff(shown(f.text, f.layout), r.text, diffName('a', f.path), diffName('b', f.path)));
    if (write) {
      try {
        await io.writeFile(f.path, bytes);
      } catch (e) {
        io.stderr(`attls: ${escapeControl(problemLine({ file: f.path, reason: `cannot write it: ${(e as Error)?.message ?? String(e)}` }))}\n`);
        failed = true;
      }
    }
  }
  for (const n of notices) io.stderr(`attls: ${escapeControl(problemLine(n))}\n`);
  for (const p of problems) io.stderr(`attls: ${escapeControl(problemLine(p))}\n`);
  if (failed) return 2;
  return check && unformatted > 0 ? 1 : 0;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * The name of a side of the diff as git writes it: `a/` before the path, the leading slashes of an
 * absolute path dropped (`a/tmp/x.ttls`, not `a//tmp/x.ttls`), so that tools reading git diffs
 * (git apply, patch -p1, review tools) take it.
 */
function diffName(side: 'a' | 'b', path: string): string {
  return `${side}/${path.replace(/^\/+/, '')}`;
}

/**
 * A file's text as a diff shows it: lines of fixed-length records and of sequence-numbered files
 * without the blanks that pad them to their columns, as the formatted text has none either.
 */
function shown(text: string, layout: TextLayout): string {
  if (layout.recordLength === undefined && !layout.sequence) return text;
  const lines = text.split('\n').map((l) => l.trimEnd());
  return `${lines.join('\n')}${layout.recordLength !== undefined ? '\n' : ''}`;
}
