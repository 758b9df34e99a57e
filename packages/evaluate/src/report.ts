// The answer to "which rule does this connection get, why, and with which settings", as JSON and
// as text for a z/OS network programmer: verdict first, the settings that matter, then for every
// rule tried before the winner the first condition that failed.
import { formatAddress, type Range, type StatementInfo } from '@attls/language';
import { ASSUMPTIONS, policyVerdict, type Assumption, type CompiledPolicy, type CompiledRule } from './compile.js';
import { describeConnection, missingAttributes, type Connection } from './connection.js';
import { compareAscii, compareEbcdic } from './ebcdic.js';
import { contains } from './intervals.js';
import { explainRule, matchScan, ruleMatches, type MatchResult } from './match.js';
import { has } from './names.js';
import { effectiveSettings, settingText, SUITE_B_SUITES_NOTE, suiteBProfileOf, type Setting, blockLabel } from './settings.js';

export interface RuleRef {
  readonly name: string;
  /** The Priority the rule is ordered by (1 when none is coded). */
  readonly priority: number;
  /** False when the rule codes no Priority (it is then assumed to be 1). */
  readonly priorityCoded: boolean;
  readonly order: number;
  readonly file: string;
  readonly range: Range;
}

export interface SettingJson {
  readonly value: string | readonly string[] | null;
  /** "TTLSEnvironmentAction eTN3270Server (policy.ttls:84)" or "default". */
  readonly from: string;
  readonly level?: 'group' | 'environment' | 'connection';
  readonly file?: string;
  /** 1-based line of the parameter. */
  readonly line?: number;
  readonly release?: string;
  readonly certainty?: string;
  readonly note?: string;
  readonly names?: readonly string[];
}

/**
 * Where a statement is defined: the file (as the policy names it: a path in the CLI, a URI in the
 * editor) and the 0-based range of its name. An editor links to it without looking the name up,
 * which could find a statement of another kind or miss one in another file of the policy set.
 */
export interface PlaceJson {
  readonly file: string;
  readonly range: Range;
}

export interface TraceJson extends PlaceJson {
  readonly rule: string;
  readonly order: number;
  readonly priority: number;
  readonly matched: boolean;
  readonly failed: string | null;
  readonly detail: string;
  readonly assumed?: readonly string[];
  readonly notes?: readonly string[];
}

/** An action of the matched rule and where it is defined. */
export interface ActionPlaceJson extends PlaceJson {
  readonly name: string;
}

export interface MatchAnswer {
  readonly connection: Readonly<Record<string, string | number>>;
  readonly rule: RuleRef | null;
  readonly secured: boolean;
  readonly actions: { readonly group: string | null; readonly environment: string | null; readonly connection: string | null };
  /** The same actions with their places; null where `actions` has null. */
  readonly actionPlaces: { readonly group: ActionPlaceJson | null; readonly environment: ActionPlaceJson | null; readonly connection: ActionPlaceJson | null };
  readonly settings: Readonly<Record<string, SettingJson>>;
  readonly trace: readonly TraceJson[];
  /** Rules after the matched one that would also match (up to 5): they never get this connection. */
  readonly alsoMatches: readonly ({ readonly rule: string; readonly order: number; readonly priority: number } & PlaceJson)[];
  readonly notes: readonly string[];
  readonly assumptions: readonly string[];
  readonly targetRelease: string;
  readonly rules: number;
}

/** Everything needed to show one answer. */
export interface Explained {
  readonly result: MatchResult;
  readonly settings: readonly Setting[];
  readonly notes: readonly string[];
  readonly assumptions: readonly Assumption[];
  /** Rules after the winner with the same priority that also match: name order decided. */
  readonly tiedAfter: readonly CompiledRule[];
  /** Rules after the winner that would also match (the first few), to answer "why not X". */
  readonly laterMatches: readonly CompiledRule[];
}

export function placeOf(s: StatementInfo): PlaceJson {
  return { file: s.doc.uri, range: s.doc.parse.lineIndex.rangeOf(s.anchor) };
}

export function ruleRef(r: CompiledRule): RuleRef {
  return { name: r.name, priority: r.priority, priorityCoded: r.coded !== undefined, order: r.order, ...placeOf(r.statement) };
}

