// Public surface of @attls/explain: return codes and AT-TLS log lines explained, as pure functions.
export * from './codes.js';
export * from './explain-code.js';
export * from './log.js';
export { actionPlaces, environmentActions, focusChecks, resolve, type Context, type FocusResult, type PolicyPlace, type Resolved } from './policy.js';
export * from './explain-log.js';
export * from './format.js';
