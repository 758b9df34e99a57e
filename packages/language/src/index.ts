// Public surface of @attls/language: text positions, diagnostics, syntax, catalogue and model.
export * from './text.js';
export * from './diagnostic.js';
export * from './codes.js';
export * from './syntax/ast.js';
export { parse, reparse, MAX_NESTING, type ParseResult } from './syntax/parse.js';
export { grammarProblems } from './syntax/parser.js';
export * from './catalogue/index.js';
export * from './model/values.js';
export * from './model/model.js';
export { toDiagnostic, runChecks, type BuiltinCheck, type CheckOptions, type Finding, type FindingsByUri } from './model/check.js';
export { BUILTIN_CHECKS, checkModel, modelFindings } from './model/checks/index.js';
export * from './policy-set.js';
export * from './input/index.js';
export * from './ebcdic.js';
export * from './pasearch/index.js';
