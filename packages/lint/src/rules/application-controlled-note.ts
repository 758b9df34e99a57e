// application-controlled-note: ApplicationControlled On hands the start of TLS to the application
// (SIOCTTLSCTL). Until the application asks, data flows in the clear, so the reason should be
// written next to it: a comment on the same line or on the line above counts.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { commentsByLine, effectiveParams, is, isCommentOnlyLine } from '../policy.js';

export default defineRule({
  meta: {
    id: 'application-controlled-note',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Require a comment explaining ApplicationControlled On, on the same line or the line above.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      note: 'ApplicationControlled On leaves the connection in the clear until the application starts TLS itself (SIOCTTLSCTL); add a comment on this line or the line above saying which application does that and why.',
    },
  },
  check(ctx) {
    for (const p of effectiveParams(ctx.model, 'ApplicationControlled', ['TTLSEnvironmentAdvancedParms', 'TTLSConnectionAdvancedParms'])) {
      {
        const s = p.owner;
        const w = p.values[0];
        if (!w || !is(w.text, 'on')) continue;
        const comments = commentsByLine(s.doc);
        const line = s.doc.parse.lineIndex.lineAt(p.node.start);
        const noted = comments.has(line) || (line > 0 && comments.has(line - 1) && isCommentOnlyLine(s.doc, line - 1));
        if (!noted) ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'note' });
      }
    }
  },
});
