// weak-cipher: NULL, EXPORT, anonymous, RC4, RC2, DES, 3DES and MD5 suites in a cipher list, by
// name or by 2- or 4-character code; any V2CipherSuites at all. A list that a Suite B profile makes
// Policy Agent ignore is left to cipher-list-ignored: its ciphers are never offered.
import { spanOf, type Fix, type ParamInfo, type Span } from '@attls/language';
import { defineRule } from '../rule.js';
import { cipherEntries, cipherListInForce, cipherWeaknesses, statementsOf, type CipherEntry } from '../policy.js';

const PER_WORD = new WeakMap<readonly CipherEntry[], Map<object, number>>();

/** How many entries of a list come from each word, counted once per list (a run can hold thousands). */
function entriesPerWord(all: readonly CipherEntry[]): Map<object, number> {
  let m = PER_WORD.get(all);
  if (!m) {
    m = new Map();
    for (const x of all) m.set(x.word, (m.get(x.word) ?? 0) + 1);
    PER_WORD.set(all, m);
  }
  return m;
}

/**
 * Removes one cipher: its characters inside a run of codes, or the whole line when it is alone on
 * it; nothing when the line holds more than the parameter (a brace, another statement), which
 * removing it would take along.
 */
export function removeCipherFix(e: CipherEntry, all: readonly CipherEntry[]): Fix | undefined {
  if ((entriesPerWord(all).get(e.word) ?? 0) > 1) return { title: `Remove ${e.text} from the list`, edits: [{ span: e.span, newText: '' }] };
  if (!standsAlone(e.param)) return undefined;
  return { title: `Remove the ${e.param.keyword.text} line`, edits: [{ span: lineSpan(e.param), newText: '' }] };
}

/** The whole line of a parameter, line break included. */
export function lineSpan(p: ParamInfo): Span {
  const text = p.owner.doc.parse.text;
  const li = p.owner.doc.parse.lineIndex;
  const line = li.lineAt(p.node.start);
  const start = li.lineStarts[line]!;
  const end = line + 1 < li.lineCount ? li.lineStarts[line + 1]! : text.length;
  return { start, end };
}

/** Whether a parameter's line holds nothing but it (blanks and a comment aside). */
export function standsAlone(p: ParamInfo): boolean {
  const text = p.owner.doc.parse.text;
  const li = p.owner.doc.parse.lineIndex;
  const line = li.lineAt(p.node.start);
  if (li.lineAt(p.node.end) !== line) return false;
  const bounds = li.lineBounds(line, text);
  const after = text.slice(p.node.end, bounds.end).trimStart();
  return text.slice(bounds.start, p.node.start).trim() === '' && (after === '' || after.startsWith('#'));
}

export default defineRule({
  meta: {
    id: 'weak-cipher',
    category: 'security',
    defaultSeverity: 'error',
    severities: { v2: 'warning' },
    description: 'Disallow NULL, EXPORT, anonymous, RC4, RC2, DES, 3DES and MD5 cipher suites, and SSL V2 cipher lists.',
    fixable: false,
    hasSuggestions: true,
    certainty: 'confirmed',
    messages: {
      weak: '{{cipher}} is a weak cipher suite ({{reasons}}); remove it from the list.',
      v2: 'V2CipherSuites lists SSL 2.0 ciphers, which are all broken; remove the line (and keep SSLv2 Off).',
    },
  },
  check(ctx) {
    for (const block of statementsOf(ctx.model, 'TTLSCipherParms')) {
      if (!cipherListInForce(ctx.model, block)) continue;
      const entries = cipherEntries(block);
      const v2Reported = new Set<ParamInfo>();
      for (const e of entries) {
        if (e.v2) {
          if (v2Reported.has(e.param)) continue;
          v2Reported.add(e.param);
          ctx.report({
            uri: block.doc.uri,
            span: spanOf(e.param.keyword),
            messageId: 'v2',
            suggestions: standsAlone(e.param) ? [{ title: 'Remove the V2CipherSuites line', edits: [{ span: lineSpan(e.param), newText: '' }] }] : [],
          });
          continue;
        }
        if (!e.name) continue;
        const reasons = cipherWeaknesses(e.name);
        if (reasons.length === 0) continue;
        const cipher = e.name === e.text ? e.name : `${e.text} (${e.name})`;
        ctx.report({
          uri: block.doc.uri,
          span: e.span,
          messageId: 'weak',
          data: { cipher, code: e.text, reasons },
          suggestions: [removeCipherFix(e, entries)].filter((f): f is Fix => f !== undefined),
        });
      }
    }
  },
});
