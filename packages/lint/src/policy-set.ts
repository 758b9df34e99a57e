// Lints a whole Policy Agent configuration: the main and image files on their own, and each
// stack's policy (the common file plus the stack's file) as one model.
import { buildModel, checkModel, compareDiagnostics, parse, type Diagnostic, type PolicySet } from '@attls/language';
import { finishFile, modelDiagnostics, runRules, type LintOptions, type LintResult } from './lint.js';

/** What one stack's policy found in one file; stacks whose policy is the same files share one entry. */
export interface StackFindings {
  /** The stacks this analysis stands for (several when their policies are the same files). */
  readonly stacks: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Findings of a file read by several stacks (the common file), each reported once. A finding
 * that holds for only some of the stacks reading the file names them, "(for stack TCPIPB)"; one
 * that holds for all of them, or a file only one stack reads, keeps its message. `perStack` lists
 * every stack that reads the file. The CLI and the language server both go through here, so that
 * an editor shows what `attls lint` prints.
 */
export function mergeStackFindings(perStack: readonly StackFindings[]): Diagnostic[] {
  const using = perStack.reduce((n, s) => n + s.stacks.length, 0);
  const byKey = new Map<string, { d: Diagnostic; stacks: string[] }>();
  for (const { stacks, diagnostics } of perStack) {
    for (const d of diagnostics) {
      const key = `${d.code}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;
      const entry = byKey.get(key);
      if (entry) entry.stacks.push(...stacks);
      else byKey.set(key, { d, stacks: [...stacks] });
    }
  }
  return [...byKey.values()].map(({ d, stacks }) =>
    stacks.length === using || using <= 1 ? d : { ...d, message: `${d.message} (for stack${stacks.length > 1 ? 's' : ''} ${stacks.join(', ')})` },
  );
}

/**
 * Results for every file of the set. A finding in a file shared by several stacks (the common
 * file) is reported once; when it holds for some of those stacks only, the message names them.
 */
export function lintPolicySet(set: PolicySet, options: LintOptions = {}): LintResult[] {
  const out = new Map<string, Diagnostic[]>();
  const add = (uri: string, ds: readonly Diagnostic[]): void => {
    const list = out.get(uri);
    if (list) list.push(...ds);
    else out.set(uri, [...ds]);
  };
  const targetRelease = options.targetRelease ?? options.config?.targetRelease;
  const policyFiles = new Set(set.policies.flatMap((p) => p.files));
  for (const doc of set.documents.values()) {
    if (policyFiles.has(doc.uri)) continue;
    const model = buildModel([doc], { targetRelease });
    add(doc.uri, checkModel(model).get(doc.uri) ?? []);
  }
  for (const [uri, ds] of set.diagnostics) add(uri, ds);

  // Each distinct policy once, whatever the number of stacks that read it.
  const found = new Map<string, StackFindings[]>();
  for (const policy of set.policies) {
    const model = buildModel(policy.files.map((f) => set.documents.get(f)!), { targetRelease });
    const ruleFindings = runRules(model, options.rules, options.config);
    for (const uri of policy.files) {
      const entry = { stacks: policy.stacks, diagnostics: modelDiagnostics(model, ruleFindings, uri) };
      const list = found.get(uri);
      if (list) list.push(entry);
      else found.set(uri, [entry]);
    }
  }
  for (const [uri, perStack] of found) add(uri, mergeStackFindings(perStack));

  const order = [set.mainUri, ...[...set.documents.keys()].filter((u) => u !== set.mainUri && !policyFiles.has(u)), ...policyFiles];
  const results = [...new Set(order)].filter((uri) => set.documents.has(uri)).map((uri) => {
    const doc = set.documents.get(uri)!;
    // Configuration and inline directives apply to each file as when it is linted alone.
    return finishFile(uri, doc.parse, (out.get(uri) ?? []).sort(compareDiagnostics), options);
  });
  // The environment file (STDENV) that named the main file: what following it found.
  const env = set.environment;
  return env ? [finishFile(env.uri, parse(env.text), (out.get(env.uri) ?? []).sort(compareDiagnostics), options), ...results] : results;
}
