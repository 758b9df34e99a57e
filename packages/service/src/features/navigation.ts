// Go to definition, find references and rename for the names of statements, across the files of
// every policy set the document belongs to.
import { spanOf, type PolicyModel, type StatementInfo, type Word } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { symbolAt } from '../locate.js';
import { location, offsetAt, toRange } from '../lsp.js';
import type { PolicySnapshot } from '../workspace.js';

function locationOf(snap: PolicySnapshot, uri: string, word: Word): lsp.Location | undefined {
  const doc = snap.documentOf(uri);
  return doc ? location(doc, spanOf(word)) : undefined;
}

/** The definition Policy Agent uses for the name under the cursor (the last one read). */
export function getDefinition(snap: PolicySnapshot, position: lsp.Position): lsp.Location[] | null {
  const sym = symbolAt(snap, offsetAt(snap.document, position));
  if (!sym) return null;
  const out: lsp.Location[] = [];
  const seen = new Set<string>();
  for (const model of snap.models()) {
    const def = model.resolve(sym.kind, sym.name);
    if (!def?.nameWord) continue;
    const loc = locationOf(snap, def.doc.uri, def.nameWord);
    const key = loc && `${loc.uri}:${def.nameWord.start}`;
    if (loc && key && !seen.has(key)) {
      seen.add(key);
      out.push(loc);
    }
  }
  return out.length > 0 ? out : null;
}

interface Occurrence {
  readonly uri: string;
  readonly word: Word;
  readonly declaration: boolean;
}

/** Every definition and reference of a kind and name in the given models, without repeats. */
function occurrences(models: readonly PolicyModel[], kind: string, name: string): Occurrence[] {
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  const add = (uri: string, word: Word, declaration: boolean): void => {
    const key = `${uri}\u0000${word.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ uri, word, declaration });
  };
  for (const model of models) {
    for (const d of model.definitionsOf(kind, name)) if (d.nameWord) add(d.doc.uri, d.nameWord, true);
    for (const r of model.referencesByName(kind, name)) add(r.param.owner.doc.uri, r.word, false);
  }
  return out;
}

export function findReferences(snap: PolicySnapshot, position: lsp.Position, includeDeclaration = true): lsp.Location[] | null {
  const sym = symbolAt(snap, offsetAt(snap.document, position));
  if (!sym) return null;
  const out: lsp.Location[] = [];
  for (const o of occurrences(snap.models(), sym.kind, sym.name)) {
    if (o.declaration && !includeDeclaration) continue;
    const loc = locationOf(snap, o.uri, o.word);
    if (loc) out.push(loc);
  }
  return out;
}

/** The ranges of the name under the cursor in this document, for highlighting. */
export function getDocumentHighlights(snap: PolicySnapshot, position: lsp.Position): lsp.DocumentHighlight[] | null {
  const sym = symbolAt(snap, offsetAt(snap.document, position));
  if (!sym) return null;
  return occurrences(snap.models(), sym.kind, sym.name)
    .filter((o) => o.uri === snap.uri)
    .map((o) => ({ range: toRange(snap.document, spanOf(o.word)), kind: o.declaration ? 3 : 2 }));
}

export function prepareRename(snap: PolicySnapshot, position: lsp.Position): { range: lsp.Range; placeholder: string } | null {
  const sym = symbolAt(snap, offsetAt(snap.document, position));
  if (!sym || sym.word.quoted) return null;
  return { range: toRange(snap.document, spanOf(sym.word)), placeholder: sym.name };
}

/** Why a new name cannot be used, or undefined when it can. */
export function checkNewName(models: readonly PolicyModel[], kind: string, oldName: string, newName: string): string | undefined {
  if (newName.length === 0) return 'A name cannot be empty.';
  if (/[\s{}#"]/.test(newName)) return `'${newName}' is not a valid name: names cannot contain blanks, braces, quotes or '#'.`;
  if (newName.length > 32) return `'${newName}' is ${newName.length} characters long; names are limited to 32.`;
  if (newName === oldName) return undefined;
  for (const m of models) {
    const clash: StatementInfo | undefined = m.definitionsOf(kind, newName)[0];
    if (clash) return `A ${kind} named '${newName}' already exists (line ${clash.doc.parse.lineIndex.lineAt(clash.anchor.start) + 1} of ${clash.doc.uri}); renaming would merge the two.`;
  }
  return undefined;
}

export type RenameResult = { readonly edit: lsp.WorkspaceEdit } | { readonly error: string };

/** Renames a statement and every reference to it in every policy set of the document. */
export function rename(snap: PolicySnapshot, position: lsp.Position, newName: string): RenameResult | null {
  const sym = symbolAt(snap, offsetAt(snap.document, position));
  if (!sym) return null;
  const models = snap.models();
  const problem = checkNewName(models, sym.kind, sym.name, newName);
  if (problem) return { error: problem };
  const changes: Record<string, lsp.TextEdit[]> = {};
  for (const o of occurrences(models, sym.kind, sym.name)) {
    const doc = snap.documentOf(o.uri);
    if (!doc) continue;
    (changes[o.uri] ??= []).push({ range: toRange(doc, spanOf(o.word)), newText: newName });
  }
  return { edit: { changes } };
}
