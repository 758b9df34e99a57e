// Markdown descriptions of catalogue facts, shared by hover and completion: what a keyword does,
// its values, its documented default on the target release, where it may appear, and how sure we
// are. These describe a keyword, not a rule: the value a rule actually gets (precedence, defaults
// that apply, a Suite B profile) is the semantic core's answer, asked by hover and inlay hints.
import {
  catalogue,
  compareReleases,
  TARGET_RELEASES,
  type Certainty,
  type EnumValueSpec,
  type ParameterSpec,
  type StatementSpec,
  type TargetRelease,
} from '@attls/language';

/** How sure a fact is, in words a user can act on; empty for confirmed facts. */
export function certaintyText(c: Certainty): string {
  switch (c) {
    case 'confirmed':
      return '';
    case 'usage':
      return 'seen in IBM samples and real policies, not confirmed from IBM reference documentation';
    case 'recalled':
      return 'recalled — not confirmed from IBM documentation';
    case 'unconfirmed':
      return 'listed by other checkers for this statement, not found in IBM documentation';
  }
}

function certaintyLine(c: Certainty, what: string): string {
  const t = certaintyText(c);
  return t ? `\n\n_Certainty: ${what} ${t}._` : '';
}

/** The release just before `r` among the target releases, or undefined. */
function releaseBefore(r: string): string | undefined {
  let prev: string | undefined;
  for (const t of TARGET_RELEASES) {
    if (compareReleases(t, r) >= 0) break;
    prev = t;
  }
  return prev;
}

/**
 * The default of a parameter across releases, with the one that applies on the target:
 * "On up to z/OS 3.1, Off from 3.2 — target 3.1: **On**".
 */
export function defaultText(ps: ParameterSpec, release: TargetRelease): string | undefined {
  const defaults = ps.defaults ?? [];
  if (defaults.length === 0) return undefined;
  const mark = (c: Certainty): string => (c === 'confirmed' ? '' : c === 'usage' ? ' (seen in use, not in IBM reference)' : ' (recalled, not confirmed)');
  const effective = catalogue.defaultFor(ps, release);
  if (defaults.length === 1 && !defaults[0]!.from) {
    return `${defaults[0]!.value}${mark(defaults[0]!.certainty)}`;
  }
  const parts: string[] = [];
  defaults.forEach((d, i) => {
    const next = defaults[i + 1];
    const upTo = next?.from ? releaseBefore(next.from) : undefined;
    let p = d.value;
    if (d.from && i > 0) p += ` from ${d.from}`;
    else if (d.from) p += ` from z/OS ${d.from}`;
    if (upTo) p += ` up to z/OS ${upTo}`;
    parts.push(p + mark(d.certainty));
  });
  return `${parts.join(', ')} — target ${release}: **${effective?.value ?? 'none'}**`;
}

/** What values a parameter takes, in a few words. */
export function valueKindText(ps: ParameterSpec): string {
  const range = (): string =>
    ps.min !== undefined && ps.max !== undefined ? ` from ${ps.min} to ${ps.max}` : ps.min !== undefined ? ` of at least ${ps.min}` : ps.max !== undefined ? ` up to ${ps.max}` : '';
  switch (ps.kind) {
    case 'enum':
      return (ps.values ?? []).map((v) => `\`${v.value}\``).join(' | ');
    case 'int':
      return `a whole number${range()}`;
    case 'string':
      return `text${ps.maxLength ? ` (at most ${ps.maxLength} characters)` : ''}`;
    case 'name-ref':
      return `the name of a ${ps.refKind} statement`;
    case 'inline-block':
      return `a { } block of ${ps.inlineKind} parameters`;
    case 'ip-spec':
      return '`All`, an address, `address/prefix` or `address-address`';
    case 'ip-address':
      return 'an IPv4 or IPv6 address';
    case 'ip-prefix':
      return '`address/prefixLength`';
    case 'ip-range':
      return '`address-address`';
    case 'port-spec':
      return 'a port, or a range `n-m` (0 means every port)';
    case 'file-ref':
      return "a z/OS UNIX path or a data set name `//'HLQ.NAME(MEMBER)'`";
    case 'job-pattern':
      return 'a job name or user ID of 1-8 characters, optionally ending in `*`';
    case 'bitmask':
      return `a string of 0s and 1s${ps.minLength ? ` (${ps.minLength} characters)` : ''}`;
    case 'cipher-v2':
      return 'SSL V2 cipher codes written together, or one cipher name';
    case 'cipher-v3':
      return '2-character cipher suite codes written together, or one cipher suite name';
    case 'cipher-v3-4char':
      return '4-character cipher suite codes written together';
    case 'curve-list':
    case 'group-list':
      return '4-digit codes written together';
    case 'sigalg-list':
      return '4-character signature algorithm codes written together';
    case 'time-spec':
      return 'a time or date range';
  }
}

