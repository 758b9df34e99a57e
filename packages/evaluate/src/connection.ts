// A connection as the stack sees it when it maps policy: direction, both ends, the owning job and
// user, and optionally the time. Any attribute but the direction may be left out; a rule that
// tests a missing attribute is then taken to match on it, and the answer lists that assumption.
import { formatAddress, ipv4Value, readAddress, type IpAddress, type Read } from '@attls/language';
import { NAME_ALPHABET, NAME_MAX } from './names.js';
import { readTime, type ConnectionTime } from './time.js';

export type Direction = 'inbound' | 'outbound';

export interface Connection {
  readonly direction: Direction;
  readonly localAddr?: IpAddress;
  readonly localPort?: number;
  readonly remoteAddr?: IpAddress;
  readonly remotePort?: number;
  readonly jobname?: string;
  readonly userid?: string;
  readonly time?: ConnectionTime;
}

/** Connection attributes as text, as they come from options, CSV columns or YAML. */
export interface ConnectionFields {
  readonly direction?: string;
  readonly local_addr?: string;
  readonly local_port?: string;
  readonly remote_addr?: string;
  readonly remote_port?: string;
  readonly jobname?: string;
  readonly userid?: string;
  readonly time?: string;
}

export const CONNECTION_FIELDS = ['direction', 'local_addr', 'local_port', 'remote_addr', 'remote_port', 'jobname', 'userid', 'time'] as const;

const MAPPED_V4 = 0xffff00000000n;

/** Reads an address; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries. */
export function readConnectionAddress(text: string): Read<IpAddress> {
  const v4 = ipv4Value(text);
  if (v4 !== undefined) return { ok: true, value: { family: 4, value: BigInt(v4) } };
  const r = readAddress(text.trim());
  if (!r.ok) return r;
  if (r.value.family === 6 && r.value.value >> 32n === MAPPED_V4 >> 32n) {
    return { ok: true, value: { family: 4, value: r.value.value & 0xffffffffn } };
  }
  return r;
}

export function readConnectionPort(text: string): Read<number> {
  const v = portValue(text.trim());
  return v === undefined ? { ok: false, reason: `'${text}' is not a port (1-65535)` } : { ok: true, value: v };
}

/**
 * A port written as 1-5 digits with a value of 1-65535, else undefined (no blanks around); `start`
 * and `end` read a part of a longer text in place.
 */
export function portValue(t: string, start = 0, end = t.length): number | undefined {
  if (end <= start || end - start > 5) return undefined;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return v >= 1 && v <= 65535 ? v : undefined;
}

/** Characters of job names and user IDs by code: 1 upper case or other, 2 lower case (NAME_ALPHABET). */
const NAME_CODES = new Uint8Array(128);
for (const ch of NAME_ALPHABET) NAME_CODES[ch.charCodeAt(0)] = ch >= 'a' && ch <= 'z' ? 2 : 1;

/** Job names and user IDs are 1-8 characters; z/OS shows them in uppercase, so input is uppercased. */
export function readConnectionName(text: string, what: string): Read<string> {
  const v = nameValue(text.trim());
  return v === undefined ? { ok: false, reason: `'${text}' is not a ${what} (1-8 letters, digits, @, # or $)` } : { ok: true, value: v };
}

/** A job name or user ID (1-8 characters of NAME_ALPHABET), upper-cased, else undefined (no blanks around). */
export function nameValue(t: string): string | undefined {
  if (t.length === 0 || t.length > NAME_MAX) return undefined;
  let lower = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const k = c < 128 ? NAME_CODES[c]! : 0;
    if (k === 0) return undefined;
    if (k === 2) lower = true;
  }
  return lower ? t.toUpperCase() : t;
}

export function readDirection(text: string): Read<Direction> {
  const d = directionValue(text.trim());
  return d === undefined ? { ok: false, reason: `'${text}' is not a direction (inbound or outbound)` } : { ok: true, value: d };
}

