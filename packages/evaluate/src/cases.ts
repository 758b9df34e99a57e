// `attls test`: connection cases with the rule and settings they are expected to get. This module
// checks the shape of a parsed case file and runs the cases; reading YAML and files is the CLI's.
import { catalogue } from '@attls/language';
import type { CompiledPolicy, CompiledRule } from './compile.js';
import { CONNECTION_FIELDS, readConnection, type ConnectionFields } from './connection.js';
import { explainMatch, explainNamed, isSecured } from './report.js';
import { settingNames, settingText, type Setting } from './settings.js';

export type Expected = string | number | boolean | readonly (string | number)[];

export interface TestCase {
  readonly name: string;
  readonly fields: ConnectionFields;
  /** Expected rule name; null means "no rule matches". Absent: not checked. */
  readonly rule?: string | null;
  readonly secured?: boolean;
  readonly settings: Readonly<Record<string, Expected>>;
}

export interface CaseFile {
  /** Policy files named by the case file, as written (relative to the case file). */
  readonly policy: readonly string[];
  readonly targetRelease?: string;
  readonly cases: readonly TestCase[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed case file. Returns the cases, or the problems that make it unusable. */
export function readCaseFile(doc: unknown): { file?: CaseFile; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(doc)) return { problems: ['the case file must be a mapping with a "cases" list (and optionally "policy" and "targetRelease")'] };
  for (const k of Object.keys(doc)) if (!['policy', 'targetRelease', 'cases'].includes(k)) problems.push(`unknown top-level key '${k}' (expected policy, targetRelease, cases)`);
  let policy: string[] = [];
  const p = doc['policy'];
  if (typeof p === 'string') policy = [p];
  else if (Array.isArray(p) && p.every((x) => typeof x === 'string')) policy = p as string[];
  else if (p !== undefined) problems.push('"policy" must be a file name or a list of file names');
  const tr = doc['targetRelease'];
  const targetRelease = tr === undefined ? undefined : String(tr);
  const list = doc['cases'];
  if (!Array.isArray(list) || list.length === 0) {
    problems.push('"cases" must be a non-empty list');
    return { problems };
  }
  const known = new Set(settingNames().map((n) => n.toLowerCase()));
  const cases: TestCase[] = [];
  list.forEach((c, i) => {
    const where = `case ${i + 1}`;
    if (!isRecord(c)) {
      problems.push(`${where} must be a mapping with name, connection and expect`);
      return;
    }
    for (const k of Object.keys(c)) if (!['name', 'connection', 'expect'].includes(k)) problems.push(`${where}: unknown key '${k}' (expected name, connection, expect)`);
    const name = typeof c['name'] === 'string' ? c['name'] : `case ${i + 1}`;
    const conn = c['connection'];
    const fields: Record<string, string> = {};
    if (!isRecord(conn)) problems.push(`${where} (${name}): "connection" must be a mapping such as {direction: inbound, local_port: 992}`);
    else {
      for (const [k, v] of Object.entries(conn)) {
        if (!(CONNECTION_FIELDS as readonly string[]).includes(k)) problems.push(`${where} (${name}): unknown connection field '${k}' (fields are ${CONNECTION_FIELDS.join(', ')})`);
        else if (v !== null && v !== undefined) fields[k] = String(v);
      }
      const r = readConnection(fields);
      for (const pr of r.problems) problems.push(`${where} (${name}): ${pr}`);
    }
    const exp = c['expect'];
    if (!isRecord(exp)) {
      problems.push(`${where} (${name}): "expect" must be a mapping with rule, secured and/or settings`);
      return;
    }
    for (const k of Object.keys(exp)) if (!['rule', 'secured', 'settings'].includes(k)) problems.push(`${where} (${name}): unknown expect key '${k}' (expected rule, secured, settings)`);
    const rule = exp['rule'];
    if (rule !== undefined && rule !== null && typeof rule !== 'string') problems.push(`${where} (${name}): expect.rule must be a rule name or null (no rule)`);
    const secured = exp['secured'];
    if (secured !== undefined && typeof secured !== 'boolean') problems.push(`${where} (${name}): expect.secured must be true or false`);
    const settings: Record<string, Expected> = {};
    const s = exp['settings'];
    if (s !== undefined) {
      if (!isRecord(s)) problems.push(`${where} (${name}): expect.settings must be a mapping such as {HandshakeRole: Server}`);
      else {
        for (const [k, v] of Object.entries(s)) {
          if (!known.has(k.toLowerCase())) problems.push(`${where} (${name}): unknown setting '${k}'`);
          else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'))) settings[k] = v as Expected;
          else problems.push(`${where} (${name}): expected value of ${k} must be text, a number, true/false or a list`);
        }
      }
    }
    cases.push({
      name,
      fields,
      ...(rule === null || typeof rule === 'string' ? { rule } : {}),
      ...(typeof secured === 'boolean' ? { secured } : {}),
      settings,
    });
  });
  if (problems.length > 0) return { problems };
  return { file: { policy, ...(targetRelease ? { targetRelease } : {}), cases }, problems };
}

export interface CaseResult {
  readonly case: TestCase;
  readonly passed: boolean;
  readonly failures: readonly string[];
  readonly rule: CompiledRule | undefined;
  readonly secured: boolean;
}

const norm = (v: string | number | boolean): string => (typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)).trim().toLowerCase();

