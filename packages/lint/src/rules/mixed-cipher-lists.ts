// mixed-cipher-lists: V3CipherSuites and V3CipherSuites4Char in one TTLSCipherParms. IBM says
// repeated lines of one keyword are concatenated, but not how the two keywords combine, so the
// order of preference is unclear. A list a Suite B profile makes Policy Agent ignore has no order
// that matters (cipher-list-ignored reports it).
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { cipherListInForce, statementsOf } from '../policy.js';

export default defineRule({
  meta: {
    id: 'mixed-cipher-lists',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag a TTLSCipherParms that codes both V3CipherSuites and V3CipherSuites4Char.',
    fixable: false,
    certainty: 'recalled',
    messages: {
      mixed: '{{statement}} codes both V3CipherSuites and V3CipherSuites4Char; how the two lists combine is not documented, so put every suite in one of them (V3CipherSuites4Char takes all codes).',
    },
  },
  check(ctx) {
    // Only blocks that code both kinds of list: those with a 4-character list, each once.
    const blocks = new Set(ctx.model.paramsOf('V3CipherSuites4Char').map((p) => p.owner).filter((s) => s.kind === 'TTLSCipherParms'));
    for (const s of blocks) {
      const two = s.paramsNamed('V3CipherSuites');
      const four = s.paramsNamed('V3CipherSuites4Char');
      if (two.length === 0 || four.length === 0 || !cipherListInForce(ctx.model, s)) continue;
      const second = two[0]!.node.start < four[0]!.node.start ? four[0]! : two[0]!;
      const first = second === four[0] ? two[0]! : four[0]!;
      ctx.report({
        uri: s.doc.uri,
        span: spanOf(second.keyword),
        messageId: 'mixed',
        data: { statement: s.label },
        related: [{ message: `${first.keyword.text} is coded here`, span: spanOf(first.keyword) }],
        uncertain: true,
      });
    }
  },
});
