// The comparison of two policies as text for a terminal and as Markdown for a pull-request comment.
// Both read only the comparison's plain data (PolicyDiff), so the editor can show the same.
import type { PolicyDiff, RuleChange } from './diff.js';
import type { ConnectionChange, ConnectionOutcome, RegionBox } from './diff-regions.js';

/** Policy text shown as it is, but with control characters made visible (a terminal obeys them). */
export function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const KIND_TEXT = { policy: 'policy', pasearch: 'pasearch report' } as const;

function outcomeText(o: ConnectionOutcome): string {
  if (o.rule === null) return 'no rule (not secured)';
  return `${visible(o.rule)} (${o.secured === true ? 'secured' : o.secured === false ? 'not secured' : 'verdict unknown'})`;
}

function value(v: string | null): string {
  return v === null ? '(none)' : visible(v);
}

/** One box of a region in words: only the attributes it limits. */
export function regionText(b: RegionBox): string {
  const parts: string[] = [b.direction === 'both' ? 'inbound and outbound' : b.direction, `IPv${b.family}`];
  if (b.local_addr !== 'any') parts.push(`local ${b.local_addr}`);
  if (b.local_port !== 'any') parts.push(`local port ${b.local_port}`);
  if (b.remote_addr !== 'any') parts.push(`remote ${b.remote_addr}`);
  if (b.remote_port !== 'any') parts.push(`remote port ${b.remote_port}`);
  if (b.jobname !== 'any') parts.push(`job ${b.jobname}`);
  if (b.userid !== 'any') parts.push(`user ${b.userid}`);
  return visible(parts.join(', '));
}

/** The example as `attls match` options. */
export function exampleOptions(e: ConnectionChange['example']): string {
  const order: [string, string][] = [
    ['direction', '--direction'],
    ['local_addr', '--local-addr'],
    ['local_port', '--local-port'],
    ['remote_addr', '--remote-addr'],
    ['remote_port', '--remote-port'],
    ['jobname', '--jobname'],
    ['userid', '--userid'],
  ];
  return visible(order.filter(([k]) => e[k] !== undefined).map(([k, o]) => `${o} ${e[k]}`).join(' '));
}

function defaultMark(c: RuleChange): string {
  return c.default ? `  [default in ${c.default.toUpperCase()}]` : '';
}

function place(d: PolicyDiff, side: 'old' | 'new', rule: string): string | undefined {
  const p = d.places[side][rule];
  return p ? `${visible(p.file)}:${p.line}` : undefined;
}

/** A summary line: what differs, in counts. */
export function diffSummary(d: PolicyDiff): string {
  const r = d.rules;
  const parts: string[] = [];
  const n = (k: number, one: string, many = `${one}s`): string => `${k} ${k === 1 ? one : many}`;
  if (r.added.length) parts.push(`${n(r.added.length, 'rule')} added`);
  if (r.removed.length) parts.push(`${n(r.removed.length, 'rule')} removed`);
  if (r.reordered.length) parts.push(`${n(r.reordered.length, 'rule')} moved`);
  if (r.changed.length) parts.push(`${n(r.changed.length, 'rule')} changed`);
  if (d.connections.length) parts.push(`${n(d.connections.length, 'region')} of connections with another outcome`);
  return parts.length === 0 ? 'No difference in behaviour.' : `${parts.join(', ')}.`;
}

