// Reads the files of one policy (in Policy Agent's reading order, as given) into a compiled policy.
import { compilePolicy, type CompiledPolicy } from '@attls/evaluate';
import { analyse, collect, parse, PolicyModel, type TargetRelease } from '@attls/language';
import { UsageError } from './args.js';
import { collectFiles } from './files.js';
import type { Io } from './io.js';

/**
 * Loads and compiles a policy; any file that cannot be read is a usage error (exit 2). Without
 * `checks` the built-in checks are skipped: matching does not need them, and batch answers do not
 * show them (one answer notes the policy's errors, so it runs them).
 */
export async function loadPolicy(io: Io, paths: readonly string[], targetRelease: TargetRelease | undefined, checks = true): Promise<CompiledPolicy> {
  const { files, problems } = await collectFiles(io, paths);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  if (files.length === 0) throw new UsageError('no policy files to read');
  const docs = files.map((f) => ({ uri: f.path, parse: parse(f.text) }));
  if (checks) return compilePolicy(analyse(docs, { targetRelease }));
  const model = new PolicyModel(docs, { targetRelease });
  collect(model);
  return compilePolicy(model);
}
