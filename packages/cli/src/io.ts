// The CLI's only contact with the outside world, passed in so that tests can run commands in memory.
import { promises as fs } from 'node:fs';
import { decodeIbm1047, looksLikeIbm1047 } from '@attls/language';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as bytes; rejects with a Node error (code ENOENT, EISDIR, EACCES, ...). */
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly writeFile: (path: string, text: string) => Promise<void>;
  readonly stat: (path: string) => Promise<{ isDirectory(): boolean; isFile(): boolean }>;
  readonly readdir: (path: string) => Promise<string[]>;
  readonly readStdin: () => Promise<Uint8Array>;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function nodeIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (p) => fs.readFile(p),
    writeFile: (p, t) => fs.writeFile(p, t),
    stat: (p) => fs.stat(p),
    readdir: (p) => fs.readdir(p),
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
 * otherwise UTF-8 (with or without a byte-order mark) with bad bytes replaced.
 */
export function decode(bytes: Uint8Array): string {
  if (looksLikeIbm1047(bytes)) return decodeIbm1047(bytes);
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}
