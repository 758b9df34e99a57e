// duplicate-cipher: the same suite listed twice in one cipher list. The first occurrence decides
// the preference, so the later one adds nothing and can be removed safely.
import type { Fix } from '@attls/language';
import { defineRule } from '../rule.js';
import { cipherEntries, statementsOf, type CipherEntry } from '../policy.js';
import { lineSpan, standsAlone } from './weak-cipher.js';

/** What one word of a cipher list holds: its entries, how many are later copies, whether all are System SSL suites. */
interface WordState {
  entries: number;
  copies: number;
  known: boolean;
}

/** More later copies than this in one run are reported as one finding. */
const MANY_COPIES = 5;
/** Copies such a finding names (and points at) one by one. */
const NAMED_COPIES = 5;

/**
 * The edit that removes a later copy, and whether --fix may apply it. The lists of one
 * TTLSCipherParms are joined in the order written (IBM), and System SSL takes the first suite of
 * the server's list that the client also offers (IBM, AT-TLS cipher suites): the first occurrence
 * fixes a suite's rank, so removing a later copy keeps the order of the first occurrences and
 * changes no selection. The edit never leaves a parameter without a value: a code is cut from a
 * run only while the run keeps another code, and a line whose codes are all later copies goes
 * whole (only when nothing else stands on it). It is safe only in a list of known suites: a run
 * with an unknown or malformed code is already wrong, and what System SSL makes of it is not ours
 * to rearrange.
 */
function removal(copies: readonly CipherEntry[], w: WordState): { fix: Fix; safe: boolean } | undefined {
  const e = copies[0]!;
  if (w.copies < w.entries) {
    const title = copies.length === 1 ? `Remove ${e.text} from the list` : `Remove the ${copies.length} later copies from the list`;
    return { fix: { title, edits: copies.map((c) => ({ span: c.span, newText: '' })) }, safe: w.known };
  }
  if (!standsAlone(e.param)) return undefined;
  return { fix: { title: `Remove the ${e.param.keyword.text} line`, edits: [{ span: lineSpan(e.param), newText: '' }] }, safe: w.known };
}

export default defineRule({
  meta: {
    id: 'duplicate-cipher',
    category: 'style',
    defaultSeverity: 'info',
    description: 'Flag a cipher suite listed more than once in a TTLSCipherParms; the later copy is removed by --fix.',
    fixable: true,
    hasSuggestions: true,
    certainty: 'usage',
    messages: {
      duplicate: '{{cipher}} is already listed earlier in {{statement}}; the later copy changes nothing.',
      duplicates: '{{count}} suites of this run are already listed earlier in {{statement}} ({{ciphers}}); the later copies change nothing.',
    },
  },
  check(ctx) {
    for (const block of statementsOf(ctx.model, 'TTLSCipherParms')) {
      const entries = cipherEntries(block).filter((e) => !e.v2);
      const first = new Map<string, CipherEntry>();
      const copies: [CipherEntry, CipherEntry][] = [];
      for (const e of entries) {
        const key = e.suite?.code4 ?? e.text.toUpperCase();
        const prev = first.get(key);
        if (prev) copies.push([e, prev]);
        else first.set(key, e);
      }
      if (copies.length === 0) continue;
      const words = new Map<object, WordState>();
      for (const e of entries) {
        const w = words.get(e.word);
        if (w) {
          w.entries++;
          w.known &&= e.suite !== undefined;
        } else words.set(e.word, { entries: 1, copies: 0, known: e.suite !== undefined });
      }
      for (const [e] of copies) words.get(e.word)!.copies++;
      // A run with many copies (a list pasted twice into one line) gets one finding for all of
      // them, whose fix cuts every copy, rather than a finding per copy.
      const findings: [CipherEntry, CipherEntry][][] = [];
      const grouped = new Map<object, [CipherEntry, CipherEntry][]>();
      for (const pair of copies) {
        if (words.get(pair[0].word)!.copies <= MANY_COPIES) findings.push([pair]);
        else {
          let group = grouped.get(pair[0].word);
          if (!group) {
            grouped.set(pair[0].word, (group = []));
            findings.push(group);
          }
          group.push(pair);
        }
      }
      for (const pairs of findings) {
        const [e, prev] = pairs[0]!;
        const edit = removal(pairs.map(([c]) => c), words.get(e.word)!);
        const names = pairs.map(([c]) => c.suite?.name ?? c.text);
        ctx.report({
          uri: block.doc.uri,
          span: { start: e.span.start, end: pairs[pairs.length - 1]![0].span.end },
          ...(pairs.length === 1
            ? { messageId: 'duplicate', data: { cipher: names[0]!, statement: block.label }, related: [{ message: 'First listed here', span: prev.span }] }
            : {
                messageId: 'duplicates',
                data: { count: pairs.length, statement: block.label, ciphers: names.length > NAMED_COPIES ? `${names.slice(0, NAMED_COPIES).join(', ')} and ${names.length - NAMED_COPIES} more` : names.join(', ') },
                related: pairs.slice(0, NAMED_COPIES).map(([c, p]) => ({ message: `${c.suite?.name ?? c.text} first listed here`, span: p.span })),
              }),
          fix: edit?.safe ? edit.fix : undefined,
          suggestions: edit && !edit.safe ? [edit.fix] : undefined,
          tags: [1],
        });
      }
    }
  },
});
