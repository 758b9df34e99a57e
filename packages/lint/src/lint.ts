// Lints policy texts: parse, build the model, run the checks and the enabled rules, apply the
// configuration and the inline suppressions, and hand back positioned results.
import { compilePolicy, type CompiledPolicy } from '@attls/evaluate';
import {
  buildModel,
  checkModel,
  compareDiagnostics,
  formatMessage,
  LineIndex,
  parse,
  type Diagnostic,
  type ParseResult,
  type PolicyModel,
  type TargetRelease,
} from '@attls/language';
import { builtinCode, isLockedCode } from './builtins.js';
import { EMPTY_CONFIG, type LintConfig, type RuleSetting } from './config.js';
import { applyDirectives, readDirectives, unusedDirectiveDiagnostics, type SuppressedDiagnostic } from './directives.js';
import { applyFixes, bisectFixes, checkBudget, errorCounts, fixKey, hasNewError, sameBehaviour, selectFixes, withoutBadFixes } from './fix.js';
import type { Rule } from './rule.js';
import { RULES } from './rules/index.js';

export interface LintOptions {
  /** z/OS release whose defaults apply; wins over the configuration's targetRelease. */
  readonly targetRelease?: TargetRelease;
  /** The rule registry (default: every registered rule). */
  readonly rules?: readonly Rule[];
  /** Severities and options per rule or built-in code. */
  readonly config?: LintConfig;
  /** Honour `# attls-lint-disable...` comments (default true). */
  readonly inlineConfig?: boolean;
  /** Report directives that suppress nothing as `unused-disable`. */
  readonly reportUnusedDisable?: boolean;
}

/** The options of a rule with its defaults filled in and the configured values over them. */
export function ruleOptions(rule: Rule, setting?: RuleSetting): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of rule.meta.options ?? []) out[o.name] = o.default;
  return { ...out, ...(setting?.options ?? {}) };
}

/**
 * Runs lint rules over a model and returns their findings by document. Rules configured "off" do
 * not run. Each rule runs on its own: one that throws becomes one internal-rule-error finding and
 * its partial findings are dropped; the other rules still run.
 */
export function runRules(model: PolicyModel, rules: readonly Rule[] = RULES, config: LintConfig = EMPTY_CONFIG): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const add = (uri: string, d: Diagnostic): void => {
    const list = out.get(uri);
    if (list) list.push(d);
    else out.set(uri, [d]);
  };
  const first = model.documents[0];
  for (const rule of rules) {
    const setting = config.rules.get(rule.meta.id);
    if (setting?.severity === 'off') continue;
    const configured = setting?.severity ?? rule.meta.defaultSeverity;
    const explicit = setting !== undefined;
    const found: { uri: string; d: Diagnostic }[] = [];
    try {
      rule.check({
        model,
        release: model.release,
        options: ruleOptions(rule, setting),
        report: (f) => {
          let message = f.message;
          if (message === undefined) {
            const template = f.messageId !== undefined ? rule.meta.messages?.[f.messageId] : undefined;
            if (template === undefined) throw new Error(`no message for messageId '${f.messageId ?? ''}'`);
            message = formatMessage(template, f.data);
          }
          // A configured severity is the user's word for every finding of the rule; without one,
          // each finding takes the default of its message, capped when it rests on recalled facts.
          let severity = explicit ? configured : (f.severity ?? (f.messageId !== undefined ? rule.meta.severities?.[f.messageId] : undefined) ?? configured);
          if (f.uncertain && !explicit && severity === 'error') severity = 'warning';
          found.push({
            uri: f.uri,
            d: { code: rule.meta.id, severity, message, messageId: f.messageId, data: f.data, span: f.span, related: f.related, fix: f.fix, suggestions: f.suggestions, tags: f.tags },
          });
        },
      });
    } catch (e) {
      if (first) {
        add(first.uri, {
          code: 'internal-rule-error',
          severity: 'error',
          message: `Rule '${rule.meta.id}' failed on this policy: ${(e as Error)?.message ?? String(e)}. Please report it.`,
          data: { rule: rule.meta.id },
          span: { start: 0, end: 0 },
        });
      }
      continue;
    }
    for (const x of found) add(x.uri, x.d);
  }
  return out;
}

/** The parser's, the built-in checks' and the rules' findings of one document of a model. */
export function modelDiagnostics(model: PolicyModel, ruleFindings: ReadonlyMap<string, readonly Diagnostic[]>, uri: string): Diagnostic[] {
  return [...(checkModel(model).get(uri) ?? []), ...(ruleFindings.get(uri) ?? [])];
}

