// Inline suppressions in `#` comments:
//   # attls-lint-disable-next-line <id>[, <id>] [-- reason]   the next line
//   ... # attls-lint-disable-line <id> [-- reason]             the line the comment ends
//   # attls-lint-disable <id> [-- reason]                      the whole file
// Without ids a directive covers every code. syntax-* findings are never suppressed: Policy Agent
// rejects the file, and no comment changes that.
import { spanOf, type Comment, type Diagnostic, type Fix, type LineIndex, type Span } from '@attls/language';
import { isLockedCode } from './builtins.js';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable';

export interface DirectiveId {
  readonly id: string;
  readonly span: Span;
}

export interface Directive {
  readonly kind: DirectiveKind;
  readonly comment: Comment;
  /** Ids named; empty = every code. */
  readonly ids: readonly DirectiveId[];
  readonly reason?: string;
  /** 0-based line the directive covers (undefined for the whole file). */
  readonly line?: number;
}

export interface SuppressedDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly directive: Directive;
}

const PREFIX = 'attls-lint-';

/** Reads the directives of a file from its comments. */
export function readDirectives(comments: readonly Comment[], lineIndex: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    // "#", blanks, then the directive word.
    let i = 1;
    while (i < c.text.length && (c.text[i] === ' ' || c.text[i] === '\t')) i++;
    if (!c.text.startsWith(PREFIX, i)) continue;
    let j = i + PREFIX.length;
    let kind: DirectiveKind | undefined;
    for (const k of ['disable-next-line', 'disable-line', 'disable'] as const) {
      if (c.text.startsWith(k, j) && (j + k.length === c.text.length || /[\s,]/.test(c.text[j + k.length]!))) {
        kind = k;
        j += k.length;
        break;
      }
    }
    if (!kind) continue;
    let body = c.text.slice(j);
    let reason: string | undefined;
    const dash = body.indexOf('--');
    if (dash >= 0) {
      reason = body.slice(dash + 2).trim() || undefined;
      body = body.slice(0, dash);
    }
    const ids: DirectiveId[] = [];
    const re = /[^\s,]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body)) !== null) {
      const start = c.start + j + m.index;
      ids.push({ id: m[0], span: { start, end: start + m[0].length } });
    }
    const commentLine = lineIndex.lineAt(c.start);
    const line = kind === 'disable-next-line' ? commentLine + 1 : kind === 'disable-line' ? commentLine : undefined;
    out.push({ kind, comment: c, ids, reason, line });
  }
  return out;
}

export interface SuppressionResult {
  readonly kept: Diagnostic[];
  readonly suppressed: SuppressedDiagnostic[];
  /** Ids (or whole directives, id undefined) that suppressed nothing. */
  readonly unused: { directive: Directive; id?: DirectiveId }[];
}

/** Splits diagnostics into those kept and those a directive suppresses. */
export function applyDirectives(diagnostics: readonly Diagnostic[], directives: readonly Directive[], lineIndex: LineIndex): SuppressionResult {
  const used = new Set<string>();
  const key = (d: Directive, id?: DirectiveId): string => `${d.comment.start}:${id ? id.span.start : '*'}`;
  const kept: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  if (directives.length === 0) return { kept: [...diagnostics], suppressed, unused: [] };
  const byLine = new Map<number, Directive[]>();
  const fileWide: Directive[] = [];
  for (const d of directives) {
    if (d.line === undefined) fileWide.push(d);
    else {
      const list = byLine.get(d.line);
      if (list) list.push(d);
      else byLine.set(d.line, [d]);
    }
  }
  for (const diag of diagnostics) {
    if (isLockedCode(diag.code)) {
      kept.push(diag);
      continue;
    }
    const line = lineIndex.lineAt(diag.span.start);
    const candidates = [...(byLine.get(line) ?? []), ...fileWide];
    let by: Directive | undefined;
    for (const d of candidates) {
      if (d.ids.length === 0) {
        used.add(key(d));
        by ??= d;
        continue;
      }
      const id = d.ids.find((x) => x.id === diag.code);
      if (id) {
        used.add(key(d, id));
        by ??= d;
      }
    }
    if (by) suppressed.push({ diagnostic: diag, directive: by });
    else kept.push(diag);
  }
  const unused: { directive: Directive; id?: DirectiveId }[] = [];
  for (const d of directives) {
    if (d.ids.length === 0) {
      if (!used.has(key(d))) unused.push({ directive: d });
    } else for (const id of d.ids) if (!used.has(key(d, id))) unused.push({ directive: d, id });
  }
  return { kept, suppressed, unused };
}

/** The `unused-disable` findings for ids and directives that suppressed nothing. */
export function unusedDirectiveDiagnostics(
  unused: SuppressionResult['unused'],
  text: string,
  lineIndex: LineIndex,
  knownCode: (id: string) => boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byDirective = new Map<Directive, number>();
  for (const u of unused) byDirective.set(u.directive, (byDirective.get(u.directive) ?? 0) + 1);
  for (const u of unused) {
    const d = u.directive;
    const all = d.ids.length === 0 || byDirective.get(d) === d.ids.length;
    // Removing a directive that suppresses nothing changes no finding: a safe fix, offered when
    // the whole directive is unused.
    const fix: Fix | undefined = all && (!u.id || u.id === d.ids[0]) ? removeComment(spanOf(d.comment), text, lineIndex) : undefined;
    if (u.id && isLockedCode(u.id.id)) {
      out.push({
        code: 'unused-disable',
        severity: 'warning',
        message: `'${u.id.id}' cannot be suppressed: Policy Agent rejects a file with a syntax error.`,
        messageId: 'locked',
        data: { id: u.id.id },
        span: u.id.span,
        fix,
      });
    } else if (u.id && !knownCode(u.id.id)) {
      out.push({
        code: 'unused-disable',
        severity: 'warning',
        message: `'${u.id.id}' is not a rule or check of attls-lint, so this directive suppresses nothing.`,
        messageId: 'unknown',
        data: { id: u.id.id },
        span: u.id.span,
        fix,
      });
    } else {
      out.push({
        code: 'unused-disable',
        severity: 'warning',
        message: u.id
          ? `This attls-lint-${d.kind} directive suppresses no '${u.id.id}' finding; remove it.`
          : `This attls-lint-${d.kind} directive suppresses nothing; remove it.`,
        messageId: 'unused',
        data: { id: u.id?.id ?? '', kind: d.kind },
        span: u.id?.span ?? spanOf(d.comment),
        fix,
        tags: [1],
      });
    }
  }
  return out;
}

/** Removes a comment: the whole line when it stands alone, else the comment and blanks before it. */
function removeComment(span: Span, text: string, lineIndex: LineIndex): Fix {
  const line = lineIndex.lineAt(span.start);
  const bounds = lineIndex.lineBounds(line, text);
  const before = text.slice(bounds.start, span.start);
  if (before.trim() === '') {
    const next = line + 1 < lineIndex.lineCount ? lineIndex.lineStarts[line + 1]! : text.length;
    return { title: 'Remove the unused directive', edits: [{ span: { start: bounds.start, end: next }, newText: '' }] };
  }
  let start = span.start;
  while (start > bounds.start && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { title: 'Remove the unused directive', edits: [{ span: { start, end: span.end }, newText: '' }] };
}
