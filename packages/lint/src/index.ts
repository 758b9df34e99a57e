// Public surface of @attls/lint.
export * from './lint.js';
export * from './formats/json.js';
export * from './formats/stylish.js';
export * from './rule.js';
export { RULES } from './rules/index.js';
export * from './policy-set.js';