function actionPlace(s: StatementInfo | undefined): ActionPlaceJson | null {
  return s?.name === undefined ? null : { name: s.name, ...placeOf(s) };
}

export function lineOf(s: StatementInfo, offset: number): number {
  return s.doc.parse.lineIndex.positionAt(offset).line + 1;
}

const LATER_SHOWN = 5;

const secondaryCache = new WeakMap<CompiledPolicy, CompiledRule[]>();

/**
 * Rules whose effective SecondaryMap is On: the first of the connection advanced parms, the
 * environment advanced parms and the group advanced parms that codes it (see settings.ts).
 */
function secondaryMapRules(policy: CompiledPolicy): CompiledRule[] {
  let list = secondaryCache.get(policy);
  if (!list) {
    const model = policy.model;
    list = policy.rules.filter((r) => {
      if (r.enabled === false) return false;
      const blocks = [
        r.connection && model.block(r.connection, 'TTLSConnectionAdvancedParms'),
        r.environment && model.block(r.environment, 'TTLSEnvironmentAdvancedParms'),
        r.group && model.block(r.group, 'TTLSGroupAdvancedParms'),
      ];
      for (const b of blocks) {
        const v = b?.value('SecondaryMap');
        if (v !== undefined) return v.toLowerCase() === 'on';
      }
      return false;
    });
    secondaryCache.set(policy, list);
  }
  return list;
}

/**
 * Whether a connection could come from the same process and address pair as a primary connection
 * mapped to `s`: the job name must fit s's Jobname, and the two addresses s's address conditions
 * (in either orientation, since a secondary connection may run the other way).
 */
function couldSharePrimary(s: CompiledRule, c: Connection): boolean {
  if (s.jobname && c.jobname !== undefined && !has(s.jobname.set, c.jobname)) return false;
  const inAddr = (cond: CompiledRule['localAddr'], a: Connection['localAddr']): boolean =>
    !cond || !a || contains(a.family === 4 ? cond.v4 : cond.v6, a.value);
  const same = inAddr(s.localAddr, c.localAddr) && inAddr(s.remoteAddr, c.remoteAddr);
  const swapped = inAddr(s.localAddr, c.remoteAddr) && inAddr(s.remoteAddr, c.localAddr);
  return same || swapped;
}

/** Matches a connection with the plain scan and gathers what the answer shows. */
export function explainMatch(policy: CompiledPolicy, connection: Connection): Explained {
  const result = matchScan(policy, connection);
  const rule = result.rule;
  const settings = rule ? effectiveSettings(policy.model, rule.actions) : [];
  const notes: string[] = [];
  const verdict = policyVerdict(policy.model);
  if (verdict.rejected > 0) {
    notes.push(`The policy has ${verdict.rejected} error${verdict.rejected === 1 ? '' : 's'} Policy Agent rejects (see attls lint): it would not install this policy and would keep the one it already had. This answer is for the policy as written.`);
  }
  if (verdict.ignored > 0) {
    notes.push(`Policy Agent ignores ${verdict.ignored} part${verdict.ignored === 1 ? '' : 's'} of this policy (unknown or misplaced keywords, overridden duplicates; see attls lint); this answer leaves them out as it would.`);
  }
  const tiedAfter: CompiledRule[] = [];
  const laterMatches: CompiledRule[] = [];
  if (rule) {
    for (const r of policy.rules.slice(rule.index + 1)) {
      if (!ruleMatches(r, connection)) continue;
      laterMatches.push(r);
      if (laterMatches.length === LATER_SHOWN) break;
    }
    for (const n of rule.notes) notes.push(`${rule.name}: ${n}.`);
    if (rule.enabled === true) notes.push(...suiteBNotes(rule, settings));
    if (rule.enabled === undefined) notes.push(`${rule.name} has no usable TTLSGroupAction, so whether AT-TLS applies is unknown; Policy Agent would reject the policy.`);
    for (const r of policy.rules.slice(rule.index + 1)) {
      if (r.priority !== rule.priority) break;
      if (ruleMatches(r, connection)) tiedAfter.push(r);
    }
  }
  for (const s of secondaryMapRules(policy)) {
    if (s !== rule && !couldSharePrimary(s, connection)) continue;
    if (s === rule) {
      notes.push(`${s.name} has SecondaryMap On: later connections of the same process between the same two addresses that map to no rule, or to a lower-priority one, become secondary connections and use this rule's policy.`);
    } else if (!rule || s.index < rule.index) {
      notes.push(`${s.name} has SecondaryMap On: if this connection comes from the same process and address pair as a connection mapped to ${s.name}, it becomes a secondary connection and uses that rule's policy at run time; attls cannot see that run-time state.`);
    }
  }
  const tried = result.trace.map((t) => t.rule);
  const assumptions: Assumption[] = [];
  if (tried.some((r) => r.coded === undefined)) assumptions.push(ASSUMPTIONS['no-priority-one']);
  const tie = tiedAfter.length > 0 || tried.some((r, i) => i > 0 && tried[i - 1]!.priority === r.priority);
  if (tie) assumptions.push(ASSUMPTIONS['name-order-ebcdic']);
  if (tried.some((r) => r.jobname || r.userid)) assumptions.push(ASSUMPTIONS['name-patterns']);
  if (tried.some((r) => r.time)) assumptions.push(ASSUMPTIONS['time-condition']);
  return { result, settings, notes, assumptions, tiedAfter, laterMatches };
}