/** The findings for one file, with what is needed to show positions. */
export interface LintResult {
  /** Path or URI of the file, as given. */
  readonly uri: string;
  readonly text: string;
  readonly lineIndex: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
  /** Findings hidden by inline directives, with the directive (its reason is kept for SARIF). */
  readonly suppressed?: readonly SuppressedDiagnostic[];
}

/** Applies the configured severity of built-in codes (never to syntax-*). */
function configureBuiltins(diagnostics: readonly Diagnostic[], config: LintConfig, ruleIds: ReadonlySet<string>): Diagnostic[] {
  if (config.rules.size === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (isLockedCode(d.code) || ruleIds.has(d.code)) {
      out.push(d);
      continue;
    }
    const setting = config.rules.get(d.code);
    if (!setting) out.push(d);
    else if (setting.severity !== 'off') out.push({ ...d, severity: setting.severity });
  }
  return out;
}


/**
 * The last step for one file: the configured severities of built-in codes, the file's inline
 * directives (and unused-disable findings), position order. Used by every way of linting.
 */
export function finishFile(uri: string, parsed: ParseResult, found: readonly Diagnostic[], options: LintOptions, cap = true): LintResult {
  const text = parsed.text;
  const rules = options.rules ?? RULES;
  const config = options.config ?? EMPTY_CONFIG;
  const ids = new Set(rules.map((r) => r.meta.id));
  let diagnostics = configureBuiltins(found, config, ids);
  let suppressed: SuppressedDiagnostic[] = [];
  if (options.inlineConfig !== false) {
    const directives = readDirectives(parsed.comments, parsed.lineIndex);
    if (directives.length > 0) {
      const r = applyDirectives(diagnostics, directives, parsed.lineIndex);
      diagnostics = r.kept;
      suppressed = r.suppressed;
      const unusedSetting = config.rules.get('unused-disable');
      if (options.reportUnusedDisable && unusedSetting?.severity !== 'off') {
        const known = (id: string): boolean => ids.has(id) || builtinCode(id) !== undefined;
        for (const d of unusedDirectiveDiagnostics(r.unused, text, parsed.lineIndex, known)) {
          diagnostics.push(unusedSetting ? { ...d, severity: unusedSetting.severity as Diagnostic['severity'] } : d);
        }
      }
    }
  }
  diagnostics.sort(compareDiagnostics);
  return { uri, text, lineIndex: parsed.lineIndex, diagnostics: cap ? capPerCode(diagnostics) : diagnostics, suppressed };
}

/**
 * Findings of one code in one file beyond which the rest are only counted. A line of 750,000 stray
 * braces makes 1.5 million findings, whose JSON is longer than a JavaScript string can be (and an
 * editor cannot show them either); the first ones say all there is to say. Real policies stay far
 * below: a generated 8,000-rule policy has about 3,200 findings of its most frequent code.
 */
export const MAX_FINDINGS_PER_CODE = 10_000;

function capPerCode(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_FINDINGS_PER_CODE) return diagnostics;
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  if (![...counts.values()].some((n) => n > MAX_FINDINGS_PER_CODE)) return diagnostics;
  const shown = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const k = (shown.get(d.code) ?? 0) + 1;
    shown.set(d.code, k);
    if (k < MAX_FINDINGS_PER_CODE) out.push(d);
    else if (k === MAX_FINDINGS_PER_CODE) {
      const more = counts.get(d.code)! - k;
      out.push(more > 0 ? { ...d, message: `${d.message} (${more.toLocaleString('en')} more ${d.code} findings in this file are not listed.)` } : d);
    }
  }
  return out;
}

function releaseOf(options: LintOptions): TargetRelease | undefined {
  return options.targetRelease ?? options.config?.targetRelease;
}

/** Lints one file on its own. */
export function lintText(uri: string, text: string, options: LintOptions = {}): LintResult {
  return lintParsed(uri, parse(text), options);
}

/** Lints one file already parsed (the CLI parses once to tell policies from configuration files). */
export function lintParsed(uri: string, parsed: ParseResult, options: LintOptions = {}, cap = true): LintResult {
  const model = buildModel([{ uri, parse: parsed }], { targetRelease: releaseOf(options) });
  const found = runRules(model, options.rules ?? RULES, options.config);
  return finishFile(uri, parsed, modelDiagnostics(model, found, uri), options, cap);
}

