// textDocument/documentLink: the z/OS UNIX paths and data set names of a Policy Agent main or image
// configuration file (TcpImage, TTLSConfig, CommonTTLSConfig) as links to their local copies. Where
// a copy may be is what the one policy-set resolution says (`candidateFiles` of @attls/language,
// with the same root and "paths"); which candidate exists, and whether it may be opened at all, is
// the caller's to say, as only it may look at files.
import { candidateFiles, catalogue, readDataSetName, type Candidate } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { toRange } from '../lsp.js';
import type { DocumentSnapshot, PolicySnapshot } from '../workspace.js';

/** A file name written in a configuration statement, and where its local copy may be. */
export interface NamedFile {
  /** The name as written: `/etc/pagent/tcpipa.image` or `//'SYS1.TCPPARMS(TTLS)'`. */
  readonly zosName: string;
  /** The word that names it. */
  readonly range: lsp.Range;
  /** The statement that names it (TcpImage, TTLSConfig, CommonTTLSConfig). */
  readonly statement: string;
  /** Local paths to try, most specific first, each with the folder it must stay inside. */
  readonly candidates: readonly Candidate[];
}

export interface FileNameOptions {
  /** Local folder standing for the z/OS root (attls.root, or root of .attlslintrc.json). */
  readonly root?: string;
  /** z/OS names mapped to local paths ("paths" of .attlslintrc.json). */
  readonly paths?: Readonly<Record<string, string>>;
}

/**
 * Every file name a configuration statement at the top level of the document writes (the operands
 * the catalogue calls file references), with the local paths to try. `localPath` is the document's
 * own path: names are looked up as from a main file there, as `attls lint` does for the main file
 * (an image file names its policy with the same root and tree).
 */
export function namedFiles(snap: PolicySnapshot | DocumentSnapshot, localPath: string, options: FileNameOptions = {}): NamedFile[] {
  const doc = 'document' in snap ? snap.document : snap;
  const out: NamedFile[] = [];
  for (const item of doc.parse.file.items) {
    if (item.kind !== 'parameter') continue;
    const spec = catalogue.statement(item.keyword.text);
    if (spec?.shape !== 'line' || !spec.operands) continue;
    item.values.forEach((word, i) => {
      if (spec.operands![i]?.kind !== 'file-ref' || word.quoted || !word.text.startsWith('/')) return;
      // `//...` is a data set only when it reads as one; anything else there names no file.
      if (word.text.startsWith('//') && !readDataSetName(word.text)) return;
      const candidates = candidateFiles(word.text, localPath, { root: options.root || undefined, paths: options.paths });
      if (candidates.length === 0) return;
      out.push({ zosName: word.text, range: toRange(doc, word), statement: spec.name, candidates });
    });
  }
  return out;
}

/**
 * The links of the names whose local copy was found: `target` gives the URI of the file that
 * stands for a name (undefined: none, or none that may be opened), and the name is left unlinked.
 */
export function documentLinks(names: readonly NamedFile[], target: (name: NamedFile) => { readonly uri: string; readonly path?: string } | undefined): lsp.DocumentLink[] {
  const out: lsp.DocumentLink[] = [];
  for (const n of names) {
    const t = target(n);
    if (!t) continue;
    out.push({ range: n.range, target: t.uri, tooltip: `Open the local copy of ${n.zosName}${t.path ? `: ${t.path}` : ''}` });
  }
  return out;
}
