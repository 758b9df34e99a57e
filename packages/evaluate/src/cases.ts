// `attls test`: connection cases with the rule and settings they are expected to get, and
// properties that must hold for every connection of a space (properties.ts decides them). This
// module checks the shape of a parsed case file, runs the cases and measures what they cover;
// reading YAML and files is the CLI's.
import { catalogue, type StatementInfo } from '@attls/language';
import type { CompiledPolicy, CompiledRule } from './compile.js';
import { CONNECTION_FIELDS, readConnection, type ConnectionFields } from './connection.js';
import type { Property, PropertyExpect } from './properties.js';
import { readSpace } from './properties-space.js';
import { firstMatchScan } from './match.js';
import { explainNamed, isSecured } from './report.js';
import { effectiveSettings, settingNames, settingText, type Setting, blockLabel } from './settings.js';

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
  readonly properties: readonly Property[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed case file. Returns the cases and properties, or the problems that make it unusable. */
export function readCaseFile(doc: unknown): { file?: CaseFile; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(doc)) return { problems: ['the case file must be a mapping with a "cases" or "properties" list (and optionally "policy" and "targetRelease")'] };
  for (const k of Object.keys(doc)) if (!['policy', 'targetRelease', 'cases', 'properties'].includes(k)) problems.push(`unknown top-level key '${k}' (expected policy, targetRelease, cases, properties)`);
  let policy: string[] = [];
  const p = doc['policy'];
  if (typeof p === 'string') policy = [p];
  else if (Array.isArray(p) && p.every((x) => typeof x === 'string')) policy = p as string[];
  else if (p !== undefined) problems.push('"policy" must be a file name or a list of file names');
  const tr = doc['targetRelease'];
  const targetRelease = tr === undefined ? undefined : String(tr);
  const list = doc['cases'] ?? [];
  const props = doc['properties'] ?? [];
  if (!Array.isArray(list)) problems.push('"cases" must be a list');
  if (!Array.isArray(props)) problems.push('"properties" must be a list');
  if (problems.length > 0) return { problems };
  if ((list as unknown[]).length === 0 && (props as unknown[]).length === 0) {
    problems.push('the case file needs a non-empty "cases" or "properties" list');
    return { problems };
  }
  const cases: TestCase[] = [];
  (list as unknown[]).forEach((c, i) => {
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
    const expect = readExpect(c['expect'], `${where} (${name})`, problems);
    if (expect) cases.push({ name, fields, ...expect });
  });
  const properties: Property[] = [];
  (props as unknown[]).forEach((p, i) => {
    const where = `property ${i + 1}`;
    if (!isRecord(p)) {
      problems.push(`${where} must be a mapping with name, for and expect`);
      return;
    }
    for (const k of Object.keys(p)) if (!['name', 'for', 'expect'].includes(k)) problems.push(`${where}: unknown key '${k}' (expected name, for, expect)`);
    const name = typeof p['name'] === 'string' ? p['name'] : where;
    const at = `${where} (${name})`;
    const f = p['for'] ?? {};
    let space;
    if (!isRecord(f)) problems.push(`${at}: "for" must be a mapping such as {direction: inbound, local_port: 1-1023}`);
    else {
      const r = readSpace(f);
      for (const pr of r.problems) problems.push(`${at}: for: ${pr}`);
      space = r.space;
    }
    const expect = readExpect(p['expect'], at, problems);
    if (expect && isRecord(p['expect']) && Object.keys(p['expect']).length === 0) {
      problems.push(`${at}: "expect" must give rule, secured and/or settings`);
    }
    if (space && expect) properties.push({ name, space, expect });
  });
  if (problems.length > 0) return { problems };
  return { file: { policy, ...(targetRelease ? { targetRelease } : {}), cases, properties }, problems };
}

let knownSettings: Set<string> | undefined;

/** Reads the `expect` of a case or property; problems are added with `where` in front. */
function readExpect(exp: unknown, where: string, problems: string[]): PropertyExpect | undefined {
  if (!isRecord(exp)) {
    problems.push(`${where}: "expect" must be a mapping with rule, secured and/or settings`);
    return undefined;
  }
  knownSettings ??= new Set(settingNames().map((n) => n.toLowerCase()));
  for (const k of Object.keys(exp)) if (!['rule', 'secured', 'settings'].includes(k)) problems.push(`${where}: unknown expect key '${k}' (expected rule, secured, settings)`);
  const rule = exp['rule'];
  if (rule !== undefined && rule !== null && typeof rule !== 'string') problems.push(`${where}: expect.rule must be a rule name or null (no rule)`);
  const secured = exp['secured'];
  if (secured !== undefined && typeof secured !== 'boolean') problems.push(`${where}: expect.secured must be true or false`);
  const settings: Record<string, Expected> = {};
  const s = exp['settings'];
  if (s !== undefined) {
    if (!isRecord(s)) problems.push(`${where}: expect.settings must be a mapping such as {HandshakeRole: Server}`);
    else {
      for (const [k, v] of Object.entries(s)) {
        if (!knownSettings.has(k.toLowerCase())) problems.push(`${where}: unknown setting '${k}'`);
        else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'))) settings[k] = v as Expected;
        else problems.push(`${where}: expected value of ${k} must be text, a number, true/false or a list`);
      }
    }
  }
  return {
    ...(rule === null || typeof rule === 'string' ? { rule } : {}),
    ...(typeof secured === 'boolean' ? { secured } : {}),
    settings,
  };
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
  // The rule and its settings are all a case asks: the explanation of every rule tried is not
  // built (20,000 cases against 400 rules spent seconds on it).
  const rule = firstMatchScan(policy, r.connection);
  const settings = rule ? effectiveSettings(policy.model, rule.actions) : [];
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
  failures.push(...settingFailures(settings, secured, tc.settings));
  return { case: tc, passed: failures.length === 0, failures, rule, secured };
}

