// What changes between two policies, in behaviour rather than text: rules added, removed and moved
// in the evaluation order; per rule, its priority, conditions, actions and effective settings
// (compared by effective value); and the connections whose outcome changes (diff-regions.ts).
// Everything comes from the semantic core: compilePolicy for the rules in order, effectiveSettings
// for the settings with their provenance, the analysis boxes for the connection space.
import { pasearchOf, type PolicyModel } from '@attls/language';
import { DIR_BOTH, DIR_INBOUND, DIR_OUTBOUND, policyVerdict, type AddrCondition, type CompiledPolicy, type CompiledRule, type PortCondition } from './compile.js';
import { changedConnections, settingsByRule, type ConnectionChange } from './diff-regions.js';
import { describeAddresses, describePorts, settingDisplay, settingFrom, settingKey } from './diff-values.js';
import { describeNames } from './names.js';
import type { Setting } from './settings.js';

/** One side of a comparison: a compiled policy and how to name it. */
export interface DiffSide {
  readonly policy: CompiledPolicy;
  /** The file or files it was read from, as the user named them. */
  readonly source: string;
}

export type SideKind = 'policy' | 'pasearch';

export interface RuleChange {
  readonly kind: 'priority' | 'condition' | 'action' | 'setting';
  /** "Priority", "LocalPortRange", "TTLSGroupActionRef", "TLSv1.2", ... */
  readonly name: string;
  readonly old: string | null;
  readonly new: string | null;
  /** For settings: where each value comes from ("TTLSEnvironmentAction e1 (a.ttls:12)", "default for z/OS 3.1"). */
  readonly oldFrom?: string;
  readonly newFrom?: string;
  /**
   * Set when one side is a pasearch report and the other leaves the value to attls's default for
   * its release: the difference may be attls's catalogue being wrong rather than the policy.
   */
  readonly default?: 'old' | 'new';
}

/** Where a rule is defined: the file (path or URI) and its 1-based line. */
export interface RulePlace {
  readonly file: string;
  readonly line: number;
}

export interface PolicyDiff {
  readonly old: { readonly source: string; readonly kind: SideKind };
  readonly new: { readonly source: string; readonly kind: SideKind };
  readonly rules: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly reordered: readonly { readonly rule: string; readonly old: number; readonly new: number }[];
    readonly changed: readonly { readonly rule: string; readonly changes: readonly RuleChange[] }[];
  };
  readonly connections: readonly ConnectionChange[];
  readonly notes: readonly string[];
  /** Where each rule is on each side, for links (not part of the comparison). */
  readonly places: { readonly old: Readonly<Record<string, RulePlace>>; readonly new: Readonly<Record<string, RulePlace>> };
}

export interface DiffOptions {
  /** Most connection regions reported (default 500); the rest are counted in a note. */
  readonly maxConnections?: number;
}

/** Whether the comparison found anything that differs (what `attls diff` exits 1 for). */
export function hasDifferences(d: PolicyDiff): boolean {
  const r = d.rules;
  return r.added.length + r.removed.length + r.reordered.length + r.changed.length + d.connections.length > 0;
}

export function sideKind(model: PolicyModel): SideKind {
  return pasearchOf(model) ? 'pasearch' : 'policy';
}

// --- conditions ----------------------------------------------------------------------------------

function addrText(c: AddrCondition | undefined): string {
  return c ? describeAddresses(c.v4, c.v6) : 'All';
}

function portText(c: PortCondition | undefined): string {
  return c ? describePorts(c.ports) : 'All';
}

const DIRECTIONS: Record<number, string> = { [DIR_INBOUND]: 'Inbound', [DIR_OUTBOUND]: 'Outbound', [DIR_BOTH]: 'Both' };

