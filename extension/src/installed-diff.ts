// HTML body of the "Compare with installed policy" panel, from the server's attls/compareInstalled
// answer: the open policy (OLD) against a pasearch report (NEW). A pure function, self-contained so
// that it is tested without VS Code; every value from a policy or a report is escaped, and links
// carry a file and a 0-based position in data- attributes, as the other panels' links do (the
// panel script turns a click into an "open" message). Tables sit in scroll boxes and long names
// may break, as in the other panels, so that no column is cut off in a narrow panel.
import { breakable, shortenUris } from './render';

/** The comparison as the server sends it (packages/evaluate PolicyDiff), as far as the panel reads it. */
export interface InstalledDiff {
  readonly old: { readonly source: string; readonly kind: string };
  readonly new: { readonly source: string; readonly kind: string };
  readonly rules: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly reordered: readonly { readonly rule: string; readonly old: number; readonly new: number }[];
    readonly changed: readonly {
      readonly rule: string;
      readonly changes: readonly { readonly kind: string; readonly name: string; readonly old: string | null; readonly new: string | null; readonly oldFrom?: string; readonly newFrom?: string; readonly default?: 'old' | 'new' }[];
    }[];
  };
  readonly connections: readonly {
    readonly example: Readonly<Record<string, string | number>>;
    readonly old: { readonly rule: string | null; readonly secured: boolean | null };
    readonly new: { readonly rule: string | null; readonly secured: boolean | null };
    readonly settings: readonly { readonly name: string; readonly old: string | null; readonly new: string | null }[];
    readonly region: readonly Readonly<Record<string, string | number>>[];
    readonly more?: number;
  }[];
  readonly notes: readonly string[];
  /** Where each rule is, by side: the file and its 1-based line. */
  readonly places: { readonly old: Readonly<Record<string, { readonly file: string; readonly line: number }>>; readonly new: Readonly<Record<string, { readonly file: string; readonly line: number }>> };
}

function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fileName(file: string): string {
  const parts = file.split(/[\\/]/);
  return decodeURIComponent(parts[parts.length - 1] ?? file);
}

/** A rule name linked to where it is on one side (or plain text when that side does not have it). */
function ruleLink(d: InstalledDiff, side: 'old' | 'new', rule: string | null): string {
  if (rule === null) return '<span class="muted">no rule</span>';
  const p = d.places[side][rule];
  if (!p) return breakable(rule);
  return `<a href="#" class="place" data-file="${esc(p.file)}" data-line="${p.line - 1}" data-character="0" title="${esc(`${fileName(p.file)}:${p.line}`)}">${breakable(rule)}</a>`;
}

function value(v: string | null): string {
  return v === null ? '<span class="muted">(none)</span>' : `<code>${breakable(v)}</code>`;
}

function verdict(s: boolean | null, rule: string | null): string {
  if (rule === null || s === false) return '<span class="badge warn">not secured</span>';
  return s ? '<span class="badge ok">secured</span>' : '<span class="badge info">unknown</span>';
}

/** The limited attributes of one box of a region, in words. */
function regionText(b: Readonly<Record<string, string | number>>): string {
  const parts = [b['direction'] === 'both' ? 'inbound and outbound' : String(b['direction']), `IPv${b['family']}`];
  const add = (key: string, label: string): void => {
    if (b[key] !== undefined && b[key] !== 'any') parts.push(`${label} ${b[key]}`);
  };
  add('local_addr', 'local');
  add('local_port', 'local port');
  add('remote_addr', 'remote');
  add('remote_port', 'remote port');
  add('jobname', 'job');
  add('userid', 'user');
  return esc(parts.join(', '));
}

function exampleText(e: Readonly<Record<string, string | number>>): string {
  const keys = ['direction', 'local_addr', 'local_port', 'remote_addr', 'remote_port', 'jobname', 'userid'];
  return esc(keys.filter((k) => e[k] !== undefined).map((k) => `--${k.replace('_', '-')} ${e[k]}`).join(' '));
}

