// Built-in check of the parameter lines and inline blocks of each statement: known keywords in the
// right statement, blocks where a block is needed, repeats, alternatives coded together, and
// parameters newer than the target release.
import { catalogue, compareReleases, type ParameterSpec, type StatementSpec } from '../../catalogue/index.js';
import type { Span } from '../../text.js';
import type { Word } from '../../syntax/ast.js';
import { spanOf } from '../../text.js';
import type { BuiltinCheck, Finding } from '../check.js';
import { LONG_STATEMENT, type ParamInfo, type PolicyModel, type StatementInfo } from '../model.js';
import { isPlaceholder } from '../values.js';
import { unknownKeyword } from './statements.js';
import { isEllipsis, probableSpec, Suggester } from './support.js';

export const parametersCheck: BuiltinCheck = {
  name: 'parameters',
  codes: ['placeholder', 'misplaced-parameter', 'missing-value', 'misplaced-statement', 'unknown-parameter', 'unconfirmed-parameter', 'block-expected', 'duplicate-parameter', 'conflicting-parameters', 'release-mismatch'],
  run: (model) => new ParameterChecker(model).run(),
};

/** The exclusive groups a statement uses so far: the first member coded of each. */
type GroupUsers = Map<string, { name: string; span: Span }>;

/**
 * The catalogue entry a parameter is checked against: the model's, or, inside an unknown
 * statement that most probably means another (`probable`), that statement's.
 */
export function checkedSpec(p: ParamInfo, probable: StatementSpec | undefined): ParameterSpec | undefined {
  return p.spec ?? (probable ? catalogue.parameterByKey(probable, p.key) : undefined);
}

class ParameterChecker {
  private readonly out: Finding[] = [];
  private readonly suggester = new Suggester();

  constructor(private readonly model: PolicyModel) {}

  run(): Finding[] {
    for (const s of this.model.statements) {
      if (s.node.kind !== 'statement') continue;
      const spec = s.spec ?? probableSpec(s, this.suggester);
      if (spec && spec.shape === 'block') this.statement(s, spec);
    }
    return this.out;
  }

  private add(uri: string, f: Omit<Finding, 'uri'>): void {
    this.out.push({ uri, ...f });
  }

  private statement(s: StatementInfo, spec: StatementSpec): void {
    // Nothing is allocated for a statement without a question to answer: the repeated-parameter
    // check scans the few lines before (a map only for long statements), and the exclusive-group
    // map is made on the first group member. This runs for every statement of a policy.
    const uri = s.doc.uri;
    const label = s.label;
    const probable = s.spec ? undefined : spec;
    const long = s.params.length > LONG_STATEMENT;
    let firstOf: Map<string, ParamInfo> | undefined;
    let groupUser: GroupUsers | undefined;
    for (const p of s.params) {
      const ps = checkedSpec(p, probable);
      if (!ps) {
        this.unknownParam(s, spec, p);
        continue;
      }
      if (ps.certainty === 'unconfirmed') {
        this.add(uri, { code: 'unconfirmed-parameter', messageId: 'unconfirmed', data: { keyword: ps.name, statement: spec.name }, span: spanOf(p.keyword) });
      }
      if (ps.kind === 'inline-block') {
        const ref = spec.parameters.find((x) => x.kind === 'name-ref' && x.refKind === ps.inlineKind);
        this.add(uri, {
          code: 'block-expected',
          messageId: ref ? 'inlineOrRef' : 'inline',
          data: { keyword: ps.name, ...(ref ? { kind: ps.inlineKind ?? '', ref: ref.name } : {}) },
          span: spanOf(p.keyword),
        });
        continue;
      }
      if (!ps.repeatable) {
        let prev: ParamInfo | undefined;
        if (long) {
          firstOf ??= new Map();
          prev = firstOf.get(ps.name);
        } else prev = firstWithSpec(s.params, ps, p, probable);
        if (prev) {
          this.add(uri, {
            code: 'duplicate-parameter',
            messageId: sameValues(prev, p, ps) ? 'sameValue' : 'repeated',
            data: { keyword: ps.name, statement: label },
            span: spanOf(p.keyword),
            related: [{ message: `${ps.name} is first coded here`, span: spanOf(prev.keyword) }],
          });
        } else firstOf?.set(ps.name, p);
      }
      if (ps.exclusiveGroup) groupUser = this.useGroup(uri, groupUser, spec, ps, p.keyword);
      this.release(uri, ps, p.keyword);
    }
    if (s.children.length === 0) return;
    let blocks: Map<string, StatementInfo> | undefined;
    for (const c of s.children) {
      if (!c.spec) continue;
      const ps = catalogue.parameter(spec, c.spec.name);
      if (!ps || ps.kind !== 'inline-block') continue;
      if (!ps.repeatable) {
        const prev = blocks?.get(ps.name);
        if (prev) {
          this.add(c.doc.uri, {
            code: 'duplicate-parameter',
            messageId: 'repeatedBlock',
            data: { keyword: ps.name, statement: label },
            span: spanOf(c.keyword),
            related: [{ message: `${ps.name} is first written here`, span: spanOf(prev.keyword) }],
          });
        } else (blocks ??= new Map()).set(ps.name, c);
      }
      if (ps.exclusiveGroup) groupUser = this.useGroup(c.doc.uri, groupUser, spec, ps, c.keyword);
      this.release(c.doc.uri, ps, c.keyword);
    }
  }