function list(items: readonly string[]): string {
  return items.map((i) => `\`${i}\``).join(', ');
}

/** Where a statement may stand. */
export function statementPlaces(spec: StatementSpec): string {
  const parts: string[] = [];
  if (spec.shape === 'line') parts.push(`at the top level of a ${spec.fileRole === 'policy' ? 'policy' : 'Policy Agent configuration'} file`);
  else if (spec.global) parts.push('at the top level');
  if (spec.inlineIn.length > 0) parts.push(`inline in ${list(spec.inlineIn)}`);
  if (spec.refParams.length > 0) parts.push(`referenced by ${list(spec.refParams)}`);
  return parts.join('; ');
}

export function describeStatement(spec: StatementSpec): string {
  const out: string[] = [];
  const shape = spec.shape === 'block' ? 'statement' : 'configuration statement';
  out.push(`**${spec.name}** — ${shape}${spec.since ? ` (z/OS ${spec.since} and later)` : ''}`);
  out.push(spec.description);
  const places = statementPlaces(spec);
  if (places) out.push(`**Where**: ${places}.`);
  if (spec.operands && spec.operands.length > 0) {
    out.push(`**Syntax**: \`${spec.name} ${spec.operands.map((o) => (o.required ? o.name : `[${o.name}]`)).join(' ')}\``);
  }
  const required = spec.parameters.filter((p) => p.required).map((p) => p.name);
  if (required.length > 0) out.push(`**Required**: ${list(required)}.`);
  if (spec.rules && spec.rules.length > 0) out.push(spec.rules.map((r) => `- ${r}`).join('\n'));
  return out.join('\n\n') + certaintyLine(spec.certainty, 'this statement is');
}

export function describeParameter(ps: ParameterSpec, owner: StatementSpec | undefined, release: TargetRelease): string {
  const out: string[] = [];
  const where = owner ? ` — parameter of ${owner.name}` : ' — parameter';
  out.push(`**${ps.name}**${where}${ps.since ? ` (z/OS ${ps.since} and later)` : ''}`);
  out.push(ps.description);
  if (ps.kind === 'enum' && ps.values) {
    out.push('**Values**:\n' + ps.values.map((v) => `- \`${v.value}\` — ${v.description}`).join('\n'));
  } else {
    out.push(`**Value**: ${valueKindText(ps)}${ps.repeatable ? ' (may be coded more than once)' : ''}.`);
  }
  const d = defaultText(ps, release);
  if (d) out.push(`**Default**: ${d}`);
  const places = [...new Set(catalogue.placesOf(ps.name).map((p) => p.statement.name))];
  if (places.length > 0) out.push(`**Valid in**: ${list(places)}.`);
  if (ps.notes && ps.notes.length > 0) out.push(ps.notes.map((n) => `- ${n}`).join('\n'));
  let certainty = certaintyLine(ps.certainty, 'this parameter is');
  if (!certainty && ps.boundsCertainty && ps.boundsCertainty !== 'confirmed') certainty = certaintyLine(ps.boundsCertainty, 'its range is');
  return out.join('\n\n') + certainty;
}

export function describeEnumValue(ps: ParameterSpec, v: EnumValueSpec, release: TargetRelease): string {
  const out: string[] = [`**${ps.name} ${v.value}**`, v.description];
  const effective = catalogue.defaultFor(ps, release);
  if (effective && effective.value.toLowerCase() === v.value.toLowerCase()) out.push(`This is the default on z/OS ${release}.`);
  const others = (ps.values ?? []).filter((o) => o !== v);
  if (others.length > 0) out.push('Other values:\n' + others.map((o) => `- \`${o.value}\` — ${o.description}`).join('\n'));
  return out.join('\n\n') + certaintyLine(ps.certainty, `${ps.name} is`);
}