/** The text answer. */
export function diffText(d: PolicyDiff): string {
  const out: string[] = [];
  const count = (side: 'old' | 'new'): number => Object.keys(d.places[side]).length;
  out.push(`OLD  ${visible(d.old.source)}  (${KIND_TEXT[d.old.kind]}, ${count('old')} rules)`);
  out.push(`NEW  ${visible(d.new.source)}  (${KIND_TEXT[d.new.kind]}, ${count('new')} rules)`);
  out.push('');
  const r = d.rules;
  out.push('Rules');
  const list = (label: string, items: string[]): void => {
    if (items.length === 0) out.push(`  ${label.padEnd(9)}(none)`);
    else items.forEach((t, i) => out.push(`  ${(i === 0 ? label : '').padEnd(9)}${t}`));
  };
  list('added', r.added.map((n) => `${visible(n)}  (${place(d, 'new', n) ?? 'NEW'})`));
  list('removed', r.removed.map((n) => `${visible(n)}  (${place(d, 'old', n) ?? 'OLD'})`));
  list('moved', r.reordered.map((m) => `${visible(m.rule)}  #${m.old} -> #${m.new} in evaluation order`));
  if (r.changed.length > 0) {
    out.push('');
    out.push(`Changed rules (${r.changed.length})`);
    for (const c of r.changed) {
      out.push(`  ${visible(c.rule)}  (OLD ${place(d, 'old', c.rule) ?? '?'}, NEW ${place(d, 'new', c.rule) ?? '?'})`);
      const width = Math.min(28, Math.max(...c.changes.map((x) => x.name.length)));
      for (const x of c.changes) {
        out.push(`    ${x.kind.padEnd(10)}${visible(x.name).padEnd(width)}  ${value(x.old)} -> ${value(x.new)}${defaultMark(x)}`);
        if (x.kind === 'setting' && (x.oldFrom || x.newFrom)) out.push(`    ${''.padEnd(10 + width)}  OLD ${visible(x.oldFrom ?? 'not set')}; NEW ${visible(x.newFrom ?? 'not set')}`);
      }
    }
  }
  out.push('');
  out.push(`Connections whose outcome changes (${d.connections.length})`);
  if (d.connections.length === 0) out.push('  (none)');
  d.connections.forEach((c, i) => {
    out.push(`  ${i + 1}. ${outcomeText(c.old)} -> ${outcomeText(c.new)}`);
    for (const s of c.settings) out.push(`       ${visible(s.name)}: ${value(s.old)} -> ${value(s.new)}`);
    c.region.forEach((b, k) => out.push(`     ${k === 0 ? 'where' : '   or'}  ${regionText(b)}`));
    if (c.more) out.push(`          ... and ${c.more} more parts (see --format json)`);
    out.push(`     e.g.   attls match ${exampleOptions(c.example)}`);
  });
  if (d.notes.length > 0) {
    out.push('');
    out.push('Notes');
    for (const n of d.notes) out.push(`  - ${visible(n)}`);
  }
  out.push('');
  out.push(diffSummary(d));
  return out.join('\n') + '\n';
}

/** Markdown cell text: no line breaks, pipes escaped. */
function cell(s: string): string {
  return visible(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(s: string | null): string {
  if (s === null) return '*(none)*';
  const t = cell(s);
  return t.includes('`') ? t : `\`${t}\``;
}

/** The Markdown answer, for a pull-request comment. */
export function diffMarkdown(d: PolicyDiff): string {
  const out: string[] = [];
  out.push(`### AT-TLS policy: ${cell(diffSummary(d))}`);
  out.push('');
  out.push(`Old: \`${cell(d.old.source)}\` (${KIND_TEXT[d.old.kind]}) — New: \`${cell(d.new.source)}\` (${KIND_TEXT[d.new.kind]})`);
  const r = d.rules;
  if (r.added.length + r.removed.length + r.reordered.length > 0) {
    out.push('');
    out.push('| Rule | Change |');
    out.push('| --- | --- |');
    for (const n of r.added) out.push(`| ${code(n)} | added |`);
    for (const n of r.removed) out.push(`| ${code(n)} | removed |`);
    for (const m of r.reordered) out.push(`| ${code(m.rule)} | moved from #${m.old} to #${m.new} in evaluation order |`);
  }
  if (r.changed.length > 0) {
    out.push('');
    out.push('#### Changed rules');
    out.push('');
    out.push('| Rule | What | Old | New |');
    out.push('| --- | --- | --- | --- |');
    for (const c of r.changed) {
      for (const x of c.changes) {
        const mark = x.default ? ` (default in ${x.default === 'old' ? 'old' : 'new'})` : '';
        out.push(`| ${code(c.rule)} | ${x.kind} ${cell(x.name)}${mark} | ${code(x.old)} | ${code(x.new)} |`);
      }
    }
  }
  out.push('');
  out.push(`#### Connections whose outcome changes (${d.connections.length})`);
  if (d.connections.length > 0) {
    out.push('');
    out.push('| Connections | Old | New | Settings that change | Example |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const c of d.connections) {
      const where = c.region.slice(0, 3).map(regionText).map(cell).join('; ') + (c.region.length > 3 || c.more ? '; …' : '');
      const settings = c.settings.map((s) => `${cell(s.name)}: ${code(s.old)} → ${code(s.new)}`).join('<br>') || '—';
      out.push(`| ${where} | ${cell(outcomeText(c.old))} | ${cell(outcomeText(c.new))} | ${settings} | \`attls match ${cell(exampleOptions(c.example))}\` |`);
    }
  }
  if (d.notes.length > 0) {
    out.push('');
    out.push('<details><summary>Notes</summary>');
    out.push('');
    for (const n of d.notes) out.push(`- ${cell(n)}`);
    out.push('');
    out.push('</details>');
  }
  return out.join('\n') + '\n';
}
