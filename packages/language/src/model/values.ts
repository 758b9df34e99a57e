// Value syntax: addresses, prefixes, ranges, ports, job name patterns and code lists. Shared by
// validation (here), the matcher and hover, so every tool reads a value the same way.

/** An IPv4 or IPv6 address as a number in its family's space. */
export interface IpAddress {
  readonly family: 4 | 6;
  /** IPv4: 0..2^32-1, IPv6: 0..2^128-1. */
  readonly value: bigint;
}

/** An inclusive range of addresses of one family. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly from: bigint;
  readonly to: bigint;
}

export type IpSpec = { readonly all: true } | ({ readonly all: false; readonly form: 'address' | 'prefix' | 'range' } & IpRange);

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Result of reading a value: the value, or why it is not one. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(reason: string): Read<T> => ({ ok: false, reason });

/**
 * A dotted-quad IPv4 address as a number (0 to 2^32 - 1), or undefined: four decimal octets of one
 * to three digits, each at most 255. The one IPv4 reader of the toolchain (policies, connections,
 * batch input), written as a character loop since batch input is mostly addresses. `start` and
 * `end` read a part of a longer text in place (a field of a CSV line) without cutting it out.
 */
export function ipv4Value(t: string, start = 0, end = t.length): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      part = part * 10 + (ch - 48);
      if (++digits > 3) return undefined;
    } else if (ch === 46) {
      if (digits === 0 || part > 255 || ++dots > 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return value * 256 + part;
}

function readIpv4(text: string): bigint | undefined {
  const v = ipv4Value(text);
  return v === undefined ? undefined : BigInt(v);
}

function readIpv6(text: string): bigint | undefined {
  if (text.length > 45 || text.includes('%')) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.indexOf('.', lastColon) > lastColon) {
    tailV4 = readIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const parts = head.split('::');
  if (parts.length > 2) return undefined;
  const groups = (s: string): string[] | undefined => (s === '' ? [] : s.split(':'));
  const left = groups(parts[0]!);
  const right = parts.length === 2 ? groups(parts[1]!) : [];
  if (!left || !right) return undefined;
  const total = left.length + right.length;
  if (parts.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...left, ...new Array<string>(8 - total).fill('0'), ...right];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) v = (v & ~0xffffffffn) | tailV4;
  return v;
}

/** Reads a single IPv4 or IPv6 address. */
export function readAddress(text: string): Read<IpAddress> {
  if (text.includes(':')) {
    const v = readIpv6(text);
    return v === undefined ? bad(`'${text}' is not a valid IPv6 address`) : ok({ family: 6, value: v });
  }
  const v = readIpv4(text);
  return v === undefined ? bad(`'${text}' is not a valid IPv4 address`) : ok({ family: 4, value: v });
}

const bits = (family: 4 | 6): bigint => (family === 4 ? 32n : 128n);

/** Reads `address/prefixLength` into the range of addresses it covers. */
export function readPrefix(text: string): Read<IpRange> {
  const slash = text.indexOf('/');
  if (slash < 0) return bad(`'${text}' is not a prefix (address/length)`);
  const a = readAddress(text.slice(0, slash));
  if (!a.ok) return a;
  const lenText = text.slice(slash + 1);
  const max = a.value.family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > max) {
    return bad(`prefix length '${lenText}' must be 0-${max} for an IPv${a.value.family} address`);
  }
  const len = BigInt(Number(lenText));
  const width = bits(a.value.family);
  const hostMask = (1n << (width - len)) - 1n;
  const from = a.value.value & ~hostMask & ((1n << width) - 1n);
  return ok({ family: a.value.family, from, to: from | hostMask });
}

/** Reads `address-address` (no blanks; IBM allows only '-' for address ranges). */
export function readAddressRange(text: string): Read<IpRange> {
  const dash = text.indexOf('-');
  if (dash < 0) return bad(`'${text}' is not an address range (from-to)`);
  const a = readAddress(text.slice(0, dash));
  if (!a.ok) return a;
  const b = readAddress(text.slice(dash + 1));
  if (!b.ok) return b;
  if (a.value.family !== b.value.family) return bad(`the two ends of '${text}' are of different address families`);
  if (a.value.value > b.value.value) return bad(`the range '${text}' runs backwards`);
  return ok({ family: a.value.family, from: a.value.value, to: b.value.value });
}

/** Reads the LocalAddr/RemoteAddr forms: All, an address, a prefix or a range. */
export function readIpSpec(text: string): Read<IpSpec> {
  if (text.toLowerCase() === 'all') return ok({ all: true });
  if (text.includes('/')) {
    const p = readPrefix(text);
    return p.ok ? ok({ all: false, form: 'prefix', ...p.value }) : p;
  }
  if (text.includes('-')) {
    const r = readAddressRange(text);
    return r.ok ? ok({ all: false, form: 'range', ...r.value }) : r;
  }
  const a = readAddress(text);
  return a.ok ? ok({ all: false, form: 'address', family: a.value.family, from: a.value.value, to: a.value.value }) : a;
}

