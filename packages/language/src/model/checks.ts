// Built-in checks: what Policy Agent itself would reject, ignore or misread. Each finding has a
// stable code; severities follow one principle -- what makes Policy Agent reject the file or ignore
// a statement or parameter is an error, the rest are warnings.
import {
  catalogue,
  closest,
  compareReleases,
  editDistance,
  CIPHERS_V2,
  CURVES,
  type OperandSpec,
  type ParameterSpec,
  type StatementSpec,
} from '../catalogue/index.js';
import type { Diagnostic, Fix, RelatedLocation, Severity } from '../diagnostic.js';
import type { Word } from '../syntax/ast.js';
import type { Span } from '../text.js';
import { collect, LONG_STATEMENT, PolicyModel, type ModelOptions, type ParamInfo, type PolicyDocument, type Reference, type StatementInfo } from './model.js';
import {
  forbiddenIpv6,
  isPlaceholder,
  readAddress,
  readAddressRange,
  readIpSpec,
  readJobPattern,
  readPortSpec,
  readPrefix,
  splitCodes,
} from './values.js';

/**
 * How far a did-you-mean may be from what was written to be applied by --fix. Two edits (a wrong,
 * missing, extra or swapped letter or two) is a typo; further away the closest keyword may be a
 * different setting altogether (corpus 007's invented ClientHandshake is three letters from
 * ClientHandshakeSNI, which switches SNI enforcement on), so it stays an editor suggestion.
 */
const SAFE_FIX_DISTANCE = 2;

/** Whether replacing `written` by `candidate` is a near miss safe to apply without asking. */
function nearMiss(written: string, candidate: string): boolean {
  return editDistance(written, candidate, SAFE_FIX_DISTANCE) <= SAFE_FIX_DISTANCE;
}

/** Builds the model of one policy (one file, or a common file and a stack file) and checks it. */
export function analyse(documents: readonly PolicyDocument[], options: ModelOptions = {}): PolicyModel {
  const model = new PolicyModel(documents, options);
  collect(model);
  new Checker(model).run();
  return model;
}

const CURVE_CODES = new Set(CURVES.map((c) => c.code));
const V2_CODES = new Set(CIPHERS_V2.map((c) => c.code.toUpperCase()));
/** SSL V2 cipher names are written with a TLS_ or an SSL_ prefix; compare what follows it. */
const v2Key = (name: string): string => name.toUpperCase().replace(/^(TLS|SSL)_/, '');
const V2_NAMES = new Set(CIPHERS_V2.map((c) => v2Key(c.name)));
/**
 * A suite attls can name: System SSL's table, or an anonymous or export suite of the IANA registry
 * (weak-cipher reports those by name; calling them unknown as well would send the reader to look
 * for a typo that is not there).
 */
const knownSuite = (text: string): boolean => catalogue.cipherSuite(text) !== undefined || catalogue.ianaOnlySuite(text) !== undefined;

/** Statements whose presence makes a file a Policy Agent configuration file rather than a policy. */
const CONFIG_KINDS = new Set(['TcpImage', 'TTLSConfig', 'CommonTTLSConfig', 'LogLevel', 'Codepage']);

function spanOf(words: readonly Word[]): Span {
  return { start: words[0]!.span.start, end: words[words.length - 1]!.span.end };
}

