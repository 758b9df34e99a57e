// Lints a whole Policy Agent configuration: the main and image files on their own, and each
// stack's policy (the common file plus the stack's file) as one model.
import { analyse, compareDiagnostics, type Diagnostic, type PolicySet } from '@attls/language';
import { finishFile, runRules, type LintOptions, type LintResult } from './lint.js';

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
  const policyFiles = new Set(set.stacks.flatMap((s) => s.policyFiles));
  for (const doc of set.documents.values()) {
    if (policyFiles.has(doc.uri)) continue;
    const model = analyse([doc], { targetRelease: options.targetRelease ?? options.config?.targetRelease });
    add(doc.uri, model.diagnostics(doc.uri));
  }
  for (const [uri, ds] of set.diagnostics) add(uri, ds);

  const found = new Map<string, Map<string, { d: Diagnostic; stacks: string[] }>>();
  for (const stack of set.stacks) {
    if (stack.policyFiles.length === 0) continue;
    const model = analyse(stack.policyFiles.map((f) => set.documents.get(f)!), { targetRelease: options.targetRelease ?? options.config?.targetRelease });
    runRules(model, options.rules, options.config);
    for (const uri of stack.policyFiles) {
      let byKey = found.get(uri);
      if (!byKey) found.set(uri, (byKey = new Map()));
      for (const d of model.diagnostics(uri)) {
        const key = `${d.code}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;
        const entry = byKey.get(key);
        if (entry) entry.stacks.push(stack.name);
        else byKey.set(key, { d, stacks: [stack.name] });
      }
    }
  }
  for (const [uri, byKey] of found) {
    const using = set.stacks.filter((s) => s.policyFiles.includes(uri)).length;
    add(
      uri,
      [...byKey.values()].map(({ d, stacks }) =>
        stacks.length === using || using <= 1 ? d : { ...d, message: `${d.message} (for stack${stacks.length > 1 ? 's' : ''} ${stacks.join(', ')})` },
      ),
    );
  }

  const order = [set.mainUri, ...[...set.documents.keys()].filter((u) => u !== set.mainUri && !policyFiles.has(u)), ...policyFiles];
  return [...new Set(order)].map((uri) => {
    const doc = set.documents.get(uri)!;
    // Configuration and inline directives apply to each file as when it is linted alone.
    return finishFile(uri, doc.parse, (out.get(uri) ?? []).sort(compareDiagnostics), options);
  });
}
