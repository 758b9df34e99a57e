// The built-in checks, and the findings of a model: computed once per model (which never changes).
import type { Diagnostic } from '../../diagnostic.js';
import { runChecks, type BuiltinCheck, type FindingsByUri } from '../check.js';
import type { PolicyModel } from '../model.js';
import { definitionsCheck, referencesCheck } from './names.js';
import { parametersCheck } from './parameters.js';
import { requirementsCheck } from './requirements.js';
import { statementsCheck } from './statements.js';
import { valuesCheck } from './values.js';

export const BUILTIN_CHECKS: readonly BuiltinCheck[] = [statementsCheck, parametersCheck, valuesCheck, requirementsCheck, referencesCheck, definitionsCheck];

const cache = new WeakMap<PolicyModel, FindingsByUri>();

/**
 * What the parser and the built-in checks find in a model, by document: each document's syntax
 * findings, then the checks' findings.
 */
export function checkModel(model: PolicyModel): FindingsByUri {
  let found = cache.get(model);
  if (!found) {
    const byUri = runChecks(model, BUILTIN_CHECKS);
    for (const d of model.documents) byUri.set(d.uri, [...d.parse.diagnostics, ...(byUri.get(d.uri) ?? [])]);
    found = byUri;
    cache.set(model, found);
  }
  return found;
}

/** The findings of one document of a model (empty for a document it does not have). */
export function modelFindings(model: PolicyModel, uri: string): readonly Diagnostic[] {
  return checkModel(model).get(uri) ?? [];
}
