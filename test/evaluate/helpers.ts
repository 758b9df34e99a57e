// Test helpers: compile policy text, read connections, run the CLI in memory.
import { compilePolicy, readConnection, type CompiledPolicy, type Connection, type ConnectionFields } from '@attls/evaluate';
import { buildModel, parse, type PolicyModel, type TargetRelease } from '@attls/language';
import { run } from '@attls/cli';

type Io = Parameters<typeof run>[1];

export function modelOf(text: string | readonly { uri: string; text: string }[], targetRelease?: TargetRelease): PolicyModel {
  const files = typeof text === 'string' ? [{ uri: 'policy.ttls', text }] : text;
  return buildModel(
    files.map((f) => ({ uri: f.uri, parse: parse(f.text) })),
    { targetRelease },
  );
}

export function policyOf(text: string | readonly { uri: string; text: string }[], targetRelease?: TargetRelease): CompiledPolicy {
  return compilePolicy(modelOf(text, targetRelease));
}

export function conn(fields: ConnectionFields): Connection {
  const r = readConnection(fields);
  if (!r.connection) throw new Error(`bad test connection: ${r.problems.join('; ')}`);
  return r.connection;
}

/** A TTLSRule with the given condition lines, and a group action On (gOn) or Off (gOff). */
export function rule(name: string, lines: readonly string[], group = 'gOn'): string {
  return [`TTLSRule ${name}`, '{', ...lines.map((l) => `  ${l}`), `  TTLSGroupActionRef ${group}`, ...(group === 'gOn' ? ['  TTLSEnvironmentActionRef eAny'] : []), '}', ''].join('\n');
}

export const ACTIONS = `
TTLSGroupAction gOn
{
  TTLSEnabled On
}
TTLSGroupAction gOff
{
  TTLSEnabled Off
}
TTLSEnvironmentAction eAny
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring RING
  }
}
`;

export interface FakeIo extends Io {
  out: string;
  err: string;
}

/** An in-memory Io: files from a map, output collected. */
export function fakeIo(files: Record<string, string>, stdin = ''): FakeIo {
  const io: FakeIo = {
    out: '',
    err: '',
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
    readFile: async (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return new TextEncoder().encode(files[p]);
    },
    writeFile: async (p, t) => void (files[p] = typeof t === 'string' ? t : new TextDecoder().decode(t)),
    stat: async (p) => {
      const isDir = Object.keys(files).some((f) => f.startsWith(p.endsWith('/') ? p : p + '/'));
      if (!(p in files) && !isDir) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return { isDirectory: () => isDir, isFile: () => !isDir };
    },
    readdir: async (p) => [...new Set(Object.keys(files).filter((f) => f.startsWith(p + '/')).map((f) => f.slice(p.length + 1).split('/')[0]!))],
    readStdin: async () => new TextEncoder().encode(stdin),
    stdoutIsTTY: false,
    env: {},
    cwd: '/',
  };
  return io;
}

/** Runs `attls <argv>` in memory; returns the exit status with the collected output. */
export async function attls(argv: readonly string[], files: Record<string, string>, stdin = ''): Promise<{ status: number; out: string; err: string }> {
  const io = fakeIo(files, stdin);
  const status = await run(argv, io);
  return { status, out: io.out, err: io.err };
}
