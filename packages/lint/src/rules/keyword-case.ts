// keyword-case: keywords are not case sensitive, but one spelling -- the catalogue's, as IBM
// documents it -- makes policies easier to read and search (TTLSKeyringParms, not TTLSKeyRingParms).
import { spanOf, type Word } from '@attls/language';
import { defineRule } from '../rule.js';
import { replaceFix } from '../policy.js';

export default defineRule({
  meta: {
    id: 'keyword-case',
    category: 'style',
    defaultSeverity: 'hint',
    description: 'Spell statement and parameter keywords as IBM documents them (TTLSKeyringParms, SSLv3, Jobname).',
    fixable: true,
    certainty: 'confirmed',
    messages: {
      spelling: "Write '{{expected}}' as documented instead of '{{actual}}' (keywords are not case sensitive, so this changes nothing for Policy Agent).",
    },
  },
  check(ctx) {
    const report = (uri: string, w: Word, expected: string): void => {
      if (w.text === expected || w.quoted) return;
      ctx.report({ uri, span: spanOf(w), messageId: 'spelling', data: { expected, actual: w.text }, fix: replaceFix(`Change to '${expected}'`, spanOf(w), expected) });
    };
    for (const s of ctx.model.statements) {
      if (s.spec) {
        const kw = s.keyword.text;
        const alias = s.spec.aliases?.find((a) => a.toLowerCase() === kw.toLowerCase());
        report(s.doc.uri, s.keyword, alias ?? s.spec.name);
      }
      for (const p of s.params) {
        // p.spec is set only when the keyword is a parameter of this statement.
        if (p.spec && p.keyword.text !== p.spec.name) report(s.doc.uri, p.keyword, p.spec.name);
      }
    }
  },
});