function cipherCode(v: string): string {
  return (catalogue.cipherSuite(v)?.code4 ?? v).toLowerCase();
}

function sameValue(actual: Setting, expected: Expected): boolean {
  const value = actual.value;
  if (value === null) return false;
  if (typeof value === 'string') return !Array.isArray(expected) && norm(value) === norm(expected as string | number | boolean);
  const isCipher = actual.names !== undefined;
  const have = value.map((x) => (isCipher ? cipherCode(x) : x.toLowerCase()));
  if (Array.isArray(expected)) {
    const want = expected.map((x) => (isCipher ? cipherCode(String(x)) : String(x).toLowerCase()));
    return want.length === have.length && want.every((w, i) => w === have[i]);
  }
  const text = norm(expected as string | number | boolean).replace(/[\s,]+/g, '');
  return text === have.join('') || (isCipher && text === value.map((x) => x.toLowerCase()).join(''));
}

const show = (e: Expected): string => (Array.isArray(e) ? `[${e.join(', ')}]` : String(e));

export function runCase(policy: CompiledPolicy, tc: TestCase): CaseResult {
  const r = readConnection(tc.fields);
  if (!r.connection) return { case: tc, passed: false, failures: r.problems, rule: undefined, secured: false };
  const e = explainMatch(policy, r.connection);
  const rule = e.result.rule;
  const failures: string[] = [];
  if (tc.rule !== undefined) {
    const got = rule?.name ?? null;
    if (got !== tc.rule) {
      const gotText = got === null ? 'no rule (not secured by AT-TLS)' : `${got} (#${rule!.order})`;
      let why = '';
      if (tc.rule !== null) {
        const named = explainNamed(policy, tc.rule, r.connection);
        why = named === undefined ? `; there is no rule named ${tc.rule}` : `; ${tc.rule}: ${named}`;
      }
      failures.push(`expected rule ${tc.rule ?? 'none'}, got ${gotText}${why}`);
    }
  }
  const secured = isSecured(rule);
  if (tc.secured !== undefined && tc.secured !== secured) failures.push(`expected ${tc.secured ? 'secured' : 'not secured'}, got ${secured ? 'secured' : 'not secured'}`);
  for (const [name, want] of Object.entries(tc.settings)) {
    const actual = e.settings.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!actual) {
      failures.push(`${name}: expected ${show(want)}, but ${secured ? 'it is not set and has no default' : 'no settings apply (the connection is not secured)'}`);
      continue;
    }
    if (!sameValue(actual, want)) {
      const from = actual.source.kind === 'default' ? 'default' : actual.source.label;
      failures.push(`${name}: expected ${show(want)}, got ${settingText(actual)} (from ${from})`);
    }
  }
  return { case: tc, passed: failures.length === 0, failures, rule, secured };
}

/** Rules that no case's connection reaches. */
export function uncoveredRules(policy: CompiledPolicy, results: readonly CaseResult[]): CompiledRule[] {
  const hit = new Set(results.map((r) => r.rule).filter((r): r is CompiledRule => !!r));
  return policy.rules.filter((r) => !hit.has(r));
}
