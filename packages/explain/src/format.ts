// Plain-text renderings of code and log explanations, for the terminal (and any other text view).
import { uncertainty, type CodeExplanation } from './explain-code.js';
import type { ExplainedGroup, LogExplanation } from './explain-log.js';
import type { ActionNames } from './log.js';
import type { PolicyPlace } from './policy.js';

function bullets(out: string[], title: string, items: readonly string[], mark = '-'): void {
  if (items.length === 0) return;
  out.push(`  ${title}:`);
  for (const i of items) out.push(`    ${mark} ${i}`);
}

function rangeText(e: CodeExplanation): string {
  return e.range.from !== undefined && e.range.from !== e.range.to ? `${e.range.title}, ${e.range.from}-${e.range.to}` : e.range.title;
}

/** One block per code. */
export function formatCodesText(list: readonly CodeExplanation[]): string {
  const out: string[] = [];
  for (const e of list) {
    if (out.length) out.push('');
    out.push(`RC ${e.code} (${rangeText(e)})${e.known ? '' : ' - not in our table'}`);
    out.push(`  ${e.meaning}`);
    const unc = uncertainty(e.certainty);
    out.push(`  Certainty: ${e.certainty}${unc ? ` - ${unc}` : ''}`);
    out.push(`  Source: ${e.source}`);
    bullets(out, 'Usual causes', e.causes);
    bullets(
      out,
      'Where to look in the policy',
      e.lookAt.map((l) => l.description),
    );
    bullets(out, 'Also check', e.checks);
    out.push(`  Documented in: ${e.range.documentedIn}`);
  }
  return `${out.join('\n')}\n`;
}

function actionsText(a: ActionNames, places: readonly PolicyPlace[]): string | undefined {
  const parts: string[] = [];
  const find = (focus: PolicyPlace['focus'], name: string) => places.find((p) => p.focus === focus && p.name === name);
  for (const [slot, focus] of [
    ['group', 'group-action'],
    ['environment', 'environment-action'],
    ['connection', 'connection-action'],
  ] as const) {
    const name = a[slot];
    if (name === undefined) continue;
    const p = find(focus, name);
    parts.push(`${slot} ${name}${p ? ` at ${p.file}:${p.line}` : ''}`);
  }
  return parts.length ? parts.join(', ') : undefined;
}

function title(g: ExplainedGroup): string {
  const lines = g.messages.length ? `log line${g.messages.length === 1 && g.messages[0]!.line === g.messages[0]!.endLine ? '' : 's'} ${lineSpan(g)}` : '';
  const ids = [g.group ? `group ${g.group}` : '', g.environment ? `environment ${g.environment}` : ''].filter(Boolean).join(', ');
  const host = g.host ? ` on ${g.host}` : '';
  switch (g.scope) {
    case 'connection':
      return `Connection ${g.connection}${host}${ids ? ` (${ids})` : ''}, ${lines}`;
    case 'environment':
      return `Environment ${g.environment}${host} (group ${g.group ?? '?'}), ${lines}`;
    case 'group':
      return `Group ${g.group}${host}, ${lines}`;
    case 'message':
      return `${g.messages[0]?.id ?? 'Message'}${host}, ${lines}`;
  }
}

function lineSpan(g: ExplainedGroup): string {
  const first = Math.min(...g.messages.map((m) => m.line));
  const last = Math.max(...g.messages.map((m) => m.endLine));
  return first === last ? `${first}` : `${first}-${last}`;
}

/** One block per connection, environment or lone message, then a summary line. */
export function formatLogText(x: LogExplanation): string {
  const out: string[] = [];
  for (const g of x.groups) {
    if (out.length) out.push('');
    out.push(`${title(g)}${g.failed ? '' : ': no error reported'}`);
    const who = [
      g.local ? `local ${g.local.text}` : '',
      g.remote ? `remote ${g.remote.text}` : '',
      g.connectionType ? `${g.connectionType}${g.mapStatus ? `, ${g.mapStatus}` : ''}` : '',
      g.jobname ? `job ${g.jobname}` : '',
      g.userid ? `user ${g.userid}` : '',
    ].filter(Boolean);
    if (who.length) out.push(`  ${who.join(', ')}`);
    if (g.failed && g.rc !== undefined) {
      out.push(`  Failed: RC ${g.rc}${g.event ? ` at ${g.event}` : ''}${g.range ? ` (${g.range})` : ''}`);
      if (g.meaning) out.push(`  Meaning: ${g.meaning}${g.uncertain ? ` [${g.uncertain}]` : ''}`);
      const others = g.rcs.filter((r) => r !== g.rc);
      if (others.length) out.push(`  Other return codes in these lines: ${others.join(', ')}`);
    }
    if (g.rule) {
      const p = g.places.find((pl) => pl.focus === 'rule');
      out.push(`  Rule: ${g.rule}${p ? ` at ${p.file}:${p.line}` : ''}`);
    }
    const acts = actionsText(g.actions, g.places);
    if (acts) out.push(`  Actions: ${acts}`);
    bullets(out, 'Notes', g.notes, '!');
    if (g.failed) {
      bullets(out, 'Usual causes', g.causes);
      bullets(out, 'Check', g.checks);
    }
    bullets(
      out,
      'Related',
      g.related.map((r) => `RC ${r.rc ?? '?'}${r.event ? ` at ${r.event}` : ''}, log line ${r.line}: ${r.why}`),
    );
  }
  if (out.length) out.push('');
  const failed = x.groups.filter((g) => g.failed).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.push(
    `${plural(x.messages, 'AT-TLS message')} in ${plural(x.groups.length, 'group')} (${failed} with errors); ${plural(x.skippedLines, 'other line')} skipped.`,
  );
  if (x.policy?.stack !== undefined) out.push(`Compared with the policy of stack ${x.policy.stack}: ${x.policy.files.join(', ')}.`);
  if (x.policy && x.policy.errors > 0) {
    out.push(
      `The policy given has ${plural(x.policy.errors, 'error')} for which Policy Agent rejects it (run attls lint): what is installed may be an older version.`,
    );
  }
  return `${out.join('\n')}\n`;
}
