// --fix through a main configuration: the safe fixes of every file the configuration reaches,
// pass after pass, each pass kept only when no file gains an error and no stack's policy behaves
// differently (the same check fixText makes of one file).
import { compilePolicy, type CompiledPolicy } from '@attls/evaluate';
import { buildModel, type PolicySet } from '@attls/language';
import { applyFixes, bisectFixes, checkBudget, errorCounts, fixKey, hasNewError, sameBehaviour, selectFixes, withoutBadFixes, type ChosenFix } from './fix.js';
import type { LintOptions, LintResult } from './lint.js';
import { lintPolicySet } from './policy-set.js';

/** The distinct policies of a set, compiled, with the files each is made of. */
function policiesOf(set: PolicySet, options: LintOptions): { files: string; policy: CompiledPolicy }[] {
  const targetRelease = options.targetRelease ?? options.config?.targetRelease;
  return set.policies.map((p) => ({ files: p.files.join('\u0000'), policy: compilePolicy(buildModel(p.files.map((f) => set.documents.get(f)!), { targetRelease })) }));
}

export interface SetFixResult {
  /** Findings after the last pass kept. */
  readonly results: readonly LintResult[];
  /** The new text of every file a kept pass changed. */
  readonly changed: ReadonlyMap<string, string>;
  readonly fixed: number;
  readonly passes: number;
  /** Fixes left out because they added an error or changed a policy's behaviour (or were not checked in time). */
  readonly rejected: number;
}

/**
 * Fixes the files of a policy set. `load` reads the set with every text given to `change` so far
 * (the CLI keeps them for writing); a pass's texts are given to `change` to be checked, and the
 * texts before it are given back when the pass is not kept. The environment file (STDENV) is
 * never fixed.
 */
export async function fixPolicySetTexts(load: () => Promise<PolicySet>, change: (uri: string, text: string) => void, options: LintOptions = {}, maxPasses = 10): Promise<SetFixResult> {
  const set0 = await load();
  let results = lintPolicySet(set0, options);
  const errorsBefore = new Map(results.map((r) => [r.uri, errorCounts(r.diagnostics)]));
  const before = policiesOf(set0, options);
  const budget = checkBudget(results.reduce((n, r) => n + r.text.length, 0));
  const changed = new Map<string, string>();
  const bad = new Set<string>();
  let fixed = 0;
  let passes = 0;
  let rejected = 0;
  /** Lints the set with these texts; its results when nothing got worse. */
  const check = async (texts: ReadonlyMap<string, string>): Promise<LintResult[] | undefined> => {
    for (const [uri, text] of texts) change(uri, text);
    try {
      const set = await load();
      const next = lintPolicySet(set, options);
      if (next.some((r) => hasNewError(errorsBefore.get(r.uri) ?? new Map(), r.diagnostics))) return undefined;
      const after = policiesOf(set, options);
      if (after.length !== before.length || after.some((p, i) => p.files !== before[i]!.files || !sameBehaviour(before[i]!.policy, p.policy))) return undefined;
      return next;
    } catch {
      return undefined;
    }
  };
  while (passes < maxPasses) {
    const envUri = set0.environment?.uri;
    const base = new Map(results.filter((r) => r.uri !== envUri).map((r) => [r.uri, r.text]));
    const fixes: { uri: string; fix: ChosenFix }[] = [];
    for (const r of results) {
      if (r.uri === envUri) continue;
      for (const fix of selectFixes(r.text, r.diagnostics, r.uri, (c) => bad.size > 0 && bad.has(`${r.uri}\u0000${fixKey(r.text, c)}`))) fixes.push({ uri: r.uri, fix });
    }
    if (fixes.length === 0) break;
    const textsOf = (chosen: readonly { uri: string; fix: ChosenFix }[]): Map<string, string> => {
      const byUri = new Map<string, ChosenFix[]>();
      for (const c of chosen) {
        const list = byUri.get(c.uri);
        if (list) list.push(c.fix);
        else byUri.set(c.uri, [c.fix]);
      }
      return new Map([...byUri].map(([uri, list]) => [uri, applyFixes(base.get(uri)!, list)]));
    };
    const search = bisectFixes(fixes, budget);
    let kept: LintResult[] | undefined;
    let step = search.next();
    while (!step.done) {
      const texts = textsOf(step.value);
      const next = await check(texts);
      // Back to the texts before the pass for the next candidate.
      for (const uri of texts.keys()) change(uri, base.get(uri)!);
      if (next) kept = next;
      step = search.next(next !== undefined);
    }
    const outcome = step.value;
    for (const c of outcome.rejected) bad.add(`${c.uri}\u0000${fixKey(base.get(c.uri)!, c.fix)}`);
    rejected += outcome.rejected.length + outcome.unchecked.length;
    if (!kept) break;
    const texts = textsOf(outcome.accepted);
    for (const [uri, text] of texts) {
      change(uri, text);
      changed.set(uri, text);
    }
    passes++;
    fixed += outcome.accepted.length;
    results = kept;
    // Out of checks, nothing more can be shown safe.
    if (outcome.unchecked.length > 0) break;
  }
  // Fixes the check left out are no longer offered as safe.
  const shown = results.map((r) => ({ ...r, diagnostics: withoutBadFixes(r.diagnostics, r.text, new Set([...bad].filter((k) => k.startsWith(`${r.uri}\u0000`)).map((k) => k.slice(r.uri.length + 1)))) }));
  return { results: shown, changed, fixed, passes, rejected };
}
