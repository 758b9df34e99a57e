// Whole Policy Agent configurations: the main file names stacks (TcpImage) and a common policy
// (CommonTTLSConfig); each stack's image file names its AT-TLS policy (TTLSConfig); a PAGENT
// environment file (STDENV) may name the main file (PAGENT_CONFIG_FILE). This follows the chain
// through local copies of the z/OS files and yields, per stack, the files that make up its policy
// (the common file first). It is the one resolution: `attls` reads files through `loadPolicySet`,
// the editor's workspace through `resolvePolicySet` over the documents it holds. No I/O here:
// reading is a function passed in, and every file it is asked for must stay inside a folder named
// with it (the folder standing for the z/OS root), which the reader checks once links are followed.
import { catalogue, type TargetRelease } from './catalogue/index.js';
import type { Diagnostic } from './diagnostic.js';
import { environmentConfigFile } from './input/detect.js';
import { buildModel, type PolicyDocument, type PolicyModel } from './model/model.js';
import type { ParameterNode, Word } from './syntax/ast.js';
import { parse, type ParseResult } from './syntax/parse.js';
import { spanOf, type Span } from './text.js';

/**
 * What reading a local file gave: its text (with findings about how it was stored, such as
 * sequence numbers), a refusal (outside the folder it must stay in, a device, binary, too large:
 * one line saying why), or undefined when it does not exist.
 */
export type FileRead = string | { readonly text: string; readonly notes?: readonly Diagnostic[] } | { readonly refused: string } | undefined;

/**
 * Reads a local file. `within` is the folder the file must stay inside once `..` and symbolic
 * links are resolved (the folder standing for the z/OS root, the main file's folder, a "paths"
 * target); a reader that cannot tell may ignore it, the paths it is given never climb out of it.
 */
export type ReadFile = (localPath: string, within: string) => Promise<FileRead>;

export interface PolicySetOptions {
  readonly read: ReadFile;
  /** Local folder that stands for the z/OS root `/` (and holds data sets as HLQ.NAME/MEMBER). */
  readonly root?: string;
  /**
   * Overrides: a z/OS UNIX path prefix ("/etc/pagent/") or a data set name ("SYS1.TCPPARMS",
   * "//'SYS1.TCPPARMS(TTLS)'") mapped to a local path. The longest matching key wins.
   */
  readonly paths?: Readonly<Record<string, string>>;
  /**
   * How a local path is named in the set -- the key of its document, what `read` is given, what
   * messages show. The CLI passes the main file as an absolute path, so that a mirrored tree is
   * recognised whatever the spelling on the command line, and names every file relative to the
   * current folder here. Default: paths as they are built.
   */
  readonly localName?: (localPath: string) => string;
}

/** A file named by a configuration statement, and where its local copy was looked for. */
export interface FileReference {
  /** The name as written on z/OS: `/etc/pagent.ttls` or `//'SYS1.TCPPARMS(TTLS)'`. */
  readonly zosName: string;
  /** File and span of the word that names it. */
  readonly uri: string;
  readonly span: Span;
  /** Local path where it was found; undefined when missing or refused. */
  readonly localPath?: string;
  /** Local paths tried, in order. */
  readonly tried: readonly string[];
  /** Why the file found was not read (outside the root, a device, binary, too large). */
  readonly refused?: string;
}

export interface StackConfig {
  /** TCP/IP stack (job) name from TcpImage, or '(default)' when the main file has no TcpImage. */
  readonly name: string;
  /** The TcpImage statement; absent for the implicit default stack. */
  readonly tcpImage?: { readonly uri: string; readonly span: Span };
  /** Image configuration file (the main file itself when TcpImage names none). */
  readonly image?: FileReference;
  /** The TTLSConfig that takes effect (the last one in the image file). */
  readonly ttlsConfig?: FileReference;
  /** The stack's policy files in Policy Agent's reading order: the common file, then its own. */
  readonly policyFiles: readonly string[];
  /**
   * Findings about this stack's own chain (also in PolicySet.diagnostics): its image file or
   * TTLSConfig file missing, an image file that is a policy, no TTLSConfig. They say why the stack
   * has no policy, where a finding of the whole set may be about another stack.
   */
  readonly problems: readonly Diagnostic[];
}

