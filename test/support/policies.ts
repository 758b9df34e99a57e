// Small policies for rule tests, and expected errors located by the text they must cover.
import type { ExpectedError } from './rule-tester.js';

export interface PolicyParts {
  readonly cond?: string;
  readonly direction?: string;
  readonly priority?: string | null;
  readonly ruleExtra?: string;
  readonly refs?: string;
  readonly enabled?: string;
  readonly group?: string;
  readonly role?: string;
  readonly keyring?: string;
  readonly keyringBlock?: string;
  readonly adv?: string | null;
  readonly env?: string;
  readonly conn?: string;
  readonly extra?: string;
}

export const BASE_ADV = 'TLSv1 Off\nTLSv1.1 Off\nTLSv1.2 On';

const indent = (text: string, n: number): string =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => ' '.repeat(n) + l.trim())
    .join('\n');

/** A secured inbound server rule with its group and environment; parts replace pieces. */
export function policy(p: PolicyParts = {}): string {
  const refs = p.refs ?? `TTLSGroupActionRef SecureGroup\nTTLSEnvironmentActionRef ServerEnv${p.conn ? '\nTTLSConnectionActionRef ConnAct' : ''}`;
  const rule = [p.cond ?? 'LocalPortRange 4000', `Direction ${p.direction ?? 'Inbound'}`, p.priority === null ? '' : `Priority ${p.priority ?? '100'}`, p.ruleExtra ?? '', refs]
    .filter((x) => x)
    .join('\n');
  const keyring = p.keyringBlock ?? `TTLSKeyringParms\n{\n  Keyring ${p.keyring ?? 'TCPIP/SrvRing'}\n}`;
  const adv = p.adv === null ? '' : `TTLSEnvironmentAdvancedParms\n{\n${indent(p.adv ?? BASE_ADV, 2)}\n}`;
  const envBody = [`HandshakeRole ${p.role ?? 'Server'}`, keyring, adv, p.env ?? ''].filter((x) => x).join('\n');
  const parts = [
    `TTLSRule SrvRule\n{\n${indent(rule, 2)}\n}`,
    `TTLSGroupAction SecureGroup\n{\n${indent(`TTLSEnabled ${p.enabled ?? 'On'}\n${p.group ?? ''}`, 2)}\n}`,
    `TTLSEnvironmentAction ServerEnv\n{\n${nest(envBody)}\n}`,
  ];
  if (p.conn) parts.push(`TTLSConnectionAction ConnAct\n{\n${nest(p.conn)}\n}`);
  if (p.extra) parts.push(p.extra.trim());
  return parts.join('\n') + '\n';
}

/** Indents a block body by brace depth. */
export function nest(body: string): string {
  let depth = 1;
  const out: string[] = [];
  for (const raw of body.split('\n')) {
    const l = raw.trim();
    if (!l) continue;
    if (l === '}') depth--;
    out.push('  '.repeat(depth) + l);
    if (l === '{') depth++;
  }
  return out.join('\n');
}

/** An expected error covering the `nth` (1-based) occurrence of `needle` in `text`. */
export function at(text: string, needle: string, messageId: string, nth = 1, extra: Partial<ExpectedError> = {}): ExpectedError {
  let idx = -1;
  for (let i = 0; i < nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`'${needle}' (occurrence ${nth}) not in the test policy`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length;
    return { line, column: o - before.lastIndexOf('\n') };
  };
  const s = pos(idx);
  const e = pos(idx + needle.length);
  return { messageId, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, ...extra };
}

/** An expected error covering `needle` where it directly follows `prefix` (nth occurrence of both). */
export function after(text: string, prefix: string, needle: string, messageId: string, nth = 1, extra: Partial<ExpectedError> = {}): ExpectedError {
  const e = at(text, prefix + needle, messageId, nth, extra);
  const lines = prefix.split('\n');
  const line = e.line + lines.length - 1;
  const column = lines.length > 1 ? lines[lines.length - 1]!.length + 1 : e.column + prefix.length;
  return { ...e, line, column, endLine: line, endColumn: column + needle.length };
}
