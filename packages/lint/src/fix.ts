// Applying safe fixes, checking that they keep what the policy does, and showing them as a unified
// diff.
import { compilePolicy, diffRules, type CompiledPolicy, type CompiledRule } from '@attls/evaluate';
import type { Diagnostic, Fix, PolicyModel, StatementInfo, TextEdit } from '@attls/language';

/** A fix chosen for a pass, with the finding it comes from. */
export interface ChosenFix {
  readonly diagnostic: Diagnostic;
  readonly fix: Fix;
}

/**
 * The safe fixes of `diagnostics` that one pass can apply together: taken in position order, a fix
 * whose edits overlap an earlier one is left for the next pass. Edits for other documents are never
 * applied here, and neither are fixes `skip` names.
 */
export function selectFixes(text: string, diagnostics: readonly Diagnostic[], uri?: string, skip?: (c: ChosenFix) => boolean): ChosenFix[] {
  const candidates = diagnostics
    .filter((d) => !!d.fix && d.fix.edits.length > 0 && d.fix.edits.every((e) => !e.uri || e.uri === uri))
    .map((d) => ({ diagnostic: d, fix: { ...d.fix!, edits: [...d.fix!.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end) } }))
    .sort((a, b) => a.fix.edits[0]!.span.start - b.fix.edits[0]!.span.start);
  const out: ChosenFix[] = [];
  let lastEnd = 0;
  for (const c of candidates) {
    const edits = c.fix.edits;
    let ok = edits[0]!.span.start >= lastEnd;
    // Edits within one fix must not overlap each other either.
    for (let i = 1; ok && i < edits.length; i++) if (edits[i]!.span.start < edits[i - 1]!.span.end) ok = false;
    if (!ok || edits.some((e) => e.span.start < 0 || e.span.end > text.length || e.span.end < e.span.start)) continue;
    if (skip?.(c)) continue;
    out.push(c);
    lastEnd = Math.max(...edits.map((e) => e.span.end));
  }
  return out;
}

