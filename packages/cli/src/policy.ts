// Reads the files of one policy into a compiled policy: policy files in Policy Agent's reading order
// as given, or a Policy Agent main configuration file followed to one stack's policy.
import { compilePolicy, type CompiledPolicy } from '@attls/evaluate';
import {
  buildModel,
  isConfigurationText,
  loadPolicySet,
  parse,
  type PolicyModel,
  compareDiagnostics,
  type Diagnostic,
  type FileRead,
  type PolicySet,
  type ReadFile,
  type StackConfig,
  type TargetRelease,
} from '@attls/language';
import { encodeText, isEnvironmentText, sameBytes, type DecodeOptions } from '@attls/language/input';
import { ConfigError, ConfigResolver, finishFile, fixPolicySetTexts, lintPolicySet, RULES, type LintOptions, type LintResult } from '@attls/lint';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from './args.js';
import { collectFiles, isProblem, problemLine, readInput, reason, type InputFile } from './files.js';
import { decode, type Io } from './io.js';
import { reportPolicy } from './pasearch.js';

/**
 * How the CLI names a file it reached through a pagent.conf: relative to the current folder,
 * whatever way the command line or the configuration spelled it, so that one report does not mix
 * `etc/pagent.conf`, `./etc/pagent/common.ttls` and absolute paths from "paths" mappings. A file
 * outside the current folder keeps its absolute path ("../../x" is harder to read).
 */
export function localName(io: Pick<Io, 'cwd'>, path: string): string {
  const absolute = resolve(io.cwd, path);
  const rel = relative(io.cwd, absolute);
  if (rel === '') return '.';
  return rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel) ? absolute : rel;
}

/** True when `path` is `folder` or inside it (both absolute). */
function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The files a configuration names, read for a whole run: each distinct file once (however many
 * stacks or main files name it), kept decoded with its layout so that `--fix` can write it back.
 * A file must stay inside the folder it is looked up in (the root) once `..` and symbolic links
 * are resolved; a device, a pipe, a socket, a binary or oversized file is refused with the reason
 * a file named on the command line gets, and the refusal becomes a finding on the line naming it.
 */
export class ConfigurationFiles {
  /** Decoded files by absolute path. */
  readonly files = new Map<string, InputFile>();
  private readonly results = new Map<string, Promise<FileRead>>();
  /** Texts that replace what is on disk (fixed but not yet written), by absolute path. */
  readonly overrides = new Map<string, string>();

  constructor(
    private readonly io: Io,
    private readonly decodeOptions: DecodeOptions = {},
  ) {}

  readonly read: ReadFile = (localPath, within) => {
    const abs = resolve(this.io.cwd, localPath);
    const key = `${abs}\u0000${resolve(this.io.cwd, within)}`;
    let r = this.results.get(key);
    if (!r) this.results.set(key, (r = this.readOnce(abs, resolve(this.io.cwd, within))));
    return r.then((x) => {
      const text = this.overrides.get(abs);
      return text === undefined || x === undefined || typeof x === 'string' || 'refused' in x ? x : { ...x, text };
    });
  };

  private async readOnce(abs: string, within: string): Promise<FileRead> {
    try {
      await this.io.stat(abs);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      return { refused: reason(e) };
    }
    if (!inside(abs, within)) return { refused: `it is outside ${within}, the folder it is looked up in` };
    if (this.io.realpath) {
      let real: string;
      let folder: string;
      try {
        real = await this.io.realpath(abs);
        folder = await this.io.realpath(within);
      } catch (e) {
        return { refused: reason(e) };
      }
      if (!inside(real, folder)) {
        return { refused: `it leads to ${real}, outside ${within} (the folder standing for the z/OS root); files a configuration names are read only inside it` };
      }
    }
    // A file also given on the command line was read already; the checks above still hold for it.
    const known = this.files.get(abs);
    if (known) return { text: known.text, notes: known.notes };
    const r = await readInput(this.io, abs, this.decodeOptions);
    if (isProblem(r)) return { refused: r.problem };
    this.files.set(abs, r);
    return { text: r.text, notes: r.notes };
  }
}

/**
 * Follows a pagent.conf (or the STDENV member naming it) as `attls lint`, `match` and `explain`
 * all do. The main file is given to the language layer as an absolute path: that is how a tree
 * mirroring z/OS is recognised when the command line says `pagent.conf` from inside ROOT/etc, or
 * `etc/pagent.conf` from ROOT.
 */
export function loadCliPolicySet(
  io: Io,
  path: string,
  text: string,
  options: { root?: string; paths?: Readonly<Record<string, string>>; files: ConfigurationFiles },
): ReturnType<typeof loadPolicySet> {
  return loadPolicySet(resolve(io.cwd, path), text, {
    root: options.root === undefined ? undefined : resolve(io.cwd, options.root),
    paths: options.paths,
    read: options.files.read,
    localName: (p) => localName(io, p),
  });
}

