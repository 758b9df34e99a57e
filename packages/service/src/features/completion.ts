// textDocument/completion, from what surrounds the cursor rather than from the parser's
// expectations: the words typed so far on the line and the innermost block the cursor is in. Works
// on half-typed files (an unclosed block is open to the end of the file). Each place gets only what
// may stand there: statement templates where a statement can start (the top level, or an inline
// block inside a block that allows it), the parameters of the enclosing block in their order of
// importance, names of the statement kind a `...Ref` points at, the values of the keyword typed.
import {
  catalogue,
  CIPHER_SUITES,
  compareReleases,
  isConfigurationText,
  type Item,
  type ParameterSpec,
  type StatementNode,
  type StatementSpec,
  type TargetRelease } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { describeEnumValue, describeParameter, describeStatement, valueKindText } from '../describe.js';
import { offsetAt, toRange } from '../lsp.js';
import type { PolicySnapshot } from '../workspace.js';

export interface CompletionOptions {
  /** The client accepts snippet syntax in insert texts. */
  readonly snippets?: boolean;
}

// LSP CompletionItemKind values.
const KIND = { Value: 12, Property: 10, Keyword: 14, Snippet: 15, EnumMember: 20, Reference: 18, Module: 9 } as const satisfies Record<string, lsp.CompletionItemKind>;

export interface CursorContext {
  /** Offset where the word being typed starts, and where the word under the cursor ends. */
  readonly wordStart: number;
  readonly wordEnd: number;
  /** The words before the one being typed, on this line after the last brace. */
  readonly before: readonly string[];
  /** Indentation of the line. */
  readonly indent: string;
  /** The innermost statement whose block contains the cursor. */
  readonly enclosing: StatementNode | undefined;
  /** True when the cursor is in a comment. */
  readonly inComment: boolean;
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0';

/** Reads the cursor's surroundings from the text and the syntax tree. */
export function cursorContext(snap: PolicySnapshot, offset: number): CursorContext {
  const text = snap.text;
  const li = snap.document.lineIndex;
  const line = li.lineAt(offset);
  const lineStart = li.lineStarts[line]!;
  let segStart = lineStart;
  for (let i = lineStart; i < offset; i++) if (text[i] === '{' || text[i] === '}') segStart = i + 1;
  let wordStart = offset;
  while (wordStart > segStart && !isBlank(text[wordStart - 1]!)) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && !isBlank(text[wordEnd]!) && !'\r\n{}'.includes(text[wordEnd]!)) wordEnd++;
  const before = text.slice(segStart, wordStart).split(/[ \t\f\v\u00a0]+/).filter((w) => w.length > 0);
  const inComment = before.some((w) => w.startsWith('#')) || text[wordStart] === '#';
  const indent = /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
  return { wordStart, wordEnd, before, indent, enclosing: enclosingStatement(snap.document.parse.file.items, offset), inComment };
}

/** The innermost statement whose braces contain the offset; an unclosed block runs to the end. */
export function enclosingStatement(items: readonly Item[], offset: number): StatementNode | undefined {
  let found: StatementNode | undefined;
  let level: readonly Item[] = items;
  for (;;) {
    let next: StatementNode | undefined;
    // The last item starting at or before the offset is the only candidate at this level.
    let lo = 0;
    let hi = level.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (level[mid]!.start <= offset) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const it = idx >= 0 ? level[idx] : undefined;
    if (it && (it.kind === 'statement' || it.kind === 'orphan')) {
      const inside = (it.open + 1) <= offset && (it.close ? offset <= it.close : true);
      if (inside) {
        if (it.kind === 'statement') next = it;
        level = it.items;
        if (next) found = next;
        continue;
      }
    }
    return found;
  }
}

