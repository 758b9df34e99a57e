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
  /**
   * Stack names, present when the file has TcpImage statements: `image` holds the stack of each
   * entry of ConfigLinks.image, `self` the stacks whose TcpImage names no file (the file is their
   * image file). Findings in a file that several stacks read name the stacks they hold for.
   */
  readonly stackNames?: { readonly image: readonly string[]; readonly self: readonly string[] };
}

/** The files read together as one policy, and the stacks whose policy it is. */
export interface NamedPolicySet {
  readonly files: string[];
  /** Stack names (TcpImage, or '(default)' for a main file without one); may be empty. */
  readonly stacks: string[];
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
  const imageStacks: string[] = [];
  const selfStacks: string[] = [];
  for (const item of parsed.file.items) {
    if (item.kind !== 'parameter') continue;
    const kw = item.keyword.text.toLowerCase();
    const values = item.values.map((v) => v.text);
    if (kw === 'commonttlsconfig' && values[0]) common.push(values[0]);
    else if (kw === 'ttlsconfig' && values[0]) stack.push(values[0]);
    else if ((kw === 'tcpimage' || kw === 'pepinstance') && values[1] && values[1].startsWith('/')) {
      image.push(values[1]);
      imageStacks.push(values[0]!);
    } else if (kw === 'tcpimage' && values[0]) selfStacks.push(values[0]);
  }
  if (common.length + stack.length + image.length === 0) return NONE;
  return imageStacks.length + selfStacks.length > 0 ? { common, stack, image, stackNames: { image: imageStacks, self: selfStacks } } : { common, stack, image };
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
  return computeNamedPolicySets(uris, linksOf, options).map((s) => s.files);
}

/** Policy sets as computePolicySets finds them, with the stacks each one is the policy of. */
export function computeNamedPolicySets(uris: readonly string[], linksOf: (uri: string) => ConfigLinks, options: { readonly root?: string } = {}): NamedPolicySet[] {
  const sets: NamedPolicySet[] = [];
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
    // Each stack file with the stacks that read it, in the order found.
    const stackFiles = new Map<string, string[]>();
    const add = (file: string, stack: string | undefined): void => {
      const names = stackFiles.get(file) ?? [];
      if (stack !== undefined && !names.includes(stack)) names.push(stack);
      stackFiles.set(file, names);
    };
    const own = links.stackNames ? links.stackNames.self : ['(default)'];
    for (const f of links.stack.flatMap(find)) {
      if (own.length === 0) add(f, undefined);
      for (const name of own) add(f, name);
    }
    links.image.forEach((path, i) => {
      for (const img of find(path)) {
        if (img === uri) continue;
        for (const f of linksOf(img).stack.flatMap(find)) add(f, links.stackNames?.image[i]);
      }
    });
    const unique = (xs: string[]): string[] => [...new Set(xs)];
    if (stackFiles.size === 0 && commons.length > 0) sets.push({ files: unique(commons), stacks: [] });
    for (const [s, names] of stackFiles) sets.push({ files: unique([...commons.filter((c) => c !== s), s]), stacks: names });
  }
  // Merge repeated sets (two configuration files or two stacks naming the same files), and drop
  // a set that another one contains (an image file's stack file, also reached from the main file
  // with its common file).
  const byKey = new Map<string, NamedPolicySet>();
  for (const s of sets) {
    const k = s.files.join('\u0000');
    const prev = byKey.get(k);
    if (!prev) byKey.set(k, { files: s.files, stacks: [...s.stacks] });
    else for (const n of s.stacks) if (!prev.stacks.includes(n)) prev.stacks.push(n);
  }
  // An image file scanned on its own looks like a main file of the default stack; the name the
  // main file gives that stack is the real one.
  const unique = [...byKey.values()].map((s) => (s.stacks.length > 1 && s.stacks.includes('(default)') ? { ...s, stacks: s.stacks.filter((n) => n !== '(default)') } : s));
  return unique.filter((s) => !unique.some((o) => o !== s && o.files.length > s.files.length && s.files.every((u) => o.files.includes(u))));
}

/**
 * A path a person reads for a file of a policy set, for messages that name another file: relative
 * to the workspace folder that holds it, else to the folder all files of the set share, else the
 * file name. A `file:///...` URI in a message is noise; the LSP related location carries the link.
 */
export function readableName(uri: string, setUris: readonly string[], folders: readonly string[] = []): string {
  const path = uriPath(uri);
  if (path === undefined) return uriBase(uri);
  for (const f of folders) {
    let dir = uriPath(f);
    if (dir === undefined) continue;
    // Trailing slashes cut by a loop: /\/+$/ is quadratic on a long run of them.
    while (dir.endsWith('/')) dir = dir.slice(0, -1);
    if (path.startsWith(`${dir}/`)) return path.slice(dir.length + 1);
  }
  const dirs = setUris.map((u) => uriPath(u)).filter((p): p is string => p !== undefined).map((p) => p.split('/').slice(0, -1));
  let shared = dirs[0] ?? [];
  for (const d of dirs) {
    let n = 0;
    while (n < shared.length && n < d.length && shared[n] === d[n]) n++;
    shared = shared.slice(0, n);
  }
  const prefix = shared.join('/');
  return prefix !== '' && path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : uriBase(uri);
}