/** One distinct policy of a set: its files, and every stack whose policy it is. */
export interface SetPolicy {
  readonly files: readonly string[];
  readonly stacks: readonly string[];
}

export interface PolicySet {
  readonly mainUri: string;
  /** Every file read, parsed, by local path. */
  readonly documents: ReadonlyMap<string, PolicyDocument>;
  readonly common?: FileReference;
  readonly stacks: readonly StackConfig[];
  /**
   * The distinct policies of the stacks, each once: 10,000 stacks reading the same files are one
   * policy to analyse, not 10,000.
   */
  readonly policies: readonly SetPolicy[];
  /** Findings about the configuration itself (missing files, statements in the wrong file), by file. */
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /**
   * The Policy Agent environment file (STDENV) the set was reached from, when it was: its text and
   * the main configuration file its PAGENT_CONFIG_FILE names.
   */
  readonly environment?: { readonly uri: string; readonly text: string; readonly configFile?: FileReference };
  /** The policy of one stack as a model: its own file plus the common file. */
  model(stack: string, options?: { targetRelease?: TargetRelease }): PolicyModel | undefined;
}

/**
 * True when a text is a Policy Agent main or image configuration file rather than a policy. Give
 * the parse when there is one: a 3 MB policy costs as much to parse here as to lint.
 */
export function isConfigurationText(text: string | ParseResult): boolean {
  const p = typeof text === 'string' ? parse(text) : text;
  let config = false;
  for (const item of p.file.items) {
    if (item.kind !== 'parameter' && item.kind !== 'statement') continue;
    const spec = catalogue.statement(item.keyword.text);
    if (spec?.category === 'config' && ['TcpImage', 'TTLSConfig', 'CommonTTLSConfig'].includes(spec.name)) config = true;
    else if (spec && spec.fileRole === 'policy') return false;
  }
  return config;
}

interface DataSetName {
  readonly dsn: string;
  readonly member?: string;
}

/** Reads `//'HLQ.NAME(MEMBER)'`, `//'HLQ.NAME'` or `//HLQ.NAME(MEMBER)`. */
export function readDataSetName(text: string): DataSetName | undefined {
  const m = /^\/\/'?([A-Za-z@#$][A-Za-z0-9@#$-]{0,7}(?:\.[A-Za-z@#$][A-Za-z0-9@#$-]{0,7})*)(?:\(([A-Za-z@#$][A-Za-z0-9@#$]{0,7})\))?'?$/.exec(text);
  if (!m) return undefined;
  return { dsn: m[1]!.toUpperCase(), member: m[2]?.toUpperCase() };
}

/**
 * A z/OS UNIX path as z/OS resolves it: `.` dropped, `..` taking off the folder before it and
 * staying at `/` at the top (`/../../etc/passwd` is `/etc/passwd` on z/OS). So a name joined under
 * the folder standing for `/` can never climb out of it.
 */
export function normalizeZosPath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** Without trailing slashes (a loop: the pattern /[\\/]+$/ is quadratic on a long run of them). */
const trimSlash = (s: string): string => {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '/' || s[end - 1] === '\\')) end--;
  return s.slice(0, end);
};
const joinPath = (a: string, b: string): string => `${trimSlash(a)}/${b.replace(/^\/+/, '')}`;
const dirOf = (p: string): string => {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : i === 0 ? '/' : '.';
};
const baseOf = (p: string): string => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