export function getCompletions(snap: PolicySnapshot, position: lsp.Position, options: CompletionOptions = {}): lsp.CompletionList {
  const offset = offsetAt(snap.document, position);
  const ctx = cursorContext(snap, offset);
  const empty: lsp.CompletionList = { isIncomplete: false, items: [] };
  if (ctx.inComment) return empty;
  const range = toRange(snap.document, { start: ctx.wordStart, end: ctx.wordEnd });
  const release = snap.release;
  const owner = ctx.enclosing ? catalogue.statement(ctx.enclosing.keyword.text) : undefined;
  const items: lsp.CompletionItem[] = [];
  const snippets = options.snippets ?? false;

  if (ctx.before.length === 0) {
    if (ctx.enclosing) {
      if (owner && owner.shape === 'block') items.push(...parameterItems(snap, ctx, owner, range, snippets, release));
    } else {
      items.push(...topLevelItems(snap, ctx, range, snippets));
    }
  } else if (ctx.before.length === 1) {
    const kw = ctx.before[0]!;
    if (owner && owner.shape === 'block') {
      const ps = catalogue.parameter(owner, kw);
      if (ps) items.push(...valueItems(snap, ps, range, release));
    } else if (!ctx.enclosing) {
      const spec = catalogue.statement(kw);
      if (spec?.shape === 'block') items.push(...missingNameItems(snap, spec, range));
      else if (spec?.operands) items.push(...operandItems(spec, ctx.before.length, range));
    }
  } else if (!ctx.enclosing) {
    const spec = catalogue.statement(ctx.before[0]!);
    if (spec?.operands) items.push(...operandItems(spec, ctx.before.length, range));
  }
  return { isIncomplete: false, items: unique(items) };
}

/** Each label once: the first item of a label wins (items come in order of importance). */
function unique(items: readonly lsp.CompletionItem[]): lsp.CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.label) && !!seen.add(i.label));
}

// LSP CompletionItemTag.Deprecated.
const DEPRECATED_TAG = 1 satisfies lsp.CompletionItemTag;

/**
 * Protocols the IETF has retired (RFC 6176: SSL 2.0, RFC 7568: SSL 3.0, RFC 8996: TLS 1.0 and
 * 1.1). Offered last and marked deprecated, so that an editor shows them struck through: coding
 * them is only ever right as Off.
 */
const DEPRECATED_PROTOCOLS: Readonly<Record<string, string>> = {
  SSLv2: 'SSL 2.0, retired by RFC 6176',
  SSLv3: 'SSL 3.0, retired by RFC 7568',
  TLSv1: 'TLS 1.0, deprecated by RFC 8996',
  'TLSv1.1': 'TLS 1.1, deprecated by RFC 8996',
};

const RETIRED_ORDER: readonly string[] = ['TLSv1.1', 'TLSv1', 'SSLv3', 'SSLv2'];

/**
 * The parameters of a block in the order they are offered: the ones a policy nearly always codes,
 * then the ones often coded, then the rest in IBM's documented order (the catalogue's), and the
 * retired protocols last. How the lists were made: the parameters every statement needs
 * (Direction, TTLSGroupActionRef, TTLSEnabled, HandshakeRole, Keyring...) lead; then those that
 * decide which connections a rule takes and what it does with them, ranked by how many policies of
 * the corpus in test/fixtures/corpus and IBM's own samples code them; in the advanced parms the
 * protocols come first, newest first, as every policy should say which it allows.
 */
