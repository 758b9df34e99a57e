// The property `--fix` must keep on any input: the fixed text has no error finding the input did not
// have, and `attls match` gives the same answer for every sample connection (the rule that takes
// it, whether it is secured, its actions and the value of each effective setting). Samples come
// from the policies' own rules (a connection in each condition box, before and after the fix) plus
// a few fixed ones. Used by test/lint/fix-safety.test.ts over the fuzz corpus.
import {
  compilePolicy,
  effectiveSettings,
  matchScan,
  ruleBoxes,
  sampleConnection,
  settingKey,
  type CompiledPolicy,
  type Connection,
} from '@attls/evaluate';
import { buildModel, parse, type Diagnostic } from '@attls/language';
import { fixText, lintText, type FixResult, type LintOptions } from '@attls/lint';

export interface FixProblem {
  readonly kind: 'new-error' | 'match-changed';
  readonly detail: string;
}

export interface FixCheck {
  readonly output: string;
  readonly fixed: number;
  readonly problems: readonly FixProblem[];
}

export const URI = 'fuzz.ttls';

/**
 * An error finding by what it says, not where: fixes move text. Case is folded: keywords and
 * enumerated values are not case sensitive, and a message quotes them as written, so respelling
 * TTLSKeyRingParms as TTLSKeyringParms does not make its unclosed brace a new finding.
 */
const identity = (d: Diagnostic): string => `${d.code}\u0000${d.message.toLowerCase()}`;

function errorCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) if (d.severity === 'error') out.set(identity(d), (out.get(identity(d)) ?? 0) + 1);
  return out;
}

const FIXED: readonly Connection[] = [
  { direction: 'inbound', localAddr: { family: 4, value: 0x0a000001n }, remoteAddr: { family: 4, value: 0xc0a80101n }, localPort: 443, remotePort: 40000, jobname: 'FTPD', userid: 'TCPIP' },
  { direction: 'outbound', localAddr: { family: 4, value: 0x0a000001n }, remoteAddr: { family: 4, value: 0x0a000002n }, localPort: 1025, remotePort: 21, jobname: 'J0001', userid: 'USER1' },
  { direction: 'inbound', localAddr: { family: 6, value: 1n }, remoteAddr: { family: 6, value: 2n }, localPort: 23, remotePort: 1024 },
];

function policyOf(text: string): CompiledPolicy {
  return compilePolicy(buildModel([{ uri: URI, parse: parse(text) }]));
}

/** Connections inside each condition box of each rule (at most `max` of them). */
function samples(policy: CompiledPolicy, max: number, out: Connection[]): void {
  for (const r of policy.rules) {
    for (const b of ruleBoxes(r)) {
      if (out.length >= max) return;
      out.push(sampleConnection(b));
    }
  }
}

/** What `attls match` answers for a connection, as comparable text. */
function answer(policy: CompiledPolicy, c: Connection): string {
  const rule = matchScan(policy, c).rule;
  if (!rule) return 'no rule';
  const settings = effectiveSettings(policy.model, rule.actions).map((s) => `${s.name}=${settingKey(s) ?? '(unknown)'}`);
  const actions = [rule.group?.name, rule.environment?.name, rule.connection?.name].map((n) => n ?? '-').join('/');
  return `${rule.name} enabled=${rule.enabled} actions=${actions} ${settings.join(' ')}`;
}

const show = (c: Connection): string => JSON.stringify(c, (_, v) => (typeof v === 'bigint' ? v.toString(16) : v));

/** Runs --fix on `text` (or takes its result, `fixed`, made with the same options) and checks the property. */
export function checkFix(text: string, options: LintOptions = { reportUnusedDisable: true }, maxSamples = 200, fixed: FixResult = fixText(URI, text, options)): FixCheck {
  if (fixed.output === text) return { output: text, fixed: 0, problems: [] };
  const problems: FixProblem[] = [];
  const before = errorCounts(lintText(URI, text, options).diagnostics);
  const after = errorCounts(fixed.result.diagnostics);
  for (const [k, n] of after) {
    if (n > (before.get(k) ?? 0)) problems.push({ kind: 'new-error', detail: k.replace('\u0000', ': ') });
  }
  const old = policyOf(text);
  const now = policyOf(fixed.output);
  const conns = [...FIXED];
  samples(old, maxSamples / 2, conns);
  samples(now, maxSamples, conns);
  for (const c of conns) {
    const a = answer(old, c);
    const b = answer(now, c);
    if (a !== b) {
      problems.push({ kind: 'match-changed', detail: `${show(c)}: ${a} -> ${b}` });
      break;
    }
  }
  return { output: fixed.output, fixed: fixed.fixed, problems };
}