/** What a Suite B profile does to the rule's cipher lists, and how sure its suites are. */
function suiteBNotes(rule: CompiledRule, settings: readonly Setting[]): string[] {
  const profile = suiteBProfileOf(rule.actions);
  if (!profile) return [];
  const ignored = settings.find((s) => s.name === 'V3CipherSuites')?.overridden ?? [];
  const lines = ignored.map((o) => `${o.param.keyword.text} (line ${lineOf(o.param.owner, o.param.node.start)})`);
  const where = `SuiteBProfile ${profile.value} (line ${lineOf(profile.param.owner, profile.param.node.start)})`;
  const what = lines.length > 0 ? `Policy Agent ignores the coded cipher lists ${lines.join(', ')}` : 'Policy Agent ignores any TTLSCipherParms';
  return [`${where}: only the profile's Suite B suites are used, for TLSv1.2 sessions; ${what}.`, SUITE_B_SUITES_NOTE];
}

function connectionJson(c: Connection): Record<string, string | number> {
  const o: Record<string, string | number> = { direction: c.direction };
  if (c.localAddr) o['local_addr'] = formatAddress(c.localAddr.family, c.localAddr.value);
  if (c.localPort !== undefined) o['local_port'] = c.localPort;
  if (c.remoteAddr) o['remote_addr'] = formatAddress(c.remoteAddr.family, c.remoteAddr.value);
  if (c.remotePort !== undefined) o['remote_port'] = c.remotePort;
  if (c.jobname) o['jobname'] = c.jobname;
  if (c.userid) o['userid'] = c.userid;
  if (c.time) o['time'] = c.time.text;
  return o;
}

export function settingJson(s: Setting): SettingJson {
  const base = { value: s.value, ...(s.names ? { names: s.names } : {}) };
  if (s.source.kind === 'default') {
    return { ...base, from: 'default', release: s.source.release, certainty: s.source.certainty, ...(s.source.note ? { note: s.source.note } : {}) };
  }
  const line = lineOf(s.source.statement, s.source.param.node.start);
  return { ...base, from: `${blockLabel(s.source.statement)} (${s.source.statement.doc.uri}:${line})`, level: s.source.level, file: s.source.statement.doc.uri, line };
}

export function isSecured(rule: CompiledRule | undefined): boolean {
  return !!rule && rule.enabled === true;
}