const IMPORTANCE: Readonly<Record<string, readonly string[]>> = {
  TTLSRule: [
    'Direction',
    'LocalPortRange',
    'RemotePortRange',
    'Jobname',
    'Priority',
    'TTLSGroupActionRef',
    'TTLSEnvironmentActionRef',
    'TTLSConnectionActionRef',
    'LocalAddr',
    'RemoteAddr',
    'Userid',
    'RemoteAddrGroupRef',
    'LocalAddrGroupRef',
    'LocalPortGroupRef',
    'RemotePortGroupRef',
  ],
  TTLSGroupAction: ['TTLSEnabled', 'Trace', 'TTLSGroupAdvancedParms', 'TTLSGroupAdvancedParmsRef'],
  TTLSEnvironmentAction: [
    'HandshakeRole',
    'TTLSKeyringParms',
    'TTLSKeyringParmsRef',
    'TTLSEnvironmentAdvancedParms',
    'TTLSEnvironmentAdvancedParmsRef',
    'TTLSCipherParms',
    'TTLSCipherParmsRef',
    'EnvironmentUserInstance',
    'Trace',
  ],
  TTLSConnectionAction: ['HandshakeRole', 'TTLSConnectionAdvancedParms', 'TTLSConnectionAdvancedParmsRef', 'TTLSCipherParms', 'TTLSCipherParmsRef', 'Trace'],
  TTLSEnvironmentAdvancedParms: ['TLSv1.3', 'TLSv1.2', 'ClientAuthType', 'ApplicationControlled', 'CertificateLabel', 'ServerCertificateLabel', 'SecondaryMap', 'Renegotiation', 'HandshakeTimeout'],
  TTLSConnectionAdvancedParms: ['TLSv1.3', 'TLSv1.2', 'CertificateLabel', 'ServerCertificateLabel', 'ApplicationControlled', 'SecondaryMap', 'HandshakeTimeout'],
  TTLSKeyringParms: ['Keyring', 'KeyringStashFile', 'KeyringPw'],
  TTLSCipherParms: ['V3CipherSuites', 'V3CipherSuites4Char', 'V2CipherSuites'],
};

/** Rank of a parameter in its block: the IMPORTANCE list first, then catalogue order, retired protocols last. */
export function parameterRank(owner: StatementSpec, name: string): number {
  const n = owner.parameters.length;
  const at = owner.parameters.findIndex((p) => p.name === name);
  // The least bad of the retired protocols first, SSL 2.0 at the very end.
  const retired = RETIRED_ORDER.indexOf(name);
  if (retired >= 0) return 2 * n + retired;
  const listed = IMPORTANCE[owner.name]?.indexOf(name) ?? -1;
  if (listed >= 0) return listed;
  return n + at;
}

/** Snippet text without tab stops, for clients without snippet support. */
export function plainSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

function item(label: string, kind: lsp.CompletionItemKind, range: lsp.Range, newText: string, snippet: boolean, extra: Partial<lsp.CompletionItem> = {}): lsp.CompletionItem {
  return {
    label,
    kind,
    textEdit: { range, newText: snippet ? newText : plainSnippet(newText) },
    insertTextFormat: snippet ? 2 : 1,
    insertTextMode: 1,
    ...extra,
  };
}

function blockSnippet(keyword: string, indent: string, named: boolean): string {
  return `${keyword}${named ? ' ${1:name}' : ''}\n${indent}{\n${indent}  $0\n${indent}}`;
}

