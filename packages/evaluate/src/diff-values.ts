// Values for comparing two policies: settings as Policy Agent uses them (whatever their spelling
// or the lines they were coded on), where each comes from, and exact sets of addresses and ports as
// short text.
import { catalogue, formatAddress, type PolicyModel } from '@attls/language';
import { PORT_MAX, PORT_MIN, V4_MAX, V6_MAX } from './compile.js';
import type { IntervalSet } from './intervals.js';
import { blockLabel, type Setting } from './settings.js';

const CODE_LISTS = new Set(['curve-list', 'group-list', 'sigalg-list', 'cipher-v3-4char']);

/** The catalogue entry of a setting, by its name (any statement that has it). */
function specOf(name: string): ReturnType<typeof catalogue.placesOf>[number]['parameter'] | undefined {
  return catalogue.placesOf(name)[0]?.parameter;
}

/**
 * A V3 cipher list as System SSL uses it: the first occurrence of each suite, in order. System SSL
 * selects "the first cipher in the server's list that is also in the client's list" (IBM, AT-TLS
 * cipher suites): a suite's first occurrence decides its rank, so a later copy of it can change
 * neither which suite is chosen as server nor which suites are offered as client. What System SSL
 * does with the copy itself is not documented; either way no selection depends on it.
 */
function suitesInForce(codes: readonly string[]): string[] {
  return [...new Set(codes.map((c) => c.toUpperCase().replace(/\s+/g, '')))];
}

/**
 * The value of a setting as Policy Agent uses it, for comparison: enumerated values in the
 * catalogue's spelling, numbers without leading zeros, code lists as one string of codes whatever
 * lines they were coded on. Texts such as key ring names and labels are compared exactly.
 */
export function settingKey(s: Setting): string | null {
  const v = s.value;
  if (v === null) return null;
  const spec = specOf(s.name);
  if (Array.isArray(v)) {
    const list = v as readonly string[];
    const known = listKeys.get(list);
    if (known?.name === s.name) return known.key;
    const key = s.name === 'V3CipherSuites' ? suitesInForce(list).join('') : spec && CODE_LISTS.has(spec.kind) ? list.join('').toUpperCase().replace(/\s+/g, '') : list.join('\u0000');
    listKeys.set(list, { name: s.name, key });
    return key;
  }
  const text = (v as string).trim();
  if (spec?.kind === 'enum') return catalogue.enumValue(spec, text)?.value ?? text;
  if (spec?.kind === 'int' && /^\d+$/.test(text)) return String(Number(text));
  if (spec && CODE_LISTS.has(spec.kind)) return text.toUpperCase().replace(/\s+/g, '');
  return text;
}

/**
 * Keys and shown texts of list values, by list. Rules whose actions share a block share its list
 * (settings.ts), so a list of thousands of codes is keyed once, not once per rule on each side.
 */
const listKeys = new WeakMap<readonly string[], { readonly name: string; readonly key: string }>();
const listTexts = new WeakMap<readonly string[], string>();

/** The value as shown: list values joined by blanks. */
export function settingDisplay(s: Setting): string | null {
  const v = s.value;
  if (v === null) return null;
  if (typeof v === 'string') return v;
  let text = listTexts.get(v);
  if (text === undefined) listTexts.set(v, (text = v.join(' ')));
  return text;
}

function lineOfOffset(model: PolicyModel, uri: string, offset: number): number {
  const doc = model.documents.find((d) => d.uri === uri);
  return doc ? doc.parse.lineIndex.positionAt(offset).line + 1 : 0;
}

/** "TTLSEnvironmentAdvancedParms in TTLSEnvironmentAction e1 (a.ttls:12)" or "default for z/OS 3.1". */
export function settingFrom(model: PolicyModel, s: Setting): string {
  if (s.source.kind === 'default') {
    const how = s.source.certainty === 'confirmed' ? '' : s.source.certainty === 'usage' ? ', observed' : ', recalled';
    return `default for z/OS ${s.source.release}${how}`;
  }
  return `${blockLabel(s.source.statement)} (${s.source.statement.doc.uri}:${lineOfOffset(model, s.source.statement.doc.uri, s.source.param.node.start)})`;
}

/** An address interval as text: one address, a prefix when it is one, else a range. */
function addressRange(family: 4 | 6, lo: bigint, hi: bigint): string {
  if (lo === hi) return formatAddress(family, lo);
  const bits = family === 4 ? 32 : 128;
  const size = hi - lo + 1n;
  if ((size & (size - 1n)) === 0n && lo % size === 0n) {
    let len = bits;
    for (let s = size; s > 1n; s >>= 1n) len--;
    return `${formatAddress(family, lo)}/${len}`;
  }
  return `${formatAddress(family, lo)}-${formatAddress(family, hi)}`;
}

export function describeAddresses(v4: IntervalSet, v6: IntervalSet): string {
  const all4 = v4.length === 1 && v4[0]!.lo === 0n && v4[0]!.hi === V4_MAX;
  const all6 = v6.length === 1 && v6[0]!.lo === 0n && v6[0]!.hi === V6_MAX;
  if (all4 && all6) return 'All';
  const parts: string[] = [];
  if (all4) parts.push('any IPv4');
  else for (const i of v4) parts.push(addressRange(4, i.lo, i.hi));
  if (all6) parts.push('any IPv6');
  else for (const i of v6) parts.push(addressRange(6, i.lo, i.hi));
  return parts.length === 0 ? 'none' : parts.join(', ');
}

export function describePorts(s: IntervalSet): string {
  if (s.length === 1 && s[0]!.lo === PORT_MIN && s[0]!.hi === PORT_MAX) return 'All';
  if (s.length === 0) return 'none';
  return s.map((i) => (i.lo === i.hi ? String(i.lo) : `${i.lo}-${i.hi}`)).join(', ');
}
