// Semantic tokens: what the catalogue and the model know that a TextMate grammar cannot --
// statement versus parameter keywords, defined names versus references, enum values, and
// unknown keywords left uncoloured.
import { catalogue, type ParamInfo, type StatementInfo, type Word, spanOf } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';

import type { PolicySnapshot } from '../workspace.js';

export const SEMANTIC_TOKEN_TYPES = ['keyword', 'property', 'class', 'enumMember', 'number', 'string', 'comment'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'deprecated'] as const;
export const SEMANTIC_TOKENS_LEGEND: lsp.SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

const T = { keyword: 0, property: 1, class: 2, enumMember: 3, number: 4, string: 5, comment: 6 } as const;
const DECLARATION = 1;

interface Tok {
  start: number;
  length: number;
  type: number;
  mods: number;
}

export function getSemanticTokens(snap: PolicySnapshot, range?: lsp.Range): lsp.SemanticTokens {
  const doc = snap.document;
  const model = snap.model;
  const toks: Tok[] = [];
  const from = range ? doc.lineIndex.offsetAt(range.start) : 0;
  const to = range ? doc.lineIndex.offsetAt(range.end) : doc.text.length;
  const push = (w: Word, type: number, mods = 0): void => {
    if (w.end < from || w.start > to) return;
    toks.push({ start: w.start, length: w.end - w.start, type, mods });
  };
  const value = (p: ParamInfo): void => {
    const ps = p.spec;
    const w = p.values[0];
    if (!ps || !w) return;
    switch (ps.kind) {
      case 'enum':
        if (ps.values?.some((v) => v.value.toLowerCase() === w.text.toLowerCase())) push(w, T.enumMember);
        break;
      case 'name-ref':
        push(w, T.class);
        break;
      case 'int':
        push(w, /^\d+$/.test(w.text) ? T.number : ps.values?.some((v) => v.value.toLowerCase() === w.text.toLowerCase()) ? T.enumMember : T.string);
        break;
      case 'port-spec':
        for (const v of p.values) if (/^[\d:-]+$/.test(v.text)) push(v, T.number);
        break;
      default:
        push(w, T.string);
    }
  };
  for (const s of model.statements) {
    if (s.doc.uri !== snap.uri) continue;
    if (s.node.end < from || s.node.start > to) continue;
    statementTokens(s, push, value);
  }
  for (const c of doc.parse.comments) {
    if (c.end < from || c.start > to) continue;
    toks.push({ start: c.start, length: c.end - c.start, type: T.comment, mods: 0 });
  }
  toks.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of toks) {
    const pos = doc.lineIndex.positionAt(t.start);
    const dl = pos.line - prevLine;
    const dc = dl === 0 ? pos.character - prevChar : pos.character;
    data.push(dl, dc, t.length, t.type, t.mods);
    prevLine = pos.line;
    prevChar = pos.character;
  }
  return { data };
}

function statementTokens(s: StatementInfo, push: (w: Word, type: number, mods?: number) => void, value: (p: ParamInfo) => void): void {
  if (s.spec || s.foreign) push(s.keyword, T.keyword);
  if (s.nameWord && s.spec) push(s.nameWord, T.class, DECLARATION);
  if (s.node.kind === 'parameter') {
    // One-line configuration statement: operands are paths, names and keywords.
    for (const v of s.node.values) {
      const isKeyword = s.spec?.operands?.some((o) => o.kind === 'keyword' && o.values?.some((x) => x.toLowerCase() === v.text.toLowerCase()));
      push(v, isKeyword ? T.enumMember : T.string);
    }
    return;
  }
  for (const p of s.params) {
    if (p.spec) push(p.keyword, T.property);
    else if (catalogue.placesOf(p.keyword.text).length > 0) push(p.keyword, T.property);
    value(p);
  }
}

