// Document symbols (the outline: rules first, in evaluation order when it is known, then every
// other statement in file order; in a main configuration file, one entry per TCP/IP stack holding
// its TcpImage and the TTLSConfig it reads) and workspace symbols (named statements of every known file).
import type { Item, ParameterNode, StatementCategory, StatementInfo } from '@attls/language';
import { catalogue, spanOf } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { toRange } from '../lsp.js';
import type { PolicySnapshot, Workspace } from '../workspace.js';

// LSP SymbolKind values.
const CATEGORY_KIND: Record<StatementCategory, lsp.SymbolKind> = { rule: 12, action: 5, parms: 23, condition: 11, config: 2 };
const PROPERTY = 7;
const UNKNOWN = 13;

function symbolKind(s: StatementInfo): lsp.SymbolKind {
  return s.spec ? CATEGORY_KIND[s.spec.category] : UNKNOWN;
}

export function getDocumentSymbols(snap: PolicySnapshot): lsp.DocumentSymbol[] {
  const doc = snap.document;
  const model = snap.model;
  const evaluation = snap.evaluation();
  const build = (s: StatementInfo): lsp.DocumentSymbol => {
    const children: lsp.DocumentSymbol[] = [];
    // Parameters and nested statements in text order.
    const parts: { start: number; sym: lsp.DocumentSymbol }[] = [];
    for (const p of s.params) {
      parts.push({
        start: p.node.start,
        sym: {
          name: p.spec?.name ?? p.keyword.text,
          detail: p.values.map((v) => v.text).join(' '),
          kind: PROPERTY,
          range: toRange(doc, spanOf(p.node)),
          selectionRange: toRange(doc, spanOf(p.keyword)),
        },
      });
    }
    for (const c of s.children) parts.push({ start: c.node.start, sym: build(c) });
    parts.sort((a, b) => a.start - b.start);
    for (const p of parts) children.push(p.sym);
    let detail = s.name !== undefined ? (s.kind ?? s.keyword.text) : '';
    if (s.kind === 'TTLSRule') {
      const entry = evaluation?.of(s);
      const priority = s.value('Priority');
      detail = entry ? `#${entry.position} · ${entry.priority !== undefined ? `priority ${entry.priority}` : 'no priority'}` : priority !== undefined ? `priority ${priority}` : 'no priority';
    }
    const sym: lsp.DocumentSymbol = {
      name: s.name ?? s.spec?.name ?? s.keyword.text,
      detail,
      kind: symbolKind(s),
      range: toRange(doc, spanOf(s.node)),
      selectionRange: toRange(doc, s.anchor),
    };
    if (children.length > 0) sym.children = children;
    return sym;
  };
  const top = model.statements.filter((s) => !s.parent && s.doc.uri === snap.uri);
  const rules = top.filter((s) => s.kind === 'TTLSRule');
  if (evaluation) {
    const pos = (s: StatementInfo): number => evaluation.of(s)?.position ?? Number.MAX_SAFE_INTEGER;
    rules.sort((a, b) => pos(a) - pos(b) || a.order - b.order);
  }
  const others = top.filter((s) => s.kind !== 'TTLSRule');
  const symbols = [...rules, ...others.filter((s) => s.spec?.shape !== 'line')].map(build);
  return [...symbols, ...configSymbols(snap, others.filter((s) => s.spec?.shape === 'line'))].sort((a, b) => rankOf(a, rules.length, symbols) - rankOf(b, rules.length, symbols) || a.range.start.line - b.range.start.line);
}

/** Rules keep their place (evaluation order) ahead of everything; the rest go by line. */
function rankOf(s: lsp.DocumentSymbol, ruleCount: number, blocks: readonly lsp.DocumentSymbol[]): number {
  const i = blocks.indexOf(s);
  return i >= 0 && i < ruleCount ? i - ruleCount : 0;
}

const NAMESPACE = 3;

/**
 * One-line configuration statements (TcpImage, TTLSConfig, CommonTTLSConfig, LogLevel...), each
 * with its operands as detail. TcpImage lines are grouped under their stack's name: several
 * stacks otherwise show as identical "TcpImage" entries. A TTLSConfig of the main file belongs to
 * the stacks whose TcpImage names no image file (the main file is their image file), and goes under
 * each of them; with no TcpImage at all it stays on its own (the one default stack).
 */
