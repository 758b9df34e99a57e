// HTML for the extension's webview panels, as pure functions of the server's JSON answers, so that
// they are tested without VS Code. Every value from the policy or the user is escaped; links carry
// a file and a 0-based position in data- attributes, and the panel script turns a click into an
// "open" message for the extension.

/** A place in a policy file: uri (or path) and 0-based line and character. */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly character?: number;
}

/** Looks up where a named statement (rule or action) is defined. */
export type Locate = (name: string) => Place | undefined;

/** The connection as the user described it (text fields, as `attls match` reads them). */
export interface ConnectionFields {
  readonly direction?: string;
  readonly local_addr?: string;
  readonly local_port?: string;
  readonly remote_addr?: string;
  readonly remote_port?: string;
  readonly jobname?: string;
  readonly userid?: string;
}

export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** Where the answer says a statement is: the file and the range of its name. */
export interface PlaceJson {
  readonly file?: string;
  readonly range?: LspRange;
}

/** The JSON of `attls match` (packages/evaluate), as far as the panel reads it. */
export interface MatchAnswer {
  readonly connection?: Readonly<Record<string, string | number>>;
  readonly rule: { readonly name: string; readonly priority: number | null; readonly order: number; readonly file?: string; readonly range?: LspRange } | null;
  readonly secured?: boolean;
  readonly actions?: { readonly group: string | null; readonly environment: string | null; readonly connection: string | null };
  readonly actionPlaces?: {
    readonly group: (PlaceJson & { readonly name: string }) | null;
    readonly environment: (PlaceJson & { readonly name: string }) | null;
    readonly connection: (PlaceJson & { readonly name: string }) | null;
  };
  readonly settings?: Readonly<
    Record<
      string,
      {
        readonly value: string | readonly string[] | null;
        readonly from: string;
        readonly file?: string;
        /** 1-based. */
        readonly line?: number;
        readonly certainty?: string;
        readonly note?: string;
        readonly names?: readonly string[];
      }
    >
  >;
  readonly trace?: readonly (PlaceJson & {
    readonly rule: string;
    readonly order: number;
    readonly priority: number | null;
    readonly matched: boolean;
    readonly failed: string | null;
    readonly detail: string;
    readonly notes?: readonly string[];
  })[];
  readonly alsoMatches?: readonly (PlaceJson & { readonly rule: string; readonly order: number; readonly priority: number | null })[];
  readonly notes?: readonly string[];
  readonly assumptions?: readonly string[];
  readonly targetRelease?: string;
  readonly rules?: number;
}

/** One rule of the evaluation order (attls/evaluationOrder). */
export interface OrderEntry {
  readonly position: number;
  readonly name: string;
  readonly priority: number | null;
  readonly file?: string;
  readonly range?: LspRange;
  readonly conditions: readonly string[];
  readonly actions: { readonly group: string | null; readonly environment: string | null; readonly connection: string | null };
  readonly actionPlaces?: MatchAnswer['actionPlaces'];
  readonly shadowedBy: readonly string[];
  readonly overlaps: readonly string[];
}

export interface OrderAnswer {
  readonly rules: readonly OrderEntry[];
  readonly notes?: readonly string[];
}

