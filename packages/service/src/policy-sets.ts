// Which files are read together as one policy. Policy Agent reads a common file (CommonTTLSConfig
// in the main configuration file) before each stack's own file (TTLSConfig in the main file or in
// an image file named by TcpImage). Paths in those statements are z/OS paths; a workspace file
// matches when its file name matches the path's last part (or a data set member name).
import { candidatePaths, type ParseResult } from '@attls/language';

/** Config statements of one file. */
export interface ConfigLinks {
  readonly common: readonly string[];
  readonly stack: readonly string[];
  readonly image: readonly string[];
}

const NONE: ConfigLinks = { common: [], stack: [], image: [] };

/** Cheap test for text that may contain configuration statements. */
export const CONFIG_HINT = /ttlsconfig|tcpimage|pepinstance/i;

/** Reads the configuration statements at the top level of a parsed file. */
export function configLinks(parsed: ParseResult): ConfigLinks {
  if (!CONFIG_HINT.test(parsed.text)) return NONE;
  const common: string[] = [];
  const stack: string[] = [];
  const image: string[] = [];
  for (const item of parsed.file.items) {
    if (item.kind !== 'parameter') continue;
    const kw = item.keyword.text.toLowerCase();
    const values = item.values.map((v) => v.text);
    if (kw === 'commonttlsconfig' && values[0]) common.push(values[0]);
    else if (kw === 'ttlsconfig' && values[0]) stack.push(values[0]);
    else if ((kw === 'tcpimage' || kw === 'pepinstance') && values[1] && values[1].startsWith('/')) image.push(values[1]);
  }
  return common.length + stack.length + image.length > 0 ? { common, stack, image } : NONE;
}

/** The last part of a z/OS path: a file name, or the member of `//'HLQ.NAME(MEMBER)'`. */
export function pathKey(path: string): { name: string; member?: string } {
  const member = path.startsWith('//') ? memberOf(path) : undefined;
  if (member !== undefined) return { name: member, member };
  const trimmed = path.replace(/^\/\/'?|'$/g, '');
  return { name: trimmed.slice(trimmed.lastIndexOf('/') + 1) };
}

/**
 * The member in `...(MEMBER)` or `...(MEMBER)'` at the end of a data set name: what the pattern
 * /\(([^)]+)\)'?$/ finds, without its quadratic backtracking on a long run of '('.
 */
function memberOf(path: string): string | undefined {
  const close = (path.endsWith("'") ? path.length - 1 : path.length) - 1;
  if (close < 1 || path[close] !== ')') return undefined;
  const open = path.indexOf('(', path.lastIndexOf(')', close - 1) + 1);
  return open >= 0 && open < close - 1 ? path.slice(open + 1, close) : undefined;
}

/** The text before the first ? or # (what .replace(/[?#].*$/, '') meant, without its backtracking). */
function beforeQuery(s: string): string {
  const q = s.search(/[?#]/);
  return q >= 0 ? s.slice(0, q) : s;
}

function uriBase(uri: string): string {
  let s = uri;
  const q = s.search(/[?#]/);
  if (q >= 0) s = s.slice(0, q);
  try {
    s = decodeURIComponent(s);
  } catch {
    // keep it encoded
  }
  return s.slice(s.lastIndexOf('/') + 1);
}

/** True when a workspace document is the file a configuration path names. */
export function pathMatches(path: string, uri: string): boolean {
  const key = pathKey(path);
  const base = uriBase(uri);
  if (!key.name) return false;
  if (base === key.name) return true;
  if (key.member) {
    const stem = base.includes('.') ? base.slice(0, base.indexOf('.')) : base;
    return stem.toUpperCase() === key.member.toUpperCase();
  }
  return false;
}

/**
 * Policy sets of a workspace: for every configuration file, its common files followed by each
 * stack file (directly or through an image file). Files outside every set are read alone.
 */
/** The file path of a file: URI (other schemes have none). */
export function uriPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  try {
    return decodeURIComponent(beforeQuery(uri.slice('file://'.length)));
  } catch {
    return undefined;
  }
}

export function computePolicySets(uris: readonly string[], linksOf: (uri: string) => ConfigLinks, options: { readonly root?: string } = {}): string[][] {
  const sets: string[][] = [];
  const byPath = new Map<string, string>();
  for (const u of uris) {
    const p = uriPath(u);
    if (p) byPath.set(p, u);
  }
  let config = '';
  // The local copy `attls lint` would read (the z/OS root or the file name beside the main file),
  // else any workspace file of that name.
  const find = (path: string): string[] => {
    const main = uriPath(config);
    if (main) {
      for (const c of candidatePaths(path, main, { root: options.root })) {
        const hit = byPath.get(c);
        if (hit) return [hit];
      }
    }
    return uris.filter((u) => pathMatches(path, u));
  };
  for (const uri of uris) {
    config = uri;
    const links = linksOf(uri);
    if (links.common.length === 0 && links.stack.length === 0 && links.image.length === 0) continue;
    const commons = links.common.flatMap(find);
    const stacks = links.stack.flatMap(find);
    for (const img of links.image.flatMap(find)) {
      if (img === uri) continue;
      stacks.push(...linksOf(img).stack.flatMap(find));
    }
    const unique = (xs: string[]): string[] => [...new Set(xs)];
    if (stacks.length === 0 && commons.length > 0) sets.push(unique(commons));
    for (const s of unique(stacks)) sets.push(unique([...commons.filter((c) => c !== s), s]));
  }
  // Drop repeated sets (two configuration files naming the same files), and a set that another
  // one contains (an image file's stack file, also reached from the main file with its common file).
  const seen = new Set<string>();
  const unique = sets.filter((s) => {
    const k = s.join('\u0000');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.filter((s) => !unique.some((o) => o !== s && o.length > s.length && s.every((u) => o.includes(u))));
}
