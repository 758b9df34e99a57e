// shadowed-rule: a rule that no connection can reach, because rules tried before it take every
// connection it could match (one rule or several together), or because its own conditions
// contradict each other. Decided exactly by the analysis in @attls/evaluate.
import { analysePolicy, asciiDisagrees, priorityAbove, priorityFix, priorityText, removeRuleFix, samePriority, type CompiledRule } from '@attls/evaluate';
import type { Fix } from '@attls/language';
import { defineRule } from '../rule.js';

function names(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function ahead(r: CompiledRule): string {
  const effect = r.enabled === false ? ', TTLSEnabled Off' : '';
  return `${r.name} (${priorityText(r)}, #${r.order}${effect})`;
}

export default defineRule({
  meta: {
    id: 'shadowed-rule',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'A TTLSRule that no connection can ever reach, because rules tried before it take all of its connections.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      never: 'Rule {{rule}} can never match: {{reason}}.',
      shadowed: 'Rule {{rule}} can never be reached: {{ahead}} is tried first and takes every connection {{rule}} could match.',
      shadowedTogether: 'Rule {{rule}} can never be reached: {{ahead}}, tried before it, together take every connection it could match.',
      byName:
        'Rule {{rule}} can never be reached: {{cover}}. {{tied}} first only because {{sorts}} before {{rule}} at equal priority (EBCDIC order assumed{{ascii}}).',
      undecided:
        'Whether rule {{rule}} can be reached was not decided: the rules tried before it cut its connections into more pieces than the analysis follows exactly, so it is not checked for shadowing.',
      stopped:
        'The shadow analysis stopped at rule {{rule}}: the rules before it overlap in so many ways that following them exactly reached the bound of its work, so {{rule}} and the {{after}} rules after it are not checked for shadowing or overlap.',
    },
  },
  check(ctx) {
    const analysis = analysePolicy(ctx.model);
    const stopped = analysis.stoppedAt;
    if (stopped) {
      const after = analysis.rules.filter((a) => a.status === 'undecided' && a.rule.order > stopped.order).length;
      ctx.report({ uri: stopped.statement.doc.uri, span: stopped.statement.anchor, messageId: 'stopped', data: { rule: stopped.name, after: String(after) } });
    }
    for (const a of analysis.rules) {
      const rule = a.rule;
      const uri = rule.statement.doc.uri;
      const span = rule.statement.anchor;
      if (a.status === 'undecided') {
        if (!stopped || rule.order < stopped.order) ctx.report({ uri, span, messageId: 'undecided', data: { rule: rule.name } });
        continue;
      }
      if (a.status === 'never') {
        const remove = removeRuleFix(rule);
        ctx.report({
          uri,
          span,
          messageId: 'never',
          data: { rule: rule.name, reason: a.reason ?? '' },
          suggestions: remove ? [remove] : undefined,
        });
        continue;
      }
      if (a.status !== 'shadowed') continue;
      const blockers = a.takers.filter((t) => !t.timeLimited).map((t) => t.rule);
      const byName = blockers.filter((b) => samePriority(b, rule));
      const aheadText = blockers.length === 1 ? ahead(blockers[0]!) : names(blockers.map(ahead));
      const data: Record<string, string | readonly string[]> = { rule: rule.name, blockers: blockers.map((b) => b.name), ahead: aheadText };
      if (byName.length > 0) {
        // The byName message repeats the cover sentence of the other two, then says why.
        data['cover'] =
          blockers.length === 1
            ? `${aheadText} is tried first and takes every connection ${rule.name} could match`
            : `${aheadText}, tried before it, together take every connection it could match`;
        data['tied'] = `${names(byName.map((b) => b.name))} ${byName.length === 1 ? 'comes' : 'come'}`;
        data['sorts'] = byName.length === 1 ? 'its name sorts' : 'their names sort';
        data['ascii'] = byName.some((b) => asciiDisagrees(b.name, rule.name)) ? '; ASCII order would differ' : '';
      }
      const suggestions: Fix[] = [];
      const n = priorityAbove(blockers);
      const raise = n !== undefined ? priorityFix(`Give ${rule.name} Priority ${n} so that it is tried first`, rule, n) : undefined;
      if (raise) suggestions.push(raise);
      const remove = removeRuleFix(rule);
      if (remove) suggestions.push(remove);
      ctx.report({
        uri,
        span,
        messageId: byName.length > 0 ? 'byName' : blockers.length === 1 ? 'shadowed' : 'shadowedTogether',
        data,
        related: blockers.map((b) => ({
          message: `${b.name} (#${b.order}, ${priorityText(b)}) takes connections of ${rule.name} first`,
          span: b.statement.anchor,
          uri: b.statement.doc.uri,
        })),
        suggestions,
      });
    }
  },
});