/** What attls/explain answers: the explanation as text, and the places it points at. */
export interface ExplainAnswer {
  readonly kind: 'codes' | 'log';
  readonly text: string;
  readonly places?: readonly { readonly label: string; readonly file: string; readonly line: number }[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The last path segment of a uri or path, for link labels. */
export function baseName(file: string): string {
  // Cut at the first ? or # by search, not .replace(/[?#].*$/, ''), which is quadratic on a run of them.
  const q = file.search(/[?#]/);
  const clean = q >= 0 ? file.slice(0, q) : file;
  const last = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    // A stray % that starts no escape: show the name as it is written.
    return last;
  }
}

/**
 * Escaped text with break opportunities after underscores and inside camel case of long words, so
 * that names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 and TTLSEnvironmentAdvancedParms wrap
 * in a narrow panel instead of widening its table; short names (gShared) stay whole.
 */
export function breakable(text: unknown): string {
  return escapeHtml(text).replace(/[A-Za-z0-9_]{12,}/g, (word) => word.replace(/_/g, '_<wbr>').replace(/([a-z])(?=[A-Z])|([0-9])(?=[A-Z][a-z])/g, '$1$2<wbr>'));
}

/** A table in its own horizontal scroll box: it wraps where it can and scrolls where it cannot. */
function table(cls: string, rows: string): string {
  return `<div class="scroll"><table class="${cls}">${rows}</table></div>`;
}

/** A link to a place; the label defaults to `file:line` (1-based, as people count lines). */
export function link(place: Place | undefined, label?: string): string {
  if (!place) return breakable(label ?? '');
  const text = label ?? `${baseName(place.file)}:${place.line + 1}`;
  return `<a href="#" class="place" data-file="${escapeHtml(place.file)}" data-line="${place.line}" data-character="${place.character ?? 0}" title="${escapeHtml(`${baseName(place.file)}:${place.line + 1}`)}">${breakable(text)}</a>`;
}

/** A statement name linked to its definition when known. */
function named(name: string | null | undefined, locate: Locate): string {
  if (!name) return '<span class="muted">none</span>';
  return link(locate(name), name);
}

/**
 * A statement name linked to the place the answer gives for it. Looking the name up instead
 * (`locate`, the open file's symbols) is only for answers without places: it misses statements in
 * other files of the policy set and cannot tell a rule from an action of the same name.
 */
function placed(name: string | null | undefined, at: PlaceJson | null | undefined, locate: Locate): string {
  if (!name) return '<span class="muted">none</span>';
  if (at?.file && at.range) return link({ file: at.file, line: at.range.start.line, character: at.range.start.character }, name);
  return named(name, locate);
}

const CONNECTION_LABELS: readonly (readonly [keyof ConnectionFields, string])[] = [
  ['direction', 'Direction'],
  ['local_addr', 'Local address'],
  ['local_port', 'Local port'],
  ['remote_addr', 'Remote address'],
  ['remote_port', 'Remote port'],
  ['jobname', 'Job name'],
  ['userid', 'User ID'],
];

export function describeConnection(c: ConnectionFields): string {
  const parts: string[] = [];
  for (const [k, label] of CONNECTION_LABELS) {
    const v = c[k];
    if (v !== undefined && v !== '') parts.push(k === 'direction' ? v : `${label.toLowerCase()} ${v}`);
  }
  return parts.join(', ') || 'no attributes';
}

function list(items: readonly string[] | undefined, cls = ''): string {
  if (!items || items.length === 0) return '';
  return `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

/** Panel body for the answer to "which rule matches this connection". */
export function renderMatch(answer: MatchAnswer, request: ConnectionFields, locate: Locate): string {
  const out: string[] = [];
  out.push(`<h1>Which rule matches</h1>`);
  out.push(`<p class="connection" id="connection">${escapeHtml(describeConnection(request))}</p>`);
  const rule = answer.rule;
  if (rule) {
    const place = rule.file && rule.range ? { file: rule.file, line: rule.range.start.line, character: rule.range.start.character } : locate(rule.name);
    const secured = answer.secured === undefined ? '' : answer.secured ? ' <span class="badge ok">AT-TLS on</span>' : ' <span class="badge warn">AT-TLS off for this connection</span>';
    out.push(
      `<p class="verdict" id="verdict">Matched rule ${link(place, rule.name)}${secured}<br><span class="muted">${escapeHtml(ordinal(rule.order))} in evaluation order, ${
        rule.priority === null ? 'no Priority' : `Priority ${rule.priority}`
      }${place ? ` — ${link(place)}` : ''}</span></p>`,
    );
  } else {
    out.push(`<p class="verdict" id="verdict"><b>No rule matches.</b> The stack does not apply AT-TLS to this connection: it runs in the clear unless the application starts TLS itself.</p>`);
  }
  if (answer.notes && answer.notes.length) out.push(`<h2>Notes</h2>${list(answer.notes, 'notes')}`);
  if (answer.assumptions && answer.assumptions.length) out.push(`<h2>Taken as given</h2>${list(answer.assumptions)}`);

  if (rule && answer.actions) {
    const a = answer.actions;
    const at = answer.actionPlaces;
    out.push(
      `<h2>Actions</h2>${table(
        'actions',
        `<tr><th>Group</th><td>${placed(a.group, at?.group, locate)}</td></tr><tr><th>Environment</th><td>${placed(a.environment, at?.environment, locate)}</td></tr><tr><th>Connection</th><td>${placed(
          a.connection,
          at?.connection,
          locate,
        )}</td></tr>`,
      )}`,
    );
  }

  const settings = Object.entries(answer.settings ?? {});
  if (settings.length) {
    const rows = settings.map(([name, s]) => {
      const value = Array.isArray(s.value)
        ? (s.value as readonly string[]).map((v, i) => breakable(s.names?.[i] ? `${v} ${s.names[i]}` : v)).join('<br>')
        : s.value === null
          ? '<span class="muted">not set</span>'
          : breakable(s.value);
      const from = s.file && s.line ? link({ file: s.file, line: s.line - 1 }, shortenUris(s.from)) : breakable(shortenUris(s.from));
      const certainty = s.certainty && s.certainty !== 'confirmed' ? ` (${escapeHtml(certaintyText(s.certainty))})` : '';
      return `<tr><td>${breakable(name)}</td><td><span class="value">${value}</span><div class="from">${from}${certainty}</div></td></tr>`;
    });
    out.push(`<h2>Effective settings</h2>${table('settings', `<tr><th>Setting</th><th>Value and where it comes from</th></tr>${rows.join('')}`)}`);
  }

  const trace = answer.trace ?? [];
  if (trace.length) {
    const rows = trace.map(
      (t) =>
        `<tr class="${t.matched ? 'matched' : 'failed'}"><td>${t.order}</td><td>${placed(t.rule, t, locate)}</td><td>${t.priority ?? '<span class="muted">none</span>'}</td><td>${
          t.matched ? '<b>matches</b>' : `fails on ${breakable(t.failed ?? '?')}`
        }</td><td>${breakable(t.detail)}${list(t.notes)}</td></tr>`,
    );
    out.push(`<h2>Trace</h2><p class="muted">Rules tried in evaluation order until the first match.</p>${table('trace', `<tr><th>#</th><th>Rule</th><th>Priority</th><th>Result</th><th>Why</th></tr>${rows.join('')}`)}`);
  }
  if (answer.alsoMatches && answer.alsoMatches.length) {
    out.push(
      `<h2>Later rules that would also match</h2><p class="muted">They never see this connection, because an earlier rule takes it.</p><ul>${answer.alsoMatches
        .map((m) => `<li>${placed(m.rule, m, locate)} (${escapeHtml(ordinal(m.order))}, ${m.priority === null ? 'no Priority' : `Priority ${m.priority}`})</li>`)
        .join('')}</ul>`,
    );
  }
  if (answer.targetRelease) out.push(`<p class="muted footer">Defaults of z/OS ${escapeHtml(answer.targetRelease)}; ${answer.rules ?? '?'} rules in the policy.</p>`);
  return out.join('\n');
}

/**
 * Panel body for the table of rules in evaluation order. The row of rule `focus`, when given (a
 * code lens names it), is marked and scrolled into view.
 */
export function renderOrder(answer: OrderAnswer, locate: Locate, focus?: string): string {
  const out: string[] = [`<h1>Rule evaluation order</h1>`];
  out.push(`<p class="muted">Policy Agent tries rules from the top and stops at the first that matches a connection.</p>`);
  if (answer.notes && answer.notes.length) out.push(list(answer.notes, 'notes'));
  if (answer.rules.length === 0) {
    out.push('<p>This policy has no TTLSRule.</p>');
    return out.join('\n');
  }
  // Shadowing and overlapping rules are rows of this same table: link them to where their row says.
  const rulePlaces = new Map<string, PlaceJson>();
  for (const r of answer.rules) if (r.file && r.range && !rulePlaces.has(r.name)) rulePlaces.set(r.name, r);
  let focused = false;
  const rows = answer.rules.map((r) => {
    const place = r.file && r.range ? { file: r.file, line: r.range.start.line, character: r.range.start.character } : locate(r.name);
    const marks: string[] = [];
    if (r.shadowedBy.length) marks.push(`<span class="badge warn">shadowed</span> by ${r.shadowedBy.map((n) => placed(n, rulePlaces.get(n), locate)).join(', ')}`);
    if (r.overlaps.length) marks.push(`<span class="badge info">overlaps</span> ${r.overlaps.map((n) => placed(n, rulePlaces.get(n), locate)).join(', ')}`);
    const at = r.actionPlaces;
    const actions = [
      r.actions.group ? `group ${placed(r.actions.group, at?.group, locate)}` : '',
      r.actions.environment ? `environment ${placed(r.actions.environment, at?.environment, locate)}` : '',
      r.actions.connection ? `connection ${placed(r.actions.connection, at?.connection, locate)}` : '',
    ].filter(Boolean);
    const classes = [r.shadowedBy.length ? 'shadowed' : ''];
    let id = '';
    if (focus !== undefined && r.name === focus && !focused) {
      focused = true;
      classes.push('focus');
      id = ' id="focus"';
    }
    return `<tr class="${classes.filter(Boolean).join(' ')}"${id}><td>${r.position}</td><td>${link(place, r.name)}</td><td>${r.priority ?? '<span class="muted">none</span>'}</td><td>${
      r.conditions.length ? r.conditions.map(breakable).join('<br>') : '<span class="muted">every connection</span>'
    }</td><td>${actions.join('<br>') || '<span class="muted">none</span>'}</td><td>${marks.join('<br>')}</td></tr>`;
  });
  out.push(table('order', `<tr><th>#</th><th>Rule</th><th>Priority</th><th>Conditions</th><th>Actions</th><th>Marks</th></tr>${rows.join('')}`));
  return out.join('\n');
}

/** Panel body for an explained return code or log. */
export function renderExplain(answer: ExplainAnswer, input: string): string {
  const out: string[] = [`<h1>${answer.kind === 'codes' ? 'Return code explained' : 'Log explained'}</h1>`];
  out.push(`<pre class="input">${escapeHtml(input.length > 2000 ? input.slice(0, 2000) + '\n…' : input)}</pre>`);
  if (answer.places && answer.places.length) {
    out.push(`<h2>Places in the policy</h2><ul class="places">${answer.places.map((p) => `<li>${link({ file: p.file, line: p.line - 1 }, p.label)} <span class="muted">${escapeHtml(baseName(p.file))}:${p.line}</span></li>`).join('')}</ul>`);
  }
  out.push(`<pre class="explanation">${linkPlaces(answer.text)}</pre>`);
  return out.join('\n');
}

/**
 * A URI, and the line after it when there is one: `file:///ws/policy.ttls:14`. It ends before a
 * blank, a bracket or a quote, or before a comma, period or semicolon that ends a clause. The scheme
 * is at most 32 characters, so that a long run of letters cannot make every start rescan it.
 */
const URI_AT_LINE = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s()<>"']+?)(?::(\d+))?(?=[,.;:]?(?:\s|$)|[()<>"'])/gi;

/**
 * Text with every URI (and `URI:line`) in it turned into a link labelled with the file name, so
 * that an explanation points at `policy.ttls:14` rather than printing the URI.
 */
export function linkPlaces(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(URI_AT_LINE)) {
    const line = m[2] !== undefined ? Number(m[2]) : undefined;
    out += escapeHtml(text.slice(from, m.index));
    const place = { file: m[1]!, line: line !== undefined && line > 0 ? line - 1 : 0 };
    out += link(place, line !== undefined ? `${baseName(m[1]!)}:${line}` : baseName(m[1]!));
    from = m.index! + m[0].length;
  }
  return out + escapeHtml(text.slice(from));
}

/** "TTLSGroupAction g (file:///long/path/policy.ttls:14)" -> "TTLSGroupAction g (policy.ttls:14)". */
export function shortenUris(text: string): string {
  // A scheme is at most 32 characters: unbounded, a long run of letters and dashes in a policy
  // value made every start position rescan it (quadratic; found by the regular-expression audit).
  return text.replace(/\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s()]*\/([^/\s()]+)/gi, '$1');
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

function certaintyText(c: string): string {
  return c === 'recalled' ? 'default recalled, not confirmed' : c === 'usage' ? 'default seen in use, not in the reference' : c;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.4em; }
/* Tables wrap their text; where a word is still too wide, their box scrolls rather than cutting it off. */
.scroll { overflow-x: auto; max-width: 100%; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; }
td, th { overflow-wrap: break-word; }
/* Values such as signature pair lists are one long word: they may break anywhere. */
.value { overflow-wrap: anywhere; }
p, li { overflow-wrap: anywhere; }
tr.focus td { background: var(--vscode-editor-selectionHighlightBackground, #add6ff55); outline: 1px solid var(--vscode-focusBorder, #0078d4); }
.from { font-size: 0.9em; opacity: 0.75; }
th, td { text-align: left; vertical-align: top; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); }
tr.matched td { font-weight: bold; } tr.shadowed td { opacity: 0.75; }
.muted { opacity: 0.7; } .verdict { font-size: 1.15em; }
.badge { border-radius: 3px; padding: 0 5px; font-size: 0.9em; }
.badge.ok { background: var(--vscode-testing-iconPassed, #388a34); color: #fff; }
.badge.warn { background: var(--vscode-editorWarning-foreground, #bf8803); color: #000; }
.badge.info { background: var(--vscode-editorInfo-foreground, #3794ff); color: #000; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--vscode-textCodeBlock-background, #8881); padding: 6px; }
a.place { color: var(--vscode-textLink-foreground); cursor: pointer; }
`;

/** A whole webview document: strict CSP, a nonce for the one script that forwards link clicks. */
export function page(title: string, body: string, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const focus = document.getElementById('focus');
if (focus) focus.scrollIntoView({ block: 'center' });
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a.place');
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', file: a.dataset.file, line: Number(a.dataset.line), character: Number(a.dataset.character) });
});
</script>
</body>
</html>`;
}