  private release(uri: string, ps: ParameterSpec, at: Word): void {
    if (ps.since && compareReleases(ps.since, this.model.release) > 0) {
      this.add(uri, { code: 'release-mismatch', messageId: 'tooNew', data: { keyword: ps.name, since: ps.since, target: this.model.release }, span: spanOf(at) });
    }
  }

  /**
   * Notes that a member of an exclusive group is coded, and reports a second member. A method
   * with the map passed along, not a closure: a closure over the statement's locals would make
   * every call allocate them.
   */
  private useGroup(uri: string, users: GroupUsers | undefined, spec: StatementSpec, p: ParameterSpec, at: Word): GroupUsers {
    const span = spanOf(at);
    users ??= new Map();
    const prev = users.get(p.exclusiveGroup!);
    if (!prev) {
      users.set(p.exclusiveGroup!, { name: p.name, span });
      return users;
    }
    if (prev.name === p.name) return users;
    this.add(uri, {
      code: 'conflicting-parameters',
      messageId: 'exclusive',
      data: { first: prev.name, second: p.name, statement: spec.name },
      span,
      related: [{ message: `${prev.name} is coded here`, span: prev.span }],
    });
    return users;
  }

  private unknownParam(s: StatementInfo, spec: StatementSpec, p: ParamInfo): void {
    const uri = s.doc.uri;
    const kw = p.keyword.text;
    if (isPlaceholder(kw) || isEllipsis(kw)) {
      this.add(uri, { code: 'placeholder', messageId: isEllipsis(kw) ? 'ellipsis' : 'parameter', data: { text: kw }, span: spanOf(p.node) });
      return;
    }
    const places = catalogue.placesOf(kw);
    if (places.length > 0) {
      const validIn = [...new Set(places.map((x) => x.statement.name))];
      const canonical = places[0]!.parameter.name;
      this.add(uri, { code: 'misplaced-parameter', messageId: 'wrongStatement', data: { keyword: canonical, statement: spec.name, validIn }, span: spanOf(p.keyword) });
      // Moving the line to where it belongs (the editor offers that) would still leave it without
      // a value, so say so now rather than after the move. Block keywords take no value.
      if (p.values.length === 0 && places.every((x) => x.parameter.kind !== 'inline-block')) {
        this.add(uri, { code: 'missing-value', messageId: 'none', data: { keyword: canonical }, span: spanOf(p.keyword) });
      }
      return;
    }
    const stmt = catalogue.statement(kw);
    if (stmt) {
      this.add(uri, { code: 'misplaced-statement', messageId: 'statementAsParameter', data: { keyword: stmt.name, parent: spec.name }, span: spanOf(p.keyword) });
      return;
    }
    let suggestions = this.suggester.suggest(kw, catalogue.parameterNames(spec));
    const local = suggestions.length > 0;
    if (!local) suggestions = this.suggester.suggest(kw, catalogue.allKeywords());
    this.out.push(unknownKeyword(uri, 'unknown-parameter', p.keyword, suggestions, local, { statement: spec.name }));
  }
}

/** The first parameter before `p` with the same catalogue entry, if any. */
function firstWithSpec(params: readonly ParamInfo[], spec: ParameterSpec, p: ParamInfo, probable: StatementSpec | undefined): ParamInfo | undefined {
  for (const q of params) {
    if (q === p) return undefined;
    if (checkedSpec(q, probable) === spec) return q;
  }
  return undefined;
}

/**
 * Both lines say the same (enumerated values compared without case, as Policy Agent reads them),
 * so whichever one Policy Agent keeps, nothing changes (a lower severity in codes.ts).
 */
function sameValues(a: ParamInfo, b: ParamInfo, spec: ParameterSpec): boolean {
  const norm = (p: ParamInfo): string => p.values.map((w) => (w.quoted ? `"${w.text}"` : spec.kind === 'enum' ? w.text.toLowerCase() : w.text)).join('\u0000');
  return norm(a) === norm(b);
}
