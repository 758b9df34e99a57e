// Reads the files of one policy (in Policy Agent's reading order, as given) into a compiled policy.
import { compilePolicy, type CompiledPolicy } from '@attls/evaluate';
import { analyse, parse, type TargetRelease } from '@attls/language';
import { UsageError } from './args.js';
import { collectFiles } from './files.js';
import type { Io } from './io.js';

/** Loads and compiles a policy; any file that cannot be read is a usage error (exit 2). */
export async function loadPolicy(io: Io, paths: readonly string[], targetRelease: TargetRelease | undefined): Promise<CompiledPolicy> {
  const { files, problems } = await collectFiles(io, paths);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  if (files.length === 0) throw new UsageError('no policy files to read');
  const model = analyse(
    files.map((f) => ({ uri: f.path, parse: parse(f.text) })),
    { targetRelease },
  );
  return compilePolicy(model);
}
