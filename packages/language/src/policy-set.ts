// Whole Policy Agent configurations: the main file names stacks (TcpImage) and a common policy
// (CommonTTLSConfig); each stack's image file names its AT-TLS policy (TTLSConfig). This follows
// the chain through local copies of the z/OS files and yields, per stack, the files that make up
// its policy (the common file first). Reading files is a function passed in: no I/O here.
import { catalogue, type TargetRelease } from './catalogue/index.js';
import type { Diagnostic } from './diagnostic.js';
import { buildModel, type PolicyDocument, type PolicyModel } from './model/model.js';
import type { ParameterNode, Word } from './syntax/ast.js';
import { parse, type ParseResult } from './syntax/parse.js';
import { spanOf, type Span } from './text.js';

/** Reads a local file: its text, or undefined when it does not exist or cannot be read. */
export type ReadFile = (localPath: string) => Promise<string | undefined>;

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
  /** Local path where it was found; undefined when missing. */
  readonly localPath?: string;
  /** Local paths tried, in order. */
  readonly tried: readonly string[];
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

export interface PolicySet {
  readonly mainUri: string;
  /** Every file read, parsed, by local path. */
  readonly documents: ReadonlyMap<string, PolicyDocument>;
  readonly common?: FileReference;
  readonly stacks: readonly StackConfig[];
  /** Findings about the configuration itself (missing files, statements in the wrong file), by file. */
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
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

/** Local paths where the copy of a z/OS file may be, most specific first. */
export function candidatePaths(zosName: string, mainPath: string, options: Pick<PolicySetOptions, 'root' | 'paths'>): string[] {
  const out: string[] = [];
  const ds = readDataSetName(zosName);
  const paths = options.paths ?? {};
  if (ds) {
    const full = ds.member ? `${ds.dsn}(${ds.member})` : ds.dsn;
    const exact: string[] = [];
    const byDataSet: string[] = [];
    for (const [key, local] of Object.entries(paths)) {
      const k = readDataSetName(key.startsWith('//') ? key : `//'${key}'`);
      if (!k) continue;
      const kFull = k.member ? `${k.dsn}(${k.member})` : k.dsn;
      if (kFull === full) exact.push(local);
      else if (!k.member && k.dsn === ds.dsn && ds.member) byDataSet.push(joinPath(local, ds.member));
    }
    out.push(...exact, ...byDataSet);
    const base = options.root ?? dirOf(mainPath);
    const inFolder = ds.member ? `${ds.dsn}/${ds.member}` : ds.dsn;
    out.push(joinPath(base, inFolder));
    out.push(joinPath(dirOf(mainPath), ds.member ?? ds.dsn));
    if (options.root === undefined) {
      // No root given: the data set's folder may sit a level or two above the main file.
      let dir = dirOf(mainPath);
      for (let up = 0; up < 2 && dirOf(dir) !== dir; up++) out.push(joinPath((dir = dirOf(dir)), inFolder));
    }
  } else if (zosName.startsWith('/')) {
    const keys = Object.keys(paths)
      .filter((k) => k.startsWith('/') && (zosName === k || zosName.startsWith(k.endsWith('/') ? k : `${k}/`)))
      .sort((a, b) => b.length - a.length);
    for (const k of keys) out.push(zosName === k ? paths[k]! : joinPath(paths[k]!, zosName.slice(k.length)));
    out.push(joinPath(options.root ?? dirOf(mainPath), zosName));
    const mirror = options.root === undefined ? mirroredRoot(dirOf(mainPath), zosName) : undefined;
    if (mirror !== undefined) out.push(joinPath(mirror, zosName));
    out.push(joinPath(dirOf(mainPath), baseOf(zosName)));
  }
  return [...new Set(out)];
}

/** Follows a main configuration file to every stack's policy. */
export async function loadPolicySet(mainPath: string, mainText: string, options: PolicySetOptions): Promise<PolicySet> {
  const name = options.localName ?? ((p: string): string => p);
  const mainUri = name(mainPath);
  const documents = new Map<string, PolicyDocument>();
  const diagnostics = new Map<string, Diagnostic[]>();
  const report = (uri: string, d: Diagnostic): void => {
    const list = diagnostics.get(uri);
    if (list) list.push(d);
    else diagnostics.set(uri, [d]);
  };
  const open = (uri: string, text: string): PolicyDocument => {
    let doc = documents.get(uri);
    if (!doc) documents.set(uri, (doc = { uri, parse: parse(text) }));
    return doc;
  };
  const main = open(mainUri, mainText);

  const lineStatements = (doc: PolicyDocument): { node: ParameterNode; kind: string }[] => {
    const out: { node: ParameterNode; kind: string }[] = [];
    for (const item of doc.parse.file.items) {
      if (item.kind !== 'parameter') continue;
      const spec = catalogue.statement(item.keyword.text);
      if (spec?.shape === 'line') out.push({ node: item, kind: spec.name });
    }
    return out;
  };
  const pathWord = (node: ParameterNode): Word | undefined => node.values.find((v) => v.text.startsWith('/'));

  /** `problems` collects what is reported about a stack's own chain. */
  const locate = async (uri: string, word: Word, problems?: Diagnostic[]): Promise<FileReference> => {
    const tried = [...new Set(candidatePaths(word.text, mainPath, options).map(name))];
    for (const local of tried) {
      const text = await options.read(local);
      if (text !== undefined) {
        open(local, text);
        return { zosName: word.text, uri, span: spanOf(word), localPath: local, tried };
      }
    }
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
    return { zosName: word.text, uri, span: spanOf(word), tried };
  };

  // The main file: CommonTTLSConfig and TcpImage; a TTLSConfig here counts only when the main
  // file is also an image file.
  const mainLines = lineStatements(main);
  let common: FileReference | undefined;
  const commons = mainLines.filter((l) => l.kind === 'CommonTTLSConfig');
  for (const c of commons.slice(0, -1)) {
    report(mainUri, {
      code: 'duplicate-config',
      severity: 'warning',
      message: 'CommonTTLSConfig is coded again later in this file; only the last one is used.',
      span: spanOf(c.node.keyword),
    });
  }
  const lastCommon = commons[commons.length - 1];
  if (lastCommon) {
    const w = pathWord(lastCommon.node);
    if (w) common = await locate(mainUri, w);
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

  for (const entry of imageEntries) {
    if (entry.node) {
      const prev = seenStack.get(entry.name.toUpperCase());
      if (prev) {
        report(mainUri, {
          code: 'duplicate-config',
          severity: 'warning',
          message: `Stack ${entry.name} has more than one TcpImage statement.`,
          span: spanOf(entry.node.values[0] ?? entry.node.keyword),
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
      image = await locate(mainUri, entry.imageWord, problems);
      imageDoc = image.localPath ? documents.get(image.localPath) : undefined;
    } else {
      imageDoc = main;
    }
    let ttlsConfig: FileReference | undefined;
    let hasTtlsConfig = false;
    let imageIsPolicy = false;
    if (imageDoc) {
      const lines = lineStatements(imageDoc);
      const configs = lines.filter((x) => x.kind === 'TTLSConfig');
      if (imageDoc !== main) {
        for (const c of configs.slice(0, -1)) {
          report(imageDoc.uri, {
            code: 'duplicate-config',
            severity: 'warning',
            message: 'TTLSConfig is coded again later in this image file; only the last one is used.',
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
        const policyStatements = imageDoc.parse.file.items.filter(
          (i) => i.kind === 'statement' && catalogue.statement(i.keyword.text)?.fileRole === 'policy',
        );
        if (configs.length === 0 && policyStatements.length > 0 && image) {
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
      }
      const last = configs[configs.length - 1];
      hasTtlsConfig = last !== undefined;
      const w = last ? pathWord(last.node) : undefined;
      if (w) ttlsConfig = await locate(imageDoc.uri, w, problems);
      if (!last && entry.node && !imageIsPolicy) {
        const d: Diagnostic = {
          code: 'no-attls-policy',
          severity: 'warning',
          message: `Stack ${entry.name} gets no AT-TLS policy: its image file has no TTLSConfig statement${common ? ', and the common file applies only to stacks that have one' : ''}.`,
          span: spanOf(entry.node.values[0] ?? entry.node.keyword),
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
  const policyFiles = new Set(stacks.flatMap((s) => s.policyFiles));
  // A file that a TcpImage names in place of an image file is reported once, as image-is-policy;
  // only that stack's own finding excuses it, not one about another stack.
  const imageOfPolicy = new Set(stacks.filter((s) => s.image?.localPath && s.problems.some((d) => d.code === 'image-is-policy')).map((s) => s.image!.localPath!));
  for (const doc of documents.values()) {
    if (policyFiles.has(doc.uri) || imageOfPolicy.has(doc.uri)) continue;
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

  const models = new Map<string, PolicyModel>();
  return {
    mainUri,
    documents,
    common,
    stacks,
    diagnostics,
    model(stack, opts = {}) {
      const s = stacks.find((x) => x.name.toUpperCase() === stack.toUpperCase());
      if (!s || s.policyFiles.length === 0) return undefined;
      const key = `${s.name}\u0000${opts.targetRelease ?? ''}`;
      let m = models.get(key);
      if (!m) {
        m = buildModel(s.policyFiles.map((f) => documents.get(f)!), { targetRelease: opts.targetRelease });
        models.set(key, m);
      }
      return m;
    },
  };
}