/**
 * The folder that stands for `/` when the main file's own folder ends with the first folders of
 * `zosPath` -- a local tree that mirrors z/OS, as in ROOT/etc/pagent.conf naming
 * /etc/pagent/tcpip.ttls -- else undefined. The folder is compared segment by segment, so `etc`,
 * `./etc`, `a/./etc` and `/abs/etc` all count; an empty relative prefix is the current folder
 * ('.'), not the file system's root. A main file named from inside the mirrored folder itself
 * (`pagent.conf` with the current folder being ROOT/etc) shows no folder to compare: give such
 * a path resolved to an absolute one.
 */
function mirroredRoot(mainDir: string, zosPath: string): string | undefined {
  const zos = zosPath.split('/').filter(Boolean).slice(0, -1);
  const parts = mainDir.split(/[\\/]/);
  const absolute = parts[0] === '' && parts.length > 1;
  // '.' and empty segments (a//b, a/./b) name no folder.
  const local = parts.filter((seg) => seg !== '' && seg !== '.');
  for (let k = Math.min(zos.length, local.length); k >= 1; k--) {
    if (!local.slice(-k).every((seg, i) => seg === zos[i])) continue;
    const prefix = local.slice(0, -k).join('/');
    return absolute ? `/${prefix}` : prefix || '.';
  }
  return undefined;
}

/** A local path where the copy of a z/OS file may be, and the folder it must stay inside. */
export interface Candidate {
  readonly path: string;
  /** The folder standing for what the name is relative to: the root, a "paths" target, the main file's folder. */
  readonly within: string;
}

/** Local paths where the copy of a z/OS file may be, most specific first. */
export function candidatePaths(zosName: string, mainPath: string, options: Pick<PolicySetOptions, 'root' | 'paths'>): string[] {
  return candidateFiles(zosName, mainPath, options).map((c) => c.path);
}

/** Candidates for a z/OS name, each with the folder it must stay inside, most specific first. */
export function candidateFiles(zosName: string, mainPath: string, options: Pick<PolicySetOptions, 'root' | 'paths'>): Candidate[] {
  const out: Candidate[] = [];
  const ds = readDataSetName(zosName);
  const paths = options.paths ?? {};
  const mainDir = dirOf(mainPath);
  if (ds) {
    const full = ds.member ? `${ds.dsn}(${ds.member})` : ds.dsn;
    const exact: Candidate[] = [];
    const byDataSet: Candidate[] = [];
    for (const [key, local] of Object.entries(paths)) {
      const k = readDataSetName(key.startsWith('//') ? key : `//'${key}'`);
      if (!k) continue;
      const kFull = k.member ? `${k.dsn}(${k.member})` : k.dsn;
      if (kFull === full) exact.push({ path: local, within: dirOf(local) });
      else if (!k.member && k.dsn === ds.dsn && ds.member) byDataSet.push({ path: joinPath(local, ds.member), within: local });
    }
    out.push(...exact, ...byDataSet);
    const base = options.root ?? mainDir;
    const inFolder = ds.member ? `${ds.dsn}/${ds.member}` : ds.dsn;
    out.push({ path: joinPath(base, inFolder), within: base });
    out.push({ path: joinPath(mainDir, ds.member ?? ds.dsn), within: mainDir });
    if (options.root === undefined) {
      // No root given: the data set's folder may sit a level or two above the main file.
      let dir = mainDir;
      for (let up = 0; up < 2 && dirOf(dir) !== dir; up++) {
        dir = dirOf(dir);
        out.push({ path: joinPath(dir, inFolder), within: dir });
      }
    }
  } else if (zosName.startsWith('/')) {
    const zos = normalizeZosPath(zosName);
    const keys = Object.keys(paths)
      .filter((k) => k.startsWith('/') && (zos === k || zos.startsWith(k.endsWith('/') ? k : `${k}/`)))
      .sort((a, b) => b.length - a.length);
    for (const k of keys) out.push(zos === k ? { path: paths[k]!, within: dirOf(paths[k]!) } : { path: joinPath(paths[k]!, zos.slice(k.length)), within: paths[k]! });
    const base = options.root ?? mainDir;
    if (zos !== '/') out.push({ path: joinPath(base, zos), within: base });
    const mirror = options.root === undefined ? mirroredRoot(mainDir, zos) : undefined;
    if (mirror !== undefined) out.push({ path: joinPath(mirror, zos), within: mirror });
    if (zos !== '/') out.push({ path: joinPath(mainDir, baseOf(zos)), within: mainDir });
  }
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.path) && !!seen.add(c.path));
}

