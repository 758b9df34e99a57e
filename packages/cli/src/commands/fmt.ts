// `attls fmt`: formats policy files in Policy Agent's layout (the same formatter as the editor).
import { isPasearchReport } from '@attls/language';
import { escapeControl } from '@attls/lint';
import { formatText, unifiedDiff } from '@attls/service';
import { parseArgs, UsageError } from '../args.js';
import { encodeText, isEnvironmentText, sameBytes, type TextLayout } from '@attls/language/input';
import { collectFiles, problemLine, recordLengthOption } from '../files.js';
import type { Io } from '../io.js';

export const FMT_HELP = `Usage: attls fmt [options] <files or folders...>

Formats AT-TLS policy files: every brace on a line of its own, two spaces of indentation per
level, keywords in catalogue spelling, values aligned in one column per block, comments kept
where they are, at most one blank line in a row. Files whose braces do not balance are left
unchanged and reported. Use - to read a policy from standard input.

Options:
  --check                  print the files that are not formatted; exit 1 if there are any
  --diff                   print what would change, as a unified diff
  --write                  rewrite the files in place, as they are stored (encoding, line
                           ends, fixed-length records, sequence numbers in columns 73-80)
  --record-length <n>      split files without line ends into records of n bytes
  --stdin-filename <name>  name to show for a policy read from standard input
  -h, --help               show this help

Without --check, --diff or --write, the formatted text of one file is printed.

Exit status: 0 done (or nothing to change), 1 --check found files to format,
2 unusable input or options, or a file that cannot be formatted.
`;

export async function fmtCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, positionals } = parseArgs(argv, [
    { name: 'check', type: 'boolean' },
    { name: 'diff', type: 'boolean' },
    { name: 'write', type: 'boolean' },
    { name: 'stdin-filename', type: 'string' },
    { name: 'record-length', type: 'number' },
    { name: 'help', type: 'boolean', short: 'h' },
  ]);
  if (options['help']) {
    io.stdout(FMT_HELP);
    return 0;
  }
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
    const r = formatText(f.text);
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
