// Built-in check of statements as such: known keywords, the right shape (block or one line), the
// right place (top level or inline), names, and the operands of one-line statements.
import { catalogue, type OperandSpec, type StatementSpec } from '../../catalogue/index.js';
import { quoteList, type RelatedLocation } from '../../diagnostic.js';
import type { Word } from '../../syntax/ast.js';
import { spanOf } from '../../text.js';
import type { BuiltinCheck, Finding } from '../check.js';
import type { PolicyModel, Reference, StatementInfo } from '../model.js';
import { isPlaceholder } from '../values.js';
import { isEllipsis, nearMiss, placeholderRun, replaceFix, Suggester, trailingFinding, wordsSpan } from './support.js';

export const statementsCheck: BuiltinCheck = {
  name: 'statements',
  codes: ['block-unexpected', 'block-expected', 'placeholder', 'unknown-statement', 'misplaced-parameter', 'missing-value', 'invalid-value', 'trailing-text', 'misplaced-statement', 'missing-required'],
  run: (model) => new StatementChecker(model).run(),
};

/**
 * An unknown keyword, with its did-you-mean candidates as editor suggestions, never as a safe fix:
 * Policy Agent ignores the line or statement as written, so any rename turns ignored text into
 * settings, conditions or rules it acts on (and checks it as such), which changes the policy's
 * behaviour even when the result is valid (`TTLSEnabeld Off` would switch TLS off). The editor
 * prefers the candidate when it is the only one, a near miss, and valid at this place (`local`).
 */
export function unknownKeyword(uri: string, code: 'unknown-statement' | 'unknown-parameter', word: Word, suggestions: readonly string[], local: boolean, data: Record<string, string> = {}): Finding {
  const span = spanOf(word);
  const preferred = suggestions.length === 1 && local && nearMiss(word.text, suggestions[0]!);
  return {
    uri,
    code,
    messageId: suggestions.length > 0 ? 'didYouMean' : 'unknown',
    data: { keyword: word.text, suggestions, ...data },
    span,
    suggestions: suggestions.length > 0 ? suggestions.map((x) => ({ ...replaceFix(`Change to '${x}'`, span, x), ...(preferred ? { preferred } : {}) })) : undefined,
  };
}

class StatementChecker {
  private readonly out: Finding[] = [];
  private readonly suggester = new Suggester();
  /** Unresolved references by lower-cased name (first one), for unnamed statements that may be them. */
  private unresolvedByName: Map<string, Reference> | undefined;

  constructor(private readonly model: PolicyModel) {}

  run(): Finding[] {
    for (const s of this.model.statements) this.statement(s);
    return this.out;
  }

  private add(s: StatementInfo, f: Omit<Finding, 'uri'>): void {
    this.out.push({ uri: s.doc.uri, ...f });
  }

  private statement(s: StatementInfo): void {
    if (s.node.kind === 'parameter') return this.lineStatement(s);
    const spec = s.spec;
    if (!spec) {
      if (!s.foreign) this.unknownBlockStatement(s);
      return;
    }
    if (spec.shape === 'line') {
      this.add(s, { code: 'block-unexpected', messageId: 'lineStatement', data: { keyword: spec.name }, span: spanOf(s.keyword) });
      return;
    }
    this.placement(s, spec);
    this.naming(s, spec);
  }

  private unknownBlockStatement(s: StatementInfo): void {
    const kw = s.keyword.text;
    const parentSpec = s.parent?.spec;
    const asParam = parentSpec ? catalogue.parameter(parentSpec, kw) : undefined;
    if (asParam || catalogue.placesOf(kw).length > 0) {
      this.add(s, { code: 'block-unexpected', messageId: 'parameter', data: { keyword: asParam?.name ?? kw }, span: spanOf(s.keyword) });
      return;
    }
    if (isPlaceholder(kw) || isEllipsis(kw)) {
      this.add(s, { code: 'placeholder', messageId: 'statement', data: { text: kw }, span: spanOf(s.keyword) });
      return;
    }
    if (s.parent && !parentSpec) return; // inside an unknown statement: one report is enough
    const candidates = parentSpec ? catalogue.inlineBlockNames(parentSpec) : catalogue.topLevelStatementNames();
    const named = s.nameWord !== undefined;
    if (!named && !this.unresolvedByName) {
      this.unresolvedByName = new Map();
      for (const r of this.model.references) {
        const key = r.name.toLowerCase();
        if (!r.target && !this.unresolvedByName.has(key)) this.unresolvedByName.set(key, r);
      }
    }
    const meant = named ? undefined : this.unresolvedByName!.get(kw.toLowerCase());
    if (meant) {
      const fixed = `${meant.refKind} ${meant.name}`;
      this.add(s, {
        code: 'unknown-statement',
        messageId: 'keywordMissing',
        data: { keyword: kw, kind: meant.refKind, name: meant.name, fixed, suggestions: [fixed] },
        span: spanOf(s.keyword),
        related: [{ message: `'${meant.name}' is referenced here`, span: spanOf(meant.word), uri: meant.param.owner.doc.uri }],
        suggestions: [replaceFix(`Change to '${fixed}'`, spanOf(s.keyword), fixed)],
      });
      return;
    }
    let suggestions = this.suggester.suggest(kw, candidates);
    const local = suggestions.length > 0;
    if (!local) suggestions = this.suggester.suggest(kw, catalogue.statementNames());
    this.out.push(unknownKeyword(s.doc.uri, 'unknown-statement', s.keyword, suggestions, local));
  }