/** What a source holds at a candidate: a document, a refusal, 'missing', or undefined when not read yet. */
export type SourceEntry = { readonly document: PolicyDocument; readonly notes?: readonly Diagnostic[] } | { readonly refused: string } | 'missing';

/** The files a resolution may use: read already (the editor's workspace) or read on demand (loadPolicySet). */
export interface PolicySource {
  lookup(candidate: Candidate): SourceEntry | undefined;
  /** A last resort when no candidate exists: a file found by name alone (the editor's workspace). */
  search?(zosName: string): PolicyDocument | undefined;
}

export interface ResolveOptions extends Pick<PolicySetOptions, 'root' | 'paths' | 'localName'> {
  /** The environment file the main file was reached from (see PolicySet.environment). */
  readonly environment?: PolicySet['environment'];
}

/**
 * Follows a main configuration file to every stack's policy, synchronously, over the files a
 * source holds. `pending` lists the candidates the source has not read yet, in the order they are
 * needed; when it is not empty the set is incomplete: read them and resolve again (loadPolicySet
 * does). `mainPath` is the main file's local path, from which z/OS names are looked up.
 */
export function resolvePolicySet(main: PolicyDocument, mainPath: string, source: PolicySource, options: ResolveOptions = {}): { set: PolicySet; pending: Candidate[] } {
  const name = options.localName ?? ((p: string): string => p);
  const mainUri = main.uri;
  const documents = new Map<string, PolicyDocument>([[mainUri, main]]);
  const diagnostics = new Map<string, Diagnostic[]>();
  const pending: Candidate[] = [];
  const report = (uri: string, d: Diagnostic): void => {
    const list = diagnostics.get(uri);
    if (list) list.push(d);
    else diagnostics.set(uri, [d]);
  };
  const statementsOf = new Map<PolicyDocument, { node: ParameterNode; kind: string }[]>();
  const lineStatements = (doc: PolicyDocument): { node: ParameterNode; kind: string }[] => {
    let out = statementsOf.get(doc);
    if (out) return out;
    out = [];
    for (const item of doc.parse.file.items) {
      if (item.kind !== 'parameter') continue;
      const spec = catalogue.statement(item.keyword.text);
      if (spec?.shape === 'line') out.push({ node: item, kind: spec.name });
    }
    statementsOf.set(doc, out);
    return out;
  };
  const pathWord = (node: ParameterNode): Word | undefined => node.values.find((v) => v.text.startsWith('/'));

  // One lookup per name and file that names it: 10,000 TcpImage lines naming one image file look it up once.
  const located = new Map<string, FileReference>();
  /** `problems` collects what is reported about a stack's own chain. */
  const locate = (uri: string, fromPath: string, word: Word, problems?: Diagnostic[]): FileReference => {
    const key = `${uri}\u0000${word.text}\u0000${word.start}`;
    const known = located.get(key);
    if (known) {
      if (!known.localPath) {
        const d = diagnostics.get(uri)?.find((x) => x.span.start === word.start && (x.code === 'missing-file' || x.code === 'unreadable-file'));
        if (d) problems?.push(d);
      }
      return known;
    }
    const candidates = candidateFiles(word.text, fromPath, options).map((c) => ({ path: name(c.path), within: name(c.within) }));
    const tried = [...new Set(candidates.map((c) => c.path))];
    let ref: FileReference | undefined;
    for (const c of candidates) {
      const entry = source.lookup(c);
      if (entry === undefined) {
        pending.push(c);
        ref = { zosName: word.text, uri, span: spanOf(word), tried };
        break;
      }
      if (entry === 'missing') continue;
      if ('refused' in entry) {
        const d: Diagnostic = {
          code: 'unreadable-file',
          severity: 'error',
          message: `${word.text} is not read: ${c.path}: ${entry.refused}.`,
          messageId: 'refused',
          data: { file: word.text, path: c.path, reason: entry.refused },
          span: spanOf(word),
        };
        report(uri, d);
        problems?.push(d);
        ref = { zosName: word.text, uri, span: spanOf(word), tried, refused: entry.refused };
        break;
      }
      const doc = entry.document;
      if (!documents.has(doc.uri)) {
        documents.set(doc.uri, doc);
        for (const n of entry.notes ?? []) report(doc.uri, n);
      }
      ref = { zosName: word.text, uri, span: spanOf(word), localPath: doc.uri, tried };
      break;
    }
    if (!ref) {
      const found = source.search?.(word.text);
      if (found) {
        if (!documents.has(found.uri)) documents.set(found.uri, found);
        ref = { zosName: word.text, uri, span: spanOf(word), localPath: found.uri, tried };
      }
    }
    if (!ref) {
      const missing: Diagnostic = {
        code: 'missing-file',
        severity: 'error',
        message: tried.length > 0
          ? `No local copy of ${word.text} was found (looked at ${tried.join(', ')}); set --root to the folder that stands for the z/OS root, or map it under "paths" in .attlslintrc.json.`
          : `'${word.text}' is neither a z/OS UNIX path nor a data set name.`,
        messageId: 'missing',
        data: { file: word.text, tried },
        span: spanOf(word),
      };
      report(uri, missing);
      problems?.push(missing);
      ref = { zosName: word.text, uri, span: spanOf(word), tried };
    }
    located.set(key, ref);
    return ref;
  };
  // The main file: CommonTTLSConfig and TcpImage; a TTLSConfig here counts only when the main
  // file is also an image file.
  const mainLines = lineStatements(main);
  let common: FileReference | undefined;
  const commons = mainLines.filter((l) => l.kind === 'CommonTTLSConfig');
  const lastCommon = commons[commons.length - 1];
  for (const c of commons.slice(0, -1)) {
    const same = samePath(c.node, lastCommon!.node);
    report(mainUri, {
      code: 'duplicate-config',
      // Policy Agent reads only the last one: an earlier one naming another file is text it ignores.
      severity: same ? 'info' : 'error',
      message: 'CommonTTLSConfig is coded again later in this file; only the last one is used.',
      messageId: same ? 'sameFile' : 'ignored',
      span: spanOf(c.node.keyword),
    });
  }
  if (lastCommon) {
    const w = pathWord(lastCommon.node);
    if (w) common = locate(mainUri, mainPath, w);
  }

  const images = mainLines.filter((l) => l.kind === 'TcpImage');
  const stacks: StackConfig[] = [];
  const seenStack = new Map<string, ParameterNode>();
  const imageEntries: { name: string; node?: ParameterNode; imageWord?: Word }[] = images.map((l) => ({
    name: l.node.values[0]?.text ?? '?',
    node: l.node,
    imageWord: pathWord(l.node),
  }));
  const mainIsImage = imageEntries.length === 0 || imageEntries.some((e) => !e.imageWord);
  if (imageEntries.length === 0) imageEntries.push({ name: '(default)' });

  for (const l of mainLines.filter((x) => x.kind === 'TTLSConfig')) {
    if (!mainIsImage) {
      report(mainUri, {
        code: 'ignored-statement',
        severity: 'error',
        message: 'TTLSConfig is ignored in the main configuration file: every TcpImage here names an image file, and that is where TTLSConfig belongs.',
        messageId: 'ttlsConfigInMain',
        span: spanOf(l.node.keyword),
      });
    }
  }

  // What an image file gives its stacks, worked out once per image file.
  const imageFacts = new Map<PolicyDocument, { configs: { node: ParameterNode; kind: string }[]; policyStatements: number }>();
  const factsOf = (imageDoc: PolicyDocument): { configs: { node: ParameterNode; kind: string }[]; policyStatements: number } => {
    let f = imageFacts.get(imageDoc);
    if (f) return f;
    const lines = lineStatements(imageDoc);
    const configs = lines.filter((x) => x.kind === 'TTLSConfig');
    if (imageDoc !== main) {
      for (const c of configs.slice(0, -1)) {
        const same = samePath(c.node, configs[configs.length - 1]!.node);
        report(imageDoc.uri, {
          code: 'duplicate-config',
          severity: same ? 'info' : 'error',
          message: 'TTLSConfig is coded again later in this image file; only the last one is used.',
          messageId: same ? 'sameFile' : 'ignored',
          span: spanOf(c.node.keyword),
        });
      }
      for (const x of lines.filter((y) => y.kind === 'CommonTTLSConfig' || y.kind === 'TcpImage')) {
        report(imageDoc.uri, {
          code: 'ignored-statement',
          severity: 'error',
          message: `${x.kind} belongs in the main configuration file; in an image file it is ignored.`,
          messageId: 'mainOnlyInImage',
          span: spanOf(x.node.keyword),
        });
      }
    }
    const policyStatements = imageDoc.parse.file.items.filter((i) => i.kind === 'statement' && catalogue.statement(i.keyword.text)?.fileRole === 'policy').length;
    f = { configs, policyStatements };
    imageFacts.set(imageDoc, f);
    return f;
  };

  for (const entry of imageEntries) {
    if (entry.node) {
      const prev = seenStack.get(entry.name.toUpperCase());
      if (prev) {
        report(mainUri, {
          code: 'duplicate-config',
          // How Policy Agent treats a second TcpImage for a stack is not confirmed.
          severity: 'warning',
          message: `Stack ${entry.name} has more than one TcpImage statement.`,
          messageId: 'tcpImage',
          span: (entry.node.values[0] ? spanOf(entry.node.values[0]) : undefined) ?? spanOf(entry.node.keyword),
          related: [{ message: 'The first TcpImage for this stack', span: spanOf(prev.keyword) }],
        });
        continue;
      }
      seenStack.set(entry.name.toUpperCase(), entry.node);
    }
    const problems: Diagnostic[] = [];
    let image: FileReference | undefined;
    let imageDoc: PolicyDocument | undefined;
    if (entry.imageWord) {
      image = locate(mainUri, mainPath, entry.imageWord, problems);
      imageDoc = image.localPath ? documents.get(image.localPath) : undefined;
    } else {
      imageDoc = main;
    }
    let ttlsConfig: FileReference | undefined;
    let hasTtlsConfig = false;
    let imageIsPolicy = false;
    if (imageDoc) {
      const { configs, policyStatements } = factsOf(imageDoc);
      if (imageDoc !== main && configs.length === 0 && policyStatements > 0 && image) {
        imageIsPolicy = true;
        const d: Diagnostic = {
          code: 'image-is-policy',
          severity: 'error',
          message: `TcpImage ${entry.name} names an AT-TLS policy file (${image.zosName}) where an image configuration file with a TTLSConfig statement belongs; Policy Agent then installs no AT-TLS policy for the stack (pasearch shows "No policies retrieved").`,
          span: image.span,
        };
        report(mainUri, d);
        problems.push(d);
      }
      const last = configs[configs.length - 1];
      hasTtlsConfig = last !== undefined;
      const w = last ? pathWord(last.node) : undefined;
      // Names in an image file are looked up as from the main file: the same root, the same tree.
      if (w) ttlsConfig = locate(imageDoc.uri, mainPath, w, problems);
      if (!last && entry.node && !imageIsPolicy) {
        const d: Diagnostic = {
          code: 'no-attls-policy',
          severity: 'warning',
          message: `Stack ${entry.name} gets no AT-TLS policy: its image file has no TTLSConfig statement${common ? ', and the common file applies only to stacks that have one' : ''}.`,
          span: (entry.node.values[0] ? spanOf(entry.node.values[0]) : undefined) ?? spanOf(entry.node.keyword),
        };
        report(mainUri, d);
        problems.push(d);
      }
    }
    // TTLSConfig is what gives a stack AT-TLS policy; without a path only the common file applies.
    const policyFiles: string[] = [];
    if (hasTtlsConfig && common?.localPath) policyFiles.push(common.localPath);
    if (ttlsConfig?.localPath && ttlsConfig.localPath !== common?.localPath) policyFiles.push(ttlsConfig.localPath);
    stacks.push({
      name: entry.name,
      tcpImage: entry.node ? { uri: mainUri, span: spanOf(entry.node.keyword) } : undefined,
      image,
      ttlsConfig,
      policyFiles,
      problems,
    });
  }

  // AT-TLS statements count only in files named by TTLSConfig or CommonTTLSConfig.
  const policyFileSet = new Set(stacks.flatMap((s) => s.policyFiles));
  // A file that a TcpImage names in place of an image file is reported once, as image-is-policy;
  // only that stack's own finding excuses it, not one about another stack.
  const imageOfPolicy = new Set(stacks.filter((s) => s.image?.localPath && s.problems.some((d) => d.code === 'image-is-policy')).map((s) => s.image!.localPath!));
  for (const doc of documents.values()) {
    if (policyFileSet.has(doc.uri) || imageOfPolicy.has(doc.uri)) continue;
    for (const item of doc.parse.file.items) {
      if (item.kind !== 'statement') continue;
      const spec = catalogue.statement(item.keyword.text);
      if (spec?.fileRole !== 'policy') continue;
      report(doc.uri, {
        code: 'ignored-statement',
        severity: 'error',
        message: `${spec.name} is ignored here: Policy Agent reads AT-TLS statements only from the files named by TTLSConfig and CommonTTLSConfig.`,
        messageId: 'policyInConfig',
        span: spanOf(item.keyword),
      });
    }
  }

  const byFiles = new Map<string, { files: readonly string[]; stacks: string[] }>();
  for (const s of stacks) {
    if (s.policyFiles.length === 0) continue;
    const k = s.policyFiles.join('\u0000');
    const p = byFiles.get(k);
    if (p) p.stacks.push(s.name);
    else byFiles.set(k, { files: s.policyFiles, stacks: [s.name] });
  }
  const policies: SetPolicy[] = [...byFiles.values()];
  const models = new Map<string, PolicyModel>();
  const set: PolicySet = {
    mainUri,
    documents,
    common,
    stacks,
    policies,
    diagnostics,
    ...(options.environment ? { environment: options.environment } : {}),
    model(stack, opts = {}) {
      const s = stacks.find((x) => x.name.toUpperCase() === stack.toUpperCase());
      if (!s || s.policyFiles.length === 0) return undefined;
      // Stacks reading the same files share one model.
      const key = `${s.policyFiles.join('\u0000')}\u0001${opts.targetRelease ?? ''}`;
      let m = models.get(key);
      if (!m) {
        m = buildModel(s.policyFiles.map((f) => documents.get(f)!), { targetRelease: opts.targetRelease });
        models.set(key, m);
      }
      return m;
    },
  };
  return { set, pending };
}

