// Which open documents the extension may claim as AT-TLS policies by their content, whatever
// language VS Code gave them first. Decided from the name, the scheme and the language only, so
// that the rule is tested without VS Code; the content test itself is looksLikePolicy (detect.ts).

/** What the decision reads of a document. */
export interface DocumentFacts {
  /** The URI scheme: file, untitled, zowe-ds, zowe-uss, vscode-remote... */
  readonly scheme: string;
  /** The URI path (always with forward slashes). */
  readonly path: string;
  readonly languageId: string;
}

/** Schemes of the editor's own views (output channels, settings, chat), never policy files. */
const EDITOR_VIEWS = /^(?:output|debug|comment|walkthrough.*|vscode-(?!remote$|vfs$|userdata$).*|chat.*)$/i;

/** Extensions policies commonly carry that VS Code gives to another language (Properties, Plain Text). */
const GENERIC_EXTENSIONS = /^(?:conf|txt)$/i;

/**
 * True when the content of a document should decide whether it is a policy:
 * - `*.conf` and `*.txt`, and names without an extension, in any scheme and whatever language
 *   VS Code chose for them (Properties, Plain Text, an INI or nginx mode of another extension);
 * - anything VS Code left as Plain Text;
 * - every data set of Zowe Explorer (`zowe-ds:`), whose names end in a qualifier such as
 *   `.TCPPARMS` or `.POLICY`, not in a file type.
 */
export function mayClaim(doc: DocumentFacts): boolean {
  if (doc.languageId === 'attls') return false;
  if (EDITOR_VIEWS.test(doc.scheme)) return false;
  if (doc.scheme.toLowerCase() === 'zowe-ds') return true;
  if (doc.languageId === 'plaintext') return true;
  // A leading dot starts a hidden name (.profile), not an extension.
  const base = doc.path.slice(doc.path.lastIndexOf('/') + 1).replace(/^\.+/, '');
  const dot = base.lastIndexOf('.');
  return dot < 0 || GENERIC_EXTENSIONS.test(base.slice(dot + 1));
}

/**
 * Schemes of versions that source control opens in the background (the other side of a diff, the
 * gutter's change markers): such documents are claimed without a notification, which would name a
 * file the user already saw claimed or never opened.
 */
const VERSIONS = /^(?:git|gitlens.*|svn|hg|pr|review|perforce.*)$/i;

/** True when claiming a document of this scheme should be announced with an offer to undo. */
export function announceClaim(scheme: string): boolean {
  return !VERSIONS.test(scheme);
}

/** How many declined documents are remembered; the oldest are forgotten first. */
export const MAX_DECLINED = 500;

/** The list of declined document URIs with `uri` added last, once, and at most MAX_DECLINED long. */
export function withDeclined(declined: readonly string[], uri: string): readonly string[] {
  const rest = declined.filter((u) => u !== uri);
  return [...rest, uri].slice(-MAX_DECLINED);
}
