// Public surface of @attls/lint.
export * from './lint.js';
export * from './rule.js';
export * from './builtins.js';
export * from './catalogue.js';
export * from './config.js';
export * from './directives.js';
export * from './fix.js';
export { Glob } from './glob.js';
export * from './formats/json.js';
export * from './formats/stylish.js';
export * from './formats/compact.js';
export * from './formats/github.js';
export * from './formats/junit.js';
export * from './formats/sarif.js';
export { RULES } from './rules/index.js';
export { LINT_VERSION } from './version.js';
export * from './policy-set.js';
