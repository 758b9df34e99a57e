// Properties: what a policy guarantees over every connection of a space, decided exactly, with a
// concrete counterexample when it does not hold.
//
// The space (properties-space.ts) is a list of boxes of the shadow analysis's region algebra. It is
// cut by the rules in evaluation order (compilePolicy's, first match wins): the part of a fragment
// inside a rule's box is a region that gets that rule, the rest goes on to the next rule; what is
// left after the last rule gets no rule. A rule with an IpTimeCondition takes its part only at the
// times it is in effect: fragments carry the set of time signatures (properties-time.ts) still
// possible, and its part goes on at the other times. Every connection of the space lies in exactly
// one region, so judging each region's rule decides the property for the whole space.
//
// Cost: each rule met splits a fragment into at most 8 (analysis.ts); the rule index limits the
// rules tried to those whose bounds meet the space. Work and fragments are capped (WORK_LIMIT,
// FRAGMENT_LIMIT); a property that reaches a cap is "undecided", never guessed.
import { formatAddress } from '@attls/language';
import { boxesIntersect, boxQuery, intersectBox, ruleBoxes, subtractBox, type Box } from './analysis.js';
import { settingFailures, type Expected } from './cases.js';
import { DIR_INBOUND, type CompiledPolicy, type CompiledRule } from './compile.js';
import type { Connection } from './connection.js';
import { RuleIndex } from './index-matcher.js';
import { hasRealName, sampleRealName, type Space } from './properties-space.js';
import { timeSignatures, type TimeSignatures } from './properties-time.js';
import { isSecured } from './report.js';
import { effectiveSettings } from './settings.js';

export const PROPERTY_WORK_LIMIT = 2_000_000;
export const PROPERTY_FRAGMENT_LIMIT = 100_000;

/** The share of the space one rule gets (or no rule: `rule` undefined). */
export interface Share {
  readonly rule: CompiledRule | undefined;
  /** Regions of the space that get it. */
  readonly regions: number;
  /** A connection of its first region. */
  readonly example: Connection;
}

export interface Exploration {
  /** Rules the space reaches, in evaluation order; the share that gets no rule last. */
  readonly shares: readonly Share[];
  readonly regions: number;
  /** Why the space could not be decided (a work bound); shares are then incomplete. */
  readonly undecided?: string;
}

interface Fragment {
  readonly box: Box;
  /** Time signatures at which this part of the space is still unmatched. */
  readonly sigs: bigint;
}

const indexes = new WeakMap<CompiledPolicy, RuleIndex>();
const boxCache = new WeakMap<CompiledRule, Box[]>();

function boxesOf(r: CompiledRule): Box[] {
  let b = boxCache.get(r);
  if (!b) boxCache.set(r, (b = ruleBoxes(r)));
  return b;
}

/** Whether a box still holds a connection that exists (names a real job or user can have). */
function real(b: Box, parent: Box): boolean {
  return (b.job === parent.job || hasRealName(b.job)) && (b.user === parent.user || hasRealName(b.user));
}

function lowestBit(mask: bigint): number {
  let i = 0;
  while ((mask & 1n) === 0n) {
    mask >>= 1n;
    i++;
  }
  return i;
}

/** A connection inside a region, at a moment of one of its time signatures. */
function sample(b: Box, sigs: bigint, times: TimeSignatures): Connection {
  const time = times.moments[lowestBit(sigs)];
  return {
    direction: b.dir & DIR_INBOUND ? 'inbound' : 'outbound',
    localAddr: { family: b.fam, value: b.la[0]!.lo },
    remoteAddr: { family: b.fam, value: b.ra[0]!.lo },
    localPort: Number(b.lp[0]!.lo),
    remotePort: Number(b.rp[0]!.lo),
    jobname: sampleRealName(b.job)!,
    userid: sampleRealName(b.user)!,
    ...(time ? { time } : {}),
  };
}

/** Cuts a space into regions by the rules in evaluation order; each region gets one rule or none. */
export function exploreSpace(policy: CompiledPolicy, space: Space): Exploration {
  const rules = policy.rules;
  let index = indexes.get(policy);
  if (!index) indexes.set(policy, (index = new RuleIndex(policy)));
  const times = timeSignatures(policy, space.time);
  const shares = new Map<CompiledRule | undefined, { regions: number; example: Connection }>();
  let regions = 0;
  let work = 0;
  const give = (rule: CompiledRule | undefined, box: Box, sigs: bigint): void => {
    regions++;
    const s = shares.get(rule);
    if (s) s.regions++;
    else shares.set(rule, { regions: 1, example: sample(box, sigs, times) });
  };
  const done = (undecided?: string): Exploration => {
    const order = (r: CompiledRule | undefined): number => r?.index ?? rules.length;
    const list = [...shares.entries()].sort((a, b) => order(a[0]) - order(b[0])).map(([rule, s]) => ({ rule, regions: s.regions, example: s.example }));
    return { shares: list, regions, ...(undecided ? { undecided } : {}) };
  };
  for (const start of space.boxes) {
    let frags: Fragment[] = [{ box: start, sigs: times.all }];
    for (const ci of index.candidates(boxQuery(start), rules.length)) {
      const rule = rules[ci]!;
      const inEffect = times.inEffect.get(ci) ?? times.all;
      for (const rb of boxesOf(rule)) {
        if (rb.fam !== start.fam) continue;
        const next: Fragment[] = [];
        for (const f of frags) {
          work++;
          const on = f.sigs & inEffect;
          if (on === 0n || !boxesIntersect(f.box, rb)) {
            next.push(f);
            continue;
          }
          if (times.incomplete && times.inEffect.has(ci)) {
            return done(`the time conditions of the policy have too many combinations to try every moment (rule ${rule.name}, #${rule.order}); give a time in "for"`);
          }
          const inside = intersectBox(f.box, rb);
          if (!inside) {
            next.push(f);
            continue;
          }
          if (real(inside, f.box)) {
            give(rule, inside, on);
            // At the times the rule is out of effect, its part goes on to later rules.
            const off = f.sigs & ~inEffect;
            if (off !== 0n) next.push({ box: inside, sigs: off });
          }
          for (const rest of subtractBox(f.box, rb)) {
            work++;
            if (real(rest, f.box)) next.push({ box: rest, sigs: f.sigs });
          }
        }
        frags = next;
        if (work > PROPERTY_WORK_LIMIT || frags.length > PROPERTY_FRAGMENT_LIMIT) {
          return done(`the space splits into more than ${frags.length > PROPERTY_FRAGMENT_LIMIT ? `${PROPERTY_FRAGMENT_LIMIT} regions` : `${PROPERTY_WORK_LIMIT} steps of work`} at rule ${rule.name} (#${rule.order}); give a narrower "for"`);
        }
      }
      if (frags.length === 0) break;
    }
    for (const f of frags) give(undefined, f.box, f.sigs);
  }
  return done();
}

