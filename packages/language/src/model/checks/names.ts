// Built-in check of names across the policy: references to statements that are not defined,
// statements defined twice, definitions nothing uses, and a policy without rules.
import { catalogue } from '../../catalogue/index.js';
import type { RelatedLocation } from '../../diagnostic.js';
import { spanOf } from '../../text.js';
import type { BuiltinCheck, Finding } from '../check.js';
import type { PolicyModel, StatementInfo } from '../model.js';
import { isPlaceholder } from '../values.js';
import { placeholderRun, replaceFix, Suggester } from './support.js';

/** Statements whose presence makes a file a Policy Agent configuration file rather than a policy. */
const CONFIG_KINDS = new Set(['TcpImage', 'TTLSConfig', 'CommonTTLSConfig', 'LogLevel', 'Codepage']);

export const referencesCheck: BuiltinCheck = {
  name: 'references',
  codes: ['undefined-reference'],
  run: (model, options) => undefinedReferences(model, options?.messages !== false),
};

export const definitionsCheck: BuiltinCheck = {
  name: 'definitions',
  codes: ['duplicate-definition', 'unused-definition', 'no-rules'],
  run: (model) => [...duplicates(model), ...unused(model), ...noRules(model)],
};

/** `suggest`: look for the names each undefined reference may have meant (messages and fixes only). */
function undefinedReferences(model: PolicyModel, suggest: boolean): Finding[] {
  const out: Finding[] = [];
  const suggester = new Suggester();
  const namesByKind = new Map<string, string[]>();
  const definedNames = (kind: string): string[] => {
    let names = namesByKind.get(kind);
    if (!names) namesByKind.set(kind, (names = [...(model.definitions.get(kind)?.keys() ?? [])]));
    return names;
  };
  // Unused definitions are suggestions for undefined references; most policies have none of
  // the latter, so the list is made only when the first one turns up.
  let unusedByKind: Map<string, { list: string[]; set: Set<string> }> | undefined;
  const unusedOf = (kind: string): { list: string[]; set: Set<string> } => {
    if (!unusedByKind) {
      unusedByKind = new Map();
      for (const [k, byName] of model.definitions) {
        const list = [...byName.keys()].filter((n) => model.referencesByName(k, n).length === 0);
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
      for (const s of model.statements) {
        const key = s.keyword.text.toLowerCase();
        if (!s.spec && !s.parent && s.node.kind === 'statement' && !s.node.name && !unnamedByKeyword.has(key)) unnamedByKeyword.set(key, s);
      }
    }
    return unnamedByKeyword.get(name.toLowerCase());
  };
  for (const r of model.references) {
    if (r.target || isPlaceholder(r.name) || placeholderRun([r.word])) continue;
    const otherKinds: string[] = [];
    for (const [kind, byName] of model.definitions) {
      if (kind !== r.refKind && byName.has(r.name)) otherKinds.push(kind);
    }
    const near = suggest ? suggester.suggest(r.name, definedNames(r.refKind), Math.max(2, Math.floor(r.name.length / 4))) : [];
    // A definition of the right kind that nothing uses is the likeliest intended target.
    const unusedAll = suggest ? unusedOf(r.refKind) : { list: [], set: new Set<string>() };
    const unusedNames = unusedAll.list.length <= 2 + near.length ? unusedAll.list.filter((n) => !near.includes(n)) : undefined;
    const suggestions = [
      ...near.filter((n) => unusedAll.set.has(n)),
      ...(unusedNames && unusedNames.length <= 2 ? unusedNames : []),
      ...near.filter((n) => !unusedAll.set.has(n)),
    ];
    const related: RelatedLocation[] = [];
    for (const n of suggestions) {
      const def = model.resolve(r.refKind, n);
      if (def) related.push({ message: `${r.refKind} '${n}' is defined here${unusedAll.set.has(n) ? ' and used nowhere' : ''}`, span: def.anchor, uri: def.doc.uri });
    }
    // An unnamed statement with a mistyped keyword may be the missing definition (PortGroup2 { ... }).
    const typo = unnamed(r.name);
    if (typo) related.push({ message: `'${typo.keyword.text}' is probably '${r.refKind} ${r.name}' with the keyword missing`, span: spanOf(typo.keyword), uri: typo.doc.uri });
    const note = otherKinds.length > 0 ? ` (a ${otherKinds.join(' and a ')} has that name, but ${r.param.keyword.text} needs a ${r.refKind})` : '';
    const span = spanOf(r.word);
    out.push({
      uri: r.param.owner.doc.uri,
      code: 'undefined-reference',
      messageId: typo ? 'keywordMissing' : suggestions.length > 0 ? 'didYouMean' : otherKinds.length > 0 ? 'wrongKind' : 'missing',
      data: { kind: r.refKind, name: r.name, suggestions, otherKinds: note, kinds: otherKinds, ...(typo ? { keyword: typo.keyword.text } : {}) },
      span,
      related,
      suggestions: suggestions.map((n) => replaceFix(`Change to '${n}'`, span, n)),
    });
  }
  return out;
}

/** Content of a statement with layout, comments and keyword case removed, to compare duplicates. */
function fingerprint(s: StatementInfo): string {
  const parts: string[] = [];
  for (const p of s.params) parts.push(`${(p.spec?.name ?? p.keyword.text).toLowerCase()} ${p.values.map((v) => v.text).join(' ')}`);
  for (const c of s.children) parts.push(`{${(c.kind ?? c.keyword.text).toLowerCase()} ${c.name ?? ''} ${fingerprint(c)}}`);
  return parts.join('\n');
}

function duplicates(model: PolicyModel): Finding[] {
  const out: Finding[] = [];
  for (const [kind, byName] of model.definitions) {
    for (const [name, defs] of byName) {
      if (defs.length < 2) continue;
      const winner = defs[defs.length - 1]!;
      // The winner's fingerprint is made once, and only for a definition of its shape: a policy
      // repeated many times over, whose last copy swallows the rest of the file, made it once per
      // copy, in time growing with the square of the file (found by the fuzzer).
      let winnerPrint: string | undefined;
      for (const d of defs.slice(0, -1)) {
        const sameFile = d.doc.uri === winner.doc.uri;
        const identical =
          d.params.length === winner.params.length &&
          d.children.length === winner.children.length &&
          fingerprint(d) === (winnerPrint ??= fingerprint(winner));
        out.push({
          uri: d.doc.uri,
          code: 'duplicate-definition',
          messageId: identical ? (sameFile ? 'identical' : 'identicalElsewhere') : sameFile ? 'ignored' : 'overridden',
          data: { kind, name, file: model.fileLabel(winner.doc.uri) },
          span: d.anchor,
          related: [{ message: 'The definition Policy Agent uses', span: winner.anchor, uri: winner.doc.uri }],
        });
      }
    }
  }
  return out;
}

function unused(model: PolicyModel): Finding[] {
  const out: Finding[] = [];
  for (const [kind, byName] of model.definitions) {
    const spec = catalogue.statement(kind);
    if (!spec || spec.refParams.length === 0) continue;
    for (const [name, defs] of byName) {
      if (model.referencesByName(kind, name).length > 0) continue;
      for (const d of defs) {
        if (d.parent) continue;
        out.push({ uri: d.doc.uri, code: 'unused-definition', messageId: 'unused', data: { kind, name }, span: d.anchor, tags: [1] });
      }
    }
  }
  return out;
}

function noRules(model: PolicyModel): Finding[] {
  if ((model.definitions.get('TTLSRule')?.size ?? 0) > 0) return [];
  for (const doc of model.documents) {
    const top = model.statements.filter((s) => s.doc === doc && !s.parent);
    const isConfig = top.some((s) => (s.kind && CONFIG_KINDS.has(s.kind)) || s.foreign);
    const hasPolicy = top.some((s) => s.spec && s.spec.fileRole === 'policy');
    if (isConfig && !hasPolicy) continue;
    const first = top[0];
    return [{ uri: doc.uri, code: 'no-rules', messageId: 'none', span: first ? spanOf(first.keyword) : { start: 0, end: 0 } }];
  }
  return [];
}