export function answerJson(e: Explained): MatchAnswer {
  const { result } = e;
  const rule = result.rule;
  const settings: Record<string, SettingJson> = {};
  for (const s of e.settings) settings[s.name] = settingJson(s);
  const notes = [...e.notes];
  if (rule && e.tiedAfter.length > 0) notes.unshift(tiedNote(rule, e.tiedAfter));
  return {
    connection: connectionJson(result.connection),
    rule: rule ? ruleRef(rule) : null,
    secured: isSecured(rule),
    actions: { group: rule?.group?.name ?? null, environment: rule?.environment?.name ?? null, connection: rule?.connection?.name ?? null },
    actionPlaces: { group: actionPlace(rule?.group), environment: actionPlace(rule?.environment), connection: actionPlace(rule?.connection) },
    settings,
    trace: result.trace.map((t) => ({
      rule: t.rule.name,
      order: t.rule.order,
      priority: t.rule.priority,
      matched: t.matched,
      failed: t.failed ?? null,
      detail: t.matched ? (t.assumed.length > 0 ? `matches, taking as given: ${t.assumed.join('; ')}` : 'every condition holds') : (t.detail ?? ''),
      ...(t.assumed.length > 0 ? { assumed: t.assumed } : {}),
      ...(t.notes.length > 0 ? { notes: t.notes } : {}),
      ...placeOf(t.rule.statement),
    })),
    alsoMatches: e.laterMatches.map((r) => ({ rule: r.name, order: r.order, priority: r.priority, ...placeOf(r.statement) })),
    notes,
    assumptions: e.assumptions.map((a) => a.text),
    targetRelease: result.policy.model.release,
    rules: result.policy.rules.length,
  };
}

function tiedNote(rule: CompiledRule, tied: readonly CompiledRule[]): string {
  const names = tied.map((r) => r.name).join(', ');
  const ascii = tied.some((r) => Math.sign(compareAscii(rule.name, r.name)) !== Math.sign(compareEbcdic(rule.name, r.name)));
  return `${names} also match${tied.length === 1 ? 'es' : ''} with the same priority; ${rule.name} wins only because its name sorts first (EBCDIC order assumed${ascii ? '; in ASCII order the other rule would win' : ''}). Give the intended rule a higher Priority.`;
}

// --- text ----------------------------------------------------------------------------------------

const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
};

function certaintyMark(s: Setting): string {
  if (s.source.kind !== 'default') return '';
  return s.source.certainty === 'recalled' ? '  (recalled, unconfirmed)' : s.source.certainty === 'usage' ? '  (observed, not in IBM reference)' : '';
}

/** Widest a column is padded to; a longer cell just sticks out. */
const MAX_COLUMN = 60;

function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  // Without the cap, one 16 KB value in a 7,000-row cipher list padded every row to 16 KB (a
  // hundred megabytes of text; found by the fuzzer).
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, Math.min(c.length, MAX_COLUMN))));
  return rows.map((r) => (indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).trimEnd());
}

function settingRows(settings: readonly Setting[], withSource: boolean, home: string): string[][] {
  const rows: string[][] = [];
  for (const s of settings) {
    const line = s.source.kind === 'policy' ? lineOf(s.source.statement, s.source.param.node.start) : 0;
    const at = s.source.kind === 'policy' ? (s.source.statement.doc.uri === home ? `line ${line}` : `${s.source.statement.doc.uri}:${line}`) : '';
    const where = s.source.kind === 'policy' ? `${blockLabel(s.source.statement)}, ${at}` : certaintyMark(s).trim();
    if (s.names && Array.isArray(s.value)) {
      s.value.forEach((code, i) => rows.push([i === 0 ? s.name : '', `${code} ${s.names![i] ?? ''}`, withSource && i === 0 ? where : '']));
      continue;
    }
    rows.push([s.name, settingText(s), withSource ? where : '']);
  }
  return rows;
}

