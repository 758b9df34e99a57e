// textDocument/hover: keywords explain themselves from the catalogue (values, release default,
// where they may stand, certainty), enum values say what they mean, reference names show the block
// they name, and rule names show where the rule stands in the evaluation order. What Policy Agent
// does with a rule (its order, the Priority it assumes, a Suite B profile replacing cipher lists)
// comes from the semantic core (@attls/evaluate); the catalogue only describes keywords.
import { ASSUMPTIONS, DEFAULT_PRIORITY, ignoredCipherBlock, SUITE_B_SUITES, SUITE_B_SUITES_NOTE } from '@attls/evaluate';
import { catalogue, type ParameterSpec, type ParamInfo, type StatementInfo, type TargetRelease, spanOf } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { certaintyText, describeEnumValue, describeParameter, describeStatement } from '../describe.js';
import { locate, type Located } from '../locate.js';
import { offsetAt, toRange } from '../lsp.js';
import type { PolicySnapshot } from '../workspace.js';

/** Longest block shown in the hover of a reference. */
const MAX_BLOCK_LINES = 40;

export function getHover(snap: PolicySnapshot, position: lsp.Position): lsp.Hover | null {
  const offset = offsetAt(snap.document, position);
  const at = locate(snap, offset);
  if (!at.word) return null;
  const value = hoverText(snap, at);
  if (!value) return null;
  return { contents: { kind: 'markdown', value }, range: toRange(snap.document, spanOf(at.word)) };
}

function hoverText(snap: PolicySnapshot, at: Located): string | undefined {
  const release = snap.release;
  const s = at.statement;
  if (at.role === 'keyword' && !at.param) {
    if (s?.spec) return describeStatement(s.spec);
    if (s?.foreign) return `**${s.foreign.name}** — Policy Agent statement outside AT-TLS\n\n${s.foreign.description}\n\nattls recognises it but does not check it.`;
    const places = catalogue.placesOf(at.word!.text);
    if (places.length > 0) return describeParameter(places[0]!.parameter, places[0]!.statement, release);
    return `Unknown statement \`${at.word!.text}\`.`;
  }
  if (at.role === 'keyword' && at.param) return withCipherNote(snap, at.param.owner, parameterHover(at.param, release));
  if (at.role === 'value') {
    if (at.reference) return referenceHover(snap, at);
    if (at.param) {
      const text = valueHover(at.param, at.valueIndex ?? 0, release);
      return text === undefined ? undefined : withCipherNote(snap, at.param.owner, text);
    }
    if (s?.spec?.operands) {
      const op = s.spec.operands.find((o) => o.kind === 'keyword' && o.values?.some((v) => v.toLowerCase() === at.word!.text.toLowerCase()));
      if (op) return `**${s.spec.name}** operand \`${op.name}\`\n\n${op.description}`;
    }
    return undefined;
  }
  if (at.role === 'name' && s) return nameHover(snap, s);
  if (at.role === 'extra') return 'Policy Agent ignores words after the name of a statement.';
  return undefined;
}

function parameterHover(p: ParamInfo, release: TargetRelease): string {
  const owner = p.owner.spec;
  if (p.spec?.name === 'SuiteBProfile') return `${describeParameter(p.spec, owner, release)}\n\n${suiteBSuitesText(p.spec)}`;
  if (p.spec) return describeParameter(p.spec, owner, release);
  const places = catalogue.placesOf(p.keyword.text);
  if (places.length > 0) {
    const names = [...new Set(places.map((x) => x.statement.name))];
    const note = owner ? `_\`${places[0]!.parameter.name}\` is not a parameter of ${owner.name}; it belongs in ${names.map((n) => `\`${n}\``).join(', ')}._\n\n` : '';
    return note + describeParameter(places[0]!.parameter, places[0]!.statement, release);
  }
  const stmt = catalogue.statement(p.keyword.text);
  if (stmt) return describeStatement(stmt);
  return `Unknown parameter \`${p.keyword.text}\`${owner ? ` in ${owner.name}` : ''}. Policy Agent ignores it.`;
}

