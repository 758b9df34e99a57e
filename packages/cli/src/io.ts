// The CLI's only contact with the outside world, passed in so that tests can run commands in memory.
// Node's callback functions, made promises here: node:fs/promises loads ten more of Node's own
// modules (its readline and file-watching among them) at every start. The commands run as a
// CommonJS bundle, where importing node:fs does not make Node build its export list.
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { decodeText, isRefusal, type DecodeOptions } from '@attls/language/input';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as bytes; rejects with a Node error (code ENOENT, EISDIR, EACCES, ...). */
  readonly readFile: (path: string) => Promise<Uint8Array>;
  /** Writes a file: bytes as they are, a string as UTF-8. */
  readonly writeFile: (path: string, data: string | Uint8Array) => Promise<void>;
  /**
   * Follows symbolic links. `isFIFO` when known: a named pipe (such as /dev/stdin) is read like a
   * file; `size` when known, to refuse a file too large before reading it.
   */
  readonly stat: (path: string) => Promise<{ isDirectory(): boolean; isFile(): boolean; isFIFO?(): boolean; readonly size?: number }>;
  /**
   * The path with `..` and every symbolic link resolved, to keep files a configuration names inside
   * the root; absent, paths are taken as written.
   */
  readonly realpath?: (path: string) => Promise<string>;
  readonly readdir: (path: string) => Promise<string[]>;
  readonly readStdin: () => Promise<Uint8Array>;
  /**
   * Reads a file ('-': standard input) a piece at a time, for input too large to hold (a batch of
   * a million connections). Absent, the whole file is one piece.
   */
  readonly readChunks?: (path: string) => AsyncIterable<Uint8Array>;
  /** Resolves once standard output has taken what was written (long outputs wait for their reader). */
  readonly drained?: () => Promise<void>;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

const readFile = promisify(fs.readFile);
const writeFile = promisify(fs.writeFile);
const stat = promisify(fs.stat);
const readdir = promisify(fs.readdir);
const realpath = promisify(fs.realpath);

export function nodeIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (p) => readFile(p),
    writeFile: (p, t) => writeFile(p, t),
    stat: (p) => stat(p),
    readdir: (p) => readdir(p),
    realpath: (p) => realpath(p),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    readChunks: (p) => (p === '-' ? process.stdin : fs.createReadStream(p, { highWaterMark: 1 << 16 })),
    drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
    stdoutIsTTY: !!process.stdout.isTTY,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** The pieces of a file ('-': standard input), by `Io.readChunks` when it has it, else in one piece. */
export async function* chunksOf(io: Io, path: string): AsyncIterable<Uint8Array> {
  if (io.readChunks) yield* io.readChunks(path);
  else yield path === '-' ? await io.readStdin() : await io.readFile(path);
}

/** Decodes a file's text, never failing (the text of a refused file is read as UTF-8 with bad bytes replaced). */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const d = decodeText(bytes, options);
  return isRefusal(d) ? new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes) : d.text;
}
