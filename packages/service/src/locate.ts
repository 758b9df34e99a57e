// What is under the cursor: which item of the syntax tree, which word of it, and what the model
// says about it (statement, parameter, reference). Hover, definition, references and rename start here.
import type { Item, ParamInfo, PolicyModel, Reference, StatementInfo, StatementNode, Word } from '@attls/language';
import type { PolicySnapshot } from './workspace.js';

export type WordRole = 'keyword' | 'name' | 'value' | 'extra';

export interface Located {
  /** Items containing the offset, outermost first. */
  readonly path: readonly Item[];
  /** The word under the cursor, if any. */
  readonly word?: Word;
  readonly role?: WordRole;
  /** The statement whose keyword, name or extra word is under the cursor; or the owner of the parameter. */
  readonly statement?: StatementInfo;
  /** The parameter whose keyword or value is under the cursor. */
  readonly param?: ParamInfo;
  /** Index of the value under the cursor among the parameter's values. */
  readonly valueIndex?: number;
  /** The reference whose name is under the cursor. */
  readonly reference?: Reference;
}

const within = (w: Word, offset: number): boolean => offset >= w.start && offset <= w.end;

/**
 * The index of the first word containing an offset (ends inclusive), or -1, as findIndex would
 * give. Words are in text order; a binary search keeps a line of a million words cheap.
 */
function wordAt(words: readonly Word[], offset: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const w = words[mid]!;
    if (w.end < offset) lo = mid + 1;
    else if (w.start > offset) hi = mid - 1;
    else {
      found = mid;
      break;
    }
  }
  // findIndex semantics: the first word that contains the offset.
  while (found > 0 && within(words[found - 1]!, offset)) found--;
  return found;
}

/** Items that contain an offset, outermost first (spans are inclusive at the end, for a cursor after a word). */
export function itemPath(items: readonly Item[], offset: number): Item[] {
  const path: Item[] = [];
  let level: readonly Item[] = items;
  for (;;) {
    let lo = 0;
    let hi = level.length - 1;
    let found: Item | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const it = level[mid]!;
      if (it.end < offset) lo = mid + 1;
      else if (it.start > offset) hi = mid - 1;
      else {
        found = it;
        // Two adjacent items can both touch the offset; prefer the later one when the offset is its start.
        const next = level[mid + 1];
        if (next && next.start <= offset) found = next;
        break;
      }
    }
    if (!found) return path;
    path.push(found);
    if (found.kind === 'statement' || found.kind === 'orphan') level = found.items;
    else return path;
  }
}

const infoCache = new WeakMap<PolicyModel, Map<object, StatementInfo>>();

/** The model's statement for a syntax node. */
export function statementOf(model: PolicyModel, node: object): StatementInfo | undefined {
  let map = infoCache.get(model);
  if (!map) {
    map = new Map();
    for (const s of model.statements) map.set(s.node, s);
    infoCache.set(model, map);
  }
  return map.get(node);
}

const paramCache = new WeakMap<PolicyModel, Map<object, ParamInfo>>();

/** The model's parameter for a syntax node (a block can hold a great many parameters). */
export function paramOf(model: PolicyModel, node: object): ParamInfo | undefined {
  let map = paramCache.get(model);
  if (!map) {
    map = new Map();
    for (const s of model.statements) for (const p of s.params) map.set(p.node, p);
    paramCache.set(model, map);
  }
  return map.get(node);
}

const refCache = new WeakMap<PolicyModel, Map<Word, Reference>>();

/** The reference whose name word is `word`. */
export function referenceOf(model: PolicyModel, word: Word): Reference | undefined {
  let map = refCache.get(model);
  if (!map) {
    map = new Map();
    for (const r of model.references) map.set(r.word, r);
    refCache.set(model, map);
  }
  return map.get(word);
}

/** Locates the offset in a document and links what is there to the model. */
export function locate(snap: PolicySnapshot, offset: number): Located {
  const path = itemPath(snap.document.parse.file.items, offset);
  const item = path[path.length - 1];
  if (!item) return { path };
  const model = snap.model;
  if (item.kind === 'statement') {
    const statement = statementOf(model, item);
    const role = headerRole(item, offset);
    if (role) return { path, statement, ...role };
    return { path, statement };
  }
  if (item.kind === 'parameter') {
    const parent = path[path.length - 2];
    const owner = parent && parent.kind === 'statement' ? statementOf(model, parent) : undefined;
    if (!owner) {
      // A top-level line statement (TTLSConfig path ...).
      const statement = statementOf(model, item);
      if (within(item.keyword, offset)) return { path, statement, word: item.keyword, role: 'keyword' };
      const i = wordAt(item.values, offset);
      return i >= 0 ? { path, statement, word: item.values[i]!, role: 'value', valueIndex: i } : { path, statement };
    }
    const param = owner.params.length <= 16 ? owner.params.find((p) => p.node === item) : paramOf(model, item);
    if (within(item.keyword, offset)) return { path, statement: owner, param, word: item.keyword, role: 'keyword' };
    const i = wordAt(item.values, offset);
    if (i >= 0) {
      const word = item.values[i]!;
      return { path, statement: owner, param, word, role: 'value', valueIndex: i, reference: referenceOf(model, word) };
    }
    return { path, statement: owner, param };
  }
  return { path };
}

function headerRole(item: StatementNode, offset: number): { word: Word; role: WordRole } | undefined {
  if (within(item.keyword, offset)) return { word: item.keyword, role: 'keyword' };
  if (item.name && within(item.name, offset)) return { word: item.name, role: 'name' };
  const i = wordAt(item.extra, offset);
  return i >= 0 ? { word: item.extra[i]!, role: 'extra' } : undefined;
}

/** The named definition under the cursor: a statement name, or the target of a reference name. */
export interface Symbol {
  readonly kind: string;
  readonly name: string;
  /** The word under the cursor. */
  readonly word: Word;
}

export function symbolAt(snap: PolicySnapshot, offset: number): Symbol | undefined {
  const at = locate(snap, offset);
  if (!at.word) return undefined;
  if (at.role === 'name' && at.statement?.kind && at.statement.spec?.shape === 'block') {
    return { kind: at.statement.kind, name: at.word.text, word: at.word };
  }
  if (at.reference) return { kind: at.reference.refKind, name: at.reference.name, word: at.word };
  return undefined;
}
