// The CLI's only contact with the outside world, passed in so that tests can run commands in memory.
// Node's callback functions, made promises here: node:fs/promises loads ten more of Node's own
// modules (its readline and file-watching among them) at every start. The commands run as a
// CommonJS bundle, where importing node:fs does not make Node build its export list.
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { decodeIbm1047, looksLikeIbm1047 } from '@attls/language';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as bytes; rejects with a Node error (code ENOENT, EISDIR, EACCES, ...). */
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly writeFile: (path: string, text: string) => Promise<void>;
  /** `isFIFO` when known: a named pipe (such as /dev/stdin) is read like a file. */
  readonly stat: (path: string) => Promise<{ isDirectory(): boolean; isFile(): boolean; isFIFO?(): boolean }>;
  readonly readdir: (path: string) => Promise<string[]>;
  readonly readStdin: () => Promise<Uint8Array>;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

const readFile = promisify(fs.readFile);
const writeFile = promisify(fs.writeFile);
const stat = promisify(fs.stat);
const readdir = promisify(fs.readdir);

export function nodeIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (p) => readFile(p),
    writeFile: (p, t) => writeFile(p, t),
    stat: (p) => stat(p),
    readdir: (p) => readdir(p),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    stdoutIsTTY: !!process.stdout.isTTY,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Decodes a file, never failing: IBM-1047 when the bytes are a policy copied from z/OS in binary,
 * UTF-16 when they start with its byte-order mark (as some Windows editors save), otherwise UTF-8
 * (with or without a byte-order mark) with bad bytes replaced.
 */
export function decode(bytes: Uint8Array): string {
  if (looksLikeIbm1047(bytes)) return decodeIbm1047(bytes);
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16, { fatal: false, ignoreBOM: false }).decode(bytes);
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}

function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Why bytes are not a text at all, or undefined: a NUL byte in the first 8,000 bytes (the test git
 * and grep use) in a file that is neither IBM-1047 nor UTF-16. Linting such a file would print
 * control characters to the terminal, and formatting it would rewrite it.
 */
export function binaryReason(bytes: Uint8Array): string | undefined {
  if (looksLikeIbm1047(bytes) || utf16Of(bytes)) return undefined;
  const nul = bytes.subarray(0, 8000).indexOf(0);
  return nul >= 0 ? `it is a binary file, not a policy (a NUL byte at offset ${nul})` : undefined;
}
