// Configuration: `.attlslintrc.json`, found from a linted file's folder upward, or given with
// --config. This module is pure: it validates text and walks folder names; the caller supplies
// the function that reads a file.
import { dirname, join, relative, resolve } from 'node:path';
import { TARGET_RELEASES, type Severity, type TargetRelease } from '@attls/language';
import { builtinCode, lockedReason } from './builtins.js';
import { Glob } from './glob.js';
import type { Rule } from './rule.js';

export const CONFIG_FILE_NAME = '.attlslintrc.json';

export type ConfiguredSeverity = Severity | 'off';

export interface RuleSetting {
  readonly severity: ConfiguredSeverity;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A validated configuration. */
export interface LintConfig {
  /** File it came from (absent for the built-in defaults). */
  readonly path?: string;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly targetRelease?: TargetRelease;
  readonly ignore: readonly Glob[];
  /** Local folder standing for the z/OS root, for whole configurations (absolute). */
  readonly root?: string;
  /** z/OS path prefixes and data set names mapped to local paths (absolute), for whole configurations. */
  readonly paths?: Readonly<Record<string, string>>;
  /** How `attls fmt` and the editor lay files out. */
  readonly format?: FormatConfig;
}

/**
 * How the formatter lays a file out: `align` (the whole layout, values in one column) or
 * `keepLayout` (indentation only).
 */
export type FormatMode = 'align' | 'keepLayout';
export const FORMAT_MODES: readonly FormatMode[] = ['align', 'keepLayout'];

/** The value columns one may ask for, 1-based as editors count (the Network Configuration Assistant's files use 35). */
export const VALUE_COLUMN_MIN = 2;
export const VALUE_COLUMN_MAX = 200;

/** The `format` object of `.attlslintrc.json`. */
export interface FormatConfig {
  readonly mode?: FormatMode;
  readonly valueColumn?: number;
}

/**
 * The layout to format with: `over` (the command line, the editor's settings) laid over the
 * configuration's `format`. A mode given over the configuration drops its column: keep layout
 * has none, and an explicit align means the computed column unless one is given with it.
 */
export function formatLayout(config: FormatConfig | undefined, over: FormatConfig): { readonly mode: FormatMode; readonly valueColumn?: number } {
  const mode = over.mode ?? config?.mode ?? 'align';
  const valueColumn = over.valueColumn ?? (over.mode === undefined ? config?.valueColumn : undefined);
  return mode === 'align' && valueColumn !== undefined ? { mode, valueColumn } : { mode };
}

/**
 * Checks a `format` object (of the configuration file, or of an editor setting); the reason why
 * not, as a sentence, when it cannot be used.
 */
export function checkFormatConfig(value: unknown): FormatConfig | { readonly problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: `"format" must be an object such as { "valueColumn": 35 }, not ${typeName(value)}` };
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'mode' && key !== 'valueColumn') return { problem: `"format": unknown setting "${key}" (known: mode, valueColumn)` };
  }
  const out: { mode?: FormatMode; valueColumn?: number } = {};
  if (obj['mode'] !== undefined) {
    if (!(FORMAT_MODES as readonly unknown[]).includes(obj['mode'])) return { problem: `"format.mode" must be one of ${FORMAT_MODES.map((m) => `"${m}"`).join(', ')}, not ${JSON.stringify(obj['mode'])}` };
    out.mode = obj['mode'] as FormatMode;
  }
  if (obj['valueColumn'] !== undefined) {
    const c = obj['valueColumn'];
    if (typeof c !== 'number' || !Number.isInteger(c) || c < VALUE_COLUMN_MIN || c > VALUE_COLUMN_MAX) {
      return { problem: `"format.valueColumn" must be a whole number from ${VALUE_COLUMN_MIN} to ${VALUE_COLUMN_MAX} (the column values start in, counted from 1), not ${JSON.stringify(c)}` };
    }
    out.valueColumn = c;
  }
  return out;
}

export const EMPTY_CONFIG: LintConfig = { rules: new Map(), ignore: [] };

/** A configuration that cannot be used; the CLI prints `attls: <file>: <reason>` and exits 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const SEVERITIES: readonly ConfiguredSeverity[] = ['off', 'hint', 'info', 'warning', 'error'];

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Validates the text of a configuration file. `rules` is the registry the ids are checked against
 * (built-in codes are always known).
 */