/**
 * Follows a main configuration file to every stack's policy, reading each distinct file once. A
 * PAGENT environment file (the STDENV member, `PAGENT_CONFIG_FILE=//'USER.TCPPARMS(PAGENTCF)'`)
 * is followed to the main file it names first.
 */
export async function loadPolicySet(mainPath: string, mainText: string, options: PolicySetOptions): Promise<PolicySet> {
  const name = options.localName ?? ((p: string): string => p);
  const entries = new Map<string, SourceEntry>();
  const docs = new Map<string, PolicyDocument>();
  const key = (c: Candidate): string => `${c.path}\u0000${c.within}`;
  const source: PolicySource = { lookup: (c) => entries.get(key(c)) };
  const readAll = async (pending: readonly Candidate[]): Promise<void> => {
    for (const c of pending) {
      if (entries.has(key(c))) continue;
      const r = await options.read(c.path, c.within);
      if (r === undefined) entries.set(key(c), 'missing');
      else if (typeof r !== 'string' && 'refused' in r) entries.set(key(c), { refused: r.refused });
      else {
        const text = typeof r === 'string' ? r : r.text;
        let doc = docs.get(c.path);
        if (!doc) docs.set(c.path, (doc = { uri: c.path, parse: parse(text) }));
        entries.set(key(c), { document: doc, notes: typeof r === 'string' ? undefined : r.notes });
      }
    }
  };

  let environment: PolicySet['environment'];
  let path = mainPath;
  let text = mainText;
  const envFile = environmentConfigFile(mainText);
  if (envFile) {
    const envUri = name(mainPath);
    const candidates = candidateFiles(envFile.value, mainPath, options);
    const tried = [...new Set(candidates.map((c) => name(c.path)))];
    let configFile: FileReference | undefined;
    let found: { path: string; text: string } | undefined;
    for (const c of candidates) {
      const r = await options.read(name(c.path), name(c.within));
      if (r === undefined) continue;
      if (typeof r !== 'string' && 'refused' in r) {
        configFile = { zosName: envFile.value, uri: envUri, span: envFile.span, tried, refused: r.refused };
        break;
      }
      found = { path: c.path, text: typeof r === 'string' ? r : r.text };
      configFile = { zosName: envFile.value, uri: envUri, span: envFile.span, tried, localPath: name(c.path) };
      break;
    }
    environment = { uri: envUri, text: mainText, configFile: configFile ?? { zosName: envFile.value, uri: envUri, span: envFile.span, tried } };
    if (!found) return environmentOnly(environment);
    path = found.path;
    text = found.text;
  }

  const main: PolicyDocument = { uri: name(path), parse: parse(text) };
  for (let round = 0; ; round++) {
    const { set, pending } = resolvePolicySet(main, path, source, { ...options, environment });
    // Each round reads what the last one needed; a chain is three files deep, each name a few candidates.
    if (pending.length === 0 || round > 64) return set;
    await readAll(pending);
  }
}