function quote(list: readonly string[]): string {
  const q = list.map((s) => `'${s}'`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

function replaceFix(title: string, span: Span, newText: string): Fix {
  return { title, edits: [{ span, newText }] };
}

/** A `<placeholder>` can span several words, as in `<ALL | specific-ip-addr>`. */
function placeholderRun(values: readonly Word[]): Word[] | undefined {
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    const t = values[i]!.text;
    // Placeholders start with ? [ < . or an ellipsis: most words are decided by one character.
    const c = t.charCodeAt(0);
    if (c !== 63 && c !== 91 && c !== 60 && c !== 46 && c !== 0x2026) continue;
    if (isPlaceholder(t) || c === 60 || t === '...' || t === '\u2026') {
      first = i;
      break;
    }
  }
  if (first < 0) return undefined;
  const w = values[first]!;
  if (isPlaceholder(w.text) || w.text === '...' || w.text === '\u2026') return [w];
  for (let i = first; i < values.length; i++) {
    if (values[i]!.text.endsWith('>')) return values.slice(first, i + 1);
  }
  return undefined;
}

/** Whether a value is one of an enumerated parameter's values, in any case. */
function isEnumValue(ps: ParameterSpec, text: string): boolean {
  return catalogue.enumValue(ps, text) !== undefined;
}

/** The exclusive groups a statement uses so far: the first member coded of each. */
type GroupUsers = Map<string, { name: string; span: Span }>;

function isEllipsis(text: string): boolean {
  return /^(\.\.\.|\u2026)$/.test(text);
}

/**
 * Candidates one analysis may compare for did-you-mean suggestions. Suggestions are memoised per
 * word, and the budget keeps a policy with thousands of distinct undefined names (a renamed
 * naming convention, say) linear: past it, findings say what is missing without a guess.
 */
const SUGGESTION_BUDGET = 500_000;

class Checker {
  private suggestionsLeft = SUGGESTION_BUDGET;
  /** Memoised suggestions by candidate list (stable arrays) and word; lives as long as the check. */
  private readonly suggested = new Map<readonly string[], Map<string, string[]>>();
  /** Names defined per kind, as candidate lists. */
  private readonly namesByKind = new Map<string, string[]>();
  /** Unresolved references by lower-cased name (first one), for unnamed statements that may be them. */
  private unresolvedByName: Map<string, Reference> | undefined;

  constructor(private readonly model: PolicyModel) {}

  /** `closest`, memoised and within the budget. */
  private suggest(word: string, candidates: readonly string[], limit?: number): string[] {
    let byWord = this.suggested.get(candidates);
    if (!byWord) this.suggested.set(candidates, (byWord = new Map()));
    let found = byWord.get(word);
    if (found) return found;
    if (this.suggestionsLeft < candidates.length) return [];
    this.suggestionsLeft -= candidates.length;
    found = limit === undefined ? closest(word, candidates) : closest(word, candidates, limit);
    byWord.set(word, found);
    return found;
  }

  private definedNames(kind: string): string[] {
    let names = this.namesByKind.get(kind);
    if (!names) this.namesByKind.set(kind, (names = [...(this.model.definitions.get(kind)?.keys() ?? [])]));
    return names;
  }

  run(): void {
    for (const s of this.model.statements) this.statement(s);
    this.references();
    this.duplicates();
    this.unused();
    this.noRules();
  }

  private report(doc: PolicyDocument, d: Diagnostic): void {
    this.model.report(doc.uri, d);
  }

  private diag(
    s: StatementInfo | ParamInfo,
    code: string,
    severity: Severity,
    span: Span,
    message: string,
    extra: Partial<Diagnostic> = {},
  ): void {
    const doc = 'doc' in s ? s.doc : s.owner.doc;
    this.report(doc, { code, severity, message, span, ...extra });
  }

  // --- statements ---------------------------------------------------------------------------

  private statement(s: StatementInfo): void {
    if (s.node.kind === 'parameter') return this.lineStatement(s);
    const kw = s.keyword.text;
    const spec = s.spec;
    if (!spec) {
      if (s.foreign) return;
      this.unknownBlockStatement(s);
      return;
    }
    if (spec.shape === 'line') {
      this.diag(s, 'block-unexpected', 'error', s.keyword.span, `${spec.name} is a one-line statement; it takes no { } block.`, {
        messageId: 'lineStatement',
        data: { keyword: spec.name },
      });
      return;
    }
    this.keywordSpelling(s, kw, spec.name);
    this.placement(s, spec);
    this.naming(s, spec);
    this.params(s, spec);
    this.required(s, spec);
  }

  /** Keywords in other spellings are accepted; the formatter and --fix use the catalogue's. */
  private keywordSpelling(_s: StatementInfo, _written: string, _canonical: string): void {}

  private unknownBlockStatement(s: StatementInfo): void {
    const kw = s.keyword.text;
    const parentSpec = s.parent?.spec;
    const asParam = parentSpec ? catalogue.parameter(parentSpec, kw) : undefined;
    if (asParam || catalogue.placesOf(kw).length > 0) {
      this.diag(s, 'block-unexpected', 'error', s.keyword.span, `'${kw}' is a parameter that takes a value, not a { } block.`, {
        messageId: 'parameter',
        data: { keyword: asParam?.name ?? kw },
      });
      return;
    }
    if (isPlaceholder(kw) || isEllipsis(kw)) {
      this.diag(s, 'placeholder', 'error', s.keyword.span, `'${kw}' is a placeholder from a sample; replace it with a real statement.`);
      return;
    }
    if (s.parent && !parentSpec) return; // inside an unknown statement: one report is enough
    const candidates = parentSpec
      ? catalogue.inlineBlockNames(parentSpec)
      : catalogue.topLevelStatementNames();
    const named = s.node.kind === 'statement' && s.node.name !== undefined;
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
      this.diag(s, 'unknown-statement', 'error', s.keyword.span, `Unknown statement '${kw}'; it looks like a ${meant.refKind} named '${meant.name}' with the keyword missing ('${fixed}').`, {
        messageId: 'keywordMissing',
        data: { keyword: kw, suggestions: [fixed] },
        related: [{ message: `'${meant.name}' is referenced here`, span: meant.word.span, uri: meant.param.owner.doc.uri }],
        suggestions: [replaceFix(`Change to '${fixed}'`, s.keyword.span, fixed)],
      });
      return;
    }
    let suggestions = this.suggest(kw, candidates);
    const local = suggestions.length > 0;
    if (!local) suggestions = this.suggest(kw, catalogue.statementNames());
    this.unknown(s, 'unknown-statement', s.keyword, `Unknown statement '${kw}'`, suggestions, local);
  }

  /**
   * An unknown keyword. A unique did-you-mean becomes a safe fix only when it comes from the
   * keywords valid at this place (`fixable`) and is a near miss; a keyword from elsewhere would
   * only trade this finding for a misplaced one, and a distant one may mean something else, so
   * those stay suggestions.
   */
  private unknown(owner: StatementInfo | ParamInfo, code: string, word: Word, lead: string, suggestions: string[], fixable = true): void {
    const unique = suggestions.length === 1 && fixable && nearMiss(word.text, suggestions[0]!) ? suggestions[0] : undefined;
    const hint = suggestions.length > 0 ? `; did you mean ${quote(suggestions)}?` : '.';
    const tail =
      code === 'unknown-parameter'
        ? ' Policy Agent ignores unknown parameters and uses the default instead.'
        : ' Policy Agent does not know it.';
    this.diag(owner, code, 'error', word.span, `${lead}${hint}${tail}`, {
      messageId: suggestions.length > 0 ? 'didYouMean' : 'unknown',
      data: { keyword: word.text, suggestions },
      fix: unique ? replaceFix(`Change to '${unique}'`, word.span, unique) : undefined,
      suggestions: suggestions.length > 1 || (suggestions.length === 1 && !unique) ? suggestions.map((x) => replaceFix(`Change to '${x}'`, word.span, x)) : undefined,
    });
  }

  private lineStatement(s: StatementInfo): void {
    const node = s.node;
    if (node.kind !== 'parameter') return;
    const kw = s.keyword.text;
    if (s.spec) {
      if (s.spec.shape === 'block') {
        this.diag(s, 'block-expected', 'error', s.keyword.span, `${s.spec.name} needs a { } block with its parameters.`, {
          messageId: 'statement',
          data: { keyword: s.spec.name },
        });
        return;
      }
      this.operands(s, s.spec.operands ?? [], node.values);
      return;
    }
    if (s.foreign) return;
    const places = catalogue.placesOf(kw);
    if (places.length > 0) {
      const validIn = [...new Set(places.map((p) => p.statement.name))];
      this.diag(s, 'misplaced-parameter', 'error', s.keyword.span, `'${kw}' is a parameter and must be inside ${quote(validIn)}; here it stands outside any statement.`, {
        messageId: 'topLevel',
        data: { keyword: places[0]!.parameter.name, validIn },
      });
      if (node.values.length === 0 && places.every((x) => x.parameter.kind !== 'inline-block')) this.noValue(s, places[0]!.parameter.name);
      return;
    }
    const ph = placeholderRun([s.keyword, ...node.values]);
    if (ph && ph[0] === s.keyword) {
      this.diag(s, 'placeholder', 'error', spanOf(ph), `'${ph.map((w) => w.text).join(' ')}' is a placeholder from a sample; replace it with real policy text.`);
      return;
    }
    const suggestions = this.suggest(kw, catalogue.lineStatementCandidates());
    this.unknown(s, 'unknown-statement', s.keyword, `Unknown statement '${kw}'`, suggestions);
  }

  private operands(s: StatementInfo, operands: readonly OperandSpec[], values: readonly Word[]): void {
    let i = 0;
    for (const op of operands) {
      const w = values[i];
      if (!w) {
        if (op.required) {
          this.diag(s, 'missing-value', 'error', s.keyword.span, `${s.keyword.text} needs its ${op.name} operand.`, {
            messageId: 'operand',
            data: { keyword: s.keyword.text, operand: op.name },
          });
        }
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
          this.diag(s, 'invalid-value', 'error', w.span, `'${text}' is not a z/OS UNIX path or a data set name such as //'HLQ.POLICY(MEMBER)'.`);
          i++;
        }
        continue;
      }
      if (op.kind === 'int') {
        if (/^\d+$/.test(text)) i++;
        else if (op.required) {
          this.diag(s, 'invalid-value', 'error', w.span, `'${text}' is not a number.`);
          i++;
        }
        continue;
      }
      if (op.maxLength !== undefined && text.length > op.maxLength) {
        this.diag(s, 'invalid-value', 'error', w.span, `'${text}' is longer than ${op.maxLength} characters.`);
      }
      i++;
    }
    if (i < values.length) this.trailing(s, values.slice(i), `${s.keyword.text}`, values[i - 1]);
  }

  private placement(s: StatementInfo, spec: StatementSpec): void {
    const parent = s.parent;
    if (!parent) {
      if (!spec.global) {
        this.diag(s, 'misplaced-statement', 'error', s.keyword.span, `${spec.name} can only be written inside ${quote(spec.inlineIn)}.`, {
          messageId: 'inlineOnly',
          data: { keyword: spec.name, validIn: [...spec.inlineIn] },
        });
      }
      return;
    }
    if (!parent.spec) return;
    const p = catalogue.parameter(parent.spec, spec.name);
    if (p && p.kind === 'inline-block') return;
    const related: RelatedLocation[] = [];
    let hint = '';
    if (parent.node.kind === 'statement' && !parent.node.close && spec.global) {
      hint = ` Is a '}' missing before it? The block of ${parent.label} is never closed.`;
      related.push({ message: `${parent.label} starts here`, span: parent.anchor });
    }
    const where = spec.inlineIn.length > 0 ? ` It can be written inline only in ${quote(spec.inlineIn)}, or at the top level.` : ' It belongs at the top level of the file.';
    this.diag(s, 'misplaced-statement', 'error', s.keyword.span, `${spec.name} cannot be nested in ${parent.label}.${where}${hint}`, {
      messageId: hint ? 'missingBrace' : 'nested',
      data: { keyword: spec.name, parent: parent.kind ?? parent.keyword.text },
      related,
    });
  }

  private naming(s: StatementInfo, spec: StatementSpec): void {
    const name = s.nameWord;
    if (!name) {
      if (spec.naming === 'required' || (spec.naming === 'optional-inline' && !s.parent)) {
        const why = spec.naming === 'required' ? 'every' : 'a top-level';
        this.diag(s, 'missing-required', 'error', s.keyword.span, `${spec.name} needs a name: ${why} ${spec.name} statement must be named.`, {
          messageId: 'name',
          data: { keyword: spec.name },
        });
      }
    } else {
      const max = spec.nameMaxLength ?? 32;
      if (isPlaceholder(name.text)) {
        this.diag(s, 'placeholder', 'error', name.span, `'${name.text}' is a placeholder from a sample; replace it with a real name.`);
      } else if (name.text.length > max) {
        this.diag(s, 'invalid-value', 'error', name.span, `The name '${name.text}' is ${name.text.length} characters long; names are limited to ${max}.`, {
          messageId: 'nameTooLong',
        });
      }
    }
    if (s.node.kind === 'statement' && s.node.extra.length > 0) this.trailing(s, s.node.extra, `the name of ${spec.name}`, s.node.name);
  }

  /**
   * Words after a value that Policy Agent ignores. When they only repeat the word before them
   * (`TTLSEnabled On On`), removing them is a safe fix; otherwise removal is only a suggestion,
   * since the author may have meant a value with blanks.
   */
  private trailing(owner: StatementInfo | ParamInfo, words: readonly Word[], after: string, before?: Word): void {
    const text = words.map((w) => w.text).join(' ');
    const removal = before ? { span: { start: before.span.end, end: words[words.length - 1]!.span.end }, newText: '' } : undefined;
    const repeated = before !== undefined && words.every((w) => w.text.toLowerCase() === before.text.toLowerCase());
    this.diag(owner, 'trailing-text', 'warning', spanOf(words), `'${text}' after ${after} is ignored by Policy Agent.`, {
      messageId: repeated ? 'repeated' : 'ignored',
      data: { text },
      tags: [1],
      fix: repeated && removal ? { title: `Remove the repeated '${text}'`, edits: [removal] } : undefined,
      suggestions: !repeated && removal ? [{ title: `Remove '${text}'`, edits: [removal] }] : undefined,
    });
  }

  // --- parameters ---------------------------------------------------------------------------

  private params(s: StatementInfo, spec: StatementSpec): void {
    // Nothing is allocated for a statement without a question to answer: the repeated-parameter
    // check scans the few lines before (a map only for long statements), and the exclusive-group
    // map is made on the first group member. This runs for every statement of a policy.
    const long = s.params.length > LONG_STATEMENT;
    let firstOf: Map<string, ParamInfo> | undefined;
    let groupUser: GroupUsers | undefined;
    for (const p of s.params) {
      if (!p.spec) {
        this.unknownParam(s, spec, p);
        continue;
      }
      const ps = p.spec;
      if (ps.kind === 'inline-block') {
        const ref = spec.parameters.find((x) => x.kind === 'name-ref' && x.refKind === ps.inlineKind);
        const alt = ref ? ` To refer to a named ${ps.inlineKind}, write '${ref.name} name'.` : '';
        this.diag(p, 'block-expected', 'error', p.keyword.span, `${ps.name} must be followed by a { } block here.${alt}`, {
          messageId: 'inline',
          data: { keyword: ps.name },
        });
        continue;
      }
      if (!ps.repeatable) {
        let prev: ParamInfo | undefined;
        if (long) {
          firstOf ??= new Map();
          prev = firstOf.get(ps.name);
        } else prev = firstWithSpec(s.params, ps, p);
        if (prev) {
          this.diag(p, 'duplicate-parameter', 'warning', p.keyword.span, `${ps.name} is coded more than once in ${s.label}; only one value takes effect.`, {
            messageId: 'repeated',
            data: { keyword: ps.name },
            related: [{ message: `${ps.name} is first coded here`, span: prev.keyword.span }],
          });
        } else firstOf?.set(ps.name, p);
      }
      if (ps.exclusiveGroup) groupUser = this.useGroup(groupUser, spec, ps, p.keyword, p);
      if (ps.since && compareReleases(ps.since, this.model.release) > 0) {
        this.diag(p, 'release-mismatch', 'warning', p.keyword.span, `${ps.name} needs z/OS ${ps.since} or later; the target release is ${this.model.release}.`, {
          messageId: 'tooNew',
          data: { keyword: ps.name, since: ps.since, target: this.model.release },
        });
      }
      this.values(p, ps);
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
          this.diag(c, 'duplicate-parameter', 'warning', c.keyword.span, `${ps.name} is written more than once in ${s.label}; only one block takes effect.`, {
            messageId: 'repeated',
            data: { keyword: ps.name },
            related: [{ message: `${ps.name} is first written here`, span: prev.keyword.span }],
          });
        } else (blocks ??= new Map()).set(ps.name, c);
      }
      if (ps.exclusiveGroup) groupUser = this.useGroup(groupUser, spec, ps, c.keyword, c);
      if (ps.since && compareReleases(ps.since, this.model.release) > 0) {
        this.diag(c, 'release-mismatch', 'warning', c.keyword.span, `${ps.name} needs z/OS ${ps.since} or later; the target release is ${this.model.release}.`, {
          messageId: 'tooNew',
          data: { keyword: ps.name, since: ps.since, target: this.model.release },
        });
      }
    }
  }

  /**
   * Notes that a member of an exclusive group is coded, and reports a second member. A method
   * with the map passed along, not a closure: a closure over the statement's locals would make
   * every call of params() allocate them.
   */
  private useGroup(users: GroupUsers | undefined, spec: StatementSpec, p: ParameterSpec, at: Word, owner: StatementInfo | ParamInfo): GroupUsers {
    const span = at.span;
    users ??= new Map();
    const prev = users.get(p.exclusiveGroup!);
    if (!prev) {
      users.set(p.exclusiveGroup!, { name: p.name, span });
      return users;
    }
    if (prev.name === p.name) return users;
    this.diag(owner, 'conflicting-parameters', 'error', span, `${p.name} and ${prev.name} are alternatives; code only one of them in ${spec.name}.`, {
      messageId: 'exclusive',
      data: { first: prev.name, second: p.name },
      related: [{ message: `${prev.name} is coded here`, span: prev.span }],
    });
    return users;
  }

  private unknownParam(s: StatementInfo, spec: StatementSpec, p: ParamInfo): void {
    const kw = p.keyword.text;
    if (isPlaceholder(kw) || isEllipsis(kw)) {
      this.diag(p, 'placeholder', 'error', p.node.span, isEllipsis(kw)
        ? `'${kw}' stands for lines left out of a sample; Policy Agent would read it as an unknown parameter.`
        : `'${kw}' is a placeholder from a sample; replace it with a real parameter.`);
      return;
    }
    const places = catalogue.placesOf(kw);
    if (places.length > 0) {
      const validIn = [...new Set(places.map((x) => x.statement.name))];
      const canonical = places[0]!.parameter.name;
      this.diag(p, 'misplaced-parameter', 'error', p.keyword.span, `${canonical} is not a parameter of ${spec.name}; it belongs in ${quote(validIn)}. Policy Agent ignores it here.`, {
        messageId: 'wrongStatement',
        data: { keyword: canonical, statement: spec.name, validIn },
      });
      // Moving the line to where it belongs (the editor offers that) would still leave it without
      // a value, so say so now rather than after the move. Block keywords take no value.
      if (p.values.length === 0 && places.every((x) => x.parameter.kind !== 'inline-block')) this.noValue(p, canonical);
      return;
    }
    const stmt = catalogue.statement(kw);
    if (stmt) {
      this.diag(p, 'misplaced-statement', 'error', p.keyword.span, `${stmt.name} is a statement, not a parameter of ${spec.name}.`, {
        messageId: 'statementAsParameter',
        data: { keyword: stmt.name, parent: spec.name },
      });
      return;
    }
    let suggestions = this.suggest(kw, catalogue.parameterNames(spec));
    const local = suggestions.length > 0;
    if (!local) suggestions = this.suggest(kw, catalogue.allKeywords());
    this.unknown(p, 'unknown-parameter', p.keyword, `Unknown parameter '${kw}' in ${spec.name}`, suggestions, local);
  }

  private invalid(p: ParamInfo, span: Span, message: string, messageId = 'invalid', extra: Partial<Diagnostic> = {}): void {
    this.diag(p, 'invalid-value', 'error', span, message, { messageId, data: { keyword: p.spec?.name ?? p.keyword.text }, ...extra });
  }

  private questionable(p: ParamInfo, span: Span, message: string, messageId: string): void {
    this.diag(p, 'questionable-value', 'warning', span, message, { messageId, data: { keyword: p.spec?.name ?? p.keyword.text } });
  }

  private noValue(p: ParamInfo | StatementInfo, keyword: string): void {
    this.diag(p, 'missing-value', 'error', p.keyword.span, `${keyword} has no value; Policy Agent rejects a parameter without one.`, {
      messageId: 'none',
      data: { keyword },
    });
  }

  private values(p: ParamInfo, ps: ParameterSpec): void {
    const values = p.values;
    if (values.length === 0) {
      this.noValue(p, ps.name);
      return;
    }
    const ph = placeholderRun(values);
    if (ph) {
      const text = ph.map((w) => w.text).join(' ');
      this.diag(p, 'placeholder', 'error', spanOf(ph), `'${text}' is a placeholder from a sample; replace it with a real value for ${ps.name}.`, {
        messageId: 'value',
        data: { keyword: ps.name, text },
      });
      return;
    }
    const w = values[0]!;
    const text = w.text;
    let used = 1;
    if (w.quoted && /\s/.test(text)) {
      this.questionable(p, w.span, `Whether Policy Agent accepts a quoted value with blanks is not documented; check that ${ps.name} "${text}" is read as one value.`, 'quoted');
    }
    switch (ps.kind) {
      case 'enum': {
        if (isEnumValue(ps, text)) break;
        const allowed = (ps.values ?? []).map((v) => v.value);
        {
          const near = this.suggest(text, allowed);
          this.invalid(p, w.span, `'${text}' is not a value of ${ps.name}; use ${quote(allowed)}.`, 'enum', {
            data: { keyword: ps.name, value: text, allowed },
            fix: near.length === 1 && nearMiss(text, near[0]!) ? replaceFix(`Change to '${near[0]}'`, w.span, near[0]!) : undefined,
            suggestions: near.length === 1 && !nearMiss(text, near[0]!) ? [replaceFix(`Change to '${near[0]}'`, w.span, near[0]!)] : undefined,
          });
        }
        break;
      }
      case 'int': {
        if (!/^\d+$/.test(text)) {
          if (isEnumValue(ps, text)) break;
          this.invalid(p, w.span, `'${text}' is not a whole number; ${ps.name} takes a number${this.bounds(ps)}.`, 'notNumber');
          break;
        }
        const n = Number(text);
        if ((ps.min !== undefined && n < ps.min) || (ps.max !== undefined && n > ps.max)) {
          const unsure = ps.boundsCertainty === 'recalled';
          const message = `${text} is outside the range of ${ps.name}${this.bounds(ps)}.${unsure ? ' (The range is recalled, not confirmed from IBM documentation.)' : ''}`;
          if (unsure) this.questionable(p, w.span, message, 'range');
          else this.invalid(p, w.span, message, 'range');
        }
        break;
      }
      case 'string':
      case 'name-ref': {
        const max = ps.kind === 'name-ref' ? 32 : ps.maxLength;
        if (max !== undefined && text.length > max) {
          this.invalid(p, w.span, `'${text}' is ${text.length} characters long; ${ps.name} allows at most ${max}.`, 'tooLong');
        }
        break;
      }
      case 'job-pattern': {
        const r = readJobPattern(text);
        if (!r.ok) {
          if (/\*./.test(text) && text.length <= 8) this.questionable(p, w.span, `${r.reason}.`, 'wildcard');
          else this.invalid(p, w.span, `${ps.name}: ${r.reason}.`, 'jobPattern');
        }
        break;
      }
      case 'ip-spec':
      case 'ip-address':
      case 'ip-prefix':
      case 'ip-range': {
        const r =
          ps.kind === 'ip-spec' ? readIpSpec(text)
          : ps.kind === 'ip-prefix' ? readPrefix(text)
          : ps.kind === 'ip-range' ? readAddressRange(text)
          : readAddress(text);
        if (!r.ok) {
          this.invalid(p, w.span, `${ps.name}: ${r.reason}.`, 'address');
          break;
        }
        const v = r.value as { all?: boolean; family?: 4 | 6; from?: bigint; to?: bigint; value?: bigint; form?: 'address' | 'prefix' | 'range' };
        if (v.all) break;
        const range = v.value !== undefined ? { family: v.family!, from: v.value, to: v.value } : { family: v.family!, from: v.from!, to: v.to! };
        const form = v.form ?? (ps.kind === 'ip-prefix' ? 'prefix' : ps.kind === 'ip-range' ? 'range' : 'address');
        const why = forbiddenIpv6(range, form);
        if (why) this.invalid(p, w.span, `${ps.name} ${text}: ${why}.`, 'ipv6');
        break;
      }
      case 'port-spec': {
        if (text.toLowerCase() === 'all') {
          this.questionable(p, w.span, `'All' is not a documented value of ${ps.name}; write 0 for every port.`, 'portAll');
          break;
        }
        const r = readPortSpec(values.map((v) => v.text));
        if (!r.ok) this.invalid(p, w.span, `${ps.name}: ${r.reason}.`, 'port');
        else used = r.value.used;
        break;
      }
      case 'bitmask': {
        const ok =
          /^[01]+$/.test(text) &&
          (ps.minLength === undefined || text.length >= ps.minLength) &&
          (ps.maxLength === undefined || text.length <= ps.maxLength);
        if (!ok) this.invalid(p, w.span, `${ps.name} takes a string of 0s and 1s${ps.minLength ? ` of ${ps.minLength} characters` : ''}.`, 'bitmask');
        break;
      }
      case 'cipher-v2': {
        if (/^(TLS|SSL)_/i.test(text)) {
          if (!V2_NAMES.has(v2Key(text))) this.unknownCipher(p, w, `'${text}' is not an SSL V2 cipher name known to attls.`);
        } else if (!/^[0-9A-Za-z]+$/.test(text)) {
          this.invalid(p, w.span, `${ps.name} takes 1-character SSL V2 cipher codes written together (such as 713) or one cipher name.`, 'cipher');
        } else {
          const unknown = [...text].filter((c) => !V2_CODES.has(c.toUpperCase()));
          if (unknown.length > 0) this.unknownCipher(p, w, `SSL V2 cipher code${unknown.length > 1 ? 's' : ''} ${quote(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not known to attls.`);
        }
        break;
      }
      case 'cipher-v3': {
        if (/^(TLS|SSL)_/i.test(text)) {
          if (!knownSuite(text)) this.unknownCipher(p, w, `'${text}' is not a cipher suite name known to attls.`);
          break;
        }
        const r = splitCodes(text, 2, true);
        if (!r.ok) {
          this.invalid(p, w.span, `${ps.name}: ${r.reason}; write 2-character codes together (such as 352F) or one cipher suite name.`, 'cipher');
          break;
        }
        const unknown = r.value.filter((c) => !knownSuite(c));
        if (unknown.length > 0) this.unknownCipher(p, w, `Cipher code${unknown.length > 1 ? 's' : ''} ${quote(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not known to attls.`);
        break;
      }
      case 'cipher-v3-4char': {
        const r = splitCodes(text, 4, true);
        if (!r.ok) {
          this.invalid(p, w.span, `${ps.name}: ${r.reason}.`, 'cipher');
          break;
        }
        const unknown = r.value.filter((c) => !knownSuite(c));
        if (unknown.length > 0) this.unknownCipher(p, w, `Cipher code${unknown.length > 1 ? 's' : ''} ${quote(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not known to attls.`);
        break;
      }
      case 'curve-list':
      case 'group-list': {
        if (isEnumValue(ps, text)) break;
        const r = splitCodes(text, 4, false);
        if (!r.ok) {
          this.invalid(p, w.span, `${ps.name}: ${r.reason}.`, 'codes');
          break;
        }
        const unknown = r.value.filter((c) => !CURVE_CODES.has(c));
        if (unknown.length > 0) this.unknownCipher(p, w, `Code${unknown.length > 1 ? 's' : ''} ${quote(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not a curve or group known to attls.`);
        break;
      }
      case 'sigalg-list': {
        const r = splitCodes(text, 4, true);
        if (!r.ok) this.invalid(p, w.span, `${ps.name}: ${r.reason}.`, 'codes');
        break;
      }
      case 'file-ref': {
        if (!text.startsWith('/')) {
          this.invalid(p, w.span, `'${text}' is not a z/OS UNIX path (starting with /) or a data set name such as //'HLQ.NAME(MEMBER)'.`, 'file');
        }
        break;
      }
      case 'time-spec':
      case 'inline-block':
        break;
    }
    if (values.length > used) this.trailing(p, values.slice(used), `the value of ${ps.name}`, values[used - 1]);
  }

  private unknownCipher(p: ParamInfo, w: Word, message: string): void {
    this.diag(p, 'unknown-cipher', 'warning', w.span, `${message} Check the spelling against the System SSL cipher table.`, {
      messageId: 'unknown',
      data: { keyword: p.spec?.name ?? p.keyword.text, value: w.text },
    });
  }

  private bounds(ps: ParameterSpec): string {
    if (ps.min !== undefined && ps.max !== undefined) return ` from ${ps.min} to ${ps.max}`;
    if (ps.min !== undefined) return ` of at least ${ps.min}`;
    if (ps.max !== undefined) return ` of at most ${ps.max}`;
    return '';
  }

  // --- requirements -------------------------------------------------------------------------

  private has(s: StatementInfo, name: string): boolean {
    return s.param(name) !== undefined || (s.children.length > 0 && s.childrenOfKind(name).length > 0);
  }

  private required(s: StatementInfo, spec: StatementSpec): void {
    // No closures here: one over `s` would make every call allocate it (this runs per statement).
    for (const p of spec.parameters) {
      if (p.required && !this.has(s, p.name)) {
        this.missing(s, spec, p.name, `${s.label} has no ${p.name}; Policy Agent rejects ${spec.name} statements without it.`, 'parameter');
      }
    }
    for (const group of spec.requiredOneOf ?? []) {
      if (!this.hasAny(s, group)) {
        const message =
          spec.name === 'TTLSRule'
            ? `${s.label} has no condition besides Direction; Policy Agent needs at least one of LocalAddr, RemoteAddr, LocalPortRange, RemotePortRange (or their Ref forms), Jobname or Userid.`
            : `${s.label} needs ${group.length > 1 ? 'one of ' : ''}${quote(group)}.`;
        this.missing(s, spec, group.join('|'), message, 'oneOf');
      }
    }
    if (spec.name === 'TTLSRule') {
      const group = this.model.referenced(s, 'TTLSGroupActionRef');
      if (group && group.value('TTLSEnabled')?.toLowerCase() === 'on' && !this.has(s, 'TTLSEnvironmentActionRef')) {
        this.missing(
          s,
          spec,
          'TTLSEnvironmentActionRef',
          `${s.label} uses ${group.label}, which has TTLSEnabled On, so it also needs a TTLSEnvironmentActionRef.`,
          'environment',
        );
      }
    }
  }

  private missing(s: StatementInfo, spec: StatementSpec, what: string, message: string, messageId: string): void {
    this.diag(s, 'missing-required', 'error', s.anchor, message, { messageId, data: { statement: spec.name, missing: what } });
  }

  private hasAny(s: StatementInfo, keywords: readonly string[]): boolean {
    for (const k of keywords) if (this.has(s, k)) return true;
    return false;
  }

  // --- names across the policy ----------------------------------------------------------------

  private references(): void {
    // Unused definitions are suggestions for undefined references; most policies have none of
    // the latter, so the list is made only when the first one turns up.
    let unusedByKind: Map<string, { list: string[]; set: Set<string> }> | undefined;
    const unusedOf = (kind: string): { list: string[]; set: Set<string> } => {
      if (!unusedByKind) {
        unusedByKind = new Map();
        for (const [k, byName] of this.model.definitions) {
          const list = [...byName.keys()].filter((n) => this.model.referencesByName(k, n).length === 0);
          unusedByKind.set(k, { list, set: new Set(list) });
        }
      }
      return unusedByKind.get(kind) ?? { list: [], set: new Set() };
    };
    // Unnamed top-level statements with an unknown keyword, by lower-cased keyword (first one).
    let unnamedByKeyword: Map<string, StatementInfo> | undefined;
    const unnamed = (name: string): StatementInfo | undefined => {
      if (!unnamedByKeyword) {
        unnamedByKeyword = new Map();
        for (const s of this.model.statements) {
          const key = s.keyword.text.toLowerCase();
          if (!s.spec && !s.parent && s.node.kind === 'statement' && !s.node.name && !unnamedByKeyword.has(key)) unnamedByKeyword.set(key, s);
        }
      }
      return unnamedByKeyword.get(name.toLowerCase());
    };
    for (const r of this.model.references) {
      if (r.target || isPlaceholder(r.name) || placeholderRun([r.word])) continue;
      const otherKinds: string[] = [];
      for (const [kind, byName] of this.model.definitions) {
        if (kind !== r.refKind && byName.has(r.name)) otherKinds.push(kind);
      }
      const near = this.suggest(r.name, this.definedNames(r.refKind), Math.max(2, Math.floor(r.name.length / 4)));
      // A definition of the right kind that nothing uses is the likeliest intended target.
      const unusedAll = unusedOf(r.refKind);
      const unused = unusedAll.list.length <= 2 + near.length ? unusedAll.list.filter((n) => !near.includes(n)) : undefined;
      const suggestions = [
        ...near.filter((n) => unusedAll.set.has(n)),
        ...(unused && unused.length <= 2 ? unused : []),
        ...near.filter((n) => !unusedAll.set.has(n)),
      ];
      const related: RelatedLocation[] = [];
      for (const n of suggestions) {
        const def = this.model.resolve(r.refKind, n);
        if (def) related.push({ message: `${r.refKind} '${n}' is defined here${unusedAll.set.has(n) ? ' and used nowhere' : ''}`, span: def.anchor, uri: def.doc.uri });
      }
      // An unnamed statement with a mistyped keyword may be the missing definition (PortGroup2 { ... }).
      const typo = unnamed(r.name);
      let message = `${r.refKind} '${r.name}' is not defined`;
      if (otherKinds.length > 0) message += ` (a ${otherKinds.join(' and a ')} has that name, but ${r.param.keyword.text} needs a ${r.refKind})`;
      if (typo) {
        message += `; the unnamed statement '${typo.keyword.text}' may be meant to be '${r.refKind} ${r.name}'.`;
        related.push({ message: `'${typo.keyword.text}' is probably '${r.refKind} ${r.name}' with the keyword missing`, span: typo.keyword.span, uri: typo.doc.uri });
      } else message += suggestions.length > 0 ? `; did you mean ${quote(suggestions)}?` : '.';
      message += ' Policy Agent rejects a reference to a missing statement.';
      this.diag(r.param, 'undefined-reference', 'error', r.word.span, message, {
        messageId: typo ? 'keywordMissing' : suggestions.length > 0 ? 'didYouMean' : otherKinds.length > 0 ? 'wrongKind' : 'missing',
        data: { kind: r.refKind, name: r.name, suggestions, otherKinds },
        related,
        suggestions: suggestions.map((n) => replaceFix(`Change to '${n}'`, r.word.span, n)),
      });
    }
  }

  private duplicates(): void {
    for (const [kind, byName] of this.model.definitions) {
      for (const [name, defs] of byName) {
        if (defs.length < 2) continue;
        const winner = defs[defs.length - 1]!;
        for (const d of defs.slice(0, -1)) {
          const sameFile = d.doc.uri === winner.doc.uri;
          const identical = fingerprint(d) === fingerprint(winner);
          const severity: Severity = sameFile && !identical ? 'error' : 'warning';
          const where = sameFile ? `again later in this file` : `again in ${this.model.fileLabel(winner.doc.uri)}, which Policy Agent reads later`;
          const effect = identical
            ? 'the definitions are identical, so nothing changes, but one of them should go.'
            : sameFile
              ? 'Policy Agent keeps only the last definition, so this one is ignored.'
              : 'that definition wins and this one is ignored for this stack.';
          this.diag(d, 'duplicate-definition', severity, d.anchor, `${kind} '${name}' is defined ${where}; ${effect}`, {
            messageId: identical ? 'identical' : sameFile ? 'ignored' : 'overridden',
            data: { kind, name },
            related: [{ message: `The definition Policy Agent uses`, span: winner.anchor, uri: winner.doc.uri }],
          });
        }
      }
    }
  }

  private unused(): void {
    for (const [kind, byName] of this.model.definitions) {
      const spec = catalogue.statement(kind);
      if (!spec || spec.refParams.length === 0) continue;
      for (const [name, defs] of byName) {
        if (this.model.referencesByName(kind, name).length > 0) continue;
        for (const d of defs) {
          if (d.parent) continue;
          this.diag(d, 'unused-definition', 'warning', d.anchor, `${kind} '${name}' is never referenced, so it has no effect.`, {
            messageId: 'unused',
            data: { kind, name },
            tags: [1],
          });
        }
      }
    }
  }

  private noRules(): void {
    if ((this.model.definitions.get('TTLSRule')?.size ?? 0) > 0) return;
    for (const doc of this.model.documents) {
      const top = this.model.statements.filter((s) => s.doc === doc && !s.parent);
      const isConfig = top.some((s) => (s.kind && CONFIG_KINDS.has(s.kind)) || s.foreign);
      const hasPolicy = top.some((s) => s.spec && s.spec.fileRole === 'policy');
      if (isConfig && !hasPolicy) continue;
      const first = top[0];
      this.report(doc, {
        code: 'no-rules',
        severity: 'warning',
        message: 'This policy has no TTLSRule, so AT-TLS secures no connection with it.',
        span: first ? first.keyword.span : { start: 0, end: 0 },
      });
      return;
    }
  }
}

/** The first parameter before `p` with the same catalogue entry, if any. */
function firstWithSpec(params: readonly ParamInfo[], spec: ParameterSpec, p: ParamInfo): ParamInfo | undefined {
  for (const q of params) {
    if (q === p) return undefined;
    if (q.spec === spec) return q;
  }
  return undefined;
}

/** Content of a statement with layout, comments and keyword case removed, to compare duplicates. */
function fingerprint(s: StatementInfo): string {
  const parts: string[] = [];
  for (const p of s.params) parts.push(`${(p.spec?.name ?? p.keyword.text).toLowerCase()} ${p.values.map((v) => v.text).join(' ')}`);
  for (const c of s.children) parts.push(`{${(c.kind ?? c.keyword.text).toLowerCase()} ${c.name ?? ''} ${fingerprint(c)}}`);
  return parts.join('\n');
}
