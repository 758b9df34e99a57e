// The built-in checks, and the findings of a model: computed once per model (which never changes).
import type { Diagnostic } from '../../diagnostic.js';
import { runChecks, type BuiltinCheck, type CheckOptions, type FindingsByUri } from '../check.js';
import type { PolicyModel } from '../model.js';
import { definitionsCheck, referencesCheck } from './names.js';
import { parametersCheck } from './parameters.js';
import { requirementsCheck } from './requirements.js';
import { statementsCheck } from './statements.js';
import { valuesCheck } from './values.js';

export const BUILTIN_CHECKS: readonly BuiltinCheck[] = [statementsCheck, parametersCheck, valuesCheck, requirementsCheck, referencesCheck, definitionsCheck];

const cache = new WeakMap<PolicyModel, FindingsByUri>();
/** Findings made for their codes only (CheckOptions.messages false), when no full ones were asked. */
const codesCache = new WeakMap<PolicyModel, FindingsByUri>();

/**
 * What the parser and the built-in checks find in a model, by document: each document's syntax
 * findings, then the checks' findings. With `messages: false` the messages may lack what only
 * explains them (see CheckOptions); full findings already made are returned as they are.
 */
export function checkModel(model: PolicyModel, options: CheckOptions = {}): FindingsByUri {
  let found = cache.get(model);
  if (found) return found;
  const codesOnly = options.messages === false;
  if (codesOnly && (found = codesCache.get(model))) return found;
  const byUri = runChecks(model, BUILTIN_CHECKS, options);
  for (const d of model.documents) byUri.set(d.uri, [...d.parse.diagnostics, ...(byUri.get(d.uri) ?? [])]);
  (codesOnly ? codesCache : cache).set(model, byUri);
  return byUri;
}

/** The findings of one document of a model (empty for a document it does not have). */
export function modelFindings(model: PolicyModel, uri: string): readonly Diagnostic[] {
  return checkModel(model).get(uri) ?? [];
}