/**
 * AT-TLS refuses IPv4-mapped IPv6 addresses (::ffff:0:0/96) and the reserved ::/96 prefix.
 * Returns why a range falls there, or undefined.
 */
export function forbiddenIpv6(r: IpRange, form: 'address' | 'prefix' | 'range'): string | undefined {
  if (r.family !== 6) return undefined;
  const mappedFrom = 0xffff00000000n;
  const mappedTo = 0xffffffffffffn;
  const inside = (lo: bigint, hi: bigint): boolean => r.from >= lo && r.to <= hi;
  if (inside(mappedFrom, mappedTo)) return 'IPv4-mapped IPv6 addresses (::ffff:0:0/96) are not accepted by AT-TLS';
  // A wide prefix such as ::/0 starts at :: but is not an address in ::/96.
  if (form !== 'prefix' || r.to - r.from < 0xffffffffn) {
    if (inside(0n, 0xffffffffn)) return 'addresses in the reserved ::/96 prefix are not accepted by AT-TLS';
  }
  return undefined;
}

const PORT = /^\d{1,5}$/;

/**
 * Reads a port specification from the words after the keyword: `n`, `n-m`, `n:m` or `n m`
 * (IBM allows '-', ':' or a blank as range delimiter, not mixed). A lone 0 means every port.
 * `used` tells how many words the specification took.
 */
export function readPortSpec(words: readonly string[]): Read<PortRange & { used: number }> {
  const first = words[0];
  if (first === undefined) return bad('a port or port range is required');
  const toPort = (t: string): number | undefined => (PORT.test(t) && Number(t) <= 65535 ? Number(t) : undefined);
  const m = /^(\d+)([-:])(\d+)$/.exec(first);
  let from: number | undefined;
  let to: number | undefined;
  let used = 1;
  if (m) {
    from = toPort(m[1]!);
    to = toPort(m[3]!);
  } else if (PORT.test(first)) {
    from = toPort(first);
    const second = words[1];
    if (second !== undefined && PORT.test(second)) {
      to = toPort(second);
      used = 2;
    } else to = from;
  } else {
    return bad(`'${first}' is not a port (0-65535) or a port range such as 1024-65535`);
  }
  if (from === undefined || to === undefined) return bad(`ports must be 0-65535`);
  if (from > to) return bad(`the port range ${from}-${to} runs backwards`);
  if (from === 0 && to === 0) return ok({ from: 0, to: 65535, used });
  return ok({ from, to, used });
}

/**
 * A job name or user ID pattern: 1-8 characters, letters, digits and the national characters
 * @ # $, with an optional trailing `*` that matches any rest (a lone `*` matches everything).
 */
export function readJobPattern(text: string): Read<{ prefix: string; wildcard: boolean }> {
  if (text.length === 0 || text.length > 8) return bad(`'${text}' must be 1-8 characters long`);
  const star = text.indexOf('*');
  if (star >= 0 && star !== text.length - 1) return bad(`'${text}' has '*' before the end; only a trailing '*' is a documented wildcard`);
  const prefix = star >= 0 ? text.slice(0, star) : text;
  if (!/^[A-Za-z0-9@#$]*$/.test(prefix)) return bad(`'${text}' contains characters a z/OS job name or user ID cannot have`);
  return ok({ prefix, wildcard: star >= 0 });
}

/** Splits a string of fixed-width codes ("C02FC030") into its codes, or says why it cannot. */
export function splitCodes(text: string, width: number, hex: boolean): Read<string[]> {
  const pattern = hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/;
  if (!pattern.test(text)) return bad(`'${text}' must consist of ${hex ? 'hexadecimal' : 'decimal'} codes of ${width} characters`);
  if (text.length % width !== 0) return bad(`'${text}' is not a whole number of ${width}-character codes`);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width).toUpperCase());
  return ok(out);
}

/** Placeholders left from samples: `?name?`, `[name]`, `<name>`. */
export function isPlaceholder(text: string): boolean {
  // Every value of a policy goes through here: decide by the first character before any regex.
  const c = text.charCodeAt(0);
  if (c === 63) return /^\?[^?\s]+\?$/.test(text);
  if (c === 91) return /^\[[^\]\s]+\]$/.test(text);
  if (c === 60) return /^<[^<>\s]+>$/.test(text);
  return false;
}

/** Formats an address back to text (for messages and match results). */
export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((value >> s) & 0xffffn).toString(16));
  // Compress the longest run of zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}