/** The text answer. */
export function answerText(e: Explained): string {
  const { result } = e;
  const rule = result.rule;
  const policy = result.policy;
  const out: string[] = [];
  const label = (l: string): string => l.padEnd(12);
  out.push(`${label('Connection')}${describeConnection(result.connection)}`);
  const missing = missingAttributes(result.connection);
  if (missing.length > 0) out.push(`${label('')}not given: ${missing.join(', ')} (rules that test them are taken to match)`);
  out.push('');
  if (!rule) {
    out.push(`${label('Rule')}none of the ${policy.rules.length} rules matches`);
    out.push(`${label('Verdict')}NOT SECURED - no AT-TLS policy applies, so the connection is made without AT-TLS`);
  } else {
    const prio = rule.coded === undefined ? `Priority ${rule.priority}, not coded` : `Priority ${rule.priority}`;
    const pos = rule.statement.doc.parse.lineIndex.positionAt(rule.statement.anchor.start);
    out.push(`${label('Rule')}${rule.name}  (${ordinal(rule.order)} of ${policy.rules.length} in evaluation order, ${prio})`);
    out.push(`${label('')}${rule.statement.doc.uri}:${pos.line + 1}`);
    if (rule.enabled === true) out.push(`${label('Verdict')}SECURED - AT-TLS is on (TTLSEnabled On in TTLSGroupAction ${rule.group?.name})`);
    else if (rule.enabled === false) out.push(`${label('Verdict')}NOT SECURED - the rule matches, but its group ${rule.group?.name} has TTLSEnabled Off: data flows in the clear`);
    else out.push(`${label('Verdict')}UNKNOWN - the rule has no usable TTLSGroupAction (Policy Agent would reject the policy)`);
    const acts = [
      rule.group ? `group ${rule.group.name}` : 'no group action',
      rule.environment ? `environment ${rule.environment.name}` : 'no environment action',
      rule.connection ? `connection ${rule.connection.name}` : 'no connection action',
    ];
    out.push(`${label('Actions')}${acts.join(', ')}`);
    const self = result.trace[result.trace.length - 1]!;
    if (self.assumed.length > 0) out.push(`${label('Taken as')}${self.assumed.join('; ')}`);
    for (const n of self.notes) out.push(`${label('Time')}${n}`);
    if (e.tiedAfter.length > 0) out.push(`${label('Tie')}${tiedNote(rule, e.tiedAfter)}`);
    if (e.laterMatches.length > 0) {
      const list = e.laterMatches.map((r) => `${r.name} (#${r.order}, ${r.coded === undefined ? `Priority ${r.priority}, not coded` : `Priority ${r.priority}`})`);
      out.push(`${label('Also match')}${list.join(', ')}${e.laterMatches.length === LATER_SHOWN ? ', ...' : ''} - tried later, so they never get this connection`);
    }
  }
  if (rule && rule.enabled === true) {
    const coded = e.settings.filter((s) => s.source.kind === 'policy');
    const defaults = e.settings.filter((s) => s.source.kind === 'default' && s.key);
    out.push('');
    out.push('Settings coded in the policy');
    if (coded.length === 0) out.push('  (none)');
    else out.push(...table(settingRows(coded, true, rule.statement.doc.uri)));
    out.push('');
    out.push(`Defaults that apply (z/OS ${policy.model.release}; not coded)`);
    if (defaults.length === 0) out.push('  (none)');
    else out.push(...table(settingRows(defaults, true, rule.statement.doc.uri)));
    const other = e.settings.filter((s) => s.source.kind === 'default' && !s.key).length;
    if (other > 0) out.push(`  ... and ${other} more defaults (System SSL caches, revocation checking, extensions): see --format json`);
  }
  out.push('');
  const before = result.trace.filter((t) => !t.matched);
  if (!rule) out.push('Rules tried (none matched)');
  else out.push('Rules tried before it');
  if (before.length > 20) {
    // A long list starts with where the rules failed, most common condition first.
    const counts = new Map<string, number>();
    for (const t of before) counts.set(t.failed ?? '?', (counts.get(t.failed ?? '?') ?? 0) + 1);
    const parts = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} on ${k}`);
    out.push(`  ${before.length} rules failed: ${parts.join(', ')}`);
  }
  if (before.length === 0) out.push(`  (none: ${rule?.name} is the first rule in evaluation order)`);
  else {
    out.push(
      ...table(
        before.map((t) => [`#${t.rule.order}`, t.rule.name, t.rule.coded === undefined ? `${t.rule.priority}*` : String(t.rule.priority), t.detail ?? '']),
      ),
    );
  }
  if (e.notes.length > 0) {
    out.push('');
    out.push('Notes');
    for (const n of e.notes) out.push(`  - ${n}`);
  }
  if (e.assumptions.length > 0) {
    out.push('');
    out.push('Assumptions');
    for (const a of e.assumptions) out.push(`  - ${a.text}`);
  }
  return out.join('\n') + '\n';
}

/** Explains why one named rule does or does not match (used by `attls test` on failures). */
export function explainNamed(policy: CompiledPolicy, name: string, c: Connection): string | undefined {
  const r = policy.byName.get(name);
  if (!r) return undefined;
  const v = explainRule(r, c);
  return v.matched ? `${name} matches too, but comes later in evaluation order (#${r.order})` : (v.detail ?? 'does not match');
}
