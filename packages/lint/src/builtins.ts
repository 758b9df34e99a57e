// The codes the parser, the policy model, the lint engine, the following of a Policy Agent
// configuration (policy sets) and the language server report by themselves. They are not rules
// (they always run), but each has a docs page like a rule, and a configuration can change its
// severity or turn it off -- except the locked codes: Policy Agent rejects a file with a syntax
// error, so nothing may hide one, and a broken configuration cannot configure its own report.
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
  /**
   * Where the code comes from: the parser, the policy model, the lint engine, the following of a
   * main configuration file to each stack's policy (`policy-set`), or the language server (`editor`).
   */
  readonly source: 'parser' | 'model' | 'engine' | 'policy-set' | 'editor';
}

export const BUILTIN_CODES: readonly BuiltinCode[] = [
  { id: 'block-expected', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A statement or inline parameter that needs a { } block is written without one.' },
  { id: 'block-unexpected', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A parameter or one-line statement is followed by a { } block it cannot take.' },
  { id: 'brace-placement', category: 'style', defaultSeverity: 'warning', fixable: false, source: 'parser', description: 'A brace shares its line with other text instead of standing on a line of its own.' },
  { id: 'config-error', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'editor', description: 'An .attlslintrc.json file cannot be used, so the editor checks the files it covers with the defaults.' },
  { id: 'conflicting-parameters', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'Two parameters that are alternatives to each other are coded in the same statement.' },
  { id: 'duplicate-config', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'policy-set', description: 'TTLSConfig or CommonTTLSConfig is coded more than once in a file, or one stack has two TcpImage statements; only one of them counts.' },
  { id: 'duplicate-definition', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'Two statements of the same kind have the same name, so Policy Agent keeps only the last one.' },
  { id: 'duplicate-parameter', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A parameter that takes one value is coded more than once in a statement.' },
  { id: 'ignored-statement', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'policy-set', description: 'A statement stands in a Policy Agent file where Policy Agent does not read it, so it has no effect.' },
  { id: 'image-is-policy', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'policy-set', description: 'TcpImage names an AT-TLS policy file where an image configuration file belongs, so the stack gets no AT-TLS policy.' },
  { id: 'internal-rule-error', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'engine', description: 'A lint rule failed on this policy; the other rules still ran.' },
  { id: 'invalid-value', category: 'correctness', defaultSeverity: 'error', fixable: true, source: 'model', description: 'A value does not fit its parameter: not one of the allowed words, out of range, or badly formed.' },
  { id: 'misplaced-parameter', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A known parameter is written in a statement where it is not valid.' },
  { id: 'misplaced-statement', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A statement is nested where it cannot be, or a statement keyword is used as a parameter.' },
  { id: 'missing-file', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'policy-set', description: 'A file named by TcpImage, TTLSConfig or CommonTTLSConfig has no local copy, so its part of the configuration is not checked.' },
  { id: 'missing-required', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A statement lacks a name or a parameter that Policy Agent requires.' },
  { id: 'missing-value', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A parameter or statement is written without the value it needs.' },
  { id: 'no-attls-policy', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'policy-set', description: 'The image file of a stack has no TTLSConfig statement, so the stack gets no AT-TLS policy.' },
  { id: 'no-rules', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'The policy has no TTLSRule, so it secures no connection.' },
  { id: 'placeholder', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'model', description: 'A placeholder from a sample (such as <name>, ?name? or [name]) was left in the policy.' },
  { id: 'questionable-value', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A value whose acceptance by Policy Agent is not documented.' },
  { id: 'release-mismatch', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A parameter needs a newer z/OS release than the target release.' },
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
  { id: 'unused-definition', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'model', description: 'A named statement that nothing references, so it has no effect.' },
  { id: 'unused-disable', category: 'style', defaultSeverity: 'warning', fixable: true, source: 'engine', description: 'An attls-lint-disable comment that suppresses nothing (reported with --report-unused-disable).' },
];

const BY_ID = new Map(BUILTIN_CODES.map((c) => [c.id, c]));

export function builtinCode(id: string): BuiltinCode | undefined {
  return BY_ID.get(id);
}

/**
 * Why a code cannot be configured or suppressed, or undefined when it can. Syntax findings mean
 * Policy Agent rejects the file, so configuration and comments never hide them; config-error says
 * that the configuration itself cannot be used, so it cannot turn that report off.
 */
export function lockedReason(code: string): string | undefined {
  if (code.startsWith('syntax-')) return 'Policy Agent rejects a file with a syntax error, so syntax-* findings are always errors';
  if (code === 'config-error') return 'it reports that a configuration cannot be used, so no configuration can change it';
  return undefined;
}

/** True for the codes that neither a configuration nor a comment can change (see lockedReason). */
export function isLockedCode(code: string): boolean {
  return lockedReason(code) !== undefined;
}