/** The panel's body. */
export function renderInstalledDiff(d: InstalledDiff): string {
  const out: string[] = [];
  out.push(`<h1>Policy against installed</h1>`);
  out.push(`<p>OLD <b>${esc(fileName(d.old.source))}</b> (${esc(d.old.kind)}) &mdash; NEW <b>${esc(fileName(d.new.source))}</b> (${esc(d.new.kind)})</p>`);
  const r = d.rules;
  const nothing = r.added.length + r.removed.length + r.reordered.length + r.changed.length + d.connections.length === 0;
  if (nothing) out.push('<p class="verdict"><span class="badge ok">same behaviour</span> No rule, setting or connection differs.</p>');
  if (r.added.length + r.removed.length + r.reordered.length > 0) {
    out.push('<h2>Rules</h2><div class="scroll"><table class="rules"><tr><th>Rule</th><th>Change</th></tr>');
    for (const n of r.added) out.push(`<tr><td>${ruleLink(d, 'new', n)}</td><td>only installed</td></tr>`);
    for (const n of r.removed) out.push(`<tr><td>${ruleLink(d, 'old', n)}</td><td>not installed</td></tr>`);
    for (const m of r.reordered) out.push(`<tr><td>${ruleLink(d, 'old', m.rule)}</td><td>#${m.old} in the policy, #${m.new} installed</td></tr>`);
    out.push('</table></div>');
  }
  if (r.changed.length > 0) {
    out.push(`<h2>Rules that differ (${r.changed.length})</h2><div class="scroll"><table class="changed"><tr><th>Rule</th><th>What</th><th>Policy</th><th>Installed</th></tr>`);
    for (const c of r.changed) {
      c.changes.forEach((x, i) => {
        const rule = i === 0 ? `${ruleLink(d, 'old', c.rule)} &rarr; ${ruleLink(d, 'new', c.rule)}` : '';
        const mark = x.default ? ` <span class="badge info" title="One side leaves this to attls's default for its release">default</span>` : '';
        // Where each side's value comes from, with file URIs shortened to the file name.
        const from = x.oldFrom || x.newFrom ? `<div class="from">${breakable(shortenUris(x.oldFrom ?? ''))} / ${breakable(shortenUris(x.newFrom ?? ''))}</div>` : '';
        out.push(`<tr><td>${rule}</td><td>${esc(x.kind)} ${breakable(x.name)}${mark}</td><td>${value(x.old)}</td><td>${value(x.new)}${from}</td></tr>`);
      });
    }
    out.push('</table></div>');
  }
  if (d.connections.length > 0) {
    out.push(`<h2>Connections whose outcome differs (${d.connections.length})</h2><div class="scroll"><table class="connections"><tr><th>Connections</th><th>Policy</th><th>Installed</th><th>Settings</th></tr>`);
    for (const c of d.connections) {
      const where = c.region.map(regionText).join('<br>') + (c.more ? `<br><span class="muted">and ${c.more} more parts</span>` : '');
      const settings = c.settings.map((s) => `${breakable(s.name)}: ${value(s.old)} &rarr; ${value(s.new)}`).join('<br>');
      out.push(
        `<tr><td>${where}<div class="from">e.g. ${exampleText(c.example)}</div></td><td>${ruleLink(d, 'old', c.old.rule)} ${verdict(c.old.secured, c.old.rule)}</td><td>${ruleLink(d, 'new', c.new.rule)} ${verdict(c.new.secured, c.new.rule)}</td><td>${settings}</td></tr>`,
      );
    }
    out.push('</table></div>');
  }
  if (d.notes.length > 0) {
    out.push('<h2>Notes</h2><ul>');
    for (const n of d.notes) out.push(`<li>${esc(n)}</li>`);
    out.push('</ul>');
  }
  return out.join('\n');
}
