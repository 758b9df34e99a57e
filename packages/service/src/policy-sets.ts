// Which files of the editor's workspace are read together as one policy. Policy Agent reads a
// common file (CommonTTLSConfig in the main configuration file) before each stack's own file
// (TTLSConfig in the main file or in an image file named by TcpImage); which files those are is
// worked out by the one resolution in @attls/language, as `attls lint` does, over the workspace's
// documents. Where no file is where `attls lint` would look, a workspace file whose name matches the
// path's last part (or a data set member name) stands for it.
import { parse, resolvePolicySet, type ParseResult, type PolicyDocument, type PolicySource } from '@attls/language';

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

/**
 * A configuration file reduced to the statements its links hold, in their order within each kind:
 * all the resolution reads to find which files each stack's policy is (the last CommonTTLSConfig
 * and TTLSConfig, which TcpImage names which image file, which stacks have none).
 */
function linksText(links: ConfigLinks): string {
  const lines: string[] = [];
  for (const c of links.common) lines.push(`CommonTTLSConfig ${c}`);
  links.image.forEach((path, i) => lines.push(`TcpImage ${links.stackNames?.image[i] ?? `STACK${i + 1}`} ${path}`));
  for (const s of links.stackNames?.self ?? []) lines.push(`TcpImage ${s}`);
  for (const s of links.stack) lines.push(`TTLSConfig ${s}`);
  return `${lines.join('\n')}\n`;
}

const EMPTY = parse('');

/**
 * Policy sets as `attls lint` finds them -- through the one resolution of @attls/language, over the
 * workspace's documents -- with the stacks each one is the policy of. Every configuration file of
 * the workspace is followed as a main file; a z/OS name is looked up where `attls lint` would look
 * (under the root, beside the main file), else any workspace file of that name stands for it.
 */
export function computeNamedPolicySets(uris: readonly string[], linksOf: (uri: string) => ConfigLinks, options: { readonly root?: string } = {}): NamedPolicySet[] {
  const sets: NamedPolicySet[] = [];
  const byPath = new Map<string, string>();
  for (const u of uris) {
    const p = uriPath(u);
    if (p) byPath.set(p, u);
  }
  const docs = new Map<string, PolicyDocument>();
  const documentOf = (uri: string): PolicyDocument => {
    let d = docs.get(uri);
    if (!d) {
      const links = linksOf(uri);
      // Only configuration statements matter to the resolution; a policy file is there or not.
      const parsed = links.common.length + links.stack.length + links.image.length + (links.stackNames?.self.length ?? 0) > 0 ? parse(linksText(links)) : EMPTY;
      docs.set(uri, (d = { uri, parse: parsed }));
    }
    return d;
  };
  const source: PolicySource = {
    lookup: (c) => {
      const uri = byPath.get(c.path);
      return uri ? { document: documentOf(uri) } : 'missing';
    },
    search: (zosName) => {
      const uri = uris.find((u) => pathMatches(zosName, u));
      return uri ? documentOf(uri) : undefined;
    },
  };
  for (const uri of uris) {
    const links = linksOf(uri);
    if (links.common.length === 0 && links.stack.length === 0 && links.image.length === 0) continue;
    const main = documentOf(uri);
    // A document without a file path (untitled) looks names up beside nothing: by name only.
    const mainPath = uriPath(uri) ?? `/${uriBase(uri)}`;
    const { set } = resolvePolicySet(main, mainPath, source, { root: options.root });
    if (set.policies.length === 0 && set.common?.localPath) sets.push({ files: [set.common.localPath], stacks: [] });
    for (const p of set.policies) sets.push({ files: [...p.files], stacks: [...p.stacks] });
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
