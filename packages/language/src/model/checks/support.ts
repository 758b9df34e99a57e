// What the built-in checks share: did-you-mean suggestions within a budget, placeholders, fixes,
// and the statement an unknown keyword most probably means.
import { catalogue, closest, editDistance, LONGEST_SUGGESTED, type StatementSpec } from '../../catalogue/index.js';
import type { Fix } from '../../diagnostic.js';
import type { Word } from '../../syntax/ast.js';
import { spanOf, type Span } from '../../text.js';
import type { StatementInfo } from '../model.js';
import { isPlaceholder } from '../values.js';

/**
 * How far a word may be from a known one to count as its typo: two edits (a wrong, missing, extra
 * or swapped letter or two). The checks then read an unknown statement's body as that statement,
 * and the editor prefers that did-you-mean. Further away the closest keyword may be a different
 * setting altogether (corpus 007's invented ClientHandshake is three letters from
 * ClientHandshakeSNI, which switches SNI enforcement on). Renames are suggestions either way
 * (see unknownKeyword).
 */
export const NEAR_MISS_DISTANCE = 2;

/** Whether `written` is a near miss of `candidate`. */
export function nearMiss(written: string, candidate: string): boolean {
  return editDistance(written, candidate, NEAR_MISS_DISTANCE) <= NEAR_MISS_DISTANCE;
}

/**
 * Work one check may spend on did-you-mean suggestions, in rows of the edit-distance table: a
 * word's length plus one for each candidate it is compared with. Suggestions are memoised per word,
 * and the budget keeps a policy with thousands of distinct undefined names (a renamed naming
 * convention, say) linear: past it, findings say what is missing without a guess. Counted in rows
 * rather than candidates, since a comparison costs a row per character: 1,000 names of 56
 * characters, each against 500 defined names sharing their first 50, took 3 s.
 */
const SUGGESTION_BUDGET = 4_000_000;

/** `closest`, memoised and within a budget; one per check run. */
export class Suggester {
  private left = SUGGESTION_BUDGET;
  private readonly memo = new Map<readonly string[], Map<string, string[]>>();

  suggest(word: string, candidates: readonly string[], limit?: number): string[] {
    let byWord = this.memo.get(candidates);
    if (!byWord) this.memo.set(candidates, (byWord = new Map()));
    let found = byWord.get(word);
    if (found) return found;
    // A word too long to be a typo of any keyword or name costs nothing: closest looks no further.
    const rows = word.length > LONGEST_SUGGESTED ? 0 : candidates.length * (word.length + 1);
    if (this.left < rows) return [];
    this.left -= rows;
    found = limit === undefined ? closest(word, candidates) : closest(word, candidates, limit);
    byWord.set(word, found);
    return found;
  }
}

export function replaceFix(title: string, span: Span, newText: string): Fix {
  return { title, edits: [{ span, newText }] };
}

/** From the first word's start to the last word's end. */
export function wordsSpan(words: readonly Word[]): Span {
  return { start: words[0]!.start, end: words[words.length - 1]!.end };
}

export function isEllipsis(text: string): boolean {
  return text === '...' || text === '\u2026';
}

/** A `<placeholder>` can span several words, as in `<ALL | specific-ip-addr>`. */
export function placeholderRun(values: readonly Word[]): readonly Word[] | undefined {
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    const t = values[i]!.text;
    // Placeholders start with ? [ < . or an ellipsis: most words are decided by one character.
    const c = t.charCodeAt(0);
    if (c !== 63 && c !== 91 && c !== 60 && c !== 46 && c !== 0x2026) continue;
    if (isPlaceholder(t) || c === 60 || isEllipsis(t)) {
      first = i;
      break;
    }
  }
  if (first < 0) return undefined;
  const w = values[first]!;
  if (isPlaceholder(w.text) || isEllipsis(w.text)) return [w];
  for (let i = first; i < values.length; i++) {
    if (values[i]!.text.endsWith('>')) return values.slice(first, i + 1);
  }
  return undefined;
}

/**
 * Words after a value that Policy Agent ignores. When they only repeat the word before them
 * (`TTLSEnabled On On`), removing them is a safe fix; otherwise removal is only a suggestion,
 * since the author may have meant a value with blanks.
 */
export function trailingFinding(uri: string, words: readonly Word[], after: string, before: Word | undefined) {
  const text = words.map((w) => w.text).join(' ');
  const removal = before ? { span: { start: before.end, end: words[words.length - 1]!.end }, newText: '' } : undefined;
  const repeated = before !== undefined && words.every((w) => w.text.toLowerCase() === before.text.toLowerCase());
  return {
    uri,
    code: 'trailing-text',
    messageId: repeated ? 'repeated' : 'ignored',
    data: { text, after },
    span: wordsSpan(words),
    tags: [1] as const,
    fix: repeated && removal ? { title: `Remove the repeated '${text}'`, edits: [removal] } : undefined,
    suggestions: !repeated && removal ? [{ title: `Remove '${text}'`, edits: [removal] }] : undefined,
  };
}

/**
 * The statement an unknown keyword most probably means: its one near-miss did-you-mean among the
 * statements valid at that place (`TLLSGroupAction` is TTLSGroupAction). Policy Agent ignores the
 * statement all the same; the checks read its body as that statement, so that its other mistakes
 * are reported too.
 */
export function probableSpec(s: StatementInfo, suggester: Suggester): StatementSpec | undefined {
  if (s.spec || s.foreign || s.node.kind !== 'statement') return undefined;
  const parentSpec = s.parent?.spec;
  const candidates = parentSpec ? catalogue.inlineBlockNames(parentSpec) : catalogue.topLevelStatementNames();
  const found = suggester.suggest(s.keyword.text, candidates);
  if (found.length !== 1 || !nearMiss(s.keyword.text, found[0]!)) return undefined;
  return catalogue.statement(found[0]!);
}

export { spanOf };
