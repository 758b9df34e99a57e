// trace-too-verbose: Trace bits beyond error reporting (4 info, 8 event, 16 flow, 32 data, and the
// undocumented 64 and 128) write messages for every connection and can flood syslogd, which then
// discards records. Fine while diagnosing a problem, not in a production policy.
import { spanOf } from '@attls/language';
import { defineRule } from '../rule.js';
import { replaceFix, statementsOf } from '../policy.js';

const BITS: readonly [number, string][] = [
  [4, '4 (information)'],
  [8, '8 (event)'],
  [16, '16 (flow)'],
  [32, '32 (data)'],
  [64, '64 (undocumented)'],
  [128, '128 (undocumented)'],
];

export default defineRule({
  meta: {
    id: 'trace-too-verbose',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'Flag Trace values with bits beyond error reporting (1 and 2) in a production policy.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    options: [
      { name: 'production', type: 'boolean', default: true, description: 'The policy runs in production; set false for test policies to turn the rule off.' },
      { name: 'allowInfo', type: 'boolean', default: false, description: 'Accept bit 4 (connection information messages).' },
    ],
    messages: {
      verbose: 'Trace {{value}} turns on {{bits}} messages for every connection, which can flood syslogd (records are then discarded); use Trace 2 (errors to syslogd) in production, or 3 to add the job log.',
    },
  },
  check(ctx) {
    if (ctx.options['production'] === false) return;
    const allowed = ctx.options['allowInfo'] === true ? 7 : 3;
    for (const kind of ['TTLSGroupAction', 'TTLSEnvironmentAction', 'TTLSConnectionAction']) {
      for (const s of statementsOf(ctx.model, kind)) {
        const w = s.param('Trace')?.values[0];
        if (!w || !/^\d+$/.test(w.text)) continue;
        const n = Number(w.text);
        if ((n & ~allowed) === 0) continue;
        const bits = BITS.filter(([b]) => (n & b) !== 0 && (b & allowed) === 0).map(([, name]) => name);
        const errors = n & 3;
        const keep = String(errors === 0 ? 2 : errors);
        ctx.report({ uri: s.doc.uri, span: spanOf(w), messageId: 'verbose', data: { value: w.text, bits }, suggestions: [replaceFix(`Change to Trace ${keep}`, spanOf(w), keep)] });
      }
    }
  },
});
