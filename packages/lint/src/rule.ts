// The contract of a lint rule: metadata (stable id, category, default severity, messages, options)
// and a check that reads the policy model and reports findings. One rule per file under rules/.
import type { Certainty, Fix, PolicyModel, RelatedLocation, Severity, Span, TargetRelease } from '@attls/language';

export type RuleCategory = 'correctness' | 'security' | 'reliability' | 'style';

export const RULE_CATEGORIES: readonly RuleCategory[] = ['correctness', 'security', 'reliability', 'style'];

export interface RuleOptionSpec {
  readonly name: string;
  readonly type: 'boolean' | 'number' | 'string' | 'string[]';
  readonly default: unknown;
  readonly description: string;
}

export interface RuleMeta {
  /** Stable kebab-case id; also the diagnostic code and the docs page name (docs/rules/<id>.md). */
  readonly id: string;
  readonly category: RuleCategory;
  /** The severity of its findings unless a configuration sets one; the highest any finding gets. */
  readonly defaultSeverity: Severity;
  /**
   * Lower default severities of some messages (by messageId), where one rule finds things of
   * different weight: weak-protocol's protocol coded On is an error, one On only by default a
   * warning. A configured severity applies to every finding of the rule alike.
   */
  readonly severities?: Readonly<Record<string, Severity>>;
  /** One sentence in our own words; also the summary of the docs page. */
  readonly description: string;
  /** True when the rule offers safe fixes that `attls lint --fix` applies. */
  readonly fixable: boolean;
  /** True when the rule offers behaviour-changing suggestions (editor only). */
  readonly hasSuggestions?: boolean;
  /** How sure the facts behind the rule are; an uncertain rule defaults to a warning at most. */
  readonly certainty?: Certainty;
  readonly options?: readonly RuleOptionSpec[];
  /**
   * Message templates by messageId, with `{{name}}` placeholders filled from a finding's data.
   * A finding that gives a messageId and no message is rendered from here.
   */
  readonly messages?: Readonly<Record<string, string>>;
}

/** A finding as a rule reports it; the engine adds the code and resolves the severity. */
export interface RuleReport {
  /** Document of the finding. */
  readonly uri: string;
  readonly span: Span;
  /** The rendered message; when absent it is built from `meta.messages[messageId]` and `data`. */
  readonly message?: string;
  readonly messageId?: string;
  readonly data?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: Fix;
  readonly suggestions?: readonly Fix[];
  /**
   * The default severity of this one finding, when no configuration sets the rule's (rarely right;
   * prefer a messageId listed in meta.severities). A configured severity still wins.
   */
  readonly severity?: Severity;
  readonly tags?: readonly (1 | 2)[];
  /**
   * The finding rests on a fact that is recalled or unconfirmed. Unless the user configured the
   * rule's severity explicitly, such a finding is shown as a warning at most.
   */
  readonly uncertain?: boolean;
}

export interface RuleContext {
  readonly model: PolicyModel;
  readonly release: TargetRelease;
  /** The rule's options, defaults filled in. */
  readonly options: Readonly<Record<string, unknown>>;
  report(finding: RuleReport): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * Templates split once, by template: the leading text, then for each placeholder its name, the
 * placeholder as written (kept when the name has no value) and the text after it. Templates are
 * the rules' own constants, and a rule can report thousands of findings.
 */
const compiled = new Map<string, string[]>();

function compile(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = [];
    const re = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(template)) !== null) {
      parts.push(template.slice(last, m.index), m[1]!, m[0]);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    // A template built from user text would grow the map without end: keep only the first few.
    if (compiled.size < 1000) compiled.set(template, parts);
  }
  return parts;
}

/** Fills `{{name}}` placeholders; lists are joined with commas. Unknown names stay as written. */
export function formatMessage(template: string, data: RuleReport['data'] = {}): string {
  const parts = compile(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) {
    const v = data[parts[i]!];
    out += (v === undefined ? parts[i + 1]! : Array.isArray(v) ? v.join(', ') : String(v)) + parts[i + 2]!;
  }
  return out;
}
