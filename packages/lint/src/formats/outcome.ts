// What decides the exit status of a lint run, in one place: the CLI takes its exit code from it,
// and the pipeline formats (JUnit, SARIF, GitLab) take from it which findings fail the run and
// which inputs could not be read, so that a report never disagrees with the run.
import { SEVERITY_RANK, type Diagnostic, type Severity } from '@attls/language';
import type { LintResult } from '../lint.js';
import { countSeverities } from '../lint.js';

/** An input that could not be linted (missing, unreadable, binary, a device): the run exits 2. */
export interface InputProblem {
  readonly file: string;
  readonly reason: string;
}

export interface FailOptions {
  /** Lowest severity that fails the run (default error); info and hint make notes fail it too. */
  readonly failLevel?: Severity;
  /** More warnings than this fail the run. */
  readonly maxWarnings?: number;
}

export interface RunOutcome {
  /** 0 passed, 1 findings fail the run, 2 some input could not be used. */
  readonly exitCode: 0 | 1 | 2;
  /** Severities whose findings fail the run: always error; the lower ones by --fail-level (warning also by --max-warnings). */
  readonly failing: readonly Severity[];
  /** Set when the warnings together fail the run by outnumbering --max-warnings. */
  readonly tooManyWarnings?: { readonly count: number; readonly max: number };
  readonly problems: readonly InputProblem[];
}

/**
 * Decides the run. Notes (info, hint) fail it only when --fail-level names them. Past
 * --max-warnings every warning counts as failing: together they are what fails the run, and no
 * single one is more to blame than another.
 */
export function runOutcome(results: readonly LintResult[], options: FailOptions = {}, problems: readonly InputProblem[] = []): RunOutcome {
  const counts = countSeverities(results);
  const max = options.maxWarnings;
  const tooMany = max !== undefined && counts.warning > max;
  const level = SEVERITY_RANK[options.failLevel ?? 'error'];
  const failing = (['error', 'warning', 'info', 'hint'] as const).filter((s) => SEVERITY_RANK[s] >= level || (s === 'warning' && tooMany));
  const findingsFail = failing.some((s) => counts[s] > 0);
  return {
    exitCode: problems.length > 0 ? 2 : findingsFail ? 1 : 0,
    failing,
    ...(tooMany ? { tooManyWarnings: { count: counts.warning, max } } : {}),
    problems,
  };
}

/** Whether a finding is one of those that fail the run. */
export function failsRun(outcome: RunOutcome, d: Pick<Diagnostic, 'severity'>): boolean {
  return outcome.failing.includes(d.severity);
}