/** inbound or in, outbound or out, in any case; else undefined (no blanks around). */
export function directionValue(t: string): Direction | undefined {
  const d = t.length <= 8 ? t.toLowerCase() : '';
  return d === 'inbound' || d === 'in' ? 'inbound' : d === 'outbound' || d === 'out' ? 'outbound' : undefined;
}

/**
 * Reads a connection from text fields. Empty fields count as absent. Returns every problem, each
 * naming its field, so a CSV row or a test case can say all that is wrong at once.
 */
export function readConnection(fields: ConnectionFields): { connection?: Connection; problems: string[] } {
  const problems: string[] = [];
  const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
  let direction: Direction | undefined;
  if (!present(fields.direction)) problems.push('direction is required (inbound or outbound)');
  else {
    const r = readDirection(fields.direction);
    if (r.ok) direction = r.value;
    else problems.push(`direction: ${r.reason}`);
  }
  const out: { -readonly [K in keyof Connection]?: Connection[K] } = {};
  const addr = (key: 'local_addr' | 'remote_addr', set: (a: IpAddress) => void): void => {
    const v = fields[key];
    if (!present(v)) return;
    const r = readConnectionAddress(v);
    if (r.ok) set(r.value);
    else problems.push(`${key}: ${r.reason}`);
  };
  const port = (key: 'local_port' | 'remote_port', set: (p: number) => void): void => {
    const v = fields[key];
    if (!present(v)) return;
    const r = readConnectionPort(v);
    if (r.ok) set(r.value);
    else problems.push(`${key}: ${r.reason}`);
  };
  const name = (key: 'jobname' | 'userid', what: string, set: (n: string) => void): void => {
    const v = fields[key];
    if (!present(v)) return;
    const r = readConnectionName(v, what);
    if (r.ok) set(r.value);
    else problems.push(`${key}: ${r.reason}`);
  };
  addr('local_addr', (a) => (out.localAddr = a));
  addr('remote_addr', (a) => (out.remoteAddr = a));
  port('local_port', (p) => (out.localPort = p));
  port('remote_port', (p) => (out.remotePort = p));
  name('jobname', 'job name', (n) => (out.jobname = n));
  name('userid', 'user ID', (n) => (out.userid = n));
  if (present(fields.time)) {
    const t = readTime(fields.time);
    if (t) out.time = t;
    else problems.push(`time: '${fields.time}' is not a time such as 2025-03-01T14:30 (optionally with Z or +01:00)`);
  }
  if (out.localAddr && out.remoteAddr && out.localAddr.family !== out.remoteAddr.family) {
    problems.push('local_addr and remote_addr must be of the same address family (both IPv4 or both IPv6)');
  }
  if (problems.length > 0 || !direction) return { problems };
  return { connection: { direction, ...out }, problems };
}

/** One line describing a connection: "inbound, local 10.1.1.1 port 992, job TN3270A". */
export function describeConnection(c: Connection): string {
  const parts: string[] = [c.direction];
  const end = (label: string, a: IpAddress | undefined, p: number | undefined): void => {
    if (a === undefined && p === undefined) return;
    const addr = a ? formatAddress(a.family, a.value) : undefined;
    parts.push(`${label} ${[addr, p !== undefined ? `port ${p}` : undefined].filter(Boolean).join(' ')}`);
  };
  end('local', c.localAddr, c.localPort);
  end('remote', c.remoteAddr, c.remotePort);
  if (c.jobname) parts.push(`job ${c.jobname}`);
  if (c.userid) parts.push(`user ${c.userid}`);
  if (c.time) parts.push(`at ${c.time.text}`);
  return parts.join(', ');
}

/** Attributes the connection leaves out, in words. */
export function missingAttributes(c: Connection): string[] {
  const out: string[] = [];
  if (!c.localAddr) out.push('local address');
  if (c.localPort === undefined) out.push('local port');
  if (!c.remoteAddr) out.push('remote address');
  if (c.remotePort === undefined) out.push('remote port');
  if (!c.jobname) out.push('job name');
  if (!c.userid) out.push('user ID');
  return out;
}
