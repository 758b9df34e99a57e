// The codes the parser, the policy model, the lint engine, the following of a Policy Agent
// configuration (policy sets) and the language server report by themselves. They are not rules
// (they always run), but each has a docs page like a rule, and a configuration can change its
// severity or turn it off -- except the locked codes: Policy Agent rejects a file with a syntax
// error, so nothing may hide one, and a broken configuration cannot configure its own report.
import { MODEL_CODES, SYNTAX_CODES, type Severity } from '@attls/language';
import type { RuleCategory } from './rule.js';

export interface BuiltinCode {
  readonly id: string;
  readonly category: RuleCategory;
  /** The severity of its findings unless a configuration sets one; the highest any finding gets. */
  readonly defaultSeverity: Severity;
  /** Lower default severities of some messages, by messageId (see CodeInfo.severities). */
  readonly severities?: Readonly<Record<string, Severity>>;
  readonly description: string;
  /** Some findings carry a safe fix. */
  readonly fixable: boolean;
  /**
   * Where the code comes from: the parser, the policy model, the lint engine, reading a file
   * (`input`: the file itself, or a file a configuration names), the following of a main
   * configuration file to each stack's policy (`policy-set`), or the language server (`editor`).
   */
  readonly source: 'parser' | 'model' | 'engine' | 'input' | 'policy-set' | 'editor';
}

/** Codes of the lint engine, of following a configuration, and of the language server. */
const OWN_CODES: readonly BuiltinCode[] = [
  { id: 'config-error', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'editor', description: 'An .attlslintrc.json file cannot be used, so the editor checks the files it covers with the defaults.' },
  { id: 'duplicate-config', category: 'correctness', defaultSeverity: 'error', severities: { sameFile: 'info', tcpImage: 'warning' }, fixable: false, source: 'policy-set', description: 'TTLSConfig or CommonTTLSConfig is coded more than once in a file, or one stack has two TcpImage statements; only one of them counts.' },
  { id: 'ignored-statement', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'policy-set', description: 'A statement stands in a Policy Agent file where Policy Agent does not read it, so it has no effect.' },
  { id: 'image-is-policy', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'policy-set', description: 'TcpImage names an AT-TLS policy file where an image configuration file belongs, so the stack gets no AT-TLS policy.' },
  { id: 'internal-rule-error', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'engine', description: 'A lint rule failed on this policy; the other rules still ran.' },
  { id: 'missing-file', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'policy-set', description: 'A file named by TcpImage, TTLSConfig or CommonTTLSConfig has no local copy, so its part of the configuration is not checked.' },
  { id: 'no-attls-policy', category: 'correctness', defaultSeverity: 'warning', fixable: false, source: 'policy-set', description: 'The image file of a stack has no TTLSConfig statement, so the stack gets no AT-TLS policy.' },
  { id: 'sequence-numbers', category: 'style', defaultSeverity: 'warning', fixable: false, source: 'input', description: 'Every line carries a sequence number in columns 73-80, which attls ignores.' },
  { id: 'unreadable-file', category: 'correctness', defaultSeverity: 'error', fixable: false, source: 'input', description: 'A file a configuration names is not read: it is outside the root, or a device, a pipe, binary or too large.' },
  { id: 'unused-disable', category: 'style', defaultSeverity: 'warning', fixable: true, source: 'engine', description: 'An attls-lint-disable comment that suppresses nothing (reported with --report-unused-disable).' },
];

/**
 * Every built-in code, in id order: the parser's and the built-in checks' (described next to the
 * checks, in @attls/language) and the others above.
 */
export const BUILTIN_CODES: readonly BuiltinCode[] = [
  ...[...SYNTAX_CODES, ...MODEL_CODES].map((c): BuiltinCode => ({
    id: c.id,
    category: c.category,
    defaultSeverity: c.defaultSeverity,
    ...(c.severities ? { severities: c.severities } : {}),
    description: c.description,
    fixable: c.fixable,
    source: c.source,
  })),
  ...OWN_CODES,
].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));


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
