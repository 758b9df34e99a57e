// Code actions: every diagnostic's own fix and suggestions, plus the edits that need the model --
// create a missing referenced statement, remove an unused one, move a misplaced parameter into the
// block where it belongs, switch off a weak protocol, and suppress a finding with a reason.
import { WEAK_PROTOCOLS } from '@attls/evaluate';
import {
  catalogue,
  type Diagnostic,
  type Fix,
  type ParamInfo,
  type PolicyModel,
  type StatementInfo,
  type TextEdit, spanOf } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { detectEol } from '../format/format.js';
import { locate } from '../locate.js';
import { toLspDiagnostic, toRange, toSpan } from '../lsp.js';
import type { DocumentSnapshot, PolicySnapshot } from '../workspace.js';

/** The inline suppression comment understood by attls-lint. */
export const DISABLE_NEXT_LINE = 'attls-lint-disable-next-line';
export const SUPPRESSION_REASON = 'TODO: say why this finding is acceptable';

/** Protocols that should be off; a code action switches them off. */
export { WEAK_PROTOCOLS };

export interface CodeActionContext {
  /** Kinds the client asked for (e.g. ['quickfix'], ['source.fixAll']). */
  readonly only?: readonly string[];
}

const INDENT = '  ';

function wanted(context: CodeActionContext, kind: string): boolean {
  if (!context.only || context.only.length === 0) return !kind.startsWith('source');
  return context.only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Converts our edits (which may name other documents) to an LSP workspace edit. */
function workspaceEdit(snap: PolicySnapshot, edits: readonly TextEdit[]): lsp.WorkspaceEdit | undefined {
  const changes: Record<string, lsp.TextEdit[]> = {};
  for (const e of edits) {
    const uri = e.uri ?? snap.uri;
    const doc = snap.documentOf(uri);
    if (!doc) return undefined;
    (changes[uri] ??= []).push({ range: toRange(doc, e.span), newText: e.newText });
  }
  return { changes };
}

export function getCodeActions(snap: PolicySnapshot, range: lsp.Range, context: CodeActionContext = {}): lsp.CodeAction[] {
  const span = toSpan(snap.document, range);
  const out: lsp.CodeAction[] = [];
  const add = (title: string, edits: readonly TextEdit[], diagnostic: lsp.Diagnostic | undefined, preferred = false, kind = 'quickfix'): void => {
    if (!wanted(context, kind)) return;
    const edit = workspaceEdit(snap, edits);
    if (!edit) return;
    const action: lsp.CodeAction = { title, kind, edit };
    if (diagnostic) action.diagnostics = [diagnostic];
    if (preferred) action.isPreferred = true;
    out.push(action);
  };
  const all = snap.diagnostics();
  const here = all.filter((d) => d.span.start <= span.end && span.start <= d.span.end);
  // Codes per line, gathered once: a range over a whole large file holds thousands of findings.
  const li = snap.document.lineIndex;
  const codesByLine = new Map<number, Set<string>>();
  for (const x of here) {
    if (x.code.startsWith('syntax-')) continue;
    const line = li.lineAt(x.span.start);
    let codes = codesByLine.get(line);
    if (!codes) codesByLine.set(line, (codes = new Set()));
    codes.add(x.code);
  }
  const suppressed = new Set<number>();
  for (const d of here) {
    const ld = toLspDiagnostic(d, snap);
    if (d.fix) add(d.fix.title, d.fix.edits, ld, true);
    for (const s of d.suggestions ?? []) add(s.title, s.edits, ld, s.preferred === true);
    for (const f of modelFixes(snap, d)) add(f.title, f.edits, ld);
    const line = li.lineAt(d.span.start);
    if (!d.code.startsWith('syntax-') && !suppressed.has(line)) {
      suppressed.add(line);
      const unique = [...codesByLine.get(line)!];
      add(`Suppress ${unique.join(', ')} on this line (with a reason)`, [suppression(snap, line, unique)], ld);
    }
  }
  for (const f of protocolActions(snap, span.start)) add(f.title, f.edits, undefined, false, 'quickfix');
  if (wanted(context, 'source.fixAll')) {
    const fixes = fixAll(all);
    if (fixes.length > 0) add('Fix all safe attls problems', fixes, undefined, false, 'source.fixAll');
  }
  return out;
}

/** Safe fixes of every diagnostic, without overlaps, in one document. */
export function fixAll(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits = diagnostics.filter((d) => d.fix && d.fix.edits.every((e) => !e.uri)).flatMap((d) => d.fix!.edits);
  edits.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const out: TextEdit[] = [];
  let end = -1;
  for (const e of edits) {
    if (e.span.start < end || (e.span.start === end && out.length > 0 && e.span.start === e.span.end)) continue;
    out.push(e);
    end = e.span.end;
  }
  return out;
}

const EOLS = new WeakMap<object, string>();

/** The line break a document uses, found once per parse: a long first line costs a scan each time. */
function eolOf(doc: DocumentSnapshot): string {
  let eol = EOLS.get(doc.parse);
  if (eol === undefined) EOLS.set(doc.parse, (eol = detectEol(doc.text)));
  return eol;
}

function suppression(snap: PolicySnapshot, line: number, codes: readonly string[]): TextEdit {
  const doc = snap.document;
  const start = doc.lineIndex.lineStarts[line]!;
  const indent = /^[ \t]*/.exec(doc.text.slice(start, start + 200))![0];
  const eol = eolOf(doc);
  return { span: { start, end: start }, newText: `${indent}# ${DISABLE_NEXT_LINE} ${codes.join(', ')} -- ${SUPPRESSION_REASON}${eol}` };
}

function modelFixes(snap: PolicySnapshot, d: Diagnostic): Fix[] {
  switch (d.code) {
    case 'undefined-reference':
      return createMissing(snap, d);
    case 'unused-definition':
      return removeUnused(snap, d);
    case 'misplaced-parameter':
      return moveParameter(snap, d);
    default:
      return [];
  }
}

function topLevelOf(s: StatementInfo): StatementInfo {
  let t = s;
  while (t.parent) t = t.parent;
  return t;
}

/** The offset just after the line containing `offset` (before its line break). */
function lineEnd(snap: PolicySnapshot, offset: number): number {
  const li = snap.document.lineIndex;
  return li.lineBounds(li.lineAt(offset), snap.text).end;
}

function createMissing(snap: PolicySnapshot, d: Diagnostic): Fix[] {
  const kind = d.data?.['kind'];
  const name = d.data?.['name'];
  if (typeof kind !== 'string' || typeof name !== 'string') return [];
  const spec = catalogue.statement(kind);
  if (!spec) return [];
  const at = locate(snap, d.span.start);
  const owner = at.param?.owner ?? at.statement;
  if (!owner) return [];
  const eol = eolOf(snap.document);
  const lines = [`${spec.name} ${name}`, '{'];
  for (const p of spec.parameters) {
    if (!p.required || p.kind === 'inline-block') continue;
    const value = catalogue.defaultFor(p, snap.release)?.value ?? p.values?.[0]?.value;
    if (value) lines.push(`${INDENT}${p.name} ${value}`);
  }
  lines.push('}');
  const at2 = lineEnd(snap, spanOf(topLevelOf(owner).node).end);
  return [{ title: `Create ${spec.name} '${name}'`, edits: [{ span: { start: at2, end: at2 }, newText: eol + eol + lines.join(eol) }] }];
}

/** The span of whole lines from the line of `start` to the line of `end`, with their line break. */
function wholeLines(snap: PolicySnapshot, start: number, end: number): { start: number; end: number } {
  const li = snap.document.lineIndex;
  const first = li.lineAt(start);
  const last = li.lineAt(end);
  const s = li.lineStarts[first]!;
  const e = last + 1 < li.lineCount ? li.lineStarts[last + 1]! : snap.text.length;
  return { start: s, end: e };
}

function removeUnused(snap: PolicySnapshot, d: Diagnostic): Fix[] {
  const at = locate(snap, d.span.start);
  const s = at.statement;
  if (!s || at.role !== 'name' || s.doc.uri !== snap.uri) return [];
  let span = wholeLines(snap, s.node.start, s.node.end);
  // Take one blank line after it too, so that no double gap is left.
  const li = snap.document.lineIndex;
  const nextLine = li.lineAt(span.end);
  if (span.end < snap.text.length) {
    const b = li.lineBounds(nextLine, snap.text);
    if (snap.text.slice(b.start, b.end).trim() === '') span = { start: span.start, end: nextLine + 1 < li.lineCount ? li.lineStarts[nextLine + 1]! : snap.text.length };
  }
  return [{ title: `Remove unused ${s.label}`, edits: [{ span, newText: '' }] }];
}

/** Blocks reachable from a statement through its inline blocks and references, nearest first. */
function reachableBlocks(model: PolicyModel, owner: StatementInfo): StatementInfo[] {
  const out: StatementInfo[] = [];
  const queue: StatementInfo[] = [owner];
  const seen = new Set<StatementInfo>([owner]);
  while (queue.length > 0 && out.length < 50) {
    const s = queue.shift()!;
    for (const p of s.spec?.parameters ?? []) {
      const kind = p.kind === 'name-ref' ? p.refKind : p.kind === 'inline-block' ? p.inlineKind : undefined;
      if (!kind) continue;
      const b = model.block(s, kind);
      if (b && !seen.has(b)) {
        seen.add(b);
        out.push(b);
        queue.push(b);
      }
    }
  }
  return out;
}

function indentOf(snap: PolicySnapshot, s: StatementInfo, offset: number): string {
  const doc = snap.documentOf(s.doc.uri)!;
  const li = doc.lineIndex;
  const start = li.lineStarts[li.lineAt(offset)]!;
  return /^[ \t]*/.exec(doc.text.slice(start, start + 200))![0];
}

function moveParameter(snap: PolicySnapshot, d: Diagnostic): Fix[] {
  const at = locate(snap, d.span.start);
  const p: ParamInfo | undefined = at.param;
  const validIn = d.data?.['validIn'];
  if (!p || !Array.isArray(validIn) || at.role !== 'keyword') return [];
  const model = snap.model;
  const owner = p.owner;
  const kinds = new Set(validIn as string[]);
  const li = snap.document.lineIndex;
  const line = li.lineAt(p.node.start);
  const bounds = li.lineBounds(line, snap.text);
  // The parameter with any trailing comment; the whole line goes when nothing else is on it.
  const moved = snap.text.slice(p.node.start, bounds.end).trimEnd();
  const alone = snap.text.slice(bounds.start, p.node.start).trim() === '';
  const removal: TextEdit = alone ? { span: wholeLines(snap, p.node.start, p.node.start), newText: '' } : { span: { start: p.node.start, end: bounds.end }, newText: '' };
  const eol = eolOf(snap.document);
  const name = p.spec?.name ?? (d.data?.['keyword'] as string | undefined) ?? p.keyword.text;

  const candidates = [...(owner.parent ? [owner.parent] : []), ...reachableBlocks(model, owner)];
  const target = candidates.find((b) => b.kind && kinds.has(b.kind) && b.node.kind === 'statement' && b.node.close);
  if (target && target.node.kind === 'statement' && target.node.close) {
    const tdoc = snap.documentOf(target.doc.uri);
    if (!tdoc) return [];
    const closeLineStart = tdoc.lineIndex.lineStarts[tdoc.lineIndex.lineAt(target.node.close)]!;
    const closeAlone = tdoc.text.slice(closeLineStart, target.node.close).trim() === '';
    const indent = indentOf(snap, target, target.keyword.start) + INDENT;
    const edit: TextEdit = closeAlone
      ? { span: { start: closeLineStart, end: closeLineStart }, newText: `${indent}${moved}${eol}`, uri: target.doc.uri === snap.uri ? undefined : target.doc.uri }
      : { span: { start: target.node.close, end: target.node.close }, newText: `${eol}${indent}${moved}${eol}`, uri: target.doc.uri === snap.uri ? undefined : target.doc.uri };
    const where = target.name !== undefined ? `${target.kind} '${target.name}'` : `the inline ${target.kind}`;
    return [{ title: `Move ${name} into ${where}`, edits: [removal, edit] }];
  }
  // No such block yet: write an inline one in the owner when the owner can hold it.
  const inline = owner.spec?.parameters.find((x) => x.kind === 'inline-block' && x.inlineKind && kinds.has(x.inlineKind));
  if (inline && owner.node.kind === 'statement' && owner.node.close && !owner.param(`${inline.inlineKind}Ref`)) {
    const close = owner.node.close;
    const closeLineStart = li.lineStarts[li.lineAt(close)]!;
    if (snap.text.slice(closeLineStart, close).trim() !== '') return [];
    const base = indentOf(snap, owner, owner.keyword.start) + INDENT;
    const block = [`${base}${inline.inlineKind}`, `${base}{`, `${base}${INDENT}${moved}`, `${base}}`].join(eol) + eol;
    return [{ title: `Move ${name} into a new inline ${inline.inlineKind}`, edits: [removal, { span: { start: closeLineStart, end: closeLineStart }, newText: block }] }];
  }
  return [];
}

/** Switch off a weak protocol coded On, or one that is On by default in an advanced parms block. */
function protocolActions(snap: PolicySnapshot, offset: number): Fix[] {
  const at = locate(snap, offset);
  const out: Fix[] = [];
  const p = at.param;
  if (p?.spec && (WEAK_PROTOCOLS as readonly string[]).includes(p.spec.name)) {
    const v = p.values[0];
    if (v && v.text.toLowerCase() === 'on') out.push({ title: `Switch off ${p.spec.name}`, edits: [{ span: spanOf(v), newText: 'Off' }] });
    return out;
  }
  const s = at.statement;
  if (!s?.spec || s.node.kind !== 'statement' || !s.node.close || at.role === 'keyword' || at.role === 'name') return out;
  const eol = eolOf(snap.document);
  const li = snap.document.lineIndex;
  const closeLineStart = li.lineStarts[li.lineAt(s.node.close)]!;
  if (snap.text.slice(closeLineStart, s.node.close).trim() !== '') return out;
  const indent = indentOf(snap, s, s.keyword.start) + INDENT;
  for (const name of WEAK_PROTOCOLS) {
    const ps = catalogue.parameter(s.spec, name);
    if (!ps || s.paramsNamed(name).length > 0) continue;
    const def = catalogue.defaultFor(ps, snap.release);
    if (def?.value.toLowerCase() !== 'on') continue;
    out.push({
      title: `Switch off ${name} (On by default on z/OS ${snap.release})`,
      edits: [{ span: { start: closeLineStart, end: closeLineStart }, newText: `${indent}${name} Off${eol}` }],
    });
  }
  return out;
}
