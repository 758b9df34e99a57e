// Turns command-line inputs (files, folders, '-') into the policy texts to work on.
import { join } from 'node:path';
import type { Diagnostic } from '@attls/language';
import { decodeText, fileNameKind, isEnvironmentText, isRefusal, looksLikePolicy, MAX_INPUT_BYTES, oversizedReason, type DecodeOptions, type TextLayout } from '@attls/language/input';
import { UsageError } from './args.js';
import type { Io } from './io.js';

export interface InputFile {
  /** Path as the user wrote it (or joined under a folder), or the stdin name. */
  readonly path: string;
  readonly text: string;
  /** How the file is stored (encoding, line ends, records, sequence numbers): what writing it back keeps. */
  readonly layout: TextLayout;
  /** Findings about how it is stored (sequence numbers ignored), reported with the file's own. */
  readonly notes: readonly Diagnostic[];
  /** The bytes read, to tell whether writing it back would change anything. */
  readonly bytes: Uint8Array;
}

/**
 * An input that could not be used. Every such problem is shown as `attls: <file>: <reason>`, one
 * form for all of them, so that a pipeline can pick out the file; `problemLine` writes it.
 */
export interface FileProblem {
  readonly file: string;
  readonly reason: string;
}

export function problemLine(p: FileProblem): string {
  return `${p.file}: ${p.reason}`;
}

/** The reason given for a folder without policy files (the CLI words it differently for '.'). */
export const NO_POLICY_FILES = 'no policy files found in this folder';

export interface CollectResult {
  readonly files: InputFile[];
  /** One per input that could not be used; the run exits 2 after linting the rest. */
  readonly problems: FileProblem[];
  /** Said on standard error without failing the run (a symbolic link loop in a folder, not followed). */
  readonly notices: FileProblem[];
}

/** What reading one input gave: the decoded file, or why it cannot be used. */
export type ReadInput = InputFile | { readonly problem: string };

/**
 * Reads one file as every command reads its inputs: a device, a socket or (unless `pipes`) a named
 * pipe is refused before it is read (a FIFO named by a configuration would block forever), so is a
 * file larger than MAX_INPUT_BYTES, and binary data after it is read. Errors of the file system come
 * back as `problem` (ENOENT as 'no such file or directory').
 */
export async function readInput(io: Io, path: string, options: DecodeOptions & { pipes?: boolean } = {}): Promise<ReadInput> {
  try {
    const s = await io.stat(path);
    if (s.isDirectory()) return { problem: 'is a directory' };
    if (!s.isFile() && !(options.pipes && s.isFIFO?.())) return { problem: 'not a regular file' };
    if (s.size !== undefined && s.size > MAX_INPUT_BYTES) return { problem: oversizedReason(s.size) };
    const bytes = await io.readFile(path);
    const d = decodeText(bytes, options);
    if (isRefusal(d)) return { problem: d.refused };
    return { path, text: d.text, layout: d.layout, notes: d.notes, bytes };
  } catch (e) {
    return { problem: reason(e) };
  }
}

export function isProblem(r: ReadInput): r is { readonly problem: string } {
  return (r as { problem?: string }).problem !== undefined;
}

export function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return (e as Error)?.message ?? String(e);
  }
}

export async function collectFiles(io: Io, inputs: readonly string[], stdinName = '<stdin>', options: DecodeOptions = {}): Promise<CollectResult> {
  const files: InputFile[] = [];
  const problems: FileProblem[] = [];
  const notices: FileProblem[] = [];
  for (const input of inputs) {
    if (input === '-') {
      try {
        const bytes = await io.readStdin();
        const d = decodeText(bytes, options);
        if (isRefusal(d)) problems.push({ file: stdinName, reason: d.refused });
        else files.push({ path: stdinName, text: d.text, layout: d.layout, notes: d.notes, bytes });
      } catch (e) {
        problems.push({ file: stdinName, reason: reason(e) });
      }
      continue;
    }
    let isDir = false;
    try {
      isDir = (await io.stat(input)).isDirectory();
    } catch (e) {
      problems.push({ file: input, reason: reason(e) });
      continue;
    }
    if (isDir) {
      const found: InputFile[] = [];
      await walk(io, input, found, problems, notices, options, []);
      if (found.length === 0) problems.push({ file: input, reason: NO_POLICY_FILES });
      files.push(...found);
      continue;
    }
    // A named pipe (/dev/stdin) given on the command line is read like a file; a device is not.
    const r = await readInput(io, input, { ...options, pipes: true });
    if (isProblem(r)) problems.push({ file: input, reason: r.problem });
    else files.push(r);
  }
  return { files, problems, notices };
}

/**
 * Walks a folder for policy files. `ancestors` are the real paths of the folders above, so that a
 * symbolic link back to one of them (a loop) is said once and not followed.
 */
async function walk(io: Io, dir: string, out: InputFile[], problems: FileProblem[], notices: FileProblem[], options: DecodeOptions, ancestors: readonly string[]): Promise<void> {
  let real = dir;
  if (io.realpath) {
    try {
      real = await io.realpath(dir);
    } catch (e) {
      problems.push({ file: dir, reason: reason(e) });
      return;
    }
    if (ancestors.includes(real)) {
      notices.push({ file: dir, reason: `a symbolic link loop (it leads back to ${real}); not followed` });
      return;
    }
  }
  let entries: string[];
  try {
    entries = (await io.readdir(dir)).sort();
  } catch (e) {
    problems.push({ file: dir, reason: reason(e) });
    return;
  }
  const above = [...ancestors, real];
  for (const name of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    let isDir: boolean;
    try {
      const s = await io.stat(path);
      isDir = s.isDirectory();
      // Sockets, devices and pipes in a folder are not policy files.
      if (!isDir && !s.isFile()) continue;
    } catch (e) {
      // A link that points nowhere, or round in a circle of links (ELOOP).
      if ((e as { code?: string }).code === 'ELOOP') notices.push({ file: path, reason: 'a symbolic link loop; not followed' });
      else problems.push({ file: path, reason: reason(e) });
      continue;
    }
    if (isDir) {
      await walk(io, path, out, problems, notices, options, above);
      continue;
    }
    const kind = fileNameKind(name);
    if (kind === 'other') continue;
    const r = await readInput(io, path, options);
    if (isProblem(r)) {
      // A file without an extension is a policy only if it reads like one; binary ones never do.
      if (kind === 'policy') problems.push({ file: path, reason: r.problem });
      continue;
    }
    if (kind === 'content' && !looksLikePolicy(r.text.slice(0, 16384)) && !isEnvironmentText(r.text.slice(0, 65536))) continue;
    out.push(r);
  }
}

/** The value of `--record-length`, checked: a whole number of bytes a z/OS record can have. */
export function recordLengthOption(value: unknown): DecodeOptions {
  if (value === undefined) return {};
  const n = value as number;
  if (!Number.isInteger(n) || n < 1 || n > 32760) throw new UsageError(`option '--record-length' needs a record length from 1 to 32760, not '${String(value)}'`);
  return { recordLength: n };
}