/** Applies fixes that do not overlap (as selectFixes chooses them) in one go. */
export function applyFixes(text: string, fixes: readonly ChosenFix[]): string {
  if (fixes.length === 0) return text;
  const taken: TextEdit[] = fixes.flatMap((c) => c.fix.edits).sort((a, b) => a.span.start - b.span.start);
  let out = '';
  let pos = 0;
  for (const e of taken) {
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/**
 * Applies the safe fixes of `diagnostics` to `text` in one pass (see selectFixes), without the
 * check that fixText makes of a pass.
 */
export function applyFixesOnce(text: string, diagnostics: readonly Diagnostic[], uri?: string): { text: string; applied: number } {
  const fixes = selectFixes(text, diagnostics, uri);
  return { text: applyFixes(text, fixes), applied: fixes.length };
}

/**
 * An error finding by what it says, not where it is: fixes move text. Case is folded, since
 * keywords and enumerated values are not case sensitive and a message may quote them as written.
 */
export function errorIdentity(d: Diagnostic): string {
  return `${d.code}\u0000${d.message.toLowerCase()}`;
}

/** Error findings counted by identity. */
export function errorCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const k = errorIdentity(d);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Whether `diagnostics` hold an error finding beyond those counted in `before`. */
export function hasNewError(before: ReadonlyMap<string, number>, diagnostics: readonly Diagnostic[]): boolean {
  for (const [k, n] of errorCounts(diagnostics)) if (n > (before.get(k) ?? 0)) return true;
  return false;
}

/**
 * Whether two policies behave alike as the semantic core sees them: the same rules in the same
 * order, with the same priorities, conditions, actions and effective settings (diffRules, which
 * compares settings by the value Policy Agent uses), and each rule's actions found or missing
 * alike (a reference that starts to resolve is a change even when it is spelt the same). When
 * nothing differs there, `attls match` answers every connection alike.
 */
export function sameBehaviour(before: CompiledPolicy | PolicyModel, after: CompiledPolicy | PolicyModel): boolean {
  const a = 'byName' in before ? before : compilePolicy(before);
  const b = 'byName' in after ? after : compilePolicy(after);
  if (a.rules.length !== b.rules.length) return false;
  for (let i = 0; i < a.rules.length; i++) if (actionsKey(a.rules[i]!) !== actionsKey(b.rules[i]!)) return false;
  const d = diffRules(a, b);
  return d.added.length + d.removed.length + d.reordered.length + d.changed.length === 0;
}

/** A rule's name, whether it is enabled, and which of its actions were found. */
function actionsKey(r: CompiledRule): string {
  const found = (s: StatementInfo | undefined): string => (s ? (s.name ?? '(inline)') : '(none)');
  return `${r.name}\u0000${r.enabled}\u0000${found(r.group)}\u0000${found(r.environment)}\u0000${found(r.connection)}`;
}

/** How many more candidate texts a fix run may lint and compare. */
export interface CheckBudget {
  left: number;
}

/**
 * Most candidate texts one fix run lints and compares, by the size of the text: plenty for a
 * policy of ordinary size, and a bounded multiple of one lint for a huge one. When it runs out,
 * the fixes not yet shown safe are left out.
 */
export function checkBudget(chars: number): CheckBudget {
  return { left: Math.max(8, Math.min(64, Math.floor(40_000_000 / Math.max(1, chars)))) };
}

/** What became of the fixes of one pass. */
export interface BisectOutcome<F> {
  /** Fixes kept: the last candidate that passed. */
  readonly accepted: readonly F[];
  /** Fixes that failed on their own. */
  readonly rejected: readonly F[];
  /** Fixes left out untried when the budget ran out. */
  readonly unchecked: readonly F[];
}

/**
 * Finds the fixes of a pass that can be kept: yields candidate sets (the fixes kept so far plus a
 * group to try) and is told whether each keeps the input's errors and behaviour. The whole pass is
 * tried first; a group that fails is split in halves, so that a few bad fixes among thousands cost
 * a few checks each rather than one check per fix. Each candidate uses one unit of the budget.
 */
export function* bisectFixes<F>(fixes: readonly F[], budget: CheckBudget): Generator<readonly F[], BisectOutcome<F>, boolean> {
  let accepted: F[] = [];
  const rejected: F[] = [];
  const queue: F[][] = fixes.length > 0 ? [[...fixes]] : [];
  while (queue.length > 0) {
    if (budget.left <= 0) return { accepted, rejected, unchecked: queue.flat() };
    budget.left--;
    const group = queue.shift()!;
    const candidate = [...accepted, ...group];
    if (yield candidate) accepted = candidate;
    else if (group.length > 1) queue.unshift(group.slice(0, group.length >> 1), group.slice(group.length >> 1));
    else rejected.push(group[0]!);
  }
  return { accepted, rejected, unchecked: [] };
}

/** A fix the same on every pass: its code, its title and what its edits replace with what. */
export function fixKey(text: string, c: { readonly diagnostic: Diagnostic; readonly fix: Fix }): string {
  const edits = [...c.fix.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return [c.diagnostic.code, c.fix.title, ...edits.map((e) => `${text.slice(e.span.start, e.span.end)}\u0001${e.newText}`)].join('\u0000');
}

/**
 * The findings after a fix run, with the fixes the check left out turned into suggestions: they
 * are no longer safe fixes, so the summary does not promise them to --fix again.
 */
export function withoutBadFixes(diagnostics: readonly Diagnostic[], text: string, bad: ReadonlySet<string>): Diagnostic[] {
  if (bad.size === 0) return [...diagnostics];
  return diagnostics.map((d) => (d.fix && bad.has(fixKey(text, { diagnostic: d, fix: d.fix })) ? { ...d, fix: undefined, suggestions: [...(d.suggestions ?? []), d.fix] } : d));
}

/** Splits text into lines, keeping track of whether the last one ends with a line break. */
function lines(text: string): string[] {
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };

/**
 * A line diff. Fixes change few, local lines, so a greedy walk that re-synchronises within a
 * window finds the same result as a minimal diff for them, in linear time on large files; for
 * other changes it is still correct, only possibly longer.
 */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const ops: Op[] = [];
  const WINDOW = 64;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i]!, a: i++, b: j++ });
      continue;
    }
    let found: [number, number] | undefined;
    search: for (let k = 1; k <= WINDOW; k++) {
      for (let x = 0; x <= k; x++) {
        const y = k - x;
        if (i + x <= a.length && j + y <= b.length && (i + x === a.length ? j + y === b.length : a[i + x] === b[j + y])) {
          found = [x, y];
          break search;
        }
      }
    }
    const [dx, dy] = found ?? [i < a.length ? 1 : 0, j < b.length ? 1 : 0];
    for (let n = 0; n < dx; n++) ops.push({ kind: '-', text: a[i]!, a: i++, b: j });
    for (let n = 0; n < dy; n++) ops.push({ kind: '+', text: b[j]!, a: i, b: j++ });
  }
  return ops;
}

/** A unified diff of two versions of a file, with three lines of context; '' when equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(lines(before), lines(after));
  const out: string[] = [`--- ${path}`, `+++ ${path}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === ' ') k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2 * context lines of each other.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === ' ' && gap - end < 2 * context) gap++;
      if (gap < ops.length && ops[gap]!.kind !== ' ') end = gap;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, stop);
    const aStart = hunk[0]!.a;
    const bStart = hunk[0]!.b;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen === 0 ? aStart : aStart + 1},${aLen} +${bLen === 0 ? bStart : bStart + 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.text}`);
    k = stop;
    start = stop;
  }
  return out.join('\n') + '\n';
}
