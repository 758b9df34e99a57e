// A small, strict command-line parser: unknown options are errors, values are checked.

export class UsageError extends Error {}

export interface OptionSpec {
  readonly name: string;
  readonly type: 'boolean' | 'string' | 'number';
  /** Accepted values for string options. */
  readonly choices?: readonly string[];
  readonly multiple?: boolean;
  readonly short?: string;
}

export interface ParsedArgs {
  readonly options: Record<string, string | number | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const options: Record<string, string | number | boolean | string[] | undefined> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq >= 0 ? a.slice(eq + 1) : undefined;
    } else {
      const s = byShort.get(a.slice(1));
      if (!s) throw new UsageError(`unknown option '${a}'`);
      name = s.name;
    }
    let spec = byName.get(name);
    if (!spec && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
      options[name.slice(3)] = false;
      continue;
    }
    if (!spec) throw new UsageError(`unknown option '--${name}'`);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      options[spec.name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
    let v: string | number = value;
    if (spec.type === 'number') {
      if (!/^-?\d+$/.test(value)) throw new UsageError(`option '--${name}' needs a whole number, not '${value}'`);
      v = Number(value);
    } else if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`option '--${name}' must be one of ${spec.choices.join(', ')} (not '${value}')`);
    }
    if (spec.multiple) {
      const list = (options[spec.name] as string[] | undefined) ?? [];
      list.push(String(v));
      options[spec.name] = list;
    } else options[spec.name] = v;
    spec = undefined;
  }
  return { options, positionals };
}

/**
 * Checks a --root option before any file is read: a folder that does not exist (or a file) would
 * otherwise make every z/OS path of a configuration "not found", one finding per file, which
 * hides the real mistake. Throws a usage error (exit 2) with a one-line reason.
 */
export async function checkRoot(io: { stat(path: string): Promise<{ isDirectory(): boolean }> }, root: string | undefined): Promise<void> {
  if (root === undefined) return;
  let isDir: boolean;
  try {
    isDir = (await io.stat(root)).isDirectory();
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`${root}: --root ${code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? (e as Error)?.message ?? String(e)})`}`);
  }
  if (!isDir) throw new UsageError(`${root}: --root is not a folder`);
}
