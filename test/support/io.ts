// An in-memory Io for running CLI commands in tests: files in a map, output collected.
import { posix } from 'node:path';
import type { Io } from '@attls/cli';

export interface MemoryIo {
  readonly io: Io;
  readonly files: Map<string, string>;
  out(): string;
  err(): string;
}

function enoent(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
}

export function memoryIo(files: Record<string, string> = {}, options: { cwd?: string; stdin?: string; tty?: boolean } = {}): MemoryIo {
  const map = new Map(Object.entries(files));
  let out = '';
  let err = '';
  const isDir = (p: string): boolean => {
    const prefix = p.endsWith('/') ? p : `${p}/`;
    return [...map.keys()].some((k) => k.startsWith(prefix));
  };
  const norm = (p: string): string => posix.resolve(options.cwd ?? '/work', p);
  const io: Io = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: async (p) => {
      const t = map.get(norm(p));
      if (t === undefined) {
        if (isDir(norm(p))) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
        throw enoent(p);
      }
      return new TextEncoder().encode(t);
    },
    // The CLI writes bytes; these tests read text back.
    writeFile: async (p, t) => void map.set(norm(p), typeof t === 'string' ? t : new TextDecoder('utf-8', { ignoreBOM: true }).decode(t)),
    stat: async (p) => {
      const n = norm(p);
      if (map.has(n)) return { isDirectory: () => false, isFile: () => true };
      if (isDir(n)) return { isDirectory: () => true, isFile: () => false };
      throw enoent(p);
    },
    readdir: async (p) => {
      const prefix = `${norm(p)}/`;
      const names = new Set<string>();
      for (const k of map.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
      return [...names];
    },
    readStdin: async () => new TextEncoder().encode(options.stdin ?? ''),
    stdoutIsTTY: options.tty ?? false,
    env: {},
    cwd: options.cwd ?? '/work',
  };
  return { io, files: map, out: () => out, err: () => err };
}