// --- judging ------------------------------------------------------------------------------------

/** What every connection of a property's space must get. */
export interface PropertyExpect {
  /** The rule's name; null: no rule. */
  readonly rule?: string | null;
  readonly secured?: boolean;
  /** Effective settings of the rule (judged on secured connections only). */
  readonly settings: Readonly<Record<string, Expected>>;
}

export interface Property {
  readonly name: string;
  readonly space: Space;
  readonly expect: PropertyExpect;
}

/** Says why a rule's connections break a guarantee, or undefined when they keep it. */
export type Judge = (rule: CompiledRule | undefined) => string | undefined;

/** "no rule", or "TN3270Secure (#1)". */
export function ruleLabel(rule: CompiledRule | undefined): string {
  return rule ? `${rule.name} (#${rule.order})` : 'no rule';
}

/** Why a connection that gets `rule` is not secured (beside the rule's name), or undefined when it is. */
export function unsecuredReason(rule: CompiledRule | undefined): string | undefined {
  if (!rule) return 'no rule matches, so AT-TLS does not secure it';
  if (rule.enabled === true) return undefined;
  if (rule.enabled === false) return `TTLSEnabled Off in ${rule.group?.name ?? 'its group'}: not secured`;
  return 'no usable TTLSGroupAction: not secured (Policy Agent would reject the policy)';
}

/** The judge of a property's `expect`, asking effectiveSettings for the settings. */
export function expectJudge(policy: CompiledPolicy, expect: PropertyExpect): Judge {
  return (rule) => {
    const failures: string[] = [];
    if (expect.rule !== undefined && (rule?.name ?? null) !== expect.rule) {
      failures.push(`gets ${ruleLabel(rule)}, expected ${expect.rule === null ? 'no rule' : expect.rule}${expect.rule !== null && !policy.byName.has(expect.rule) ? ` (there is no rule named ${expect.rule})` : ''}`);
    }
    const secured = isSecured(rule);
    const unsecured = unsecuredReason(rule);
    if (expect.secured === true && unsecured) failures.push(unsecured);
    if (expect.secured === false && secured) failures.push(`TTLSEnabled On in ${rule!.group?.name}: secured`);
    if (Object.keys(expect.settings).length > 0) {
      if (!secured) {
        if (expect.secured !== true) failures.push(`${unsecured}; settings apply only to secured connections`);
      } else failures.push(...settingFailures(effectiveSettings(policy.model, rule!), true, expect.settings));
    }
    return failures.length > 0 ? failures.join('; ') : undefined;
  };
}

export interface Counterexample {
  readonly connection: Connection;
  readonly rule: CompiledRule | undefined;
  readonly secured: boolean;
  readonly reason: string;
}

/** A rule's share of the space that breaks the guarantee. */
export interface Violation extends Share {
  readonly reason: string;
}

export interface Decision {
  readonly holds: boolean;
  readonly regions: number;
  readonly failingRegions: number;
  /** Shares that break it, in evaluation order (no rule last). */
  readonly violations: readonly Violation[];
  readonly undecided?: string;
}

/** Decides a guarantee over a space: every region's rule is judged once. */
export function decide(policy: CompiledPolicy, space: Space, judge: Judge): Decision {
  const e = exploreSpace(policy, space);
  const violations: Violation[] = [];
  for (const s of e.shares) {
    const reason = judge(s.rule);
    if (reason !== undefined) violations.push({ ...s, reason });
  }
  const failingRegions = violations.reduce((n, v) => n + v.regions, 0);
  return {
    holds: violations.length === 0 && !e.undecided,
    regions: e.regions,
    failingRegions,
    violations,
    ...(e.undecided ? { undecided: e.undecided } : {}),
  };
}

export interface PropertyResult {
  readonly property: Property;
  readonly passed: boolean;
  readonly regions: number;
  readonly failingRegions: number;
  /** The first violation in evaluation order, as a concrete connection. */
  readonly counterexample?: Counterexample;
  readonly undecided?: string;
}

export function checkProperty(policy: CompiledPolicy, property: Property): PropertyResult {
  const d = decide(policy, property.space, expectJudge(policy, property.expect));
  const v = d.violations[0];
  return {
    property,
    passed: d.holds,
    regions: d.regions,
    failingRegions: d.failingRegions,
    ...(v ? { counterexample: { connection: v.example, rule: v.rule, secured: isSecured(v.rule), reason: v.reason } } : {}),
    ...(d.undecided ? { undecided: d.undecided } : {}),
  };
}

/** A connection as the fields `attls match` takes (its options and CSV columns). */
export function connectionFields(c: Connection): Record<string, string | number> {
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