export function parseConfig(text: string, path: string, rules: readonly Rule[]): LintConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(path, `not valid JSON (${(e as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(path, `must be a JSON object, not ${typeName(raw)}`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['rules', 'targetRelease', 'ignore', 'root', 'paths', 'format', '$schema'].includes(key)) {
      throw new ConfigError(path, `unknown setting "${key}" (known: rules, targetRelease, ignore, root, paths, format)`);
    }
  }
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const settings = new Map<string, RuleSetting>();
  if (obj['rules'] !== undefined) {
    const r = obj['rules'];
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new ConfigError(path, `"rules" must be an object, not ${typeName(r)}`);
    for (const [id, value] of Object.entries(r as Record<string, unknown>)) {
      const rule = byId.get(id);
      const locked = lockedReason(id);
      if (locked !== undefined) throw new ConfigError(path, `"${id}" cannot be configured: ${locked}`);
      if (!rule && !builtinCode(id)) throw new ConfigError(path, `unknown rule "${id}" (run 'attls rules --all' for the list)`);
      let severity: unknown = value;
      let options: unknown;
      if (Array.isArray(value)) {
        if (value.length < 1 || value.length > 2) throw new ConfigError(path, `rule "${id}": use "severity" or ["severity", {options}]`);
        severity = value[0];
        options = value[1];
      }
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity as ConfiguredSeverity)) {
        throw new ConfigError(path, `rule "${id}": severity must be one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}, not ${JSON.stringify(severity)}`);
      }
      let checked: Record<string, unknown> | undefined;
      if (options !== undefined) {
        if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new ConfigError(path, `rule "${id}": options must be an object, not ${typeName(options)}`);
        const specs = rule?.meta.options ?? [];
        checked = {};
        for (const [name, v] of Object.entries(options as Record<string, unknown>)) {
          const spec = specs.find((s) => s.name === name);
          if (!spec) {
            const known = specs.map((s) => s.name);
            throw new ConfigError(path, `rule "${id}": unknown option "${name}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (the rule has no options)'}`);
          }
          const ok =
            spec.type === 'string[]' ? Array.isArray(v) && v.every((x) => typeof x === 'string')
            : spec.type === 'number' ? typeof v === 'number' && Number.isFinite(v)
            : typeof v === spec.type;
          if (!ok) throw new ConfigError(path, `rule "${id}": option "${name}" must be ${spec.type === 'string[]' ? 'an array of strings' : `a ${spec.type}`}, not ${typeName(v)}`);
          checked[name] = v;
        }
      }
      settings.set(id, { severity: severity as ConfiguredSeverity, options: checked });
    }
  }
  let targetRelease: TargetRelease | undefined;
  if (obj['targetRelease'] !== undefined) {
    const t = obj['targetRelease'];
    if (typeof t !== 'string' || !(TARGET_RELEASES as readonly string[]).includes(t)) {
      throw new ConfigError(path, `"targetRelease" must be one of ${TARGET_RELEASES.map((x) => `"${x}"`).join(', ')}, not ${JSON.stringify(t)}`);
    }
    targetRelease = t as TargetRelease;
  }
  const ignore: Glob[] = [];
  if (obj['ignore'] !== undefined) {
    const g = obj['ignore'];
    if (!Array.isArray(g) || !g.every((x) => typeof x === 'string' && x.trim() !== '')) throw new ConfigError(path, `"ignore" must be an array of glob patterns (non-empty strings)`);
    for (const p of g as string[]) {
      if (p.length > 1000) throw new ConfigError(path, `ignore pattern is too long (${p.length} characters)`);
      ignore.push(new Glob(p));
    }
  }
  // Local paths in the file are relative to the file's own folder.
  const local = (p: string): string => resolve(dirname(resolve(path)), p);
  let root: string | undefined;
  if (obj['root'] !== undefined) {
    if (typeof obj['root'] !== 'string' || obj['root'].trim() === '') throw new ConfigError(path, `"root" must be a folder name, not ${typeName(obj['root'])}`);
    root = local(obj['root']);
  }
  let paths: Record<string, string> | undefined;
  if (obj['paths'] !== undefined) {
    const m = obj['paths'];
    if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new ConfigError(path, `"paths" must be an object mapping z/OS names to local paths, not ${typeName(m)}`);
    paths = {};
    for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
      if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(path, `"paths": the local path for "${k}" must be a non-empty string`);
      if (!k.startsWith('/') && !/^[A-Za-z@#$][A-Za-z0-9@#$-]{0,7}(\.[A-Za-z@#$][A-Za-z0-9@#$-]{0,7})*$/.test(k)) {
        throw new ConfigError(path, `"paths": "${k}" is neither a z/OS UNIX path nor a data set name`);
      }
      paths[k] = local(v);
    }
  }
  let format: FormatConfig | undefined;
  if (obj['format'] !== undefined) {
    const f = checkFormatConfig(obj['format']);
    if ('problem' in f) throw new ConfigError(path, f.problem);
    format = f;
  }
  return { path, rules: settings, targetRelease, ignore, root, paths, format };
}

/** Whether a file is excluded by the `ignore` patterns of its configuration. */
export function isIgnored(config: LintConfig, filePath: string): boolean {
  if (!config.path || config.ignore.length === 0) return false;
  const rel = relative(dirname(resolve(config.path)), resolve(filePath)).split('\\').join('/');
  return config.ignore.some((g) => g.matches(rel));
}

/** Reads a file's text, or undefined when it does not exist. Other failures should throw. */
export type ReadText = (path: string) => Promise<string | undefined>;

/**
 * Finds the configuration of each folder: the nearest `.attlslintrc.json` from the folder up to
 * the root of the file system. Results are cached per folder, so a large tree costs one lookup per
 * folder.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<LintConfig>>();

  constructor(
    private readonly read: ReadText,
    private readonly rules: readonly Rule[],
  ) {}

  /** The configuration for a file (by the file's folder). */
  forFile(filePath: string): Promise<LintConfig> {
    return this.forDir(dirname(resolve(filePath)));
  }

  forDir(dir: string): Promise<LintConfig> {
    const key = resolve(dir);
    let found = this.byDir.get(key);
    if (!found) {
      found = this.lookup(key);
      this.byDir.set(key, found);
    }
    return found;
  }

  private async lookup(dir: string): Promise<LintConfig> {
    const candidate = join(dir, CONFIG_FILE_NAME);
    const text = await this.read(candidate);
    if (text !== undefined) return parseConfig(text, candidate, this.rules);
    const parent = dirname(dir);
    if (parent === dir) return EMPTY_CONFIG;
    return this.forDir(parent);
  }
}
