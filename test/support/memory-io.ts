// An in-memory file system and terminal for running CLI commands in tests.
import { dirname } from 'node:path';
import type { Io } from '@attls/cli/io';

export interface MemoryIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
  readonly files: Map<string, string | Uint8Array>;
}

/** Bytes that are UTF-8 text as that text; other bytes (IBM-1047, UTF-16) as they are. */
export function textIfUtf8(bytes: Uint8Array): string | Uint8Array {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return bytes;
  }
}

function enoent(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
}

export function memoryIo(files: Record<string, string | Uint8Array> = {}, options: { stdin?: string; tty?: boolean; env?: Record<string, string> } = {}): MemoryIo {
  const map = new Map<string, string | Uint8Array>(Object.entries(files));
  let out = '';
  let err = '';
  const isDir = (p: string): boolean => {
    const prefix = p.endsWith('/') ? p : `${p}/`;
    for (const k of map.keys()) if (k.startsWith(prefix)) return true;
    return false;
  };
  return {
    files: map,
    out: () => out,
    err: () => err,
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: async (p) => {
      const v = map.get(p);
      if (v === undefined) throw isDir(p) ? Object.assign(new Error('EISDIR'), { code: 'EISDIR' }) : enoent(p);
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
    // What the CLI writes is bytes; UTF-8 text is kept as a string so that tests compare text.
    writeFile: async (p, t) => void map.set(p, typeof t === 'string' ? t : textIfUtf8(t)),
    stat: async (p) => {
      if (map.has(p)) return { isDirectory: () => false, isFile: () => true };
      if (isDir(p)) return { isDirectory: () => true, isFile: () => false };
      throw enoent(p);
    },
    readdir: async (p) => {
      const prefix = p.endsWith('/') ? p : `${p}/`;
      const names = new Set<string>();
      for (const k of map.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
      if (names.size === 0 && !isDir(p)) throw enoent(p);
      return [...names];
    },
    readStdin: async () => new TextEncoder().encode(options.stdin ?? ''),
    stdoutIsTTY: options.tty ?? false,
    env: options.env ?? {},
    cwd: dirname('/work/x'),
  };
}