/** How effective settings differ from the expected ones, one line per setting. */
export function settingFailures(settings: readonly Setting[], secured: boolean, expected: Readonly<Record<string, Expected>>): string[] {
  const failures: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const actual = settings.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!actual) {
      failures.push(`${name}: expected ${show(want)}, but ${secured ? 'it is not set and has no default' : 'no settings apply (the connection is not secured)'}`);
      continue;
    }
    if (!sameValue(actual, want)) {
      const from = actual.source.kind === 'default' ? 'default' : blockLabel(actual.source.statement);
      failures.push(`${name}: expected ${show(want)}, got ${settingText(actual)} (from ${from})`);
    }
  }
  return failures;
}

/** Rules that no case's connection reaches. */
export function uncoveredRules(policy: CompiledPolicy, results: readonly CaseResult[]): CompiledRule[] {
  const hit = new Set(results.map((r) => r.rule).filter((r): r is CompiledRule => !!r));
  return policy.rules.filter((r) => !hit.has(r));
}

/** How much of a policy the cases reach: one kind of statement. */
export interface CoverageOf<T> {
  readonly covered: number;
  readonly total: number;
  readonly uncovered: readonly T[];
}

export interface Coverage {
  readonly rules: CoverageOf<CompiledRule>;
  /** Group, environment and connection actions in use by a rule (the latter two only for secured rules). */
  readonly actions: CoverageOf<StatementInfo>;
  /** Parameter blocks (TTLS...Parms) that give a rule one of its effective settings. */
  readonly blocks: CoverageOf<StatementInfo>;
  /** Covered rules, actions and blocks together, as a percentage of all of them (100 when there are none). */
  readonly percent: number;
}

/** The actions a rule applies: its group, and for a connection it secures, its environment and connection actions. */
function actionsOf(r: CompiledRule): StatementInfo[] {
  const out: StatementInfo[] = [];
  if (r.group) out.push(r.group);
  if (r.enabled !== false) {
    if (r.environment) out.push(r.environment);
    if (r.connection) out.push(r.connection);
  }
  return out;
}

/**
 * The parameter blocks a rule's effective settings come from, as effectiveSettings reports them;
 * rules with the same actions have the same blocks, so they are asked once per set of actions.
 */
function blockFinder(policy: CompiledPolicy): (r: CompiledRule) => readonly StatementInfo[] {
  const ids = new Map<StatementInfo | undefined, number>([[undefined, 0]]);
  const id = (s: StatementInfo | undefined): number => {
    let n = ids.get(s);
    if (n === undefined) ids.set(s, (n = ids.size));
    return n;
  };
  const memo = new Map<string, readonly StatementInfo[]>();
  return (r) => {
    const key = `${id(r.group)},${id(r.environment)},${id(r.connection)},${r.enabled}`;
    let blocks = memo.get(key);
    if (!blocks) {
      const found = new Set<StatementInfo>();
      for (const s of effectiveSettings(policy.model, r)) {
        if (s.source.kind === 'policy' && /Parms$/.test(s.source.statement.kind ?? '')) found.add(s.source.statement);
      }
      memo.set(key, (blocks = [...found]));
    }
    return blocks;
  };
}

const byPlace = (a: StatementInfo, b: StatementInfo): number => (a.doc.uri < b.doc.uri ? -1 : a.doc.uri > b.doc.uri ? 1 : a.anchor.start - b.anchor.start);

/** What the cases reach of the rules, the actions in use and the parameter blocks in use. */
export function caseCoverage(policy: CompiledPolicy, results: readonly CaseResult[]): Coverage {
  const hit = new Set(results.map((r) => r.rule).filter((r): r is CompiledRule => !!r));
  const blocksOf = blockFinder(policy);
  const usedActions = new Set<StatementInfo>();
  const usedBlocks = new Set<StatementInfo>();
  const hitActions = new Set<StatementInfo>();
  const hitBlocks = new Set<StatementInfo>();
  for (const r of policy.rules) {
    const actions = actionsOf(r);
    const blocks = blocksOf(r);
    for (const a of actions) usedActions.add(a);
    for (const b of blocks) usedBlocks.add(b);
    if (!hit.has(r)) continue;
    for (const a of actions) hitActions.add(a);
    for (const b of blocks) hitBlocks.add(b);
  }
  const of = <T>(all: readonly T[], covered: (x: T) => boolean): CoverageOf<T> => {
    const uncovered = all.filter((x) => !covered(x));
    return { covered: all.length - uncovered.length, total: all.length, uncovered };
  };
  const rules = of(policy.rules, (r) => hit.has(r));
  const actions = of([...usedActions].sort(byPlace), (a) => hitActions.has(a));
  const blocks = of([...usedBlocks].sort(byPlace), (b) => hitBlocks.has(b));
  const total = rules.total + actions.total + blocks.total;
  const covered = rules.covered + actions.covered + blocks.covered;
  return { rules, actions, blocks, percent: total === 0 ? 100 : (covered * 100) / total };
}
