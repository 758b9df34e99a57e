// What the extension's own code lenses say, as pure functions tested without VS Code: on each rule
// a compared pasearch report shows differently ("installed differs: ..."), and the argument a
// property lens of an `attls test` case file gives "Which rule matches a connection".
import type { InstalledDiff } from './installed-diff';
import type { ConnectionFields, MatchAnswer } from './render';

/** A lens on a rule of the open policy: its 0-based line, its title and a longer tooltip. */
export interface RuleLens {
  readonly rule: string;
  readonly line: number;
  readonly title: string;
  readonly tooltip: string;
}

const TITLE_MAX = 120;

function shown(v: string | null): string {
  return v === null ? '(none)' : v;
}

/**
 * Lenses for the rules of the document `uri` that the installed policy shows differently: changed
 * (priority, conditions, actions, effective settings), moved in the evaluation order, or not
 * installed at all. One lens per rule, on the line the comparison places it.
 */
export function installedLenses(diff: InstalledDiff, uri: string): RuleLens[] {
  const says = new Map<string, string[]>();
  const add = (rule: string, what: string): void => {
    const list = says.get(rule);
    if (list) list.push(what);
    else says.set(rule, [what]);
  };
  for (const rule of diff.rules.removed) add(rule, 'not installed');
  for (const m of diff.rules.reordered) add(m.rule, `#${m.old} here, #${m.new} installed`);
  for (const c of diff.rules.changed) {
    for (const x of c.changes) add(c.rule, `${x.name} ${shown(x.old)} \u2192 ${shown(x.new)}${x.default ? ' (a default)' : ''}`);
  }
  const out: RuleLens[] = [];
  for (const [rule, list] of says) {
    const place = diff.places.old[rule];
    if (!place || place.file !== uri) continue;
    let title = `installed differs: ${list.join('; ')}`;
    if (title.length > TITLE_MAX) {
      const first = `installed differs: ${list[0]!}`;
      title = first.length > TITLE_MAX - 20 ? `${first.slice(0, TITLE_MAX - 23)}...` : first;
      title += ` and ${list.length - 1} more`;
    }
    out.push({ rule, line: place.line - 1, title, tooltip: `${rule} as ${fileName(diff.new.source)} shows it:\n${list.map((l) => `- ${l}`).join('\n')}` });
  }
  return out.sort((a, b) => a.line - b.line);
}

function fileName(file: string): string {
  const parts = file.split(/[\\/]/);
  try {
    return decodeURIComponent(parts[parts.length - 1] ?? file);
  } catch {
    return parts[parts.length - 1] ?? file;
  }
}

const CONNECTION_KEYS = ['direction', 'local_addr', 'local_port', 'remote_addr', 'remote_port', 'jobname', 'userid'] as const;

/**
 * The argument of a failing property's lens -- `{ policy, connection, answer }`: the policy file's
 * URI, the counterexample as `attls match` fields and the answer `attls/match` gives for it -- as
 * the match panel takes it; undefined for anything else (the command was run from the palette).
 */
export function matchArgument(arg: unknown): { readonly policy: string; readonly connection: ConnectionFields; readonly answer: MatchAnswer } | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { policy?: unknown; connection?: unknown; answer?: unknown };
  if (typeof a.policy !== 'string' || !a.connection || typeof a.connection !== 'object' || !a.answer || typeof a.answer !== 'object') return undefined;
  if (!('rule' in a.answer)) return undefined;
  const fields: Record<string, string> = {};
  for (const k of CONNECTION_KEYS) {
    const v = (a.connection as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') fields[k] = String(v);
  }
  return { policy: a.policy, connection: fields as ConnectionFields, answer: a.answer as MatchAnswer };
}