function parameterItems(snap: PolicySnapshot, ctx: CursorContext, owner: StatementSpec, range: lsp.Range, snippets: boolean, release: TargetRelease): lsp.CompletionItem[] {
  // Parameters already coded (other than the line being typed) are left out unless repeatable.
  const coded = new Set<string>();
  for (const it of ctx.enclosing!.items) {
    if ((it.kind === 'parameter' || it.kind === 'statement') && !(it.keyword.start <= ctx.wordStart && ctx.wordStart <= it.keyword.end)) {
      coded.add(it.keyword.text.toLowerCase());
    }
  }
  // Alternatives (TTLSKeyringParms or TTLSKeyringParmsRef, LocalAddr or LocalAddrGroupRef...): once
  // one is coded, the others have no place in the block.
  const taken = new Set(owner.parameters.filter((p) => p.exclusiveGroup && coded.has(p.name.toLowerCase())).map((p) => p.exclusiveGroup));
  const out: lsp.CompletionItem[] = [];
  owner.parameters.forEach((p) => {
    if (!p.repeatable && coded.has(p.name.toLowerCase())) return;
    if (p.exclusiveGroup && taken.has(p.exclusiveGroup)) return;
    if (p.since && compareReleases(p.since, release) > 0) return;
    const doc: lsp.MarkupContent = { kind: 'markdown', value: p.kind === 'inline-block' && p.inlineKind ? describeStatement(catalogue.statement(p.inlineKind)!) : describeParameter(p, owner, release) };
    const detail = p.kind === 'inline-block' ? `${p.inlineKind} block` : valueKindText(p).replace(/`/g, '');
    let text: string;
    if (p.kind === 'inline-block') text = blockSnippet(p.name, ctx.indent, false);
    else if (p.kind === 'enum' && p.values && p.values.length > 0) {
      const def = catalogue.defaultFor(p, release)?.value;
      const values = [...p.values.map((v) => v.value)];
      // The value that is not the default is usually why one codes the parameter at all.
      if (def) values.sort((a, b) => Number(a.toLowerCase() === def.toLowerCase()) - Number(b.toLowerCase() === def.toLowerCase()));
      text = `${p.name} \${1|${values.join(',')}|}`;
    } else text = `${p.name} $1`;
    const retired = DEPRECATED_PROTOCOLS[p.name];
    out.push(
      item(p.name, p.kind === 'inline-block' ? KIND.Module : KIND.Property, range, text, snippets, {
        detail: retired ? `${detail} · ${retired}: code it Off` : detail,
        documentation: doc,
        sortText: String(parameterRank(owner, p.name)).padStart(4, '0'),
        filterText: p.name,
        ...(retired ? { tags: [DEPRECATED_TAG] } : {}),
        ...(snippets ? {} : { textEdit: { range, newText: p.kind === 'inline-block' ? plainSnippet(text) : p.name } }),
      }),
    );
  });
  return out.sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
}

const RULE_SNIPPET = [
  'TTLSRule ${1:RuleName}',
  '{',
  '  LocalPortRange ${2:443}',
  '  Direction ${3|Inbound,Outbound|}',
  '  Priority ${4:100}',
  '  TTLSGroupActionRef ${1:RuleName}_Group',
  '  TTLSEnvironmentActionRef ${1:RuleName}_Env',
  '}',
  '',
  'TTLSGroupAction ${1:RuleName}_Group',
  '{',
  '  TTLSEnabled On',
  '}',
  '',
  'TTLSEnvironmentAction ${1:RuleName}_Env',
  '{',
  '  HandshakeRole ${5|Server,ServerWithClientAuth,Client|}',
  '  TTLSKeyringParms',
  '  {',
  '    Keyring ${6:OWNER/RING}',
  '  }',
  '  TTLSEnvironmentAdvancedParms',
  '  {',
  '    TLSv1 Off',
  '    TLSv1.1 Off',
  '    TLSv1.2 On',
  '    TLSv1.3 On',
  '  }',
  '}',
  '$0',
].join('\n');

function topLevelItems(snap: PolicySnapshot, ctx: CursorContext, range: lsp.Range, snippets: boolean): lsp.CompletionItem[] {
  // A main or image configuration file holds TcpImage, TTLSConfig and the like; a policy file
  // holds rules and actions. What the file is decides which come first (and whether the rule
  // template is offered at all: Policy Agent ignores policy statements in a configuration file).
  const configFile = isConfigurationText(snap.document.parse);
  const out: lsp.CompletionItem[] = [];
  if (!configFile) {
    out.push(
      item('TTLSRule with actions', KIND.Snippet, range, RULE_SNIPPET, snippets, {
        detail: 'A rule with its group and environment actions, key ring and protocols',
        documentation: { kind: 'markdown', value: '```attls\n' + plainSnippet(RULE_SNIPPET) + '\n```' },
        filterText: 'TTLSRule',
        sortText: '0000',
      }),
    );
  }
  catalogue.statements.forEach((s, i) => {
    if (!s.global) return;
    const text = s.shape === 'block' ? blockSnippet(s.name, ctx.indent, s.naming !== undefined) : `${s.name} $1`;
    const first = (s.category === 'config') === configFile;
    out.push(
      item(s.name, KIND.Keyword, range, text, snippets, {
        detail: s.shape === 'block' ? `${s.category} statement` : 'configuration statement',
        documentation: { kind: 'markdown', value: describeStatement(s) },
        sortText: `${first ? 1 : 2}${String(i).padStart(3, '0')}`,
        filterText: s.name,
        ...(snippets ? {} : { textEdit: { range, newText: s.name } }),
      }),
    );
  });
  return out.sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
}

function valueItems(snap: PolicySnapshot, ps: ParameterSpec, range: lsp.Range, release: TargetRelease): lsp.CompletionItem[] {
  const out: lsp.CompletionItem[] = [];
  if (ps.values && ps.values.length > 0) {
    const def = catalogue.defaultFor(ps, release)?.value.toLowerCase();
    ps.values.forEach((v, i) => {
      out.push({
        label: v.value,
        kind: KIND.EnumMember,
        detail: v.value.toLowerCase() === def ? `default on z/OS ${release}` : undefined,
        documentation: { kind: 'markdown', value: describeEnumValue(ps, v, release) },
        textEdit: { range, newText: v.value },
        sortText: String(i).padStart(3, '0'),
      });
    });
    return out;
  }
  switch (ps.kind) {
    case 'name-ref': {
      const kind = ps.refKind!;
      const seen = new Set<string>();
      for (const model of snap.models()) {
        for (const [name, defs] of model.definitions.get(kind) ?? []) {
          if (seen.has(name)) continue;
          seen.add(name);
          const def = defs[defs.length - 1]!;
          const line = def.doc.parse.lineIndex.lineAt(def.anchor.start) + 1;
          const file = def.doc.uri === snap.uri ? '' : ` in ${decodeURIComponent(def.doc.uri.slice(def.doc.uri.lastIndexOf('/') + 1))}`;
          out.push({ label: name, kind: KIND.Reference, detail: `${kind}, line ${line}${file}`, textEdit: { range, newText: name } });
        }
      }
      return out;
    }
    case 'ip-spec':
      return [{ label: 'All', kind: KIND.Value, detail: 'every address', textEdit: { range, newText: 'All' } }];
    case 'cipher-v3':
      return CIPHER_SUITES.filter((c) => c.code2 !== undefined || c.tls13).map((c, i) => ({
        label: c.name,
        kind: KIND.Value,
        detail: `code ${c.code4}`,
        textEdit: { range, newText: c.name },
        sortText: String(i).padStart(4, '0'),
      }));
    case 'cipher-v3-4char':
      return CIPHER_SUITES.map((c, i) => ({
        label: c.code4,
        kind: KIND.Value,
        detail: c.name,
        filterText: `${c.code4} ${c.name}`,
        textEdit: { range, newText: c.code4 },
        sortText: String(i).padStart(4, '0'),
      }));
    default:
      return out;
  }
}

/** After `TTLSGroupAction ` at the top level: names that are referenced but not yet defined. */
function missingNameItems(snap: PolicySnapshot, spec: StatementSpec, range: lsp.Range): lsp.CompletionItem[] {
  const out: lsp.CompletionItem[] = [];
  const seen = new Set<string>();
  for (const r of snap.model.references) {
    if (r.refKind !== spec.name || r.target || seen.has(r.name)) continue;
    seen.add(r.name);
    out.push({ label: r.name, kind: KIND.Reference, detail: `referenced by ${r.param.owner.label}, not yet defined`, textEdit: { range, newText: r.name } });
  }
  return out;
}

function operandItems(spec: StatementSpec, index: number, range: lsp.Range): lsp.CompletionItem[] {
  const out: lsp.CompletionItem[] = [];
  for (const op of (spec.operands ?? []).slice(Math.max(0, index - 1))) {
    if (op.kind !== 'keyword') continue;
    for (const v of op.values ?? []) out.push({ label: v, kind: KIND.Value, detail: op.name, documentation: op.description, textEdit: { range, newText: v } });
  }
  return out;
}

