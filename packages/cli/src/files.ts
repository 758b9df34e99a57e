// Turns command-line inputs (files, folders, '-') into the policy texts to work on.
import { basename, join } from 'node:path';
import { binaryReason, decode, type Io } from './io.js';

export interface InputFile {
  /** Path as the user wrote it (or joined under a folder), or the stdin name. */
  readonly path: string;
  readonly text: string;
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
}

/** File names that are policy or Policy Agent configuration files when found in a folder. */
const POLICY_NAME = /\.(ttls|attls|pagent|policy)$|^pagent.*\.conf$|\.conf$/i;

/** First keywords of a file without an extension, as members copied from a data set often are. */
const POLICY_KEYWORDS = ['ttlsrule', 'ttlsgroupaction', 'ttlsenvironmentaction', 'ttlsconnectionaction', 'ttlskeyringparms', 'tcpimage', 'ttlsconfig', 'commonttlsconfig'];

/**
 * Whether a text starts like a policy: after blank and comment lines, one of POLICY_KEYWORDS as a
 * whole word. A loop rather than a regular expression: the obvious pattern (blank and comment
 * lines as a repeated group) backtracks exponentially on a file that starts with blank lines.
 */
export function startsLikePolicy(text: string): boolean {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (text[i] !== '#') break;
    const nl = text.indexOf('\n', i);
    if (nl < 0) return false;
    i = nl + 1;
  }
  let j = i;
  while (j < n && /\w/.test(text[j]!)) j++;
  return POLICY_KEYWORDS.includes(text.slice(i, j).toLowerCase());
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

export async function collectFiles(io: Io, inputs: readonly string[], stdinName = '<stdin>'): Promise<CollectResult> {
  const files: InputFile[] = [];
  const problems: FileProblem[] = [];
  for (const input of inputs) {
    if (input === '-') {
      try {
        const bytes = await io.readStdin();
        const binary = binaryReason(bytes);
        if (binary) problems.push({ file: stdinName, reason: binary });
        else files.push({ path: stdinName, text: decode(bytes) });
      } catch (e) {
        problems.push({ file: stdinName, reason: reason(e) });
      }
      continue;
    }
    let isDir = false;
    try {
      const s = await io.stat(input);
      isDir = s.isDirectory();
      // A device such as /dev/zero would be read forever; a named pipe (/dev/stdin) is fine.
      if (!isDir && !s.isFile() && !s.isFIFO?.()) {
        problems.push({ file: input, reason: 'not a regular file' });
        continue;
      }
    } catch (e) {
      problems.push({ file: input, reason: reason(e) });
      continue;
    }
    if (isDir) {
      const found: InputFile[] = [];
      await walk(io, input, found, problems);
      if (found.length === 0) problems.push({ file: input, reason: NO_POLICY_FILES });
      files.push(...found);
      continue;
    }
    try {
      const bytes = await io.readFile(input);
      const binary = binaryReason(bytes);
      if (binary) problems.push({ file: input, reason: binary });
      else files.push({ path: input, text: decode(bytes) });
    } catch (e) {
      // Includes a file that disappeared between the listing and the read.
      problems.push({ file: input, reason: reason(e) });
    }
  }
  return { files, problems };
}

async function walk(io: Io, dir: string, out: InputFile[], problems: FileProblem[]): Promise<void> {
  let entries: string[];
  try {
    entries = (await io.readdir(dir)).sort();
  } catch (e) {
    problems.push({ file: dir, reason: reason(e) });
    return;
  }
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
      problems.push({ file: path, reason: reason(e) });
      continue;
    }
    if (isDir) {
      await walk(io, path, out, problems);
      continue;
    }
    const hasExtension = basename(name).includes('.');
    if (hasExtension && !POLICY_NAME.test(name)) continue;
    try {
      const bytes = await io.readFile(path);
      const binary = binaryReason(bytes);
      if (binary) {
        // A file without an extension is a policy only if it starts like one; binary ones never do.
        if (hasExtension) problems.push({ file: path, reason: binary });
        continue;
      }
      const text = decode(bytes);
      if (!hasExtension && !startsLikePolicy(text.slice(0, 4096))) continue;
      out.push({ path, text });
    } catch (e) {
      problems.push({ file: path, reason: reason(e) });
    }
  }
}