/** Lints the files of one policy together (a common file before a stack file, for instance). */
export function lintPolicy(files: readonly { uri: string; text: string }[], options: LintOptions = {}): {
  model: PolicyModel;
  results: LintResult[];
} {
  const docs = files.map((f) => ({ uri: f.uri, parse: parse(f.text) }));
  const model = buildModel(docs, { targetRelease: releaseOf(options) });
  const found = runRules(model, options.rules ?? RULES, options.config);
  const results = docs.map((d) => finishFile(d.uri, d.parse, modelDiagnostics(model, found, d.uri), options));
  return { model, results };
}

export interface FixResult {
  /** The text after every pass. */
  readonly output: string;
  /** Number of fixes applied over all passes. */
  readonly fixed: number;
  readonly passes: number;
  /** Lint result of the fixed text. */
  readonly result: LintResult;
  /** Fixes left out because, applied, they added an error or changed what the policy does. */
  readonly rejected: number;
  /** How many candidate texts were linted and compared to the input to decide that. */
  readonly checks: number;
}

/**
 * Applies safe fixes repeatedly (at most 10 passes) until a pass changes nothing, re-linting after
 * each pass so that fixes never work from stale positions. A pass is kept only when its result has
 * no error finding the input did not have and the same behaviour as the input (rules, order,
 * conditions, actions, effective settings: sameBehaviour); when it fails that, its fixes are tried
 * in halves, and so on (bisectFixes), keeping every group that passes. A fix found bad is not tried
 * again. Every fix should be safe by construction; this is the check that it is.
 */
export function fixText(uri: string, text: string, options: LintOptions = {}, maxPasses = 10): FixResult {
  // Every finding's fix in each pass, not only the first 10,000 of a code that are listed: a run
  // of 500,000 duplicate cipher codes is then one pass rather than ten.
  const lint = (t: string): { result: LintResult; model: PolicyModel } => {
    const parsed = parse(t);
    const model = buildModel([{ uri, parse: parsed }], { targetRelease: releaseOf(options) });
    const found = runRules(model, options.rules ?? RULES, options.config);
    return { result: finishFile(uri, parsed, modelDiagnostics(model, found, uri), options, false), model };
  };
  const input = lint(text);
  const errorsBefore = errorCounts(input.result.diagnostics);
  let policyBefore: CompiledPolicy | undefined;
  const budget = checkBudget(text.length);
  const bad = new Set<string>();
  let state = input;
  let current = text;
  let fixed = 0;
  let passes = 0;
  let rejected = 0;
  let checks = 0;
  /** The candidate's analysis when it keeps the input's errors and behaviour. */
  const check = (candidate: string): { result: LintResult; model: PolicyModel } | undefined => {
    checks++;
    try {
      const next = lint(candidate);
      if (hasNewError(errorsBefore, next.result.diagnostics)) return undefined;
      policyBefore ??= compilePolicy(input.model);
      return sameBehaviour(policyBefore, next.model) ? next : undefined;
    } catch {
      // A check that cannot be made keeps nothing.
      return undefined;
    }
  };
  while (passes < maxPasses) {
    const base = current;
    const fixes = selectFixes(base, state.result.diagnostics, uri, (c) => bad.size > 0 && bad.has(fixKey(base, c)));
    if (fixes.length === 0) break;
    const search = bisectFixes(fixes, budget);
    let kept: { result: LintResult; model: PolicyModel } | undefined;
    let step = search.next();
    while (!step.done) {
      const next = check(applyFixes(base, step.value));
      if (next) kept = next;
      step = search.next(next !== undefined);
    }
    const outcome = step.value;
    for (const c of outcome.rejected) bad.add(fixKey(base, c));
    rejected += outcome.rejected.length + outcome.unchecked.length;
    const next = kept ? applyFixes(base, outcome.accepted) : base;
    if (kept && next !== base) {
      passes++;
      fixed += outcome.accepted.length;
      current = next;
      state = kept;
    }
    // Out of checks, nothing more can be shown safe.
    if (!kept || next === base || outcome.unchecked.length > 0) break;
  }
  return { output: current, fixed, passes, rejected, checks, result: { ...state.result, diagnostics: capPerCode(withoutBadFixes(state.result.diagnostics, current, bad)) } };
}

/** Counts of findings by severity. */
export function countSeverities(results: readonly LintResult[]): Record<'error' | 'warning' | 'info' | 'hint', number> {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) for (const d of r.diagnostics) counts[d.severity]++;
  return counts;
}