function valueHover(p: ParamInfo, index: number, release: TargetRelease): string | undefined {
  const ps = p.spec;
  if (!ps) return undefined;
  const text = p.values[index]!.text;
  if (index > 0 && ps.kind !== 'port-spec') return 'Policy Agent ignores words after the value of a parameter.';
  if (ps.kind === 'enum' || ps.values) {
    const v = ps.values?.find((x) => x.value.toLowerCase() === text.toLowerCase());
    if (v && ps.name === 'SuiteBProfile') return `${describeEnumValue(ps, v, release)}${suiteBValueText(v.value)}`;
    if (v) return describeEnumValue(ps, v, release);
    if (ps.kind === 'enum') return `\`${text}\` is not a value of ${ps.name}.\n\n` + describeParameter(ps, p.owner.spec, release);
  }
  if (ps.kind === 'cipher-v3' || ps.kind === 'cipher-v3-4char') {
    const suite = catalogue.cipherSuite(text);
    if (suite) return `**${suite.name}**\n\nCode \`${suite.code4}\`${suite.code2 ? ` (2-character \`${suite.code2}\`)` : ''}${suite.tls13 ? ', a TLS 1.3 suite' : ''}.${certaintyText(suite.certainty) ? `\n\n_Certainty: ${certaintyText(suite.certainty)}._` : ''}`;
    const width = ps.kind === 'cipher-v3' ? 2 : 4;
    if (/^[0-9A-Fa-f]+$/.test(text) && text.length % width === 0) {
      const lines: string[] = [];
      for (let i = 0; i < text.length; i += width) {
        const code = text.slice(i, i + width).toUpperCase();
        lines.push(`- \`${code}\` ${catalogue.cipherSuite(code)?.name ?? '(not known to attls)'}`);
      }
      return `**${ps.name}**, in order of preference:\n\n${lines.join('\n')}`;
    }
  }
  if (ps.kind === 'cipher-v2') return v2Hover(ps.name, text);
  return undefined;
}

/** SSL V2 ciphers by name (IBM writes TLS_..., SSL_... is an alias) or as 1-character codes. */
function v2Hover(keyword: string, text: string): string | undefined {
  const recalled = '_Certainty: the SSL V2 codes and names are recalled, not read from IBM\'s table._';
  if (/^(TLS|SSL)_/i.test(text)) {
    const c = catalogue.cipherV2(text);
    if (!c) return undefined;
    const alias = c.name.toUpperCase() === text.toUpperCase() ? '' : ` \`${text}\` is another spelling of it: IBM's table writes the name with TLS_.`;
    return `**${c.name}**\n\nSSL V2 cipher, code \`${c.code}\`.${alias}\n\n${recalled}`;
  }
  if (!/^[0-9A-Za-z]+$/.test(text)) return undefined;
  const lines = [...text].map((code) => `- \`${code.toUpperCase()}\` ${catalogue.cipherV2(code)?.name ?? '(not an SSL V2 cipher code)'}`);
  return `**${keyword}**, in order of preference:\n\n${lines.join('\n')}\n\n${recalled}`;
}

/** A list of 4-character suite codes with their names. */
function suitesText(codes: readonly string[]): string {
  return codes.map((c) => `\`${c}\` ${catalogue.cipherSuite(c)?.name ?? ''}`.trimEnd()).join(', ');
}

/** The suites the core uses for each Suite B profile, with its caveat. */
function suiteBSuitesText(ps: ParameterSpec): string {
  const rows: string[] = [];
  for (const v of ps.values ?? []) {
    const codes = SUITE_B_SUITES[v.value.toLowerCase()];
    if (codes) rows.push(`- \`${v.value}\`: ${suitesText(codes)}`);
  }
  return `**Suites attls uses for each profile**:\n${rows.join('\n')}\n\n_${SUITE_B_SUITES_NOTE}_`;
}

function suiteBValueText(value: string): string {
  const codes = SUITE_B_SUITES[value.toLowerCase()];
  if (!codes) return '';
  const list = suitesText(codes);
  return `\n\nThe cipher list in effect for the rules using this environment: ${list}; every TTLSCipherParms they use is ignored.\n\n_${SUITE_B_SUITES_NOTE}_`;
}

/**
 * For a TTLSCipherParms (or a line of it) that a Suite B profile makes Policy Agent ignore, says
 * so first: the core decides which rules the list is ignored for.
 */
function withCipherNote(snap: PolicySnapshot, block: StatementInfo, text: string): string {
  const note = cipherNote(snap, block);
  return note ? `${note}\n\n${text}` : text;
}

function cipherNote(snap: PolicySnapshot, block: StatementInfo): string | undefined {
  if (block.kind !== 'TTLSCipherParms') return undefined;
  const ignored = ignoredCipherBlock(snap.model, block);
  if (!ignored) return undefined;
  const profiles = ignored.holderProfile ? [ignored.holderProfile] : ignored.ignoredFor.map((x) => x.profile);
  const by = [...new Set(profiles.map((x) => `SuiteBProfile ${x.value} of ${x.param.owner.label}`))].join(', ');
  return ignored.inForceFor.length === 0
    ? `_Policy Agent ignores this list: ${by} replaces it with the profile's Suite B suites._`
    : `_Ignored for ${few(ignored.ignoredFor.map((x) => x.rule.label))} (${by}); in force for ${few(ignored.inForceFor.map((r) => r.label))}._`;
}

