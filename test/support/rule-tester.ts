// A RuleTester in the manner of ESLint's: tables of valid and invalid policies per rule. It checks
// the tests themselves (invalid cases need errors, messageIds must exist, output is required
// exactly when the rule fixes), applies fixes and re-lints the result.
import assert from 'node:assert/strict';
import { parse, type TargetRelease } from '@attls/language';
import { fixText, lintText, RULES, type LintConfig, type Rule } from '@attls/lint';

export interface ValidCase {
  readonly code: string;
  readonly options?: Record<string, unknown>;
  readonly release?: TargetRelease;
  readonly name?: string;
}

export interface ExpectedError {
  readonly messageId: string;
  /** 1-based line and column of the start, and optionally of the end (exclusive). */
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly data?: Record<string, unknown>;
  readonly severity?: string;
  /** Titles of the editor suggestions, in order (checked when given). */
  readonly suggestions?: readonly string[];
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
  /** Text after `--fix`; required exactly when the rule fixes something in this case. */
  readonly output?: string;
}

function ruleById(id: string): Rule {
  const r = RULES.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule '${id}'`);
  return r;
}

/** Defaults unless options are given (a configured severity would lift the cap on uncertain findings). */
function configFor(rule: Rule, options?: Record<string, unknown>): LintConfig {
  if (!options) return { rules: new Map(), ignore: [] };
  return { rules: new Map([[rule.meta.id, { severity: rule.meta.defaultSeverity, options }]]), ignore: [] };
}

export function ruleTester(id: string, cases: { valid: readonly (string | ValidCase)[]; invalid: readonly InvalidCase[] }): void {
  const rule = ruleById(id);
  describe(`rule ${id}`, () => {
    cases.valid.forEach((c, i) => {
      const v = typeof c === 'string' ? { code: c } : c;
      it(`valid #${i + 1}${v.name ? `: ${v.name}` : ''}`, () => {
        const r = lintText('test.ttls', v.code, { rules: [rule], config: configFor(rule, v.options), targetRelease: v.release });
        assert.deepEqual(r.diagnostics.filter((d) => d.code === id).map((d) => d.message), []);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        assert.ok(c.errors.length > 0, 'an invalid case needs at least one expected error');
        for (const e of c.errors) assert.ok(rule.meta.messages?.[e.messageId] !== undefined, `unknown messageId '${e.messageId}'; expected one of ${Object.keys(rule.meta.messages ?? {}).join(', ')}`);
        const opts = { rules: [rule], config: configFor(rule, c.options), targetRelease: c.release };
        const r = lintText('test.ttls', c.code, opts);
        const found = r.diagnostics.filter((d) => d.code === id);
        const actual = found.map((d) => {
          const range = r.lineIndex.rangeOf(d.span);
          return {
            messageId: d.messageId,
            line: range.start.line + 1,
            column: range.start.character + 1,
            endLine: range.end.line + 1,
            endColumn: range.end.character + 1,
            data: d.data,
            severity: d.severity,
            suggestions: (d.suggestions ?? []).map((f) => f.title),
          };
        });
        const expected = c.errors.map((e, n) => {
          const a = actual[n];
          return {
            messageId: e.messageId,
            line: e.line,
            column: e.column,
            endLine: e.endLine ?? a?.endLine,
            endColumn: e.endColumn ?? a?.endColumn,
            data: e.data ? { ...a?.data, ...e.data } : a?.data,
            severity: e.severity ?? a?.severity,
            suggestions: e.suggestions ?? a?.suggestions,
          };
        });
        assert.deepEqual(actual, expected);
        const fixes = found.filter((d) => d.fix);
        if (c.output === undefined) {
          assert.equal(fixes.length, 0, 'the rule produced a fix: give the expected output');
          return;
        }
        assert.ok(rule.meta.fixable, 'output given for a rule that is not fixable');
        const fixed = fixText('test.ttls', c.code, opts);
        assert.equal(fixed.output, c.output);
        assert.deepEqual(parse(fixed.output).diagnostics.filter((d) => d.code.startsWith('syntax-')), [], 'fixed output must parse');
        assert.deepEqual(fixed.result.diagnostics.filter((d) => d.code === id && d.fix).map((d) => d.message), [], 'fixed output must not trigger the fixed rule again');
      });
    });
  });
}
