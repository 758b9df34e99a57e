// The codes the parser, the policy model and the lint engine report by themselves. They are not
// rules (they always run), but each has a docs page like a rule, and a configuration can change its
// severity or turn it off -- except the syntax-* codes: Policy Agent rejects a file with a syntax
// error, so nothing may hide one.
import type { Severity } from '@attls/language';
import type { RuleCategory } from './rule.js';

export interface BuiltinCode {
  readonly id: string;
  readonly category: RuleCategory;
  /** The usual severity; some codes report errors and warnings depending on the case. */
  readonly defaultSeverity: Severity;
  readonly description: string;
  /** Some findings carry a safe fix. */
  readonly fixable: boolean;
  /** Where the code comes from ('input': reading the file, or a file a configuration names). */
  readonly source: 'parser' | 'model' | 'engine' | 'input';
}

export const BUILTIN_CODES: readonly BuiltinCode[] = [
  { id: 'block-expected', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A statement or inline parameter that needs a { } block is written without one.' },
  { id: 'block-unexpected', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A parameter or one-line statement is followed by a { } block it cannot take.' },
  { id: 'brace-placement', category: 'style', defaultSeverity: 'warning', fixable: false, source: 'parser', description: 'A brace shares its line with other text instead of standing on a line of its own.' },
  { id: 'conflicting-parameters', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'Two parameters that are alternatives to each other are coded in the same statement.' },
  { id: 'duplicate-definition', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'Two statements of the same kind have the same name, so Policy Agent keeps only the last one.' },
  { id: 'duplicate-parameter', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A parameter that takes one value is coded more than once in a statement.' },
  { id: 'internal-rule-error', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'engine', description: 'A lint rule failed on this policy; the other rules still ran.' },
  { id: 'invalid-value', category: 'correctness', defaultSeverity: 'error', fixable: true, source: 'model', description: 'A value does not fit its parameter: not one of the allowed words, out of range, or badly formed.' },
  { id: 'misplaced-parameter', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A known parameter is written in a statement where it is not valid.' },
  { id: 'misplaced-statement', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A statement is nested where it cannot be, or a statement keyword is used as a parameter.' },
  { id: 'missing-required', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A statement lacks a name or a parameter that Policy Agent requires.' },
  { id: 'missing-value', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A parameter or statement is written without the value it needs.' },
  { id: 'no-rules', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'The policy has no TTLSRule, so it secures no connection.' },
  { id: 'placeholder', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A placeholder from a sample (such as <name>, ?name? or [name]) was left in the policy.' },
  { id: 'questionable-value', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A value whose acceptance by Policy Agent is not documented.' },
  { id: 'release-mismatch', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A parameter needs a newer z/OS release than the target release.' },
  { id: 'sequence-numbers', category: 'style', defaultSeverity: 'info', fixable: false, source: 'input', description: 'Every line carries a sequence number in columns 73-80, which attls ignores.' },
  { id: 'syntax-nesting-too-deep', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'parser', description: 'Blocks are nested far deeper than any policy needs; the deeper braces are ignored.' },
  { id: 'syntax-orphan-block', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'parser', description: 'A { } block has no statement keyword before it.' },
  { id: 'syntax-unclosed-brace', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'parser', description: 'A block is opened and never closed, so Policy Agent rejects the whole file.' },
  { id: 'syntax-unexpected-brace', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'parser', description: 'A closing brace closes no open block, so Policy Agent rejects the whole file.' },
  { id: 'syntax-unexpected-token', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'parser', description: 'The parser met text it cannot read at this place.' },
  { id: 'trailing-text', category: 'correctness', defaultSeverity: 'warning', fixable: true, source: 'model', description: 'Words after a value or a name that Policy Agent silently ignores.' },
  { id: 'undefined-reference', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A ...Ref parameter names a statement that is not defined.' },
  { id: 'unknown-cipher', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A cipher, curve or group code that attls does not know.' },
  { id: 'unknown-parameter', category: 'correctness', defaultSeverity: 'error', fixable: true, source: 'model', description: 'A parameter keyword that Policy Agent does not know, so it ignores the line and uses the default.' },
  { id: 'unknown-statement', category: 'correctness', defaultSeverity: 'error', fixable: true, source: 'model', description: 'A statement keyword that Policy Agent does not know.' },
  { id: 'unreadable-file', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'input', description: 'A file a configuration names is not read: it is outside the root, or a device, a pipe, binary or too large.' },
  { id: 'unused-definition', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A named statement that nothing references, so it has no effect.' },
  { id: 'unused-disable', category: 'style', defaultSeverity: 'warning', fixable: true, source: 'engine', description: 'An attls-lint-disable comment that suppresses nothing (reported with --report-unused-disable).' },
];

const BY_ID = new Map(BUILTIN_CODES.map((c) => [c.id, c]));

export function builtinCode(id: string): BuiltinCode | undefined {
  return BY_ID.get(id);
}

/** Syntax findings mean Policy Agent rejects the file; configuration and comments never hide them. */
export function isLockedCode(code: string): boolean {
  return code.startsWith('syntax-');
}