/** Two TTLSConfig-like lines say the same: the same file (the same z/OS name) and options. */
function samePath(a: ParameterNode, b: ParameterNode): boolean {
  return a.values.map((w) => w.text).join(' ') === b.values.map((w) => w.text).join(' ');
}

/** A set that stops at the environment file: its PAGENT_CONFIG_FILE names nothing that could be read. */
function environmentOnly(environment: NonNullable<PolicySet['environment']>): PolicySet {
  const ref = environment.configFile!;
  const d: Diagnostic = ref.refused
    ? {
        code: 'unreadable-file',
        severity: 'error',
        message: `${ref.zosName} is not read: ${ref.refused}.`,
        messageId: 'refused',
        data: { file: ref.zosName, reason: ref.refused },
        span: ref.span,
      }
    : {
        code: 'missing-file',
        severity: 'error',
        message: ref.tried.length > 0
          ? `No local copy of ${ref.zosName} was found (looked at ${ref.tried.join(', ')}); set --root to the folder that stands for the z/OS root, or map it under "paths" in .attlslintrc.json.`
          : `'${ref.zosName}' is neither a z/OS UNIX path nor a data set name.`,
        messageId: 'missing',
        data: { file: ref.zosName, tried: ref.tried },
        span: ref.span,
      };
  return {
    mainUri: environment.uri,
    documents: new Map(),
    stacks: [],
    policies: [],
    diagnostics: new Map([[environment.uri, [d]]]),
    environment,
    model: () => undefined,
  };
}
