// Public surface of @attls/language: text positions, diagnostics, syntax, catalogue and model.
export * from './text.js';
export * from './diagnostic.js';
export * from './syntax/ast.js';
export { parse, MAX_NESTING, type ParseResult } from './syntax/parse.js';
export { grammarProblems } from './syntax/parser.js';
export * from './catalogue/index.js';
export * from './model/values.js';
export * from './model/model.js';
export { analyse } from './model/checks.js';
export * from './policy-set.js';
export * from './ebcdic.js';
export * from './pasearch/index.js';