export interface StackOptions {
  /** Local folder standing for the z/OS root (default: .attlslintrc.json's root, else the main file's folder). */
  readonly root?: string;
  /** The stack to use (default: the only stack with a policy, or the one `pick` chooses). */
  readonly stack?: string;
  /**
   * Chooses among several stacks with a policy when none was asked for (explain reads the log);
   * `modelOf` gives a candidate's policy, to see which stack defines what the log names.
   */
  readonly pick?: (candidates: readonly StackConfig[], modelOf: (stack: StackConfig) => PolicyModel | undefined) => StackConfig | undefined;
  readonly targetRelease?: TargetRelease;
}

/**
 * Follows a pagent.conf to the policy of one stack: the one asked for, the only one with a policy,
 * or the one `pick` chooses. `.attlslintrc.json` next to (or above) the main file may give the
 * root and path mappings, as for `attls lint`.
 */
export async function loadStackModel(io: Io, path: string, text: string, options: StackOptions = {}): Promise<{ model: PolicyModel; stack: string }> {
  const read = async (p: string): Promise<string | undefined> => {
    try {
      return decode(await io.readFile(p));
    } catch {
      return undefined;
    }
  };
  let config;
  try {
    config = await new ConfigResolver(read, RULES).forFile(resolve(io.cwd, path));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const set = await loadCliPolicySet(io, path, text, { root: options.root ?? config.root, paths: config.paths, files: new ConfigurationFiles(io) });
  const names = set.stacks.map((s) => s.name);
  const wanted = options.stack;
  let chosen = wanted !== undefined ? set.stacks.find((s) => s.name.toUpperCase() === wanted.toUpperCase()) : undefined;
  if (wanted !== undefined && !chosen) throw new UsageError(`stack '${wanted}' is not in '${path}' (it has ${names.join(', ') || 'no TcpImage'})`);
  if (!chosen) {
    const withPolicy = set.stacks.filter((s) => s.policyFiles.length > 0);
    if (withPolicy.length === 1) chosen = withPolicy[0];
    else if (withPolicy.length === 0) chosen = set.stacks[0];
    else chosen = options.pick?.(withPolicy, (s) => uncheckedModel(set, s, options.targetRelease ?? config.targetRelease));
    if (!chosen) throw new UsageError(`'${path}' has several stacks (${withPolicy.map((s) => s.name).join(', ')}); choose one with --stack`);
  }
  const release = options.targetRelease ?? config.targetRelease;
  const model = set.model(chosen.name, { targetRelease: release });
  if (!model) {
    // The reason is this stack's own: another stack's missing image file says nothing about it.
    const why = chosen.problems[0];
    throw new UsageError(`no AT-TLS policy found for stack ${chosen.name} in '${path}'${why ? `: ${why.message}` : ''}`);
  }
  return { model, stack: chosen.name };
}

function uncheckedModel(set: Awaited<ReturnType<typeof loadPolicySet>>, stack: StackConfig, targetRelease: TargetRelease | undefined): PolicyModel | undefined {
  if (stack.policyFiles.length === 0) return undefined;
  return buildModel(stack.policyFiles.map((f) => set.documents.get(f)!), { targetRelease });
}

/**
 * Loads and compiles a policy; any file that cannot be read is a usage error (exit 2). A single
 * Policy Agent main configuration file is followed to one stack's policy. The built-in checks run
 * only when an answer asks for them (policyVerdict): batch matching does not.
 */
export async function loadPolicy(io: Io, paths: readonly string[], targetRelease: TargetRelease | undefined, stack: Omit<StackOptions, 'targetRelease'> = {}): Promise<CompiledPolicy> {
  const { files, problems } = await collectFiles(io, paths);
  if (problems.length > 0) throw new UsageError(problems.map(problemLine).join('; '));
  if (files.length === 0) throw new UsageError('no policy files to read');
  // A pasearch report is the installed policy of a stack (--stack chooses its image).
  const installed = reportPolicy(files, targetRelease, stack.stack);
  if (installed) return installed;
  if (files.length === 1 && (isConfigurationText(files[0]!.text) || isEnvironmentText(files[0]!.text))) {
    const { model } = await loadStackModel(io, files[0]!.path, files[0]!.text, { ...stack, targetRelease });
    return compilePolicy(model);
  }
  if (stack.root !== undefined || stack.stack !== undefined) {
    throw new UsageError(`--${stack.root !== undefined ? 'root' : 'stack'} applies to a Policy Agent main configuration file (pagent.conf)`);
  }
  const docs = files.map((f) => ({ uri: f.path, parse: parse(f.text) }));
  return compilePolicy(buildModel(docs, { targetRelease }));
}

/** A change to write: the file as it was and will be, and its new bytes in the file's own layout. */
export type FileChange = { readonly path: string; readonly before: string; readonly after: string; readonly bytes: Uint8Array } | { readonly path: string; readonly refused: string };

/**
 * The files of one `attls lint` run: those given (or found in folders) and those their
 * configurations reach. Configuration files are linted first, so that a policy one of them reaches
 * is linted once, in the context of every stack that reads it, and not again on its own; each
 * file's findings are reported once, however many configurations reach it.
 */
export class InputSet {
  readonly configurationFiles: ConfigurationFiles;
  private readonly parses = new Map<InputFile, ReturnType<typeof parse>>();
  private readonly reachedFiles = new Set<string>();
  private readonly byKey = new Map<string, LintResult>();
  /** How a changed file is named in messages and diffs, by absolute path. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly io: Io,
    private readonly files: readonly InputFile[],
    private readonly stdinName: string,
    private readonly stdinGiven: boolean,
    decodeOptions: DecodeOptions,
  ) {
    this.configurationFiles = new ConfigurationFiles(io, decodeOptions);
    // Standard input is here too, so that --fix-dry-run can show its fixes (--fix refuses it).
    for (const f of files) {
      this.configurationFiles.files.set(this.key(f.path), f);
      this.names.set(this.key(f.path), f.path);
    }
  }

  private key(path: string): string {
    return resolve(this.io.cwd, path);
  }

  isStdin(f: InputFile): boolean {
    return this.stdinGiven && f.path === this.stdinName;
  }

  parsed(f: InputFile): ReturnType<typeof parse> {
    let p = this.parses.get(f);
    if (!p) this.parses.set(f, (p = parse(f.text)));
    return p;
  }

  /** An environment file naming the main configuration, or a main or image configuration file. */
  isConfiguration(f: InputFile): boolean {
    return isEnvironmentText(f.text) || isConfigurationText(this.parsed(f));
  }

  /**
   * Environment files first, then main configuration files (TcpImage, CommonTTLSConfig), then
   * other configuration files (image files no main file reached), then policies.
   */
  ordered(): InputFile[] {
    const rank = (f: InputFile): number => (isEnvironmentText(f.text) ? 0 : !this.isConfiguration(f) ? 3 : /^[ \t]*(TcpImage|PEPInstance|CommonTTLSConfig)\b/im.test(f.text) ? 1 : 2);
    return this.files.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
  }

  reached(f: InputFile): boolean {
    return !this.isStdin(f) && this.reachedFiles.has(this.key(f.path));
  }

  /** The text to lint: as fixed so far, else as read. */
  textOf(f: InputFile): string {
    return this.configurationFiles.overrides.get(this.key(f.path)) ?? f.text;
  }

  /** Records a file's new text (a fix); written by `changes`. */
  change(path: string, text: string): void {
    const k = this.key(path);
    if (!this.names.has(k)) this.names.set(k, path);
    this.configurationFiles.overrides.set(k, text);
  }

  /** Adds a file's result; one a configuration reached is not linted again on its own. */
  add(r: LintResult, throughConfiguration = false): void {
    const k = r.uri === this.stdinName && this.stdinGiven && !throughConfiguration ? '\u0000stdin' : this.key(r.uri);
    if (throughConfiguration) this.reachedFiles.add(k);
    const prev = this.byKey.get(k);
    if (!prev) {
      this.byKey.set(k, r);
      return;
    }
    // Reached through two configurations: each finding once.
    const seen = new Set(prev.diagnostics.map(findingKey));
    const more = r.diagnostics.filter((d) => !seen.has(findingKey(d)));
    if (more.length > 0) this.byKey.set(k, { ...prev, diagnostics: [...prev.diagnostics, ...more].sort(compareDiagnostics) });
  }

  results(): LintResult[] {
    return [...this.byKey.values()];
  }

  /** Every changed file with its new bytes, or why they cannot be written. */
  changes(): FileChange[] {
    const out: FileChange[] = [];
    for (const [k, after] of this.configurationFiles.overrides) {
      const file = this.configurationFiles.files.get(k);
      const path = this.names.get(k) ?? localName(this.io, k);
      if (!file || after === file.text) continue;
      const bytes = encodeText(after, file.layout);
      if ('refused' in bytes) out.push({ path, refused: bytes.refused });
      else if (!sameBytes(bytes, file.bytes)) out.push({ path, before: file.text, after, bytes });
    }
    return out;
  }
}

const findingKey = (d: Diagnostic): string => `${d.code}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;

/**
 * Lints a configuration's policy set with its safe fixes applied, pass after pass (at most 10)
 * until none applies: the fixes of each file come from what every stack reading it finds, each
 * pass is kept only when no file gains an error and no stack's policy behaves differently
 * (fixPolicySetTexts), and the fixed texts are kept in `inputs` for writing. Returns the findings
 * after the last pass, so that what the summary says can still be fixed is what is left.
 */
export async function fixPolicySet(load: () => Promise<PolicySet>, inputs: InputSet, options: LintOptions): Promise<LintResult[]> {
  return [...(await fixPolicySetTexts(load, (uri, text) => inputs.change(uri, text), options)).results];
}

/** A file's result with the findings about how it is stored (sequence numbers), configured as the others. */
export function withNotes(result: LintResult, notes: readonly Diagnostic[], parsed: ReturnType<typeof parse>, options: LintOptions): LintResult {
  if (notes.length === 0) return result;
  const inText = notes.filter((d) => d.span.end <= parsed.text.length);
  const extra = finishFile(result.uri, parsed, inText, { ...options, reportUnusedDisable: false }).diagnostics;
  return { ...result, diagnostics: [...result.diagnostics, ...extra].sort(compareDiagnostics) };
}