function configSymbols(snap: PolicySnapshot, lines: readonly StatementInfo[]): lsp.DocumentSymbol[] {
  const doc = snap.document;
  const leaf = (s: StatementInfo): lsp.DocumentSymbol => ({
    name: s.spec?.name ?? s.keyword.text,
    detail: s.node.kind === 'parameter' ? s.node.values.map((v) => v.text).join(' ') : '',
    kind: symbolKind(s),
    range: toRange(doc, spanOf(s.node)),
    selectionRange: toRange(doc, spanOf(s.keyword)),
  });
  const images = lines.filter((s) => s.kind === 'TcpImage' && s.node.kind === 'parameter' && s.node.values.length > 0);
  if (images.length === 0) return lines.map(leaf);
  const stackOf = (s: StatementInfo): string => (s.node.kind === 'parameter' ? s.node.values[0]!.text : '');
  const imagePath = (s: StatementInfo): string | undefined => (s.node.kind === 'parameter' ? s.node.values.slice(1).find((v) => v.text.startsWith('/'))?.text : undefined);
  // Stacks in the order of their first TcpImage; stack names are job names, so case does not count.
  const stacks = new Map<string, { name: string; images: StatementInfo[] }>();
  for (const s of images) {
    const key = stackOf(s).toUpperCase();
    const entry = stacks.get(key);
    if (entry) entry.images.push(s);
    else stacks.set(key, { name: stackOf(s), images: [s] });
  }
  const ttlsConfigs = lines.filter((s) => s.kind === 'TTLSConfig');
  const out: lsp.DocumentSymbol[] = lines.filter((s) => !images.includes(s) && s.kind !== 'TTLSConfig').map(leaf);
  const grouped = new Set<StatementInfo>();
  for (const stack of stacks.values()) {
    const image = imagePath(stack.images[0]!);
    const own = image === undefined ? ttlsConfigs : [];
    for (const c of own) grouped.add(c);
    const children = [...stack.images, ...own].sort((a, b) => a.node.start - b.node.start).map(leaf);
    const first = children[0]!;
    const last = children[children.length - 1]!;
    out.push({
      name: stack.name,
      detail: image !== undefined ? `TCP/IP stack, image ${image}` : 'TCP/IP stack, image file: this file',
      kind: NAMESPACE,
      range: { start: first.range.start, end: last.range.end },
      selectionRange: toRange(doc, spanOf((stack.images[0]!.node as ParameterNode).values[0]!)),
      children,
    });
  }
  // A TTLSConfig no stack reads here (every TcpImage names an image file) is shown as it stands.
  for (const c of ttlsConfigs) if (!grouped.has(c)) out.push(leaf(c));
  return out;
}

/** True when the letters of `query` appear in `name` in order (case-insensitive). */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}

const MAX_WORKSPACE_SYMBOLS = 1000;

export function getWorkspaceSymbols(ws: Workspace, query: string): lsp.SymbolInformation[] {
  const out: lsp.SymbolInformation[] = [];
  for (const uri of ws.uris()) {
    const doc = ws.document(uri);
    if (!doc) continue;
    const visit = (items: readonly Item[], container: string | undefined): void => {
      for (const it of items) {
        if (it.kind !== 'statement') continue;
        const spec = catalogue.statement(it.keyword.text);
        if (it.name && spec && fuzzyMatch(query, it.name.text)) {
          out.push({
            name: it.name.text,
            kind: CATEGORY_KIND[spec.category],
            location: { uri, range: toRange(doc, spanOf(it.name)) },
            containerName: container ? `${spec.name} in ${container}` : spec.name,
          });
          if (out.length >= MAX_WORKSPACE_SYMBOLS) return;
        }
        visit(it.items, it.name?.text ?? container);
      }
    };
    visit(doc.parse.file.items, undefined);
    if (out.length >= MAX_WORKSPACE_SYMBOLS) break;
  }
  return out;
}
