// jobname-lowercase: z/OS job names and SAF user IDs are upper case, so a Jobname or Userid with
// lower-case letters is believed never to match.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { replaceFix, statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'jobname-lowercase',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag Jobname and Userid values with lower-case letters, which z/OS job names and user IDs never have.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'recalled',
    messages: {
      lower: "{{keyword}} '{{value}}' has lower-case letters, but z/OS {{what}} are upper case; whether Policy Agent folds the case is not documented, so write '{{upper}}'.",
    },
  },
  check(ctx) {
    for (const kw of ['Jobname', 'Userid']) {
      for (const p of ctx.model.paramsOf(kw)) {
        const rule = p.owner;
        if (rule.kind !== 'TTLSRule') continue;
        {
          const w = p.values[0];
          if (!w || !/[a-z]/.test(w.text)) continue;
          const upper = w.text.toUpperCase();
          ctx.report({
            uri: rule.doc.uri,
            span: spanOf(w),
            messageId: 'lower',
            data: { keyword: kw, value: w.text, upper, what: kw === 'Jobname' ? 'job names' : 'user IDs' },
            suggestions: [replaceFix(`Change to '${upper}'`, spanOf(w), upper)],
            uncertain: true,
          });
        }
      }
    }
  },
});