  private lineStatement(s: StatementInfo): void {
    const node = s.node;
    if (node.kind !== 'parameter') return;
    const kw = s.keyword.text;
    if (s.spec) {
      if (s.spec.shape === 'block') {
        this.add(s, { code: 'block-expected', messageId: 'statement', data: { keyword: s.spec.name }, span: spanOf(s.keyword) });
        return;
      }
      this.operands(s, s.spec.operands ?? [], node.values);
      return;
    }
    if (s.foreign) return;
    const places = catalogue.placesOf(kw);
    if (places.length > 0) {
      const validIn = [...new Set(places.map((p) => p.statement.name))];
      this.add(s, { code: 'misplaced-parameter', messageId: 'topLevel', data: { keyword: places[0]!.parameter.name, written: kw, validIn }, span: spanOf(s.keyword) });
      if (node.values.length === 0 && places.every((x) => x.parameter.kind !== 'inline-block')) {
        this.add(s, { code: 'missing-value', messageId: 'none', data: { keyword: places[0]!.parameter.name }, span: spanOf(s.keyword) });
      }
      return;
    }
    const ph = placeholderRun([s.keyword, ...node.values]);
    if (ph && ph[0] === s.keyword) {
      this.add(s, { code: 'placeholder', messageId: 'line', data: { text: ph.map((w) => w.text).join(' ') }, span: wordsSpan(ph) });
      return;
    }
    const suggestions = this.suggester.suggest(kw, catalogue.lineStatementCandidates());
    this.out.push(unknownKeyword(s.doc.uri, 'unknown-statement', s.keyword, suggestions, true));
  }

  private operands(s: StatementInfo, operands: readonly OperandSpec[], values: readonly Word[]): void {
    let i = 0;
    for (const op of operands) {
      const w = values[i];
      if (!w) {
        if (op.required) this.add(s, { code: 'missing-value', messageId: 'operand', data: { keyword: s.keyword.text, operand: op.name }, span: spanOf(s.keyword) });
        continue;
      }
      const text = w.text;
      if (op.kind === 'keyword') {
        if ((op.values ?? []).some((v) => v.toLowerCase() === text.toLowerCase())) i++;
        continue;
      }
      if (op.kind === 'file-ref') {
        if (text.startsWith('/')) i++;
        else if (op.required) {
          this.add(s, { code: 'invalid-value', messageId: 'operandFile', data: { keyword: s.keyword.text, value: text }, span: spanOf(w) });
          i++;
        }
        continue;
      }
      if (op.kind === 'int') {
        if (/^\d+$/.test(text)) i++;
        else if (op.required) {
          this.add(s, { code: 'invalid-value', messageId: 'operandNumber', data: { keyword: s.keyword.text, value: text }, span: spanOf(w) });
          i++;
        }
        continue;
      }
      if (op.maxLength !== undefined && text.length > op.maxLength) {
        this.add(s, { code: 'invalid-value', messageId: 'operandLength', data: { keyword: s.keyword.text, value: text, max: op.maxLength }, span: spanOf(w) });
      }
      i++;
    }
    if (i < values.length) this.out.push(trailingFinding(s.doc.uri, values.slice(i), s.keyword.text, values[i - 1]));
  }

  private placement(s: StatementInfo, spec: StatementSpec): void {
    const parent = s.parent;
    if (!parent) {
      if (!spec.global) {
        this.add(s, { code: 'misplaced-statement', messageId: 'inlineOnly', data: { keyword: spec.name, validIn: [...spec.inlineIn] }, span: spanOf(s.keyword) });
      }
      return;
    }
    if (!parent.spec) return;
    const p = catalogue.parameter(parent.spec, spec.name);
    if (p && p.kind === 'inline-block') return;
    const related: RelatedLocation[] = [];
    const unclosed = parent.node.kind === 'statement' && parent.node.close === undefined && spec.global;
    if (unclosed) related.push({ message: `${parent.label} starts here`, span: parent.anchor });
    const where = spec.inlineIn.length > 0 ? ` It can be written inline only in ${quoteList(spec.inlineIn)}, or at the top level.` : ' It belongs at the top level of the file.';
    this.add(s, {
      code: 'misplaced-statement',
      messageId: unclosed ? 'missingBrace' : spec.inlineIn.length > 0 ? 'nested' : 'nestedTop',
      data: { keyword: spec.name, parent: parent.kind ?? parent.keyword.text, parentLabel: parent.label, validIn: [...spec.inlineIn], where },
      span: spanOf(s.keyword),
      related,
    });
  }

  private naming(s: StatementInfo, spec: StatementSpec): void {
    const name = s.nameWord;
    if (!name) {
      if (spec.naming === 'required' || (spec.naming === 'optional-inline' && !s.parent)) {
        this.add(s, { code: 'missing-required', messageId: spec.naming === 'required' ? 'name' : 'nameTopLevel', data: { keyword: spec.name }, span: spanOf(s.keyword) });
      }
    } else {
      const max = spec.nameMaxLength ?? 32;
      if (isPlaceholder(name.text)) {
        this.add(s, { code: 'placeholder', messageId: 'name', data: { text: name.text }, span: spanOf(name) });
      } else if (name.text.length > max) {
        this.add(s, { code: 'invalid-value', messageId: 'nameTooLong', data: { name: name.text, length: name.text.length, max }, span: spanOf(name) });
      }
    }
    if (s.node.kind === 'statement' && s.node.extra.length > 0) this.out.push(trailingFinding(s.doc.uri, s.node.extra, `the name of ${spec.name}`, s.node.name));
  }
}
