// What `attls rules` lists and what SARIF describes: one entry per rule (and, on request, per
// built-in code), with its docs URL built in one place (docsUrl in @attls/language).
import { docsUrl, type Severity } from '@attls/language';
import { BUILTIN_CODES } from './builtins.js';
import type { Rule, RuleCategory } from './rule.js';
import { RULES } from './rules/index.js';

/** The stable JSON shape of `attls rules --format json`. */
export interface RuleEntry {
  readonly id: string;
  readonly category: RuleCategory;
  readonly defaultSeverity: Severity;
  readonly description: string;
  readonly fixable: boolean;
  readonly docs: string;
}

export function ruleEntries(rules: readonly Rule[] = RULES, options: { builtins?: boolean } = {}): RuleEntry[] {
  const out: RuleEntry[] = rules.map((r) => ({
    id: r.meta.id,
    category: r.meta.category,
    defaultSeverity: r.meta.defaultSeverity,
    description: r.meta.description,
    fixable: r.meta.fixable,
    docs: docsUrl(r.meta.id),
  }));
  if (options.builtins) {
    for (const b of BUILTIN_CODES) {
      out.push({ id: b.id, category: b.category, defaultSeverity: b.defaultSeverity, description: b.description, fixable: b.fixable, docs: docsUrl(b.id) });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