/** The IpTimeCondition of a rule as the parameters that decide it, or null. */
function timeText(r: CompiledRule): string | null {
  if (!r.time) return null;
  const s = r.time.statement;
  const parts = ['TimePeriod', 'MonthOfYearMask', 'DayOfMonthMask', 'DayOfWeekMask', 'TimeOfDayRange', 'TimeZone']
    .map((k) => [k, s.value(k)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${v}`);
  return parts.length > 0 ? parts.join(', ') : 'always';
}

/** Each condition of a rule as comparable text, by keyword. */
function conditions(r: CompiledRule): [string, string | null][] {
  const out: [string, string | null][] = [
    ['Direction', DIRECTIONS[r.direction] ?? r.directionText],
    ['LocalAddr', addrText(r.localAddr)],
    ['RemoteAddr', addrText(r.remoteAddr)],
    ['LocalPortRange', portText(r.localPort)],
    ['RemotePortRange', portText(r.remotePort)],
    ['Jobname', r.jobname ? describeNames(r.jobname.set) : 'any'],
    ['Userid', r.userid ? describeNames(r.userid.set) : 'any'],
    ['IpTimeCondition', timeText(r)],
  ];
  // A condition Policy Agent would reject makes the rule match nothing: part of its behaviour.
  out.push(['broken', r.broken.length > 0 ? r.broken.map((b) => `${b.keyword}: ${b.reason}`).join('; ') : null]);
  return out;
}

const ACTION_REFS = ['TTLSGroupActionRef', 'TTLSEnvironmentActionRef', 'TTLSConnectionActionRef'] as const;

// --- the comparison ------------------------------------------------------------------------------

/**
 * Common rules whose relative order changed: those outside a longest run kept in order. Among runs
 * of the same length, one that keeps the rules whose priority did not change is preferred, so that
 * raising one rule's priority moves that rule rather than every rule it passes.
 */
function moved(oldRules: readonly CompiledRule[], newIndex: ReadonlyMap<string, CompiledRule>): Set<string> {
  const common = oldRules.filter((r) => newIndex.has(r.name));
  const n = common.length;
  const pos = common.map((r) => newIndex.get(r.name)!.index);
  const weight = common.map((r) => 2 * (n + 1) + (r.priority === newIndex.get(r.name)!.priority ? 1 : 0));
  // Heaviest increasing run by new position: a Fenwick tree of the best run ending below a position.
  const size = Math.max(0, ...pos) + 2;
  const tree = new Array<number>(size + 1).fill(0);
  const at = new Array<number>(size + 1).fill(-1);
  const best = new Array<number>(n).fill(0);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let top = 0;
    let from = -1;
    for (let k = pos[i]!; k > 0; k -= k & -k) {
      if (tree[k]! > top) {
        top = tree[k]!;
        from = at[k]!;
      }
    }
    best[i] = top + weight[i]!;
    prev[i] = from;
    for (let k = pos[i]! + 1; k <= size; k += k & -k) {
      if (best[i]! > tree[k]!) {
        tree[k] = best[i]!;
        at[k] = i;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < n; i++) if (end < 0 || best[i]! > best[end]!) end = i;
  const keep = new Set<number>();
  for (let i = end; i >= 0; i = prev[i]!) keep.add(i);
  const out = new Set<string>();
  common.forEach((r, i) => {
    if (!keep.has(i)) out.add(r.name);
  });
  return out;
}

type SettingsOf = ReadonlyMap<CompiledRule, Setting[]>;

/** Per rule present on both sides: what differs. */
function ruleChanges(oldP: CompiledPolicy, newP: CompiledPolicy, a: CompiledRule, b: CompiledRule, oldKind: SideKind, newKind: SideKind, settings: Settings): RuleChange[] {
  const out: RuleChange[] = [];
  const reportSide = oldKind === 'pasearch' && newKind === 'policy' ? 'old' : newKind === 'pasearch' && oldKind === 'policy' ? 'new' : undefined;
  const pa = a.priority ?? null;
  const pb = b.priority ?? null;
  if (pa !== pb) {
    // pasearch prints a rule without Priority as Priority 1: a report cannot say which was coded.
    const uncoded = reportSide === 'new' && pa === null ? 'old' : reportSide === 'old' && pb === null ? 'new' : undefined;
    out.push({ kind: 'priority', name: 'Priority', old: pa === null ? null : String(pa), new: pb === null ? null : String(pb), ...(uncoded ? { default: uncoded } : {}) });
  }
  const ca = conditions(a);
  const cb = new Map(conditions(b));
  for (const [name, va] of ca) {
    const vb = cb.get(name) ?? null;
    if (va !== vb) out.push({ kind: 'condition', name, old: va, new: vb });
  }
  for (const ref of ACTION_REFS) {
    const va = a.statement.value(ref) ?? null;
    const vb = b.statement.value(ref) ?? null;
    if (va !== vb) out.push({ kind: 'action', name: ref, old: va, new: vb });
  }
  out.push(...settingChanges(oldP, newP, settings.old.get(a)!, settings.new.get(b)!, a, b, reportSide));
  return out;
}

/** Effective settings that differ between two rules (compared by value, not by where coded). */
function settingChanges(oldP: CompiledPolicy, newP: CompiledPolicy, sa: readonly Setting[], sb: readonly Setting[], a: CompiledRule, b: CompiledRule, reportSide: 'old' | 'new' | undefined): RuleChange[] {
  const bByName = new Map(sb.map((s) => [s.name, s]));
  const aByName = new Map(sa.map((s) => [s.name, s]));
  // A rule in the clear has only TTLSEnabled; the others do not apply to its connections.
  const bothOn = a.enabled !== false && b.enabled !== false;
  const names = [...sa.map((s) => s.name), ...sb.map((s) => s.name).filter((n) => !aByName.has(n))];
  const out: RuleChange[] = [];
  for (const name of names) {
    if (!bothOn && name !== 'TTLSEnabled') continue;
    const x = aByName.get(name);
    const y = bByName.get(name);
    const kx = x ? settingKey(x) : null;
    const ky = y ? settingKey(y) : null;
    if (kx === ky) continue;
    const fromDefault = (s: Setting | undefined): boolean => !s || s.source.kind === 'default';
    const mark = reportSide === 'new' && fromDefault(x) ? 'old' : reportSide === 'old' && fromDefault(y) ? 'new' : undefined;
    out.push({
      kind: 'setting',
      name,
      old: x ? settingDisplay(x) : null,
      new: y ? settingDisplay(y) : null,
      ...(x ? { oldFrom: settingFrom(oldP.model, x) } : {}),
      ...(y ? { newFrom: settingFrom(newP.model, y) } : {}),
      ...(mark ? { default: mark } : {}),
    });
  }
  return out;
}

function placeOfRule(r: CompiledRule): RulePlace {
  const at = (r.statement.nameWord ?? r.statement.keyword).start;
  return { file: r.statement.doc.uri, line: r.statement.doc.parse.lineIndex.positionAt(at).line + 1 };
}

type Settings = { readonly old: SettingsOf; readonly new: SettingsOf };

/**
 * The rules' side of a comparison: rules added, removed and moved, and per rule its priority,
 * conditions, actions and effective settings. No connection regions: what `attls lint --fix`
 * checks its fixes with (nothing that differs here means no connection is answered differently).
 */
export function diffRules(oldP: CompiledPolicy, newP: CompiledPolicy, settings: Settings = { old: settingsByRule(oldP), new: settingsByRule(newP) }): PolicyDiff['rules'] {
  const oldKind = sideKind(oldP.model);
  const newKind = sideKind(newP.model);
  const added = newP.rules.filter((r) => !oldP.byName.has(r.name)).map((r) => r.name);
  const removed = oldP.rules.filter((r) => !newP.byName.has(r.name)).map((r) => r.name);
  const movedNames = moved(oldP.rules, newP.byName);
  const reordered = oldP.rules.filter((r) => movedNames.has(r.name)).map((r) => ({ rule: r.name, old: r.order, new: newP.byName.get(r.name)!.order }));
  const changed: { rule: string; changes: RuleChange[] }[] = [];
  for (const a of oldP.rules) {
    const b = newP.byName.get(a.name);
    if (!b) continue;
    const changes = ruleChanges(oldP, newP, a, b, oldKind, newKind, settings);
    if (changes.length > 0) changed.push({ rule: a.name, changes });
  }
  return { added, removed, reordered, changed };
}

/** Compares two policies. */
export function diffPolicies(oldSide: DiffSide, newSide: DiffSide, options: DiffOptions = {}): PolicyDiff {
  const oldP = oldSide.policy;
  const newP = newSide.policy;
  const oldKind = sideKind(oldP.model);
  const newKind = sideKind(newP.model);
  const settings = { old: settingsByRule(oldP), new: settingsByRule(newP) };
  const { added, removed, reordered, changed } = diffRules(oldP, newP, settings);
  const notes: string[] = [];
  const regions = changedConnections(oldP, newP, options.maxConnections ?? 500, settings);
  notes.push(...regions.notes);
  for (const [side, p, kind] of [['OLD', oldP, oldKind], ['NEW', newP, newKind]] as const) {
    const report = pasearchOf(p.model);
    if (report) for (const n of report.notes) notes.push(`${side} (report): ${n}`);
    const rejected = kind === 'policy' ? policyVerdict(p.model).rejected : 0;
    if (rejected > 0) {
      notes.push(`${side} has ${rejected} error${rejected === 1 ? '' : 's'} Policy Agent rejects (see attls lint): it would not install it; it is compared as written.`);
    }
  }
  if (oldP.model.release !== newP.model.release) {
    notes.push(`The two sides use the defaults of different releases (OLD z/OS ${oldP.model.release}, NEW z/OS ${newP.model.release}).`);
  }
  const defaults = summariseDefaults(changed, oldKind === 'pasearch' ? oldP.model.release : newP.model.release, oldKind === 'pasearch' ? 'OLD' : 'NEW');
  if (defaults) notes.push(defaults);
  const places = (p: CompiledPolicy): Record<string, RulePlace> => Object.fromEntries(p.rules.map((r) => [r.name, placeOfRule(r)]));
  return {
    old: { source: oldSide.source, kind: oldKind },
    new: { source: newSide.source, kind: newKind },
    rules: { added, removed, reordered, changed },
    connections: regions.changes,
    notes,
    places: { old: places(oldP), new: places(newP) },
  };
}

/** One note on the differences that come only from attls's defaults, by setting. */
function summariseDefaults(changed: readonly { rule: string; changes: readonly RuleChange[] }[], release: string, report: 'OLD' | 'NEW'): string | undefined {
  const by = new Map<string, { rules: string[]; catalogue: string | null; installed: string | null }>();
  for (const c of changed) {
    for (const x of c.changes) {
      if (!x.default || x.kind !== 'setting') continue;
      const catalogueValue = x.default === 'old' ? x.old : x.new;
      const installed = x.default === 'old' ? x.new : x.old;
      const key = `${x.name}\u0000${catalogueValue}\u0000${installed}`;
      let e = by.get(key);
      if (!e) by.set(key, (e = { rules: [], catalogue: catalogueValue, installed }));
      e.rules.push(c.rule);
    }
  }
  if (by.size === 0) return undefined;
  const parts = [...by.entries()].map(([k, e]) => `${k.split('\u0000')[0]} (attls's default ${e.catalogue ?? 'unknown'}, installed ${e.installed ?? 'not shown'}; ${e.rules.length} rule${e.rules.length === 1 ? '' : 's'})`);
  return `Differences that come only from defaults: the policy leaves these settings uncoded, so attls takes its catalogue's default for z/OS ${release}, while the report (${report}) shows what Policy Agent uses: ${parts.join('; ')}. Either the policy is not what is installed, or attls's default is wrong for this release.`;
}

export type { ConnectionChange, RegionBox } from './diff-regions.js';