/** A list of names, the first five of a long one. */
function few(names: readonly string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

/** The source text of a statement, cut to a readable length. */
export function statementSource(snap: PolicySnapshot, s: StatementInfo): string {
  const doc = snap.documentOf(s.doc.uri);
  const text = doc ? doc.text : s.doc.parse.text;
  const li = s.doc.parse.lineIndex;
  const first = li.lineAt(s.node.start);
  const last = li.lineAt(s.node.end);
  const lines: string[] = [];
  for (let l = first; l <= Math.min(last, first + MAX_BLOCK_LINES - 1); l++) {
    const b = li.lineBounds(l, text);
    lines.push(text.slice(b.start, b.end));
  }
  if (last - first + 1 > MAX_BLOCK_LINES) lines.push('  # ...');
  // Remove the common indentation so nested blocks read naturally.
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

function fileLabel(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function referenceHover(snap: PolicySnapshot, at: Located): string {
  const r = at.reference!;
  if (!r.target) return `**${r.refKind} '${r.name}'** is not defined in this policy. Policy Agent rejects a reference to a missing statement.`;
  const t = r.target;
  const line = t.doc.parse.lineIndex.lineAt(t.anchor.start) + 1;
  const where = t.doc.uri === snap.uri ? `line ${line}` : `${fileLabel(t.doc.uri)}, line ${line}`;
  const defs = snap.model.definitionsOf(r.refKind, r.name).length;
  const dup = defs > 1 ? `\n\n_Defined ${defs} times; Policy Agent uses the last definition, shown here._` : '';
  return `**${r.refKind} ${r.name}** (${where})\n\n\`\`\`attls\n${statementSource(snap, t)}\n\`\`\`${dup}`;
}

function nameHover(snap: PolicySnapshot, s: StatementInfo): string {
  const kind = s.kind ?? s.keyword.text;
  const out: string[] = [`**${kind} ${s.name ?? ''}**`];
  if (s.kind === 'TTLSRule') {
    out.push(ruleOrderText(snap, s));
  } else if (s.spec && s.spec.refParams.length > 0 && s.name !== undefined) {
    const refs = s.parent ? 0 : snap.model.referencesByName(kind, s.name).length;
    out.push(s.parent ? 'An inline block; only its parent uses it.' : refs === 0 ? 'Not referenced anywhere in this policy.' : `Referenced ${refs} time${refs === 1 ? '' : 's'}.`);
  }
  const note = cipherNote(snap, s);
  if (note) out.push(note);
  if (s.spec) out.push(s.spec.description);
  return out.join('\n\n');
}

/** Where a rule stands in the evaluation order, and what hides it. */
export function ruleOrderText(snap: PolicySnapshot, s: StatementInfo): string {
  const priority = s.value('Priority');
  const evaluation = snap.evaluation();
  const entry = evaluation?.of(s);
  if (!entry) {
    const base = priority !== undefined ? `Priority ${priority}.` : `No Priority: counted as Priority ${DEFAULT_PRIORITY}.\n\n_${ASSUMPTIONS['no-priority-one'].text}_`;
    return `${base}\n\nRules are searched by Priority (highest first), then by name; the first rule that matches a connection wins.`;
  }
  const notCoded = entry.priorityCoded === false || (entry.priorityCoded === undefined && entry.priority === undefined);
  const prio = entry.priority !== undefined ? `priority ${entry.priority}${notCoded ? ' (not coded)' : ''}` : 'no priority';
  const lines = [`**#${entry.position}** of ${evaluation!.entries.length} in evaluation order, ${prio}.`];
  if (entry.shadowedBy.length > 0) lines.push(`Shadowed by ${entry.shadowedBy.map((r) => `\`${r.name}\``).join(', ')}: it never matches a connection.`);
  if (entry.overlaps.length > 0) lines.push(`Overlaps ${entry.overlaps.map((r) => `\`${r.name}\``).join(', ')}: some of its connections are taken by ${entry.overlaps.length === 1 ? 'that rule' : 'those rules'} first.`);
  if (notCoded) lines.push(`_${ASSUMPTIONS['no-priority-one'].text}_`);
  // The name order only matters against rules of the same priority.
  const tied = evaluation!.entries.filter((e) => e !== entry && e.priority === entry.priority);
  if (tied.length > 0) {
    lines.push(`Same priority as ${tied.slice(0, 5).map((e) => `\`${e.rule.name}\``).join(', ')}${tied.length > 5 ? ', ...' : ''}: their names decide the order.\n\n_${ASSUMPTIONS['name-order-ebcdic'].text}_`);
  }
  return lines.join('\n\n');
}
