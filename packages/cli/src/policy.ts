// Reads the files of one policy into a compiled policy: policy files in Policy Agent's reading order
// as given, or a Policy Agent main configuration file followed to one stack's policy.
import { compilePolicy, type CompiledPolicy } from '@attls/evaluate';
import {
  analyse,
  collect,
  isConfigurationText,
  loadPolicySet,
  parse,
  PolicyModel,
  type StackConfig,
  type TargetRelease,
} from '@attls/language';
import { ConfigError, ConfigResolver, RULES } from '@attls/lint';
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from './args.js';
import { collectFiles, problemLine } from './files.js';
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

/**
 * Follows a pagent.conf as `attls lint`, `match` and `explain` all do. The main file is given
 * to the language layer as an absolute path: that is how a tree mirroring z/OS is recognised when
 * the command line says `pagent.conf` from inside ROOT/etc, or `etc/pagent.conf` from ROOT.
 */
export function loadCliPolicySet(
  io: Io,
  path: string,
  text: string,
  options: { root?: string; paths?: Readonly<Record<string, string>>; read: (p: string) => Promise<string | undefined> },
): ReturnType<typeof loadPolicySet> {
  return loadPolicySet(resolve(io.cwd, path), text, {
    root: options.root === undefined ? undefined : resolve(io.cwd, options.root),
    paths: options.paths,
    // Names are relative to io.cwd, which need not be the process's own folder (tests).
    read: (p) => options.read(resolve(io.cwd, p)),
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
  /** Run the built-in checks (default true). */
  readonly checks?: boolean;
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
  const set = await loadCliPolicySet(io, path, text, { root: options.root ?? config.root, paths: config.paths, read });
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
  const model = options.checks === false ? uncheckedModel(set, chosen, release) : set.model(chosen.name, { targetRelease: release });
  if (!model) {
    // The reason is this stack's own: another stack's missing image file says nothing about it.
    const why = chosen.problems[0];
    throw new UsageError(`no AT-TLS policy found for stack ${chosen.name} in '${path}'${why ? `: ${why.message}` : ''}`);
  }
  return { model, stack: chosen.name };
}

function uncheckedModel(set: Awaited<ReturnType<typeof loadPolicySet>>, stack: StackConfig, targetRelease: TargetRelease | undefined): PolicyModel | undefined {
  if (stack.policyFiles.length === 0) return undefined;
  const model = new PolicyModel(stack.policyFiles.map((f) => set.documents.get(f)!), { targetRelease });
  collect(model);
  return model;
}

/**
 * Loads and compiles a policy; any file that cannot be read is a usage error (exit 2). A single
 * Policy Agent main configuration file is followed to one stack's policy. Without `checks` the
 * built-in checks are skipped: matching does not need them, and batch answers do not show them
 * (one answer notes the policy's errors, so it runs them).
 */
export async function loadPolicy(io: Io, paths: readonly string[], targetRelease: TargetRelease | undefined, checks = true, stack: Omit<StackOptions, 'checks' | 'targetRelease'> = {}): Promise<CompiledPolicy> {
  const { files, problems } = await collectFiles(io, paths);
  if (problems.length > 0) throw new UsageError(problems.map(problemLine).join('; '));
  if (files.length === 0) throw new UsageError('no policy files to read');
  // A pasearch report is the installed policy of a stack (--stack chooses its image).
  const installed = reportPolicy(files, targetRelease, stack.stack);
  if (installed) return installed;
  if (files.length === 1 && isConfigurationText(files[0]!.text)) {
    const { model } = await loadStackModel(io, files[0]!.path, files[0]!.text, { ...stack, targetRelease, checks });
    return compilePolicy(model);
  }
  if (stack.root !== undefined || stack.stack !== undefined) {
    throw new UsageError(`--${stack.root !== undefined ? 'root' : 'stack'} applies to a Policy Agent main configuration file (pagent.conf)`);
  }
  const docs = files.map((f) => ({ uri: f.path, parse: parse(f.text) }));
  if (checks) return compilePolicy(analyse(docs, { targetRelease }));
  const model = new PolicyModel(docs, { targetRelease });
  collect(model);
  return compilePolicy(model);
}
